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
    """Numerator/denominator accumulators per (metric, scope)."""

    __slots__ = ("den", "num")

    def __init__(self) -> None:
        self.num: dict[tuple[str, str], int] = {}
        self.den: dict[tuple[str, str], int] = {}

    def add(self, metric_id: str, scopes: Iterable[str], hit: bool, weight: int = 1) -> None:
        num, den = self.num, self.den
        for scope in scopes:
            key = (metric_id, scope)
            den[key] = den.get(key, 0) + weight
            if hit:
                num[key] = num.get(key, 0) + weight

    def add_numerator(self, metric_id: str, scopes: Iterable[str], amount: int) -> None:
        for scope in scopes:
            key = (metric_id, scope)
            self.num[key] = self.num.get(key, 0) + amount

    def add_denominator(self, metric_id: str, scopes: Iterable[str], amount: int) -> None:
        for scope in scopes:
            key = (metric_id, scope)
            self.den[key] = self.den.get(key, 0) + amount


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
) -> tuple[tuple[Scope, ...], dict[str, tuple[str, ...]]]:
    """The roll-up scopes, and for each street/community the chain of scopes it feeds."""
    territories = tree.territories
    scopes = [Scope(id=TOTAL, name="合计", level=ScopeLevel.TOTAL)]
    scope_of: dict[str, tuple[str, ...]] = {}
    tops: Iterable[Territory]
    tops = territories.children(None, day) if root is None else (territories.at(root, day),)
    for top in tops:
        chain: tuple[str, ...] = (TOTAL,)
        if top.kind in _STREETS:
            scopes.append(Scope(id=top.id, name=top.name, level=ScopeLevel.STREET, parent_id=TOTAL))
            chain = (top.id, TOTAL)
            scope_of[top.id] = chain
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
                    parent_id=chain[0],
                )
            )
            scope_of[community.id] = (community.id, *chain)
        if top.id not in scope_of:
            scope_of[top.id] = chain
    return tuple(scopes), scope_of


def _chain(
    tree: OrgTree, territory: Territory, scope_of: Mapping[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The scopes a territory feeds: its nearest scope territory's chain (empty if outside)."""
    if territory.id in scope_of:
        return scope_of[territory.id]
    for ancestor in tree.territories.ancestors(territory.id):
        if ancestor.id in scope_of:
            return scope_of[ancestor.id]
    return ()


def _territory_contributions(
    tree: OrgTree,
    day: pendulum.Date,
    root: str | None,
    scope_of: Mapping[str, tuple[str, ...]],
    sums: _Sums,
    wanted: set[str],
) -> None:
    """One depth-first pass over the territory: coverage counts and households."""
    territories = tree.territories
    starts = territories.children(None, day) if root is None else (territories.at(root, day),)
    stack: list[tuple[Territory, tuple[str, ...], bool]] = [
        (top, scope_of.get(top.id, ()), False) for top in starts
    ]
    while stack:
        territory, chain, declared_above = stack.pop()
        chain = scope_of.get(territory.id, chain)
        kind = territory.kind
        if kind is TerritoryKind.COMPOUND and "compound_org_coverage" in wanted:
            sums.add("compound_org_coverage", chain, bool(tree.orgs_covering(territory.id, day)))
        elif kind is TerritoryKind.BUILDING and "building_group_coverage" in wanted:
            hit = any(o.form is OrgForm.PARTY_GROUP for o in tree.orgs_covering(territory.id, day))
            sums.add("building_group_coverage", chain, hit)
        elif kind is TerritoryKind.GRID and "grid_branch_coverage" in wanted:
            hit = any(o.form.is_branch for o in tree.orgs_covering(territory.id, day))
            sums.add("grid_branch_coverage", chain, hit)
        declared = declared_above
        if not declared_above and "central_household_ratio" in wanted:
            if territory.households is not None:
                sums.add_numerator("central_household_ratio", chain, territory.households)
                declared = True
            elif kind is TerritoryKind.HOUSEHOLD:
                sums.add_numerator("central_household_ratio", chain, 1)
        if kind is TerritoryKind.HOUSEHOLD and "central_household_ratio" in wanted:
            contacts = sum(
                1
                for o in tree.orgs_covering(territory.id, day)
                if o.form is OrgForm.CONTACT_HOUSEHOLD
            )
            if contacts:
                sums.add_denominator("central_household_ratio", chain, contacts)
        for child in territories.children(territory.id, day):
            stack.append((child, chain, declared))


def _report_rate(
    tree: OrgTree, day: pendulum.Date, scope_of: Mapping[str, tuple[str, ...]], sums: _Sums
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
        chain = _chain(tree, household, scope_of)
        reported = any(r.period.contains(day) for r in tree.reports_of(person.id))
        sums.add("report_rate", chain, reported)
