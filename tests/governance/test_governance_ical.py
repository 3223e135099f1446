"""Meetings of the deliberations as iCalendar events."""

from __future__ import annotations

from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.io.ical import meeting_events, write_icalendar
from neighborhood_pb.samples import load_sample


def test_the_samples_meetings_become_stable_all_day_events() -> None:
    ctx = DatasetContext.build(load_sample("community"))
    book = ctx.deliberations
    assert book is not None
    names = {p.id: p.name for p in ctx.tree.people()}
    titles = {m.id: m.title for m in book.matters()}
    events = meeting_events(book.meetings(), names=names, titles=titles, scope="青松社区")
    assert len(events) == 13
    joint = next(e for e in events if e.summary == "青松社区 联席会议")
    assert joint.start.isoformat() == "2026-04-20"
    assert joint.end.isoformat() == "2026-04-21"
    assert joint.categories == ("近邻党建", "联席会议")
    assert joint.description.splitlines() == [
        "主持 chair: 吕红梅 (QS-P19)",
        "出席 attended: 5, 法定人数 quorum 3",
        "决议 丽景小区2栋加装电梯 (QS-LIFT): 提交业主大会表决",
    ]
    again = meeting_events(book.meetings(), names=names, titles=titles, scope="青松社区")
    assert [e.uid for e in again] == [e.uid for e in events]
    assert len({e.uid for e in events}) == 13
    bare = meeting_events(book.meetings()[:1], category="")
    assert bare[0].summary == "议事日"
    assert bare[0].categories == ("议事日",)
    assert bare[0].description.startswith("主持 chair: QS-P19 (QS-P19)")
    assert "决议 QS-M0000 (QS-M0000): 立项办理" in bare[0].description
    text = write_icalendar(events, stamp="2026-11-01T00:00:00+08:00", name="青松社区议事")
    assert text.count("BEGIN:VEVENT") == 13
    assert "DTSTART;VALUE=DATE:20260420" in text
