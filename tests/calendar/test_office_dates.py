"""Days and periods as a Chinese office writes them (公文日期)."""

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.calendar import Period, office_day
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
