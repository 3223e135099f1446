"""Record-level rules of bodies, posts, appointments, evaluations and appointment rules."""

from fractions import Fraction

import attrs
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.posts.bodies import Body, BodyKind
from neighborhood_pb.structure.posts.evaluations import Evaluation, Grade, YearlySummary
from neighborhood_pb.structure.posts.part_time import (
    PART_TIME_REFERENCES,
    CommitteeTier,
    PartTimeReference,
    committee_tier,
)
from neighborhood_pb.structure.posts.records import (
    COMMITTEE_SEATS,
    Appointment,
    EndReason,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)
from neighborhood_pb.structure.posts.rules import (
    APPOINTMENT_RULE_SOURCES,
    DEFAULT_APPOINTMENT_RULES,
    AppointmentRules,
)
from neighborhood_pb.structure.territory import TerritoryKind

SINCE = Period(start="2020-01-01")


def test_every_enum_has_a_chinese_label() -> None:
    for enum_type in (BodyKind, PostKind, EndReason, PartTimeSource, Grade, CommitteeTier):
        labels = [member.label_zh for member in enum_type]
        assert all(labels)
        assert len(set(labels)) == len(labels)
    assert PostKind.PART_TIME_MEMBER.label_zh == "兼职委员"
    assert BodyKind.OWNERS_COMMITTEE.label_zh == "业委会"


def test_every_post_is_held_somewhere() -> None:
    for post in PostKind:
        assert post.org_forms or post.body_kinds
    assert PostKind.GROUP_LEADER.org_forms == frozenset({OrgForm.PARTY_GROUP})
    assert not PostKind.SECRETARY.body_kinds
    assert PostKind.PROPERTY_MANAGER.body_kinds == frozenset({BodyKind.PROPERTY_COMPANY})
    assert PostKind.BUILDING_HEAD.org_forms
    assert PostKind.BUILDING_HEAD.body_kinds


def test_territory_posts() -> None:
    assert PostKind.BUILDING_HEAD.territory_kind is TerritoryKind.BUILDING
    assert PostKind.BUILDING_HEAD.territory_required
    assert PostKind.PROPERTY_MANAGER.territory_kind is TerritoryKind.COMPOUND
    assert not PostKind.PROPERTY_MANAGER.territory_required
    assert PostKind.SECRETARY.territory_kind is None
    assert {p for p in PostKind if p.is_committee_seat} == COMMITTEE_SEATS


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"kind": BodyKind.PROPERTY_COMPANY, "territory_id": "C1"}, "body.territory"),
        ({"kind": BodyKind.RESIDENTS_COMMITTEE}, "body.territory"),
        ({"kind": BodyKind.OWNERS_COMMITTEE, "territory_id": "K1"}, "body.owners_assembly"),
        (
            {"kind": BodyKind.OWNERS_ASSEMBLY, "territory_id": "K1", "parent_id": "X"},
            "body.owners_assembly",
        ),
        ({"kind": BodyKind.RESIDENT_UNIT, "territory_id": "C1", "id": " "}, "record.non_empty"),
    ],
)
def test_body_record_rules(kwargs: dict[str, object], rule: str) -> None:
    fields: dict[str, object] = {"id": "X1", "name": "某机构", "period": SINCE, **kwargs}
    with pytest.raises(InvalidRecordError) as info:
        Body(**fields)  # type: ignore[arg-type]
    assert info.value.rule == rule


def test_body_kinds_sit_on_their_territory() -> None:
    assert BodyKind.RESIDENTS_COMMITTEE.territory_kinds == {
        TerritoryKind.COMMUNITY,
        TerritoryKind.VILLAGE,
    }
    assert BodyKind.PROPERTY_COMPANY.territory_kinds == frozenset()
    assert TerritoryKind.HOUSEHOLD not in BodyKind.RESIDENT_UNIT.territory_kinds


def _basis() -> PartTimeBasis:
    return PartTimeBasis(source=PartTimeSource.IN_SERVICE_MEMBER, report_id="R5")


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"post": PostKind.SECRETARY}, "appointment.holder"),
        ({"post": PostKind.SECRETARY, "org_id": "B1", "body_id": "RC"}, "appointment.holder"),
        ({"post": PostKind.DIRECTOR, "org_id": "B1"}, "post.context"),
        ({"post": PostKind.SECRETARY, "body_id": "RC"}, "post.context"),
        ({"post": PostKind.BUILDING_HEAD, "org_id": "B1"}, "post.territory"),
        ({"post": PostKind.SECRETARY, "org_id": "B1", "territory_id": "K1"}, "post.territory"),
        (
            {"post": PostKind.SECRETARY, "org_id": "B1", "end_reason": EndReason.RESIGNED},
            "history.end_dated",
        ),
        ({"post": PostKind.PART_TIME_MEMBER, "org_id": "GC"}, "part_time.basis"),
        ({"post": PostKind.SECRETARY, "org_id": "GC", "part_time": _basis()}, "part_time.basis"),
        (
            {
                "post": PostKind.PART_TIME_MEMBER,
                "org_id": "GC",
                "part_time": PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="A1"),
            },
            "part_time.basis",
        ),
    ],
)
def test_appointment_record_rules(kwargs: dict[str, object], rule: str) -> None:
    fields: dict[str, object] = {"id": "A1", "person_id": "P0", "period": SINCE, **kwargs}
    with pytest.raises(InvalidRecordError) as info:
        Appointment(**fields)  # type: ignore[arg-type]
    assert info.value.rule == rule
    assert info.value.subject == "A1"


def test_appointment_holder() -> None:
    party = Appointment(id="A1", person_id="P0", post=PostKind.SECRETARY, org_id="B1", period=SINCE)
    body = Appointment(id="A2", person_id="P0", post=PostKind.DIRECTOR, body_id="RC", period=SINCE)
    assert (party.holder_id, party.in_party_org) == ("B1", True)
    assert (body.holder_id, body.in_party_org) == ("RC", False)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"source": PartTimeSource.OTHER},
        {"source": PartTimeSource.RESIDENT_UNIT, "appointment_id": "A0"},
    ],
)
def test_part_time_basis_rules(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidRecordError) as info:
        PartTimeBasis(**kwargs)  # type: ignore[arg-type]
    assert info.value.rule == "part_time.basis"


def _evaluation(**kwargs: object) -> Evaluation:
    fields: dict[str, object] = {
        "id": "E1",
        "person_id": "P5",
        "org_id": "GC",
        "evaluator_id": "P0",
        "period": Period.half_year(2024, 1),
        "evaluated_on": "2024-07-05",
        "score": 90,
        **kwargs,
    }
    return Evaluation(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"score": None}, "evaluation.result"),
        ({"score": -1}, "evaluation.score_range"),
        ({"evaluated_on": "2023-12-31"}, "evaluation.after_period_start"),
    ],
)
def test_evaluation_record_rules(kwargs: dict[str, object], rule: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        _evaluation(**kwargs)
    assert info.value.rule == rule


def test_yearly_summary() -> None:
    evaluations = [
        _evaluation(id="E2", period=Period.half_year(2024, 2), evaluated_on="2025-01-10", score=80),
        _evaluation(id="E1", grade=Grade.EXCELLENT),
        _evaluation(id="E3", score=None, grade=Grade.PASS, org_id="WC"),
        _evaluation(id="E4", period=Period.half_year(2023, 2), evaluated_on="2024-01-05"),
        _evaluation(id="E5", person_id="P6"),
    ]
    summary = YearlySummary.of("P5", 2024, evaluations)
    assert summary.evaluation_ids == ("E1", "E3", "E2")
    assert summary.count == 3
    assert (summary.score_total, summary.scored) == (170, 2)
    assert summary.average_score == Fraction(85)
    assert summary.grades == (Grade.EXCELLENT, Grade.PASS)
    assert summary.lowest_grade is Grade.PASS
    direct = YearlySummary(person_id="P5", year=2024, grades=[Grade.FAIL, Grade.GOOD])
    assert direct.grades == (Grade.GOOD, Grade.FAIL)
    assert direct.lowest_grade is Grade.FAIL
    empty = YearlySummary.of("P5", 2030, evaluations)
    assert (empty.count, empty.average_score, empty.lowest_grade) == (0, None, None)


def test_grades_are_ordered_best_first() -> None:
    assert [g.rank for g in Grade] == [0, 1, 2, 3]
    assert Grade.FAIL.label_zh == "不合格"


def test_default_rules_cite_their_sources() -> None:
    rules = DEFAULT_APPOINTMENT_RULES
    assert rules.owners_committee_party_share_percent == 60
    assert "通化县" in APPOINTMENT_RULE_SOURCES["owners_committee_party_share_percent"]
    assert "60%" in APPOINTMENT_RULE_SOURCES["owners_committee_party_share_percent"]
    assert rules.full_member_posts <= rules.party_member_posts
    assert PostKind.DIRECTOR not in rules.party_member_posts
    assert all(not p.org_forms or p in rules.party_member_posts for p in PostKind)


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"owners_committee_party_share_percent": 101}, "rules.percent"),
        ({"owners_committee_party_share_percent": -1}, "rules.percent"),
        ({"max_concurrent_posts": -1}, "rules.non_negative"),
        ({"party_member_posts": frozenset()}, "rules.member_posts"),
        ({"cross_party_posts": {PostKind.DIRECTOR}}, "rules.cross_posts"),
        ({"cross_body_posts": {PostKind.SECRETARY}}, "rules.cross_posts"),
    ],
)
def test_rules_refuse_nonsense(change: dict[str, object], rule: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        attrs.evolve(DEFAULT_APPOINTMENT_RULES, **change)
    assert info.value.rule == rule


def test_rules_accept_iterables() -> None:
    rules = AppointmentRules(single_seat_posts=[PostKind.SECRETARY])
    assert rules.single_seat_posts == frozenset({PostKind.SECRETARY})


def test_committee_tiers() -> None:
    assert committee_tier({TerritoryKind.STREET}) is CommitteeTier.STREET
    assert committee_tier({TerritoryKind.TOWNSHIP}) is CommitteeTier.STREET
    assert committee_tier({TerritoryKind.COMMUNITY}) is CommitteeTier.COMMUNITY
    assert committee_tier({TerritoryKind.GRID, TerritoryKind.COMPOUND}) is CommitteeTier.GRID
    assert CommitteeTier.COMMUNITY.label_zh == "社区大党委"


def test_part_time_references() -> None:
    refs = PART_TIME_REFERENCES
    assert refs["yancheng_street"].average == 9
    assert refs["yancheng_community"].average == 4
    assert refs["yongchun_community"].average == Fraction(95, 24)
    assert refs["yongchun_grid"].average == Fraction(213, 67)
    assert all(ref.source for ref in refs.values())
    with pytest.raises(InvalidRecordError) as info:
        PartTimeReference(place="某地", tier=CommitteeTier.GRID, source="-", members=3)
    assert info.value.rule == "part_time.reference"
