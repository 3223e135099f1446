"""What metric passes work with (指标计算上下文): inputs, scopes, sums and the pass type.

The engine and every pass import this module; neither imports the other's internals, so the
passes register in :mod:`neighborhood_pb.metrics.passes` without an import cycle.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence

import attrs
import pendulum

from neighborhood_pb.errors import Finding
from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.metrics.definitions import MetricDefinition, MetricInput
from neighborhood_pb.metrics.settings import MetricSettings
from neighborhood_pb.points.compliance import HouseholdLinks
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.territory import Territory
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "TOTAL",
    "MetricInputs",
    "MetricPass",
    "MetricTable",
    "MetricValue",
    "PassContext",
    "Scope",
    "ScopeLevel",
    "Sums",
    "scope_name_en",
]

TOTAL = "*"
"""Scope id of the whole area a table covers."""

MetricValue = Ratio | Average


class ScopeLevel(enum.StrEnum):
    """Roll-up levels (汇总层级), from the whole area down; grid and compound are optional."""

    TOTAL = "total"
    STREET = "street"
    COMMUNITY = "community"
    GRID = "grid"
    COMPOUND = "compound"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return _SCOPE_LABELS[self]


def scope_name_en(name: str) -> str:
    """A scope's name for English readers: the whole area's ``合计`` as ``total (合计)``, a
    territory's own name as it is."""
    total = ScopeLevel.TOTAL.label_zh
    return f"{ScopeLevel.TOTAL.value} ({total})" if name == total else name


_SCOPE_LABELS = {
    ScopeLevel.TOTAL: "合计",
    ScopeLevel.STREET: "街道",
    ScopeLevel.COMMUNITY: "社区",
    ScopeLevel.GRID: "网格",
    ScopeLevel.COMPOUND: "小区",
}


@attrs.frozen(kw_only=True)
class Scope:
    """A territory the metrics are rolled up to.

    Attributes:
        id: Territory id (:data:`TOTAL` for the whole area).
        name: Display name.
        level: The roll-up level (a plain string is read as one).
        parent_id: The enclosing scope (``None`` for the total).
    """

    id: str
    name: str
    level: ScopeLevel = attrs.field(converter=ScopeLevel)
    parent_id: str | None = None

    @property
    def name_en(self) -> str:
        """The name for English readers: ``total (合计)`` for the whole area, else the
        territory's own name."""
        return scope_name_en(self.name)


@attrs.frozen(kw_only=True)
class MetricTable:
    """Every metric for every scope, as of one day.

    Attributes:
        as_of: The day.
        scopes: Scopes in display order: the total, then each street followed by its
            communities (each followed by its grids and compounds when those levels are asked).
        values: The value of each (metric id, scope id).
        metrics: The definitions computed.
        findings: What the computation could not place, e.g. a member counted only in the
            total (each names the record).
    """

    as_of: pendulum.Date
    scopes: tuple[Scope, ...]
    values: Mapping[tuple[str, str], MetricValue]
    metrics: tuple[MetricDefinition, ...]
    findings: tuple[Finding, ...] = ()

    def value(self, metric_id: str, scope_id: str = TOTAL) -> MetricValue:
        """The value of a metric for a scope (the whole area by default)."""
        return self.values[(metric_id, scope_id)]

    def at_level(self, level: ScopeLevel | str) -> tuple[Scope, ...]:
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

    __slots__ = ("den", "num", "samples")

    def __init__(self) -> None:
        self.num: dict[tuple[str, str], int] = {}
        self.den: dict[tuple[str, str], int] = {}
        self.samples: dict[tuple[str, str], list[int]] = {}

    def add_sample(self, metric_id: str, scope: str, value: int) -> None:
        """One value of a median metric (a scope's median is over its own and its parts')."""
        self.samples.setdefault((metric_id, scope), []).append(value)

    def median(self, metric_id: str, scope: str) -> Average:
        """The median of a scope's values as an exact pair: the middle value over 1, or the
        two middle values' sum over 2; 0 over 0 (not applicable) without any value."""
        values = sorted(self.samples.get((metric_id, scope), ()))
        half, odd = divmod(len(values), 2)
        if not values:
            return Average(0, 0)
        if odd:
            return Average(values[half], 1)
        return Average(values[half - 1] + values[half], 2)

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
        for (metric_id, scope_id), values in list(self.samples.items()):
            above = parent.get(scope_id)
            while above is not None:
                self.samples.setdefault((metric_id, above), []).extend(values)
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
        deliberations: The deliberations (for the deliberation metrics).
        cobuild: The four lists and the partnerships (for the co-building metrics).

    A metric whose inputs are missing is not applicable (``n/a``), never 0 %.
    """

    tree: OrgTree
    appointments: Appointments | None = None
    duty_rotations: tuple[DutyRotation, ...] = ()
    ledger: Ledger | None = None
    household_links: HouseholdLinks | None = None
    deliberations: Deliberations | None = None
    cobuild: tuple[FourLists, Partnerships] | None = None

    def has(self, requires: MetricInput | str) -> bool:
        """Whether the inputs a metric ``requires`` are present."""
        kind = MetricInput(requires)
        if kind is MetricInput.APPOINTMENTS:
            return self.appointments is not None
        if kind is MetricInput.ROTATIONS:
            return bool(self.duty_rotations)
        if kind is MetricInput.POINTS:
            return self.ledger is not None
        if kind is MetricInput.LINKS:
            return self.household_links is not None
        if kind is MetricInput.GOVERNANCE:
            return self.deliberations is not None
        if kind is MetricInput.COBUILD:
            return self.cobuild is not None
        return True


class PassContext:
    """What a metric pass works with: inputs, day, wanted metrics, settings, sums, scopes
    and the findings of what a pass could not place."""

    __slots__ = (
        "_resolved",
        "day",
        "findings",
        "inputs",
        "root",
        "scope_names",
        "scope_of",
        "settings",
        "sums",
        "wanted",
    )

    def __init__(
        self,
        inputs: MetricInputs,
        day: pendulum.Date,
        root: str | None,
        scope_of: dict[str, str],
        wanted: set[str],
        settings: MetricSettings | None = None,
        scope_names: Mapping[str, str] | None = None,
    ) -> None:
        self.inputs, self.day, self.root = inputs, day, root
        self.scope_of, self.wanted = scope_of, wanted
        self.settings = MetricSettings() if settings is None else settings
        self.scope_names: Mapping[str, str] = {} if scope_names is None else scope_names
        self.sums = Sums()
        self.findings: list[Finding] = []
        self._resolved: dict[str, str | None] = {}

    def scope(self, territory_id: str) -> str | None:
        """The nearest scope a territory feeds (``None`` if it lies outside the table)."""
        resolved = self._resolved
        if territory_id in resolved:
            return resolved[territory_id]
        scope = self.scope_of.get(territory_id)
        if scope is None:
            scope = self.territory_scope(self.inputs.tree.territories.get(territory_id))
        resolved[territory_id] = scope
        return scope

    def territory_scope(self, territory: Territory) -> str | None:
        """The nearest scope a territory at hand feeds (``None`` if it lies outside the table).

        Its parent's scope is resolved once and kept: households of one building, buildings
        of one compound … share their look-ups instead of each walking every ancestor, and a
        pass over records it already holds (members' households) keeps none of its own.
        """
        scope = self.scope_of.get(territory.id)
        if scope is None and territory.parent_id is not None:
            scope = self.scope(territory.parent_id)
        return scope

    def org_scope(self, org_id: str) -> str | None:
        """The scope of the first territory an organisation covers on the day."""
        for territory in self.inputs.tree.territories_covered(org_id, self.day):
            return self.scope(territory.id)
        return None


MetricPass = Callable[[PassContext], None]
"""Adds the contributions of some metrics to the context's sums."""
