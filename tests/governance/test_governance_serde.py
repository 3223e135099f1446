"""Every governance record survives a JSON round trip through ``make_converter()``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from governance_helpers import new_book, published_and_closed, through_review
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.errors import StructuringError
from neighborhood_pb.governance import (
    CIVIL_CODE_278,
    PRESETS,
    AssemblyRules,
    Ballot,
    Closure,
    Deadline,
    DeliberationRecords,
    ExplicitStanding,
    Matter,
    Meeting,
    OwnerShare,
    Party,
    Procedure,
    Publication,
    PublicationRule,
    Rating,
    Residence,
    Review,
    Step,
    StepActor,
    StepTaken,
    Threshold,
    Vote,
    tally,
)
from neighborhood_pb.io.converter import make_converter, structure
from neighborhood_pb.ratio import Ratio
from neighborhood_pb.testing import governance as gs

CONVERTER = make_converter(redact_personal=False)

CASES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Procedure, gs.procedures()),
    (Step, gs.steps()),
    (StepActor, gs.step_actors()),
    (Deadline, gs.deadlines()),
    (PublicationRule, gs.publication_rules()),
    (Matter, gs.matters()),
    (Party, gs.parties()),
    (StepTaken, gs.steps_taken()),
    (Closure, gs.closures()),
    (Review, gs.reviews()),
    (Threshold, gs.thresholds()),
    (AssemblyRules, gs.assembly_rules()),
    (OwnerShare, gs.owner_shares()),
    (Ballot, gs.ballots()),
    (Vote, gs.votes()),
    (Meeting, gs.meetings()),
    (Publication, gs.publications()),
    (Rating, gs.ratings()),
    (Residence, gs.residences()),
    (ExplicitStanding, gs.standings()),
    (DeliberationRecords, gs.deliberation_records()),
]


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_every_governance_record_round_trips(
    cls: type[Any], strategy: st.SearchStrategy[Any]
) -> None:
    @given(strategy)
    def round_trip(value: Any) -> None:
        data = json.loads(json.dumps(CONVERTER.unstructure(value), ensure_ascii=False))
        assert structure(data, cls, CONVERTER) == value

    round_trip()


def test_presets_rules_results_and_a_whole_book_round_trip() -> None:
    for preset in PRESETS:
        assert structure(CONVERTER.unstructure(preset), Procedure, CONVERTER) == preset
    assert (
        structure(CONVERTER.unstructure(CIVIL_CODE_278), AssemblyRules, CONVERTER) == CIVIL_CODE_278
    )
    records = published_and_closed(through_review(new_book())).records()
    data = json.loads(json.dumps(CONVERTER.unstructure(records), ensure_ascii=False))
    assert data["steps"][2]["vote_id"] == "V1"
    assert data["closures"][0]["review_on"] == "2026-06-30"
    assert structure(data, DeliberationRecords, CONVERTER) == records
    result = tally(records.votes[0])
    assert result.turnout_number == Ratio(5, 6)


def test_structuring_bad_governance_data_names_the_path() -> None:
    records = through_review(new_book()).records()
    data = CONVERTER.unstructure(records)
    data["votes"][0]["owners"][1]["area"] = 0
    with pytest.raises(StructuringError) as caught:
        structure(data, DeliberationRecords, CONVERTER)
    assert caught.value.path.startswith("$.votes[0].owners[1]")
