"""Rules of dates, periods, the working-day calendar and civic days (日历与活动日)."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_CIVIC = Source(
    cited="活动日规则",
    note_zh="以该活动日自身的依据为准",
    note_en="the civic day's own source applies",
)

_FINDINGS = (
    RuleSpec(
        code="civic.day_clamped",
        source=_CIVIC,
        severity=Severity.INFO,
        params={"day_name", "period", "period_zh"},
        zh="{period_zh}{day_name}：所定日期超出本期，已取本期内最近一天",
        en="{day_name} ({subject}) of {period}: the named day falls outside the period and "
        "was clamped to it",
    ),
    RuleSpec(
        code="civic.day_kept",
        source=_CIVIC,
        severity=Severity.WARNING,
        params={"day_name", "period", "period_zh", "nominal"},
        zh="{period_zh}{day_name}：{nominal}不是允许的日子，仍按原日期举行",
        en="{day_name} ({subject}) of {period}: {nominal} is not an allowed day; kept",
    ),
    RuleSpec(
        code="civic.day_moved",
        source=_CIVIC,
        severity=Severity.INFO,
        params={"day_name", "period", "period_zh", "nominal", "day"},
        zh="{period_zh}{day_name}：{nominal}不是允许的日子，改至{day}",
        en="{day_name} ({subject}) of {period}: {nominal} is not an allowed day; moved to {day}",
    ),
    RuleSpec(
        code="civic.provisional",
        source=_CIVIC,
        severity=Severity.INFO,
        params={"day_name", "period", "period_zh", "years"},
        zh="{period_zh}{day_name}：{years}年尚无官方工作日数据，按周末及法定节假日休息、无调休暂定",
        en="{day_name} ({subject}) of {period}: computed provisionally (weekends and statutory "
        "holidays off, no adjusted working days): no official working-day data for {years}",
    ),
)

_ERRORS = {
    "calendar.month": ("月份须在1到12之间", "a month lies in 1–12"),
    "calendar.one_notice_per_year": ("每年只有一份放假通知", "one notice per year"),
    "calendar.year": ("年份超出范围", "the year is out of range"),
    "civic.max_shift": ("允许的调整天数内没有合适日期", "no allowed day within the shift"),
    "civic.month_of_period": ("月份不在本期内", "the month lies outside the period"),
    "civic.monthly": ("此规则须按月设置", "the rule recurs monthly"),
    "civic.n": ("第几个的序数不符合规定", "the ordinal does not fit"),
    "civic.period": ("日期不属于该规则的周期", "the period is not one of the rule's"),
    "civic.recurrence": ("重复周期不符合规定", "the recurrence does not fit"),
    "civic.rule_fields": ("活动日规则的字段不一致", "the rule's fields are inconsistent"),
    "civic.week_move": ("按周的规则只能在本周内调整", "a weekly rule moves within its week"),
    "civic.weekday": ("星期几不符合规定", "the weekday does not fit"),
    "civic.weekly": ("此规则须按周设置", "the rule recurs weekly"),
    "notice.adjusted_working_day_on_weekend": (
        "调休上班日须在周末",
        "make-up days fall on weekends",
    ),
    "notice.day_listed_once": ("通知中每个日期只列一次", "a notice lists each day once"),
    "notice.days_inside_year": ("通知中的日期须在当年内", "a notice's days lie in its year"),
    "notice.fields": (
        "通知须含year、source、days_off、working_days",
        "a notice has year, source, days_off and working_days",
    ),
    "notice.holiday_or_working_day": (
        "一天不能既放假又上班",
        "a day is a holiday or a working day",
    ),
    "notice.source": ("通知须注明文号和标题", "a notice names its number and title"),
    "notice.working_day_every_month": ("每月至少有一个工作日", "every month has a working day"),
    "period.closed": ("时段须有结束日", "the period is closed"),
    "period.half_year": ("时段须为半年", "the period is a half-year"),
    "period.month": ("时段须为自然月", "the period is a calendar month"),
    "period.quarter": ("时段须为季度", "the period is a quarter"),
    "time.aware_instant": ("时刻须带时区", "an instant carries its zone"),
    "time.domain": ("日期须在1900年至2200年之间", "a day lies in the years 1900-2200"),
    "time.explicit": ("日期须明确给出", "a date is given explicitly"),
    "time.zone": ("时区不明", "the time zone is unknown"),
}

_TEMPLATED = (
    RuleSpec(
        code="period.half_open",
        source=LIBRARY_DEFAULT,
        params={"start", "end"},
        zh="时段止于{end}，却始于{start}：结束日须晚于开始日（时段含开始日、不含结束日）",
        en="period ends on {end} but starts on {start}: the end must come after the start "
        "(periods are half-open [start, end))",
        brief_zh="时段的结束日须晚于开始日",
        brief_en="a period ends after it starts",
    ),
    RuleSpec(
        code="time.iso_date",
        source=LIBRARY_DEFAULT,
        params={"value"},
        zh="`{value}`不是YYYY-MM-DD格式的日期",
        en="'{value}' is not an ISO date (YYYY-MM-DD)",
        brief_zh="日期须为YYYY-MM-DD格式",
        brief_en="a date is written YYYY-MM-DD",
    ),
)
"""Error rules whose templates name the case (a raiser without the parameters gets the
brief)."""

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *_TEMPLATED,
    RuleSpec(
        code="calendar.official_data",
        source=LIBRARY_DEFAULT,
        params={"years"},
        zh="{years}年尚无官方工作日数据；请加入当年的放假通知，或要求暂定答案（--provisional）",
        en="no official working-day data for {years}; add the year's official notice or ask "
        "for a provisional answer",
    ),
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The calendar rules."""
