"""Resources (资源清单): what resident units, alliance members, in-service members, venues
and funds offer, with their capacity and the period offered."""

from __future__ import annotations

import enum

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors.validators import non_empty_text, positive_int
from neighborhood_pb.governance.converters import to_frozenset as _frozen

__all__ = ["YANCHENG_SERVICE_FUND", "Resource", "ResourceKind", "ServiceFundRule"]


class ResourceKind(enum.Enum):
    """Who or what offers a resource (资源类别)."""

    UNIT = "unit"
    """An offer of a resident unit (驻区单位)."""
    ALLIANCE_MEMBER = "alliance_member"
    """An offer of a party-building alliance's member (联盟成员单位)."""
    MEMBER_SKILL = "member_skill"
    """An in-service member's skill (在职党员特长)."""
    SERVICE_ITEM = "service_item"
    """A service item of the "7+N" convenience service system (“7+N”便民服务)."""
    VENUE = "venue"
    """A venue opened to residents (开放场地)."""
    FUND = "fund"
    """A fund: its capacity is its amount in fen (分)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return _KIND_ZH[self]


_KIND_ZH = {
    ResourceKind.UNIT: "驻区单位资源",
    ResourceKind.ALLIANCE_MEMBER: "联盟成员资源",
    ResourceKind.MEMBER_SKILL: "在职党员特长",
    ResourceKind.SERVICE_ITEM: "便民服务项目",
    ResourceKind.VENUE: "开放场地",
    ResourceKind.FUND: "服务资金",
}


@attrs.frozen(kw_only=True)
class Resource:
    """A resource offered to the community (资源).

    Attributes:
        id: The resource.
        title: What is offered.
        kind: Who or what offers it.
        provider_id: The unit, member, organisation or community offering it.
        territory_id: Where it is offered.
        categories: Needs it can serve (empty: any).
        capacity: How much: places, hours or times; a fund's amount in fen (分).
        period: When it is offered.
    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    kind: ResourceKind
    provider_id: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    categories: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)
    capacity: int = attrs.field(validator=positive_int())
    period: Period


@attrs.frozen(kw_only=True)
class ServiceFundRule:
    """A community's yearly service fund (服务群众专项经费), as a rule with its source.

    Attributes:
        amount_fen: The fund per community a year, in fen (分): exact, never a float.
        source: Where the figure comes from.
    """

    amount_fen: int = attrs.field(validator=positive_int())
    source: str = attrs.field(validator=non_empty_text)

    def fund(self, *, id: str, community_id: str, year: int, title: str = "") -> Resource:
        """The fund of ``community_id`` for ``year`` as a resource of kind ``FUND``."""
        return Resource(
            id=id,
            title=title or f"{year}年服务群众专项经费",
            kind=ResourceKind.FUND,
            provider_id=community_id,
            territory_id=community_id,
            capacity=self.amount_fen,
            period=Period.year(year),
        )


YANCHENG_SERVICE_FUND = ServiceFundRule(
    amount_fen=200_000 * 100,
    source="盐城市: 每个社区每年安排20万元服务群众专项经费",
)
"""Yancheng: 200,000 yuan of service funds per community a year (20,000,000 fen)."""
