"""Organisation structure: level schemas, forms and rules, territory, people, the tree; bodies,
posts and appointments, cross-appointments, part-time members and evaluations; duty rotations
(轮值家长) and rotating chairs (轮值主席)."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
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
    from neighborhood_pb.structure.posts.appointments import AppointmentRecords, Appointments
    from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
    from neighborhood_pb.structure.posts.checks import (
        APPOINTMENT_CHECKS,
        AppointmentCheck,
        AppointmentCheckContext,
        check_compound_cross_appointment,
        check_concurrent_posts,
        check_owners_committee_party_org,
        check_owners_committee_share,
        check_part_time_basis,
        check_references,
        check_supervision_conflicts,
        run_appointment_checks,
    )
    from neighborhood_pb.structure.posts.cross import (
        CrossAppointment,
        CrossDirection,
        cross_appointments,
        cross_appointments_at,
        cross_appointments_of,
        cross_appointments_under,
        party_orgs_serving,
        party_territories,
    )
    from neighborhood_pb.structure.posts.evaluations import Evaluation, Grade, YearlySummary
    from neighborhood_pb.structure.posts.part_time import (
        PART_TIME_REFERENCES,
        CommitteeTier,
        PartTimeCommittee,
        PartTimeReference,
        PartTimeSummary,
        PartTimeTier,
        committee_tier,
        part_time_summary,
    )
    from neighborhood_pb.structure.posts.records import (
        COMMITTEE_SEATS,
        Appointment,
        EndReason,
        PartTimeBasis,
        PartTimeSource,
        PostKind,
    )
    from neighborhood_pb.structure.posts.rules import (
        APPOINTMENT_RULE_SOURCES,
        DEFAULT_APPOINTMENT_RULES,
        AppointmentRules,
    )
    from neighborhood_pb.structure.records import (
        Coverage,
        ElectionTerm,
        Membership,
        Organisation,
        Report,
        ReportChannel,
    )
    from neighborhood_pb.structure.rotations.chair import ChairRotation
    from neighborhood_pb.structure.rotations.duty import DutyRotation
    from neighborhood_pb.structure.rotations.fairness import (
        ROTATION_CHECKS,
        DutyCount,
        FairnessReport,
        RotationCheck,
        check_fairness,
        check_vacancies,
        fairness_report,
        run_rotation_checks,
    )
    from neighborhood_pb.structure.rotations.records import (
        ChairRotationRecords,
        ChairRotationSetup,
        DutyOverride,
        DutyRotationRecords,
        DutyRotationSetup,
        DutyTerm,
        Eligibility,
        Meeting,
        RotationEdit,
        TermOrigin,
        TermSwap,
        Withdrawal,
    )
    from neighborhood_pb.structure.rotations.rules import YONGCHUN_DUTY_RULES, RotationRules
    from neighborhood_pb.structure.rules import DEFAULT_RULES, RULE_SOURCES, OrgRules
    from neighborhood_pb.structure.territory import Territory, TerritoryKind
    from neighborhood_pb.structure.territory_map import TerritoryMap
    from neighborhood_pb.structure.tree import OrgTree, TreeRecords

_LAZY: dict[str, str] = {
    "APPOINTMENT_CHECKS": "neighborhood_pb.structure.posts.checks",
    "APPOINTMENT_RULE_SOURCES": "neighborhood_pb.structure.posts.rules",
    "AREA_FOUR_LEVEL": "neighborhood_pb.structure.levels",
    "Appointment": "neighborhood_pb.structure.posts.records",
    "AppointmentCheck": "neighborhood_pb.structure.posts.checks",
    "AppointmentCheckContext": "neighborhood_pb.structure.posts.checks",
    "AppointmentRecords": "neighborhood_pb.structure.posts.appointments",
    "AppointmentRules": "neighborhood_pb.structure.posts.rules",
    "Appointments": "neighborhood_pb.structure.posts.appointments",
    "Body": "neighborhood_pb.structure.posts.bodies",
    "BodyKind": "neighborhood_pb.structure.posts.bodies",
    "COMMITTEE_SEATS": "neighborhood_pb.structure.posts.records",
    "COMMUNITY_FIVE_LEVEL": "neighborhood_pb.structure.levels",
    "ChairRotation": "neighborhood_pb.structure.rotations.chair",
    "ChairRotationRecords": "neighborhood_pb.structure.rotations.records",
    "ChairRotationSetup": "neighborhood_pb.structure.rotations.records",
    "Check": "neighborhood_pb.structure.checks",
    "CheckContext": "neighborhood_pb.structure.checks",
    "CommitteeTier": "neighborhood_pb.structure.posts.part_time",
    "Coverage": "neighborhood_pb.structure.records",
    "CrossAppointment": "neighborhood_pb.structure.posts.cross",
    "CrossDirection": "neighborhood_pb.structure.posts.cross",
    "DEFAULT_APPOINTMENT_RULES": "neighborhood_pb.structure.posts.rules",
    "DEFAULT_RULES": "neighborhood_pb.structure.rules",
    "DutyCount": "neighborhood_pb.structure.rotations.fairness",
    "DutyOverride": "neighborhood_pb.structure.rotations.records",
    "DutyRotation": "neighborhood_pb.structure.rotations.duty",
    "DutyRotationRecords": "neighborhood_pb.structure.rotations.records",
    "DutyRotationSetup": "neighborhood_pb.structure.rotations.records",
    "DutyTerm": "neighborhood_pb.structure.rotations.records",
    "ElectionTerm": "neighborhood_pb.structure.records",
    "Eligibility": "neighborhood_pb.structure.rotations.records",
    "EmploymentStatus": "neighborhood_pb.structure.people",
    "EndReason": "neighborhood_pb.structure.posts.records",
    "Evaluation": "neighborhood_pb.structure.posts.evaluations",
    "FairnessReport": "neighborhood_pb.structure.rotations.fairness",
    "Grade": "neighborhood_pb.structure.posts.evaluations",
    "Level": "neighborhood_pb.structure.levels",
    "LevelSchema": "neighborhood_pb.structure.levels",
    "Meeting": "neighborhood_pb.structure.rotations.records",
    "Membership": "neighborhood_pb.structure.records",
    "MembershipKind": "neighborhood_pb.structure.forms",
    "OrgForm": "neighborhood_pb.structure.forms",
    "OrgRules": "neighborhood_pb.structure.rules",
    "OrgTree": "neighborhood_pb.structure.tree",
    "Organisation": "neighborhood_pb.structure.records",
    "PART_TIME_REFERENCES": "neighborhood_pb.structure.posts.part_time",
    "PartTimeBasis": "neighborhood_pb.structure.posts.records",
    "PartTimeCommittee": "neighborhood_pb.structure.posts.part_time",
    "PartTimeReference": "neighborhood_pb.structure.posts.part_time",
    "PartTimeSource": "neighborhood_pb.structure.posts.records",
    "PartTimeSummary": "neighborhood_pb.structure.posts.part_time",
    "PartTimeTier": "neighborhood_pb.structure.posts.part_time",
    "Person": "neighborhood_pb.structure.people",
    "PostKind": "neighborhood_pb.structure.posts.records",
    "ROTATION_CHECKS": "neighborhood_pb.structure.rotations.fairness",
    "RULE_SOURCES": "neighborhood_pb.structure.rules",
    "RURAL_FIVE_IN_ONE": "neighborhood_pb.structure.levels",
    "Report": "neighborhood_pb.structure.records",
    "ReportChannel": "neighborhood_pb.structure.records",
    "RotationCheck": "neighborhood_pb.structure.rotations.fairness",
    "RotationEdit": "neighborhood_pb.structure.rotations.records",
    "RotationRules": "neighborhood_pb.structure.rotations.rules",
    "SCHEMA_PRESETS": "neighborhood_pb.structure.levels",
    "STREET_GRID_FIVE_LEVEL": "neighborhood_pb.structure.levels",
    "STRUCTURE_CHECKS": "neighborhood_pb.structure.checks",
    "ServiceContract": "neighborhood_pb.structure.posts.bodies",
    "TermOrigin": "neighborhood_pb.structure.rotations.records",
    "TermSwap": "neighborhood_pb.structure.rotations.records",
    "Territory": "neighborhood_pb.structure.territory",
    "TerritoryKind": "neighborhood_pb.structure.territory",
    "TerritoryMap": "neighborhood_pb.structure.territory_map",
    "TreeRecords": "neighborhood_pb.structure.tree",
    "VILLAGE_THREE_LEVEL": "neighborhood_pb.structure.levels",
    "Withdrawal": "neighborhood_pb.structure.rotations.records",
    "YONGCHUN_DUTY_RULES": "neighborhood_pb.structure.rotations.rules",
    "YearlySummary": "neighborhood_pb.structure.posts.evaluations",
    "check_branch_sizes": "neighborhood_pb.structure.checks",
    "check_committee_sizes": "neighborhood_pb.structure.checks",
    "check_compound_cross_appointment": "neighborhood_pb.structure.posts.checks",
    "check_concurrent_posts": "neighborhood_pb.structure.posts.checks",
    "check_fairness": "neighborhood_pb.structure.rotations.fairness",
    "check_general_branches": "neighborhood_pb.structure.checks",
    "check_joint_branches": "neighborhood_pb.structure.checks",
    "check_owners_committee_party_org": "neighborhood_pb.structure.posts.checks",
    "check_owners_committee_share": "neighborhood_pb.structure.posts.checks",
    "check_part_time_basis": "neighborhood_pb.structure.posts.checks",
    "check_references": "neighborhood_pb.structure.posts.checks",
    "check_supervision_conflicts": "neighborhood_pb.structure.posts.checks",
    "check_terms": "neighborhood_pb.structure.checks",
    "check_vacancies": "neighborhood_pb.structure.rotations.fairness",
    "committee_tier": "neighborhood_pb.structure.posts.part_time",
    "cross_appointments": "neighborhood_pb.structure.posts.cross",
    "cross_appointments_at": "neighborhood_pb.structure.posts.cross",
    "cross_appointments_of": "neighborhood_pb.structure.posts.cross",
    "cross_appointments_under": "neighborhood_pb.structure.posts.cross",
    "fairness_report": "neighborhood_pb.structure.rotations.fairness",
    "part_time_summary": "neighborhood_pb.structure.posts.part_time",
    "party_orgs_serving": "neighborhood_pb.structure.posts.cross",
    "party_territories": "neighborhood_pb.structure.posts.cross",
    "redact_phone": "neighborhood_pb.structure.people",
    "run_appointment_checks": "neighborhood_pb.structure.posts.checks",
    "run_checks": "neighborhood_pb.structure.checks",
    "run_rotation_checks": "neighborhood_pb.structure.rotations.fairness",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "APPOINTMENT_CHECKS",
    "APPOINTMENT_RULE_SOURCES",
    "AREA_FOUR_LEVEL",
    "COMMITTEE_SEATS",
    "COMMUNITY_FIVE_LEVEL",
    "DEFAULT_APPOINTMENT_RULES",
    "DEFAULT_RULES",
    "PART_TIME_REFERENCES",
    "ROTATION_CHECKS",
    "RULE_SOURCES",
    "RURAL_FIVE_IN_ONE",
    "SCHEMA_PRESETS",
    "STREET_GRID_FIVE_LEVEL",
    "STRUCTURE_CHECKS",
    "VILLAGE_THREE_LEVEL",
    "YONGCHUN_DUTY_RULES",
    "Appointment",
    "AppointmentCheck",
    "AppointmentCheckContext",
    "AppointmentRecords",
    "AppointmentRules",
    "Appointments",
    "Body",
    "BodyKind",
    "ChairRotation",
    "ChairRotationRecords",
    "ChairRotationSetup",
    "Check",
    "CheckContext",
    "CommitteeTier",
    "Coverage",
    "CrossAppointment",
    "CrossDirection",
    "DutyCount",
    "DutyOverride",
    "DutyRotation",
    "DutyRotationRecords",
    "DutyRotationSetup",
    "DutyTerm",
    "ElectionTerm",
    "Eligibility",
    "EmploymentStatus",
    "EndReason",
    "Evaluation",
    "FairnessReport",
    "Grade",
    "Level",
    "LevelSchema",
    "Meeting",
    "Membership",
    "MembershipKind",
    "OrgForm",
    "OrgRules",
    "OrgTree",
    "Organisation",
    "PartTimeBasis",
    "PartTimeCommittee",
    "PartTimeReference",
    "PartTimeSource",
    "PartTimeSummary",
    "PartTimeTier",
    "Person",
    "PostKind",
    "Report",
    "ReportChannel",
    "RotationCheck",
    "RotationEdit",
    "RotationRules",
    "ServiceContract",
    "TermOrigin",
    "TermSwap",
    "Territory",
    "TerritoryKind",
    "TerritoryMap",
    "TreeRecords",
    "Withdrawal",
    "YearlySummary",
    "check_branch_sizes",
    "check_committee_sizes",
    "check_compound_cross_appointment",
    "check_concurrent_posts",
    "check_fairness",
    "check_general_branches",
    "check_joint_branches",
    "check_owners_committee_party_org",
    "check_owners_committee_share",
    "check_part_time_basis",
    "check_references",
    "check_supervision_conflicts",
    "check_terms",
    "check_vacancies",
    "committee_tier",
    "cross_appointments",
    "cross_appointments_at",
    "cross_appointments_of",
    "cross_appointments_under",
    "fairness_report",
    "part_time_summary",
    "party_orgs_serving",
    "party_territories",
    "redact_phone",
    "run_appointment_checks",
    "run_checks",
    "run_rotation_checks",
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
