"""Part-time committee members (兼职委员) of grand committees: where they come from, and how
many sit on each committee and at each tier (街道大工委、社区大党委、网格大支部).

Grand committees widen a street, community or grid committee with members from resident
units and in-service members. The figures the sources quote are kept as
:data:`PART_TIME_REFERENCES`, to compare a tree against.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.records import PartTimeSource, PostKind
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = [
    "PART_TIME_REFERENCES",
    "CommitteeTier",
    "PartTimeCommittee",
    "PartTimeReference",
    "PartTimeSummary",
    "PartTimeTier",
    "committee_tier",
    "part_time_summary",
]


class CommitteeTier(enum.Enum):
    """Tier of a grand committee, from the territory its level covers."""

    STREET = "street"
    COMMUNITY = "community"
    GRID = "grid"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return {
            CommitteeTier.STREET: "街道大工委",
            CommitteeTier.COMMUNITY: "社区大党委",
            CommitteeTier.GRID: "网格大支部",
        }[self]


def committee_tier(territory_kinds: Iterable[TerritoryKind]) -> CommitteeTier:
    """The tier of a committee whose level covers ``territory_kinds`` (the largest counts)."""
    rank = min(kind.rank for kind in territory_kinds)
    if rank <= TerritoryKind.STREET.rank:
        return CommitteeTier.STREET
    if rank <= TerritoryKind.COMMUNITY.rank:
        return CommitteeTier.COMMUNITY
    return CommitteeTier.GRID


def _sources(
    value: Iterable[tuple[PartTimeSource, int]],
) -> tuple[tuple[PartTimeSource, int], ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class PartTimeCommittee:
    """The part-time members of one committee on a day.

    Attributes:
        org_id: The committee (party organisation).
        tier: Street, community or grid.
        members: Distinct people holding a part-time seat.
        by_source: How many come from each source (sources with none left out).
    """

    org_id: str
    tier: CommitteeTier
    members: int
    by_source: tuple[tuple[PartTimeSource, int], ...] = attrs.field(default=(), converter=_sources)


@attrs.frozen(kw_only=True)
class PartTimeTier:
    """Part-time members at one tier: committees that have any, and their members.

    Attributes:
        tier: Street, community or grid.
        committees: Committees with at least one part-time member.
        members: Part-time seats held at this tier.
    """

    tier: CommitteeTier
    committees: int
    members: int

    @property
    def average(self) -> Fraction | None:
        """Exact mean number of part-time members per committee (``None`` without any)."""
        return Fraction(self.members, self.committees) if self.committees else None


def _committees(value: Iterable[PartTimeCommittee]) -> tuple[PartTimeCommittee, ...]:
    return tuple(value)


def _tiers(value: Iterable[PartTimeTier]) -> tuple[PartTimeTier, ...]:
    return tuple(value)


def _on_day(value: Any) -> pendulum.Date:
    return as_date(value, "on")


@attrs.frozen(kw_only=True)
class PartTimeSummary:
    """Part-time members per committee and per tier on a day.

    Attributes:
        on: The day.
        committees: Each committee with part-time members, by organisation id.
        tiers: Every tier, street first.
    """

    on: pendulum.Date = attrs.field(converter=_on_day)
    committees: tuple[PartTimeCommittee, ...] = attrs.field(default=(), converter=_committees)
    tiers: tuple[PartTimeTier, ...] = attrs.field(default=(), converter=_tiers)

    def tier(self, tier: CommitteeTier) -> PartTimeTier:
        """The figures of one tier."""
        return next(t for t in self.tiers if t.tier is tier)


def part_time_summary(
    appointments: Appointments, on: _dt.date | str, root: str | None = None
) -> PartTimeSummary:
    """Count part-time members per committee and per tier on ``on``.

    Args:
        appointments: The aggregate.
        on: The day.
        root: Count only committees in this organisation's subtree (default: every one).
    """
    day = as_date(on, "on")
    tree = appointments.tree
    orgs = tree.orgs(day) if root is None else tree.subtree(root, day)
    committees = []
    for org in orgs:
        sources: dict[str, PartTimeSource] = {}
        for appointment in appointments.appointments_in_org(org.id, day):
            if appointment.post is PostKind.PART_TIME_MEMBER:
                assert appointment.part_time is not None
                sources.setdefault(appointment.person_id, appointment.part_time.source)
        if not sources:
            continue
        counts = dict.fromkeys(PartTimeSource, 0)
        for source in sources.values():
            counts[source] += 1
        committees.append(
            PartTimeCommittee(
                org_id=org.id,
                tier=committee_tier(tree.schema.level(org.level).territory_kinds),
                members=len(sources),
                by_source=((s, n) for s, n in counts.items() if n),
            )
        )
    committees.sort(key=lambda c: c.org_id)
    tiers = [
        PartTimeTier(
            tier=tier,
            committees=sum(1 for c in committees if c.tier is tier),
            members=sum(c.members for c in committees if c.tier is tier),
        )
        for tier in CommitteeTier
    ]
    return PartTimeSummary(on=day, committees=committees, tiers=tiers)


@attrs.frozen(kw_only=True)
class PartTimeReference:
    """A figure on part-time members quoted by a source, for comparison.

    Attributes:
        place: Where (e.g. "永春县").
        tier: Street, community or grid.
        members: Part-time members counted, when the source gives the count.
        committees: Committees counted, when the source gives the count.
        stated_average: The average the source states, when it states one.
        source: The quotation.
    """

    place: str
    tier: CommitteeTier
    source: str
    members: int | None = None
    committees: int | None = None
    stated_average: int | None = None

    @property
    def average(self) -> Fraction:
        """Members per committee: computed from the counts, else the stated average."""
        if self.members is not None and self.committees:
            return Fraction(self.members, self.committees)
        assert self.stated_average is not None
        return Fraction(self.stated_average)

    def __attrs_post_init__(self) -> None:
        if self.stated_average is None and (self.members is None or not self.committees):
            raise InvalidRecordError(
                f"reference {self.place}/{self.tier.value} gives neither counts nor an average",
                rule="part_time.reference",
            )


_YANCHENG = "盐城市: 吸纳1360名驻区单位党组织书记担任兼职委员，街道兼职委员平均9名，社区平均4名"
_YONGCHUN = (
    "永春县: 选聘95名在职党员担任24个社区党委兼职委员、213名在职党员担任67个网格党支部兼职委员"
)

PART_TIME_REFERENCES: Mapping[str, PartTimeReference] = {
    "yancheng_street": PartTimeReference(
        place="盐城市", tier=CommitteeTier.STREET, stated_average=9, source=_YANCHENG
    ),
    "yancheng_community": PartTimeReference(
        place="盐城市", tier=CommitteeTier.COMMUNITY, stated_average=4, source=_YANCHENG
    ),
    "yongchun_community": PartTimeReference(
        place="永春县", tier=CommitteeTier.COMMUNITY, members=95, committees=24, source=_YONGCHUN
    ),
    "yongchun_grid": PartTimeReference(
        place="永春县", tier=CommitteeTier.GRID, members=213, committees=67, source=_YONGCHUN
    ),
}
"""The sources' figures on part-time committee members, by key."""
