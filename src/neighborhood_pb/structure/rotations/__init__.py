"""Duty rotations (轮值家长) over calendar months and rotating chairs (轮值主席) over meetings,
with edits, swaps, overrides and a fairness report."""

from neighborhood_pb.structure.rotations.chair import (
    ChairRotation,
)
from neighborhood_pb.structure.rotations.duty import (
    DutyRotation,
)
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
from neighborhood_pb.structure.rotations.rules import (
    YONGCHUN_DUTY_RULES,
    RotationRules,
)

__all__ = [
    "ROTATION_CHECKS",
    "YONGCHUN_DUTY_RULES",
    "ChairRotation",
    "ChairRotationRecords",
    "ChairRotationSetup",
    "DutyCount",
    "DutyOverride",
    "DutyRotation",
    "DutyRotationRecords",
    "DutyRotationSetup",
    "DutyTerm",
    "Eligibility",
    "FairnessReport",
    "Meeting",
    "RotationCheck",
    "RotationEdit",
    "RotationRules",
    "TermOrigin",
    "TermSwap",
    "Withdrawal",
    "check_fairness",
    "check_vacancies",
    "fairness_report",
    "run_rotation_checks",
]
