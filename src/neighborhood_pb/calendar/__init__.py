"""Dates, half-open periods, China's working-day calendar and recurring civic days."""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
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
        period_label_zh,
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
        office_day,
        parse_date,
    )
    from neighborhood_pb.calendar.schedule import CivicSchedule, civic_schedule
    from neighborhood_pb.calendar.statutory import STATUTORY_SOURCE, statutory_notice
    from neighborhood_pb.calendar.workdays import WorkingDayCalendar, day_in_zone

_LAZY: dict[str, str] = {
    "CHINA_CORRECTIONS": "neighborhood_pb.calendar.china",
    "CivicDayRule": "neighborhood_pb.calendar.civic",
    "CivicOccurrence": "neighborhood_pb.calendar.civic",
    "CivicSchedule": "neighborhood_pb.calendar.schedule",
    "DEFAULT_ZONE": "neighborhood_pb.calendar.periods",
    "DELIBERATION_DAY": "neighborhood_pb.calendar.civic_presets",
    "DayRequirement": "neighborhood_pb.calendar.civic",
    "DaySelector": "neighborhood_pb.calendar.civic",
    "HALF_YEAR_INQUIRY": "neighborhood_pb.calendar.civic_presets",
    "HOME_DAY": "neighborhood_pb.calendar.civic_presets",
    "MonthCivicDays": "neighborhood_pb.calendar.civic_presets",
    "MovePolicy": "neighborhood_pb.calendar.civic",
    "NoticeCorrection": "neighborhood_pb.calendar.notices",
    "OfficialNotice": "neighborhood_pb.calendar.notices",
    "Period": "neighborhood_pb.calendar.periods",
    "PeriodKind": "neighborhood_pb.calendar.periods",
    "QUARTERLY_REVIEW": "neighborhood_pb.calendar.civic_presets",
    "STATUTORY_SOURCE": "neighborhood_pb.calendar.statutory",
    "WEEKDAY_LABELS_ZH": "neighborhood_pb.calendar.civic",
    "WorkingDayCalendar": "neighborhood_pb.calendar.workdays",
    "YEAR_END_EVALUATION": "neighborhood_pb.calendar.civic_presets",
    "YONGCHUN_RULES": "neighborhood_pb.calendar.civic_presets",
    "as_date": "neighborhood_pb.calendar.periods",
    "as_optional_date": "neighborhood_pb.calendar.periods",
    "china_notices": "neighborhood_pb.calendar.china",
    "china_working_days": "neighborhood_pb.calendar.china",
    "civic_days": "neighborhood_pb.calendar.civic",
    "civic_findings": "neighborhood_pb.calendar.civic",
    "civic_schedule": "neighborhood_pb.calendar.schedule",
    "civic_year": "neighborhood_pb.calendar.civic_presets",
    "day_in_zone": "neighborhood_pb.calendar.workdays",
    "occurrence_in": "neighborhood_pb.calendar.civic",
    "occurrences": "neighborhood_pb.calendar.civic",
    "office_day": "neighborhood_pb.calendar.periods",
    "parse_date": "neighborhood_pb.calendar.periods",
    "period_label": "neighborhood_pb.calendar.civic",
    "period_label_zh": "neighborhood_pb.calendar.civic",
    "statutory_notice": "neighborhood_pb.calendar.statutory",
    "weekly_visit": "neighborhood_pb.calendar.civic_presets",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "CHINA_CORRECTIONS",
    "DEFAULT_ZONE",
    "DELIBERATION_DAY",
    "HALF_YEAR_INQUIRY",
    "HOME_DAY",
    "QUARTERLY_REVIEW",
    "STATUTORY_SOURCE",
    "WEEKDAY_LABELS_ZH",
    "YEAR_END_EVALUATION",
    "YONGCHUN_RULES",
    "CivicDayRule",
    "CivicOccurrence",
    "CivicSchedule",
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
    "civic_schedule",
    "civic_year",
    "day_in_zone",
    "occurrence_in",
    "occurrences",
    "office_day",
    "parse_date",
    "period_label",
    "period_label_zh",
    "statutory_notice",
    "weekly_visit",
]


__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
