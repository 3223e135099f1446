"""Metric passes over the tree and its territory: coverage, households, report rate."""

from __future__ import annotations

import operator
from collections.abc import Sequence

import pendulum

from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.metrics.context import TOTAL, PassContext, scope_name_en
from neighborhood_pb.metrics.points_pass import linked_households
from neighborhood_pb.metrics.posts_pass import headed_buildings
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.records import Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind

__all__ = [
    "REPORT_METRICS",
    "TERRITORY_METRICS",
    "report_pass",
    "territory_pass",
    "unplaced_finding",
]

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
_kind_of = operator.attrgetter("kind")
_period_of = operator.attrgetter("period")
_households_of = operator.attrgetter("households")
_id_of = operator.attrgetter("id")


def territory_pass(ctx: PassContext) -> None:
    """One depth-first pass over the territory: coverage counts and households.

    Coverage is indexed once for the day, so each territory costs a few set look-ups.
    """
    tree, day, sums, wanted, scope_of = ctx.inputs.tree, ctx.day, ctx.sums, ctx.wanted, ctx.scope_of
    settings = ctx.settings
    compound_forms = settings.compound_coverage_forms
    covered: set[str] = set()  # by a form that covers compounds
    by_group: set[str] = set()
    by_branch: set[str] = set()
    contacts: dict[str, int] = {}
    for coverage in tree.coverages(day):
        form = tree.org(coverage.org_id, day).form
        tid = coverage.territory_id
        if form in compound_forms:
            covered.add(tid)
        if form is OrgForm.PARTY_GROUP:
            by_group.add(tid)
        elif form is OrgForm.CONTACT_HOUSEHOLD:
            contacts[tid] = contacts.get(tid, 0) + 1
        if form.is_branch:
            by_branch.add(tid)
    territories = tree.territories
    by_id, child_records = territories.by_id, territories.child_records
    compounds = "compound_org_coverage" in wanted
    buildings = "building_group_coverage" in wanted
    heads = "building_head_coverage" in wanted
    headed = headed_buildings(ctx) if heads else frozenset()
    links = "household_link_coverage" in wanted
    linked = linked_households(ctx) if links else None
    grids = "grid_branch_coverage" in wanted
    households = "central_household_ratio" in wanted
    passes_down = settings.grid_coverage_passes_down
    counted: dict[str, int] = {}  # households counted one each, by scope
    # The few households covered by contact households (党员中心户), by parent: a frame finds
    # its own without a look-up per household.
    contact_homes: dict[str | None, list[tuple[Territory, int]]] = {}
    for tid, count in contacts.items():
        home = by_id[tid]
        if home.kind is _HOUSEHOLD:
            contact_homes.setdefault(home.parent_id, []).append((home, count))
    if ctx.root is None:
        roots, top_contacts = child_records(None), contact_homes.get(None, [])
    else:
        roots, top_contacts = [territories.get(ctx.root)], []
    # Each frame: the households covered by contact households among the territories to
    # visit, the territories, their parent's scope, whether a count of households was declared
    # above them, and whether a grid above them is covered by a form that covers compounds.
    # Households, most of the territory, are visited in their parent's frame, never pushed.
    frames: list[tuple[Sequence[tuple[Territory, int]], Sequence[Territory], str, bool, bool]]
    frames = [(top_contacts, roots, TOTAL, False, False)]
    # Territories loaded together share one period object: each distinct one is checked
    # against the day once, not once per territory.
    last_period, alive = None, False
    while frames:
        frame_contacts, records, above, declared_above, grid_above = frames.pop()
        homes: Sequence[Territory]
        others: Sequence[Territory]
        kinds = list(map(_kind_of, records))
        if kinds.count(_HOUSEHOLD) == len(records):
            homes, others = records, ()
        else:
            homes = [t for t in records if t.kind is _HOUSEHOLD]
            others = [t for t in records if t.kind is not _HOUSEHOLD]
        if homes:
            # The smallest kind and most of the territory: households hold no territory and
            # are never scopes, so they count in their parent's scope, a frame at a time.
            _count_households(
                ctx,
                homes,
                above,
                counted,
                linked,
                frame_contacts if households else (),
                households and not declared_above,
            )
        for territory in others:
            period = territory.period
            if period is not last_period:
                last_period, alive = period, period.contains(day)
            if not alive:
                continue
            tid, kind = territory.id, territory.kind
            scope = scope_of.get(tid, above)
            declared, grid_covered = declared_above, grid_above
            if kind is _COMPOUND:
                if compounds:
                    sums.add("compound_org_coverage", scope, grid_above or tid in covered)
            elif kind is _BUILDING:
                if buildings:
                    sums.add("building_group_coverage", scope, tid in by_group)
                if heads:
                    sums.add("building_head_coverage", scope, tid in headed)
            elif kind is _GRID:
                if grids:
                    sums.add("grid_branch_coverage", scope, tid in by_branch)
                grid_covered = passes_down and tid in covered
            if households:
                if not declared and territory.households is not None:
                    sums.add_numerator("central_household_ratio", scope, territory.households)
                    declared = True
                if tid in contacts:
                    sums.add_denominator("central_household_ratio", scope, contacts[tid])
            children = child_records(tid)
            if children:
                frames.append((contact_homes.get(tid, ()), children, scope, declared, grid_covered))
    for scope, count in counted.items():
        sums.add_numerator("central_household_ratio", scope, count)


def _count_households(
    ctx: PassContext,
    homes: Sequence[Territory],
    scope: str,
    counted: dict[str, int],
    linked: frozenset[str] | None,
    contacts: Sequence[tuple[Territory, int]],
    count: bool,
) -> None:
    """Count one frame's households (the children of one territory) in ``scope``.

    Households come by the hundred thousand with one period object per frame, so the frame is
    handled whole: its period is checked once and each household costs no Python step of its
    own. ``counted`` gathers the households counted one each (no declared count above);
    ``linked`` (``None``: not wanted) the households with a member linked; ``contacts``
    the frame's households covered by contact households (党员中心户), and by how many;
    ``count``: whether households are counted here (wanted, and no count declared above).
    """
    day, sums = ctx.day, ctx.sums
    periods = list(map(_period_of, homes))
    first = periods[0]
    if periods.count(first) == len(periods):
        alive = homes if first.contains(day) else []
    else:
        alive = [t for t in homes if t.period.contains(day)]
    if not alive:
        return
    if linked is not None:
        sums.add_denominator("household_link_coverage", scope, len(alive))
        hits = len(linked.intersection(map(_id_of, alive)))
        if hits:
            sums.add_numerator("household_link_coverage", scope, hits)
    for home, covering in contacts:
        if home.period.contains(day):
            sums.add_denominator("central_household_ratio", scope, covering)
    if count:
        declared = list(map(_households_of, alive))
        plain = declared.count(None)
        if plain:
            counted[scope] = counted.get(scope, 0) + plain
        if plain != len(declared):
            for households in declared:
                if households is not None:
                    sums.add_numerator("central_household_ratio", scope, households)


def report_pass(ctx: PassContext) -> None:
    """In-service members and whether each has a report in effect, counted where they live.

    A member whose household record is missing or not in effect on the day cannot be placed
    where they live: they count in the community they report to when it lies in the table,
    else in the total (of a table over everything), and a finding names them, so nobody
    falls out of the denominator unseen.
    """
    tree, day = ctx.inputs.tree, ctx.day
    # Who reports is read in one pass over the reports, not looked up member by member.
    reporting = tree.reporting(day)
    for person in tree.people():
        if person.employment is not EmploymentStatus.IN_SERVICE or not person.is_party_member(day):
            continue
        household = (
            None if person.household_id is None else tree.territories.get(person.household_id)
        )
        if household is not None and household.period.contains(day):
            scope = ctx.territory_scope(household)
        else:
            reports = [r for r in tree.reports_of(person.id) if r.period.contains(day)]
            scope = _unplaced_scope(ctx, reports)
            if scope is not None:
                ctx.findings.append(
                    unplaced_finding(person.id, person.name, day, ctx.scope_names[scope])
                )
        if scope is None:
            continue
        ctx.sums.add("report_rate", scope, person.id in reporting)


def unplaced_finding(
    person_id: str, person_name: str, day: pendulum.Date, scope_name: str
) -> Finding:
    """The finding naming an in-service member counted in ``scope_name`` only, having no
    household record in effect on ``day`` (every engine reports it alike); it cites its
    rule's registered source."""
    from neighborhood_pb.errors.registry import RULES  # the registry loads on first use

    return Finding(
        code="metric.report_rate.unplaced",
        severity=Severity.WARNING,
        subject=person_id,
        subject_name=person_name,
        message=f"{person_name} ({person_id}): no household record in effect "
        f"on {day}; counted in the report rate of {scope_name_en(scope_name)} only",
        rule=RULES["metric.report_rate.unplaced"].source,
        params={"scope": scope_name},
    )


def _unplaced_scope(ctx: PassContext, reports: Sequence[Report]) -> str | None:
    """Where a member without a household in effect counts: the community reported to,
    else the total of a table over everything (``None``: outside a table limited to a root)."""
    for report in reports:
        scope = ctx.scope(report.grid_id or report.community_id)
        if scope is not None:
            return scope
    return TOTAL if ctx.root is None else None
