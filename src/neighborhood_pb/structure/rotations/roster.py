"""Commands shared by every rotation aggregate: the roster, the edit log, swaps, overrides.

A command builds the complete new set of records, validates it as a whole by compiling a
new plan, and only then replaces the old state: a rejected command raises a typed error
naming the record and the rule, and leaves the rotation exactly as it was.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Generic, Protocol, TypeVar, cast

import attrs
import pendulum

from neighborhood_pb.calendar.periods import (
    Period,
    as_optional_date,
)
from neighborhood_pb.errors import (
    ConflictError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure.rotations.plan import RotationPlan
from neighborhood_pb.structure.rotations.records import (
    DutyOverride,
    Eligibility,
    RotationEdit,
    TermSwap,
    Withdrawal,
    rotation_day,
)

__all__ = ["RotationLog", "RotationRoster", "closed_horizon"]


class _Setup(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def order(self) -> tuple[str, ...]: ...


class RotationLog(Protocol):
    """The records every rotation keeps."""

    @property
    def setup(self) -> _Setup: ...

    @property
    def eligibility(self) -> tuple[Eligibility, ...]: ...

    @property
    def edits(self) -> tuple[RotationEdit, ...]: ...

    @property
    def swaps(self) -> tuple[TermSwap, ...]: ...

    @property
    def overrides(self) -> tuple[DutyOverride, ...]: ...

    @property
    def withdrawals(self) -> tuple[Withdrawal, ...]: ...


R = TypeVar("R", bound=RotationLog)


class RotationRoster(Generic[R]):
    """A rotation's roster and edit log (轮值名册), the base of the rotation aggregates.

    Subclasses say what the slots are (terms of months, or meetings) by compiling the
    records into a :class:`~neighborhood_pb.structure.rotations.plan.RotationPlan`.
    """

    def __init__(self, records: R) -> None:
        """Build the rotation from its records, validating them together.

        Raises:
            NeighborhoodPBError: a record breaks a rule.
        """
        self._plan = self._compile(records)
        self._records = records

    def _compile(self, records: R) -> RotationPlan:
        raise NotImplementedError

    def _with(self, **changes: Any) -> R:
        updated: R = attrs.evolve(cast(Any, self._records), **changes)
        return updated

    def _commit(self, records: R) -> None:
        plan = self._compile(records)
        self._records, self._plan = records, plan

    # == queries ============================================================================

    @property
    def id(self) -> str:
        """Identifier of the rotation."""
        return self._records.setup.id

    @property
    def plan(self) -> RotationPlan:
        """The compiled plan (read-only use)."""
        return self._plan

    def records(self) -> R:
        """Every record, as kept (for export, and for rebuilding the rotation)."""
        return self._records

    @property
    def roster(self) -> frozenset[str]:
        """Everyone with an eligibility period."""
        return self._plan.eligibility.people

    def eligible_on(self, person_id: str, day: _dt.date | str) -> bool:
        """Whether ``person_id`` may take a turn starting on ``day``."""
        return self._plan.eligibility.eligible_on(person_id, rotation_day(day))

    def order_as_of(self, day: _dt.date | str) -> tuple[str, ...]:
        """The order recorded for ``day`` (it governs turns starting on or after it)."""
        order = self._records.setup.order
        for edit in self._edits_as_of(rotation_day(day)):
            if edit.order is not None:
                order = edit.order
        return order

    def _edits_as_of(self, day: pendulum.Date) -> list[RotationEdit]:
        edits = sorted(self._records.edits, key=lambda e: e.effective_from)
        return [e for e in edits if e.effective_from <= day]

    def _used_ids(self) -> set[str]:
        log = self._records
        groups = (log.edits, log.swaps, log.overrides, log.withdrawals)
        return {self.id} | {record.id for group in groups for record in group}

    def _new_id(self, prefix: str, given: str | None) -> str:
        if given is not None:
            return given
        used = self._used_ids()
        number = 1
        while f"{prefix}-{number}" in used:
            number += 1
        return f"{prefix}-{number}"

    # == the roster =========================================================================

    def add_eligibility(self, eligibility: Eligibility) -> None:
        """Make a person eligible for a period (e.g. when a part-time post starts).

        Raises:
            ConflictError: it overlaps another period of the same person.
            NeighborhoodPBError: a swap or override would no longer hold.
        """
        records = self._records
        self._commit(self._with(eligibility=(*records.eligibility, eligibility)))

    def end_eligibility(self, person_id: str, on: _dt.date | str) -> None:
        """End a person's eligibility on ``on`` (exclusive), e.g. when their post ends.

        Turns starting on or after ``on`` skip them; if they are on duty on ``on``, the rest
        of that term is vacant until an override covers it. History before ``on`` is kept.

        Raises:
            UnknownRecordError: the person has no eligibility running up to ``on``.
            InvalidRecordError: ``on`` is the first day of the period (end it by not adding it).
            NeighborhoodPBError: a swap or override would no longer hold.
        """
        day = rotation_day(on, "on")
        records = self._records
        for at, record in enumerate(records.eligibility):
            period = record.period
            if (
                record.person_id == person_id
                and period.start < day
                and period.contains(day.subtract(days=1))
            ):
                ended = attrs.evolve(record, period=period.ended_on(day))
                eligibility = (*records.eligibility[:at], ended, *records.eligibility[at + 1 :])
                self._commit(self._with(eligibility=eligibility))
                return
        raise UnknownRecordError(
            f"rotation {self.id}: {person_id} has no eligibility running up to {day}",
            subject=person_id,
            rule="eligibility.running",
        )

    # == edits ==============================================================================

    def edit(self, edit: RotationEdit) -> None:
        """Record an edit (new order, new term length or both) from its date.

        Raises:
            NeighborhoodPBError: the edit or a later record would break a rule (e.g. a swap
                whose terms now belong to someone else).
        """
        records = self._records
        self._commit(self._with(edits=(*records.edits, edit)))

    def reorder(
        self,
        order: tuple[str, ...],
        effective_from: _dt.date | str,
        *,
        id: str | None = None,
        reason: str = "",
    ) -> RotationEdit:
        """Change the order from a date; whoever was next due stays next due.

        Returns:
            The edit recorded.
        """
        effective_from = rotation_day(effective_from, "effective_from")
        edit = RotationEdit(
            id=self._new_id("edit", id), effective_from=effective_from, order=order, reason=reason
        )
        self.edit(edit)
        return edit

    def add_member(
        self,
        person_id: str,
        effective_from: _dt.date | str,
        *,
        before: str | None = None,
        eligible_until: _dt.date | str | None = None,
        id: str | None = None,
        reason: str = "",
    ) -> RotationEdit:
        """Add a person to the order from a date (at the end, or before ``before``).

        A person not yet on the roster is made eligible from ``effective_from`` (until
        ``eligible_until``) in the same command.

        Raises:
            ConflictError: the person is already in the order then.
            UnknownRecordError: ``before`` is not in the order then.
        """
        eligible_until = as_optional_date(eligible_until, "eligible_until")
        day = rotation_day(effective_from, "effective_from")
        order = self.order_as_of(day)
        subject = self._new_id("edit", id)
        if person_id in order:
            raise ConflictError(
                f"edit {subject}: {person_id} is already in the order of rotation {self.id}",
                subject=subject,
                rule="order.member",
            )
        at = len(order)
        if before is not None:
            if before not in order:
                raise UnknownRecordError(
                    f"edit {subject}: {before} is not in the order of rotation {self.id}",
                    subject=subject,
                    rule="order.member",
                )
            at = order.index(before)
        edit = RotationEdit(
            id=subject,
            effective_from=day,
            order=(*order[:at], person_id, *order[at:]),
            reason=reason,
        )
        records = self._records
        eligibility = records.eligibility
        if person_id not in self.roster:
            period = Period(start=day, end=eligible_until)
            eligibility = (*eligibility, Eligibility(person_id=person_id, period=period))
        self._commit(self._with(eligibility=eligibility, edits=(*records.edits, edit)))
        return edit

    def remove_member(
        self,
        person_id: str,
        effective_from: _dt.date | str,
        *,
        id: str | None = None,
        reason: str = "",
    ) -> RotationEdit:
        """Take a person out of the order from a date (their eligibility is untouched).

        Raises:
            UnknownRecordError: the person is not in the order then.
            InvalidRecordError: nobody would be left.
        """
        day = rotation_day(effective_from, "effective_from")
        order = self.order_as_of(day)
        subject = self._new_id("edit", id)
        if person_id not in order:
            raise UnknownRecordError(
                f"edit {subject}: {person_id} is not in the order of rotation {self.id}",
                subject=subject,
                rule="order.member",
            )
        edit = RotationEdit(
            id=subject,
            effective_from=day,
            order=tuple(p for p in order if p != person_id),
            reason=reason,
        )
        self.edit(edit)
        return edit

    # == swaps, overrides, withdrawals =====================================================

    def add_swap(self, swap: TermSwap) -> None:
        """Record a swap of two terms.

        Raises:
            NeighborhoodPBError: a term does not start on the day given, is not the named
                person's turn, is already swapped, or a person is not eligible for the other
                term.
        """
        records = self._records
        self._commit(self._with(swaps=(*records.swaps, swap)))

    def swap(
        self,
        first: _dt.date | str,
        second: _dt.date | str,
        *,
        id: str | None = None,
        reason: str = "",
    ) -> TermSwap:
        """Exchange the turns containing ``first`` and ``second`` between their holders.

        Returns:
            The swap recorded.

        Raises:
            UnknownRecordError: no term contains one of the days.
            RuleViolationError: a term is vacant.
        """
        subject = self._new_id("swap", id)
        days = (rotation_day(first, "first"), rotation_day(second, "second"))
        sides = [self._turn(subject, day) for day in days]
        swap = TermSwap(
            id=subject,
            first_start=sides[0][0],
            first_person=sides[0][1],
            second_start=sides[1][0],
            second_person=sides[1][1],
            reason=reason,
        )
        self.add_swap(swap)
        return swap

    def _turn(self, subject: str, day: pendulum.Date) -> tuple[pendulum.Date, str]:
        index = self._plan.slots.index_on(day)
        if index is None:
            raise UnknownRecordError(
                f"swap {subject}: rotation {self.id} has no term on {day}",
                subject=subject,
                rule="swap.term_start",
            )
        holder = self._plan.regular_holder(index)
        start = self._plan.slots.start(index)
        if holder is None:
            raise RuleViolationError(
                f"swap {subject}: the term from {start} is vacant",
                subject=subject,
                rule="swap.holder",
            )
        return start, holder

    def add_override(self, override: DutyOverride) -> None:
        """Record an override (a substitute for part or all of one term).

        Raises:
            NeighborhoodPBError: it leaves its term, names the wrong absent holder, overlaps
                another override, or the substitute is not eligible throughout.
        """
        records = self._records
        self._commit(self._with(overrides=(*records.overrides, override)))

    def _override(
        self, substitute_id: str, period: Period, reason: str, given: str | None
    ) -> DutyOverride:
        index = self._plan.slots.index_on(period.start)
        absent = None if index is None else self._plan.holder(index)[0]
        override = DutyOverride(
            id=self._new_id("override", given),
            substitute_id=substitute_id,
            absent_id=absent,
            period=period,
            reason=reason,
        )
        self.add_override(override)
        return override

    def withdraw(self, record_id: str, reason: str, *, id: str | None = None) -> Withdrawal:
        """Withdraw a swap or an override; the record is kept, marked withdrawn.

        Raises:
            UnknownRecordError: there is no such swap or override.
            ConflictError: it is already withdrawn.
            NeighborhoodPBError: another record depends on it (e.g. an override of a
                swapped term).
        """
        withdrawal = Withdrawal(
            id=self._new_id("withdrawal", id), record_id=record_id, reason=reason
        )
        records = self._records
        self._commit(self._with(withdrawals=(*records.withdrawals, withdrawal)))
        return withdrawal


def closed_horizon(horizon: Period) -> pendulum.Date:
    """The end of ``horizon``, which must be closed and lie in :data:`DOMAIN_YEARS`.

    Raises:
        InvalidRecordError: the horizon is open, or reaches outside the years 1900-2200.
    """
    end = horizon.closed_end(
        "the horizon", "materialise over a closed period", rule="horizon.closed"
    )
    rotation_day(horizon.start, "the horizon's start")
    rotation_day(end, "the horizon's end")
    return end
