"""The duty roster against a naive model that recomputes everything from the edit log.

The model walks the terms one by one from the anchor, applying each edit when its date is
reached, and decides who is on duty day by day. It shares no code with the aggregate: it
checks that every command is accepted exactly when the resulting records are valid, that a
rejected command changes nothing, and that the terms match the model's after every step.
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from neighborhood_pb import (
    YONGCHUN_DUTY_RULES,
    DutyOverride,
    DutyRotation,
    DutyRotationRecords,
    Eligibility,
    RotationEdit,
    TermOrigin,
    TermSwap,
    Withdrawal,
)
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.structure import check_fairness
from neighborhood_pb.testing.rotations import days

PEOPLE = ("p0", "p1", "p2", "p3", "p4")
STRANGER = "p9"  # never on the roster
Day = pendulum.Date
Duty = tuple[str | None, TermOrigin, str | None, int]


# == the naive model =========================================================================


def eligible(records: DutyRotationRecords, person: str, day: Day) -> bool:
    return any(e.person_id == person and e.period.contains(day) for e in records.eligibility)


def carry(old: tuple[str, ...], cursor: int, new: tuple[str, ...]) -> int:
    for step in range(len(old)):
        person = old[(cursor + step) % len(old)]
        if person in new:
            return new.index(person)
    return 0


@attrs.frozen
class Term:
    start: Day
    end: Day
    holder: str | None


def terms(records: DutyRotationRecords, until: Day) -> list[Term]:
    """Terms starting before ``until``, walked one by one from the anchor."""
    setup = records.setup
    order, months, offset, cursor = setup.order, setup.term_months, 0, 0
    pending = sorted(records.edits, key=lambda e: e.effective_from)
    found: list[Term] = []
    while (start := setup.anchor.add(months=offset)) < until:
        while pending and pending[0].effective_from <= start:
            edit = pending.pop(0)
            if edit.order is not None:
                cursor, order = carry(order, cursor, edit.order), edit.order
            if edit.term_months is not None:
                months = edit.term_months
        holder = None
        for step in range(len(order)):
            person = order[(cursor + step) % len(order)]
            if eligible(records, person, start):
                holder, cursor = person, (cursor + step + 1) % len(order)
                break
        found.append(Term(start=start, end=setup.anchor.add(months=offset + months), holder=holder))
        offset += months
    return found


def active(records: DutyRotationRecords) -> tuple[list[TermSwap], list[DutyOverride]]:
    gone = {w.record_id for w in records.withdrawals}
    return (
        [s for s in records.swaps if s.id not in gone],
        [o for o in records.overrides if o.id not in gone],
    )


def reach(records: DutyRotationRecords, horizon_end: Day) -> Day:
    dates = [horizon_end]
    dates += [d for s in records.swaps for d in (s.first_start, s.second_start)]
    dates += [o.period.end for o in records.overrides if o.period.end]
    return max(dates).add(days=1)


def valid(records: DutyRotationRecords, horizon_end: Day) -> bool:
    """Whether the records, taken together, obey every rule."""
    ids = [records.setup.id]
    ids += [r.id for group in (records.edits, records.swaps, records.overrides) for r in group]
    ids += [w.id for w in records.withdrawals]
    if len(ids) != len(set(ids)):
        return False
    low, high = YONGCHUN_DUTY_RULES.min_term_months, YONGCHUN_DUTY_RULES.max_term_months
    lengths = [records.setup.term_months] + [
        e.term_months for e in records.edits if e.term_months is not None
    ]
    if not all(low <= m <= high for m in lengths):
        return False
    periods = records.eligibility
    for i, a in enumerate(periods):
        for b in periods[i + 1 :]:
            if a.person_id == b.person_id and a.period.overlaps(b.period):
                return False
    known = {e.person_id for e in periods}
    orders = [records.setup.order] + [e.order for e in records.edits if e.order is not None]
    if not all(set(order) <= known for order in orders):
        return False
    targets = {s.id for s in records.swaps} | {o.id for o in records.overrides}
    seen: set[str] = set()
    for withdrawal in records.withdrawals:
        if withdrawal.record_id not in targets or withdrawal.record_id in seen:
            return False
        seen.add(withdrawal.record_id)
    walked = terms(records, reach(records, horizon_end))
    swaps, overrides = active(records)
    swapped: dict[int, str] = {}
    for swap in swaps:
        sides = (
            (swap.first_start, swap.first_person, swap.second_person),
            (swap.second_start, swap.second_person, swap.first_person),
        )
        for start, person, other in sides:
            at = next((i for i, t in enumerate(walked) if t.start == start), None)
            if at is None or walked[at].holder != person or at in swapped:
                return False
            if not eligible(records, other, start):
                return False
            swapped[at] = other
    placed: list[tuple[int, DutyOverride]] = []
    for override in overrides:
        period = override.period
        at = next((i for i, t in enumerate(walked) if t.start <= period.start < t.end), None)
        if at is None or period.end is None or period.end > walked[at].end:
            return False
        if swapped.get(at, walked[at].holder) != override.absent_id:
            return False
        day = period.start
        while day < period.end:
            if not eligible(records, override.substitute_id, day):
                return False
            day = day.add(days=1)
        if any(i == at and o.period.overlaps(period) for i, o in placed):
            return False
        placed.append((at, override))
    return True


def spans(records: DutyRotationRecords, person: str | None) -> list[tuple[int, float]]:
    """A person's eligibility as ranges of day ordinals."""
    return [
        (e.period.start.toordinal(), e.period.end.toordinal() if e.period.end else float("inf"))
        for e in records.eligibility
        if e.person_id == person
    ]


def duty_by_day(records: DutyRotationRecords, start: Day, end: Day) -> dict[int, Duty]:
    """Who is on duty each day (by ordinal) of ``[start, end)`` from the anchor, by the model."""
    walked = terms(records, end)
    swaps, overrides = active(records)
    holders: list[tuple[str | None, TermOrigin, str | None]] = [
        (t.holder, TermOrigin.REGULAR, None) for t in walked
    ]
    for swap in swaps:
        for i, term in enumerate(walked):
            if term.start == swap.first_start:
                holders[i] = (swap.second_person, TermOrigin.SWAP, swap.id)
            if term.start == swap.second_start:
                holders[i] = (swap.first_person, TermOrigin.SWAP, swap.id)
    covers = [
        (o.period.start.toordinal(), o.period.end.toordinal(), o)  # type: ignore[union-attr]
        for o in overrides
    ]
    found: dict[int, Duty] = {}
    first, stop = start.toordinal(), end.toordinal()
    for i, term in enumerate(walked):
        person, origin, source = holders[i]
        periods = spans(records, person)
        still_there = person is not None
        for day in range(term.start.toordinal(), term.end.toordinal()):
            still_there = still_there and any(a <= day < b for a, b in periods)
            if not first <= day < stop:
                continue
            cover = next((o for a, b, o in covers if a <= day < b), None)
            if cover is not None:
                found[day] = (cover.substitute_id, TermOrigin.OVERRIDE, cover.id, i)
            elif still_there:
                found[day] = (person, origin, source, i)
            else:
                found[day] = (None, TermOrigin.REGULAR, None, i)
    return found


# == the aggregate, day by day ===============================================================


def aggregate_by_day(rot: DutyRotation, horizon: Period) -> dict[int, Duty]:
    found: dict[int, Duty] = {}
    assert horizon.end is not None
    first, stop = horizon.start.toordinal(), horizon.end.toordinal()

    def days_of(period: Period) -> range:
        return range(max(period.start.toordinal(), first), min(period.end.toordinal(), stop))  # type: ignore[union-attr]

    for term in rot.terms(horizon):
        for day in days_of(term.period):
            assert day not in found, f"two terms on {Day.fromordinal(day)}"
            found[day] = (term.person_id, term.origin, term.source_id, term.index)
    for period in rot.vacancies(horizon):
        index = rot.plan.slots.index_on(period.start)
        assert index is not None
        for day in days_of(period):
            assert day not in found, f"a term and a vacancy on {Day.fromordinal(day)}"
            found[day] = (None, TermOrigin.REGULAR, None, index)
    return found


class DutyRosterMachine(RuleBasedStateMachine):
    """Random commands, valid and invalid, against the naive model."""

    rot: DutyRotation
    horizon: Period

    def __init__(self) -> None:
        super().__init__()
        self.started = False
        self.step = 0

    @initialize(
        anchor=st.one_of(
            days(_dt.date(2024, 1, 1), _dt.date(2024, 12, 31)),
            st.sampled_from([Day(2024, 1, 31), Day(2024, 3, 30), Day(2023, 12, 29)]),
        ),
        months=st.integers(min_value=1, max_value=3),
        size=st.integers(min_value=1, max_value=4),
        steady=st.booleans(),
    )
    def start(self, anchor: Day, months: int, size: int, steady: bool) -> None:
        order = PEOPLE[:size]
        eligibility = [
            Eligibility(
                person_id=p,
                period=Period(
                    start=anchor.subtract(days=10 * n),
                    end=None if steady else anchor.add(days=200 + 150 * n),
                ),
            )
            for n, p in enumerate(order)
        ]
        self.rot = DutyRotation.create(
            id="duty", anchor=anchor, term_months=months, order=order, eligibility=eligibility
        )
        self.horizon = Period(start=anchor.subtract(days=40), end=anchor.add(months=24))
        self.started = True

    def _id(self, prefix: str) -> str:
        self.step += 1
        return f"{prefix}{self.step}"

    def _day(self, offset: int) -> Day:
        return self.rot.anchor.add(days=offset)

    def attempt(self, candidate: DutyRotationRecords | None, command: object) -> None:
        """Run ``command``; it must succeed exactly when ``candidate`` is valid."""
        before = (
            self.rot.records(),
            self.rot.terms(self.horizon),
            self.rot.vacancies(self.horizon),
        )
        expected = candidate is not None and valid(candidate, self.horizon.end)  # type: ignore[arg-type]
        rejected: NeighborhoodPBError | None = None
        try:
            command()  # type: ignore[operator]
        except NeighborhoodPBError as error:
            rejected = error
        if rejected is not None:
            assert not expected, f"rejected a valid command: {rejected}"
            after = (
                self.rot.records(),
                self.rot.terms(self.horizon),
                self.rot.vacancies(self.horizon),
            )
            assert after == before
            return
        assert expected, "accepted an invalid command"
        assert self.rot.records() == candidate

    # == commands ===========================================================================

    @precondition(lambda self: self.started)
    @rule(
        person=st.sampled_from(PEOPLE),
        offset=st.integers(min_value=-60, max_value=900),
        length=st.none() | st.integers(min_value=1, max_value=400),
    )
    def add_eligibility(self, person: str, offset: int, length: int | None) -> None:
        start = self._day(offset)
        end = None if length is None else start.add(days=length)
        record = Eligibility(person_id=person, period=Period(start=start, end=end))
        records = self.rot.records()
        candidate = attrs.evolve(records, eligibility=(*records.eligibility, record))
        self.attempt(candidate, lambda: self.rot.add_eligibility(record))

    @precondition(lambda self: self.started)
    @rule(person=st.sampled_from(PEOPLE), offset=st.integers(min_value=-60, max_value=900))
    def end_eligibility(self, person: str, offset: int) -> None:
        day = self._day(offset)
        records = self.rot.records()
        candidate = None
        for at, record in enumerate(records.eligibility):
            period = record.period
            if (
                record.person_id == person
                and period.start < day
                and period.contains(day.subtract(days=1))
            ):
                ended = attrs.evolve(record, period=Period(start=period.start, end=day))
                rest = (*records.eligibility[:at], ended, *records.eligibility[at + 1 :])
                candidate = attrs.evolve(records, eligibility=rest)
                break
        self.attempt(candidate, lambda: self.rot.end_eligibility(person, day))

    @precondition(lambda self: self.started)
    @rule(
        offset=st.integers(min_value=-60, max_value=900),
        order=st.none()
        | st.lists(st.sampled_from((*PEOPLE, STRANGER)), min_size=1, max_size=5, unique=True),
        months=st.none() | st.integers(min_value=0, max_value=4),
    )
    def edit(self, offset: int, order: list[str] | None, months: int | None) -> None:
        if order is None and months is None:
            months = 2
        edit = RotationEdit(
            id=self._id("edit"),
            effective_from=self._day(offset),
            order=None if order is None else tuple(order),
            term_months=months,
        )
        records = self.rot.records()
        self.attempt(
            attrs.evolve(records, edits=(*records.edits, edit)), lambda: self.rot.edit(edit)
        )

    @precondition(lambda self: self.started)
    @rule(
        first=st.integers(min_value=0, max_value=800),
        second=st.integers(min_value=0, max_value=800),
        faithful=st.booleans(),
        people=st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)),
    )
    def swap(self, first: int, second: int, faithful: bool, people: tuple[str, str]) -> None:
        slots, plan = self.rot.plan.slots, self.rot.plan
        a, b = slots.index_on(self._day(first)), slots.index_on(self._day(second))
        assert a is not None
        assert b is not None
        persons = (plan.regular_holder(a), plan.regular_holder(b)) if faithful else people
        if a == b or None in persons or persons[0] == persons[1]:
            return
        swap = TermSwap(
            id=self._id("swap"),
            first_start=slots.start(a),
            first_person=persons[0],  # type: ignore[arg-type]
            second_start=slots.start(b),
            second_person=persons[1],  # type: ignore[arg-type]
        )
        records = self.rot.records()
        self.attempt(
            attrs.evolve(records, swaps=(*records.swaps, swap)), lambda: self.rot.add_swap(swap)
        )

    @precondition(lambda self: self.started)
    @rule(
        offset=st.integers(min_value=-20, max_value=800),
        length=st.integers(min_value=1, max_value=40),
        substitute=st.sampled_from((*PEOPLE, STRANGER)),
        faithful=st.booleans(),
    )
    def override(self, offset: int, length: int, substitute: str, faithful: bool) -> None:
        start = self._day(offset)
        index = self.rot.plan.slots.index_on(start)
        absent = self.rot.plan.holder(index)[0] if index is not None and faithful else "p0"
        if substitute == absent:
            return
        override = DutyOverride(
            id=self._id("override"),
            substitute_id=substitute,
            absent_id=absent,
            period=Period(start=start, end=start.add(days=length)),
            reason="absent",
        )
        records = self.rot.records()
        self.attempt(
            attrs.evolve(records, overrides=(*records.overrides, override)),
            lambda: self.rot.add_override(override),
        )

    @precondition(lambda self: self.started)
    @rule(pick=st.integers(min_value=0, max_value=20))
    def withdraw(self, pick: int) -> None:
        records = self.rot.records()
        targets = [s.id for s in records.swaps] + [o.id for o in records.overrides] + ["ghost"]
        withdrawal = Withdrawal(
            id=self._id("withdrawal"), record_id=targets[pick % len(targets)], reason="r"
        )
        self.attempt(
            attrs.evolve(records, withdrawals=(*records.withdrawals, withdrawal)),
            lambda: self.rot.withdraw(withdrawal.record_id, withdrawal.reason, id=withdrawal.id),
        )

    # == invariants =========================================================================

    @invariant()
    def matches_the_model(self) -> None:
        if not self.started:
            return
        end = self.horizon.end
        assert end is not None
        expected = duty_by_day(self.rot.records(), self.horizon.start, end)
        assert aggregate_by_day(self.rot, self.horizon) == expected
        for day, (person, *_) in list(expected.items())[::29]:
            assert self.rot.on_duty(Day.fromordinal(day)) == person
        assert self.rot.on_duty(self.rot.anchor.subtract(days=1)) is None

    @invariant()
    def the_ineligible_are_never_on_duty(self) -> None:
        if not self.started:
            return
        records = self.rot.records()
        for term in self.rot.terms(self.horizon):
            assert eligible(records, term.person_id, term.period.start)
            assert eligible(records, term.person_id, term.period.end.subtract(days=1))  # type: ignore[union-attr]

    @invariant()
    def fair_without_overrides(self) -> None:
        if not self.started:
            return
        if not active(self.rot.records())[1]:
            assert check_fairness(self.rot, self.horizon) == ()


DutyRosterMachine.TestCase.settings = settings(
    DutyRosterMachine.TestCase.settings,
    stateful_step_count=20,
    max_examples=min(settings.default.max_examples, 100),
)
test_duty_roster_against_the_naive_model = DutyRosterMachine.TestCase
