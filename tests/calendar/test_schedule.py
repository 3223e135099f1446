"""Civic days as far as official data reaches, and the years it does not."""

import pathlib

import pendulum
import pytest

from neighborhood_pb.calendar import (
    DELIBERATION_DAY,
    HOME_DAY,
    CivicDayRule,
    OfficialNotice,
    Period,
    PeriodKind,
    china_working_days,
    civic_schedule,
)
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.notices import load_notice

CHINA = china_working_days()
RULES = (DELIBERATION_DAY, HOME_DAY)
FIXTURE = pathlib.Path(__file__).parent.parent / "data" / "notice_2027_fixture.json"


def test_a_range_into_a_year_without_data_is_answered_up_to_it() -> None:
    found = civic_schedule(RULES, Period(start="2026-12-01", end="2027-02-01"), CHINA)
    assert [str(o.day) for o in found.occurrences] == ["2026-12-01", "2026-12-27"]
    assert not any(o.provisional for o in found.occurrences)
    assert found.missing_years == (2027,)
    assert not found.complete
    refusal = found.refusal()
    assert refusal is not None
    assert refusal.subject == "2027"
    assert refusal.rule == "calendar.official_data"
    assert "2027" in str(refusal)


def test_the_last_day_with_data_is_the_edge() -> None:
    last = civic_schedule(RULES, Period(start="2026-12-01", end="2027-01-01"), CHINA)
    assert last.complete
    assert last.refusal() is None
    first = civic_schedule(RULES, Period(start="2026-12-01", end="2027-01-02"), CHINA)
    assert first.missing_years == (2027,)
    assert first.occurrences == last.occurrences


def test_provisional_answers_only_when_asked() -> None:
    horizon = Period(start="2026-12-01", end="2027-02-01")
    found = civic_schedule(RULES, horizon, CHINA, provisional=True)
    assert found.complete
    assert [(str(o.day), o.provisional) for o in found.occurrences] == [
        ("2026-12-01", False),
        ("2026-12-27", False),
        ("2027-01-04", True),  # 元旦 is off by statute
        ("2027-01-31", True),
    ]


def test_a_notice_completes_the_range() -> None:
    calendar = CHINA.with_notices([load_notice(FIXTURE)])
    found = civic_schedule(RULES, Period(start="2026-12-01", end="2027-02-01"), calendar)
    assert found.complete
    assert [str(o.day) for o in found.occurrences][2:] == ["2027-01-04", "2027-01-31"]
    assert not any(o.provisional for o in found.occurrences)


def test_a_year_without_data_in_the_middle_is_named_and_the_next_answered() -> None:
    notice_2028 = OfficialNotice(year=2028, holidays=["2028-01-01"], source="fixture")
    calendar = CHINA.with_notices([notice_2028])
    found = civic_schedule(
        [DELIBERATION_DAY], Period(start="2026-12-01", end="2028-02-01"), calendar
    )
    assert found.missing_years == (2027,)
    assert [str(o.day) for o in found.occurrences] == ["2026-12-01", "2028-01-03"]


def test_rules_that_need_no_data_are_always_answered() -> None:
    rule = CivicDayRule(code="r", label_zh="纪念日", every=PeriodKind.YEAR, month=7, n=1)
    found = civic_schedule([rule], Period(start="2030-01-01", end="2031-01-01"), CHINA)
    assert [str(o.day) for o in found.occurrences] == ["2030-07-01"]
    assert found.complete


def test_an_open_horizon_is_refused() -> None:
    with pytest.raises(InvalidRecordError, match="open"):
        civic_schedule(RULES, Period(start=pendulum.Date(2026, 1, 1)), CHINA)
