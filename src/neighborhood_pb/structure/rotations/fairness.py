"""Fairness of a rotation (轮值公平): counts per person, and checks returning findings.

Within one order (between two edits of the order), the turns of the people eligible for every
turn in a stretch differ by at most one, whatever the stretch: the turn passes round the
order and never jumps over anyone eligible. A swap keeps the turn its owner's (it is an
exchange by agreement); an override covering more than half of a term moves that turn to the
substitute, so repeated cover by one person shows up as unfair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.structure.rotations.plan import RotationPlan, Segment
from neighborhood_pb.structure.rotations.records import TermOrigin
from neighborhood_pb.structure.rotations.roster import closed_horizon

__all__ = [
    "ROTATION_CHECKS",
    "DutyCount",
    "FairnessReport",
    "HasPlan",
    "RotationCheck",
    "check_fairness",
    "check_vacancies",
    "fairness_report",
    "run_rotation_checks",
]

FAIRNESS_RULE = "rotation.fairness: 同一轮值顺序中，全程有资格者的轮值次数相差不超过1"
VACANCY_RULE = "rotation.coverage: 每一天都应有人轮值"


class HasPlan(Protocol):
    """A rotation aggregate (duty rotation or rotating chair)."""

    @property
    def id(self) -> str: ...

    @property
    def plan(self) -> RotationPlan: ...


@attrs.frozen(kw_only=True)
class DutyCount:
    """One person's share of a rotation over a period.

    Attributes:
        person_id: The person.
        turns: Turns counted as theirs (see the module docstring), for terms starting in the
            period.
        terms: Terms starting in the period that they hold after swaps.
        days: Days in the period they are on duty (substitute days included).
        substitute_days: Days in the period they are on duty as a substitute.
    """

    person_id: str
    turns: int = 0
    terms: int = 0
    days: int = 0
    substitute_days: int = 0


def _counts(value: Iterable[DutyCount]) -> tuple[DutyCount, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class FairnessReport:
    """Counts per person over a period, everyone in an order in force then included.

    Attributes:
        rotation_id: The rotation.
        period: The period counted.
        counts: One entry per person, by person id.
    """

    rotation_id: str
    period: Period
    counts: tuple[DutyCount, ...] = attrs.field(converter=_counts)

    def count(self, person_id: str) -> DutyCount:
        """The entry of ``person_id`` (zeros if absent)."""
        for entry in self.counts:
            if entry.person_id == person_id:
                return entry
        return DutyCount(person_id=person_id)


def _starts_in(plan: RotationPlan, index: int, start: pendulum.Date, end: pendulum.Date) -> bool:
    return start <= plan.slots.start(index) < end


def _segments_in(plan: RotationPlan, start: pendulum.Date, end: pendulum.Date) -> Iterator[Segment]:
    slots = plan.slot_range(start, end)
    for segment in plan.segments:
        if segment.first_slot < slots.stop and slots.start < segment.end_slot:
            yield segment


def fairness_report(rotation: HasPlan, horizon: Period) -> FairnessReport:
    """Turns, terms and days per person over ``horizon``.

    Raises:
        InvalidRecordError: the horizon is open.
    """
    plan, end = rotation.plan, closed_horizon(horizon)
    people = {p for segment in _segments_in(plan, horizon.start, end) for p in segment.order}
    tally: dict[str, dict[str, int]] = {}

    def add(person_id: str, key: str, amount: int) -> None:
        people.add(person_id)
        entry = tally.setdefault(person_id, {})
        entry[key] = entry.get(key, 0) + amount

    for index in plan.slot_range(horizon.start, end):
        if _starts_in(plan, index, horizon.start, end):
            owner = plan.credited(index)
            if owner is not None:
                add(owner, "turns", 1)
            holder, _, _ = plan.holder(index)
            if holder is not None:
                add(holder, "terms", 1)
        for piece in plan.pieces(index):
            if piece.person_id is None:
                continue
            days = (min(piece.period.end or end, end) - max(piece.period.start, horizon.start)).days
            if days > 0:
                add(piece.person_id, "days", days)
                if piece.origin is TermOrigin.OVERRIDE:
                    add(piece.person_id, "substitute_days", days)
    counts = (DutyCount(person_id=p, **tally.get(p, {})) for p in sorted(people))
    return FairnessReport(rotation_id=rotation.id, period=horizon, counts=counts)


def check_fairness(rotation: HasPlan, horizon: Period) -> tuple[Finding, ...]:
    """Findings where turns among people eligible throughout differ by more than one.

    Each stretch of ``horizon`` with one order is judged on the terms starting in it.

    Raises:
        InvalidRecordError: the horizon is open.
    """
    plan, end = rotation.plan, closed_horizon(horizon)
    found: list[Finding] = []
    span = plan.slot_range(horizon.start, end)
    for segment in _segments_in(plan, horizon.start, end):
        first = max(segment.first_slot, span.start)
        if not _starts_in(plan, first, horizon.start, end):
            first += 1
        stop = min(segment.end_slot, span.stop)
        if first >= stop:
            continue
        steady = [
            p
            for p in segment.order
            if any(
                lo <= first and stop <= hi for lo, hi in plan.eligibility.slot_ranges(p, plan.slots)
            )
        ]
        turns = dict.fromkeys(steady, 0)
        for index in range(first, stop):
            owner = plan.credited(index)
            if owner in turns:
                turns[owner] += 1
        if len(turns) < 2:
            continue
        low = min(turns, key=lambda p: (turns[p], p))
        high = max(turns, key=lambda p: (turns[p], p))
        if turns[high] - turns[low] > 1:
            stretch = Period(start=plan.slots.start(first), end=plan.slots.end(stop - 1))
            found.append(
                Finding(
                    code="rotation.unfair",
                    severity=Severity.WARNING,
                    subject=rotation.id,
                    message=(
                        f"rotation {rotation.id}: in the turns of {stretch} {high} had "
                        f"{turns[high]} turns but {low} only {turns[low]}, both eligible "
                        "throughout; turns should differ by at most one"
                    ),
                    rule=FAIRNESS_RULE,
                    params={
                        "stretch": str(stretch),
                        "high": high,
                        "high_turns": turns[high],
                        "low": low,
                        "low_turns": turns[low],
                    },
                )
            )
    return tuple(found)


def check_vacancies(rotation: HasPlan, horizon: Period) -> tuple[Finding, ...]:
    """A finding for each stretch of ``horizon`` in the rotation with nobody on duty.

    Raises:
        InvalidRecordError: the horizon is open.
    """
    plan, end = rotation.plan, closed_horizon(horizon)
    found: list[Finding] = []
    for index in plan.slot_range(horizon.start, end):
        for piece in plan.pieces(index):
            if piece.person_id is None and piece.period.overlaps(horizon):
                found.append(
                    Finding(
                        code="rotation.vacant",
                        severity=Severity.WARNING,
                        subject=rotation.id,
                        message=(
                            f"rotation {rotation.id}: nobody is on duty {piece.period} "
                            f"(term {index}); nobody eligible, or the holder's post ended"
                        ),
                        rule=VACANCY_RULE,
                        params={
                            "start": piece.period.start,
                            "end": piece.period.end if piece.period.end is not None else "…",
                            "term": index,
                        },
                    )
                )
    return tuple(found)


RotationCheck = Callable[[HasPlan, Period], Sequence[Finding]]
"""A whole-rotation check over a horizon."""

ROTATION_CHECKS: tuple[RotationCheck, ...] = (check_fairness, check_vacancies)
"""The built-in rotation checks."""


def run_rotation_checks(
    rotation: HasPlan, horizon: Period, checks: Iterable[RotationCheck] = ROTATION_CHECKS
) -> tuple[Finding, ...]:
    """Run ``checks`` over ``horizon`` and return every finding, errors first."""
    found = [finding for check in checks for finding in check(rotation, horizon)]
    return tuple(sorted(found, key=Finding.sort_key))
