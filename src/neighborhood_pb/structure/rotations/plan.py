"""The compiled plan of a rotation: who holds each slot, derived from its records.

A plan is built from the records in one pass and answers every query by bisection:

* the edit log splits the slots into *segments*, each with one order and the position
  (cursor) it starts from; an edit starts a segment at the first slot on or after its date
  and carries the position over by person;
* within a segment the set of eligible people changes only at a few slots (where an
  eligibility period starts or ends), which splits it into *runs*; within a run the turn
  simply cycles through the eligible people in order, so slot ``k``'s holder is arithmetic;
* swaps and overrides are then laid over the regular holders.

The cursor walks the order cyclically and never passes an eligible person without giving
them the slot, so a skipped person keeps their place and the others keep their order.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure.rotations.eligibility import EligibilityIndex
from neighborhood_pb.structure.rotations.records import (
    DutyOverride,
    Eligibility,
    RotationEdit,
    TermOrigin,
    TermSwap,
    Withdrawal,
)
from neighborhood_pb.structure.rotations.rules import RotationRules
from neighborhood_pb.structure.rotations.slots import FOREVER, MonthSlots, Slots

__all__ = ["Piece", "RotationPlan", "Run", "Segment", "compile_plan"]


@attrs.frozen(kw_only=True)
class Run:
    """Slots ``[start, end)`` of a segment over which the same people are eligible.

    Attributes:
        start: First slot.
        end: Slot after the last (:data:`FOREVER` if unbounded).
        positions: Positions (in the segment's order) of the eligible people.
        offset: Index into ``positions`` of the holder of slot ``start``.
    """

    start: int
    end: int
    positions: tuple[int, ...]
    offset: int

    def position(self, index: int) -> int | None:
        """Position in the order of the holder of slot ``index`` (``None``: nobody)."""
        if not self.positions:
            return None
        return self.positions[(self.offset + index - self.start) % len(self.positions)]


@attrs.frozen(kw_only=True)
class Segment:
    """Slots ``[first_slot, end_slot)`` with one order.

    Attributes:
        first_slot: First slot.
        end_slot: Slot after the last.
        order: Person ids in turn order.
        cursor: Position in ``order`` due at ``first_slot``.
        edit_id: The edit that started the segment (``None`` for the first).
        runs: The runs, in order.
    """

    first_slot: int
    end_slot: int
    order: tuple[str, ...]
    cursor: int
    edit_id: str | None
    runs: tuple[Run, ...]

    def holder(self, index: int) -> str | None:
        """The regular holder of slot ``index`` (which lies in the segment)."""
        at = bisect.bisect_right(self.runs, index, key=lambda r: r.start) - 1
        position = self.runs[at].position(index)
        return None if position is None else self.order[position]


@attrs.frozen(kw_only=True)
class Piece:
    """A stretch of one slot with one person on duty (or nobody)."""

    period: Period
    person_id: str | None
    origin: TermOrigin
    source_id: str | None


def _walk(
    order: tuple[str, ...],
    cursor: int,
    first: int,
    end: int,
    ranges: Sequence[list[tuple[int, int]]],
) -> tuple[tuple[Run, ...], int]:
    """Runs of slots ``[first, end)`` and the cursor due at ``end``."""
    if first >= end:
        return (), cursor
    cuts = {first}
    for person_ranges in ranges:
        for lo, hi in person_ranges:
            cuts.update(b for b in (lo, hi) if first < b < end)
    starts = sorted(cuts)
    runs: list[Run] = []
    for at, start in enumerate(starts):
        stop = starts[at + 1] if at + 1 < len(starts) else end
        positions = tuple(
            p
            for p, person_ranges in enumerate(ranges)
            if any(lo <= start < hi for lo, hi in person_ranges)
        )
        offset = 0
        if positions:
            offset = bisect.bisect_left(positions, cursor) % len(positions)
            if stop != FOREVER:
                last = positions[(offset + stop - start - 1) % len(positions)]
                cursor = (last + 1) % len(order)
        runs.append(Run(start=start, end=stop, positions=positions, offset=offset))
    return tuple(runs), cursor


def _carry(cursor: int, old: tuple[str, ...], new: tuple[str, ...]) -> int:
    """Position in ``new`` of the first person due under ``old`` who is still in ``new``."""
    places = {person_id: at for at, person_id in enumerate(new)}
    for step in range(len(old)):
        place = places.get(old[(cursor + step) % len(old)])
        if place is not None:
            return place
    return 0


class RotationPlan:
    """Who holds each slot of a rotation, and who is on duty on each day."""

    def __init__(
        self,
        *,
        rotation_id: str,
        slots: Slots,
        segments: tuple[Segment, ...],
        eligibility: EligibilityIndex,
    ) -> None:
        self.rotation_id = rotation_id
        self.slots = slots
        self.segments = segments
        self.eligibility = eligibility
        self.swapped: dict[int, tuple[str, str]] = {}
        self.overrides: dict[int, list[DutyOverride]] = {}

    def segment(self, index: int) -> Segment:
        """The segment slot ``index`` lies in."""
        at = bisect.bisect_right(self.segments, index, key=lambda s: s.first_slot) - 1
        return self.segments[at]

    def regular_holder(self, index: int) -> str | None:
        """Whose turn slot ``index`` is (before swaps and overrides); ``None``: nobody's."""
        return self.segment(index).holder(index)

    def holder(self, index: int) -> tuple[str | None, TermOrigin, str | None]:
        """Who holds slot ``index`` after swaps, how, and by which swap."""
        swapped = self.swapped.get(index)
        if swapped is not None:
            return swapped[0], TermOrigin.SWAP, swapped[1]
        return self.regular_holder(index), TermOrigin.REGULAR, None

    def _cut(
        self, person_id: str | None, start: pendulum.Date, end: pendulum.Date
    ) -> pendulum.Date:
        """Day the holder stops being on duty in a slot: its end, or their post's end."""
        if person_id is None:
            return start
        until = self.eligibility.until(person_id, start)
        return end if until is None else min(until, end)

    def pieces(self, index: int) -> tuple[Piece, ...]:
        """Slot ``index`` cut where an override starts or ends or the holder's post ends."""
        start, end = self.slots.start(index), self.slots.end(index)
        person_id, origin, source_id = self.holder(index)
        cut = self._cut(person_id, start, end)
        overrides = self.overrides.get(index, [])
        bounds = {start, end, cut}
        for override in overrides:
            bounds.add(override.period.start)
            bounds.add(override.period.end or end)
        pieces: list[Piece] = []
        for a, b in itertools.pairwise(sorted(bounds)):
            who: tuple[str | None, TermOrigin, str | None]
            cover = next((o for o in overrides if o.period.contains(a)), None)
            if cover is not None:
                who = (cover.substitute_id, TermOrigin.OVERRIDE, cover.id)
            elif a < cut:
                who = (person_id, origin, source_id)
            else:
                who = (None, TermOrigin.REGULAR, None)
            last = pieces[-1] if pieces else None
            if last is not None and (last.person_id, last.origin, last.source_id) == who:
                pieces[-1] = attrs.evolve(last, period=Period(start=last.period.start, end=b))
            else:
                pieces.append(
                    Piece(
                        period=Period(start=a, end=b),
                        person_id=who[0],
                        origin=who[1],
                        source_id=who[2],
                    )
                )
        return tuple(pieces)

    def on_duty(self, day: pendulum.Date) -> str | None:
        """Who is on duty on ``day`` (``None``: nobody, or outside the rotation)."""
        index = self.slots.index_on(day)
        if index is None:
            return None
        for override in self.overrides.get(index, ()):
            if override.period.contains(day):
                return override.substitute_id
        person_id, _, _ = self.holder(index)
        start = self.slots.start(index)
        return person_id if day < self._cut(person_id, start, self.slots.end(index)) else None

    def slot_range(self, start: pendulum.Date, end: pendulum.Date) -> range:
        """Slots overlapping the days ``[start, end)``."""
        first = self.slots.index_on(start)
        if first is None:
            first = self.slots.first_at_or_after(start)
        return range(first, self.slots.first_at_or_after(end))

    def credited(self, index: int) -> str | None:
        """Whose turn slot ``index`` counts as, for fairness.

        The turn is its regular holder's (a swap is an exchange by agreement), unless one
        substitute covered more than half of its days: then it counts as theirs.
        """
        days: dict[str, int] = {}
        for override in self.overrides.get(index, ()):
            days[override.substitute_id] = (
                days.get(override.substitute_id, 0) + override.period.days()
            )
        length = (self.slots.end(index) - self.slots.start(index)).days
        for substitute_id, covered in days.items():
            if 2 * covered > length:
                return substitute_id
        return self.regular_holder(index)


def _check_ids(
    rotation_id: str,
    groups: Iterable[Iterable[RotationEdit | TermSwap | DutyOverride | Withdrawal]],
) -> None:
    seen: set[str] = {rotation_id}
    for group in groups:
        for record in group:
            if record.id in seen:
                raise ConflictError(
                    f"{type(record).__name__} {record.id}: the id is already used in rotation "
                    f"{rotation_id}",
                    subject=record.id,
                    rule="id.unique",
                )
            seen.add(record.id)


def _withdrawn(
    withdrawals: Sequence[Withdrawal], swaps: Sequence[TermSwap], overrides: Sequence[DutyOverride]
) -> set[str]:
    targets = {s.id for s in swaps} | {o.id for o in overrides}
    withdrawn: set[str] = set()
    for withdrawal in withdrawals:
        if withdrawal.record_id not in targets:
            raise UnknownRecordError(
                f"withdrawal {withdrawal.id}: there is no swap or override {withdrawal.record_id}",
                subject=withdrawal.id,
                rule="withdraw.target",
            )
        if withdrawal.record_id in withdrawn:
            raise ConflictError(
                f"withdrawal {withdrawal.id}: {withdrawal.record_id} is already withdrawn",
                subject=withdrawal.id,
                rule="withdraw.once",
            )
        withdrawn.add(withdrawal.record_id)
    return withdrawn


def _check_known(order: tuple[str, ...], index: EligibilityIndex, subject: str) -> None:
    for person_id in order:
        if person_id not in index:
            raise UnknownRecordError(
                f"{subject}: {person_id} is in the order but has no eligibility on the roster",
                subject=subject,
                rule="roster.known",
            )


def _segments(
    *,
    rotation_id: str,
    order: tuple[str, ...],
    slots: Slots,
    index: EligibilityIndex,
    edits: Sequence[RotationEdit],
    rules: RotationRules | None,
) -> tuple[Slots, tuple[Segment, ...]]:
    _check_known(order, index, rotation_id)
    segments: list[Segment] = []
    first, cursor, edit_id = 0, 0, None

    def close(end: int) -> int:
        ranges = [index.slot_ranges(p, slots) for p in order]
        runs, due = _walk(order, cursor, first, end, ranges)
        segments.append(
            Segment(
                first_slot=first,
                end_slot=end,
                order=order,
                cursor=cursor,
                edit_id=edit_id,
                runs=runs,
            )
        )
        return due

    for edit in sorted(edits, key=lambda e: e.effective_from):
        if edit.order is not None:
            _check_known(edit.order, index, edit.id)
        at = slots.first_at_or_after(edit.effective_from)
        due = close(at) if at > first else cursor
        new_order = order if edit.order is None else edit.order
        first, cursor, order, edit_id = at, _carry(due, order, new_order), new_order, edit.id
        if edit.term_months is not None:
            if not isinstance(slots, MonthSlots) or rules is None:
                raise RuleViolationError(
                    f"edit {edit.id}: this rotation goes by meetings and has no term length",
                    subject=edit.id,
                    rule="chair.no_term_length",
                )
            rules.check_term_months(edit.term_months, subject=edit.id)
            slots = slots.with_term_months_from(at, edit.term_months)
    close(slots.count)
    return slots, tuple(segments)


def _lay_swaps(plan: RotationPlan, swaps: Iterable[TermSwap]) -> None:
    for swap in swaps:
        sides = (
            (swap.first_start, swap.first_person, swap.second_person),
            (swap.second_start, swap.second_person, swap.first_person),
        )
        for start, person_id, other_id in sides:
            index = plan.slots.index_on(start)
            if index is None or plan.slots.start(index) != start:
                raise RuleViolationError(
                    f"swap {swap.id}: no term starts on {start}",
                    subject=swap.id,
                    rule="swap.term_start",
                )
            holder = plan.regular_holder(index)
            if holder != person_id:
                raise RuleViolationError(
                    f"swap {swap.id}: the term from {start} is {holder or 'nobody'}'s turn, "
                    f"not {person_id}'s",
                    subject=swap.id,
                    rule="swap.holder",
                )
            if index in plan.swapped:
                raise ConflictError(
                    f"swap {swap.id}: the term from {start} is already swapped by "
                    f"{plan.swapped[index][1]}",
                    subject=swap.id,
                    rule="swap.once",
                )
            if not plan.eligibility.eligible_on(other_id, start):
                raise RuleViolationError(
                    f"swap {swap.id}: {other_id} is not eligible on {start} to take that term",
                    subject=swap.id,
                    rule="swap.eligible",
                )
            plan.swapped[index] = (other_id, swap.id)


def _lay_overrides(plan: RotationPlan, overrides: Iterable[DutyOverride]) -> None:
    for override in overrides:
        period = override.period
        index = plan.slots.index_on(period.start)
        if index is None or period.end is None or period.end > plan.slots.end(index):
            raise RuleViolationError(
                f"override {override.id}: {period} does not lie within one term",
                subject=override.id,
                rule="override.within_term",
            )
        holder, _, _ = plan.holder(index)
        if holder != override.absent_id:
            raise RuleViolationError(
                f"override {override.id}: the term from {plan.slots.start(index)} is held by "
                f"{holder or 'nobody'}, not {override.absent_id or 'nobody'}",
                subject=override.id,
                rule="override.absent_holder",
            )
        if not plan.eligibility.covers(override.substitute_id, period):
            raise RuleViolationError(
                f"override {override.id}: {override.substitute_id} is not eligible "
                f"throughout {period}",
                subject=override.id,
                rule="override.eligible",
            )
        same_term = plan.overrides.setdefault(index, [])
        for other in same_term:
            if other.period.overlaps(period):
                raise ConflictError(
                    f"override {override.id}: {period} overlaps override {other.id}",
                    subject=override.id,
                    rule="override.no_overlap",
                )
        same_term.append(override)
        same_term.sort(key=lambda o: o.period.start)


def compile_plan(
    *,
    rotation_id: str,
    order: tuple[str, ...],
    slots: Slots,
    eligibility: Iterable[Eligibility],
    edits: Sequence[RotationEdit] = (),
    swaps: Sequence[TermSwap] = (),
    overrides: Sequence[DutyOverride] = (),
    withdrawals: Sequence[Withdrawal] = (),
    rules: RotationRules | None = None,
) -> RotationPlan:
    """Validate a rotation's records together and build its plan.

    Args:
        rotation_id: The rotation (for messages and the terms).
        order: The first order.
        slots: The slots before any edit of the term length.
        eligibility: Who may serve when.
        edits: The edit log; applied in order of date, ties in the order given.
        swaps: Swaps (withdrawn ones included).
        overrides: Overrides (withdrawn ones included).
        withdrawals: Withdrawals of swaps and overrides.
        rules: Bounds on the term length; ``None`` for a rotation by meetings.

    Raises:
        NeighborhoodPBError: the first record that breaks a rule, named with the rule.
    """
    _check_ids(rotation_id, (edits, swaps, overrides, withdrawals))
    index = EligibilityIndex(eligibility)
    withdrawn = _withdrawn(withdrawals, swaps, overrides)
    slots, segments = _segments(
        rotation_id=rotation_id, order=order, slots=slots, index=index, edits=edits, rules=rules
    )
    plan = RotationPlan(rotation_id=rotation_id, slots=slots, segments=segments, eligibility=index)
    _lay_swaps(plan, (s for s in swaps if s.id not in withdrawn))
    _lay_overrides(plan, (o for o in overrides if o.id not in withdrawn))
    return plan
