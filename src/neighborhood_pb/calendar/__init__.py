"""Dates, half-open periods, China's working-day calendar and recurring civic days."""

from neighborhood_pb.calendar.china import CHINA_CORRECTIONS, china_notices, china_working_days
from neighborhood_pb.calendar.civic import (
    WEEKDAY_LABELS_ZH,
    CivicDayRule,
    CivicOccurrence,
    DayRequirement,
    DaySelector,
    MovePolicy,
    civic_days,
    civic_findings,
    occurrence_in,
    occurrences,
    period_label,
)
from neighborhood_pb.calendar.civic_presets import (
    DELIBERATION_DAY,
    HALF_YEAR_INQUIRY,
    HOME_DAY,
    QUARTERLY_REVIEW,
    YEAR_END_EVALUATION,
    YONGCHUN_RULES,
    MonthCivicDays,
    civic_year,
    weekly_visit,
)
from neighborhood_pb.calendar.notices import NoticeCorrection, OfficialNotice
from neighborhood_pb.calendar.periods import (
    DEFAULT_ZONE,
    Period,
    PeriodKind,
    as_date,
    as_optional_date,
    parse_date,
)
from neighborhood_pb.calendar.workdays import WorkingDayCalendar, day_in_zone

__all__ = [
    "CHINA_CORRECTIONS",
    "DEFAULT_ZONE",
    "DELIBERATION_DAY",
    "HALF_YEAR_INQUIRY",
    "HOME_DAY",
    "QUARTERLY_REVIEW",
    "WEEKDAY_LABELS_ZH",
    "YEAR_END_EVALUATION",
    "YONGCHUN_RULES",
    "CivicDayRule",
    "CivicOccurrence",
    "DayRequirement",
    "DaySelector",
    "MonthCivicDays",
    "MovePolicy",
    "NoticeCorrection",
    "OfficialNotice",
    "Period",
    "PeriodKind",
    "WorkingDayCalendar",
    "as_date",
    "as_optional_date",
    "china_notices",
    "china_working_days",
    "civic_days",
    "civic_findings",
    "civic_year",
    "day_in_zone",
    "occurrence_in",
    "occurrences",
    "parse_date",
    "period_label",
    "weekly_visit",
]
