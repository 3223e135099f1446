"""Territory (辖区): the street, community, grid, compound, building, unit and household
that organisations cover."""

from __future__ import annotations

import enum

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import is_whole, non_empty_text

__all__ = [
    "COMMUNITY_KINDS",
    "MAX_DECLARED_HOUSEHOLDS",
    "STREET_KINDS",
    "Territory",
    "TerritoryKind",
]

MAX_DECLARED_HOUSEHOLDS = 10_000_000
"""Most households one territory may declare (一千万户, more than any Chinese city district):
a larger figure is a typing error, and would overflow the figures computed from it."""


class TerritoryKind(enum.Enum):
    """Kind of territory, ordered from the largest to the smallest by :attr:`rank`."""

    STREET = "street"
    TOWNSHIP = "township"
    COMMUNITY = "community"
    VILLAGE = "village"
    AREA = "area"
    GRID = "grid"
    COMPOUND = "compound"
    BUILDING = "building"
    UNIT = "unit"
    HOUSEHOLD = "household"

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact and fast

    @property
    def rank(self) -> int:
        """Nesting depth: a territory's parent always has a smaller rank."""
        return self._rank  # type: ignore[attr-defined,no-any-return]

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return _LABELS[self]


_RANKS = {
    TerritoryKind.STREET: 0,
    TerritoryKind.TOWNSHIP: 0,
    TerritoryKind.COMMUNITY: 1,
    TerritoryKind.VILLAGE: 1,
    TerritoryKind.AREA: 2,
    TerritoryKind.GRID: 3,
    TerritoryKind.COMPOUND: 4,
    TerritoryKind.BUILDING: 5,
    TerritoryKind.UNIT: 6,
    TerritoryKind.HOUSEHOLD: 7,
}
for _kind, _rank in _RANKS.items():
    _kind._rank = _rank  # type: ignore[attr-defined]

STREET_KINDS = frozenset({TerritoryKind.STREET, TerritoryKind.TOWNSHIP})
"""The kinds of a street-level territory (街道、乡镇): a top one is a street scope."""

COMMUNITY_KINDS = frozenset({TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE})
"""The kinds of a community-level territory (社区、行政村): each is a community scope."""

_LABELS = {
    TerritoryKind.STREET: "街道",
    TerritoryKind.TOWNSHIP: "乡镇",
    TerritoryKind.COMMUNITY: "社区",
    TerritoryKind.VILLAGE: "行政村",
    TerritoryKind.AREA: "片区",
    TerritoryKind.GRID: "网格",
    TerritoryKind.COMPOUND: "小区",
    TerritoryKind.BUILDING: "楼栋",
    TerritoryKind.UNIT: "单元",
    TerritoryKind.HOUSEHOLD: "户",
}


@attrs.frozen(kw_only=True)
class Territory:
    """A piece of territory in the nested hierarchy street → … → household.

    Attributes:
        id: Unique identifier.
        kind: What it is.
        name: Display name (e.g. "幸福小区").
        parent_id: Enclosing territory, or ``None`` for a top-level one.
        code: Official code; required and unique for grids (网格编码).
        households: Declared number of households, for territories that are not broken
            down to household records (``None`` when unknown).
        period: When it exists.
    """

    id: str = attrs.field(validator=non_empty_text)
    kind: TerritoryKind
    name: str = attrs.field(validator=non_empty_text)
    period: Period
    parent_id: str | None = None
    code: str | None = None
    households: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.kind is TerritoryKind.GRID and not self.code:
            raise InvalidRecordError(
                f"grid {self.id} needs a grid code (网格编码)", subject=self.id, rule="grid.code"
            )
        if self.parent_id == self.id:
            raise InvalidRecordError(
                f"territory {self.id} cannot be its own parent",
                subject=self.id,
                rule="tree.acyclic",
            )
        households = self.households
        if households is not None and (not is_whole(households) or households < 0):
            raise InvalidRecordError(
                f"territory {self.id} declares {households!r} households; a whole number "
                "that is not negative is expected",
                subject=self.id,
                rule="record.non_negative",
            )
        if households is not None and households > MAX_DECLARED_HOUSEHOLDS:
            raise InvalidRecordError(
                f"territory {self.id} declares {households} households, more than the "
                f"{MAX_DECLARED_HOUSEHOLDS:,} any one territory holds",
                subject=self.id,
                rule="record.range",
            )
