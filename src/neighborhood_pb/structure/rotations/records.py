"""Records of a rotation (轮值): who may serve, the edit log, swaps, overrides, and the terms.

Everything that changes a rotation is a record kept for good: an eligibility period is
end-dated when a post ends, an edit applies from a date, a swap or an override is cancelled
by a :class:`Withdrawal` that names it. The materialised :class:`DutyTerm` is derived.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import ARITHMETIC_YEARS, Period, domain_day
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text

__all__ = [
    "ChairRotationRecords",
    "ChairRotationSetup",
    "DutyOverride",
    "DutyRotationRecords",
    "DutyRotationSetup",
    "DutyTerm",
    "Eligibility",
    "Meeting",
    "RotationEdit",
    "TermOrigin",
    "TermSwap",
    "Withdrawal",
    "check_order",
    "rotation_day",
]


def rotation_day(value: object, name: str = "day") -> pendulum.Date:
    """A day a rotation counts terms from or to: any form :func:`as_date` takes, within
    :data:`~neighborhood_pb.calendar.periods.ARITHMETIC_YEARS` (rule ``time.domain``)."""
    return domain_day(value, name, years=ARITHMETIC_YEARS)


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _optional_ids(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def check_order(order: tuple[str, ...], subject: str) -> None:
    """Refuse an empty order or one that names a person twice."""
    if not order:
        raise InvalidRecordError(
            f"{subject}: the rotation order names nobody", subject=subject, rule="order.non_empty"
        )
    seen: set[str] = set()
    for person_id in order:
        if person_id in seen:
            raise InvalidRecordError(
                f"{subject}: {person_id} appears twice in the rotation order",
                subject=subject,
                rule="order.unique",
            )
        seen.add(person_id)


def _closed(instance: Any, attribute: attrs.Attribute[Period], value: Period) -> None:
    if value.end is None:
        raise InvalidRecordError(
            f"{type(instance).__name__} {instance.id}: the period must be closed",
            subject=instance.id,
            rule="period.closed",
        )


class TermOrigin(enum.Enum):
    """How a materialised term came about."""

    REGULAR = "regular"
    SWAP = "swap"
    OVERRIDE = "override"

    @property
    def label_zh(self) -> str:
        """Chinese label."""
        return {TermOrigin.REGULAR: "轮值", TermOrigin.SWAP: "互换", TermOrigin.OVERRIDE: "代班"}[
            self
        ]


@attrs.frozen(kw_only=True)
class Eligibility:
    """A period in which a person may take a turn (e.g. while a part-time post lasts, 兼职委员).

    A person is eligible for a term when one of their periods contains the term's first day;
    if it ends during the term, they are on duty until it ends and the rest is vacant.

    Attributes:
        person_id: The person.
        period: When they are eligible; ended when the post ends.
        basis: Why they are eligible, e.g. the post or appointment (free text).
    """

    person_id: str = attrs.field(validator=non_empty_text)
    period: Period
    basis: str = ""


def _anchor(value: Any) -> pendulum.Date:
    return rotation_day(value, "anchor")


@attrs.frozen(kw_only=True)
class DutyRotationSetup:
    """How a duty rotation (轮值家长) starts.

    Terms start on the anchor and then every ``term_months`` calendar months, each boundary
    counted from the anchor (so an anchor on the 31st gives the 31st where the month has
    one and the month's last day otherwise: 31 Jan, 28 Feb, 31 Mar, 30 Apr, …).

    Attributes:
        id: Identifier of the rotation.
        anchor: First day of the first term.
        term_months: Length of a term in calendar months (bounded by the rules).
        order: Person ids in turn order; the first serves first.
        org_id: The committee whose members rotate, if recorded.
    """

    id: str = attrs.field(validator=non_empty_text)
    anchor: pendulum.Date = attrs.field(converter=_anchor)
    term_months: int
    order: tuple[str, ...] = attrs.field(converter=_ids)
    org_id: str | None = None

    def __attrs_post_init__(self) -> None:
        check_order(self.order, self.id)


@attrs.frozen(kw_only=True)
class ChairRotationSetup:
    """How a rotating chair (轮值主席) of a joint meeting (联席会议) starts.

    Attributes:
        id: Identifier of the rotation.
        order: Person ids in turn order; the first chairs the first meeting.
        org_id: The body whose meetings are chaired, if recorded.
    """

    id: str = attrs.field(validator=non_empty_text)
    order: tuple[str, ...] = attrs.field(converter=_ids)
    org_id: str | None = None

    def __attrs_post_init__(self) -> None:
        check_order(self.order, self.id)


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting that a rotating chair presides over.

    Attributes:
        day: When it is held; one meeting a day at most.
        cancelled_reason: Why it was cancelled, or ``None`` while it stands.
    """

    day: pendulum.Date = attrs.field(converter=rotation_day)
    cancelled_reason: str | None = None

    @property
    def is_cancelled(self) -> bool:
        """Whether the meeting was cancelled."""
        return self.cancelled_reason is not None


def _effective_from(value: Any) -> pendulum.Date:
    return rotation_day(value, "effective_from")


@attrs.frozen(kw_only=True)
class RotationEdit:
    """A change to a rotation from a date on: a new order, a new term length, or both.

    The edit takes effect at the first term (or meeting) starting on or after
    ``effective_from``; every earlier term is kept, and the rotation's position is kept by
    person: whoever was next due is still next due if they remain in the order. The order is
    recorded whole, so a later edit supersedes an earlier one from its own date on.

    Attributes:
        id: Identifier, unique within the rotation.
        effective_from: Day from which the edit applies.
        order: The whole order from then on, or ``None`` to keep it.
        term_months: The term length from then on, or ``None`` to keep it.
        reason: Why (e.g. "王五 joined the committee").
    """

    id: str = attrs.field(validator=non_empty_text)
    effective_from: pendulum.Date = attrs.field(converter=_effective_from)
    order: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_ids)
    term_months: int | None = None
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        if self.order is None and self.term_months is None:
            raise InvalidRecordError(
                f"edit {self.id} changes neither the order nor the term length",
                subject=self.id,
                rule="edit.non_empty",
            )
        if self.order is not None:
            check_order(self.order, self.id)


def _first_start(value: Any) -> pendulum.Date:
    return rotation_day(value, "first_start")


def _second_start(value: Any) -> pendulum.Date:
    return rotation_day(value, "second_start")


@attrs.frozen(kw_only=True)
class TermSwap:
    """Two people exchange two terms (互换); neither loses any time.

    Attributes:
        id: Identifier, unique within the rotation.
        first_start: First day of the first term.
        first_person: Who holds the first term before the swap.
        second_start: First day of the second term.
        second_person: Who holds the second term before the swap.
        reason: Why.
    """

    id: str = attrs.field(validator=non_empty_text)
    first_start: pendulum.Date = attrs.field(converter=_first_start)
    first_person: str = attrs.field(validator=non_empty_text)
    second_start: pendulum.Date = attrs.field(converter=_second_start)
    second_person: str = attrs.field(validator=non_empty_text)
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        if self.first_start == self.second_start or self.first_person == self.second_person:
            raise InvalidRecordError(
                f"swap {self.id} must exchange two different terms between two people",
                subject=self.id,
                rule="swap.distinct",
            )


@attrs.frozen(kw_only=True)
class DutyOverride:
    """A substitute covers part or all of one term (代班), e.g. during an absence.

    Attributes:
        id: Identifier, unique within the rotation.
        substitute_id: Who is on duty instead.
        absent_id: Who holds the term (after swaps), or ``None`` for a vacant term.
        period: The days covered; closed, and within one term.
        reason: Why (required).
    """

    id: str = attrs.field(validator=non_empty_text)
    substitute_id: str = attrs.field(validator=non_empty_text)
    absent_id: str | None
    period: Period = attrs.field(validator=_closed)
    reason: str = attrs.field(validator=non_empty_text)

    def __attrs_post_init__(self) -> None:
        if self.substitute_id == self.absent_id:
            raise InvalidRecordError(
                f"override {self.id}: {self.substitute_id} cannot substitute for themselves",
                subject=self.id,
                rule="override.other_person",
            )


@attrs.frozen(kw_only=True)
class Withdrawal:
    """Cancels a swap or an override; both records are kept.

    Attributes:
        id: Identifier, unique within the rotation.
        record_id: The swap or override withdrawn.
        reason: Why (required).
    """

    id: str = attrs.field(validator=non_empty_text)
    record_id: str = attrs.field(validator=non_empty_text)
    reason: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True)
class DutyTerm:
    """One stretch of duty as materialised: a person on duty for ``[start, end)``.

    A term split by an override gives several pieces that share its ``index``.

    Attributes:
        rotation_id: The rotation.
        person_id: Who is on duty.
        period: The days, half-open and closed.
        index: Number of the term (or meeting) in the rotation, from 0.
        origin: Regular turn, swap or override.
        source_id: The swap or override that put the person here, if any.
    """

    rotation_id: str
    person_id: str
    period: Period
    index: int
    origin: TermOrigin = TermOrigin.REGULAR
    source_id: str | None = None


def _eligibility(value: Iterable[Eligibility]) -> tuple[Eligibility, ...]:
    return tuple(value)


def _edits(value: Iterable[RotationEdit]) -> tuple[RotationEdit, ...]:
    return tuple(value)


def _swaps(value: Iterable[TermSwap]) -> tuple[TermSwap, ...]:
    return tuple(value)


def _overrides(value: Iterable[DutyOverride]) -> tuple[DutyOverride, ...]:
    return tuple(value)


def _withdrawals(value: Iterable[Withdrawal]) -> tuple[Withdrawal, ...]:
    return tuple(value)


def _meetings(value: Iterable[Meeting]) -> tuple[Meeting, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DutyRotationRecords:
    """Every record of a :class:`~neighborhood_pb.structure.rotations.duty.DutyRotation`.

    Attributes:
        setup: Anchor, first term length and first order.
        eligibility: Who may serve when.
        edits: Effective-dated edits, in the order they were made.
        swaps: Swaps, in the order they were made.
        overrides: Overrides, in the order they were made.
        withdrawals: Withdrawn swaps and overrides.
    """

    setup: DutyRotationSetup
    eligibility: tuple[Eligibility, ...] = attrs.field(default=(), converter=_eligibility)
    edits: tuple[RotationEdit, ...] = attrs.field(default=(), converter=_edits)
    swaps: tuple[TermSwap, ...] = attrs.field(default=(), converter=_swaps)
    overrides: tuple[DutyOverride, ...] = attrs.field(default=(), converter=_overrides)
    withdrawals: tuple[Withdrawal, ...] = attrs.field(default=(), converter=_withdrawals)


@attrs.frozen(kw_only=True)
class ChairRotationRecords:
    """Every record of a :class:`~neighborhood_pb.structure.rotations.chair.ChairRotation`.

    Attributes:
        setup: First order.
        meetings: The meetings, cancelled ones included.
        eligibility: Who may chair when.
        edits: Effective-dated edits (order only), in the order they were made.
        swaps: Swaps of two meetings' chairs.
        overrides: Substitute chairs, one meeting each.
        withdrawals: Withdrawn swaps and overrides.
    """

    setup: ChairRotationSetup
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=_meetings)
    eligibility: tuple[Eligibility, ...] = attrs.field(default=(), converter=_eligibility)
    edits: tuple[RotationEdit, ...] = attrs.field(default=(), converter=_edits)
    swaps: tuple[TermSwap, ...] = attrs.field(default=(), converter=_swaps)
    overrides: tuple[DutyOverride, ...] = attrs.field(default=(), converter=_overrides)
    withdrawals: tuple[Withdrawal, ...] = attrs.field(default=(), converter=_withdrawals)
