"""Hypothesis strategies for applications that embed ``neighborhood_pb`` (测试数据生成).

Each module generates valid (and deliberately invalid) data for one part of the library, so
that downstream applications can write property-based tests against real shapes:
:mod:`neighborhood_pb.testing.structure` for level schemas, territory, people and whole
organisation trees (its names are re-exported here);
:mod:`neighborhood_pb.testing.appointments` for bodies, posts and appointments;
:mod:`neighborhood_pb.testing.rotations` for duty rotations and rotating chairs;
:mod:`neighborhood_pb.testing.points` for catalogues, ledger entries and redemption;
:mod:`neighborhood_pb.testing.calendar` for dates, official notices and civic-day rules;
:mod:`neighborhood_pb.testing.governance` for procedures, matters, votes and meetings;
:mod:`neighborhood_pb.testing.cobuild` for the four lists and partnerships;
:mod:`neighborhood_pb.testing.errors` for rule sources;
:mod:`neighborhood_pb.testing.progress` for a progress that records what long work reports.
Importing this package needs ``hypothesis`` (``pip install neighborhood_pb[testing]``).
"""

from neighborhood_pb.testing import (
    appointments,
    calendar,
    cobuild,
    errors,
    governance,
    points,
    progress,
    rotations,
)
from neighborhood_pb.testing.structure import (
    EARLIEST,
    INVALID_COMMAND_NAMES,
    LATEST,
    InvalidCommand,
    Standing,
    dates,
    employment_statuses,
    invalid_commands,
    joint_books,
    joint_units,
    level_schemas,
    membership_kinds,
    org_forms,
    org_rules,
    org_trees,
    periods,
    persons,
    preset_schemas,
    report_channels,
    schemas,
    schemas_and_tree_records,
    territories,
    territory_kinds,
    territory_maps,
    tree_records,
    unit_kinds,
    village_community_unions,
)

__all__ = [
    "EARLIEST",
    "INVALID_COMMAND_NAMES",
    "LATEST",
    "InvalidCommand",
    "Standing",
    "appointments",
    "calendar",
    "cobuild",
    "dates",
    "employment_statuses",
    "errors",
    "governance",
    "invalid_commands",
    "joint_books",
    "joint_units",
    "level_schemas",
    "membership_kinds",
    "org_forms",
    "org_rules",
    "org_trees",
    "periods",
    "persons",
    "points",
    "preset_schemas",
    "progress",
    "report_channels",
    "rotations",
    "schemas",
    "schemas_and_tree_records",
    "territories",
    "territory_kinds",
    "territory_maps",
    "tree_records",
    "unit_kinds",
    "village_community_unions",
]
