"""Dates and half-open periods."""

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import (
    DEFAULT_ZONE,
    Period,
    PeriodKind,
    as_date,
    as_optional_date,
    parse_date,
)
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.testing.structure import dates, periods

D = pendulum.Date


def covers(start: dt.date, end: dt.date | None, period: Period) -> bool:
    """The lifetime ``[start, end)`` contains ``period``: now ``Period.within``."""
    return period.within(Period(start=start, end=end))


def test_default_zone_is_beijing_time() -> None:
    assert DEFAULT_ZONE == "Asia/Shanghai"


# -- as_date / parse_date ----------------------------------------------------------------------


def test_as_date_returns_pendulum_dates_unchanged() -> None:
    day = D(2024, 2, 29)
    assert as_date(day) is day


def test_as_date_converts_plain_dates_and_iso_strings() -> None:
    converted = as_date(dt.date(2024, 2, 29))
    assert type(converted) is pendulum.Date
    assert converted == D(2024, 2, 29)
    assert as_date("2024-02-29") == D(2024, 2, 29)


@pytest.mark.parametrize(
    "instant",
    [dt.datetime(2024, 1, 1, 8, 0), pendulum.datetime(2024, 1, 1, tz=DEFAULT_ZONE)],
)
def test_as_date_refuses_instants(instant: dt.datetime) -> None:
    with pytest.raises(InvalidRecordError) as info:
        as_date(instant)
    assert info.value.rule == "time.explicit"
    assert "2024-01-01" in str(info.value)


@pytest.mark.parametrize("value", [20240101, None, 3.5, b"2024-01-01"])
def test_as_date_refuses_other_types(value: object) -> None:
    with pytest.raises(InvalidRecordError) as info:
        as_date(value)
    assert info.value.rule == "time.explicit"


def test_as_optional_date_lets_none_through() -> None:
    assert as_optional_date(None) is None
    assert as_optional_date("2024-01-31") == D(2024, 1, 31)


@pytest.mark.parametrize(
    "text",
    [
        "2024-W01-1",
        "20240101",
        "2024-001",
        "2024-02-30",
        "2024-1-1",
        " 2024-01-01",
        "2024-01-01T00",
    ],
)
def test_parse_date_is_strict(text: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        parse_date(text)
    assert info.value.rule == "time.iso_date"
    assert repr(text) in str(info.value)


def test_parse_date_refuses_non_strings() -> None:
    with pytest.raises(InvalidRecordError) as info:
        parse_date(20240101)  # type: ignore[arg-type]
    assert info.value.rule == "time.iso_date"


@given(dates())
def test_parse_date_reads_what_isoformat_writes(day: pendulum.Date) -> None:
    parsed = parse_date(day.isoformat())
    assert parsed == day
    assert type(parsed) is pendulum.Date


# -- period kinds ------------------------------------------------------------------------------


def test_period_kinds_have_chinese_labels() -> None:
    assert {k: k.label_zh for k in PeriodKind} == {
        PeriodKind.DAY: "日",
        PeriodKind.WEEK: "周",
        PeriodKind.MONTH: "月",
        PeriodKind.QUARTER: "季度",
        PeriodKind.HALF_YEAR: "半年",
        PeriodKind.YEAR: "年",
    }


# -- Period ------------------------------------------------------------------------------------


def test_period_converts_its_dates() -> None:
    period = Period(start="2024-01-01", end=dt.date(2024, 2, 1))
    assert period == Period(start=D(2024, 1, 1), end=D(2024, 2, 1))
    assert type(period.end) is pendulum.Date


@pytest.mark.parametrize("end", [D(2024, 1, 1), D(2023, 12, 31)])
def test_period_must_end_after_it_starts(end: pendulum.Date) -> None:
    with pytest.raises(InvalidRecordError) as info:
        Period(start=D(2024, 1, 1), end=end)
    assert info.value.rule == "period.half_open"
    assert str(end) in str(info.value)


def test_period_is_half_open() -> None:
    period = Period(start=D(2024, 1, 1), end=D(2024, 1, 3))
    assert not period.contains(D(2023, 12, 31))
    assert period.contains(D(2024, 1, 1))
    assert period.contains(dt.date(2024, 1, 2))
    assert not period.contains(D(2024, 1, 3))
    assert D(2024, 1, 2) in period
    assert D(2024, 1, 3) not in period
    assert "2024-01-02" not in period
    assert None not in period


def test_open_period_contains_every_later_day() -> None:
    period = Period(start=D(2024, 1, 1))
    assert period.is_open
    assert period.contains(D(9999, 12, 31))
    assert not period.contains(D(2023, 12, 31))
    assert not Period(start=D(2024, 1, 1), end=D(2024, 1, 2)).is_open


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2024-01-01", "2024-02-01"), ("2024-02-01", None), False),
        (("2024-01-01", "2024-02-02"), ("2024-02-01", None), True),
        (("2024-01-01", None), ("2030-01-01", None), True),
        (("2024-01-01", None), ("2020-01-01", "2024-01-01"), False),
        (("2024-01-01", None), ("2020-01-01", "2024-01-02"), True),
        (("2024-01-10", "2024-01-20"), ("2024-01-01", "2024-01-31"), True),
    ],
)
def test_overlaps(a: tuple[str, str | None], b: tuple[str, str | None], expected: bool) -> None:
    first, second = Period(start=a[0], end=a[1]), Period(start=b[0], end=b[1])
    assert first.overlaps(second) is expected
    assert second.overlaps(first) is expected


SMALL = periods(min_start=D(2024, 1, 1), max_start=D(2024, 3, 1), max_days=60)


@given(SMALL, SMALL)
def test_overlaps_means_a_shared_day(a: Period, b: Period) -> None:
    days = [D(2024, 1, 1).add(days=n) for n in range(140)]
    shared = any(a.contains(d) and b.contains(d) for d in days)
    assert a.overlaps(b) is shared


def test_ended_on_closes_or_shortens() -> None:
    period = Period(start=D(2024, 1, 1))
    assert period.ended_on(dt.date(2024, 3, 1)) == Period(start=D(2024, 1, 1), end=D(2024, 3, 1))
    closed = Period(start=D(2024, 1, 1), end=D(2024, 3, 1))
    assert closed.ended_on(D(2024, 2, 1)).end == D(2024, 2, 1)
    assert closed.ended_on(D(2024, 3, 1)) == closed


def test_ended_on_cannot_extend_or_empty_a_period() -> None:
    closed = Period(start=D(2024, 1, 1), end=D(2024, 3, 1))
    with pytest.raises(InvalidRecordError) as info:
        closed.ended_on(D(2024, 3, 2))
    assert info.value.rule == "history.end_dated"
    assert "2024-03-01" in str(info.value)
    with pytest.raises(InvalidRecordError) as empty:
        closed.ended_on(D(2024, 1, 1))
    assert empty.value.rule == "period.half_open"


def test_days_counts_a_closed_period() -> None:
    assert Period(start=D(2024, 2, 1), end=D(2024, 3, 1)).days() == 29
    with pytest.raises(InvalidRecordError) as info:
        Period(start=D(2024, 2, 1)).days()
    assert info.value.rule == "period.half_open"


def test_str_shows_the_interval() -> None:
    assert str(Period(start=D(2024, 1, 1), end=D(2024, 2, 1))) == "[2024-01-01, 2024-02-01)"
    assert str(Period(start=D(2024, 1, 1))) == "[2024-01-01, …)"


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (PeriodKind.DAY, D(2024, 5, 15), D(2024, 5, 16)),
        (PeriodKind.WEEK, D(2024, 5, 13), D(2024, 5, 20)),
        (PeriodKind.MONTH, D(2024, 5, 1), D(2024, 6, 1)),
        (PeriodKind.QUARTER, D(2024, 4, 1), D(2024, 7, 1)),
        (PeriodKind.HALF_YEAR, D(2024, 1, 1), D(2024, 7, 1)),
        (PeriodKind.YEAR, D(2024, 1, 1), D(2025, 1, 1)),
    ],
)
def test_of_finds_the_calendar_period(
    kind: PeriodKind, start: pendulum.Date, end: pendulum.Date
) -> None:
    assert Period.of(kind, dt.date(2024, 5, 15)) == Period(start=start, end=end)


def test_of_second_half_year_and_december() -> None:
    assert Period.of(PeriodKind.HALF_YEAR, D(2024, 7, 1)) == Period(
        start=D(2024, 7, 1), end=D(2025, 1, 1)
    )
    assert Period.of(PeriodKind.MONTH, D(2024, 12, 31)) == Period(
        start=D(2024, 12, 1), end=D(2025, 1, 1)
    )
    assert Period.of(PeriodKind.QUARTER, D(2024, 12, 31)).start == D(2024, 10, 1)


@given(st.sampled_from(PeriodKind), dates())
def test_of_contains_the_day_and_tiles_the_calendar(kind: PeriodKind, day: pendulum.Date) -> None:
    period = Period.of(kind, day)
    assert period.contains(day)
    assert period.end is not None
    assert Period.of(kind, period.end).start == period.end
    assert Period.of(kind, period.start.subtract(days=1)).end == period.start
    if kind is PeriodKind.WEEK:
        assert period.start.weekday() == 0


@pytest.mark.parametrize(
    ("factory", "value", "rule"),
    [
        (Period.month, 0, "period.month"),
        (Period.month, 13, "period.month"),
        (Period.quarter, 0, "period.quarter"),
        (Period.quarter, 5, "period.quarter"),
        (Period.half_year, 0, "period.half_year"),
        (Period.half_year, 3, "period.half_year"),
    ],
)
def test_calendar_periods_refuse_bad_numbers(factory: object, value: int, rule: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        factory(2024, value)  # type: ignore[operator]
    assert info.value.rule == rule
    assert str(value) in str(info.value)


def test_named_calendar_periods() -> None:
    assert Period.quarter(2024, 1) == Period(start=D(2024, 1, 1), end=D(2024, 4, 1))
    assert Period.half_year(2024, 2) == Period(start=D(2024, 7, 1), end=D(2025, 1, 1))
    assert Period.year(2024).days() == 366
    assert Period.month(2023, 2).days() == 28


# -- covers ------------------------------------------------------------------------------------


def test_covers() -> None:
    inner = Period(start=D(2024, 2, 1), end=D(2024, 3, 1))
    assert covers(D(2024, 1, 1), None, inner)
    assert covers(D(2024, 2, 1), D(2024, 3, 1), inner)
    assert not covers(D(2024, 2, 2), None, inner)
    assert not covers(D(2024, 1, 1), D(2024, 2, 29), inner)
    assert not covers(D(2024, 1, 1), D(2030, 1, 1), Period(start=D(2024, 2, 1)))
    assert covers(D(2024, 1, 1), None, Period(start=D(2024, 2, 1)))


@given(SMALL, dates(D(2023, 12, 1), D(2024, 3, 1)), st.none() | st.integers(1, 120))
def test_covers_means_every_day_inside(
    period: Period, start: pendulum.Date, length: int | None
) -> None:
    end = None if length is None else start.add(days=length)
    lifetime = Period(start=start, end=end)
    if period.end is None:
        expected = end is None and period.start >= start
    else:
        days = [period.start.add(days=n) for n in range(period.days())]
        expected = all(lifetime.contains(d) for d in days)
    assert covers(start, end, period) is expected
