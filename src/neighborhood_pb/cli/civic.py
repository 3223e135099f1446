"""``nbpb calendar YEAR``: each month's deliberation day (议事日) and home day (回家日).

As text for people, a JSON document for programs, or an iCalendar file (RFC 5545) to
subscribe to. ``--notice FILE`` adds an official notice published after this release (see
:mod:`neighborhood_pb.io.notices`); ``--home-day-policy`` says where a home day on an adjusted
working day goes. Exit status: 0 with the calendar; 2, with a one-line message, for a year
without official working-day data (unless ``--provisional``), a year out of range or a
notice file refused.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from functools import partial

import attrs
import pendulum

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.calendar.civic import CivicOccurrence, MovePolicy
from neighborhood_pb.calendar.civic_presets import HOME_DAY, MonthCivicDays, civic_year
from neighborhood_pb.calendar.periods import DEFAULT_ZONE, check_domain_day
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.cli.command import (
    Subcommand,
    error_text,
    fail,
    reason_text,
    refusal,
    write_lines,
)
from neighborhood_pb.cli.demo_duty import civic_rule_notes, moved_note
from neighborhood_pb.cli.findings import finding_text, severity_label
from neighborhood_pb.cli.pages import add_output, missing_output, write_page
from neighborhood_pb.cli.text import (
    Wording,
    day_text,
    heading,
    note,
    say,
    table,
    term,
    weekday_text,
)
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.io.ical import civic_events, write_icalendar
from neighborhood_pb.io.notices import load_notice
from neighborhood_pb.io.reports import calendar_page

__all__ = ["CALENDAR_FORMAT", "COMMAND", "ics_stamp", "run"]

CALENDAR_FORMAT = "neighborhood_pb.civic_calendar"
"""The ``format`` named by the JSON that ``nbpb calendar --format json`` prints."""

_TEXT: Wording = {
    "title": ("{year}年议事日与回家日", "Civic days of {year}"),
    "source": ("依据：{source}", "source: {source}"),
    "provisional": (
        "暂定：尚无{year}年的官方通知；按周末和法定节假日休息、无调休上班日推算（可用 --notice FILE"
        " 加入通知）。",
        "provisional: no official notice for {year} yet; weekends and statutory holidays off, no"
        " adjusted working days (add it with --notice FILE).",
    ),
    "day_moved": ("{day}（{note}）", "{day} ({note})"),
    "month": ("{month}月", "{month:2d}"),
    "note": ("  {severity}：{text}", "  {severity}: {text}"),
    "policy": (
        "回家日落在调休上班日时：{policy}。",
        "On an adjusted working day the home day is: {policy}.",
    ),
}
"""This module's headings and notes, in Chinese and in English."""


_HELP: Wording = {
    "command": (
        "一年中每月的议事日和回家日",
        "each month's deliberation day (议事日) and home day (回家日) of a year",
    ),
    "year": ("公历年份，如 2026", "the calendar year, e.g. 2026"),
    "format": (
        "text 供人阅读（默认），json 为供程序读取的稳定文档，ics 为 iCalendar 文件"
        "（RFC 5545），html 为一页 A4 网页（须 --out FILE）",
        "text for people (default), a stable JSON document for programs, an iCalendar file"
        " (RFC 5545), or an A4 HTML page (with --out FILE)",
    ),
    "scope": (
        "与 --format ics 同用：活动日的举办者，如 青松社区（加在每个事件之前）",
        "with --format ics: who holds the days, e.g. 青松社区 (prefixes each event)",
    ),
    "stamp": (
        "与 --format ics 同用：DTSTAMP，带时差的 ISO 时刻（默认：YEAR 年初的北京时间零点，"
        "文件只取决于 YEAR）",
        "with --format ics: the DTSTAMP, an ISO instant with its offset (default: the start"
        " of YEAR in Asia/Shanghai, so the file depends on YEAR only)",
    ),
    "provisional": (
        "为尚无官方数据的年份推算：周末和法定节假日休息，无调休上班日（每个这样的日子都注明为暂定）",
        "answer for a year without official data: weekends and statutory holidays off, no"
        " adjusted working days (each such day says it is provisional)",
    ),
    "notice": (
        "JSON 格式的官方放假通知（含 `year`、`source`、`days_off`、`working_days`），用于本版本"
        "之后发布的"
        "年份；可重复",
        "an official notice as a JSON file (year, source, days_off, working_days), for a year"
        " published after this release; repeatable",
    ),
    "policy": (
        "回家日落在调休上班日时改到哪天（默认 {default}：之前最近的休息日周日）",
        "where a home day (回家日) on an adjusted working day goes (default {default}: the"
        " previous Sunday that is a rest day)",
    ),
    "not_instant": ("{text!r} 不是 ISO 时刻", "{text!r} is not an ISO instant"),
    "no_offset": ("{text!r} 没有时差（如 +08:00）", "{text!r} has no UTC offset (e.g. +08:00)"),
}
"""The subcommand's help and its refusals of a bad ``--stamp``, in Chinese and in English."""


def _add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("year", metavar="YEAR", type=int, help=say(_HELP, "year", lang))
    parser.add_argument(
        "--format",
        choices=("text", "json", "ics", "html"),
        default="text",
        help=say(_HELP, "format", lang),
    )
    add_output(parser, lang)
    parser.add_argument("--scope", default="", metavar="NAME", help=say(_HELP, "scope", lang))
    parser.add_argument(
        "--stamp",
        type=partial(_instant_argument, lang=lang),
        metavar="INSTANT",
        help=say(_HELP, "stamp", lang),
    )
    parser.add_argument("--provisional", action="store_true", help=say(_HELP, "provisional", lang))
    parser.add_argument(
        "--notice", action="append", default=[], metavar="FILE", help=say(_HELP, "notice", lang)
    )
    parser.add_argument(
        "--home-day-policy",
        choices=[policy.value for policy in MovePolicy],
        default=HOME_DAY.if_not_allowed.value,
        help=say(_HELP, "policy", lang, default=HOME_DAY.if_not_allowed.value),
    )


def _instant_argument(text: str, lang: str = "zh") -> _dt.datetime:
    try:
        stamp = _dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(_HELP, "not_instant", lang, text=text)) from None
    if stamp.utcoffset() is None:
        raise argparse.ArgumentTypeError(say(_HELP, "no_offset", lang, text=text))
    try:
        check_domain_day(stamp.date(), "the instant")
    except NeighborhoodPBError as exc:
        raise argparse.ArgumentTypeError(error_text(exc, lang)) from None
    return stamp


def _write_exactly(text: str) -> None:
    """Write ``text`` as UTF-8 bytes, line endings untouched (iCalendar needs CRLF)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream, e.g. io.StringIO
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def ics_stamp(year: int) -> pendulum.DateTime:
    """The default ``DTSTAMP`` of ``nbpb calendar YEAR --format ics``: midnight starting the
    year in Asia/Shanghai. Fixed, so that the same year always gives the same file (no clock
    is read); pass ``--stamp`` for another."""
    return pendulum.datetime(year, 1, 1, tz=DEFAULT_ZONE)


def _day_text(occurrence: CivicOccurrence, lang: str) -> str:
    day = occurrence.day
    text = f"{day_text(day, lang)} {weekday_text(day, lang)}"
    moved = moved_note(occurrence, lang)
    return say(_TEXT, "day_moved", lang, day=text, note=moved) if moved else text


def _occurrence_data(occurrence: CivicOccurrence, lang: str) -> dict[str, object]:
    return {
        "day": occurrence.day.isoformat(),
        "nominal": occurrence.nominal.isoformat(),
        "weekday": occurrence.day.isoweekday(),
        "moved": occurrence.moved,
        "provisional": occurrence.provisional,
        "notes": [finding_text(f, lang) for f in occurrence.findings],
    }


def _text(
    year: int,
    months: tuple[MonthCivicDays, ...],
    lang: str,
    calendar: WorkingDayCalendar,
    home: MovePolicy,
) -> list[str]:
    rows = [
        [
            say(_TEXT, "month", lang, month=m.month.start.month),
            _day_text(m.deliberation, lang),
            _day_text(m.home, lang),
        ]
        for m in months
    ]
    lines = heading(say(_TEXT, "title", lang, year=year))
    if calendar.has_official_data(year):
        lines += note(say(_TEXT, "source", lang, source=calendar.notice(year).source))
    else:
        lines += note(say(_TEXT, "provisional", lang, year=year))
    headers = [
        ["月", "议事日", "回家日"],
        ["month", "deliberation day (议事日)", "home day (回家日)"],
    ]
    lines += table(headers, rows, lang=lang)
    notes = [f for m in months for f in (*m.deliberation.findings, *m.home.findings)]
    if notes:
        lines.append("")
        for found in notes:
            severity = severity_label(found.severity, lang)
            lines.append(
                say(_TEXT, "note", lang, severity=severity, text=finding_text(found, lang))
            )
    policy = term(home.label_zh, home.value, lang)
    return [*lines, "", *civic_rule_notes(lang), *note(say(_TEXT, "policy", lang, policy=policy))]


def run(args: argparse.Namespace) -> int:
    """Print the civic calendar of ``args.year``."""
    year: int = args.year
    missing = missing_output("calendar", args)
    if missing is not None:
        return missing
    notices = []
    for path in args.notice:
        try:
            notices.append(load_notice(path))
        except OSError as exc:
            return fail(
                "calendar",
                refusal("cannot_read", args.lang, path=path, reason=reason_text(exc, args.lang)),
            )
        except NeighborhoodPBError as exc:
            return fail("calendar", f"{path}: {error_text(exc, args.lang)}")
    try:
        calendar = china_working_days().with_notices(notices)
    except NeighborhoodPBError as exc:
        return fail("calendar", error_text(exc, args.lang))
    home = attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy(args.home_day_policy))
    try:
        months = civic_year(year, calendar, provisional=args.provisional, home=home)
    except NeighborhoodPBError as exc:
        return fail("calendar", f"{year}: {error_text(exc, args.lang)}")
    if args.format == "ics":
        found = [o for m in months for o in (m.deliberation, m.home)]
        stamp = args.stamp or ics_stamp(year)
        name = f"{args.scope} {year}年 议事日与回家日" if args.scope else f"{year}年 议事日与回家日"
        text = write_icalendar(civic_events(found, scope=args.scope), stamp=stamp, name=name)
        _write_exactly(text)
    elif args.format in ("json", "html"):
        document = {
            "format": CALENDAR_FORMAT,
            "version": 1,
            "year": year,
            "provisional": not calendar.has_official_data(year),
            "source": calendar.notice(year).source if calendar.has_official_data(year) else "",
            "home_day_policy": home.if_not_allowed.value,
            "months": [
                {
                    "month": m.month.start.month,
                    "deliberation_day": _occurrence_data(m.deliberation, args.lang),
                    "home_day": _occurrence_data(m.home, args.lang),
                }
                for m in months
            ],
        }
        if args.format == "html":
            policy = home.if_not_allowed.label_zh
            return write_page(
                "calendar", args.out, partial(calendar_page, document, policy), args.lang
            )
        sys.stdout.write(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
    else:
        write_lines(_text(year, months, args.lang, calendar, home.if_not_allowed))
    return 0


COMMAND = Subcommand(
    name="calendar",
    help=_HELP["command"],
    add_arguments=_add_arguments,
    run=run,
)
