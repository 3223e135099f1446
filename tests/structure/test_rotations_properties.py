"""Properties of rotations: tiling, fairness, purity, edits, swaps, eligibility."""

from __future__ import annotations

import contextlib
import datetime as _dt
import itertools

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from neighborhood_pb import ChairRotation, DutyRotation, TermOrigin
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError, NeighborhoodPBError
from neighborhood_pb.io.json import make_converter, structure, unstructure
from neighborhood_pb.structure import check_fairness, fairness_report
from neighborhood_pb.structure.rotations.slots import MonthSlots
from neighborhood_pb.testing.rotations import (
    chair_rotations,
    days,
    duty_rotations,
    invalid_term_months,
    meeting_days,
    overrides,
    rotation_edits,
    rotation_rules,
    term_months,
)

CONVERTER = make_converter(redact_personal=False)


def window(rot: DutyRotation) -> Period:
    """Where the drawn commands land: a little before the anchor to three years after."""
    return Period(start=rot.anchor.subtract(days=60), end=rot.anchor.add(years=3))


def horizon_near(data: st.DataObject, rot: DutyRotation) -> Period:
    start = rot.anchor.add(days=data.draw(st.integers(min_value=-400, max_value=1200)))
    return Period(start=start, end=start.add(days=data.draw(st.integers(1, 1200))))


def mutate(data: st.DataObject, rot: DutyRotation, *, steps: int = 6, covers: bool = True) -> None:
    """Apply random commands; rejected ones are dropped (the aggregate stays as it was)."""
    within = window(rot)
    inside = days(within.start, within.end.subtract(days=1))
    running = days(rot.anchor, within.end.subtract(days=1))
    kinds = ["edit", "swap", "end", "override"] if covers else ["edit", "swap", "end"]
    for step in range(data.draw(st.integers(min_value=0, max_value=steps))):
        kind = data.draw(st.sampled_from(kinds))
        try:
            if kind == "edit":
                edit = rotation_edits(rot, within=within, id=f"e{step}", term_lengths=term_months())
                rot.edit(data.draw(edit))
            elif kind == "swap":
                rot.swap(data.draw(running), data.draw(running), id=f"s{step}")
            elif kind == "end":
                person = data.draw(st.sampled_from(sorted(rot.roster)))
                rot.end_eligibility(person, data.draw(inside))
            else:
                rot.add_override(
                    data.draw(overrides(rot, within=within, id=f"o{step}", valid=False))
                )
        except NeighborhoodPBError:
            pass


def daily(rot: DutyRotation, horizon: Period) -> dict[pendulum.Date, str | None]:
    """Who is on duty each day of ``horizon`` from the anchor, by the materialised terms."""
    assert horizon.end is not None
    first, stop = horizon.start.toordinal(), horizon.end.toordinal()
    found: dict[int, str | None] = {}
    stretches = [(t.period, t.person_id) for t in rot.terms(horizon)]
    stretches += [(p, None) for p in rot.vacancies(horizon)]
    for period, person in stretches:
        assert period.end is not None
        for day in range(max(period.start.toordinal(), first), min(period.end.toordinal(), stop)):
            found[day] = person
    return {pendulum.Date.fromordinal(day): person for day, person in found.items()}


@given(duty_rotations(), st.data())
def test_terms_and_vacancies_tile_the_horizon(rot: DutyRotation, data: st.DataObject) -> None:
    mutate(data, rot)
    horizon = horizon_near(data, rot)
    stretches = sorted(
        [t.period for t in rot.terms(horizon)] + list(rot.vacancies(horizon)),
        key=lambda p: p.start,
    )
    assert horizon.end is not None
    if horizon.end <= rot.anchor:
        assert stretches == []
        return
    assert stretches[0].start <= max(horizon.start, rot.anchor)
    assert stretches[-1].end >= horizon.end  # type: ignore[operator]
    for before, after in itertools.pairwise(stretches):
        assert before.end == after.start
    if horizon.start >= rot.anchor:
        assert stretches[0].start <= horizon.start


@given(duty_rotations(), st.data())
def test_no_overrides_means_fair(rot: DutyRotation, data: st.DataObject) -> None:
    mutate(data, rot, covers=False)
    horizon = horizon_near(data, rot)
    assert check_fairness(rot, horizon) == ()


@given(duty_rotations(steady=True, min_size=2), st.integers(min_value=1, max_value=60))
def test_steady_roster_shares_turns_evenly(rot: DutyRotation, terms: int) -> None:
    end = rot.term_period(terms - 1).end
    report = fairness_report(rot, Period(start=rot.anchor, end=end))
    turns = [entry.turns for entry in report.counts]
    assert sum(turns) == terms
    assert max(turns) - min(turns) <= 1


@given(duty_rotations(), st.data())
def test_on_duty_agrees_with_the_terms(rot: DutyRotation, data: st.DataObject) -> None:
    mutate(data, rot)
    horizon = horizon_near(data, rot)
    by_day = daily(rot, horizon)
    for day in data.draw(st.lists(days(horizon.start, horizon.end.subtract(days=1)), max_size=20)):  # type: ignore[union-attr]
        expected = by_day.get(day)
        assert rot.on_duty(day) == expected
        term = rot.term_on(day)
        assert (term.person_id if term else None) == expected
        if day < rot.anchor:
            assert day not in by_day
            assert expected is None


@given(duty_rotations(), st.data())
def test_on_duty_is_a_function_of_the_records_and_the_day(
    rot: DutyRotation, data: st.DataObject
) -> None:
    mutate(data, rot)
    horizon = horizon_near(data, rot)
    asked = data.draw(st.lists(days(horizon.start, horizon.end.subtract(days=1)), min_size=1))  # type: ignore[union-attr]
    answers = [rot.on_duty(day) for day in asked]
    rebuilt = DutyRotation(rot.records(), rot.rules)
    assert [rebuilt.on_duty(day) for day in reversed(asked)] == answers[::-1]
    rot.terms(horizon)  # materialising changes nothing
    assert [rot.on_duty(day) for day in asked] == answers


@given(duty_rotations(), st.data())
def test_an_edit_changes_nothing_before_its_date(rot: DutyRotation, data: st.DataObject) -> None:
    mutate(data, rot, steps=3)
    within = window(rot)
    edit = data.draw(rotation_edits(rot, within=within, id="probe", term_lengths=term_months()))
    before = Period(start=within.start, end=edit.effective_from.add(days=1))
    earlier = daily(rot, before)
    earlier.pop(edit.effective_from, None)
    try:
        rot.edit(edit)
    except NeighborhoodPBError:
        assume(False)
    after = daily(rot, before)
    assert {day: after[day] for day in earlier} == earlier


@given(duty_rotations(), st.data())
def test_ending_eligibility_changes_nothing_before_its_date(
    rot: DutyRotation, data: st.DataObject
) -> None:
    mutate(data, rot, steps=3)
    within = window(rot)
    record = data.draw(st.sampled_from(rot.records().eligibility))
    person, period = record.person_id, record.period
    on = period.start.add(days=data.draw(st.integers(min_value=1, max_value=1000)))
    assume(period.contains(on.subtract(days=1)))
    earlier = daily(rot, Period(start=within.start, end=on)) if on > within.start else {}
    try:
        rot.end_eligibility(person, on)
    except NeighborhoodPBError:
        assume(False)
    assert not rot.eligible_on(person, on)
    sample = dict(list(earlier.items())[::5])
    assert {day: rot.on_duty(day) for day in sample} == sample


@given(duty_rotations(steady=True, min_size=2), st.data())
def test_a_swap_loses_no_time(rot: DutyRotation, data: st.DataObject) -> None:
    first, second = (data.draw(st.integers(min_value=0, max_value=40)) for _ in range(2))
    holder = rot.plan.regular_holder
    assume(holder(first) != holder(second))
    horizon = Period(start=rot.anchor, end=rot.term_period(41).end)
    before = rot.terms(horizon)
    days_before = {e.person_id: e.days for e in fairness_report(rot, horizon).counts}
    a, b = rot.term_period(first), rot.term_period(second)
    swap = rot.swap(a.start, b.start)
    after = rot.terms(horizon)
    assert len(after) == len(before)
    assert sum(t.period.days() for t in after) == sum(t.period.days() for t in before)
    changed = [(x, y) for x, y in zip(before, after, strict=True) if x != y]
    assert {(x.period, x.person_id, y.person_id) for x, y in changed} == {
        (a, swap.first_person, swap.second_person),
        (b, swap.second_person, swap.first_person),
    }
    assert all(y.origin is TermOrigin.SWAP and y.source_id == swap.id for _, y in changed)
    days_after = {e.person_id: e.days for e in fairness_report(rot, horizon).counts}
    shift = b.days() - a.days()
    assert days_after[swap.first_person] == days_before[swap.first_person] + shift
    assert days_after[swap.second_person] == days_before[swap.second_person] - shift
    assert sum(days_after.values()) == sum(days_before.values())


@given(duty_rotations(), st.data())
def test_the_ineligible_are_never_on_duty(rot: DutyRotation, data: st.DataObject) -> None:
    mutate(data, rot, steps=8)
    horizon = horizon_near(data, rot)
    for term in rot.terms(horizon):
        assert rot.plan.eligibility.covers(term.person_id, term.period)
        assert rot.eligible_on(term.person_id, term.period.start)


@given(
    days(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)),
    term_months(),
    st.integers(min_value=0, max_value=200),
)
def test_term_boundaries_count_months_from_the_anchor(
    anchor: pendulum.Date, months: int, index: int
) -> None:
    slots = MonthSlots.regular(anchor, months)
    start = slots.start(index)
    assert start == anchor.add(months=index * months)
    assert start.day == min(anchor.day, start.days_in_month)
    assert slots.index_on(start) == index
    assert slots.index_on(slots.end(index).subtract(days=1)) == index
    assert slots.first_at_or_after(start.add(days=1)) == index + 1
    assert slots.first_at_or_after(start) == index


@given(rotation_rules(), st.data())
def test_term_lengths_outside_the_rules_are_refused(rules: object, data: st.DataObject) -> None:
    from neighborhood_pb.structure import RotationRules

    assert isinstance(rules, RotationRules)
    bad = data.draw(invalid_term_months(rules))
    with pytest.raises(InvalidRecordError) as caught:
        data.draw(duty_rotations(rules=rules)).change_term_months(bad, "2025-01-01")
    assert caught.value.rule == "rotation.term_months"


def test_on_duty_does_not_walk_from_the_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    from neighborhood_pb.structure import Eligibility

    rot = DutyRotation.create(
        id="far",
        anchor="2000-01-31",
        term_months=1,
        order=("A", "B", "C"),
        eligibility=[Eligibility(person_id=p, period=Period(start="2000-01-01")) for p in "ABC"],
    )
    rot.reorder(("C", "B", "A"), "2100-01-01")
    calls = 0
    original = MonthSlots.start

    def counting(self: MonthSlots, index: int) -> pendulum.Date:
        nonlocal calls
        calls += 1
        return original(self, index)

    monkeypatch.setattr(MonthSlots, "start", counting)
    assert rot.on_duty(pendulum.Date(2999, 12, 31)) in {"A", "B", "C"}
    assert calls <= 4


# == the chair ===============================================================================


@given(chair_rotations(), st.data())
def test_chair_assignments_agree_with_chair_of(rot: ChairRotation, data: st.DataObject) -> None:
    meetings = [m.day for m in rot.meetings()]
    assume(len(meetings) >= 2)
    first, second = data.draw(st.permutations(meetings))[:2]
    with contextlib.suppress(NeighborhoodPBError):
        rot.swap(first, second, id="s")
    everything = Period(start="2015-01-01", end="2040-01-01")
    assigned = {a.period.start: a.person_id for a in rot.assignments(everything)}
    for day in meetings:
        assert rot.chair_of(day) == assigned.get(day)
        if day in assigned:
            assert rot.eligible_on(assigned[day], day)
    assert set(assigned) | set(rot.unassigned(everything)) == set(meetings)
    assert check_fairness(rot, everything) == ()


@given(chair_rotations(), st.data())
def test_a_new_meeting_changes_no_earlier_chair(rot: ChairRotation, data: st.DataObject) -> None:
    meetings = [m.day for m in rot.meetings()]
    start = meetings[0] if meetings else pendulum.Date(2025, 1, 1)
    (extra,) = data.draw(meeting_days(start, min_size=1, max_size=1))
    assume(extra not in meetings)
    earlier = {day: rot.chair_of(day) for day in meetings if day < extra}
    rot.add_meetings([extra])
    assert {day: rot.chair_of(day) for day in earlier} == earlier


@given(duty_rotations(), st.data())
def test_records_terms_and_reports_round_trip(rot: DutyRotation, data: st.DataObject) -> None:
    from neighborhood_pb.structure import DutyRotationRecords, DutyTerm, FairnessReport

    mutate(data, rot)
    horizon = horizon_near(data, rot)
    records = rot.records()
    assert structure(unstructure(records, CONVERTER), DutyRotationRecords, CONVERTER) == records
    terms = rot.terms(horizon)
    assert structure(unstructure(terms, CONVERTER), tuple[DutyTerm, ...], CONVERTER) == terms
    report = fairness_report(rot, horizon)
    assert structure(unstructure(report, CONVERTER), FairnessReport, CONVERTER) == report
    assert DutyRotation(records, rot.rules).terms(horizon) == terms
