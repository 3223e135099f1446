"""Civic day rules (固定活动日规则): which day of each week, month or quarter is a civic day.

A :class:`CivicDayRule` is data: the recurrence, how the day is named inside the chosen month
(:class:`DaySelector`), which days are allowed (:class:`DayRequirement`) and what happens when
the named day is not allowed (:class:`MovePolicy`). A rule validates itself completely when it
is made; :mod:`neighborhood_pb.calendar.civic` places its occurrences on a working-day
calendar.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator
from typing import Any, NoReturn

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, PeriodKind, as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.text import is_blank
from neighborhood_pb.errors.validators import is_whole

__all__ = [
    "MONTHS_IN",
    "OPEN_HORIZON",
    "WEEKDAY_LABELS_ZH",
    "WEEKDAY_NAMES",
    "CivicDayRule",
    "DayRequirement",
    "DaySelector",
    "MovePolicy",
]

WEEKDAY_LABELS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
"""Chinese names of the weekdays, Monday (0) first as in ``date.weekday()``."""

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English names of the weekdays, Monday (0) first, for messages."""

MONTHS_IN = {
    PeriodKind.WEEK: 1,
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}
"""How many months each period a rule can recur in spans (a week counts as one)."""

OPEN_HORIZON = "civic days are listed over closed periods"
"""Why a horizon must be closed, for the error an open one raises."""


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
    if not isinstance(value, str) or is_blank(value):
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

        if self.every not in MONTHS_IN:
            fail(f"cannot recur every {self.every.value}", "civic.recurrence")
        if self.every is PeriodKind.WEEK:
            if self.weekday is None:
                fail("a weekly rule needs a weekday", "civic.weekday")
            if self.select is not DaySelector.WEEKDAY or self.n != 1 or self.month != 1:
                fail("a weekly rule takes select=WEEKDAY, n=1 and month=1", "civic.weekly")
        months = MONTHS_IN[self.every]
        if not is_whole(self.month) or self.month == 0 or abs(self.month) > months:
            fail(
                f"month must be 1..{months} or -{months}..-1 in a {self.every.value}, "
                f"got {self.month!r}",
                "civic.month_of_period",
            )
        limit = {DaySelector.DAY_OF_MONTH: 31, DaySelector.WORKING_DAY: 23, DaySelector.WEEKDAY: 5}
        bound = limit[self.select]
        if not is_whole(self.n) or self.n == 0 or abs(self.n) > bound:
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
        if not is_whole(self.max_shift_days) or not 0 <= self.max_shift_days <= 366:
            fail(f"max_shift_days must be 0..366, got {self.max_shift_days!r}", "civic.max_shift")

    def period_of(self, day: _dt.date | str) -> Period:
        """The rule's period (week, month, …) that contains ``day``."""
        day = as_date(day, "day")
        return Period.of(self.every, day)

    def periods(self, horizon: Period) -> Iterator[Period]:
        """The rule's periods that overlap a closed ``horizon``, in order."""
        end = horizon.closed_end("horizon", OPEN_HORIZON)
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
            return f"the {direction} {WEEKDAY_NAMES[weekday]} that is a {what}"
        return f"the {direction} {what}"
