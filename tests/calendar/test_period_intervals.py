"""Period's interval logic against a naive model: a period as a set of days."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError

D = pendulum.Date
BASE = D(2024, 1, 1)
HORIZON = 200  # open periods run past every day the model looks at


@st.composite
def spans(draw: st.DrawFn) -> tuple[int, int | None]:
    start = draw(st.integers(0, 80))
    length = draw(st.none() | st.integers(1, 80))
    return start, None if length is None else start + length


def period(span: tuple[int, int | None]) -> Period:
    start, end = span
    return Period(start=BASE.add(days=start), end=None if end is None else BASE.add(days=end))


def days(span: tuple[int, int | None]) -> set[int]:
    start, end = span
    return set(range(start, HORIZON if end is None else end))


@given(span=spans(), day=st.integers(-5, 170))
def test_contains_and_runs_past_agree_with_the_day_set(
    span: tuple[int, int | None], day: int
) -> None:
    p = period(span)
    assert p.contains(BASE.add(days=day)) is (day in days(span))
    assert p.runs_past(BASE.add(days=day)) is any(d >= day for d in days(span))


@given(a=spans(), b=spans())
def test_overlaps_and_within_agree_with_the_day_sets(
    a: tuple[int, int | None], b: tuple[int, int | None]
) -> None:
    assert period(a).overlaps(period(b)) is bool(days(a) & days(b))
    open_inside_closed = a[1] is None and b[1] is not None
    assert period(a).within(period(b)) is (days(a) <= days(b) and not open_inside_closed)


def test_closed_end_names_what_and_why() -> None:
    assert Period(start=BASE, end=D(2024, 2, 1)).closed_end() == D(2024, 2, 1)
    with pytest.raises(InvalidRecordError, match=r"horizon .* is open; list over closed") as caught:
        Period(start=BASE).closed_end("horizon", "list over closed")
    assert caught.value.rule == "period.half_open"
    with pytest.raises(InvalidRecordError) as other:
        Period(start=BASE).closed_end(rule="horizon.closed")
    assert other.value.rule == "horizon.closed"


def test_lifetime_runs_from_first_start_to_last_end() -> None:
    first = Period(start=BASE, end=D(2024, 3, 1))
    last = Period(start=D(2024, 3, 1), end=D(2025, 1, 1))
    assert Period.lifetime((first, last)) == Period(start=BASE, end=D(2025, 1, 1))
    assert Period.lifetime((first, Period(start=D(2024, 3, 1)))).is_open
    with pytest.raises(InvalidRecordError) as caught:
        Period.lifetime(())
    assert caught.value.rule == "history.empty"
