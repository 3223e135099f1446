"""Days and periods as a Chinese office writes them (公文日期)."""

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.calendar import Period, PeriodKind, office_day, period_label_zh
from neighborhood_pb.cli import main
from neighborhood_pb.testing.structure import dates

D = pendulum.Date


def test_a_day_has_no_leading_zeros() -> None:
    assert office_day(D(2026, 1, 5)) == "2026年1月5日"
    assert office_day(D(2026, 10, 31)) == "2026年10月31日"


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(start=D(2026, 10, 1), end=D(2027, 1, 1)), "2026年10月1日—12月31日"),
        (Period(start=D(2026, 10, 1), end=D(2027, 2, 1)), "2026年10月1日—2027年1月31日"),
        (Period(start=D(2026, 10, 1), end=D(2026, 10, 2)), "2026年10月1日"),
        (Period(start=D(2026, 2, 1), end=D(2026, 3, 1)), "2026年2月1日—2月28日"),
        (Period(start=D(2026, 10, 1)), "2026年10月1日起"),
    ],
)
def test_half_open_periods_print_their_last_day(period: Period, label: str) -> None:
    assert period.label_zh == label


@settings(max_examples=50)
@given(start=dates(), length=st.integers(min_value=2, max_value=800))
def test_the_label_names_the_first_and_the_last_day(start: pendulum.Date, length: int) -> None:
    period = Period(start=start, end=start.add(days=length))
    first, _, last = period.label_zh.partition("—")
    assert first == office_day(start)
    end = start.add(days=length - 1)
    want = office_day(end) if end.year != start.year else f"{end.month}月{end.day}日"
    assert last == want


@pytest.mark.parametrize(
    ("kind", "day", "label"),
    [
        (PeriodKind.MONTH, D(2026, 4, 9), "2026年4月"),
        (PeriodKind.QUARTER, D(2026, 11, 1), "2026年第四季度"),
        (PeriodKind.HALF_YEAR, D(2026, 3, 1), "2026年上半年"),
        (PeriodKind.HALF_YEAR, D(2026, 7, 1), "2026年下半年"),
        (PeriodKind.YEAR, D(2026, 7, 1), "2026年"),
        (PeriodKind.WEEK, D(2026, 2, 18), "2026年2月16日起一周"),
        (PeriodKind.DAY, D(2026, 2, 18), "2026年2月18日"),
    ],
)
def test_calendar_periods_by_their_chinese_names(
    kind: PeriodKind, day: pendulum.Date, label: str
) -> None:
    assert period_label_zh(kind, Period.of(kind, day)) == label


def test_a_period_of_another_length_is_named_by_its_days() -> None:
    period = Period(start=D(2026, 4, 3), end=D(2026, 5, 3))
    assert period_label_zh(PeriodKind.MONTH, period) == "2026年4月3日—5月2日"


def test_civic_notes_name_the_month_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2031", "--provisional"]) == 0
    out = capsys.readouterr().out
    assert "2031年1月议事日" in out
    assert "2031-01议事日" not in out
