"""The synthetic city generator: deterministic, valid, and of the scale asked for."""

import pytest

from neighborhood_pb import InvalidRecordError, OrgTree, TerritoryKind
from neighborhood_pb.synthetic import CityScale, generate_city


def test_same_seed_same_city_and_valid_tree() -> None:
    scale = CityScale(
        streets=2,
        communities=3,
        grids=7,
        compounds=5,
        buildings=11,
        households=60,
        members=40,
        central_households=6,
    )
    first, again = generate_city(scale, seed=7), generate_city(scale, seed=7)
    assert first.structure == again.structure
    assert generate_city(scale, seed=8).structure != first.structure
    tree = OrgTree.from_records(first.schema, first.structure)
    counts = tree.territories.count_by_kind(first.as_of)
    assert counts[TerritoryKind.STREET] == 2
    assert counts[TerritoryKind.COMMUNITY] == 3
    assert counts[TerritoryKind.GRID] == 7
    assert counts[TerritoryKind.HOUSEHOLD] == 60
    assert len(list(tree.people())) == 40
    assert tree.counts_by_level(first.as_of)["street_working_committee"] == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"streets": 0},
        {"streets": 3, "communities": 2},
        {"compounds": 50, "buildings": 40},
        {"central_households": 900, "households": 800},
    ],
)
def test_inconsistent_scales_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidRecordError):
        CityScale(**kwargs)
