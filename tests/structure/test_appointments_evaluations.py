"""Evaluation outside working hours (8小时以外考核): who may evaluate, and yearly summaries."""

from fractions import Fraction

import attrs
import pendulum
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    NeighborhoodPBError,
    NotAuthorisedError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.evaluations import Evaluation, Grade
from neighborhood_pb.structure.posts.records import (
    Appointment,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.testing.appointments import sample_appointments

D = pendulum.Date


@pytest.fixture
def world() -> Appointments:
    world = sample_appointments()
    since = Period(start="2020-01-01")
    world.appoint(
        Appointment(id="S", person_id="P0", post=PostKind.SECRETARY, org_id="GC", period=since)
    )
    world.appoint(
        Appointment(id="W", person_id="P1", post=PostKind.SECRETARY, org_id="WC", period=since)
    )
    world.appoint(
        Appointment(id="B", person_id="P2", post=PostKind.SECRETARY, org_id="B1", period=since)
    )
    world.appoint(
        Appointment(
            id="PT",
            person_id="P5",
            post=PostKind.PART_TIME_MEMBER,
            org_id="GC",
            period=since,
            part_time=PartTimeBasis(source=PartTimeSource.IN_SERVICE_MEMBER, report_id="R5"),
        )
    )
    return world


def _evaluation(eid: str = "E1", **kwargs: object) -> Evaluation:
    fields: dict[str, object] = {
        "id": eid,
        "person_id": "P5",
        "org_id": "GC",
        "evaluator_id": "P0",
        "period": Period.half_year(2024, 1),
        "evaluated_on": "2024-07-05",
        "score": 92,
        **kwargs,
    }
    return Evaluation(**fields)  # type: ignore[arg-type]


def test_evaluate_and_summarise(world: Appointments) -> None:
    world.evaluate(_evaluation("E1", grade=Grade.EXCELLENT))
    world.evaluate(_evaluation("E2", org_id="WC", evaluator_id="P1", score=None, grade=Grade.GOOD))
    world.evaluate(
        _evaluation("E3", period=Period.half_year(2024, 2), evaluated_on="2025-01-06", score=86)
    )
    world.evaluate(
        _evaluation("E4", period=Period.half_year(2025, 1), evaluated_on="2025-07-03", score=70)
    )
    assert [e.id for e in world.evaluations_of("P5")] == ["E1", "E2", "E3", "E4"]
    assert world.evaluation("E2").grade is Grade.GOOD
    summary = world.yearly_summary("P5", 2024)
    assert summary.evaluation_ids == ("E1", "E2", "E3")
    assert summary.average_score == Fraction(92 + 86, 2)
    assert summary.lowest_grade is Grade.GOOD
    assert world.yearly_summary("P5", 2025).count == 1
    assert world.yearly_summary("P6", 2024).count == 0
    with pytest.raises(UnknownRecordError):
        world.evaluation("none")


def _refused(
    world: Appointments, evaluation: Evaluation, error: type[NeighborhoodPBError], rule: str
) -> None:
    before = world.records()
    with pytest.raises(error) as info:
        world.evaluate(evaluation)
    assert info.value.rule == rule
    assert info.value.subject == evaluation.id
    assert evaluation.id in str(info.value)
    assert world.records() == before


@pytest.mark.parametrize(
    ("kwargs", "error", "rule"),
    [
        ({"person_id": "nobody"}, UnknownRecordError, "reference.exists"),
        ({"evaluator_id": "nobody"}, UnknownRecordError, "reference.exists"),
        ({"org_id": "none"}, UnknownRecordError, "reference.exists"),
        ({"org_id": "B2", "evaluated_on": "2024-07-05"}, UnknownRecordError, "reference.exists"),
        ({"evaluator_id": "P5"}, NotAuthorisedError, "evaluation.no_self"),
        ({"evaluator_id": "P3"}, NotAuthorisedError, "evaluation.evaluator_post"),
        ({"evaluator_id": "P1"}, NotAuthorisedError, "evaluation.evaluator_post"),
        ({"org_id": "B1", "evaluator_id": "P2"}, RuleViolationError, "evaluation.evaluating_org"),
        ({"score": 101}, RuleViolationError, "evaluation.score_range"),
        ({"person_id": "P9"}, RuleViolationError, "evaluation.party_member"),
    ],
)
def test_evaluate_refusals(
    world: Appointments, kwargs: dict[str, object], error: type[NeighborhoodPBError], rule: str
) -> None:
    _refused(world, _evaluation(**kwargs), error, rule)


def test_not_authorised_is_a_permission_error(world: Appointments) -> None:
    with pytest.raises(PermissionError):
        world.evaluate(_evaluation(evaluator_id="P5"))


def test_one_evaluation_per_org_and_period(world: Appointments) -> None:
    world.evaluate(_evaluation("E1"))
    _refused(world, _evaluation("E1", org_id="WC", evaluator_id="P1"), ConflictError, "id.unique")
    _refused(
        world,
        _evaluation("E2", period=Period.quarter(2024, 2), evaluated_on="2024-07-01"),
        ConflictError,
        "evaluation.one_per_period",
    )
    world.evaluate(_evaluation("E2", org_id="WC", evaluator_id="P1"))
    assert len(world.evaluations_of("P5")) == 2


def test_evaluator_must_hold_the_post_that_day(world: Appointments) -> None:
    world.end_appointment("S", D(2024, 7, 1))
    _refused(world, _evaluation(), NotAuthorisedError, "evaluation.evaluator_post")
    world.evaluate(_evaluation(evaluated_on="2024-06-30"))
    assert world.evaluations_of("P5")[0].evaluated_on == D(2024, 6, 30)


def test_ending_the_evaluators_post_keeps_past_evaluations_valid(world: Appointments) -> None:
    world.evaluate(_evaluation())
    before = world.records()
    with pytest.raises(RuleViolationError) as info:
        world.end_appointment("S", D(2024, 7, 1))
    assert info.value.rule == "evaluation.evaluator_post"
    assert world.records() == before
    # with another post in the same org on that day, the seat may end
    world.appoint(
        Appointment(
            id="S2",
            person_id="P0",
            post=PostKind.BUILDING_HEAD,
            org_id="GC",
            territory_id="K1-1",
            period=Period(start="2024-01-01"),
        )
    )
    world.end_appointment("S", D(2024, 7, 1))
    assert world.holds_post("P0", "GC", D(2024, 7, 5))
    # ending a post after the evaluation day is always fine
    world.end_appointment("S2", D(2024, 7, 6))
    assert world.appointment("S2").period.end == D(2024, 7, 6)


def test_a_post_in_another_org_does_not_matter_when_ending(world: Appointments) -> None:
    world.evaluate(_evaluation(org_id="WC", evaluator_id="P1"))
    world.end_appointment("S", D(2024, 7, 1))
    assert not world.holds_post("P0", "GC", D(2024, 7, 1))


def test_a_body_post_is_no_authority(world: Appointments) -> None:
    world.appoint(
        Appointment(
            id="RCD",
            person_id="P3",
            post=PostKind.DIRECTOR,
            body_id="RC",
            period=Period(start="2020-01-01"),
        )
    )
    _refused(world, _evaluation(evaluator_id="P3"), NotAuthorisedError, "evaluation.evaluator_post")
    world.end_appointment("RCD", D(2021, 1, 1))
    assert world.appointment("RCD").period.end == D(2021, 1, 1)


def test_rules_set_the_scale_and_the_evaluating_orgs() -> None:
    rules = attrs.evolve(
        DEFAULT_APPOINTMENT_RULES,
        evaluation_max_score=150,
        evaluating_territory_kinds=DEFAULT_APPOINTMENT_RULES.evaluating_territory_kinds
        | {TerritoryKind.COMPOUND},
    )
    world = sample_appointments(rules)
    world.appoint(
        Appointment(
            id="B",
            person_id="P2",
            post=PostKind.SECRETARY,
            org_id="B1",
            period=Period(start="2020-01-01"),
        )
    )
    world.evaluate(_evaluation(org_id="B1", evaluator_id="P2", score=140))
    assert world.evaluations_of("P5")[0].score == 140
