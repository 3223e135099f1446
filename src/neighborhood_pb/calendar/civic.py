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

The rules themselves live in :mod:`neighborhood_pb.calendar.civic_rules`; this module places
their occurrences and is the one place callers import from.
"""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.civic_rules import (
    MONTHS_IN,
    OPEN_HORIZON,
    WEEKDAY_LABELS_ZH,
    WEEKDAY_NAMES,
    CivicDayRule,
    DayRequirement,
    DaySelector,
    MovePolicy,
)
from neighborhood_pb.calendar.periods import Period, PeriodKind, as_date, office_day
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
    "period_label_zh",
]


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


def _calendar_label(kind: PeriodKind, period: Period, zh: bool) -> str:
    start = period.start
    if Period.of(kind, start) != period or kind is PeriodKind.DAY:
        return period.label_zh if zh else str(period)
    quarter, first_half = (start.month + 2) // 3, start.month == 1
    if zh:
        names = {
            PeriodKind.WEEK: f"{office_day(start)}起一周",
            PeriodKind.MONTH: f"{start.year}年{start.month}月",
            PeriodKind.QUARTER: f"{start.year}年第{'一二三四'[quarter - 1]}季度",
            PeriodKind.HALF_YEAR: f"{start.year}年{'上' if first_half else '下'}半年",
        }
    else:
        names = {
            PeriodKind.WEEK: f"week of {start}",
            PeriodKind.MONTH: f"{start.year}-{start.month:02d}",
            PeriodKind.QUARTER: f"{start.year} Q{quarter}",
            PeriodKind.HALF_YEAR: f"{start.year} H{1 if first_half else 2}",
        }
    return names.get(kind, f"{start.year}年" if zh else str(start.year))


def period_label_zh(kind: PeriodKind, period: Period) -> str:
    """A calendar period as a Chinese office names it: ``2026年4月``, ``2026年第二季度``,
    ``2026年上半年``, ``2026年``, ``2026年2月16日起一周`` (other periods by their days:
    ``2026年4月3日—5月2日``)."""
    return _calendar_label(kind, period, zh=True)


def period_label(kind: PeriodKind, period: Period) -> str:
    """A short name for a calendar period: ``2024-04``, ``2024 Q2``, ``2024 H1``, ``2024``,
    ``week of 2026-02-16`` (other periods print as ``[start, end)``)."""
    return _calendar_label(kind, period, zh=False)


def _chosen_month(rule: CivicDayRule, period: Period) -> tuple[int, int]:
    index = rule.month - 1 if rule.month > 0 else MONTHS_IN[rule.every] + rule.month
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
        what = f"{WEEKDAY_NAMES[weekday]} {n}"
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
                params={
                    "day_name": rule.label_zh,
                    "period": shown,
                    "period_zh": period_label_zh(rule.every, period),
                    **params,
                },
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
            "computed provisionally (weekends and the calendar's provisional days off, no "
            "adjusted working days): no official working-day data "
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
    end = horizon.closed_end("horizon", OPEN_HORIZON)
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
