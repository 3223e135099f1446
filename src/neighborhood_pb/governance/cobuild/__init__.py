"""Co-building (共建): the four lists and partnerships.

Needs (需求清单), resources (资源清单), projects (项目清单) and responsibilities (责任清单) —
published together as the four lists (四项清单) — needs matched to resources by an explainable
score, and the partnerships that bring resident units in: alliances (党建联盟), co-building
agreements (协议书、责任书、倡议书), pairings (结对共建) and units evaluated by communities.
Statuses and responsibilities are derived whenever asked, never stored.
"""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
    from neighborhood_pb.governance.cobuild.checks import (
        COBUILD_CHECKS,
        CobuildCheck,
        check_cobuild,
        check_commitments,
        check_funds,
        check_hardship_pairings,
        check_need_quantities,
        check_open_needs,
        check_overdue_milestones,
        check_overdue_projects,
        check_project_budgets,
        yuan,
    )
    from neighborhood_pb.governance.cobuild.lists import (
        FourLists,
    )
    from neighborhood_pb.governance.cobuild.matching import (
        Match,
        MatchWeights,
        Proximity,
        TerritoryLineage,
        match,
    )
    from neighborhood_pb.governance.cobuild.needs import (
        Need,
        NeedEvent,
        NeedOrigin,
        NeedStatus,
        need_status,
    )
    from neighborhood_pb.governance.cobuild.partnership_book import (
        Partnerships,
    )
    from neighborhood_pb.governance.cobuild.partnerships import (
        Agreement,
        AgreementKind,
        Alliance,
        AllianceMember,
        Commitment,
        CommitmentMet,
        CommunityEvaluation,
        HardshipHousehold,
        Pairing,
        PairingKind,
        UnitEvaluation,
    )
    from neighborhood_pb.governance.cobuild.presets import (
        NEED_RESPONSE,
        CobuildRules,
    )
    from neighborhood_pb.governance.cobuild.projects import (
        Milestone,
        MilestoneReached,
        Project,
        ProjectDone,
        ResourceCommitment,
        Spending,
    )
    from neighborhood_pb.governance.cobuild.records import (
        FourListsRecords,
        PartnershipRecords,
    )
    from neighborhood_pb.governance.cobuild.resources import (
        YANCHENG_SERVICE_FUND,
        Resource,
        ResourceKind,
        ServiceFundRule,
    )
    from neighborhood_pb.governance.cobuild.responsibilities import (
        PostHolders,
        Responsibility,
        ResponsibilityBasis,
        derive_responsibilities,
    )
    from neighborhood_pb.governance.cobuild.responsibility_list import list_responsibilities
    from neighborhood_pb.governance.cobuild.snapshots import (
        ListComment,
        ListEntry,
        ListKind,
        ListSnapshot,
    )

_LAZY: dict[str, str] = {
    "Agreement": "neighborhood_pb.governance.cobuild.partnerships",
    "AgreementKind": "neighborhood_pb.governance.cobuild.partnerships",
    "Alliance": "neighborhood_pb.governance.cobuild.partnerships",
    "AllianceMember": "neighborhood_pb.governance.cobuild.partnerships",
    "COBUILD_CHECKS": "neighborhood_pb.governance.cobuild.checks",
    "CobuildCheck": "neighborhood_pb.governance.cobuild.checks",
    "CobuildRules": "neighborhood_pb.governance.cobuild.presets",
    "Commitment": "neighborhood_pb.governance.cobuild.partnerships",
    "CommitmentMet": "neighborhood_pb.governance.cobuild.partnerships",
    "CommunityEvaluation": "neighborhood_pb.governance.cobuild.partnerships",
    "FourLists": "neighborhood_pb.governance.cobuild.lists",
    "FourListsRecords": "neighborhood_pb.governance.cobuild.records",
    "HardshipHousehold": "neighborhood_pb.governance.cobuild.partnerships",
    "ListComment": "neighborhood_pb.governance.cobuild.snapshots",
    "ListEntry": "neighborhood_pb.governance.cobuild.snapshots",
    "ListKind": "neighborhood_pb.governance.cobuild.snapshots",
    "ListSnapshot": "neighborhood_pb.governance.cobuild.snapshots",
    "Match": "neighborhood_pb.governance.cobuild.matching",
    "MatchWeights": "neighborhood_pb.governance.cobuild.matching",
    "Milestone": "neighborhood_pb.governance.cobuild.projects",
    "MilestoneReached": "neighborhood_pb.governance.cobuild.projects",
    "NEED_RESPONSE": "neighborhood_pb.governance.cobuild.presets",
    "Need": "neighborhood_pb.governance.cobuild.needs",
    "NeedEvent": "neighborhood_pb.governance.cobuild.needs",
    "NeedOrigin": "neighborhood_pb.governance.cobuild.needs",
    "NeedStatus": "neighborhood_pb.governance.cobuild.needs",
    "Pairing": "neighborhood_pb.governance.cobuild.partnerships",
    "PairingKind": "neighborhood_pb.governance.cobuild.partnerships",
    "PartnershipRecords": "neighborhood_pb.governance.cobuild.records",
    "Partnerships": "neighborhood_pb.governance.cobuild.partnership_book",
    "PostHolders": "neighborhood_pb.governance.cobuild.responsibilities",
    "Project": "neighborhood_pb.governance.cobuild.projects",
    "ProjectDone": "neighborhood_pb.governance.cobuild.projects",
    "Proximity": "neighborhood_pb.governance.cobuild.matching",
    "Resource": "neighborhood_pb.governance.cobuild.resources",
    "ResourceCommitment": "neighborhood_pb.governance.cobuild.projects",
    "ResourceKind": "neighborhood_pb.governance.cobuild.resources",
    "Responsibility": "neighborhood_pb.governance.cobuild.responsibilities",
    "ResponsibilityBasis": "neighborhood_pb.governance.cobuild.responsibilities",
    "ServiceFundRule": "neighborhood_pb.governance.cobuild.resources",
    "Spending": "neighborhood_pb.governance.cobuild.projects",
    "TerritoryLineage": "neighborhood_pb.governance.cobuild.matching",
    "UnitEvaluation": "neighborhood_pb.governance.cobuild.partnerships",
    "YANCHENG_SERVICE_FUND": "neighborhood_pb.governance.cobuild.resources",
    "check_cobuild": "neighborhood_pb.governance.cobuild.checks",
    "check_commitments": "neighborhood_pb.governance.cobuild.checks",
    "check_funds": "neighborhood_pb.governance.cobuild.checks",
    "check_hardship_pairings": "neighborhood_pb.governance.cobuild.checks",
    "check_need_quantities": "neighborhood_pb.governance.cobuild.checks",
    "check_open_needs": "neighborhood_pb.governance.cobuild.checks",
    "check_overdue_milestones": "neighborhood_pb.governance.cobuild.checks",
    "check_overdue_projects": "neighborhood_pb.governance.cobuild.checks",
    "check_project_budgets": "neighborhood_pb.governance.cobuild.checks",
    "derive_responsibilities": "neighborhood_pb.governance.cobuild.responsibilities",
    "list_responsibilities": "neighborhood_pb.governance.cobuild.responsibility_list",
    "match": "neighborhood_pb.governance.cobuild.matching",
    "need_status": "neighborhood_pb.governance.cobuild.needs",
    "yuan": "neighborhood_pb.governance.cobuild.checks",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "COBUILD_CHECKS",
    "NEED_RESPONSE",
    "YANCHENG_SERVICE_FUND",
    "Agreement",
    "AgreementKind",
    "Alliance",
    "AllianceMember",
    "CobuildCheck",
    "CobuildRules",
    "Commitment",
    "CommitmentMet",
    "CommunityEvaluation",
    "FourLists",
    "FourListsRecords",
    "HardshipHousehold",
    "ListComment",
    "ListEntry",
    "ListKind",
    "ListSnapshot",
    "Match",
    "MatchWeights",
    "Milestone",
    "MilestoneReached",
    "Need",
    "NeedEvent",
    "NeedOrigin",
    "NeedStatus",
    "Pairing",
    "PairingKind",
    "PartnershipRecords",
    "Partnerships",
    "PostHolders",
    "Project",
    "ProjectDone",
    "Proximity",
    "Resource",
    "ResourceCommitment",
    "ResourceKind",
    "Responsibility",
    "ResponsibilityBasis",
    "ServiceFundRule",
    "Spending",
    "TerritoryLineage",
    "UnitEvaluation",
    "check_cobuild",
    "check_commitments",
    "check_funds",
    "check_hardship_pairings",
    "check_need_quantities",
    "check_open_needs",
    "check_overdue_milestones",
    "check_overdue_projects",
    "check_project_budgets",
    "derive_responsibilities",
    "list_responsibilities",
    "match",
    "need_status",
    "yuan",
]


__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
