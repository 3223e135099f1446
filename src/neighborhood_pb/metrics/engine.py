"""Computing the metrics as of a day, rolled up community → street → whole area (汇总)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import RuleViolationError
from neighborhood_pb.metrics.definitions import CATALOGUE, MetricDefinition, MetricKind
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["TOTAL", "MetricTable", "Scope", "ScopeLevel", "compute_metrics"]

TOTAL = "*"
"""Scope id of the whole area a table covers."""

_COMPOUND, _BUILDING = TerritoryKind.COMPOUND, TerritoryKind.BUILDING
_GRID, _HOUSEHOLD = TerritoryKind.GRID, TerritoryKind.HOUSEHOLD
_STREETS = frozenset({TerritoryKind.STREET, TerritoryKind.TOWNSHIP})
_COMMUNITIES = frozenset({TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE})

MetricValue = Ratio | Average


class ScopeLevel:
    """Roll-up levels, from the whole area down."""

    TOTAL = "total"
    STREET = "street"
    COMMUNITY = "community"
    ORDER = (TOTAL, STREET, COMMUNITY)


@attrs.frozen(kw_only=True)
class Scope:
    """A territory the metrics are rolled up to.

    Attributes:
        id: Territory id (:data:`TOTAL` for the whole area).
        name: Display name.
        level: ``total``, ``street`` or ``community``.
        parent_id: The enclosing scope (``None`` for the total).
    """

    id: str
    name: str
    level: str
    parent_id: str | None = None


@attrs.frozen(kw_only=True)
class MetricTable:
    """Every metric for every scope, as of one day.

    Attributes:
        as_of: The day.
        scopes: Scopes in display order: the total, then each street followed by its
            communities.
        values: The value of each (metric id, scope id).
        metrics: The definitions computed.
    """

    as_of: pendulum.Date
    scopes: tuple[Scope, ...]
    values: Mapping[tuple[str, str], MetricValue]
    metrics: tuple[MetricDefinition, ...]

    def value(self, metric_id: str, scope_id: str = TOTAL) -> MetricValue:
        """The value of a metric for a scope (the whole area by default)."""
        return self.values[(metric_id, scope_id)]

    def at_level(self, level: str) -> tuple[Scope, ...]:
        """The scopes of one roll-up level."""
        return tuple(scope for scope in self.scopes if scope.level == level)

    def children(self, scope_id: str) -> tuple[Scope, ...]:
        """Scopes directly inside ``scope_id``."""
        return tuple(scope for scope in self.scopes if scope.parent_id == scope_id)


class _Sums:
    """Numerator/denominator accumulators per (metric, scope), rolled up at the end.

    Contributions are added to the nearest scope only; :meth:`roll_up` then adds each
    scope's sums to its parent's, so a street is exactly the sum of its parts.
    """

    __slots__ = ("den", "num")

    def __init__(self) -> None:
        self.num: dict[tuple[str, str], int] = {}
        self.den: dict[tuple[str, str], int] = {}

    def add(self, metric_id: str, scope: str, hit: bool, weight: int = 1) -> None:
        key = (metric_id, scope)
        den = self.den
        den[key] = den.get(key, 0) + weight
        if hit:
            num = self.num
            num[key] = num.get(key, 0) + weight

    def add_numerator(self, metric_id: str, scope: str, amount: int) -> None:
        key = (metric_id, scope)
        self.num[key] = self.num.get(key, 0) + amount

    def add_denominator(self, metric_id: str, scope: str, amount: int) -> None:
        key = (metric_id, scope)
        self.den[key] = self.den.get(key, 0) + amount

    def roll_up(self, scopes: Sequence[Scope]) -> None:
        """Add every scope's sums into its ancestors' (scopes come parents first)."""
        parent = {scope.id: scope.parent_id for scope in scopes}
        for sums in (self.num, self.den):
            for (metric_id, scope_id), amount in list(sums.items()):
                above = parent.get(scope_id)
                while above is not None:
                    key = (metric_id, above)
                    sums[key] = sums.get(key, 0) + amount
                    above = parent[above]


def compute_metrics(
    tree: OrgTree,
    on: _dt.date,
    *,
    root: str | None = None,
    metrics: Sequence[MetricDefinition] = CATALOGUE,
) -> MetricTable:
    """Compute ``metrics`` for the tree's territory as of ``on``.

    Args:
        tree: The organisation tree and its territory.
        on: The day (records outside their period on that day are ignored).
        root: A street or community territory to limit the table to (default: everything).
        metrics: Which metrics (default: the whole catalogue).

    Returns:
        A table with a value for every metric and every scope; roll-ups add numerators and
        denominators, so a street's value is exact, never an average of percentages.

    Raises:
        RuleViolationError: a metric needs inputs the structure alone does not provide.
    """
    day = as_date(on)
    for definition in metrics:
        if definition.requires != "structure":
            raise RuleViolationError(
                f"metric {definition.id} needs {definition.requires} records",
                subject=definition.id,
                rule="metric.inputs",
            )
    wanted = {m.id for m in metrics}
    scopes, scope_of = _scopes(tree, day, root)
    sums = _Sums()
    _territory_contributions(tree, day, root, scope_of, sums, wanted)
    if "report_rate" in wanted:
        _report_rate(tree, day, scope_of, sums)
    sums.roll_up(scopes)
    values: dict[tuple[str, str], MetricValue] = {}
    for definition in metrics:
        for scope in scopes:
            key = (definition.id, scope.id)
            num, den = sums.num.get(key, 0), sums.den.get(key, 0)
            values[key] = (
                Average(num, den) if definition.kind is MetricKind.AVERAGE else Ratio(num, den)
            )
    return MetricTable(as_of=day, scopes=scopes, values=values, metrics=tuple(metrics))


def _scopes(
    tree: OrgTree, day: pendulum.Date, root: str | None
) -> tuple[tuple[Scope, ...], dict[str, str]]:
    """The roll-up scopes, and the scope each top, street and community territory feeds."""
    territories = tree.territories
    scopes = [Scope(id=TOTAL, name="合计", level=ScopeLevel.TOTAL)]
    scope_of: dict[str, str] = {}
    tops: Iterable[Territory]
    tops = territories.children(None, day) if root is None else (territories.at(root, day),)
    for top in tops:
        parent = TOTAL
        if top.kind in _STREETS:
            scopes.append(Scope(id=top.id, name=top.name, level=ScopeLevel.STREET, parent_id=TOTAL))
            parent = scope_of[top.id] = top.id
            communities = [
                t
                for t in territories.descendants(top.id, day, max_rank=TerritoryKind.VILLAGE.rank)
                if t.kind in _COMMUNITIES
            ]
        else:
            communities = [top] if top.kind in _COMMUNITIES else []
        for community in communities:
            scopes.append(
                Scope(
                    id=community.id,
                    name=community.name,
                    level=ScopeLevel.COMMUNITY,
                    parent_id=parent,
                )
            )
            scope_of[community.id] = community.id
        scope_of.setdefault(top.id, parent)
    return tuple(scopes), scope_of


def _scope_of(tree: OrgTree, territory: Territory, scope_of: Mapping[str, str]) -> str | None:
    """The nearest scope a territory feeds (``None`` if it lies outside the table)."""
    if territory.id in scope_of:
        return scope_of[territory.id]
    for ancestor in tree.territories.ancestors(territory.id):
        if ancestor.id in scope_of:
            return scope_of[ancestor.id]
    return None


def _territory_contributions(
    tree: OrgTree,
    day: pendulum.Date,
    root: str | None,
    scope_of: Mapping[str, str],
    sums: _Sums,
    wanted: set[str],
) -> None:
    """One depth-first pass over the territory: coverage counts and households.

    Coverage is indexed once for the day, so each territory costs a few set look-ups.
    """
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
    get, child_ids = territories.get, territories.child_ids
    compounds = "compound_org_coverage" in wanted
    buildings = "building_group_coverage" in wanted
    grids = "grid_branch_coverage" in wanted
    households = "central_household_ratio" in wanted
    start_ids = [t.id for t in territories.children(None, day)] if root is None else [root]
    stack: list[tuple[str, str, bool]] = [
        (tid, scope_of.get(tid, TOTAL), False) for tid in start_ids
    ]
    while stack:
        tid, scope, declared = stack.pop()
        territory = get(tid)
        period = territory.period
        if period.start > day or (period.end is not None and day >= period.end):
            continue
        scope = scope_of.get(tid, scope)
        kind = territory.kind
        if kind is _COMPOUND:
            if compounds:
                sums.add("compound_org_coverage", scope, tid in covered)
        elif kind is _BUILDING:
            if buildings:
                sums.add("building_group_coverage", scope, tid in by_group)
        elif kind is _GRID and grids:
            sums.add("grid_branch_coverage", scope, tid in by_branch)
        if households:
            if not declared and territory.households is not None:
                sums.add_numerator("central_household_ratio", scope, territory.households)
                declared = True
            elif not declared and kind is _HOUSEHOLD:
                sums.add_numerator("central_household_ratio", scope, 1)
            if tid in contacts:
                sums.add_denominator("central_household_ratio", scope, contacts[tid])
        for child in child_ids(tid):
            stack.append((child, scope, declared))


def _report_rate(
    tree: OrgTree, day: pendulum.Date, scope_of: Mapping[str, str], sums: _Sums
) -> None:
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
        scope = _scope_of(tree, household, scope_of)
        if scope is None:
            continue
        reported = any(r.period.contains(day) for r in tree.reports_of(person.id))
        sums.add("report_rate", scope, reported)
