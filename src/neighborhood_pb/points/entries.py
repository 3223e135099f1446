"""Ledger entries (积分台账记录): immutable records, appended and never edited.

A member checks in a service (:class:`Claim`); a reviewer approves or rejects it; an
approval may later be reversed by a :class:`Reversal` linked to it. Points are spent in the
love supermarket (:class:`Redemption`) and given back by a :class:`Refund` linked to the
redemption; goods come in by :class:`Restock`. Every entry has an idempotency key, an aware
instant and the person who made it. Balances, totals, ranks, levels and stock are derived
from the entries, never stored.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.points.instants import as_instant
from neighborhood_pb.points.sources import MAX_POINTS, MAX_QUANTITY, points_bound

__all__ = [
    "AUTOMATIC_REVIEWER",
    "AUTO_APPROVAL_SUFFIX",
    "ENTRY_TYPES",
    "Approval",
    "Claim",
    "ClaimStatus",
    "Entry",
    "Redemption",
    "RedemptionLine",
    "Refund",
    "Rejection",
    "Restock",
    "Reversal",
]

AUTOMATIC_REVIEWER = "system"
"""Actor of the approvals the ledger makes itself for items reviewed automatically."""

AUTO_APPROVAL_SUFFIX = "/auto"
"""Suffix of the key of an automatic approval (the claim's key plus this); reserved."""


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


class ClaimStatus(enum.Enum):
    """Where a claim stands; derived from the entries that follow it."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVERSED = "reversed"

    @property
    def label_zh(self) -> str:
        """Chinese label."""
        return {
            ClaimStatus.PENDING: "待审核",
            ClaimStatus.APPROVED: "已通过",
            ClaimStatus.REJECTED: "未通过",
            ClaimStatus.REVERSED: "已撤销",
        }[self]


def _service_date(value: Any) -> pendulum.Date:
    # a Date passes without a second call: the ledger converts the day before the record
    return value if type(value) is pendulum.Date else as_date(value, "service_date")


@attrs.frozen(kw_only=True)
class Claim:
    """A member checks in a service (活动打卡) and claims its points.

    Points belong to the calendar period of ``service_date`` (the day the service was done),
    whenever the claim is made or approved.

    Attributes:
        key: Idempotency key, unique in the ledger.
        member_id: The in-service member who served.
        item_code: The catalogue item.
        service_date: Day of the service (in the ledger's zone).
        at: When the claim was submitted (aware instant).
        actor: Who submitted it (the member, or staff on their behalf).
        community_id: Community territory the member reported to on the service date
            (recorded by the ledger from the organisation tree).
        grid_id: Grid of that report, if any.
        household_id: Household served, if the service was for one household.
        evidence: References to evidence (photo ids, sign-in sheets, …).
        note: Free text.
    """

    key: str = attrs.field(validator=non_empty_text)
    member_id: str = attrs.field(validator=non_empty_text)
    item_code: str = attrs.field(validator=non_empty_text)
    service_date: pendulum.Date = attrs.field(converter=_service_date)
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)
    community_id: str = attrs.field(validator=non_empty_text)
    grid_id: str | None = None
    household_id: str | None = None
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    note: str = ""

    @classmethod
    def for_ledger(
        cls,
        *,
        key: str,
        member_id: str,
        item_code: str,
        service_date: pendulum.Date,
        at: Any,
        actor: str,
        community_id: str,
        grid_id: str | None,
        household_id: str | None,
        evidence: tuple[str, ...],
        note: str,
    ) -> Claim:
        """The claim the ledger records for a check-in on ``service_date`` (a day already
        converted), in the community and grid it read from the member's report (or from
        the equal claim already recorded).

        The same record and the same errors as the constructor, in the same order (the
        instant first, then each text field), without checking again what is known good:
        the day, and the community and grid of a record in the tree. This is the hot path
        of every check-in.

        Raises:
            InvalidRecordError: ``at`` is not an aware instant, or a text field is empty.
        """
        claim = object.__new__(cls)
        at = as_instant(at)
        fields = _CLAIM_FIELDS
        non_empty_text(claim, fields.key, key)
        non_empty_text(claim, fields.member_id, member_id)
        non_empty_text(claim, fields.item_code, item_code)
        if actor is not member_id:
            non_empty_text(claim, fields.actor, actor)
        _set = object.__setattr__  # a frozen record is built field by field, as attrs does
        _set(claim, "key", key)
        _set(claim, "member_id", member_id)
        _set(claim, "item_code", item_code)
        _set(claim, "service_date", service_date)
        _set(claim, "at", at)
        _set(claim, "actor", actor)
        _set(claim, "community_id", community_id)
        _set(claim, "grid_id", grid_id)
        _set(claim, "household_id", household_id)
        _set(claim, "evidence", evidence)
        _set(claim, "note", note)
        return claim


_CLAIM_FIELDS = attrs.fields(Claim)


@attrs.frozen(kw_only=True)
class Approval:
    """A reviewer approves a pending claim (积分审核通过).

    Attributes:
        key: Idempotency key.
        claim_key: The claim approved.
        at: When.
        actor: The reviewer (:data:`AUTOMATIC_REVIEWER` for automatic items).
        automatic: Made by the ledger for an item reviewed automatically.
    """

    key: str = attrs.field(validator=non_empty_text)
    claim_key: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)
    automatic: bool = False

    @classmethod
    def of_automatic(cls, claim: Claim) -> Approval:
        """The ledger's own approval of ``claim``, an item reviewed automatically.

        Every field comes from a claim already validated (its key, its instant) or from the
        library's constants, so nothing is checked again: this is the hot path of every
        check-in, about a third of the cost of the validating constructor.
        """
        approval = object.__new__(cls)
        _set = object.__setattr__  # a frozen record is built field by field, as attrs does
        _set(approval, "key", claim.key + AUTO_APPROVAL_SUFFIX)
        _set(approval, "claim_key", claim.key)
        _set(approval, "at", claim.at)
        _set(approval, "actor", AUTOMATIC_REVIEWER)
        _set(approval, "automatic", True)
        return approval


@attrs.frozen(kw_only=True)
class Rejection:
    """A reviewer rejects a pending claim, saying why.

    Attributes:
        key: Idempotency key.
        claim_key: The claim rejected.
        at: When.
        actor: The reviewer.
        reason: Why.
    """

    key: str = attrs.field(validator=non_empty_text)
    claim_key: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)
    reason: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True)
class Reversal:
    """A reviewer reverses an approval (撤销), at most once; the claim stops scoring.

    Attributes:
        key: Idempotency key.
        approval_key: The approval reversed.
        at: When.
        actor: The reviewer.
        reason: Why.
    """

    key: str = attrs.field(validator=non_empty_text)
    approval_key: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)
    reason: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True)
class Restock:
    """Goods come into the love supermarket (爱心超市入库).

    Attributes:
        key: Idempotency key.
        goods_code: The goods.
        quantity: How many.
        at: When.
        actor: Who.
    """

    key: str = attrs.field(validator=non_empty_text)
    goods_code: str = attrs.field(validator=non_empty_text)
    quantity: int = attrs.field(validator=points_bound(MAX_QUANTITY))
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True)
class RedemptionLine:
    """One line of a redemption: so many of one goods at its price then.

    Attributes:
        goods_code: The goods.
        quantity: How many.
        unit_points: Price in points of one, as it was on the day of the redemption.
    """

    goods_code: str = attrs.field(validator=non_empty_text)
    quantity: int = attrs.field(validator=points_bound(MAX_QUANTITY))
    unit_points: int = attrs.field(validator=points_bound(MAX_POINTS))

    @property
    def points(self) -> int:
        """Points this line costs."""
        return self.quantity * self.unit_points


def _lines(value: Iterable[RedemptionLine]) -> tuple[RedemptionLine, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Redemption:
    """A member spends points on goods (积分兑换), all lines or none.

    Attributes:
        key: Idempotency key.
        member_id: The member.
        lines: What is taken; each goods at most once.
        at: When.
        actor: Who handed the goods over (or the member, at a self-service point).
    """

    key: str = attrs.field(validator=non_empty_text)
    member_id: str = attrs.field(validator=non_empty_text)
    lines: tuple[RedemptionLine, ...] = attrs.field(converter=_lines)
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)

    def __attrs_post_init__(self) -> None:
        codes = [line.goods_code for line in self.lines]
        if not codes:
            raise InvalidRecordError(
                f"redemption {self.key} has no lines", subject=self.key, rule="redemption.lines"
            )
        if len(set(codes)) != len(codes):
            raise InvalidRecordError(
                f"redemption {self.key} lists a goods twice",
                subject=self.key,
                rule="redemption.lines",
            )

    @property
    def points(self) -> int:
        """Points the redemption costs."""
        return sum(line.points for line in self.lines)


@attrs.frozen(kw_only=True)
class Refund:
    """A redemption is given back in full, at most once: points and stock return.

    Attributes:
        key: Idempotency key.
        redemption_key: The redemption refunded.
        at: When.
        actor: Who.
        reason: Why.
    """

    key: str = attrs.field(validator=non_empty_text)
    redemption_key: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=as_instant)
    actor: str = attrs.field(validator=non_empty_text)
    reason: str = attrs.field(validator=non_empty_text)


Entry = Claim | Approval | Rejection | Reversal | Restock | Redemption | Refund
"""Any ledger entry."""

ENTRY_TYPES: tuple[type[Entry], ...] = (
    Claim,
    Approval,
    Rejection,
    Reversal,
    Restock,
    Redemption,
    Refund,
)
"""Every entry type, e.g. for a tagged-union serialiser."""
