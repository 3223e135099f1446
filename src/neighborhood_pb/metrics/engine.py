"""Computing the metrics as of a day, rolled up community → street → whole area (汇总)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence

import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import Finding, InvalidRecordError, UnknownRecordError
from neighborhood_pb.metrics.context import (
    TOTAL,
    MetricInputs,
    MetricPass,
    MetricTable,
    MetricValue,
    PassContext,
    Scope,
    ScopeLevel,
)
from neighborhood_pb.metrics.definitions import CATALOGUE, MetricDefinition, MetricKind
from neighborhood_pb.metrics.passes import PASSES, missing_passes
from neighborhood_pb.metrics.settings import MetricSettings
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.territory import (
    COMMUNITY_KINDS,
    STREET_KINDS,
    Territory,
    TerritoryKind,
)
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
    "compute_metrics",
]

_OPTIONAL = (ScopeLevel.GRID, ScopeLevel.COMPOUND)
_KIND_OF_LEVEL = {ScopeLevel.GRID: TerritoryKind.GRID, ScopeLevel.COMPOUND: TerritoryKind.COMPOUND}


@collector_paused()
def compute_metrics(
    inputs: MetricInputs | OrgTree,
    on: _dt.date | str,
    *,
    root: str | None = None,
    metrics: Sequence[MetricDefinition] = CATALOGUE,
    levels: Iterable[ScopeLevel | str] = (),
    settings: MetricSettings | None = None,
) -> MetricTable:
    """Compute ``metrics`` as of ``on``, rolled up (compound → grid →) community → street →
    total.

    Args:
        inputs: The aggregates to read (or just the tree).
        on: The day (records outside their period on that day are ignored).
        root: A street or community territory to limit the table to (default: everything).
        metrics: Which metrics (default: the whole catalogue).
        levels: Optional levels below the community to add as scopes: ``grid``,
            ``compound`` or both (default: none).
        settings: How the metrics count where the sources leave a choice (default:
            :class:`~neighborhood_pb.metrics.settings.MetricSettings`).

    Returns:
        A table with a value for every metric and every scope; roll-ups add numerators and
        denominators, so a street's value is exact, never an average of percentages.

    Raises:
        UnknownRecordError: A metric whose inputs are present has no pass to compute it
            (rule ``metrics.pass``); it is refused rather than shown as ``n/a``.
    """
    if isinstance(inputs, OrgTree):
        inputs = MetricInputs(tree=inputs)
    day = as_date(on, "on")
    wanted = {m.id for m in metrics if inputs.has(m.requires)}
    unknown = missing_passes(m for m in metrics if m.id in wanted)
    if unknown:
        raise UnknownRecordError(
            f"metric {unknown[0]} has no pass to compute it",
            subject=unknown[0],
            rule="metrics.pass",
        )
    optional = _optional_levels(levels)
    scopes, scope_of = _scopes(inputs.tree, day, root)
    if optional:
        scopes = _finer_scopes(inputs.tree, day, scopes, scope_of, optional)
    names = {scope.id: scope.name for scope in scopes}
    ctx = PassContext(inputs, day, root, scope_of, wanted, settings, names)
    for metric_ids, run in PASSES:
        if wanted & metric_ids:
            run(ctx)
    ctx.sums.roll_up(scopes)
    values: dict[tuple[str, str], MetricValue] = {}
    num, den = ctx.sums.num, ctx.sums.den
    for definition in metrics:
        average = definition.kind is MetricKind.AVERAGE
        median = definition.kind is MetricKind.MEDIAN
        for scope in scopes:
            key = (definition.id, scope.id)
            n, d = num.get(key, 0), den.get(key, 0)
            if median:
                values[key] = ctx.sums.median(definition.id, scope.id)
            else:
                values[key] = Average(n, d) if average else Ratio(n, d)
    return MetricTable(
        as_of=day,
        scopes=scopes,
        values=values,
        metrics=tuple(metrics),
        findings=tuple(sorted(ctx.findings, key=Finding.sort_key)),
    )


def _optional_levels(levels: Iterable[ScopeLevel | str]) -> tuple[ScopeLevel, ...]:
    """The optional levels asked for, in their order from the top.

    Raises:
        InvalidRecordError: a level that is not optional (rule ``metrics.level``).
    """
    asked = set()
    for level in levels:
        try:
            value = ScopeLevel(level)
        except ValueError:
            value = None
        if value not in _OPTIONAL:
            raise InvalidRecordError(
                f"level {level}: only grid and compound are optional levels",
                subject=str(level),
                rule="metrics.level",
            )
        asked.add(value)
    return tuple(level for level in _OPTIONAL if level in asked)


def _finer_scopes(
    tree: OrgTree,
    day: pendulum.Date,
    scopes: Sequence[Scope],
    scope_of: dict[str, str],
    levels: Sequence[ScopeLevel],
) -> tuple[Scope, ...]:
    """``scopes`` with each community followed by its grids and compounds (``levels``),
    each grid followed by its compounds; a compound lies in the nearest grid scope above
    it, else in its community."""
    territories = tree.territories
    kinds: Mapping[TerritoryKind, ScopeLevel] = {_KIND_OF_LEVEL[lv]: lv for lv in levels}
    deepest = max(kind.rank for kind in kinds)
    result: list[Scope] = []
    for scope in scopes:
        result.append(scope)
        if scope.level is not ScopeLevel.COMMUNITY:
            continue
        finer = [
            t for t in territories.descendants(scope.id, day, max_rank=deepest) if t.kind in kinds
        ]
        ids = {t.id for t in finer} | {scope.id}
        below: dict[str, list[Scope]] = {}
        for territory in finer:
            parent = territory.parent_id
            while parent not in ids:
                assert parent is not None  # the community encloses every territory found
                parent = territories.get(parent).parent_id
            below.setdefault(parent, []).append(
                Scope(
                    id=territory.id,
                    name=territory.name,
                    level=kinds[territory.kind],
                    parent_id=parent,
                )
            )
            scope_of[territory.id] = territory.id
        stack = list(reversed(below.get(scope.id, [])))
        while stack:
            finer_scope = stack.pop()
            result.append(finer_scope)
            stack.extend(reversed(below.get(finer_scope.id, [])))
    return tuple(result)


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
        if top.kind in STREET_KINDS:
            scopes.append(Scope(id=top.id, name=top.name, level=ScopeLevel.STREET, parent_id=TOTAL))
            parent = scope_of[top.id] = top.id
            communities = [
                t
                for t in territories.descendants(top.id, day, max_rank=TerritoryKind.VILLAGE.rank)
                if t.kind in COMMUNITY_KINDS
            ]
        else:
            communities = [top] if top.kind in COMMUNITY_KINDS else []
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
