"""iCalendar export: RFC 5545 text, parsed back with the ``icalendar`` library."""

import datetime as dt

import attrs
import icalendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar import (
    DELIBERATION_DAY,
    HOME_DAY,
    MovePolicy,
    Period,
    china_working_days,
    civic_days,
)
from neighborhood_pb.errors import ConflictError, InvalidRecordError
from neighborhood_pb.io.ical import (
    DEFAULT_PRODID,
    CalendarEvent,
    civic_events,
    escape_text,
    fold_line,
    stable_uid,
    write_icalendar,
)
from neighborhood_pb.io.json import make_converter
from neighborhood_pb.testing.calendar import calendar_events, chinese_text

STAMP = pendulum.datetime(2026, 1, 1, 8, 30, tz="Asia/Shanghai")
CONVERTER = make_converter()


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def assert_well_formed(text: str) -> None:
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never splits a character


unique_events = st.lists(calendar_events(), max_size=6, unique_by=lambda e: e.uid)


@given(unique_events, chinese_text(max_size=30))
def test_every_field_survives_a_round_trip(events: list[CalendarEvent], name: str) -> None:
    text = write_icalendar(events, stamp=STAMP, name=name)
    assert_well_formed(text)
    calendar = parse(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == DEFAULT_PRODID
    if name:
        # icalendar keeps a non-standard property raw (vUnknown), so compare the escaped text
        assert str(calendar["X-WR-CALNAME"]) == escape_text(name)
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == len(events)
    for event, vevent in zip(events, parsed, strict=True):
        assert str(vevent["UID"]) == event.uid
        assert str(vevent["SUMMARY"]) == event.summary
        assert str(vevent.get("DESCRIPTION", "")) == event.description
        assert type(vevent["DTSTART"].dt) is dt.date
        assert vevent["DTSTART"].dt == event.start
        assert vevent["DTEND"].dt == event.end
        assert vevent["DTSTAMP"].dt == dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.UTC)
        categories = vevent.get("CATEGORIES")
        names = [str(c) for c in categories.cats] if categories is not None else []
        assert names == list(event.categories)


@given(chinese_text(min_size=1, max_size=300), st.sampled_from(["SUMMARY:", "X-LONG-NAME:"]))
def test_folding_never_splits_a_character(text: str, prefix: str) -> None:
    line = prefix + escape_text(text)
    folded = fold_line(line)
    physical = folded.encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    assert [p.decode("utf-8") for p in physical]  # every piece is whole UTF-8
    assert folded.replace("\r\n ", "") == line


def test_folding_counts_octets_not_characters() -> None:
    line = "SUMMARY:" + "议" * 30  # 8 + 90 octets, 38 characters
    folded = fold_line(line)
    first, second = folded.split("\r\n")
    assert len(first.encode()) == 74  # a 3-octet character would make 77
    assert second == " " + "议" * 8
    assert fold_line("SUMMARY:short") == "SUMMARY:short"
    exact = "X:" + "a" * 73
    assert fold_line(exact) == exact


def test_text_escaping() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    event = CalendarEvent(uid="u1", summary="议事日：提议，商议；践议\\议评", start="2026-01-04")
    text = write_icalendar([event], stamp=STAMP)
    assert "SUMMARY:议事日：提议\\，" not in text  # full-width punctuation is left alone
    assert "SUMMARY:议事日：提议，商议；践议\\\\议评\r\n" in text
    assert str(parse(text).walk("VEVENT")[0]["SUMMARY"]) == event.summary


def test_a_calendar_of_civic_days() -> None:
    found = civic_days(
        [DELIBERATION_DAY, HOME_DAY],
        Period(start="2024-09-01", end="2024-11-01"),
        china_working_days(),
    )
    events = civic_events(found, scope="花石社区")
    text = write_icalendar(events, stamp=STAMP, name="花石社区 议事日与回家日")
    assert text.startswith("BEGIN:VCALENDAR\r\nPRODID:")
    assert "DTSTART;VALUE=DATE:20240922\r\n" in text
    assert "DTSTAMP:20260101T003000Z\r\n" in text
    vevents = parse(text).walk("VEVENT")
    assert [str(v["SUMMARY"]) for v in vevents] == [
        "花石社区 议事日",
        "花石社区 回家日",
        "花石社区 议事日",
        "花石社区 回家日",
    ]
    moved = vevents[1]
    assert moved["DTSTART"].dt == dt.date(2024, 9, 22)
    assert moved["DTEND"].dt == dt.date(2024, 9, 23)
    assert "2024-09-29 is an adjusted working day" in str(moved["DESCRIPTION"])
    assert [str(c) for c in moved["CATEGORIES"].cats] == ["近邻党建", "回家日"]
    assert "DESCRIPTION" not in vevents[0]


def test_uids_are_stable_and_follow_the_rule_not_the_day() -> None:
    calendar = china_working_days()
    september = Period.month(2024, 9)
    moved = civic_events(civic_days([HOME_DAY], september, calendar))
    again = civic_events(civic_days([HOME_DAY], september, calendar))
    assert moved == again
    keep = attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy.KEEP_AND_WARN)
    kept = civic_events(civic_days([keep], september, calendar))
    assert kept[0].uid == moved[0].uid
    assert kept[0].start != moved[0].start
    other = civic_events(civic_days([HOME_DAY], september, calendar), scope="另一社区")
    assert other[0].uid != moved[0].uid
    bare = civic_events(civic_days([HOME_DAY], september, calendar), category="")
    assert bare[0].categories == ("回家日",)
    assert write_icalendar(moved, stamp=STAMP) == write_icalendar(again, stamp=STAMP)


def test_stable_uid() -> None:
    uid = stable_uid("civic", "home_day", "2024-09-01")
    assert uid == stable_uid("civic", "home_day", "2024-09-01")
    assert uid != stable_uid("civic", "home_day2024-09-01")
    assert uid.endswith("@neighborhood-pb")
    assert stable_uid("x", domain="example.org").endswith("@example.org")


def test_the_stamp_is_explicit_and_aware() -> None:
    event = CalendarEvent(uid="u1", summary="回家日", start="2026-01-25")
    with pytest.raises(InvalidRecordError, match="aware"):
        write_icalendar([event], stamp=dt.datetime(2026, 1, 1, 8, 30))
    with pytest.raises(InvalidRecordError):
        write_icalendar([event], stamp=dt.date(2026, 1, 1))  # type: ignore[arg-type]
    utc = write_icalendar([event], stamp=dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.UTC))
    assert utc == write_icalendar([event], stamp=STAMP)


def test_duplicate_uids_are_refused() -> None:
    event = CalendarEvent(uid="u1", summary="回家日", start="2026-01-25")
    with pytest.raises(ConflictError) as caught:
        write_icalendar([event, event], stamp=STAMP)
    assert caught.value.subject == "u1"


def test_an_empty_calendar_is_valid() -> None:
    text = write_icalendar([], stamp=STAMP)
    assert text == (
        "BEGIN:VCALENDAR\r\n"
        f"PRODID:{DEFAULT_PRODID}\r\n"
        "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    )
    assert parse(text).walk("VEVENT") == []


def test_an_event_lasts_one_day_by_default() -> None:
    event = CalendarEvent(uid="u", summary="议事日", start=dt.date(2026, 1, 4))
    assert event.end == pendulum.Date(2026, 1, 5)
    assert isinstance(event.start, pendulum.Date)


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"end": "2026-01-04"}, "exclusive"),
        ({"end": "2026-01-01"}, "exclusive"),
        ({"summary": "  "}, "empty"),
        ({"summary": 3}, "text"),
        ({"summary": "议事\x07日"}, "control"),
        ({"description": "\x00"}, "control"),
        ({"uid": ""}, "empty"),
        ({"uid": "a\nb"}, "one line"),
        ({"categories": "近邻党建"}, "collection"),
        ({"categories": ["近邻\n党建"]}, "one line"),
        ({"categories": [""]}, "empty"),
    ],
)
def test_events_refuse_bad_fields(fields: dict[str, object], match: str) -> None:
    values: dict[str, object] = {"uid": "u", "summary": "议事日", "start": "2026-01-04", **fields}
    with pytest.raises(InvalidRecordError, match=match):
        CalendarEvent(**values)  # type: ignore[arg-type]


def test_a_bad_prodid_is_refused() -> None:
    with pytest.raises(InvalidRecordError):
        write_icalendar([], stamp=STAMP, prodid="")


@given(calendar_events())
def test_events_survive_a_json_round_trip(event: CalendarEvent) -> None:
    assert CONVERTER.structure(CONVERTER.unstructure(event), CalendarEvent) == event
