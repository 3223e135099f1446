"""Whole-dataset checks (数据集检查): structure, appointments, rotations and points.

Each check reads a built :class:`~neighborhood_pb.dataset.DatasetContext` and returns its
findings; :data:`~neighborhood_pb.dataset.DATASET_CHECKS` lists them in the order
``nbpb validate`` runs them.
"""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.dataset.build import DatasetContext, DatasetRecordError
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import ConflictError, Finding
from neighborhood_pb.governance.checks import check_governance
from neighborhood_pb.governance.cobuild.checks import check_cobuild
from neighborhood_pb.points.compliance import run_compliance
from neighborhood_pb.structure.checks import run_checks
from neighborhood_pb.structure.joins import JointBook
from neighborhood_pb.structure.posts.checks import run_appointment_checks
from neighborhood_pb.structure.rotations.fairness import HasPlan, run_rotation_checks

__all__ = [
    "ROTATION_CHECK_TURNS_AHEAD",
    "check_appointments",
    "check_cobuild_section",
    "check_deliberations",
    "check_points",
    "check_rotations",
    "check_structure",
    "points_org_ids",
    "rotation_horizon",
]


def check_structure(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The structure checks (:data:`~neighborhood_pb.structure.STRUCTURE_CHECKS`) with the
    dataset's own rules and its joint units and 村居合一 unions."""
    return run_checks(ctx.tree, ctx.on, rules=ctx.dataset.rules, joins=_joins(ctx.dataset))


def _joins(dataset: Dataset) -> JointBook:
    """The dataset's joint units and unions in a book; a repeated id names its place."""
    book = JointBook()
    for index, unit in enumerate(dataset.joint_units):
        try:
            book.add_unit(unit)
        except ConflictError as exc:
            raise DatasetRecordError(exc, path=f"$.joint_units[{index}]") from exc
    for index, union in enumerate(dataset.village_community_unions):
        try:
            book.add_union(union)
        except ConflictError as exc:
            raise DatasetRecordError(exc, path=f"$.village_community_unions[{index}]") from exc
    return book


def check_appointments(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The appointment checks (:data:`~neighborhood_pb.structure.posts.APPOINTMENT_CHECKS`:
    owners' committee party share, cross-appointment, conflicts of interest, …) with the
    dataset's appointment rules."""
    return run_appointment_checks(ctx.appointments, ctx.on)


ROTATION_CHECK_TURNS_AHEAD = 1
"""How many turns after the day checked :func:`check_rotations` looks at: the next term (or
meeting) is the one still to be arranged, so its vacancy is worth a warning now."""


def rotation_horizon(
    rotation: HasPlan, on: _dt.date | str, *, ahead: int = ROTATION_CHECK_TURNS_AHEAD
) -> Period | None:
    """The turns a check as of ``on`` judges: from the first turn up to the ``ahead`` turns
    starting after ``on`` (fewer if the rotation has fewer); ``None`` without any turn."""
    slots = rotation.plan.slots
    if slots.count == 0:
        return None
    following = slots.first_at_or_after(as_date(on, "on").add(days=1))
    last = min(following + ahead, slots.count) - 1
    return Period(start=slots.start(0), end=slots.end(max(last, 0)))


def check_rotations(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The rotation checks (:data:`~neighborhood_pb.structure.rotations.ROTATION_CHECKS`:
    fairness and vacancies) of every rotation, over its :func:`rotation_horizon`."""
    found: list[Finding] = []
    rotations: list[HasPlan] = [*ctx.duty_rotations, *ctx.chair_rotations]
    for rotation in rotations:
        horizon = rotation_horizon(rotation, ctx.on)
        if horizon is not None:
            found += run_rotation_checks(rotation, horizon)
    return tuple(found)


def points_org_ids(ctx: DatasetContext) -> tuple[str, ...]:
    """The organisations whose territory the points checks and standings look at: the
    section's ``org_id``, else every root organisation of the tree on the day."""
    org_id = ctx.dataset.points.org_id
    if org_id is not None:
        return (org_id,)
    return tuple(org.id for org in ctx.tree.roots(ctx.on))


def check_points(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The entries left out when the ledger was reopened leniently
    (:attr:`~neighborhood_pb.dataset.DatasetContext.ledger_findings`), the ledger's audit
    (every derived figure against its recomputation) and the
    compliance checks (:data:`~neighborhood_pb.points.COMPLIANCE_CHECKS`: quarterly service,
    "1+10", must-visits, home days) as of the day, for each of :func:`points_org_ids`.

    A dataset that keeps no points data (no entry, no household link) is not checked: it
    does not use the points system, and every member would otherwise fall short."""
    if ctx.dataset.points.is_empty:
        return ()
    found = [*ctx.ledger_findings, *ctx.ledger.audit()]
    for org_id in points_org_ids(ctx):
        found += run_compliance(ctx.compliance(org_id))
    return tuple(found)


def check_deliberations(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The governance checks (:data:`~neighborhood_pb.governance.GOVERNANCE_CHECKS`: steps
    overdue, quorum missing, publications missing or short, reviews due) as of the day;
    none when the dataset keeps no deliberations."""
    if ctx.deliberations is None:
        return ()
    return check_governance(ctx.deliberations, ctx.on)


def check_cobuild_section(ctx: DatasetContext) -> tuple[Finding, ...]:
    """The co-building checks (:data:`~neighborhood_pb.governance.COBUILD_CHECKS`: needs left
    open, projects and milestones overdue, funds and budgets overspent, commitments unmet,
    households in hardship unpaired) as of the day, with the section's rules; none when the
    dataset keeps no co-building record."""
    if ctx.cobuild is None:
        return ()
    lists, partners = ctx.cobuild
    return check_cobuild(lists, partners, ctx.on, rules=ctx.dataset.cobuild.rules)
