"""How big a synthetic city is (模拟城市规模): the counts both generators take, and Yancheng's.

The in-memory generator (:mod:`neighborhood_pb.synthetic`) adds the ledger's size to these
counts; the streaming Parquet generator (:mod:`neighborhood_pb.io.columnar.synthetic`) takes
them as they are, one chunk each. Pure data.
"""

from __future__ import annotations

import itertools

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import positive_int

__all__ = ["YANCHENG_SHAPE", "CityShape"]

_POSITIVE = positive_int()


@attrs.frozen(kw_only=True)
class CityShape:
    """How many of each territory, member and central household a city holds (城市规模);
    the defaults are a small city of two streets.

    Attributes:
        streets: Streets (街道), the tops.
        communities: Communities (社区), spread evenly over the streets.
        grids: Grids (网格), spread evenly over the communities.
        compounds: Residential compounds (小区), each in a randomly chosen grid.
        buildings: Buildings (楼栋), spread evenly over the compounds.
        households: Households (户), spread evenly over the buildings.
        members: Party members (党员), each living in a random household.
        central_households: Central households (党员中心户).

    Raises:
        InvalidRecordError: a level has fewer nodes than the one above it (rule
            ``scale.nesting``) or a count is not positive (``record.positive``).
    """

    streets: int = attrs.field(default=2, validator=_POSITIVE)
    communities: int = attrs.field(default=4, validator=_POSITIVE)
    grids: int = attrs.field(default=12, validator=_POSITIVE)
    compounds: int = attrs.field(default=8, validator=_POSITIVE)
    buildings: int = attrs.field(default=40, validator=_POSITIVE)
    households: int = attrs.field(default=800, validator=_POSITIVE)
    members: int = attrs.field(default=120, validator=_POSITIVE)
    central_households: int = attrs.field(default=10, validator=_POSITIVE)

    def __attrs_post_init__(self) -> None:
        name = type(self).__name__
        chain = (
            ("streets", self.streets),
            ("communities", self.communities),
            ("grids", self.grids),
        )
        for (upper, above), (lower, below) in itertools.pairwise(chain):
            if below < above:
                raise InvalidRecordError(
                    f"{name}: {lower} ({below}) fewer than {upper} ({above})",
                    rule="scale.nesting",
                )
        if self.buildings < self.compounds or self.households < self.buildings:
            raise InvalidRecordError(
                f"{name}: each compound needs a building and each building a household",
                rule="scale.nesting",
            )
        if self.central_households > self.households:
            raise InvalidRecordError(
                f"{name}: more central households than households", rule="scale.nesting"
            )

    @property
    def territories(self) -> int:
        """Territory rows of a city of this shape."""
        return (
            self.streets
            + self.communities
            + self.grids
            + self.compounds
            + self.buildings
            + self.households
        )


YANCHENG_SHAPE = CityShape(
    streets=28,
    communities=232,
    grids=11_000,
    compounds=3_000,
    buildings=18_000,
    households=552_000,
    members=32_621,
    central_households=4_305,
)
"""盐城市 as published: 28 streets, 232 communities, 1.1万 grids, 55.2万 households, 32,621
members, 4305 central households; compounds and buildings estimated."""
