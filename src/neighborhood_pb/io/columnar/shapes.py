"""Shapes of synthetic jurisdictions (模拟规模) for the streaming Parquet generator: a city in
Yancheng's proportions, and the nation as published, split into city-sized chunks.

Pure data: no Arrow import here.
"""

from __future__ import annotations

import itertools

import attrs
import pendulum

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import positive_int

__all__ = ["NATIONAL_SHAPE", "YANCHENG_SHAPE", "CityShape", "NationalShape"]

_POSITIVE = positive_int()


@attrs.frozen(kw_only=True)
class CityShape:
    """How many of each territory, member and central household one chunk holds (城市规模).

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

    streets: int = attrs.field(validator=_POSITIVE)
    communities: int = attrs.field(validator=_POSITIVE)
    grids: int = attrs.field(validator=_POSITIVE)
    compounds: int = attrs.field(validator=_POSITIVE)
    buildings: int = attrs.field(validator=_POSITIVE)
    households: int = attrs.field(validator=_POSITIVE)
    members: int = attrs.field(validator=_POSITIVE)
    central_households: int = attrs.field(validator=_POSITIVE)

    def __attrs_post_init__(self) -> None:
        chain = (
            ("streets", self.streets),
            ("communities", self.communities),
            ("grids", self.grids),
        )
        for (upper, above), (lower, below) in itertools.pairwise(chain):
            if below < above:
                raise InvalidRecordError(
                    f"CityShape: {lower} ({below}) fewer than {upper} ({above})",
                    rule="scale.nesting",
                )
        if self.buildings < self.compounds or self.households < self.buildings:
            raise InvalidRecordError(
                "CityShape: each compound needs a building and each building a household",
                rule="scale.nesting",
            )
        if self.central_households > self.households:
            raise InvalidRecordError(
                "CityShape: more central households than households", rule="scale.nesting"
            )

    @property
    def territories(self) -> int:
        """Territory rows of one chunk of this shape."""
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
"""盐城市 as published (the same figures as ``neighborhood_pb.synthetic.YANCHENG_SCALE``):
28 streets, 232 communities, 1.1万 grids, 55.2万 households, 32,621 members, 4305 central
households; compounds and buildings estimated."""


def _share(total: int, parts: int, index: int) -> int:
    """The ``index``-th of ``parts`` near-equal whole shares of ``total``."""
    return total * (index + 1) // parts - total * index // parts


@attrs.frozen(kw_only=True)
class NationalShape:
    """The nation's published party figures (全国党内统计), and the synthetic territory
    beneath them in a city's proportions.

    Attributes:
        members: Party members (党员总数).
        members_on: The day the member count is as of.
        grassroots_organisations: Grassroots party organisations (基层党组织).
        communities: Communities with a party organisation (已建立党组织的社区).
        communities_on: The day the community count is as of.
        sources: Where the figures are published.
    """

    members: int = attrs.field(validator=_POSITIVE)
    members_on: pendulum.Date
    grassroots_organisations: int = attrs.field(validator=_POSITIVE)
    communities: int = attrs.field(validator=_POSITIVE)
    communities_on: pendulum.Date
    sources: tuple[str, ...] = ()

    def city_shapes(self, per: CityShape = YANCHENG_SHAPE) -> tuple[CityShape, ...]:
        """The nation split into chunks of about ``per``'s communities each.

        Every territory count is ``per``'s per community times :attr:`communities`; members
        are :attr:`members`; each count is shared out evenly over the chunks, so the chunks
        sum to the national totals.

        Raises:
            InvalidRecordError: a chunk's shape does not nest (rule ``scale.nesting``).
        """
        chunks = -(-self.communities // per.communities)

        def total(count: int) -> int:
            return count * self.communities // per.communities

        totals = {
            "streets": max(total(per.streets), chunks),
            "communities": self.communities,
            "grids": total(per.grids),
            "compounds": total(per.compounds),
            "buildings": total(per.buildings),
            "households": total(per.households),
            "members": self.members,
            "central_households": total(per.central_households),
        }
        return tuple(
            CityShape(**{name: _share(count, chunks, i) for name, count in totals.items()})
            for i in range(chunks)
        )


NATIONAL_SHAPE = NationalShape(
    members=100_270_000,
    members_on=pendulum.Date(2024, 12, 31),
    grassroots_organisations=5_250_000,
    communities=119_437,
    communities_on=pendulum.Date(2023, 12, 31),
    sources=(
        "中共中央组织部：2024年中国共产党党内统计公报（党员总数10027.0万名，基层党组织525.0万个）",
        "中共中央组织部：2023年中国共产党党内统计公报（已建立党组织的社区119437个）",
    ),
)
"""The nation: 100.27 million members and 5.25 million grassroots organisations at the end of
2024, 119,437 communities with a party organisation at the end of 2023 (the Organisation
Department's statistical bulletins); streets, grids, compounds, buildings, households and
central households synthetic in Yancheng's proportions per community."""
