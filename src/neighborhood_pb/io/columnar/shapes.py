"""The nation's shape (全国规模) for the streaming Parquet generator: the published figures,
split into chunks shaped as a city (:class:`~neighborhood_pb.structure.scales.CityShape`,
Yancheng's proportions).

Pure data: no Arrow import here.
"""

from __future__ import annotations

import attrs
import pendulum

from neighborhood_pb.errors.validators import positive_int
from neighborhood_pb.structure.scales import YANCHENG_SHAPE, CityShape

__all__ = ["NATIONAL_SHAPE", "NationalShape"]

_POSITIVE = positive_int()


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
