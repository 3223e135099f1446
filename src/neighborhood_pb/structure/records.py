"""Effective-dated records of an organisation tree: org versions, coverage, memberships,
residential reports and election terms."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import is_whole, non_empty_text
from neighborhood_pb.structure.forms import MembershipKind, OrgForm

__all__ = [
    "Coverage",
    "ElectionTerm",
    "Membership",
    "Organisation",
    "Report",
    "ReportChannel",
]


@attrs.frozen(kw_only=True)
class Organisation:
    """One version of a party organisation (党组织).

    Renaming, moving or re-forming an organisation ends its current version and starts a new
    one with the same ``id``; the versions of one organisation are contiguous.

    Attributes:
        id: Identifier shared by every version.
        name: Name in this version (e.g. "幸福小区党支部").
        form: Form in this version.
        level: Code of its level in the tree's schema (fixed for the org's life).
        parent_id: Parent organisation, ``None`` for a root.
        period: When this version is in effect.
    """

    id: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    form: OrgForm
    level: str
    period: Period
    parent_id: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.parent_id == self.id:
            raise InvalidRecordError(
                f"organisation {self.id} cannot be its own parent",
                subject=self.id,
                rule="tree.acyclic",
            )


@attrs.frozen(kw_only=True)
class Coverage:
    """An organisation covers a territory (党组织覆盖) for a period.

    Attributes:
        org_id: The organisation.
        territory_id: The territory it covers.
        period: When.
    """

    org_id: str
    territory_id: str
    period: Period

    @property
    def key(self) -> str:
        """Identifier used in messages and for ending it."""
        return f"{self.org_id}→{self.territory_id}@{self.period.start}"


@attrs.frozen(kw_only=True)
class Membership:
    """A party member's place in an organisation.

    Attributes:
        id: Unique identifier.
        person_id: The member.
        org_id: The organisation.
        kind: Formal relation (组织关系) or compound-style participation (兼合).
        period: When.
        end_reason: Why it ended (transfer, death, …), once ended.
    """

    id: str = attrs.field(validator=non_empty_text)
    person_id: str
    org_id: str
    period: Period
    kind: MembershipKind = MembershipKind.FORMAL
    end_reason: str | None = None


class ReportChannel(enum.Enum):
    """How an in-service member reported to the residential community (双报到)."""

    ONLINE = "online"
    OFFLINE = "offline"

    @property
    def label_zh(self) -> str:
        """Chinese name (线上报到、线下报到)."""
        return {ReportChannel.ONLINE: "线上报到", ReportChannel.OFFLINE: "线下报到"}[self]


def _channels(value: Iterable[ReportChannel]) -> frozenset[ReportChannel]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Report:
    """An in-service member's residential report (到社区报到) to a community and grid.

    Attributes:
        id: Unique identifier.
        person_id: The member.
        community_id: Territory of kind community (or village) reported to.
        grid_id: Grid within that community, if assigned.
        channels: Online, offline or both (双报到).
        period: When the report is in effect; a revoked report is end-dated.
    """

    id: str = attrs.field(validator=non_empty_text)
    person_id: str
    community_id: str
    period: Period
    grid_id: str | None = None
    channels: frozenset[ReportChannel] = attrs.field(
        default=frozenset({ReportChannel.ONLINE, ReportChannel.OFFLINE}), converter=_channels
    )

    def __attrs_post_init__(self) -> None:
        if not self.channels:
            raise InvalidRecordError(
                f"report {self.id} names no channel", subject=self.id, rule="report.channel"
            )


@attrs.frozen(kw_only=True)
class ElectionTerm:
    """One elected term (届) of an organisation's leadership.

    Attributes:
        id: Unique identifier.
        org_id: The organisation.
        period: From the election to the next one (open while current).
        seats: Size of the elected leadership: committee members, or secretary and deputy
            where no committee is set up.
    """

    id: str = attrs.field(validator=non_empty_text)
    org_id: str
    period: Period
    seats: int

    def __attrs_post_init__(self) -> None:
        if not is_whole(self.seats) or self.seats < 1:
            raise InvalidRecordError(
                f"term {self.id}: {self.seats!r} seats; a whole number, at least a secretary, "
                "is elected",
                subject=self.id,
                rule="term.seats",
            )
