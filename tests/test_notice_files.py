"""Official notices as JSON files: read, written back, and refused entry by entry."""

import json
import pathlib
from typing import Any

import pendulum
import pytest

from neighborhood_pb.calendar import OfficialNotice, china_working_days
from neighborhood_pb.errors import ConflictError, InvalidRecordError, StructuringError
from neighborhood_pb.io.notices import (
    NOTICE_FIELDS,
    dumps_notice,
    load_notice,
    loads_notice,
    notice_data,
    notice_from_data,
)

FIXTURE = pathlib.Path(__file__).parent / "data" / "notice_2027_fixture.json"


def _notice(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": 2027,
        "source": "fixture",
        "days_off": ["2027-01-01"],
        "working_days": ["2027-01-09"],
    }
    data.update(changes)
    return data


def test_a_file_is_read_and_written_back() -> None:
    notice = load_notice(FIXTURE)
    assert notice.year == 2027
    assert notice.source.startswith("TEST FIXTURE")
    assert pendulum.Date(2027, 2, 28) in notice.working_days
    assert len(notice.holidays) == 10
    assert loads_notice(dumps_notice(notice)) == notice
    assert list(notice_data(notice)) == list(NOTICE_FIELDS)


def test_the_calendar_answers_2027_from_the_file() -> None:
    calendar = china_working_days().with_notices([load_notice(FIXTURE)])
    assert calendar.has_official_data(2027)
    assert calendar.first_working_day(2027, 1) == pendulum.Date(2027, 1, 4)
    assert calendar.is_working_day(pendulum.Date(2027, 2, 28))  # a worked Sunday
    assert not calendar.is_working_day(pendulum.Date(2027, 3, 7))  # an ordinary Sunday


@pytest.mark.parametrize(
    ("changes", "entry", "rule"),
    [
        ({"days_off": ["2027-01-01", "2028-01-01"]}, "days_off[1]", "notice.days_inside_year"),
        ({"working_days": ["2026-12-26"]}, "working_days[0]", "notice.days_inside_year"),
        (
            {"days_off": ["2027-01-09"], "working_days": ["2027-01-09"]},
            "working_days[0]",
            "notice.holiday_or_working_day",
        ),
        (
            {"working_days": ["2027-01-09", "2027-01-08"]},  # Saturday, then a Friday
            "working_days[1]",
            "notice.adjusted_working_day_on_weekend",
        ),
        ({"days_off": ["2027-01-01", "2027-01-01"]}, "days_off[1]", "notice.day_listed_once"),
        ({"days_off": ["2027-1-1"]}, "days_off[0]", "time.iso_date"),
        ({"days_off": ["2027-02-30"]}, "days_off[0]", "time.iso_date"),
        ({"days_off": ["20270101"]}, "days_off[0]", "time.iso_date"),  # ISO, but not YYYY-MM-DD
        ({"days_off": ["2027-W01-1"]}, "days_off[0]", "time.iso_date"),
        ({"days_off": [20270101]}, "days_off[0]", "json.type"),
        ({"source": " "}, "source", "notice.source"),
    ],
)
def test_a_malformed_notice_is_refused_naming_the_entry(
    changes: dict[str, Any], entry: str, rule: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        notice_from_data(_notice(**changes))
    assert caught.value.rule == rule
    assert str(caught.value).startswith(f"{entry}: ")
    assert caught.value.subject == "notice 2027"


def test_the_saturday_is_accepted_where_the_friday_is_refused() -> None:
    notice = notice_from_data(_notice(working_days=["2027-01-09"]))
    assert notice.working_days == {pendulum.Date(2027, 1, 9)}


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        ([], "json.type"),
        ({"year": 2027, "days_off": [], "working_days": []}, "notice.fields"),
        (_notice(title="x"), "notice.fields"),
        (_notice(year="2027"), "json.type"),
        (_notice(year=True), "json.type"),
        (_notice(year=0), "calendar.year"),
        (_notice(days_off="2027-01-01"), "json.type"),
    ],
)
def test_a_notice_object_has_its_four_keys_and_types(data: Any, rule: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        notice_from_data(data)
    assert caught.value.rule == rule


def test_text_that_is_not_a_notice_is_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(StructuringError):
        loads_notice("{")
    raw = tmp_path / "latin1.json"
    raw.write_bytes(b"\xff{}")
    with pytest.raises(StructuringError, match="UTF-8"):
        load_notice(raw)
    good = tmp_path / "bom.json"
    good.write_text("\ufeff" + json.dumps(_notice()), encoding="utf-8")
    assert load_notice(good).year == 2027


def test_a_notice_for_a_year_with_data_must_agree_with_it() -> None:
    china = china_working_days()
    same = china.notice(2026)
    cited = OfficialNotice(
        year=2026, holidays=same.holidays, working_days=same.working_days, source="国办发明电"
    )
    assert china.with_notices([cited]) is china
    changed = OfficialNotice(year=2026, holidays=same.holidays, source="amended")
    with pytest.raises(ConflictError, match="2026"):
        china.with_notices([changed])
    with pytest.raises(ConflictError, match="2027"):
        china.with_notices([OfficialNotice(year=2027), OfficialNotice(year=2027)])
