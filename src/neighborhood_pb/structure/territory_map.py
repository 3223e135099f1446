"""The territory aggregate: nested territories with their history and indices."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import (
    ConflictError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure.territory import Territory, TerritoryKind

__all__ = ["TerritoryMap"]

_GRID = TerritoryKind.GRID


class TerritoryMap:
    """Territories street → community → grid → compound → building → unit → household.

    Invariants: every parent exists and outlives its children; a parent is of a larger kind
    than its child; grid codes are unique among grids that exist at the same time. Commands
    validate completely before changing anything.
    """

    __slots__ = ("_by_id", "_children", "_end_guards", "_grids_by_code")

    def __init__(self) -> None:
        self._by_id: dict[str, Territory] = {}
        self._children: dict[str | None, list[str]] = {}
        self._grids_by_code: dict[str, list[str]] = {}
        self._end_guards: list[Callable[[str, pendulum.Date], None]] = []

    def guard_end(self, check: Callable[[str, pendulum.Date], None]) -> None:
        """Run ``check(territory_id, day)`` before any territory is ended.

        An aggregate that refers to territories (an org tree's coverage and reports) vetoes
        ending one it still uses by raising; the map then stays as it was.
        """
        self._end_guards.append(check)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, territory_id: object) -> bool:
        return territory_id in self._by_id

    def __iter__(self) -> Iterator[Territory]:
        return iter(self._by_id.values())

    # -- commands ---------------------------------------------------------------------------

    def add(self, territory: Territory) -> None:
        """Add a territory.

        Raises:
            ConflictError: the id is taken, or another grid has the same code meanwhile.
            UnknownRecordError: the parent does not exist.
            RuleViolationError: the parent is not larger, or does not exist for the whole
                period of the child.
        """
        if territory.id in self._by_id:
            raise ConflictError(
                f"territory {territory.id} already exists", subject=territory.id, rule="id.unique"
            )
        if territory.parent_id is not None:
            parent = self.get(territory.parent_id)
            if parent.kind.rank >= territory.kind.rank:
                raise RuleViolationError(
                    f"territory {territory.id} ({territory.kind.label_zh}) cannot lie inside "
                    f"{parent.id} ({parent.kind.label_zh})",
                    subject=territory.id,
                    rule="territory.nesting",
                )
            if not territory.period.within_span(parent.period.start, parent.period.end):
                raise RuleViolationError(
                    f"territory {territory.id} exists {territory.period} outside its parent "
                    f"{parent.id} {parent.period}",
                    subject=territory.id,
                    rule="territory.nesting",
                )
        if territory.kind is _GRID:
            assert territory.code is not None  # guaranteed by Territory
            for other_id in self._grids_by_code.get(territory.code, ()):
                if self._by_id[other_id].period.overlaps(territory.period):
                    raise ConflictError(
                        f"grid {territory.id} reuses grid code {territory.code} of {other_id}",
                        subject=territory.id,
                        rule="grid.code_unique",
                    )
        self._insert(territory)

    def end(self, territory_id: str, on: _dt.date | str) -> Territory:
        """End a territory on ``on`` (e.g. a demolished building). Returns the ended record.

        Raises:
            UnknownRecordError: no such territory.
            RuleViolationError: it is already ended by then, or a child outlives it.
            NeighborhoodPBError: a guard (see :meth:`guard_end`) refuses.
        """
        day = as_date(on, "on")
        for check in self._end_guards:
            check(territory_id, day)
        current = self.get(territory_id)
        if current.period.end is not None or day <= current.period.start:
            raise RuleViolationError(
                f"territory {territory_id} {current.period} cannot end on {day}",
                subject=territory_id,
                rule="history.end_dated",
            )
        for child_id in self._children.get(territory_id, ()):
            child = self._by_id[child_id]
            if child.period.end is None or child.period.end > day:
                raise RuleViolationError(
                    f"territory {territory_id} still contains {child_id} after {day}",
                    subject=territory_id,
                    rule="territory.nesting",
                )
        ended = attrs.evolve(current, period=current.period.ended_on(day))
        self._by_id[territory_id] = ended
        return ended

    def _insert(self, territory: Territory) -> None:
        self._by_id[territory.id] = territory
        self._children.setdefault(territory.parent_id, []).append(territory.id)
        if territory.code is not None and territory.kind is _GRID:
            self._grids_by_code.setdefault(territory.code, []).append(territory.id)

    # -- queries ----------------------------------------------------------------------------

    def get(self, territory_id: str) -> Territory:
        """The territory with this id, whatever its period.

        Raises:
            UnknownRecordError: no such territory.
        """
        try:
            return self._by_id[territory_id]
        except KeyError:
            raise UnknownRecordError(
                f"no territory {territory_id}", subject=territory_id, rule="reference.exists"
            ) from None

    def at(self, territory_id: str, on: _dt.date | str) -> Territory:
        """The territory, which must exist on ``on``.

        Raises:
            UnknownRecordError: no such territory on that day.
        """
        on = as_date(on, "on")
        territory = self.get(territory_id)
        if not territory.period.contains(on):
            raise UnknownRecordError(
                f"territory {territory_id} does not exist on {on} (it exists {territory.period})",
                subject=territory_id,
                rule="reference.exists",
            )
        return territory

    def children(self, territory_id: str | None, on: _dt.date | str) -> tuple[Territory, ...]:
        """Territories directly inside ``territory_id`` (``None``: the top ones) on ``on``."""
        on = as_date(on, "on")
        by_id = self._by_id
        return tuple(
            t
            for t in (by_id[c] for c in self._children.get(territory_id, ()))
            if t.period.contains(on)
        )

    def ancestors(self, territory_id: str) -> tuple[Territory, ...]:
        """Enclosing territories, nearest first (territories never move)."""
        result = []
        parent_id = self.get(territory_id).parent_id
        while parent_id is not None:
            parent = self._by_id[parent_id]
            result.append(parent)
            parent_id = parent.parent_id
        return tuple(result)

    def descendants(
        self, territory_id: str, on: _dt.date | str, *, max_rank: int | None = None
    ) -> Iterator[Territory]:
        """Territories inside ``territory_id`` on ``on``, depth first.

        Args:
            territory_id: Where to start (not itself yielded).
            on: The day.
            max_rank: Do not descend below kinds of this rank (e.g. stop at grids).
        """
        return self._descendants(territory_id, as_date(on, "on"), max_rank)

    def _descendants(
        self, territory_id: str, on: pendulum.Date, max_rank: int | None
    ) -> Iterator[Territory]:
        stack = [territory_id]
        by_id, children = self._by_id, self._children
        while stack:
            for child_id in children.get(stack.pop(), ()):
                child = by_id[child_id]
                if not child.period.contains(on):
                    continue
                if max_rank is not None and child.kind.rank > max_rank:
                    continue
                yield child
                stack.append(child_id)

    def grid_by_code(self, code: str, on: _dt.date | str) -> Territory:
        """The grid with this code (网格编码) on ``on``.

        Raises:
            UnknownRecordError: no grid has that code on that day.
        """
        on = as_date(on, "on")
        for grid_id in self._grids_by_code.get(code, ()):
            grid = self._by_id[grid_id]
            if grid.period.contains(on):
                return grid
        raise UnknownRecordError(f"no grid with code {code} on {on}", rule="reference.exists")

    def count_by_kind(self, on: _dt.date | str) -> dict[TerritoryKind, int]:
        """How many territories of each kind exist on ``on``."""
        on = as_date(on, "on")
        counts = dict.fromkeys(TerritoryKind, 0)
        for territory in self._by_id.values():
            if territory.period.contains(on):
                counts[territory.kind] += 1
        return counts

    def child_ids(self, territory_id: str | None) -> Sequence[str]:
        """Ids of every territory ever directly inside ``territory_id``, past ones included.

        The cheap form of :meth:`children` for whole-area passes: filter by period yourself.
        """
        return self._children.get(territory_id, ())
