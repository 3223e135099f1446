"""Every record of the four lists and of the partnerships, as frozen values (共建记录汇总)."""

from __future__ import annotations

import attrs

from neighborhood_pb.governance.cobuild.needs import Need, NeedEvent
from neighborhood_pb.governance.cobuild.partnerships import (
    Agreement,
    Alliance,
    AllianceMember,
    CommitmentMet,
    CommunityEvaluation,
    HardshipHousehold,
    Pairing,
    UnitEvaluation,
)
from neighborhood_pb.governance.cobuild.projects import (
    MilestoneReached,
    Project,
    ProjectDone,
    Spending,
)
from neighborhood_pb.governance.cobuild.resources import Resource
from neighborhood_pb.governance.cobuild.snapshots import ListComment, ListSnapshot
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = ["FourListsRecords", "PartnershipRecords"]


@attrs.frozen(kw_only=True)
class FourListsRecords:
    """The records of :class:`~neighborhood_pb.governance.cobuild.lists.FourLists`.

    Attributes:
        needs: Needs, in the order raised.
        need_events: Need events, need by need, in order.
        resources: Resources.
        projects: Projects, in the order opened.
        milestones: Milestones reached.
        completions: Projects completed.
        spendings: Spending, in the order recorded.
        snapshots: Published snapshots.
        comments: Residents' comments.
    """

    needs: tuple[Need, ...] = attrs.field(default=(), converter=_tuple)
    need_events: tuple[NeedEvent, ...] = attrs.field(default=(), converter=_tuple)
    resources: tuple[Resource, ...] = attrs.field(default=(), converter=_tuple)
    projects: tuple[Project, ...] = attrs.field(default=(), converter=_tuple)
    milestones: tuple[MilestoneReached, ...] = attrs.field(default=(), converter=_tuple)
    completions: tuple[ProjectDone, ...] = attrs.field(default=(), converter=_tuple)
    spendings: tuple[Spending, ...] = attrs.field(default=(), converter=_tuple)
    snapshots: tuple[ListSnapshot, ...] = attrs.field(default=(), converter=_tuple)
    comments: tuple[ListComment, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(kw_only=True)
class PartnershipRecords:
    """The records of :class:`~neighborhood_pb.governance.cobuild.partnership_book.Partnerships`.

    Attributes:
        alliances: Party-building alliances.
        members: Alliance memberships (end-dated, never deleted).
        agreements: Co-building agreements.
        fulfilments: Commitments met.
        pairings: Pairings.
        hardship: Households in hardship.
        evaluations: Units evaluated by communities.
        community_evaluations: Communities evaluated by units.
    """

    alliances: tuple[Alliance, ...] = attrs.field(default=(), converter=_tuple)
    members: tuple[AllianceMember, ...] = attrs.field(default=(), converter=_tuple)
    agreements: tuple[Agreement, ...] = attrs.field(default=(), converter=_tuple)
    fulfilments: tuple[CommitmentMet, ...] = attrs.field(default=(), converter=_tuple)
    pairings: tuple[Pairing, ...] = attrs.field(default=(), converter=_tuple)
    hardship: tuple[HardshipHousehold, ...] = attrs.field(default=(), converter=_tuple)
    evaluations: tuple[UnitEvaluation, ...] = attrs.field(default=(), converter=_tuple)
    community_evaluations: tuple[CommunityEvaluation, ...] = attrs.field(
        default=(), converter=_tuple
    )
