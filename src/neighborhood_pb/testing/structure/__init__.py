"""Hypothesis strategies for the organisation structure (组织体系).

Valid data: periods, territory maps, people, level schemas, rules and whole tree datasets
(:class:`~neighborhood_pb.structure.TreeRecords`) that
:meth:`~neighborhood_pb.structure.OrgTree.from_records` accepts. Invalid data:
:func:`invalid_commands` draws commands an :class:`~neighborhood_pb.structure.OrgTree` must
reject, each with the error type, rule and subject it must report. Sizes are kept small so
that property tests stay fast.

Example::

    from hypothesis import given
    from neighborhood_pb.testing.structure import schemas_and_tree_records

    @given(schemas_and_tree_records())
    def test_loads(data):
        schema, records = data
        OrgTree.from_records(schema, records)
"""

from neighborhood_pb.testing.structure.commands import (
    INVALID_COMMAND_NAMES,
    InvalidCommand,
    invalid_commands,
)
from neighborhood_pb.testing.structure.data import (
    EARLIEST,
    LATEST,
    Standing,
    dates,
    employment_statuses,
    level_schemas,
    membership_kinds,
    org_forms,
    org_rules,
    periods,
    persons,
    preset_schemas,
    report_channels,
    schemas,
    territories,
    territory_kinds,
    territory_maps,
)
from neighborhood_pb.testing.structure.joins import (
    joint_books,
    joint_units,
    unit_kinds,
    village_community_unions,
)
from neighborhood_pb.testing.structure.trees import (
    org_trees,
    schemas_and_tree_records,
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
    "joint_books",
    "joint_units",
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
    "unit_kinds",
    "village_community_unions",
]
