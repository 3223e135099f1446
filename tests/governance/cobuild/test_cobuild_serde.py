"""Every co-building record survives a JSON round trip through ``make_converter()``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cobuild_helpers import community
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.errors import StructuringError
from neighborhood_pb.governance.cobuild import (
    NEED_RESPONSE,
    YANCHENG_SERVICE_FUND,
    Agreement,
    Alliance,
    AllianceMember,
    CobuildRules,
    Commitment,
    CommitmentMet,
    CommunityEvaluation,
    FourListsRecords,
    HardshipHousehold,
    ListComment,
    ListEntry,
    ListSnapshot,
    Milestone,
    MilestoneReached,
    Need,
    NeedEvent,
    Pairing,
    PartnershipRecords,
    Project,
    ProjectDone,
    Resource,
    ResourceCommitment,
    ServiceFundRule,
    Spending,
    UnitEvaluation,
)
from neighborhood_pb.io.converter import make_converter, structure
from neighborhood_pb.testing import cobuild as cs

CONVERTER = make_converter(redact_personal=False)

CASES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Need, cs.needs()),
    (NeedEvent, cs.need_events()),
    (Resource, cs.resources()),
    (ServiceFundRule, cs.service_fund_rules()),
    (ResourceCommitment, cs.resource_commitments()),
    (Milestone, cs.milestones()),
    (Project, cs.projects()),
    (MilestoneReached, cs.milestones_reached()),
    (ProjectDone, cs.project_completions()),
    (Spending, cs.spendings()),
    (ListEntry, cs.list_entries()),
    (ListSnapshot, cs.list_snapshots()),
    (ListComment, cs.list_comments()),
    (Alliance, cs.alliances()),
    (AllianceMember, cs.alliance_members()),
    (Commitment, cs.commitments()),
    (Agreement, cs.agreements()),
    (CommitmentMet, cs.commitments_met()),
    (HardshipHousehold, cs.hardship_households()),
    (Pairing, cs.pairings()),
    (UnitEvaluation, cs.unit_evaluations()),
    (CommunityEvaluation, cs.community_evaluations()),
    (CobuildRules, cs.cobuild_rules()),
    (FourListsRecords, cs.four_lists_records()),
    (PartnershipRecords, cs.partnership_records()),
]


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_every_cobuild_record_round_trips(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    @settings(max_examples=25)
    @given(strategy)
    def round_trip(value: Any) -> None:
        data = json.loads(json.dumps(CONVERTER.unstructure(value), ensure_ascii=False))
        assert structure(data, cls, CONVERTER) == value

    round_trip()


def test_presets_and_a_whole_community_round_trip() -> None:
    for preset, cls in ((YANCHENG_SERVICE_FUND, ServiceFundRule), (NEED_RESPONSE, CobuildRules)):
        assert structure(CONVERTER.unstructure(preset), cls, CONVERTER) == preset
    records = community().records()
    data = json.loads(json.dumps(CONVERTER.unstructure(records), ensure_ascii=False))
    assert data["projects"][0]["budget_fen"] == 1_500_000
    assert data["resources"][1]["capacity"] == 20_000_000
    assert structure(data, FourListsRecords, CONVERTER) == records


def test_structuring_bad_cobuild_data_names_the_path() -> None:
    data = CONVERTER.unstructure(community().records())
    data["projects"][0]["budget_fen"] = 1.5
    with pytest.raises(StructuringError) as caught:
        structure(data, FourListsRecords, CONVERTER)
    assert "projects" in caught.value.path
