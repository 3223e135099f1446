"""Recurring civic days as rules (固定活动日): deliberation days, home days, reviews.

A :class:`CivicDayRule` is data: in every week, month, quarter, half-year or year it names
one day (the n-th day of a month, the n-th working day, the n-th weekday), says which days
are allowed (any, working days, rest days) and what happens when the named day is not
allowed (:class:`MovePolicy`). Occurrences are computed against a
:class:`~neighborhood_pb.calendar.workdays.WorkingDayCalendar`; no period is ever skipped:

* a day that does not exist is clamped into the month: day 31 of April is April 30, the
  fifth Monday of a month with four is its last Monday, the 23rd working day of a month with
  21 is its last working day (an ``INFO`` finding says so);
* a day that is not allowed is moved by the rule's policy (an ``INFO`` finding) or kept with
  a ``WARNING`` finding; a move that finds no allowed day within ``max_shift_days`` raises
  :class:`~neighborhood_pb.errors.RuleViolationError` rather than dropping the occurrence.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as _dt
import enum
from collections.abc import Iterable, Iterator
from typing import Any, NoReturn

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, PeriodKind, as_date
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.errors import (
    Finding,
    InvalidRecordError,
    ParamValue,
    RuleViolationError,
    Severity,
)

__all__ = [
    "WEEKDAY_LABELS_ZH",
    "CivicDayRule",
    "CivicOccurrence",
    "DayRequirement",
    "DaySelector",
    "MovePolicy",
    "civic_days",
    "civic_findings",
    "occurrence_in",
    "occurrences",
    "period_label",
]

WEEKDAY_LABELS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
"""Chinese names of the weekdays, Monday (0) first as in ``date.weekday()``."""

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_IN = {
    PeriodKind.WEEK: 1,
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}


class DaySelector(enum.Enum):
    """How a rule names its day inside the chosen month."""

    DAY_OF_MONTH = "day_of_month"
    """Day ``n`` of the month (``-1`` is the last day)."""
    WORKING_DAY = "working_day"
    """The ``n``-th working day of the month (``-1`` is the last)."""
    WEEKDAY = "weekday"
    """The ``n``-th ``weekday`` of the month (``-1`` is the last); in a weekly rule, the
    ``weekday`` of the week."""

    @property
    def label_zh(self) -> str:
        """Chinese name (每月第几日、第几个工作日、第几个星期几)."""
        return {
            DaySelector.DAY_OF_MONTH: "每月第几日",
            DaySelector.WORKING_DAY: "第几个工作日",
            DaySelector.WEEKDAY: "第几个星期几",
        }[self]


class DayRequirement(enum.Enum):
    """Which days a civic day may fall on."""

    ANY = "any"
    WORKING_DAY = "working_day"
    REST_DAY = "rest_day"

    @property
    def label(self) -> str:
        """English words with the Chinese term, for messages."""
        return {
            DayRequirement.ANY: "day",
            DayRequirement.WORKING_DAY: "working day (工作日)",
            DayRequirement.REST_DAY: "rest day (休息日)",
        }[self]

    @property
    def label_zh(self) -> str:
        """Chinese name (任意日、工作日、休息日)."""
        return {
            DayRequirement.ANY: "任意日",
            DayRequirement.WORKING_DAY: "工作日",
            DayRequirement.REST_DAY: "休息日",
        }[self]


class MovePolicy(enum.Enum):
    """What happens when the named day is not allowed."""

    KEEP_AND_WARN = "keep_and_warn"
    """Keep the day and report a ``WARNING`` finding."""
    PREVIOUS_DAY = "previous_day"
    """Move to the nearest earlier allowed day."""
    NEXT_DAY = "next_day"
    """Move to the nearest later allowed day."""
    PREVIOUS_WEEK = "previous_week"
    """Move back a week at a time (same weekday) to the first allowed day."""
    NEXT_WEEK = "next_week"
    """Move forward a week at a time (same weekday) to the first allowed day."""

    @property
    def label_zh(self) -> str:
        """Chinese name (保留并提示、提前、顺延、…)."""
        return {
            MovePolicy.KEEP_AND_WARN: "保留原日并提示",
            MovePolicy.PREVIOUS_DAY: "提前至最近的允许日",
            MovePolicy.NEXT_DAY: "顺延至最近的允许日",
            MovePolicy.PREVIOUS_WEEK: "逐周提前",
            MovePolicy.NEXT_WEEK: "逐周顺延",
        }[self]

    @property
    def step(self) -> int:
        """Days moved per step (0 when the day is kept)."""
        return {
            MovePolicy.KEEP_AND_WARN: 0,
            MovePolicy.PREVIOUS_DAY: -1,
            MovePolicy.NEXT_DAY: 1,
            MovePolicy.PREVIOUS_WEEK: -7,
            MovePolicy.NEXT_WEEK: 7,
        }[self]


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecordError(
            f"CivicDayRule.{attribute.name} must be a non-empty string, got {value!r}",
            rule="civic.rule_fields",
        )


def _optional_weekday(value: Any) -> pendulum.WeekDay | None:
    return None if value is None else pendulum.WeekDay(value)


@attrs.frozen(kw_only=True)
class CivicDayRule:
    """A recurring civic day (固定活动日), e.g. 永春县's 议事日 on the first working day.

    Attributes:
        code: Stable identifier, e.g. ``deliberation_day``.
        label_zh: Chinese name shown to users, e.g. ``议事日``.
        every: The recurrence: ``WEEK``, ``MONTH``, ``QUARTER``, ``HALF_YEAR`` or ``YEAR``.
        select: How the day is named inside the chosen month (ignored for weekly rules, which
            take ``weekday``).
        n: Which day, working day or weekday of the month; negative counts from the end.
        weekday: The weekday for ``WEEKDAY`` selection and weekly rules (0 = Monday).
        month: Which month of the period (1 = first, -1 = last); 1 for weeks and months.
        needs: Which days are allowed.
        if_not_allowed: What happens when the named day is not allowed.
        max_shift_days: How far a move may go before the rule is reported as unsatisfiable.
        source: Where the rule comes from (place and document).
    """

    code: str = attrs.field(validator=_non_empty)
    label_zh: str = attrs.field(validator=_non_empty)
    every: PeriodKind = attrs.field(converter=PeriodKind)
    select: DaySelector = attrs.field(default=DaySelector.DAY_OF_MONTH, converter=DaySelector)
    n: int = 1
    weekday: pendulum.WeekDay | None = attrs.field(default=None, converter=_optional_weekday)
    month: int = 1
    needs: DayRequirement = attrs.field(default=DayRequirement.ANY, converter=DayRequirement)
    if_not_allowed: MovePolicy = attrs.field(default=MovePolicy.NEXT_DAY, converter=MovePolicy)
    max_shift_days: int = 31
    source: str = ""

    def __attrs_post_init__(self) -> None:
        def fail(message: str, rule: str) -> NoReturn:
            raise InvalidRecordError(
                f"civic day rule {self.code}: {message}", subject=self.code, rule=rule
            )

        if self.every not in _MONTHS_IN:
            fail(f"cannot recur every {self.every.value}", "civic.recurrence")
        if self.every is PeriodKind.WEEK:
            if self.weekday is None:
                fail("a weekly rule needs a weekday", "civic.weekday")
            if self.select is not DaySelector.WEEKDAY or self.n != 1 or self.month != 1:
                fail("a weekly rule takes select=WEEKDAY, n=1 and month=1", "civic.weekly")
        months = _MONTHS_IN[self.every]
        if not isinstance(self.month, int) or self.month == 0 or abs(self.month) > months:
            fail(
                f"month must be 1..{months} or -{months}..-1 in a {self.every.value}, "
                f"got {self.month!r}",
                "civic.month_of_period",
            )
        limit = {DaySelector.DAY_OF_MONTH: 31, DaySelector.WORKING_DAY: 23, DaySelector.WEEKDAY: 5}
        bound = limit[self.select]
        if not isinstance(self.n, int) or self.n == 0 or abs(self.n) > bound:
            fail(
                f"n must be 1..{bound} or -{bound}..-1 for {self.select.value}, got {self.n!r}",
                "civic.n",
            )
        if (self.select is DaySelector.WEEKDAY) != (self.weekday is not None):
            fail("a weekday is given exactly when select is WEEKDAY", "civic.weekday")
        if self.if_not_allowed in (MovePolicy.PREVIOUS_WEEK, MovePolicy.NEXT_WEEK):
            usual = {
                DayRequirement.ANY: True,
                DayRequirement.WORKING_DAY: self.weekday is not None and self.weekday < 5,
                DayRequirement.REST_DAY: self.weekday is not None and self.weekday >= 5,
            }[self.needs]
            if not usual:
                fail(
                    "moving by weeks keeps the weekday, so it needs a fixed weekday that is "
                    f"usually a {self.needs.label}",
                    "civic.week_move",
                )
        if not isinstance(self.max_shift_days, int) or not 0 <= self.max_shift_days <= 366:
            fail(f"max_shift_days must be 0..366, got {self.max_shift_days!r}", "civic.max_shift")

    def period_of(self, day: _dt.date | str) -> Period:
        """The rule's period (week, month, …) that contains ``day``."""
        day = as_date(day, "day")
        return Period.of(self.every, day)

    def periods(self, horizon: Period) -> Iterator[Period]:
        """The rule's periods that overlap a closed ``horizon``, in order."""
        end = horizon.closed_end("horizon", _OPEN_HORIZON)
        period = self.period_of(horizon.start)
        while period.start < end:
            yield period
            period = self.period_of(period.closed_end())

    @property
    def moves(self) -> bool:
        """Whether an occurrence can land on another day than the one named."""
        return self.needs is not DayRequirement.ANY and self.if_not_allowed.step != 0

    def describe_move(self, weekday: int) -> str:
        """Where a day on ``weekday`` moves, e.g. ``the previous Sunday that is a rest day``."""
        policy, what = self.if_not_allowed, self.needs.label
        direction = "previous" if policy.step < 0 else "next"
        if policy in (MovePolicy.PREVIOUS_WEEK, MovePolicy.NEXT_WEEK):
            return f"the {direction} {_WEEKDAY_NAMES[weekday]} that is a {what}"
        return f"the {direction} {what}"


def _nominal_day(value: Any) -> pendulum.Date:
    return as_date(value, "nominal")


@attrs.frozen(kw_only=True)
class CivicOccurrence:
    """One civic day as it falls (活动日).

    Attributes:
        rule: Code of the rule.
        label_zh: Chinese name of the day.
        period: The rule's period the occurrence belongs to (its week, month, …).
        day: The day it is held.
        nominal: The day the rule names, before any move (equal to ``day`` if not moved).
        provisional: Whether a year without official data was answered provisionally.
        findings: Notices about a clamp, a move, a kept day or a provisional answer.
    """

    rule: str
    label_zh: str
    period: Period
    day: pendulum.Date = attrs.field(converter=as_date)
    nominal: pendulum.Date = attrs.field(converter=_nominal_day)
    provisional: bool = False
    findings: tuple[Finding, ...] = ()

    @property
    def moved(self) -> bool:
        """Whether the day differs from the one the rule names."""
        return self.day != self.nominal


def period_label(kind: PeriodKind, period: Period) -> str:
    """A short name for a calendar period: ``2024-04``, ``2024 Q2``, ``2024 H1``, ``2024``,
    ``week of 2026-02-16`` (other periods print as ``[start, end)``)."""
    start = period.start
    if Period.of(kind, start) != period or kind is PeriodKind.DAY:
        return str(period)
    if kind is PeriodKind.WEEK:
        return f"week of {start}"
    if kind is PeriodKind.MONTH:
        return f"{start.year}-{start.month:02d}"
    if kind is PeriodKind.QUARTER:
        return f"{start.year} Q{(start.month + 2) // 3}"
    if kind is PeriodKind.HALF_YEAR:
        return f"{start.year} H{1 if start.month == 1 else 2}"
    return str(start.year)


_OPEN_HORIZON = "civic days are listed over closed periods"


def _chosen_month(rule: CivicDayRule, period: Period) -> tuple[int, int]:
    index = rule.month - 1 if rule.month > 0 else _MONTHS_IN[rule.every] + rule.month
    month0 = period.start.month - 1 + index
    return period.start.year + month0 // 12, month0 % 12 + 1


def _nominal(
    rule: CivicDayRule, period: Period, calendar: WorkingDayCalendar, provisional: bool
) -> tuple[pendulum.Date, str]:
    """The day the rule names in ``period``, and a note if it had to be clamped."""
    if rule.every is PeriodKind.WEEK:
        assert rule.weekday is not None
        return period.start.add(days=int(rule.weekday)), ""
    year, month = _chosen_month(rule, period)
    size = _stdcal.monthrange(year, month)[1]
    n = rule.n
    if rule.select is DaySelector.DAY_OF_MONTH:
        candidates = [pendulum.Date(year, month, day) for day in range(1, size + 1)]
        what = f"day {n}"
    elif rule.select is DaySelector.WORKING_DAY:
        candidates = list(calendar.working_days(Period.month(year, month), provisional=provisional))
        what = f"working day {n}"
    else:
        assert rule.weekday is not None
        weekday = int(rule.weekday)
        first = (weekday - _stdcal.weekday(year, month, 1)) % 7 + 1
        candidates = [pendulum.Date(year, month, day) for day in range(first, size + 1, 7)]
        what = f"{_WEEKDAY_NAMES[weekday]} {n}"
    if n <= len(candidates) and -n <= len(candidates):
        return candidates[n - 1 if n > 0 else n], ""
    day = candidates[-1] if n > 0 else candidates[0]
    edge = "last" if n > 0 else "first"
    return day, f"{what} of {year}-{month:02d} does not exist; the {edge} one, {day}, is used"


def _allowed(
    rule: CivicDayRule, day: pendulum.Date, calendar: WorkingDayCalendar, provisional: bool
) -> bool:
    if rule.needs is DayRequirement.ANY:
        return True
    working = calendar.is_working_day(day, provisional=provisional)
    return working if rule.needs is DayRequirement.WORKING_DAY else not working


def _why_not(
    rule: CivicDayRule, day: pendulum.Date, calendar: WorkingDayCalendar, provisional: bool
) -> str:
    if rule.needs is DayRequirement.REST_DAY:
        if calendar.is_adjusted_working_day(day, provisional=provisional):
            return "an adjusted working day (调休上班)"
        return "a working day (工作日)"
    if calendar.is_holiday(day, provisional=provisional):
        return "a holiday (节假日)"
    return "a rest day (休息日)"


def occurrence_in(
    rule: CivicDayRule,
    period: Period,
    calendar: WorkingDayCalendar,
    *,
    provisional: bool = False,
) -> CivicOccurrence:
    """The occurrence of ``rule`` that belongs to ``period`` (one of the rule's periods).

    Raises:
        InvalidRecordError: ``period`` is not one of the rule's periods.
        CalendarDataError: a year without data is needed and ``provisional`` is false.
        RuleViolationError: no allowed day lies within ``max_shift_days`` of the named day.
    """
    if rule.period_of(period.start) != period:
        raise InvalidRecordError(
            f"{period} is not a {rule.every.value} of rule {rule.code}",
            subject=rule.code,
            rule="civic.period",
        )
    subject = f"{rule.code}:{period.start}"
    shown = period_label(rule.every, period)
    label = f"{rule.label_zh} ({rule.code}) of {shown}"
    findings: list[Finding] = []

    def note(code: str, severity: Severity, message: str, **params: ParamValue) -> None:
        findings.append(
            Finding(
                code=code,
                severity=severity,
                subject=subject,
                subject_name=rule.label_zh,
                message=f"{label}: {message}",
                rule=rule.source,
                params={"day_name": rule.label_zh, "period": shown, **params},
            )
        )

    nominal, clamp = _nominal(rule, period, calendar, provisional)
    if clamp:
        note("civic.day_clamped", Severity.INFO, clamp)
    day = nominal
    if not _allowed(rule, nominal, calendar, provisional):
        why = f"{nominal} is {_why_not(rule, nominal, calendar, provisional)}"
        if rule.if_not_allowed is MovePolicy.KEEP_AND_WARN:
            note(
                "civic.day_kept",
                Severity.WARNING,
                f"{why}; kept (policy keep_and_warn)",
                nominal=nominal,
            )
        else:
            day = _shift(rule, nominal, calendar, provisional, subject)
            target = rule.describe_move(nominal.weekday())
            note(
                "civic.day_moved",
                Severity.INFO,
                f"{why}; moved to {target}, {day} (policy {rule.if_not_allowed.value})",
                nominal=nominal,
                day=day,
            )
    years = sorted({nominal.year, day.year})
    unofficial = [y for y in years if not calendar.has_official_data(y)]
    needs_data = rule.needs is not DayRequirement.ANY or rule.select is DaySelector.WORKING_DAY
    is_provisional = bool(unofficial) and needs_data
    if is_provisional:
        note(
            "civic.provisional",
            Severity.INFO,
            "computed provisionally (weekends off, no holidays): no official working-day data "
            f"for {', '.join(str(y) for y in unofficial)}",
            years=", ".join(str(y) for y in unofficial),
        )
    return CivicOccurrence(
        rule=rule.code,
        label_zh=rule.label_zh,
        period=period,
        day=day,
        nominal=nominal,
        provisional=is_provisional,
        findings=tuple(findings),
    )


def _shift(
    rule: CivicDayRule,
    nominal: pendulum.Date,
    calendar: WorkingDayCalendar,
    provisional: bool,
    subject: str,
) -> pendulum.Date:
    step = rule.if_not_allowed.step
    moved = step
    while abs(moved) <= rule.max_shift_days:
        candidate = nominal.add(days=moved)
        if _allowed(rule, candidate, calendar, provisional):
            return candidate
        moved += step
    raise RuleViolationError(
        f"civic day rule {rule.code}: no {rule.needs.label} within {rule.max_shift_days} days "
        f"of {nominal} (policy {rule.if_not_allowed.value}); the occurrence cannot be placed",
        subject=subject,
        rule="civic.max_shift",
    )


def occurrences(
    rule: CivicDayRule,
    horizon: Period,
    calendar: WorkingDayCalendar,
    *,
    provisional: bool = False,
) -> tuple[CivicOccurrence, ...]:
    """The occurrences of ``rule`` whose day lies in a closed ``horizon``, in order.

    An occurrence is listed where its day falls, so a day moved across the horizon's edge is
    listed by the horizon it moved into; consecutive horizons list every occurrence exactly
    once. Periods just outside the horizon that lie wholly in a year without data are not
    looked at unless ``provisional`` is true: whatever they hold is unknown.

    Raises:
        InvalidRecordError: the horizon is open.
        CalendarDataError: the horizon needs a year without data and ``provisional`` is false.
    """
    end = horizon.closed_end("horizon", _OPEN_HORIZON)
    margin = rule.max_shift_days if rule.moves else 0
    wide = Period(start=horizon.start.subtract(days=margin), end=end.add(days=margin))
    found = []
    for period in rule.periods(wide):
        if not horizon.overlaps(period) and not provisional and not _has_data(calendar, period):
            continue
        occurrence = occurrence_in(rule, period, calendar, provisional=provisional)
        if occurrence.day in horizon:
            found.append(occurrence)
    return tuple(sorted(found, key=lambda o: o.day))


def _has_data(calendar: WorkingDayCalendar, period: Period) -> bool:
    last = period.closed_end().subtract(days=1)
    return all(calendar.has_official_data(y) for y in range(period.start.year, last.year + 1))


def civic_days(
    rules: Iterable[CivicDayRule],
    horizon: Period,
    calendar: WorkingDayCalendar,
    *,
    provisional: bool = False,
) -> tuple[CivicOccurrence, ...]:
    """Every occurrence of several rules in ``horizon``, by day then rule code.

    Raises:
        CalendarDataError: the horizon needs a year without data and ``provisional`` is false.
    """
    found = [
        occurrence
        for rule in rules
        for occurrence in occurrences(rule, horizon, calendar, provisional=provisional)
    ]
    return tuple(sorted(found, key=lambda o: (o.day, o.rule)))


def civic_findings(found: Iterable[CivicOccurrence]) -> tuple[Finding, ...]:
    """The findings of some occurrences, most serious first."""
    return tuple(sorted((f for o in found for f in o.findings), key=Finding.sort_key))
