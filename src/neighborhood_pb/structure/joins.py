"""What joint organisations join (联建): the units of a joint branch and 村居合一.

A joint branch (联合党支部) joins units (单位) that each have too few full members for a
branch of their own: enterprises, resident units, compounds, the shops of a commercial
district (商圈), a village and a community. The rule caps the units, not the territory
covered, so the units are records of their own (:class:`JointUnit`). "Two plates, one team"
(村居合一, 两块牌子、一套班子) is one leadership serving a village and a residents'
committee (:class:`VillageCommunityUnion`). :class:`JointBook` keeps both.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.history import Register

__all__ = [
    "VILLAGE_COMMUNITY_SOURCE",
    "JointBook",
    "JointUnit",
    "UnitKind",
    "VillageCommunityUnion",
]

VILLAGE_COMMUNITY_SOURCE = "农民集中居住区党建: 村居联建即村居合一，实行“两块牌子、一套班子”管理"
"""Where 村居合一 comes from: a practice reported by the sources, not a regulation."""


class UnitKind(enum.Enum):
    """Kind of unit a joint organisation joins (联建单位)."""

    ENTERPRISE = "enterprise"
    RESIDENT_UNIT = "resident_unit"
    COMPOUND = "compound"
    MERCHANT = "merchant"
    VILLAGE = "village"
    COMMUNITY = "community"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return _UNIT_LABELS[self]


_UNIT_LABELS = {
    UnitKind.ENTERPRISE: "企业",
    UnitKind.RESIDENT_UNIT: "驻区单位",
    UnitKind.COMPOUND: "小区",
    UnitKind.MERCHANT: "商户",
    UnitKind.VILLAGE: "村",
    UnitKind.COMMUNITY: "社区",
}


@attrs.frozen(kw_only=True)
class JointUnit:
    """A unit joined by a joint organisation for a period (联建单位).

    Attributes:
        id: Unique identifier.
        org_id: The joint organisation (e.g. "新茂商圈联合党支部").
        name: The unit's name.
        kind: What the unit is.
        period: When it is joined.
        territory_id: The territory the unit is, where it is one (a compound, a village).
    """

    id: str = attrs.field(validator=non_empty_text)
    org_id: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    kind: UnitKind
    period: Period
    territory_id: str | None = None


@attrs.frozen(kw_only=True)
class VillageCommunityUnion:
    """村居合一: one party organisation leads a village and a community together.

    Attributes:
        id: Unique identifier.
        org_id: The organisation whose one leadership serves both (一套班子).
        village_id: Territory of the administrative village (村委会).
        community_id: Territory of the community (居委会).
        period: When the two plates share the team.
    """

    id: str = attrs.field(validator=non_empty_text)
    org_id: str = attrs.field(validator=non_empty_text)
    village_id: str = attrs.field(validator=non_empty_text)
    community_id: str = attrs.field(validator=non_empty_text)
    period: Period

    def __attrs_post_init__(self) -> None:
        if self.village_id == self.community_id:
            raise InvalidRecordError(
                f"村居合一 {self.id}: the village and the community are one territory",
                subject=self.id,
                rule="village_community.two_plates",
            )


class JointBook:
    """The units joined and the 村居合一 unions, by id; a rejected add changes nothing."""

    def __init__(
        self,
        units: Iterable[JointUnit] = (),
        unions: Iterable[VillageCommunityUnion] = (),
    ) -> None:
        """Create a book holding ``units`` and ``unions``."""
        self._units: Register[JointUnit] = Register("joint unit")
        self._unions: Register[VillageCommunityUnion] = Register("村居合一 union")
        self._by_org: dict[str, list[JointUnit]] = {}  # units by the org joining them
        for unit in units:
            self.add_unit(unit)
        for union in unions:
            self.add_union(union)

    def add_unit(self, unit: JointUnit) -> None:
        """Record a joined unit.

        Raises:
            ConflictError: the id is taken.
        """
        self._units.check_new(unit.id)
        self._units.put(unit.id, unit)
        self._by_org.setdefault(unit.org_id, []).append(unit)

    def add_union(self, union: VillageCommunityUnion) -> None:
        """Record a 村居合一 union.

        Raises:
            ConflictError: the id is taken.
        """
        self._unions.check_new(union.id)
        self._unions.put(union.id, union)

    def units(self, org_id: str, on: _dt.date | str) -> tuple[JointUnit, ...]:
        """Units joined by ``org_id`` on ``on``."""
        day = as_date(on, "on")
        return tuple(u for u in self._by_org.get(org_id, ()) if day in u.period)

    def joins_units(self, org_id: str) -> bool:
        """Whether any unit of ``org_id`` is recorded, at any time."""
        return org_id in self._by_org

    def unions(self, on: _dt.date | str) -> tuple[VillageCommunityUnion, ...]:
        """村居合一 unions in effect on ``on``."""
        day = as_date(on, "on")
        return tuple(u for u in self._unions if day in u.period)
