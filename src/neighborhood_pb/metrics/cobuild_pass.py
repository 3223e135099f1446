"""Metric pass over the four lists and the partnerships (四项清单、共驻共建): needs met,
resources used, funds executed, the median days from a need to its project, resident units
in alliances, households in hardship paired.

Needs count over the twelve months ending on the day (as the deliberation metrics count "a
year"); resources, funds, units and households as they stand on the day. A record counts in
the scope of its territory (the total when the tree does not know it): a need's, a
resource's, a fund's (for the projects spending from it), a resident unit's and a
household's.
"""

from __future__ import annotations

import pendulum

from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.needs import NeedStatus
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.cobuild.partnerships import PairingKind
from neighborhood_pb.governance.cobuild.resources import ResourceKind
from neighborhood_pb.metrics.context import TOTAL, PassContext
from neighborhood_pb.metrics.governance_pass import year_to
from neighborhood_pb.structure.posts.bodies import BodyKind

__all__ = ["COBUILD_METRICS", "cobuild_pass"]

COBUILD_METRICS = frozenset(
    {
        "needs_met_rate",
        "resource_utilisation",
        "fund_execution",
        "need_to_project_median_days",
        "alliance_unit_coverage",
        "pairing_coverage",
    }
)


def _scope(ctx: PassContext, territory_id: str) -> str | None:
    """The scope of a territory; one the tree does not know counts in the total."""
    if territory_id not in ctx.inputs.tree.territories.by_id:
        return TOTAL
    return ctx.scope(territory_id)


def _books(ctx: PassContext) -> tuple[FourLists, Partnerships]:
    books = ctx.inputs.cobuild
    assert books is not None  # the engine runs this pass only when present
    return books


def _lists(ctx: PassContext, lists: FourLists) -> None:
    sums, day = ctx.sums, ctx.day
    first = year_to(day)[0].date()
    answered: dict[str, pendulum.Date] = {}
    for project in (p for p in lists.projects() if p.start <= day):
        for need_id in project.need_ids:
            if need_id not in answered or project.start < answered[need_id]:
                answered[need_id] = project.start
    for need in lists.needs():
        scope = _scope(ctx, need.territory_id)
        if scope is None or not first <= need.raised_on <= day:
            continue
        sums.add("needs_met_rate", scope, lists.status(need.id, day) is NeedStatus.MET)
        start = answered.get(need.id)
        if start is not None:
            days = max((start - need.raised_on).days, 0)
            sums.add_sample("need_to_project_median_days", scope, days)
    committed = {c.resource_id for p in lists.projects() if p.start <= day for c in p.commitments}
    for resource in lists.resources(day):
        scope = _scope(ctx, resource.territory_id)
        if scope is None:
            continue
        if resource.kind is ResourceKind.FUND:
            projects = [p for p in lists.projects() if p.fund_id == resource.id]
            for project in projects:
                if project.start <= day:
                    spent = min(lists.spent_by(project.id, day), project.budget_fen)
                    sums.add_numerator("fund_execution", scope, spent)
                    sums.add_denominator("fund_execution", scope, project.budget_fen)
        else:
            sums.add("resource_utilisation", scope, resource.id in committed)


def _partners(ctx: PassContext, partners: Partnerships) -> None:
    sums, day = ctx.sums, ctx.day
    appointments = ctx.inputs.appointments
    if appointments is not None:
        allied = partners.allied_units(day)
        for unit in appointments.bodies(day, BodyKind.RESIDENT_UNIT):
            scope = None if unit.territory_id is None else _scope(ctx, unit.territory_id)
            if scope is not None:
                sums.add("alliance_unit_coverage", scope, unit.id in allied)
    paired = {p.partner_id for p in partners.pairings(day) if p.kind is PairingKind.UNIT_HOUSEHOLD}
    for household in partners.hardship(day):
        scope = _scope(ctx, household.territory_id)
        if scope is not None:
            sums.add("pairing_coverage", scope, household.household_id in paired)


def cobuild_pass(ctx: PassContext) -> None:
    """Each need, resource, fund, resident unit and household in hardship in its scope."""
    lists, partners = _books(ctx)
    _lists(ctx, lists)
    _partners(ctx, partners)
