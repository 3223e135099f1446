"""The civic days named by the sources, as configurable rules (活动日预设).

永春县 fixes two monthly days county-wide: the community deliberation day (议事日) on the first
working day of each month, and the in-service members' home day (回家日) on the last Sunday
of each month; it closes the loop with a quarterly public review (季度公示点评), a half-year
inquiry (半年质询督评) and a year-end evaluation (年终组织测评). 惠安县 visits its
neighbourhood centres on one fixed day each week (每周一看). The sources give no dates for
the reviews and no weekday for the visits: those presets are this library's defaults, to be
changed with ``attrs.evolve`` (or :func:`weekly_visit`).

The home day's default when its Sunday is an adjusted working day (调休上班) is
:attr:`MovePolicy.PREVIOUS_WEEK`: it moves to the previous Sunday that is a rest day. That
keeps it inside its month (a last Sunday is on the 22nd or later) and on a day the in-service
members are off work, which is the point of the day ("8小时以外都是社区人"). Pass
``attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy.KEEP_AND_WARN)`` to keep the day and get a
warning finding instead, or ``MovePolicy.NEXT_WEEK`` to move it to the next rest Sunday (which
may fall in the following month; it still belongs to its own month).
"""

from __future__ import annotations

import attrs
import pendulum

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.calendar.civic import (
    CivicDayRule,
    CivicOccurrence,
    DayRequirement,
    DaySelector,
    MovePolicy,
    occurrence_in,
)
from neighborhood_pb.calendar.notices import check_year_number
from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.errors import InvalidRecordError

__all__ = [
    "DELIBERATION_DAY",
    "HALF_YEAR_INQUIRY",
    "HOME_DAY",
    "QUARTERLY_REVIEW",
    "YEAR_END_EVALUATION",
    "YONGCHUN_RULES",
    "MonthCivicDays",
    "civic_year",
    "weekly_visit",
]

_YONGCHUN = "永春县近邻党建"

DELIBERATION_DAY = CivicDayRule(
    code="deliberation_day",
    label_zh="议事日",
    every=PeriodKind.MONTH,
    select=DaySelector.WORKING_DAY,
    n=1,
    needs=DayRequirement.WORKING_DAY,
    source=f"{_YONGCHUN}: 每月第一个工作日为全县统一的社区“议事日”",
)
"""议事日: the first working day of each month (永春县); it can be a Sunday (2026-01-04)."""

HOME_DAY = CivicDayRule(
    code="home_day",
    label_zh="回家日",
    every=PeriodKind.MONTH,
    select=DaySelector.WEEKDAY,
    weekday=pendulum.WeekDay.SUNDAY,
    n=-1,
    needs=DayRequirement.REST_DAY,
    if_not_allowed=MovePolicy.PREVIOUS_WEEK,
    source=f"{_YONGCHUN}: 每月最后一个周日为全县统一的在职党员“回家日”",
)
"""回家日: the last Sunday of each month (永春县); moved to the previous rest Sunday when
it is an adjusted working day (the library's default policy)."""

QUARTERLY_REVIEW = CivicDayRule(
    code="quarterly_review",
    label_zh="季度公示点评",
    every=PeriodKind.QUARTER,
    month=-1,
    select=DaySelector.WORKING_DAY,
    n=-1,
    needs=DayRequirement.WORKING_DAY,
    source=f"{_YONGCHUN}: 季度公示点评 (date: library default, the quarter's last working day)",
)
"""季度公示点评: by default the last working day of each quarter."""

HALF_YEAR_INQUIRY = CivicDayRule(
    code="half_year_inquiry",
    label_zh="半年质询督评",
    every=PeriodKind.HALF_YEAR,
    month=-1,
    select=DaySelector.DAY_OF_MONTH,
    n=15,
    needs=DayRequirement.WORKING_DAY,
    if_not_allowed=MovePolicy.NEXT_DAY,
    source=f"{_YONGCHUN}: 半年质询督评 (date: library default, 15 June / 15 December or the "
    "next working day)",
)
"""半年质询督评: by default the 15th of the half-year's last month, or the next working day."""

YEAR_END_EVALUATION = CivicDayRule(
    code="year_end_evaluation",
    label_zh="年终组织测评",
    every=PeriodKind.YEAR,
    month=12,
    select=DaySelector.DAY_OF_MONTH,
    n=20,
    needs=DayRequirement.WORKING_DAY,
    if_not_allowed=MovePolicy.NEXT_DAY,
    source=f"{_YONGCHUN}: 年终组织测评 (date: library default, 20 December or the next "
    "working day)",
)
"""年终组织测评: by default 20 December, or the next working day."""

YONGCHUN_RULES: tuple[CivicDayRule, ...] = (
    DELIBERATION_DAY,
    HOME_DAY,
    QUARTERLY_REVIEW,
    HALF_YEAR_INQUIRY,
    YEAR_END_EVALUATION,
)
"""永春县's civic days, in the order above."""


def weekly_visit(
    weekday: pendulum.WeekDay | int, *, if_not_allowed: MovePolicy = MovePolicy.NEXT_DAY
) -> CivicDayRule:
    """惠安县's 每周一看: a visit to the neighbourhood centres on one fixed working weekday.

    The source names no weekday, so the caller chooses it. When the day is a holiday the visit
    moves to the next working day by default.
    """
    return CivicDayRule(
        code="weekly_visit",
        label_zh="每周一看",
        every=PeriodKind.WEEK,
        select=DaySelector.WEEKDAY,
        weekday=weekday,
        needs=DayRequirement.WORKING_DAY,
        if_not_allowed=if_not_allowed,
        source="惠安县“党建+”邻里中心: 每周固定一天组织走访观摩 (每周一看)",
    )


@attrs.frozen(kw_only=True)
class MonthCivicDays:
    """One month's deliberation day and home day (`nbpb calendar`).

    Attributes:
        month: The calendar month.
        deliberation: Its 议事日.
        home: Its 回家日.
    """

    month: Period
    deliberation: CivicOccurrence
    home: CivicOccurrence


def civic_year(
    year: int,
    calendar: WorkingDayCalendar | None = None,
    *,
    provisional: bool = False,
    deliberation: CivicDayRule = DELIBERATION_DAY,
    home: CivicDayRule = HOME_DAY,
) -> tuple[MonthCivicDays, ...]:
    """Each month's deliberation day and home day for ``year``.

    Args:
        year: The calendar year.
        calendar: The working-day calendar; China's official one by default.
        provisional: Accept a provisional answer for a year without official data.
        deliberation: The deliberation-day rule (a monthly rule).
        home: The home-day rule (a monthly rule).

    Raises:
        CalendarDataError: the year has no official data and ``provisional`` is false.
        InvalidRecordError: a rule is not monthly, or the year is not representable.
    """
    if calendar is None:
        calendar = china_working_days()
    calendar.check_year(check_year_number(year), provisional=provisional)
    for rule in (deliberation, home):
        if rule.every is not PeriodKind.MONTH:
            raise InvalidRecordError(
                f"civic day rule {rule.code} recurs every {rule.every.value}, not every month",
                subject=rule.code,
                rule="civic.monthly",
            )
    months = []
    for month in range(1, 13):
        period = Period.month(year, month)
        months.append(
            MonthCivicDays(
                month=period,
                deliberation=occurrence_in(deliberation, period, calendar, provisional=provisional),
                home=occurrence_in(home, period, calendar, provisional=provisional),
            )
        )
    return tuple(months)
