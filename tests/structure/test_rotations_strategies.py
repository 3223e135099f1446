"""The public strategies draw what they promise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import ChairRotation, DutyRotation
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.structure.rotations.eligibility import EligibilityIndex
from neighborhood_pb.testing.rotations import (
    chair_rotations,
    days,
    duty_rotations,
    eligibilities,
    meeting_days,
    overrides,
    person_ids,
    rosters,
    rotation_edits,
)


@given(person_ids(), days(), st.booleans(), st.data())
def test_eligibilities_never_overlap(
    person: str, start: object, steady: bool, data: st.DataObject
) -> None:
    found = data.draw(eligibilities(person, start, steady=steady))  # type: ignore[arg-type]
    assert {e.person_id for e in found} == {person}
    index = EligibilityIndex(found)  # raises on overlap
    assert index.people == {person}
    if steady:
        assert found[0].period.end is None


@given(days(), st.data())
def test_rosters_give_everyone_a_period(start: object, data: st.DataObject) -> None:
    order, eligibility = data.draw(rosters(start, min_size=2, max_size=4))  # type: ignore[arg-type]
    assert 2 <= len(order) <= 4
    assert len(set(order)) == len(order)
    assert {e.person_id for e in eligibility} == set(order)


@given(duty_rotations(min_size=2), st.data())
def test_valid_overrides_are_accepted(rot: DutyRotation, data: st.DataObject) -> None:
    within = Period(start=rot.anchor, end=rot.anchor.add(years=2))
    override = data.draw(overrides(rot, within=within))
    rot.add_override(override)
    assert rot.on_duty(override.period.start) == override.substitute_id


@given(duty_rotations(steady=True), st.data())
def test_edits_of_a_steady_rotation_are_accepted(rot: DutyRotation, data: st.DataObject) -> None:
    within = Period(start=rot.anchor, end=rot.anchor.add(years=2))
    edit = data.draw(rotation_edits(rot, within=within))
    assert edit.term_months is None
    rot.edit(edit)
    assert rot.order_as_of(edit.effective_from) == edit.order


@given(chair_rotations(), days(), st.data())
def test_chair_rotations_and_meeting_days(
    rot: ChairRotation, start: object, data: st.DataObject
) -> None:
    found = data.draw(meeting_days(start, min_size=1))  # type: ignore[arg-type]
    assert list(found) == sorted(set(found))
    assert list(rot.meetings()) == sorted(rot.meetings(), key=lambda m: m.day)
