"""Computing the metrics as of a day, rolled up community → street → whole area (汇总)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.metrics.definitions import CATALOGUE, MetricDefinition, MetricKind
from neighborhood_pb.points.compliance import HouseholdLinks
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "TOTAL",
    "MetricInputs",
    "MetricPass",
    "MetricTable",
    "PassContext",
    "Scope",
    "ScopeLevel",
    "compute_metrics",
]

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


class Sums:
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


@attrs.frozen(kw_only=True)
class MetricInputs:
    """What the metrics read: the tree, and the other aggregates where an app has them.

    Attributes:
        tree: The organisation tree and its territory.
        appointments: Bodies, posts and appointments (for the cross-appointment metrics).
        duty_rotations: Duty rotations (for ``duty_coverage``).
        ledger: The points ledger (for the points metrics).
        household_links: The "1+10" household links (for ``household_link_coverage``).

    A metric whose inputs are missing is not applicable (``n/a``), never 0 %.
    """

    tree: OrgTree
    appointments: Appointments | None = None
    duty_rotations: tuple[DutyRotation, ...] = ()
    ledger: Ledger | None = None
    household_links: HouseholdLinks | None = None

    def has(self, requires: str) -> bool:
        """Whether the inputs a metric ``requires`` are present."""
        if requires == "appointments":
            return self.appointments is not None
        if requires == "rotations":
            return bool(self.duty_rotations)
        if requires == "points":
            return self.ledger is not None
        if requires == "links":
            return self.household_links is not None
        return requires == "structure"


class PassContext:
    """What a metric pass works with: inputs, day, wanted metrics, sums and scopes."""

    __slots__ = ("_resolved", "day", "inputs", "root", "scope_of", "sums", "wanted")

    def __init__(
        self,
        inputs: MetricInputs,
        day: pendulum.Date,
        root: str | None,
        scope_of: dict[str, str],
        wanted: set[str],
    ) -> None:
        self.inputs, self.day, self.root = inputs, day, root
        self.scope_of, self.wanted = scope_of, wanted
        self.sums = Sums()
        self._resolved: dict[str, str | None] = {}

    def scope(self, territory_id: str) -> str | None:
        """The nearest scope a territory feeds (``None`` if it lies outside the table)."""
        resolved = self._resolved
        if territory_id in resolved:
            return resolved[territory_id]
        scope = self.scope_of.get(territory_id)
        if scope is None:
            for ancestor in self.inputs.tree.territories.ancestors(territory_id):
                if ancestor.id in self.scope_of:
                    scope = self.scope_of[ancestor.id]
                    break
        resolved[territory_id] = scope
        return scope

    def org_scope(self, org_id: str) -> str | None:
        """The scope of the first territory an organisation covers on the day."""
        for territory in self.inputs.tree.territories_covered(org_id, self.day):
            return self.scope(territory.id)
        return None


MetricPass = Callable[[PassContext], None]
"""Adds the contributions of some metrics to the context's sums."""


@collector_paused()
def compute_metrics(
    inputs: MetricInputs | OrgTree,
    on: _dt.date,
    *,
    root: str | None = None,
    metrics: Sequence[MetricDefinition] = CATALOGUE,
) -> MetricTable:
    """Compute ``metrics`` as of ``on``, rolled up community → street → total.

    Args:
        inputs: The aggregates to read (or just the tree).
        on: The day (records outside their period on that day are ignored).
        root: A street or community territory to limit the table to (default: everything).
        metrics: Which metrics (default: the whole catalogue).

    Returns:
        A table with a value for every metric and every scope; roll-ups add numerators and
        denominators, so a street's value is exact, never an average of percentages.
    """
    from neighborhood_pb.metrics.passes import PASSES

    if isinstance(inputs, OrgTree):
        inputs = MetricInputs(tree=inputs)
    day = as_date(on)
    wanted = {m.id for m in metrics if inputs.has(m.requires)}
    scopes, scope_of = _scopes(inputs.tree, day, root)
    ctx = PassContext(inputs, day, root, scope_of, wanted)
    for metric_ids, run in PASSES:
        if wanted & metric_ids:
            run(ctx)
    ctx.sums.roll_up(scopes)
    values: dict[tuple[str, str], MetricValue] = {}
    num, den = ctx.sums.num, ctx.sums.den
    for definition in metrics:
        average = definition.kind is MetricKind.AVERAGE
        for scope in scopes:
            key = (definition.id, scope.id)
            n, d = num.get(key, 0), den.get(key, 0)
            values[key] = Average(n, d) if average else Ratio(n, d)
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
