"""Joint units and 村居合一 unions in a dataset: loaded, written, checked."""

import json

import attrs
import pytest

from neighborhood_pb import (
    COMMUNITY_FIVE_LEVEL,
    Dataset,
    DatasetContext,
    JointUnit,
    UnitKind,
    VillageCommunityUnion,
)
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset import DatasetRecordError, check_dataset
from neighborhood_pb.io.json import dumps_dataset, loads_dataset
from neighborhood_pb.samples import load_sample

COMMUNITY = load_sample("community")
SINCE = Period(start="2020-01-01")


def unit(id: str, org_id: str) -> JointUnit:
    return JointUnit(id=id, org_id=org_id, name=f"单位{id}", kind=UnitKind.ENTERPRISE, period=SINCE)


def test_an_empty_dataset_writes_no_joins() -> None:
    dataset = Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL)
    assert dataset.joint_units == dataset.village_community_unions == ()
    written = json.loads(dumps_dataset(dataset))
    assert "joint_units" not in written
    assert "village_community_unions" not in written


def test_joins_round_trip() -> None:
    union = VillageCommunityUnion(
        id="VC", org_id="X", village_id="V", community_id="C", period=SINCE
    )
    dataset = attrs.evolve(
        COMMUNITY, joint_units=[unit("U1", "X")], village_community_unions=[union]
    )
    text = dumps_dataset(dataset, redact_personal=False)
    assert json.loads(text)["joint_units"][0]["kind"] == "enterprise"
    assert loads_dataset(text) == dataset


def test_the_dataset_checks_count_joined_units() -> None:
    ctx = DatasetContext.build(COMMUNITY)
    org_id = next(iter(ctx.tree.orgs(ctx.on))).id
    before = {f.code for f in check_dataset(ctx)}
    assert "village_community.not_covered" not in before
    union = VillageCommunityUnion(
        id="VC", org_id=org_id, village_id="nowhere-v", community_id="nowhere-c", period=SINCE
    )
    joined = attrs.evolve(COMMUNITY, village_community_unions=[union])
    after = check_dataset(DatasetContext.build(joined))
    (finding,) = [f for f in after if f.code == "village_community.not_covered"]
    assert finding.subject == org_id
    assert finding.params["missing"] == "nowhere-v, nowhere-c"


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"joint_units": [unit("U1", "X"), unit("U1", "Y")]}, "$.joint_units[1]"),
        (
            {
                "village_community_unions": [
                    VillageCommunityUnion(
                        id="VC", org_id="X", village_id="V", community_id="C", period=SINCE
                    )
                ]
                * 2
            },
            "$.village_community_unions[1]",
        ),
    ],
)
def test_a_repeated_id_names_its_place(changes: dict[str, object], path: str) -> None:
    ctx = DatasetContext.build(attrs.evolve(COMMUNITY, **changes))
    with pytest.raises(DatasetRecordError) as raised:
        check_dataset(ctx)
    assert raised.value.path == path
