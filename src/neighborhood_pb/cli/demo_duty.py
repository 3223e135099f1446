"""``nbpb demo`` sections on turns and days: who is on duty (轮值家长) and the next terms,
who chairs the next joint meetings (联席会议轮值主席), and the next civic days (议事日、回家日)."""

from __future__ import annotations

import attrs
import pendulum

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.calendar.civic import CivicOccurrence
from neighborhood_pb.calendar.civic_presets import DELIBERATION_DAY, HOME_DAY
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.calendar.schedule import CivicSchedule, civic_schedule
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.cli.text import (
    Wording,
    day_text,
    heading,
    named,
    note,
    say,
    table,
    term,
    weekday_text,
)
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.structure.rotations.chair import ChairRotation
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.rotations.records import TermOrigin

__all__ = [
    "CIVIC_DAYS_SHOWN",
    "DUTY_TERMS_SHOWN",
    "MEETINGS_SHOWN",
    "civic_rule_notes",
    "civic_section",
    "duty_section",
    "moved_note",
    "next_civic_days",
    "next_civic_schedule",
    "shown_terms",
]

DUTY_TERMS_SHOWN = 4
"""Terms of each duty rotation the demo lists: the one running on the day and the next."""

MEETINGS_SHOWN = 3
"""Meetings of each rotating chair the demo lists, from the day on."""

CIVIC_DAYS_SHOWN = 4
"""Civic days the demo lists, from the day on."""

_TEXT: Wording = {
    "rotations": ("轮值（截至{day}）", "Rotations as of {day}"),
    "none": (
        "  本数据集没有轮值家长或联席会议轮值主席。",
        "  No duty rotation or rotating chair in this dataset.",
    ),
    "duty_head": ("轮值家长", "Duty head (轮值家长)"),
    "chair": ("联席会议轮值主席", "Rotating chair of the joint meeting (联席会议轮值主席)"),
    "term_months": ("，每期{months}个月", ", terms of {months} months"),
    "on_duty": ("  {day}在岗：{who}", "  on duty on {day}: {who}"),
    "nobody": ("无人轮值", "nobody (无人轮值)"),
    "vacant": ("空缺", "vacant (空缺)"),
    "cancelled": ("取消", "cancelled (取消)"),
    "no_chair": ("无人可任", "nobody eligible"),
    "no_meeting_from": ("  自{day}起未安排会议", "  no meeting scheduled from {day}"),
    "no_meeting_after": ("    {day}之后未安排会议", "    no meeting scheduled after {day}"),
    "how": (
        "方式：轮值为按序轮到，互换为两人互换，代班为他人代班。联席会议每开一次，主席轮到下一人"
        "（盐城市）。",
        "How (方式): regular (轮值) turn, swap (互换), override (代班) by a substitute; a"
        " chair's turn passes at each meeting held (盐城市).",
    ),
    "terms": (
        "轮值家长每期为整月，{low}至{high}个月（{source}）。",
        "A duty head's term is whole calendar months, {low} to {high} ({source}).",
    ),
    "civic": ("活动日（自{day}起）", "Next civic days (活动日) from {day}"),
    "moved": ("由{day}调整", "moved from {day}"),
    "deliberation_day": (
        "议事日：每月第一个工作日（调休上班日也算，永春县）。",
        "Deliberation day (议事日): first working day of the month (adjusted working days"
        " count, 永春县).",
    ),
    "home_day": (
        "回家日：每月最后一个为休息日的周日（永春县）。",
        "Home day (回家日): last Sunday of the month that is a rest day (永春县).",
    ),
    "no_data": (
        "  {year}年：尚无官方工作日数据，不列出其活动日（请把该年的官方放假调休通知加入数据集）。",
        "  {year}: no official working-day data; its civic days are not shown (add the year's"
        " official notice to the dataset's notices).",
    ),
}
"""This module's headings, labels and notes, in Chinese and in English."""


def _name(ctx: DatasetContext, person_id: str) -> str:
    return ctx.tree.person(person_id).name


def _holder_name(ctx: DatasetContext, org_id: str | None) -> str:
    """The name of the committee or body a rotation belongs to (empty when none is named)."""
    if org_id is None:
        return ""
    try:
        return ctx.tree.history(org_id)[-1].name
    except UnknownRecordError:
        return ctx.appointments.body(org_id).name


def _title(ctx: DatasetContext, rotation_id: str, org_id: str | None, lang: str) -> str:
    holder = _holder_name(ctx, org_id)
    return f"  {named(holder, rotation_id, lang)}" if holder else f"  {rotation_id}"


def shown_terms(rotation: DutyRotation, on: pendulum.Date) -> Period:
    """The days the demo lists: from the term running on ``on`` (or the first, before the
    anchor) through :data:`DUTY_TERMS_SHOWN` terms."""
    slots = rotation.plan.slots
    index = slots.index_on(on)
    first = index if index is not None else slots.first_at_or_after(on)
    return Period(
        start=rotation.term_period(first).start,
        end=rotation.term_period(first + DUTY_TERMS_SHOWN - 1).end,
    )


def _last_day(period: Period, lang: str) -> str:
    return day_text(period.closed_end().subtract(days=1), lang)


def _duty_lines(ctx: DatasetContext, rotation: DutyRotation, lang: str) -> list[str]:
    setup = rotation.records().setup
    on_duty = rotation.on_duty(ctx.on)
    horizon = shown_terms(rotation, ctx.on)
    rows: list[tuple[pendulum.Date, list[str]]] = []
    for duty in rotation.terms(horizon):
        rows.append(
            (
                duty.period.start,
                [
                    str(duty.index + 1),
                    day_text(duty.period.start, lang),
                    _last_day(duty.period, lang),
                    _name(ctx, duty.person_id),
                    _origin(duty.origin, lang),
                ],
            )
        )
    for vacancy in rotation.vacancies(horizon):
        row = [
            "",
            day_text(vacancy.start, lang),
            _last_day(vacancy, lang),
            say(_TEXT, "vacant", lang),
            "-",
        ]
        rows.append((vacancy.start, row))
    rows.sort(key=lambda item: item[0])
    now = _name(ctx, on_duty) if on_duty else say(_TEXT, "nobody", lang)
    months = rotation.term_months_on(max(ctx.on, rotation.anchor))
    length = say(_TEXT, "term_months", lang, months=months)
    headers = [
        ["期", "起", "止", "轮值家长", "方式"],
        ["term", "from", "to (incl.)", "duty head", "how"],
    ]
    return [
        _title(ctx, rotation.id, setup.org_id, lang) + length,
        say(_TEXT, "on_duty", lang, day=day_text(ctx.on, lang), who=now),
        *table(headers, [row for _, row in rows], align="rllll", indent=4, lang=lang),
    ]


def _chair_lines(ctx: DatasetContext, rotation: ChairRotation, lang: str) -> list[str]:
    setup = rotation.records().setup
    upcoming = [m for m in rotation.meetings() if m.day >= ctx.on]
    standing = [m for m in upcoming if not m.is_cancelled][:MEETINGS_SHOWN]
    title = _title(ctx, rotation.id, setup.org_id, lang)
    if not standing:
        return [title, say(_TEXT, "no_meeting_from", lang, day=day_text(ctx.on, lang))]
    last = standing[-1].day
    shown = [m for m in upcoming if m.day <= last]
    chairs = {
        a.period.start: a for a in rotation.assignments(Period(start=ctx.on, end=last.add(days=1)))
    }
    rows = []
    for meeting in shown:
        if meeting.is_cancelled:
            rows.append(
                [
                    day_text(meeting.day, lang),
                    say(_TEXT, "cancelled", lang),
                    meeting.cancelled_reason or "",
                ]
            )
            continue
        chair = chairs.get(meeting.day)
        rows.append(
            [
                day_text(meeting.day, lang),
                _name(ctx, chair.person_id) if chair else say(_TEXT, "no_chair", lang),
                _origin(chair.origin, lang) if chair else "-",
            ]
        )
    headers = [["会议日", "轮值主席", "方式"], ["meeting", "chair", "how"]]
    lines = [title, *table(headers, rows, indent=4, lang=lang)]
    if len(standing) < MEETINGS_SHOWN:
        lines.append(say(_TEXT, "no_meeting_after", lang, day=day_text(last, lang)))
    return lines


def duty_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Who is on duty as duty head (轮值家长) on the day and the next terms; who chairs the
    next joint meetings (轮值主席)."""
    lines = heading(say(_TEXT, "rotations", lang, day=day_text(ctx.on, lang)))
    if not ctx.duty_rotations and not ctx.chair_rotations:
        return [*lines, say(_TEXT, "none", lang)]
    for rotation in ctx.duty_rotations:
        lines += ["", say(_TEXT, "duty_head", lang), *_duty_lines(ctx, rotation, lang)]
    for chair in ctx.chair_rotations:
        lines += ["", say(_TEXT, "chair", lang), *_chair_lines(ctx, chair, lang)]
    notes = [say(_TEXT, "how", lang)]
    for rules in dict.fromkeys(rotation.rules for rotation in ctx.duty_rotations):
        low, high = rules.min_term_months, rules.max_term_months
        notes.append(say(_TEXT, "terms", lang, low=low, high=high, source=rules.source or "-"))
    return [*lines, "", *note(("" if lang == "zh" else " ").join(notes))]


def _origin(origin: TermOrigin, lang: str) -> str:
    return term(origin.label_zh, origin.value, lang)


def next_civic_schedule(
    on: pendulum.Date, calendar: WorkingDayCalendar, count: int = CIVIC_DAYS_SHOWN
) -> CivicSchedule:
    """The next ``count`` deliberation days (议事日) and home days (回家日) on or after
    ``on``, as far as official working-day data reaches; a year without data is named, never
    answered provisionally behind the reader's back."""
    year = on.year
    while True:
        horizon = Period(start=on, end=pendulum.Date(year + 1, 1, 1))
        found = civic_schedule((DELIBERATION_DAY, HOME_DAY), horizon, calendar)
        if len(found.occurrences) >= count or not found.complete:
            return attrs.evolve(found, occurrences=found.occurrences[:count])
        year += 1


def next_civic_days(
    on: pendulum.Date, count: int = CIVIC_DAYS_SHOWN, calendar: WorkingDayCalendar | None = None
) -> list[CivicOccurrence]:
    """The days of :func:`next_civic_schedule` (on China's calendar unless told another)."""
    calendar = china_working_days() if calendar is None else calendar
    return list(next_civic_schedule(on, calendar, count).occurrences)


def moved_note(occurrence: CivicOccurrence, lang: str) -> str:
    """Where a moved civic day was due (由…调整), as ``nbpb demo`` and ``nbpb calendar`` both
    write it: ``由2025年1月26日调整`` under ``zh``, ``moved from 2025-01-26`` under ``en``;
    empty when the day was not moved."""
    if not occurrence.moved:
        return ""
    return say(_TEXT, "moved", lang, day=day_text(occurrence.nominal, lang))


def _note(occurrence: CivicOccurrence, lang: str) -> str:
    return moved_note(occurrence, lang) or "-"


def civic_rule_notes(lang: str) -> list[str]:
    """What the deliberation day (议事日) and the home day (回家日) are, as notes in ``lang``."""
    return [*note(say(_TEXT, "deliberation_day", lang)), *note(say(_TEXT, "home_day", lang))]


def civic_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """The next civic days from the day on: 议事日 (first working day of the month) and
    回家日 (last Sunday that is a rest day), on China's working-day calendar."""
    schedule = next_civic_schedule(ctx.on, ctx.calendar)
    rows = [
        [
            day_text(o.day, lang),
            weekday_text(o.day, lang),
            term(o.label_zh, o.rule, lang),
            _note(o, lang),
        ]
        for o in schedule.occurrences
    ]
    headers = [["日期", "星期", "活动日", "备注"], ["day", "weekday", "civic day", "notes"]]
    return [
        *heading(say(_TEXT, "civic", lang, day=day_text(ctx.on, lang))),
        *table(headers, rows, lang=lang),
        "",
        *civic_rule_notes(lang),
        *[
            line
            for year in schedule.missing_years
            for line in note(say(_TEXT, "no_data", lang, year=year).strip())
        ],
    ]
