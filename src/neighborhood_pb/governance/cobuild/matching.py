"""Matching a need to resources (供需对接): candidates ranked by an explainable score.

The score is a sum of whole-number parts, each kept in the answer so a worker can say why
one resource ranks above another: the category, the distance in the territory tree (same
grid before same community before same street), the capacity left and the period offered.
Matching suggests; it never commits anything (a project does).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

import attrs

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors.validators import non_negative_int
from neighborhood_pb.governance.cobuild.needs import Need
from neighborhood_pb.governance.cobuild.resources import Resource, ResourceKind
from neighborhood_pb.structure.territory import Territory, TerritoryKind

__all__ = ["Match", "MatchWeights", "Proximity", "TerritoryLineage", "match"]


class TerritoryLineage(Protocol):
    """Answers a territory and its enclosing ones (a ``TerritoryMap`` does)."""

    def get(self, territory_id: str) -> Territory:
        """The territory with this id."""
        ...  # pragma: no cover

    def ancestors(self, territory_id: str) -> Sequence[Territory]:
        """Its enclosing territories, nearest first."""
        ...  # pragma: no cover


_LEVELS = (
    (frozenset({TerritoryKind.GRID}), 3),
    (frozenset({TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE}), 2),
    (frozenset({TerritoryKind.STREET, TerritoryKind.TOWNSHIP}), 1),
)


class Proximity:
    """How close two territories are: 3 same grid, 2 same community, 1 same street, 0 else.

    Territories never move, so each territory's grid, community and street are looked up
    once and kept.
    """

    def __init__(self, territories: TerritoryLineage) -> None:
        """Measure in ``territories``."""
        self._territories = territories
        self._cache: dict[str, tuple[str | None, ...]] = {}

    def _levels(self, territory_id: str) -> tuple[str | None, ...]:
        levels = self._cache.get(territory_id)
        if levels is None:
            chain = (
                self._territories.get(territory_id),
                *self._territories.ancestors(territory_id),
            )
            levels = tuple(
                next((t.id for t in chain if t.kind in kinds), None) for kinds, _ in _LEVELS
            )
            self._cache[territory_id] = levels
        return levels

    def __call__(self, a: str, b: str) -> int:
        """The closeness of ``a`` and ``b`` (the same territory counts as the same grid)."""
        if a == b:
            return _LEVELS[0][1]
        return self.closeness(self._levels(a), b)

    def levels(self, territory_id: str) -> tuple[str | None, ...]:
        """The grid, community and street a territory lies in (``None`` where it has none)."""
        return self._levels(territory_id)

    def closeness(self, levels: tuple[str | None, ...], territory_id: str) -> int:
        """The closeness of the territory with ``levels`` to ``territory_id`` (the hot path
        of :func:`match`: one need's levels against many resources)."""
        other = self._cache.get(territory_id) or self._levels(territory_id)
        for index in range(3):
            mine = levels[index]
            if mine is not None and mine == other[index]:
                return _SCORES[index]
        return 0


_SCORES = tuple(score for _, score in _LEVELS)


@attrs.frozen(kw_only=True)
class MatchWeights:
    """How much each part of the score weighs (匹配权重): whole numbers, library defaults.

    Attributes:
        category: Per point of category (2 the need's category, 1 a resource for any need).
        distance: Per point of closeness (3 same grid … 0 another street).
        period: Per point of period (2 offered on the day, 1 offered from a later day).
    """

    category: int = attrs.field(default=10, validator=non_negative_int())
    distance: int = attrs.field(default=3, validator=non_negative_int())
    period: int = attrs.field(default=1, validator=non_negative_int())


@attrs.frozen(kw_only=True)
class Match:
    """A candidate resource for a need, with the parts of its score (匹配结果).

    Attributes:
        need_id: The need.
        resource_id: The resource.
        category: 2 it serves the need's category, 1 it serves any need.
        distance: 3 same grid, 2 same community, 1 same street, 0 farther.
        capacity_left: Its capacity not yet committed (a candidate has some; more ranks
            first among equal scores).
        period: 2 offered on the day, 1 offered from a later day.
        score: The weighted sum of the parts.
    """

    need_id: str
    resource_id: str
    category: int
    distance: int
    capacity_left: int
    period: int
    score: int

    def explain(self) -> dict[str, int]:
        """The parts of the score, by name."""
        return {
            "category": self.category,
            "distance": self.distance,
            "capacity_left": self.capacity_left,
            "period": self.period,
            "score": self.score,
        }


def match(
    need: Need,
    resources: Iterable[Resource],
    territories: TerritoryLineage | Proximity,
    on: _dt.date | str,
    *,
    committed: Mapping[str, int] | None = None,
    weights: MatchWeights | None = None,
    limit: int | None = None,
) -> tuple[Match, ...]:
    """The resources that could serve ``need`` on ``on``, best first.

    A resource is a candidate when it serves the need's category (or any need), is offered
    on ``on`` or later, and has the need's quantity left (a fund: any money left). Ties break
    on capacity left, then on the id, so the ranking is the same on every run.

    Args:
        need: The need.
        resources: The resources to consider.
        territories: The territory tree (or a :class:`Proximity` built on it, to reuse).
        on: The day of the match.
        committed: Capacity already committed, by resource (default: none).
        weights: The weights of the parts (default :class:`MatchWeights`).
        limit: At most this many candidates.
    """
    day = as_date(on, "on")
    weigh = weights or MatchWeights()
    near = territories if isinstance(territories, Proximity) else Proximity(territories)
    used = committed or {}
    mine = near.levels(need.territory_id)
    found = []
    for resource in resources:
        if resource.categories and need.category not in resource.categories:
            continue
        if not resource.period.runs_past(day):
            continue
        left = resource.capacity - used.get(resource.id, 0)
        if left < (1 if resource.kind is ResourceKind.FUND else need.quantity):
            continue
        category = 2 if resource.categories else 1
        where = resource.territory_id
        distance = _SCORES[0] if where == need.territory_id else near.closeness(mine, where)
        period = 2 if resource.period.contains(day) else 1
        score = weigh.category * category + weigh.distance * distance + weigh.period * period
        found.append(
            Match(
                need_id=need.id,
                resource_id=resource.id,
                category=category,
                distance=distance,
                capacity_left=left,
                period=period,
                score=score,
            )
        )
    found.sort(key=lambda m: (-m.score, -m.capacity_left, m.resource_id))
    return tuple(found if limit is None else found[:limit])
