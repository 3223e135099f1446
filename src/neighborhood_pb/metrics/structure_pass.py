"""Metric passes over the tree and its territory: coverage, households, report rate."""

from __future__ import annotations

from collections.abc import Sequence

from neighborhood_pb.metrics.context import TOTAL, PassContext
from neighborhood_pb.metrics.points_pass import linked_households
from neighborhood_pb.metrics.posts_pass import headed_buildings
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["REPORT_METRICS", "TERRITORY_METRICS", "report_pass", "territory_pass"]

TERRITORY_METRICS = frozenset(
    {
        "compound_org_coverage",
        "building_group_coverage",
        "grid_branch_coverage",
        "central_household_ratio",
    }
)
REPORT_METRICS = frozenset({"report_rate"})

_COMPOUND, _BUILDING = TerritoryKind.COMPOUND, TerritoryKind.BUILDING
_GRID, _HOUSEHOLD = TerritoryKind.GRID, TerritoryKind.HOUSEHOLD


def territory_pass(ctx: PassContext) -> None:
    """One depth-first pass over the territory: coverage counts and households.

    Coverage is indexed once for the day, so each territory costs a few set look-ups.
    """
    tree, day, sums, wanted, scope_of = ctx.inputs.tree, ctx.day, ctx.sums, ctx.wanted, ctx.scope_of
    covered: set[str] = set()
    by_group: set[str] = set()
    by_branch: set[str] = set()
    contacts: dict[str, int] = {}
    for coverage in tree.coverages(day):
        form = tree.org(coverage.org_id, day).form
        tid = coverage.territory_id
        covered.add(tid)
        if form is OrgForm.PARTY_GROUP:
            by_group.add(tid)
        elif form is OrgForm.CONTACT_HOUSEHOLD:
            contacts[tid] = contacts.get(tid, 0) + 1
        if form.is_branch:
            by_branch.add(tid)
    territories = tree.territories
    by_id, child_ids = territories.by_id, territories.child_ids
    compounds = "compound_org_coverage" in wanted
    buildings = "building_group_coverage" in wanted
    heads = "building_head_coverage" in wanted
    headed = headed_buildings(ctx) if heads else frozenset()
    links = "household_link_coverage" in wanted
    linked = linked_households(ctx) if links else frozenset()
    grids = "grid_branch_coverage" in wanted
    households = "central_household_ratio" in wanted
    counted: dict[str, int] = {}  # households counted one each, by scope
    roots = [t.id for t in territories.children(None, day)] if ctx.root is None else [ctx.root]
    # Each frame: territory ids to visit, with their parent's scope and whether a count of
    # households was declared above them. Households, most of the territory, are visited in
    # their parent's frame and never pushed.
    frames: list[tuple[Sequence[str], str, bool]] = [(roots, TOTAL, False)]
    while frames:
        ids, above, declared_above = frames.pop()
        plain = 0  # households of this frame counted one each (no declared count above)
        for tid in ids:
            territory = by_id[tid]
            period = territory.period
            if period.start > day or (period.end is not None and day >= period.end):
                continue
            kind = territory.kind
            if kind is _HOUSEHOLD:
                # The smallest kind and most of the territory: it holds no territory and is
                # never a scope, so it counts in its parent's scope without a look-up.
                if links:
                    sums.add("household_link_coverage", above, tid in linked)
                if households:
                    if not declared_above:
                        if territory.households is None:
                            plain += 1
                        else:
                            sums.add_numerator(
                                "central_household_ratio", above, territory.households
                            )
                    if tid in contacts:
                        sums.add_denominator("central_household_ratio", above, contacts[tid])
                continue
            scope = scope_of.get(tid, above)
            declared = declared_above
            if kind is _COMPOUND:
                if compounds:
                    sums.add("compound_org_coverage", scope, tid in covered)
            elif kind is _BUILDING:
                if buildings:
                    sums.add("building_group_coverage", scope, tid in by_group)
                if heads:
                    sums.add("building_head_coverage", scope, tid in headed)
            elif kind is _GRID and grids:
                sums.add("grid_branch_coverage", scope, tid in by_branch)
            if households:
                if not declared and territory.households is not None:
                    sums.add_numerator("central_household_ratio", scope, territory.households)
                    declared = True
                if tid in contacts:
                    sums.add_denominator("central_household_ratio", scope, contacts[tid])
            children = child_ids(tid)
            if children:
                frames.append((children, scope, declared))
        if plain:
            counted[above] = counted.get(above, 0) + plain
    for scope, count in counted.items():
        sums.add_numerator("central_household_ratio", scope, count)


def report_pass(ctx: PassContext) -> None:
    """In-service members living in the area, and whether each has a report in effect."""
    tree, day = ctx.inputs.tree, ctx.day
    for person in tree.people():
        if (
            person.employment is not EmploymentStatus.IN_SERVICE
            or not person.is_party_member(day)
            or person.household_id is None
        ):
            continue
        household = tree.territories.get(person.household_id)
        if not household.period.contains(day):
            continue
        scope = ctx.scope(household.id)
        if scope is None:
            continue
        reported = any(r.period.contains(day) for r in tree.reports_of(person.id))
        ctx.sums.add("report_rate", scope, reported)
