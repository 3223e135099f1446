"""``OrgTree.org_ids_covering`` answers what ``orgs_covering`` does, by id, on generated trees."""

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.structure import (
    STREET_GRID_FIVE_LEVEL,
    Coverage,
    LevelSchema,
    Organisation,
    OrgForm,
    OrgTree,
    Territory,
    TerritoryKind,
    TreeRecords,
)
from neighborhood_pb.testing.structure import schemas_and_tree_records


def _days(records: TreeRecords) -> list[pendulum.Date]:
    """Days where a coverage or an org starts or ends, and the day before each."""
    periods: list[Period] = [r.period for r in (*records.coverage, *records.orgs)]
    days = {p.start for p in periods} | {p.end for p in periods if p.end is not None}
    return sorted(days | {d.subtract(days=1) for d in days})


@settings(max_examples=60)
@given(schemas_and_tree_records(), st.data())
def test_ids_equal_the_ids_of_the_organisations_covering(
    dataset: tuple[LevelSchema, TreeRecords], data: st.DataObject
) -> None:
    schema, records = dataset
    tree = OrgTree.from_records(schema, records)
    day = data.draw(st.sampled_from(_days(records)))
    for territory in records.territories:
        for inherited in (False, True):
            ids = tree.org_ids_covering(territory.id, day, inherited=inherited)
            orgs = tree.orgs_covering(territory.id, day, inherited=inherited)
            assert list(ids) == [org.id for org in orgs]
            assert tree.org_ids_covering(territory.id, str(day), inherited=inherited) == ids


def _street_and_community() -> OrgTree:
    since = Period(start="2023-01-01")
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    tree.add_territory(Territory(id="S", kind=TerritoryKind.STREET, name="街道", period=since))
    tree.add_territory(
        Territory(id="C", kind=TerritoryKind.COMMUNITY, name="社区", period=since, parent_id="S")
    )
    tree.found(
        Organisation(
            id="O-S",
            name="街道党工委",
            form=OrgForm.WORKING_COMMITTEE,
            level="street_working_committee",
            period=since,
        )
    )
    tree.found(
        Organisation(
            id="O-C",
            name="社区党总支",
            form=OrgForm.GENERAL_BRANCH,
            level="community_general_branch",
            period=since,
            parent_id="O-S",
        )
    )
    tree.cover(Coverage(org_id="O-S", territory_id="S", period=since))
    tree.cover(
        Coverage(
            org_id="O-C", territory_id="C", period=Period(start="2024-01-01", end="2025-01-01")
        )
    )
    return tree


def test_a_community_names_its_own_organisation_then_its_street_s() -> None:
    tree = _street_and_community()
    assert tree.org_ids_covering("C", "2024-06-01") == ("O-C",)
    assert tree.org_ids_covering("C", "2024-06-01", inherited=True) == ("O-C", "O-S")
    assert tree.org_ids_covering("C", "2025-01-01") == ()
    assert tree.org_ids_covering("C", "2025-01-01", inherited=True) == ("O-S",)
    assert tree.org_ids_covering("S", "2023-01-01") == ("O-S",)


@pytest.mark.parametrize("inherited", [False, True])
def test_an_unknown_territory_is_refused(inherited: bool) -> None:
    tree = _street_and_community()
    with pytest.raises(UnknownRecordError):
        tree.org_ids_covering("nowhere", "2024-06-01", inherited=inherited)
