"""Points scoring for in-service party members (积分管理): catalogue, ledger, standings,
compliance and the love supermarket (爱心超市)."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
    from neighborhood_pb.points.authority import ExplicitAuthority, PostGrant, ReviewerAuthority
    from neighborhood_pb.points.awards import GroupKey, OrderKey, allocate, derive_awards, group_key
    from neighborhood_pb.points.catalogue import (
        DEFAULT_CATALOGUE,
        MUST_VISIT_ROLES,
        Cap,
        Catalogue,
        ReviewPolicy,
        ServiceCategory,
        ServiceItem,
        ServiceRole,
    )
    from neighborhood_pb.points.compliance import (
        COMPLIANCE_CHECKS,
        DEFAULT_COMPLIANCE,
        ComplianceCheck,
        ComplianceContext,
        ComplianceRules,
        HouseholdLink,
        HouseholdLinks,
        MustVisitTally,
        check_home_days,
        check_household_links,
        check_must_visits,
        check_quarterly_service,
        last_completed_quarter,
        must_visit_tallies,
        run_compliance,
    )
    from neighborhood_pb.points.entries import (
        AUTO_APPROVAL_SUFFIX,
        AUTOMATIC_REVIEWER,
        ENTRY_TYPES,
        Approval,
        Claim,
        ClaimStatus,
        Entry,
        Redemption,
        RedemptionLine,
        Refund,
        Rejection,
        Restock,
        Reversal,
    )
    from neighborhood_pb.points.instants import (
        TOTAL_KINDS,
        PeriodKey,
        as_instant,
        cycle,
        local_day,
        total_keys,
    )
    from neighborhood_pb.points.ledger import Ledger
    from neighborhood_pb.points.levels import DEFAULT_LEVELS, LevelScale, LevelStanding, PointsLevel
    from neighborhood_pb.points.ranking import (
        RankedMember,
        ScoreIndex,
        competition_ranking,
        top_with_ties,
    )
    from neighborhood_pb.points.redemption import Goods, Shelf
    from neighborhood_pb.points.reporting import TreeReports
    from neighborhood_pb.points.sources import POINTS_SOURCES, SOURCE_SILENT
    from neighborhood_pb.points.standings import (
        Standings,
        StandingsSnapshot,
        place_of,
        snapshot_from_scratch,
    )

_LAZY: dict[str, str] = {
    "AUTOMATIC_REVIEWER": "neighborhood_pb.points.entries",
    "AUTO_APPROVAL_SUFFIX": "neighborhood_pb.points.entries",
    "Approval": "neighborhood_pb.points.entries",
    "COMPLIANCE_CHECKS": "neighborhood_pb.points.compliance",
    "Cap": "neighborhood_pb.points.catalogue",
    "Catalogue": "neighborhood_pb.points.catalogue",
    "Claim": "neighborhood_pb.points.entries",
    "ClaimStatus": "neighborhood_pb.points.entries",
    "ComplianceCheck": "neighborhood_pb.points.compliance",
    "ComplianceContext": "neighborhood_pb.points.compliance",
    "ComplianceRules": "neighborhood_pb.points.compliance",
    "DEFAULT_CATALOGUE": "neighborhood_pb.points.catalogue",
    "DEFAULT_COMPLIANCE": "neighborhood_pb.points.compliance",
    "DEFAULT_LEVELS": "neighborhood_pb.points.levels",
    "ENTRY_TYPES": "neighborhood_pb.points.entries",
    "Entry": "neighborhood_pb.points.entries",
    "ExplicitAuthority": "neighborhood_pb.points.authority",
    "Goods": "neighborhood_pb.points.redemption",
    "GroupKey": "neighborhood_pb.points.awards",
    "HouseholdLink": "neighborhood_pb.points.compliance",
    "HouseholdLinks": "neighborhood_pb.points.compliance",
    "Ledger": "neighborhood_pb.points.ledger",
    "LevelScale": "neighborhood_pb.points.levels",
    "LevelStanding": "neighborhood_pb.points.levels",
    "MUST_VISIT_ROLES": "neighborhood_pb.points.catalogue",
    "MustVisitTally": "neighborhood_pb.points.compliance",
    "OrderKey": "neighborhood_pb.points.awards",
    "POINTS_SOURCES": "neighborhood_pb.points.sources",
    "PeriodKey": "neighborhood_pb.points.instants",
    "PointsLevel": "neighborhood_pb.points.levels",
    "PostGrant": "neighborhood_pb.points.authority",
    "RankedMember": "neighborhood_pb.points.ranking",
    "Redemption": "neighborhood_pb.points.entries",
    "RedemptionLine": "neighborhood_pb.points.entries",
    "Refund": "neighborhood_pb.points.entries",
    "Rejection": "neighborhood_pb.points.entries",
    "Restock": "neighborhood_pb.points.entries",
    "Reversal": "neighborhood_pb.points.entries",
    "ReviewPolicy": "neighborhood_pb.points.catalogue",
    "ReviewerAuthority": "neighborhood_pb.points.authority",
    "SOURCE_SILENT": "neighborhood_pb.points.sources",
    "ScoreIndex": "neighborhood_pb.points.ranking",
    "ServiceCategory": "neighborhood_pb.points.catalogue",
    "ServiceItem": "neighborhood_pb.points.catalogue",
    "ServiceRole": "neighborhood_pb.points.catalogue",
    "Shelf": "neighborhood_pb.points.redemption",
    "Standings": "neighborhood_pb.points.standings",
    "StandingsSnapshot": "neighborhood_pb.points.standings",
    "TOTAL_KINDS": "neighborhood_pb.points.instants",
    "TreeReports": "neighborhood_pb.points.reporting",
    "allocate": "neighborhood_pb.points.awards",
    "as_instant": "neighborhood_pb.points.instants",
    "check_home_days": "neighborhood_pb.points.compliance",
    "check_household_links": "neighborhood_pb.points.compliance",
    "check_must_visits": "neighborhood_pb.points.compliance",
    "check_quarterly_service": "neighborhood_pb.points.compliance",
    "competition_ranking": "neighborhood_pb.points.ranking",
    "cycle": "neighborhood_pb.points.instants",
    "derive_awards": "neighborhood_pb.points.awards",
    "group_key": "neighborhood_pb.points.awards",
    "last_completed_quarter": "neighborhood_pb.points.compliance",
    "local_day": "neighborhood_pb.points.instants",
    "must_visit_tallies": "neighborhood_pb.points.compliance",
    "place_of": "neighborhood_pb.points.standings",
    "run_compliance": "neighborhood_pb.points.compliance",
    "snapshot_from_scratch": "neighborhood_pb.points.standings",
    "top_with_ties": "neighborhood_pb.points.ranking",
    "total_keys": "neighborhood_pb.points.instants",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "AUTOMATIC_REVIEWER",
    "AUTO_APPROVAL_SUFFIX",
    "COMPLIANCE_CHECKS",
    "DEFAULT_CATALOGUE",
    "DEFAULT_COMPLIANCE",
    "DEFAULT_LEVELS",
    "ENTRY_TYPES",
    "MUST_VISIT_ROLES",
    "POINTS_SOURCES",
    "SOURCE_SILENT",
    "TOTAL_KINDS",
    "Approval",
    "Cap",
    "Catalogue",
    "Claim",
    "ClaimStatus",
    "ComplianceCheck",
    "ComplianceContext",
    "ComplianceRules",
    "Entry",
    "ExplicitAuthority",
    "Goods",
    "GroupKey",
    "HouseholdLink",
    "HouseholdLinks",
    "Ledger",
    "LevelScale",
    "LevelStanding",
    "MustVisitTally",
    "OrderKey",
    "PeriodKey",
    "PointsLevel",
    "PostGrant",
    "RankedMember",
    "Redemption",
    "RedemptionLine",
    "Refund",
    "Rejection",
    "Restock",
    "Reversal",
    "ReviewPolicy",
    "ReviewerAuthority",
    "ScoreIndex",
    "ServiceCategory",
    "ServiceItem",
    "ServiceRole",
    "Shelf",
    "Standings",
    "StandingsSnapshot",
    "TreeReports",
    "allocate",
    "as_instant",
    "check_home_days",
    "check_household_links",
    "check_must_visits",
    "check_quarterly_service",
    "competition_ranking",
    "cycle",
    "derive_awards",
    "group_key",
    "last_completed_quarter",
    "local_day",
    "must_visit_tallies",
    "place_of",
    "run_compliance",
    "snapshot_from_scratch",
    "top_with_ties",
    "total_keys",
]


def __getattr__(name: str) -> object:
    """Import a public name's module on first use (PEP 562) and cache the name here."""
    module = _LAZY.get(name)
    if module is None:
        if name.startswith("_"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Public names first-class in ``dir()``, loaded or not."""
    return sorted({*globals(), *__all__})
