"""Hypothesis strategies for the calendar: dates, periods, notices, civic rules, events.

Use them in an application's own property tests, e.g.
``@given(official_dates())`` or ``@given(civic_rules(), periods())``.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as _dt
from typing import Any

import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.calendar.civic import CivicDayRule, DayRequirement, DaySelector, MovePolicy
from neighborhood_pb.calendar.notices import OfficialNotice
from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.io.ical import CalendarEvent

__all__ = [
    "calendar_events",
    "chinese_text",
    "civic_rules",
    "dates",
    "invalid_notice_kwargs",
    "month_periods",
    "official_dates",
    "official_notices",
    "official_years",
    "periods",
]

_RECURRENCES = (
    PeriodKind.WEEK,
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.HALF_YEAR,
    PeriodKind.YEAR,
)
_MONTHS_IN = {
    PeriodKind.WEEK: 1,
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}
_N_BOUND = {DaySelector.DAY_OF_MONTH: 31, DaySelector.WORKING_DAY: 23, DaySelector.WEEKDAY: 5}


def official_years() -> st.SearchStrategy[int]:
    """Years with official working-day data in China's calendar."""
    return st.sampled_from(china_working_days().official_years)


def dates(min_year: int, max_year: int) -> st.SearchStrategy[pendulum.Date]:
    """Days from 1 January ``min_year`` to 31 December ``max_year``."""
    first = pendulum.Date(min_year, 1, 1).toordinal()
    last = pendulum.Date(max_year, 12, 31).toordinal()
    return st.integers(first, last).map(pendulum.Date.fromordinal)


def official_dates() -> st.SearchStrategy[pendulum.Date]:
    """Days within the years that have official data."""
    years = china_working_days().official_years
    return dates(years[0], years[-1])


@st.composite
def periods(
    draw: st.DrawFn,
    min_year: int | None = None,
    max_year: int | None = None,
    max_days: int = 800,
) -> Period:
    """Closed periods of 1..``max_days`` days inside ``min_year..max_year`` (the official years
    by default)."""
    years = china_working_days().official_years
    low = years[0] if min_year is None else min_year
    high = years[-1] if max_year is None else max_year
    last = pendulum.Date(high + 1, 1, 1).toordinal()
    start = draw(st.integers(pendulum.Date(low, 1, 1).toordinal(), last - 1))
    length = draw(st.integers(1, min(max_days, last - start)))
    return Period(
        start=pendulum.Date.fromordinal(start), end=pendulum.Date.fromordinal(start + length)
    )


@st.composite
def month_periods(
    draw: st.DrawFn, min_year: int | None = None, max_year: int | None = None
) -> Period:
    """Calendar months inside ``min_year..max_year`` (the official years by default)."""
    years = china_working_days().official_years
    low = years[0] if min_year is None else min_year
    high = years[-1] if max_year is None else max_year
    return Period.month(draw(st.integers(low, high)), draw(st.integers(1, 12)))


@st.composite
def civic_rules(draw: st.DrawFn, *, moves: bool = True) -> CivicDayRule:
    """Valid civic-day rules of every recurrence, selector, requirement and policy.

    Args:
        moves: Allow policies that move a day; with ``False`` only ``KEEP_AND_WARN``.
    """
    every = draw(st.sampled_from(_RECURRENCES))
    weekly = every is PeriodKind.WEEK
    needs = draw(st.sampled_from(list(DayRequirement)))
    select = DaySelector.WEEKDAY if weekly else draw(st.sampled_from(list(DaySelector)))
    weekday = None
    if select is DaySelector.WEEKDAY:
        weekday = draw(st.sampled_from(list(pendulum.WeekDay)))
    policies = [MovePolicy.KEEP_AND_WARN]
    if moves:
        policies += [MovePolicy.PREVIOUS_DAY, MovePolicy.NEXT_DAY]
        usual = {
            DayRequirement.ANY: True,
            DayRequirement.WORKING_DAY: weekday is not None and weekday < 5,
            DayRequirement.REST_DAY: weekday is not None and weekday >= 5,
        }
        if usual[needs]:  # moving by weeks keeps the weekday: only for a usually allowed one
            policies += [MovePolicy.PREVIOUS_WEEK, MovePolicy.NEXT_WEEK]
    bound = _N_BOUND[select]
    months = _MONTHS_IN[every]
    return CivicDayRule(
        code=draw(_CODES),
        label_zh=draw(_LABELS),
        every=every,
        select=select,
        n=1 if weekly else draw(st.integers(-bound, bound).filter(bool)),
        month=1 if weekly else draw(st.integers(-months, months).filter(bool)),
        weekday=weekday,
        needs=needs,
        if_not_allowed=draw(st.sampled_from(policies)),
        source=draw(_SOURCES),
    )


def _days_of(year: int) -> list[pendulum.Date]:
    size = 366 if _stdcal.isleap(year) else 365
    first = pendulum.Date(year, 1, 1).toordinal()
    return [pendulum.Date.fromordinal(first + i) for i in range(size)]


def _keep_a_working_day_each_month(year: int, holidays: set[int], working: set[int]) -> None:
    """Drop a month's holidays (offsets from 1 January) if they leave it without a working day,
    as :class:`OfficialNotice` requires."""
    first_weekday = _dt.date(year, 1, 1).weekday()
    month_start = 0
    for month in range(1, 13):
        days = range(month_start, month_start + _stdcal.monthrange(year, month)[1])
        if not any(
            i in working or ((first_weekday + i) % 7 < 5 and i not in holidays) for i in days
        ):
            holidays.difference_update(days)
        month_start = days.stop


@st.composite
def official_notices(
    draw: st.DrawFn, years: st.SearchStrategy[int] | None = None
) -> OfficialNotice:
    """Valid notices: holiday stretches and adjusted working weekend days of one year
    (2027–2100 by default, years China's calendar does not have yet)."""
    year = draw(st.integers(2027, 2100) if years is None else years)
    first = _dt.date(year, 1, 1)
    size = 366 if _stdcal.isleap(year) else 365
    holidays: set[int] = set()  # days as offsets from 1 January
    for _ in range(draw(st.integers(0, 7))):
        start = draw(st.integers(0, size - 1))
        holidays.update(range(start, min(size, start + draw(st.integers(1, 9)))))
    weekends = [i for i in range(size) if (first.weekday() + i) % 7 >= 5 and i not in holidays]
    picks = draw(st.lists(st.integers(0, len(weekends) - 1), max_size=8))
    working = {weekends[i] for i in picks}
    _keep_a_working_day_each_month(year, holidays, working)
    ordinal = first.toordinal()
    return OfficialNotice(
        year=year,
        holidays=[pendulum.Date.fromordinal(ordinal + i) for i in holidays],
        working_days=[pendulum.Date.fromordinal(ordinal + i) for i in working],
        source="hypothesis",
    )


@st.composite
def invalid_notice_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments :class:`OfficialNotice` must refuse, with the rule they break under
    the key ``"rule"`` (remove it before calling)."""
    year = draw(st.integers(2027, 2100))
    days = _days_of(year)
    kind = draw(
        st.sampled_from(
            [
                "notice.days_inside_year",
                "notice.holiday_or_working_day",
                "notice.adjusted_working_day_on_weekend",
                "notice.working_day_every_month",
            ]
        )
    )
    weekend = draw(st.sampled_from([d for d in days if d.weekday() >= 5]))
    weekday = draw(st.sampled_from([d for d in days if d.weekday() < 5]))
    kwargs: dict[str, Any] = {"year": year, "rule": kind}
    if kind == "notice.days_inside_year":
        kwargs["holidays"] = {weekday.add(years=draw(st.sampled_from([-1, 1])))}
    elif kind == "notice.holiday_or_working_day":
        kwargs["holidays"] = {weekend}
        kwargs["working_days"] = {weekend}
    elif kind == "notice.adjusted_working_day_on_weekend":
        kwargs["working_days"] = {weekday}
    else:
        month = draw(st.integers(1, 12))
        kwargs["holidays"] = {d for d in days if d.month == month}
    return kwargs


_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("，。；：“”（）《》、！？ ,;\\\n:abcXYZ019-·"),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # 4-byte ideographs
)


def chinese_text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text mixing CJK ideographs, full-width punctuation, ASCII and characters that
    iCalendar escapes (``, ; \\`` and line breaks)."""
    return st.text(_ALPHABET, min_size=min_size, max_size=max_size)


def _one_line(text: str) -> bool:
    return bool(text.strip()) and "\n" not in text


# Built once: building strategies inside every draw is slow.
_CODES = st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True)
_LABELS = chinese_text(min_size=1, max_size=8).filter(str.strip)
_SOURCES = chinese_text(max_size=20)
_UIDS = st.from_regex(r"[A-Za-z0-9._-]{1,40}(@[a-z.-]{1,20})?", fullmatch=True)
_SUMMARIES = chinese_text(min_size=1).filter(str.strip)
_DESCRIPTIONS = chinese_text(max_size=200)
_CATEGORIES = st.lists(chinese_text(min_size=1, max_size=10).filter(_one_line), max_size=3)
_EVENT_DAYS = dates(2000, 2100)


@st.composite
def calendar_events(draw: st.DrawFn) -> CalendarEvent:
    """All-day events with Chinese summaries, descriptions and categories."""
    start = draw(_EVENT_DAYS)
    return CalendarEvent(
        uid=draw(_UIDS),
        summary=draw(_SUMMARIES),
        start=start,
        end=start.add(days=draw(st.integers(1, 40))),
        description=draw(_DESCRIPTIONS),
        categories=tuple(draw(_CATEGORIES)),
    )
