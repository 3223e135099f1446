"""Properties: serialisation round trips, as-of views, independence from record order."""

import contextlib
import json
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.io.json import make_converter, structure
from neighborhood_pb.structure.posts.appointments import AppointmentRecords, Appointments
from neighborhood_pb.structure.posts.bodies import Body, ServiceContract
from neighborhood_pb.structure.posts.checks import run_appointment_checks
from neighborhood_pb.structure.posts.cross import (
    CrossAppointment,
    cross_appointments,
    cross_appointments_at,
    cross_appointments_of,
    cross_appointments_under,
)
from neighborhood_pb.structure.posts.evaluations import Evaluation, YearlySummary
from neighborhood_pb.structure.posts.part_time import (
    PART_TIME_REFERENCES,
    PartTimeCommittee,
    PartTimeReference,
    PartTimeSummary,
    PartTimeTier,
    part_time_summary,
)
from neighborhood_pb.structure.posts.records import Appointment, PartTimeBasis
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES, AppointmentRules
from neighborhood_pb.testing import appointments as strategies
from neighborhood_pb.testing.appointments import (
    SAMPLE_DAYS,
    appointment_candidates,
    evaluation_candidates,
    populated_appointments,
)

CONVERTER = make_converter()

ROUND_TRIPS: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Body, strategies.bodies()),
    (ServiceContract, strategies.service_contracts()),
    (PartTimeBasis, strategies.part_time_bases()),
    (Appointment, strategies.appointment_records()),
    (Evaluation, strategies.evaluations()),
    (YearlySummary, strategies.yearly_summaries()),
    (AppointmentRules, strategies.appointment_rules()),
    (AppointmentRecords, strategies.appointment_records_sets()),
    (CrossAppointment, strategies.cross_appointment_records()),
    (PartTimeCommittee, strategies.part_time_committees()),
    (PartTimeTier, strategies.part_time_tiers()),
    (PartTimeSummary, strategies.part_time_summaries()),
    (PartTimeReference, strategies.part_time_references()),
]


@pytest.mark.parametrize(("cls", "records"), ROUND_TRIPS, ids=lambda v: getattr(v, "__name__", ""))
@given(data=st.data())
def test_round_trip(cls: type[Any], records: st.SearchStrategy[Any], data: st.DataObject) -> None:
    record = data.draw(records)
    wire = json.loads(json.dumps(CONVERTER.unstructure(record)))
    assert structure(wire, cls, CONVERTER) == record


def test_round_trip_of_presets() -> None:
    converter = make_converter()
    for value, cls in (
        (DEFAULT_APPOINTMENT_RULES, AppointmentRules),
        *((ref, PartTimeReference) for ref in PART_TIME_REFERENCES.values()),
    ):
        wire = json.loads(json.dumps(converter.unstructure(value)))
        assert structure(wire, cls) == value


@given(populated_appointments())
def test_round_trip_of_an_aggregate(world: Appointments) -> None:
    wire = json.loads(json.dumps(CONVERTER.unstructure(world.records())))
    records = structure(wire, AppointmentRecords, CONVERTER)
    assert records == world.records()
    rebuilt = Appointments.from_records(world.tree, records)
    assert rebuilt.records() == world.records()


def test_structuring_errors_name_the_field() -> None:
    wire = {
        "id": "A1",
        "person_id": "P0",
        "post": "chairman",
        "period": {"start": "2020-01-01", "end": None},
        "org_id": "B1",
    }
    with pytest.raises(StructuringError) as info:
        structure(wire, Appointment)
    assert info.value.path == "$.post"
    wire["post"] = "secretary"
    wire["body_id"] = "RC"
    with pytest.raises(StructuringError) as info:
        structure(wire, Appointment)
    assert "exactly one" in str(info.value)


def _views(world: Appointments, on: pendulum.Date) -> tuple[object, ...]:
    holds = {
        (p.id, o.id)
        for p in world.tree.people()
        for o in world.tree.records().orgs
        if world.holds_post(p.id, o.id, on)
    }
    return (
        cross_appointments(world, on),
        part_time_summary(world, on),
        run_appointment_checks(world, on),
        holds,
        {a.id for a in world.appointments(on)},
    )


@given(populated_appointments(), st.sampled_from(SAMPLE_DAYS), st.data())
def test_as_of_views_ignore_records_outside_their_period(
    world: Appointments, on: pendulum.Date, data: st.DataObject
) -> None:
    before = _views(world, on)
    for _ in range(10):
        candidate = data.draw(appointment_candidates(world, ids=[f"X{n}" for n in range(10)]))
        if candidate.period.contains(on):
            continue
        with contextlib.suppress(NeighborhoodPBError):
            world.appoint(candidate)
    assert _views(world, on) == before


@given(populated_appointments(), st.sampled_from(SAMPLE_DAYS), st.randoms())
def test_views_do_not_depend_on_record_order(
    world: Appointments, on: pendulum.Date, random: Any
) -> None:
    records = world.records()
    shuffled = [
        list(records.bodies),
        list(records.contracts),
        list(records.appointments),
        list(records.evaluations),
    ]
    for items in shuffled:
        random.shuffle(items)
    other = Appointments.from_records(
        world.tree,
        AppointmentRecords(
            bodies=tuple(shuffled[0]),
            contracts=tuple(shuffled[1]),
            appointments=tuple(shuffled[2]),
            evaluations=tuple(shuffled[3]),
        ),
    )
    assert other.records() == world.records()
    assert _views(other, on) == _views(world, on)


@given(populated_appointments(), st.sampled_from(SAMPLE_DAYS))
def test_cross_queries_agree(world: Appointments, on: pendulum.Date) -> None:
    whole = cross_appointments(world, on)
    assert all(
        world.appointment(c.party_appointment_id).period.contains(on)
        and world.appointment(c.body_appointment_id).period.contains(on)
        for c in whole
    )
    places = {t.id for t in world.tree.territories}
    assert set(whole) == {c for t in places for c in cross_appointments_at(world, t, on)}
    people = {p.id for p in world.tree.people()}
    assert set(whole) == {c for p in people for c in cross_appointments_of(world, p, on)}
    if world.tree.version_at("WC", on) is not None:
        assert set(whole) == set(cross_appointments_under(world, "WC", on))


@given(populated_appointments(), st.data())
def test_evaluations_need_an_evaluator_in_post(world: Appointments, data: st.DataObject) -> None:
    for _ in range(5):
        candidate = data.draw(evaluation_candidates(world))
        try:
            world.evaluate(candidate)
        except NeighborhoodPBError:
            continue
        assert candidate.evaluator_id != candidate.person_id
        assert world.holds_post(candidate.evaluator_id, candidate.org_id, candidate.evaluated_on)
    for evaluation in world.records().evaluations:
        assert world.holds_post(evaluation.evaluator_id, evaluation.org_id, evaluation.evaluated_on)
