"""Datasets (数据集): a whole jurisdiction as one versioned document.

A :class:`Dataset` holds what an application would keep for a street or a community: the
level schema, the structure records, the posts and appointments, the duty rotations and
rotating chairs, and the rules in force, with a title and the day the data describes. It is a
plain record; :mod:`neighborhood_pb.io.json` reads and writes it as JSON, :func:`build_tree`
turns it into the :class:`~neighborhood_pb.structure.tree.OrgTree` that answers queries, and
:meth:`DatasetContext.build` builds every aggregate (the tree, the
:class:`~neighborhood_pb.structure.posts.Appointments` over it, the rotations).

Growing the format: a new kind of record (appointments, a points ledger, rosters) becomes a
new optional field with an empty default, so that every version-1 document still loads; only
a change that old readers would misread bumps :data:`DATASET_VERSION`. A new whole-model
check is appended to :data:`DATASET_CHECKS`; a new aggregate is built in
:meth:`DatasetContext.build`.

The module is a facade over the record (:mod:`.records`), the building of its aggregates
(:mod:`.build`) and the whole-dataset checks (:mod:`.checks`); it keeps the list of checks
``nbpb validate`` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from neighborhood_pb.dataset.build import (
    DatasetContext,
    DatasetRecordError,
    LedgerMode,
    build_appointments,
    build_calendar,
    build_chair_rotations,
    build_cobuild,
    build_deliberations,
    build_duty_rotations,
    build_household_links,
    build_ledger,
    build_tree,
    ledger_records,
    reopen_ledger,
    resolve_as_of,
)
from neighborhood_pb.dataset.build import (
    _path as _path,  # the JSON path of a refused record, used by the loader tests
)
from neighborhood_pb.dataset.checks import (
    ROTATION_CHECK_TURNS_AHEAD,
    check_appointments,
    check_cobuild_section,
    check_deliberations,
    check_points,
    check_rotations,
    check_structure,
    points_org_ids,
    rotation_horizon,
)
from neighborhood_pb.dataset.cobuild_section import CobuildRecords
from neighborhood_pb.dataset.impact import ledger_impact, register_changes
from neighborhood_pb.dataset.records import (
    DATASET_FORMAT,
    DATASET_VERSION,
    Dataset,
    GovernanceRecords,
    PointsRecords,
)
from neighborhood_pb.errors import Finding

__all__ = [
    "DATASET_CHECKS",
    "DATASET_FORMAT",
    "DATASET_VERSION",
    "ROTATION_CHECK_TURNS_AHEAD",
    "CobuildRecords",
    "Dataset",
    "DatasetCheck",
    "DatasetContext",
    "DatasetRecordError",
    "GovernanceRecords",
    "LedgerMode",
    "PointsRecords",
    "build_appointments",
    "build_calendar",
    "build_chair_rotations",
    "build_cobuild",
    "build_deliberations",
    "build_duty_rotations",
    "build_household_links",
    "build_ledger",
    "build_tree",
    "check_appointments",
    "check_cobuild_section",
    "check_dataset",
    "check_deliberations",
    "check_points",
    "check_rotations",
    "check_structure",
    "ledger_impact",
    "ledger_records",
    "points_org_ids",
    "register_changes",
    "reopen_ledger",
    "resolve_as_of",
    "rotation_horizon",
]


DatasetCheck = Callable[[DatasetContext], Iterable[Finding]]
"""A whole-dataset check: reads the context, yields findings."""

DATASET_CHECKS: tuple[DatasetCheck, ...] = (
    check_structure,
    check_appointments,
    check_rotations,
    check_points,
    check_deliberations,
    check_cobuild_section,
)
"""The checks ``nbpb validate`` runs, in order; later capabilities append theirs."""


def check_dataset(
    ctx: DatasetContext, checks: Sequence[DatasetCheck] = DATASET_CHECKS
) -> tuple[Finding, ...]:
    """Run ``checks`` over a built dataset; findings sorted errors first."""
    findings = [finding for check in checks for finding in check(ctx)]
    return tuple(sorted(findings, key=Finding.sort_key))
