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
from neighborhood_pb.cli.text import day_text, heading, table
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.structure.rotations.chair import ChairRotation
from neighborhood_pb.structure.rotations.duty import DutyRotation

__all__ = [
    "CIVIC_DAYS_SHOWN",
    "DUTY_TERMS_SHOWN",
    "MEETINGS_SHOWN",
    "civic_section",
    "duty_section",
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

_WEEKDAYS_ZH = ("一", "二", "三", "四", "五", "六", "日")


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


def _title(ctx: DatasetContext, rotation_id: str, org_id: str | None) -> str:
    holder = _holder_name(ctx, org_id)
    return f"  {rotation_id} ({holder})" if holder else f"  {rotation_id}"


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
    for term in rotation.terms(horizon):
        rows.append(
            (
                term.period.start,
                [
                    str(term.index + 1),
                    day_text(term.period.start, lang),
                    _last_day(term.period, lang),
                    _name(ctx, term.person_id),
                    term.origin.label_zh,
                ],
            )
        )
    for vacancy in rotation.vacancies(horizon):
        row = ["", day_text(vacancy.start, lang), _last_day(vacancy, lang), "空缺 vacant", "-"]
        rows.append((vacancy.start, row))
    rows.sort(key=lambda item: item[0])
    now = _name(ctx, on_duty) if on_duty else "nobody (无人轮值)"
    months = rotation.term_months_on(max(ctx.on, rotation.anchor))
    length = f", terms of {months} months"
    headers = [
        ["期", "起", "止", "轮值家长", "方式"],
        ["term", "from", "to (incl.)", "duty head", "how"],
    ]
    return [
        _title(ctx, rotation.id, setup.org_id) + length,
        f"  on duty on {day_text(ctx.on, lang)}: {now}",
        *table(headers, [row for _, row in rows], align="rllll", indent=4),
    ]


def _chair_lines(ctx: DatasetContext, rotation: ChairRotation, lang: str) -> list[str]:
    setup = rotation.records().setup
    upcoming = [m for m in rotation.meetings() if m.day >= ctx.on]
    standing = [m for m in upcoming if not m.is_cancelled][:MEETINGS_SHOWN]
    title = _title(ctx, rotation.id, setup.org_id)
    if not standing:
        return [title, f"  no meeting scheduled from {day_text(ctx.on, lang)}"]
    last = standing[-1].day
    shown = [m for m in upcoming if m.day <= last]
    chairs = {
        a.period.start: a for a in rotation.assignments(Period(start=ctx.on, end=last.add(days=1)))
    }
    rows = []
    for meeting in shown:
        if meeting.is_cancelled:
            rows.append(
                [day_text(meeting.day, lang), "取消 cancelled", meeting.cancelled_reason or ""]
            )
            continue
        chair = chairs.get(meeting.day)
        rows.append(
            [
                day_text(meeting.day, lang),
                _name(ctx, chair.person_id) if chair else "无人 nobody eligible",
                chair.origin.label_zh if chair else "-",
            ]
        )
    headers = [["会议日", "轮值主席", "方式"], ["meeting", "chair", "how"]]
    lines = [title, *table(headers, rows, indent=4)]
    if len(standing) < MEETINGS_SHOWN:
        lines.append(f"    no meeting scheduled after {day_text(last, lang)}")
    return lines


def duty_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Who is on duty as duty head (轮值家长) on the day and the next terms; who chairs the
    next joint meetings (轮值主席)."""
    lines = heading("轮值", f"Rotations as of {day_text(ctx.on, lang)}")
    if not ctx.duty_rotations and not ctx.chair_rotations:
        return [*lines, "  No duty rotation or rotating chair in this dataset."]
    for rotation in ctx.duty_rotations:
        lines += ["", "轮值家长 duty head", *_duty_lines(ctx, rotation, lang)]
    for chair in ctx.chair_rotations:
        lines += [
            "",
            "联席会议轮值主席 rotating chair of the joint meeting",
            *_chair_lines(ctx, chair, lang),
        ]
    lines += [
        "",
        "  方式: 轮值 regular turn, 互换 swap, 代班 substitute. Terms are whole calendar months",
        "  (永春县: 1-3); a chair's turn passes at each meeting held (盐城市).",
    ]
    return lines


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


def _note(occurrence: CivicOccurrence) -> str:
    return f"moved from {occurrence.nominal}" if occurrence.moved else "-"


def civic_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """The next civic days from the day on: 议事日 (first working day of the month) and
    回家日 (last Sunday that is a rest day), on China's working-day calendar."""
    schedule = next_civic_schedule(ctx.on, ctx.calendar)
    rows = [
        [
            day_text(o.day, lang),
            f"周{_WEEKDAYS_ZH[o.day.weekday()]}",
            o.label_zh,
            o.rule,
            _note(o),
        ]
        for o in schedule.occurrences
    ]
    headers = [["日期", "星期", "活动日", "", "备注"], ["day", "weekday", "civic day", "", "notes"]]
    return [
        *heading("活动日", f"Next civic days from {day_text(ctx.on, lang)}"),
        *table(headers, rows),
        "",
        "  议事日: first working day of the month (adjusted working days count, 永春县).",
        "  回家日: last Sunday of the month that is a rest day (永春县).",
        *[
            line
            for year in schedule.missing_years
            for line in (
                f"  {year}: 尚无官方工作日数据 no official working-day data; its civic days are "
                "not shown",
                "  (add the year's official notice to the dataset's notices).",
            )
        ],
    ]
