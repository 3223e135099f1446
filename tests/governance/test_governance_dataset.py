"""The governance section of a dataset: JSON round trip, built into the deliberations over
the dataset's own people and posts, a refused record located by its JSON path."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.calendar import Period
from neighborhood_pb.dataset import (
    DatasetContext,
    DatasetRecordError,
    GovernanceRecords,
    check_dataset,
)
from neighborhood_pb.errors import NotAuthorisedError
from neighborhood_pb.governance import (
    YONGCHUN_FOUR_STEPS,
    DeliberationRecords,
    Matter,
    Meeting,
    MeetingKind,
    Party,
    Procedure,
    Residence,
    StepTaken,
)
from neighborhood_pb.io.json import dataset_converter, dumps_dataset, loads_dataset, structure
from neighborhood_pb.samples.build import community_sample
from neighborhood_pb.testing import governance as gs

CONVERTER = dataset_converter(redact_personal=False)
BASE = attrs.evolve(community_sample(), governance=GovernanceRecords())
LIGHTS = Matter(
    id="GM1",
    title="楼道照明",
    proposer_id="QS-P25",
    territory_id="QS-LJ",
    procedure=YONGCHUN_FOUR_STEPS.code,
    proposed_at="2026-09-10T10:00:00+08:00",
    parties=(Party(role="community_party_org", org_id="QS-GC"),),
)
STEPS = (
    StepTaken(id="GE1", matter_id="GM1", step="propose", actor_id="QS-P25", at=LIGHTS.proposed_at),
    StepTaken(
        id="GE2",
        matter_id="GM1",
        step="consult",
        actor_id="QS-P19",
        at="2026-10-09T10:00:00+08:00",
    ),
)


def with_section(*steps: StepTaken, **changes: object) -> GovernanceRecords:
    records = DeliberationRecords(matters=(LIGHTS,), steps=steps)
    return GovernanceRecords(deliberations=records, **changes)  # type: ignore[arg-type]


def test_a_dataset_without_deliberations_writes_no_section_and_builds_none() -> None:
    assert GovernanceRecords().is_empty
    assert '"governance"' not in dumps_dataset(BASE)
    ctx = DatasetContext.build(BASE)
    assert ctx.deliberations is None
    assert not [f for f in check_dataset(ctx) if f.code.startswith("governance.")]


def test_the_section_round_trips_and_builds_over_the_datasets_people_and_posts() -> None:
    tenant = Residence(person_id="QS-P30", territory_id="QS-HY", period=Period(start="2026-01-01"))
    dataset = attrs.evolve(BASE, governance=with_section(*STEPS, residences=(tenant,)))
    text = dumps_dataset(dataset, redact_personal=False)
    assert '"governance"' in text
    assert loads_dataset(text) == dataset
    book = DatasetContext.build(dataset).deliberations
    assert book is not None
    assert [s.id for s in book.history("GM1")] == ["GE1", "GE2"]
    assert book.state("GM1").due_step == "implement"
    standing = book.standing
    assert standing.resides_in("QS-P25", "QS-LJ", LIGHTS.proposed_at.date())  # 1-701 of 丽景
    assert standing.resides_in("QS-P25", "QS-LJ-1-701", LIGHTS.proposed_at.date())
    assert not standing.resides_in("QS-P25", "QS-HY", LIGHTS.proposed_at.date())
    assert standing.household_of("QS-P25", LIGHTS.proposed_at.date()) == "QS-LJ-1-701"
    assert standing.resides_in("QS-P30", "QS-HY", LIGHTS.proposed_at.date())  # the tenant
    assert not standing.resides_in("QS-P29", "QS", LIGHTS.proposed_at.date())  # no household
    assert not standing.resides_in("nobody", "QS", LIGHTS.proposed_at.date())
    assert standing.household_of("QS-P30", LIGHTS.proposed_at.date()) is None
    assert standing.employment("QS-P29", "QS-PC1", LIGHTS.proposed_at.date()) is not None
    assert standing.holds_post("QS-P19", "QS-GC", LIGHTS.proposed_at.date())


def test_a_step_by_someone_without_a_post_is_refused_with_its_path() -> None:
    intruder = attrs.evolve(STEPS[1], actor_id="QS-P25")
    dataset = attrs.evolve(BASE, governance=with_section(STEPS[0], intruder))
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(dataset)
    assert caught.value.path == "$.governance.deliberations.steps[1]"
    assert isinstance(caught.value.error, NotAuthorisedError)
    assert caught.value.rule == "step.authority"


def test_the_sections_procedures_join_the_presets_and_may_replace_one() -> None:
    shorter = attrs.evolve(YONGCHUN_FOUR_STEPS, steps=YONGCHUN_FOUR_STEPS.steps[:2])
    own = Procedure(code="own", source="社区自定", steps=YONGCHUN_FOUR_STEPS.steps[:1])
    dataset = attrs.evolve(BASE, governance=with_section(*STEPS, procedures=(shorter, own)))
    book = DatasetContext.build(dataset).deliberations
    assert book is not None
    assert book.procedures[YONGCHUN_FOUR_STEPS.code] == shorter
    assert "own" in book.procedures
    assert "tonghua_three_deliberations" in book.procedures
    assert book.state("GM1").next_steps == ()


@settings(max_examples=25, deadline=None)
@given(
    st.builds(
        GovernanceRecords,
        deliberations=gs.deliberation_records(),
        procedures=st.lists(gs.procedures(), max_size=2),
        rules=gs.assembly_rules(),
        residences=st.lists(gs.residences(), max_size=2),
    )
)
def test_any_section_round_trips_through_the_dataset_converter(section: GovernanceRecords) -> None:
    data = json.loads(json.dumps(CONVERTER.unstructure(section), ensure_ascii=False))
    assert structure(data, GovernanceRecords, CONVERTER) == section


def _chaired(chair_id: str, rotation: str = "QS-GC-CHAIR") -> GovernanceRecords:
    meeting = Meeting(
        id="GMT1",
        kind=MeetingKind.JOINT,
        day="2025-02-05",
        chair_id=chair_id,
        attendees=frozenset({chair_id, "QS-P19"}),
        chair_rotation_id=rotation,
    )
    return GovernanceRecords(deliberations=DeliberationRecords(meetings=(meeting,)))


def test_a_meeting_naming_a_chair_rotation_is_chaired_by_the_chair_of_the_day() -> None:
    context = DatasetContext.build(attrs.evolve(BASE, governance=_chaired("QS-P32")))
    assert context.chair_rotations[0].chair_of("2025-02-05") == "QS-P32"
    assert context.deliberations is not None
    held = context.deliberations.records().meetings
    assert [(m.id, m.chair_id, m.chair_rotation_id) for m in held] == [
        ("GMT1", "QS-P32", "QS-GC-CHAIR")
    ]
    with pytest.raises(DatasetRecordError) as wrong:
        DatasetContext.build(attrs.evolve(BASE, governance=_chaired("QS-P31")))
    assert wrong.value.path == "$.governance.deliberations.meetings[0]"
    assert wrong.value.rule == "meeting.chair_of_the_day"
    with pytest.raises(DatasetRecordError) as unknown:
        DatasetContext.build(attrs.evolve(BASE, governance=_chaired("QS-P32", "QS-NONE")))
    assert unknown.value.rule == "meeting.unknown_rotation"
    assert "QS-NONE" in str(unknown.value)
