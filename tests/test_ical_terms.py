"""Duty terms and chair assignments as iCalendar events, read back with a real iCalendar
library together with civic days; ``nbpb calendar YEAR --format ics``."""

from __future__ import annotations

import datetime as _dt
import io
import sys
from typing import Any

import icalendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import InvalidRecordError, Period, civic_year
from neighborhood_pb.cli import main
from neighborhood_pb.cli.civic import ics_stamp
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.io.ical import civic_events, duty_events, stable_uid, write_icalendar
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure.rotations import DutyRotation, DutyTerm, TermOrigin
from neighborhood_pb.testing.rotations import duty_rotations

CTX = DatasetContext.build(load_sample("community"))
DUTY = CTX.duty_rotations[0]
CHAIR = CTX.chair_rotations[0]
YEAR_2025 = Period.year(2025)
STAMP = pendulum.datetime(2026, 11, 1, 9, 30, tz="Asia/Shanghai")
NAMES = {p.id: p.name for p in CTX.tree.people()}


def parse(text: str) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def day(event: Any, key: str) -> _dt.date:
    value = event.decoded(key)
    assert type(value) is _dt.date  # all-day: a DATE, not a DATE-TIME
    return value


def test_terms_and_civic_days_in_one_calendar() -> None:
    terms = DUTY.terms(YEAR_2025)
    chairs = CHAIR.assignments(YEAR_2025)
    civic = [o for m in civic_year(2025) for o in (m.deliberation, m.home)]
    events = (
        *duty_events(terms, names=NAMES, scope="青松社区"),
        *duty_events(chairs, label="联席会议轮值主席", names=NAMES, scope="青松社区"),
        *civic_events(civic, scope="青松社区"),
    )
    text = write_icalendar(events, stamp=STAMP, name="青松社区 轮值与活动日")
    parsed = parse(text)
    assert len(parsed) == len(terms) + len(chairs) + len(civic)
    assert len({str(e["UID"]) for e in parsed}) == len(parsed)
    by_uid = {str(e["UID"]): e for e in parsed}
    for term, event in zip(terms, events, strict=False):
        found = by_uid[event.uid]
        assert day(found, "DTSTART") == term.period.start
        assert day(found, "DTEND") == term.period.end
        assert str(found["SUMMARY"]) == f"青松社区 轮值家长: {NAMES[term.person_id]}"
        assert found.decoded("DTSTAMP") == STAMP.in_timezone("UTC")
    chair_days = {day(e, "DTSTART") for e in parsed if "联席会议轮值主席" in str(e["SUMMARY"])}
    assert chair_days == {a.period.start for a in chairs}
    civic_days = {day(e, "DTSTART") for e in parsed if str(e["SUMMARY"])[-1] == "日"}
    assert civic_days == {o.day for o in civic}


def test_uids_are_the_rotation_the_index_and_the_start() -> None:
    terms = DUTY.terms(YEAR_2025)
    events = duty_events(terms)
    for term, event in zip(terms, events, strict=True):
        assert event.uid == stable_uid(
            "duty", term.rotation_id, str(term.index), term.period.start.isoformat()
        )
    # The term split by an override: two events, two UIDs, one index.
    split = [t for t in terms if t.origin is TermOrigin.OVERRIDE]
    assert split
    pieces = [t for t in terms if t.index == split[0].index]
    assert len({e.uid for t, e in zip(terms, events, strict=True) if t in pieces}) == 2
    # Exporting again, over another horizon, gives the same UIDs for the same terms.
    again = {e.uid for e in duty_events(DUTY.terms(Period(start="2025-06-01", end="2025-09-01")))}
    assert again <= {e.uid for e in events}


def test_descriptions_say_how_the_turn_came_about() -> None:
    terms = DUTY.terms(YEAR_2025)
    events = duty_events(terms, category="")
    override = next(
        e for t, e in zip(terms, events, strict=True) if t.origin is TermOrigin.OVERRIDE
    )
    assert "代班 (QS-GC-DUTY-O1)" in override.description
    assert override.categories == ("轮值家长",)
    regular = events[0]
    assert regular.description == "QS-GC-DUTY 第1期, 轮值"
    assert regular.summary == "轮值家长: QS-P31"  # no names given: the id
    assignments = CHAIR.assignments(YEAR_2025)
    chair_events = duty_events(assignments)
    swapped = [
        e for a, e in zip(assignments, chair_events, strict=True) if a.origin is TermOrigin.SWAP
    ]
    assert len(swapped) == 2
    assert all("互换 (QS-GC-CHAIR-S1)" in e.description for e in swapped)


def test_an_open_term_is_refused() -> None:
    open_term = DutyTerm(rotation_id="r", person_id="p", period=Period(start="2025-01-01"), index=0)
    with pytest.raises(InvalidRecordError, match="only closed terms") as caught:
        duty_events([open_term])
    assert caught.value.rule == "period.closed"


@given(rotation=duty_rotations(), months=st.integers(min_value=1, max_value=36))
def test_any_rotations_terms_read_back(rotation: DutyRotation, months: int) -> None:
    horizon = Period(start=rotation.anchor, end=rotation.anchor.add(months=months))
    terms = rotation.terms(horizon)
    parsed = parse(write_icalendar(duty_events(terms), stamp=STAMP))
    assert [(day(e, "DTSTART"), day(e, "DTEND")) for e in parsed] == [
        (t.period.start, t.period.end) for t in terms
    ]
    assert [str(e["SUMMARY"]) for e in parsed] == [f"轮值家长: {t.person_id}" for t in terms]


# -- nbpb calendar YEAR --format ics -------------------------------------------------------------


def ics(capsys: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, bytes]:
    status = main(["calendar", *argv, "--format", "ics"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_calendar_as_icalendar(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, err = ics(capsysbinary, "2026", "--scope", "青松社区")
    assert (status, err) == (0, b"")
    assert b"\r\n" in out
    assert b"\r\r\n" not in out
    parsed = parse(out.decode("utf-8"))
    months = civic_year(2026)
    assert sorted(day(e, "DTSTART") for e in parsed) == sorted(
        o.day for m in months for o in (m.deliberation, m.home)
    )
    assert all(str(e["SUMMARY"]).startswith("青松社区 ") for e in parsed)
    assert {e.decoded("DTSTAMP") for e in parsed} == {ics_stamp(2026).in_timezone("UTC")}
    calendar = icalendar.Calendar.from_ical(out)
    assert str(calendar["X-WR-CALNAME"]) == "青松社区 2026年 议事日与回家日"
    # The same year gives the same bytes.
    assert ics(capsysbinary, "2026", "--scope", "青松社区")[1] == out


def test_calendar_ics_stamp_and_refusals(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = ics(capsysbinary, "2025", "--stamp", "2025-03-01T08:00:00+08:00")
    assert status == 0
    [stamp] = {e.decoded("DTSTAMP") for e in parse(out.decode("utf-8"))}
    assert stamp == pendulum.datetime(2025, 3, 1, 0, tz="UTC")
    assert "X-WR-CALNAME:2025年 议事日与回家日" in out.decode("utf-8")
    status, out, err = ics(capsysbinary, "2025", "--stamp", "2025-03-01T08:00:00")
    assert (status, out) == (2, b"")
    assert "没有时差（如 +08:00）".encode() in err
    status, out, err = ics(capsysbinary, "2025", "--stamp", "yesterday")
    assert status == 2
    assert "'yesterday' 不是 ISO 时刻".encode() in err
    status, out, err = ics(capsysbinary, "2025", "--stamp", "yesterday", "--lang", "en")
    assert status == 2
    assert b"is not an ISO instant" in err
    status, out, err = ics(capsysbinary, "2099")
    assert (status, out) == (2, b"")
    assert err.count(b"\n") == 1


def test_calendar_ics_into_a_text_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["calendar", "2026", "--format", "ics"]) == 0
    assert len(parse(stream.getvalue())) == 24
