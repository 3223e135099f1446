"""iCalendar export (RFC 5545, 日历订阅): all-day events as ``text/calendar``.

A wire format, so it lives at the edge beside :mod:`neighborhood_pb.io.json`. Any sequence of
:class:`CalendarEvent` records becomes one ``VCALENDAR`` with :func:`write_icalendar`;
:func:`civic_events` turns civic-day occurrences into events, :func:`duty_events` the
terms of a duty rotation (轮值家长) or the chairs of a rotating chair (轮值主席),
:func:`meeting_events` the meetings of the deliberations (联席会议、议事日). The output is
deterministic: ``DTSTAMP`` comes from an explicit argument (no hidden clock) and UIDs from
the input, so the same input always gives the same bytes and a re-import updates events
instead of duplicating them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.civic import CivicOccurrence
from neighborhood_pb.calendar.instants import as_instant
from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import ConflictError, InvalidRecordError
from neighborhood_pb.governance.meetings import Meeting
from neighborhood_pb.structure.rotations.records import DutyTerm, TermOrigin

__all__ = [
    "DEFAULT_PRODID",
    "UID_DOMAIN",
    "CalendarEvent",
    "civic_events",
    "duty_events",
    "escape_text",
    "fold_line",
    "meeting_events",
    "stable_uid",
    "write_icalendar",
]

DEFAULT_PRODID = "-//neighborhood_pb//近邻党建 calendar//ZH"
"""Product identifier written in ``PRODID``."""

UID_DOMAIN = "neighborhood-pb"
"""Right-hand side of the UIDs made by :func:`stable_uid`."""

_LINE_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: Any, field: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise InvalidRecordError(
            f"CalendarEvent.{field} must be text, got {value!r}", rule="ical.text"
        )
    if required and not value.strip():
        raise InvalidRecordError(f"CalendarEvent.{field} must not be empty", rule="ical.text")
    if _CONTROL.search(value):
        raise InvalidRecordError(
            f"CalendarEvent.{field} contains a control character: {value!r}", rule="ical.text"
        )
    return value


def _check_required(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _text(value, attribute.name, required=True)


def _check_optional(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _text(value, attribute.name, required=False)


def _check_uid(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _text(value, "uid", required=True)
    if "\n" in value or "\r" in value:
        raise InvalidRecordError(
            f"CalendarEvent.uid must be one line, got {value!r}", rule="ical.uid"
        )


def _categories(values: Iterable[Any]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise InvalidRecordError(
            f"CalendarEvent.categories must be a collection of names, got {values!r}",
            rule="ical.text",
        )
    result = tuple(_text(value, "categories", required=True) for value in values)
    if any("\n" in name or "\r" in name for name in result):
        raise InvalidRecordError("a category must be one line", rule="ical.text")
    return result


def _next_day(instance: CalendarEvent) -> pendulum.Date:
    return instance.start.add(days=1)


def _check_end(instance: CalendarEvent, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value <= instance.start:
        raise InvalidRecordError(
            f"event {instance.uid} ends on {value} but starts on {instance.start}: the end "
            "is exclusive and must come after the start",
            subject=instance.uid,
            rule="period.half_open",
        )


def _start(value: Any) -> pendulum.Date:
    return as_date(value, "start")


def _end(value: Any) -> pendulum.Date:
    return as_date(value, "end")


@attrs.frozen(kw_only=True)
class CalendarEvent:
    """One all-day calendar event (日程), days ``[start, end)``.

    Attributes:
        uid: Globally unique, stable identifier (see :func:`stable_uid`).
        summary: Title, e.g. ``议事日``.
        start: First day.
        end: First day after the event (exclusive); the day after ``start`` by default.
        description: Longer text; may span lines.
        categories: Category names, e.g. ``("近邻党建", "议事日")``.
    """

    uid: str = attrs.field(validator=_check_uid)
    summary: str = attrs.field(validator=_check_required)
    start: pendulum.Date = attrs.field(converter=_start)
    end: pendulum.Date = attrs.field(
        default=attrs.Factory(_next_day, takes_self=True), converter=_end, validator=_check_end
    )
    description: str = attrs.field(default="", validator=_check_optional)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_categories)


def stable_uid(*parts: str, domain: str = UID_DOMAIN) -> str:
    """A UID that depends only on ``parts``: ``<sha256 prefix>@<domain>``.

    The same parts always give the same UID, so exporting again updates events in place.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{domain}"


def escape_text(value: str) -> str:
    r"""Escape a TEXT value (RFC 5545 §3.3.11): ``\`` ``;`` ``,`` and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets of UTF-8 (RFC 5545 §3.1), never inside a character.

    Continuation lines start with one space, which counts towards their 75 octets.
    """
    if len(line.encode("utf-8")) <= _LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, _LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, _LINE_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _utc_stamp(stamp: _dt.datetime | str) -> str:
    return as_instant(stamp, "stamp").astimezone(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _date(day: _dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def write_icalendar(
    events: Sequence[CalendarEvent],
    *,
    stamp: _dt.datetime | str,
    prodid: str = DEFAULT_PRODID,
    name: str = "",
) -> str:
    """RFC 5545 text of a ``VCALENDAR`` holding ``events`` in the given order.

    Args:
        events: The events; their UIDs must differ.
        stamp: The aware instant (or ISO string with an offset) written as every event's
            ``DTSTAMP`` (in UTC).
        prodid: The ``PRODID`` of the calendar.
        name: Calendar name (``X-WR-CALNAME``), omitted when empty.

    Returns:
        The text, with CRLF line endings and lines folded at 75 octets.

    Raises:
        InvalidRecordError: ``stamp`` is not aware.
        ConflictError: two events share a UID.
    """
    dtstamp = _utc_stamp(stamp)
    seen: set[str] = set()
    for event in events:
        if event.uid in seen:
            raise ConflictError(
                f"two events share the UID {event.uid}", subject=event.uid, rule="ical.unique_uid"
            )
        seen.add(event.uid)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{escape_text(_text(prodid, 'prodid', required=True))}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(_text(name, 'name', required=False))}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{_date(event.start)}",
            f"DTEND;VALUE=DATE:{_date(event.end)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def civic_events(
    found: Iterable[CivicOccurrence], *, scope: str = "", category: str = "近邻党建"
) -> tuple[CalendarEvent, ...]:
    """Calendar events for civic-day occurrences.

    Args:
        found: The occurrences (e.g. from :func:`~neighborhood_pb.calendar.civic_days`).
        scope: Who holds the days, e.g. ``花石社区``; it prefixes the summary and enters the
            UID, so the same rule for two communities gives two events.
        category: A category added before the day's own name (omitted when empty).

    Returns:
        One event per occurrence. The UID depends on the rule, its period and the scope, not
        on the day, so a day that moves keeps its UID. The description carries the
        occurrence's findings (a move, a kept day, a provisional answer).
    """
    events = []
    for occurrence in found:
        period = occurrence.period
        summary = f"{scope} {occurrence.label_zh}" if scope else occurrence.label_zh
        notes = [f.message for f in occurrence.findings]
        events.append(
            CalendarEvent(
                uid=stable_uid("civic", occurrence.rule, period.start.isoformat(), scope),
                summary=summary,
                start=occurrence.day,
                description="\n".join(notes),
                categories=(*((category,) if category else ()), occurrence.label_zh),
            )
        )
    return tuple(events)


def duty_events(
    terms: Iterable[DutyTerm],
    *,
    label: str = "轮值家长",
    names: Mapping[str, str] | None = None,
    scope: str = "",
    category: str = "近邻党建",
) -> tuple[CalendarEvent, ...]:
    """Calendar events for materialised duty terms, or for a rotating chair's meetings.

    Args:
        terms: The terms, e.g. ``DutyRotation.terms(horizon)`` or
            ``ChairRotation.assignments(horizon)`` (each piece of a split term is one event).
        label: What the turn is, e.g. ``轮值家长`` or ``联席会议轮值主席``.
        names: Display names by person id (the id is shown for anyone missing).
        scope: Who holds the rotation, e.g. ``青松社区``; it prefixes the summary.
        category: A category added before ``label`` (omitted when empty).

    Returns:
        One all-day event per term, ``[start, end)``. The UID depends on the rotation, the
        term's index and its first day, so exporting again updates a term in place, and the
        pieces of a term split by an override stay apart. The description says how the
        person came to the turn (a regular turn, a swap, a substitute) and cites the record.
    """
    names = names or {}
    events = []
    for term in terms:
        period = term.period
        if period.end is None:
            raise InvalidRecordError(
                f"term {term.index} of {term.rotation_id} has no end; only closed terms are "
                "exported",
                subject=term.rotation_id,
                rule="period.closed",
            )
        person = names.get(term.person_id, term.person_id)
        title = f"{label}: {person}"
        how = term.origin.label_zh
        if term.origin is not TermOrigin.REGULAR and term.source_id:
            how += f" ({term.source_id})"
        events.append(
            CalendarEvent(
                uid=stable_uid("duty", term.rotation_id, str(term.index), period.start.isoformat()),
                summary=f"{scope} {title}" if scope else title,
                start=period.start,
                end=period.end,
                description=f"{term.rotation_id} 第{term.index + 1}期, {how}",
                categories=(*((category,) if category else ()), label),
            )
        )
    return tuple(events)


def meeting_events(
    meetings: Iterable[Meeting],
    *,
    names: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
    scope: str = "",
    category: str = "近邻党建",
) -> tuple[CalendarEvent, ...]:
    """Calendar events for meetings held (联席会议、四方会议、议事日), e.g. ``book.meetings()``.

    Args:
        meetings: The meetings.
        names: Display names by person id, for the chair (the id is shown for anyone missing).
        titles: Matter titles by id, for the resolutions (likewise).
        scope: Who holds the meetings, e.g. ``青松社区``; it prefixes the summary.
        category: A category added before the kind of meeting (omitted when empty).

    Returns:
        One all-day event per meeting on its day. The UID depends on the meeting's id only, so
        exporting again updates it in place. The description names the chair, the attendance
        against the quorum, and each resolution with its matter.
    """
    names, titles = names or {}, titles or {}
    events = []
    for meeting in meetings:
        kind = meeting.kind.label_zh
        chair = names.get(meeting.chair_id, meeting.chair_id)
        lines = [
            f"主持 chair: {chair} ({meeting.chair_id})",
            f"出席 attended: {len(meeting.attendees)}, 法定人数 quorum {meeting.quorum}",
            *(
                f"决议 {titles.get(r.matter_id, r.matter_id)} ({r.matter_id}): {r.text}"
                for r in meeting.resolutions
            ),
        ]
        events.append(
            CalendarEvent(
                uid=stable_uid("meeting", meeting.id),
                summary=f"{scope} {kind}" if scope else kind,
                start=meeting.day,
                description="\n".join(lines),
                categories=(*((category,) if category else ()), kind),
            )
        )
    return tuple(events)
