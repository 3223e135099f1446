"""Hypothesis strategies for applications that embed ``neighborhood_pb`` (测试数据生成).

Each module generates valid (and deliberately invalid) data for one part of the library, so
that downstream applications can write property-based tests against real shapes:
:mod:`neighborhood_pb.testing.structure` for level schemas, territory, people and whole
organisation trees. Importing this package needs ``hypothesis``.
"""

from neighborhood_pb.testing.structure import (
    EARLIEST,
    INVALID_COMMAND_NAMES,
    LATEST,
    InvalidCommand,
    Standing,
    dates,
    employment_statuses,
    invalid_commands,
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
)

__all__ = [
    "EARLIEST",
    "INVALID_COMMAND_NAMES",
    "LATEST",
    "InvalidCommand",
    "Standing",
    "dates",
    "employment_statuses",
    "invalid_commands",
    "level_schemas",
    "membership_kinds",
    "org_forms",
    "org_rules",
    "org_trees",
    "periods",
    "persons",
    "preset_schemas",
    "report_channels",
    "schemas",
    "schemas_and_tree_records",
    "territories",
    "territory_kinds",
    "territory_maps",
    "tree_records",
]
