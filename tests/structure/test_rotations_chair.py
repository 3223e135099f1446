"""Examples of the rotating chair (轮值主席) over joint meetings (联席会议)."""

from __future__ import annotations

import pendulum
import pytest

from neighborhood_pb import (
    ChairRotation,
    ChairRotationRecords,
    Eligibility,
    RotationEdit,
    TermOrigin,
)
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError, RuleViolationError, UnknownRecordError
from neighborhood_pb.io.json import structure, unstructure

D = pendulum.Date
ALL = Period(start="2020-01-01", end="2030-01-01")
QUARTERLY = ["2025-01-15", "2025-04-15", "2025-07-15", "2025-10-15", "2026-01-15"]


def chair(order: str = "ABC", meetings: list[str] = QUARTERLY, **kw: object) -> ChairRotation:
    eligibility = kw.pop(
        "eligibility", [Eligibility(person_id=p, period=Period(start="2024-01-01")) for p in order]
    )
    return ChairRotation.create(
        id="joint-meeting",
        order=tuple(order),
        eligibility=eligibility,  # type: ignore[arg-type]
        meetings=meetings,
    )


def chairs(rot: ChairRotation) -> list[str]:
    return [a.person_id for a in rot.assignments(ALL)]


def test_chairs_rotate_over_meetings_in_order() -> None:
    rot = chair()
    assert chairs(rot) == list("ABCAB")
    first = rot.assignments(ALL)[0]
    assert first.period == Period(start="2025-01-15", end="2025-01-16")
    assert (first.index, first.origin, first.rotation_id) == (
        0,
        TermOrigin.REGULAR,
        "joint-meeting",
    )
    assert rot.chair_of(D(2025, 4, 15)) == "B"
    assert rot.chair_of(D(2025, 4, 16)) is None  # no meeting that day


def test_meetings_given_out_of_order_are_sorted() -> None:
    rot = chair(meetings=list(reversed(QUARTERLY)))
    assert chairs(rot) == list("ABCAB")
    assert [m.day for m in rot.meetings()] == [D.fromisoformat(d) for d in QUARTERLY]  # type: ignore[misc]


def test_ineligible_chair_is_skipped_on_the_meeting_day() -> None:
    eligibility = [
        Eligibility(person_id="A", period=Period(start="2024-01-01")),
        Eligibility(person_id="B", period=Period(start="2024-01-01", end="2025-04-15")),
        Eligibility(person_id="C", period=Period(start="2024-01-01")),
    ]
    rot = chair(eligibility=eligibility)
    assert chairs(rot) == list("ACACA")


def test_no_eligible_chair_leaves_the_meeting_unassigned() -> None:
    eligibility = [Eligibility(person_id="A", period=Period(start="2025-05-01"))]
    rot = chair(order="A", eligibility=eligibility)
    assert rot.unassigned(ALL) == (D(2025, 1, 15), D(2025, 4, 15))
    assert chairs(rot) == ["A", "A", "A"]


def test_adding_and_cancelling_meetings_moves_later_chairs_only() -> None:
    rot = chair()
    rot.add_meetings([D(2025, 5, 20)])
    assert chairs(rot) == list("ABCABC")
    rot.cancel_meeting(D(2025, 4, 15), "typhoon")
    assert chairs(rot) == list("ABCAB")
    assert rot.chair_of(D(2025, 4, 15)) is None
    cancelled = [m for m in rot.meetings(ALL) if m.is_cancelled]
    assert [m.cancelled_reason for m in cancelled] == ["typhoon"]
    with pytest.raises(UnknownRecordError) as caught:
        rot.cancel_meeting(D(2025, 4, 15), "again")
    assert caught.value.rule == "meeting.exists"
    with pytest.raises(ConflictError) as twice:
        rot.add_meetings([D(2025, 4, 15)])
    assert twice.value.rule == "meeting.one_a_day"


def test_edits_swaps_and_overrides() -> None:
    rot = chair(order="ABC")
    rot.add_member("D", "2025-03-01", before="C")
    assert chairs(rot) == list("ABDCA")
    rot.swap(D(2025, 4, 15), D(2025, 10, 15), reason="B abroad in April")
    assert chairs(rot) == list("ACDBA")
    override = rot.override("B", D(2025, 7, 15), "D ill")
    assert override.absent_id == "D"
    assignments = rot.assignments(ALL)
    assert [(a.person_id, a.origin) for a in assignments[1:4]] == [
        ("C", TermOrigin.SWAP),
        ("B", TermOrigin.OVERRIDE),
        ("B", TermOrigin.SWAP),
    ]


def test_chair_has_no_term_length() -> None:
    rot = chair()
    before = rot.records()
    with pytest.raises(RuleViolationError) as caught:
        rot.edit(RotationEdit(id="len", effective_from="2025-03-01", term_months=2))
    assert (caught.value.subject, caught.value.rule) == ("len", "chair.no_term_length")
    assert rot.records() == before


def test_cancelling_a_swapped_meeting_is_refused_until_withdrawn() -> None:
    rot = chair()
    swap = rot.swap(D(2025, 1, 15), D(2025, 4, 15))
    before = rot.records()
    with pytest.raises(RuleViolationError) as caught:
        rot.cancel_meeting(D(2025, 4, 15), "typhoon")
    assert caught.value.subject == swap.id
    assert rot.records() == before
    rot.withdraw(swap.id, "meeting cancelled")
    rot.cancel_meeting(D(2025, 4, 15), "typhoon")
    assert chairs(rot) == list("ABCA")


def test_chair_records_round_trip() -> None:
    rot = chair()
    rot.swap(D(2025, 1, 15), D(2025, 4, 15))
    rot.cancel_meeting(D(2025, 10, 15), "typhoon")
    back = structure(unstructure(rot.records()), ChairRotationRecords)
    assert back == rot.records()
    assert ChairRotation(back).assignments(ALL) == rot.assignments(ALL)
