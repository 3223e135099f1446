"""Organisation structure: level schemas, forms and rules, territory, people, the tree."""

from neighborhood_pb.structure.checks import (
    STRUCTURE_CHECKS,
    Check,
    CheckContext,
    check_branch_sizes,
    check_committee_sizes,
    check_general_branches,
    check_joint_branches,
    check_terms,
    run_checks,
)
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import (
    AREA_FOUR_LEVEL,
    COMMUNITY_FIVE_LEVEL,
    RURAL_FIVE_IN_ONE,
    SCHEMA_PRESETS,
    STREET_GRID_FIVE_LEVEL,
    VILLAGE_THREE_LEVEL,
    Level,
    LevelSchema,
)
from neighborhood_pb.structure.people import EmploymentStatus, Person, redact_phone
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
    ReportChannel,
)
from neighborhood_pb.structure.rules import DEFAULT_RULES, RULE_SOURCES, OrgRules
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.territory_map import TerritoryMap
from neighborhood_pb.structure.tree import OrgTree, TreeRecords

__all__ = [
    "AREA_FOUR_LEVEL",
    "COMMUNITY_FIVE_LEVEL",
    "DEFAULT_RULES",
    "RULE_SOURCES",
    "RURAL_FIVE_IN_ONE",
    "SCHEMA_PRESETS",
    "STREET_GRID_FIVE_LEVEL",
    "STRUCTURE_CHECKS",
    "VILLAGE_THREE_LEVEL",
    "Check",
    "CheckContext",
    "Coverage",
    "ElectionTerm",
    "EmploymentStatus",
    "Level",
    "LevelSchema",
    "Membership",
    "MembershipKind",
    "OrgForm",
    "OrgRules",
    "OrgTree",
    "Organisation",
    "Person",
    "Report",
    "ReportChannel",
    "Territory",
    "TerritoryKind",
    "TerritoryMap",
    "TreeRecords",
    "check_branch_sizes",
    "check_committee_sizes",
    "check_general_branches",
    "check_joint_branches",
    "check_terms",
    "redact_phone",
    "run_checks",
]
