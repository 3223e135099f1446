"""The territory aggregate: nested territories with their history and indices."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import NoReturn

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
_RANK = {kind: kind.rank for kind in TerritoryKind}
_NO_RUN = object()
"""No run of siblings yet (unlike ``None``, the parent of top territories)."""


def _refuse_nesting(parent: Territory, territory: Territory) -> NoReturn:
    """Raise the nesting error: a parent must be larger and outlive its child."""
    if _RANK[parent.kind] >= _RANK[territory.kind]:
        raise RuleViolationError(
            f"territory {territory.id} ({territory.kind.label_zh}) cannot lie inside "
            f"{parent.id} ({parent.kind.label_zh})",
            subject=territory.id,
            rule="territory.nesting",
        )
    raise RuleViolationError(
        f"territory {territory.id} exists {territory.period} outside its parent "
        f"{parent.id} {parent.period}",
        subject=territory.id,
        rule="territory.nesting",
    )


def _no_territory(territory_id: str) -> UnknownRecordError:
    """The error for a territory id that names no territory."""
    return UnknownRecordError(
        f"no territory {territory_id}", subject=territory_id, rule="reference.exists"
    )


def _check_grid_code(
    by_id: dict[str, Territory], grids: dict[str, list[str]], territory: Territory
) -> None:
    """Grid codes (网格编码) are unique among grids that exist at the same time; records it."""
    code = territory.code
    assert code is not None  # guaranteed by Territory
    for other_id in grids.get(code, ()):
        if by_id[other_id].period.overlaps(territory.period):
            raise ConflictError(
                f"grid {territory.id} reuses grid code {code} of {other_id}",
                subject=territory.id,
                rule="grid.code_unique",
            )
    grids.setdefault(code, []).append(territory.id)


class TerritoryMap:
    """Territories street → community → grid → compound → building → unit → household.

    Invariants: every parent exists and outlives its children; a parent is of a larger kind
    than its child; grid codes are unique among grids that exist at the same time. Commands
    validate completely before changing anything.
    """

    __slots__ = ("_by_id", "_children", "_end_guards", "_grids_by_code")

    def __init__(self) -> None:
        self._by_id: dict[str, Territory] = {}
        # Children as records, not ids: a pass over the whole area reaches each territory
        # without a look-up by id (most of a city is households, visited by the million).
        self._children: dict[str | None, list[Territory]] = {}
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
        self.add_all((territory,))

    def add_all(self, territories: Iterable[Territory]) -> None:
        """Add territories in order (parents before children), each checked as :meth:`add`.

        All or nothing: if one is refused, those added before it are taken out again.

        Raises:
            NeighborhoodPBError: as :meth:`add`, for the first territory refused.
        """
        by_id, children, grids = self._by_id, self._children, self._grids_by_code
        ranks, grid, before = _RANK, _GRID, len(by_id)
        # A bulk load comes in runs of siblings sharing their parent, kind and period object
        # (every household of a unit): the nesting rule is checked once per run, and the
        # run's sibling list is kept at hand instead of being looked up again per territory.
        last_parent: object = _NO_RUN
        last_kind: object = None
        last_period: object = None
        run_parent: object = _NO_RUN
        run: list[Territory] = []
        # One probe of the (city-sized) index per territory, not a look-up and then a store:
        # past the processor's cache each probe is a miss to memory. The id is stored at once
        # (``pending`` until linked to its parent) and taken out again if it is refused.
        store, stored = by_id.setdefault, before
        pending: Territory | None = None
        try:
            for territory in territories:
                tid, parent_id, kind = territory.id, territory.parent_id, territory.kind
                store(tid, territory)
                stored += 1
                if len(by_id) != stored:
                    raise ConflictError(
                        f"territory {tid} already exists", subject=tid, rule="id.unique"
                    )
                pending = territory
                if parent_id is not None:
                    period = territory.period
                    if (
                        period is not last_period
                        or kind is not last_kind
                        or (parent_id != last_parent)
                    ):
                        parent = by_id.get(parent_id)
                        if parent is None:  # (a territory is never its own parent)
                            raise _no_territory(parent_id)
                        outer = parent.period
                        if ranks[parent.kind] >= ranks[kind] or not period.within_span(
                            outer.start, outer.end
                        ):
                            _refuse_nesting(parent, territory)
                        last_parent, last_kind, last_period = parent_id, kind, period
                if kind is grid:
                    _check_grid_code(by_id, grids, territory)
                # No new list per territory (as ``setdefault(key, [])`` would make): a bulk
                # load then allocates no container per record and the collector stays idle.
                if parent_id == run_parent:
                    run.append(territory)
                    pending = None
                    continue
                siblings = children.get(parent_id)
                if siblings is None:
                    siblings = children[parent_id] = [territory]
                else:
                    siblings.append(territory)
                run_parent, run, pending = parent_id, siblings, None
        except BaseException:
            if pending is not None:
                del by_id[pending.id]
            self._take_out(list(by_id.values())[before:])
            raise

    def _take_out(self, added: list[Territory]) -> None:
        """Take out the territories just added, latest first (each is the last of its lists)."""
        for territory in reversed(added):
            del self._by_id[territory.id]
            siblings = self._children[territory.parent_id]
            siblings.pop()
            if not siblings:
                del self._children[territory.parent_id]
            if territory.kind is _GRID:
                assert territory.code is not None  # guaranteed by Territory
                grids = self._grids_by_code[territory.code]
                grids.pop()
                if not grids:
                    del self._grids_by_code[territory.code]

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
        for child in self._children.get(territory_id, ()):
            if child.period.end is None or child.period.end > day:
                raise RuleViolationError(
                    f"territory {territory_id} still contains {child.id} after {day}",
                    subject=territory_id,
                    rule="territory.nesting",
                )
        ended = attrs.evolve(current, period=current.period.ended_on(day))
        self._by_id[territory_id] = ended
        siblings = self._children[current.parent_id]
        for index, sibling in enumerate(siblings):
            if sibling is current:
                siblings[index] = ended
                break
        return ended

    # -- queries ----------------------------------------------------------------------------

    @property
    def by_id(self) -> Mapping[str, Territory]:
        """A read-only view of every territory by id, whatever its period (for fast passes)."""
        return MappingProxyType(self._by_id)

    def get(self, territory_id: str) -> Territory:
        """The territory with this id, whatever its period.

        Raises:
            UnknownRecordError: no such territory.
        """
        try:
            return self._by_id[territory_id]
        except KeyError:
            raise _no_territory(territory_id) from None

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
        return tuple(t for t in self._children.get(territory_id, ()) if t.period.contains(on))

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
        children = self._children
        while stack:
            for child in children.get(stack.pop(), ()):
                if not child.period.contains(on):
                    continue
                if max_rank is not None and child.kind.rank > max_rank:
                    continue
                yield child
                stack.append(child.id)

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
        """Ids of every territory ever directly inside ``territory_id``, past ones included
        (a whole-area pass reads :meth:`child_records` instead)."""
        children = self._children.get(territory_id)
        return () if children is None else [child.id for child in children]

    def child_records(self, territory_id: str | None) -> Sequence[Territory]:
        """Every territory ever directly inside ``territory_id`` (``None``: the top ones),
        past ones included, each as its current record.

        The cheapest form of :meth:`children` for whole-area passes: no look-up by id; filter
        by period yourself.
        """
        return self._children.get(territory_id, ())
