"""Reopening a ledger leniently (台账重新载入): keep what still holds, report the rest.

When a register is edited after entries were made (a report's start moved, a post ended),
some entries may no longer validate. :func:`append_leniently` appends every entry that
still does and returns one finding per entry that does not, naming the rule it breaks; an
entry that breaks a rule by itself (:data:`INTRINSIC_RULES`) is still refused outright.
An entry resting on a refused one is refused in turn and names it: a review of a refused
claim, a reversal of a refused approval, a refund of a refused redemption, and a
redemption (or any debit) refused after refused entries of the same member or goods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from neighborhood_pb.errors import Finding, NeighborhoodPBError, RuleViolationError, Severity
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.points.entries import (
    Approval,
    Claim,
    Entry,
    Redemption,
    Refund,
    Rejection,
    Restock,
    Reversal,
)

__all__ = ["INTRINSIC_RULES", "append_leniently", "parent_key", "refused_entry"]

INTRINSIC_RULES = frozenset(
    {
        "approval.reverse_once",
        "claim.service_not_future",
        "claim.transition",
        "entry.idempotency_key",
        "entry.reserved_key",
        "redemption.in_order",
        "redemption.refund_once",
        "refund.after_redemption",
        "refund.not_self",
        "reversal.after_approval",
        "reversal.in_order",
        "review.after_claim",
        "review.not_self",
    }
)
"""Rules an entry breaks by itself, whatever the registers say (a self-review, a review
before its claim, a key reused): no register edit explains them, so reopening refuses the
entry as a bad record instead of reporting it."""


def parent_key(entry: Entry) -> str | None:
    """The key of the entry this one acts on (a review's claim, a reversal's approval, a
    refund's redemption), if any."""
    if isinstance(entry, Approval | Rejection):
        return entry.claim_key
    if isinstance(entry, Reversal):
        return entry.approval_key
    if isinstance(entry, Refund):
        return entry.redemption_key
    return None


class _Refusals:
    """Who each entry concerns, and which entries were refused, by member and by goods."""

    def __init__(self) -> None:
        self.refused: dict[str, str] = {}  # key -> why (English)
        self.member_of: dict[str, str] = {}
        self.by_member: dict[str, list[str]] = {}
        self.by_goods: dict[str, list[str]] = {}

    def note(self, entry: Entry) -> None:
        """Remember whose balance ``entry`` moves."""
        parent = parent_key(entry)
        if isinstance(entry, Claim | Redemption):
            self.member_of[entry.key] = entry.member_id
        elif parent is not None and parent in self.member_of:
            self.member_of[entry.key] = self.member_of[parent]

    def earlier(self, entry: Entry) -> list[str]:
        """For a redemption, the refused entries before it that moved its member's balance
        or its goods' stock; none for any other entry."""
        if not isinstance(entry, Redemption):
            return []
        keys = list(self.by_member.get(entry.member_id, ()))
        for line in entry.lines:
            keys += self.by_goods.get(line.goods_code, ())
        return keys

    def refuse(self, entry: Entry, why: str) -> None:
        self.refused[entry.key] = why
        member = self.member_of.get(entry.key)
        if member is not None:
            self.by_member.setdefault(member, []).append(entry.key)
        if isinstance(entry, Restock):
            self.by_goods.setdefault(entry.goods_code, []).append(entry.key)


def refused_entry(
    entry: Entry, index: int, error: NeighborhoodPBError, depends_on: Iterable[str] = ()
) -> Finding:
    """The finding for an entry that no longer validates (``ledger.entry_refused``), or
    that rests on refused entries (``ledger.entry_dependent``, naming them)."""
    kind = type(entry).__name__.lower()
    why = str(error)
    params: dict[str, str | int] = {
        "entry": entry.key,
        "kind": kind,
        "index": index,
        "why": why,
        "why_zh": error_text(error, "zh"),
    }
    depends = ", ".join(depends_on)
    if depends:
        params["depends_on"] = depends
        return Finding(
            code="ledger.entry_dependent",
            severity=Severity.ERROR,
            subject=entry.key,
            message=f"{kind} {entry.key} depends on {depends}, which no longer holds: {why}",
            rule=error.rule,
            params=params,
        )
    return Finding(
        code="ledger.entry_refused",
        severity=Severity.ERROR,
        subject=entry.key,
        message=f"{kind} {entry.key} no longer holds: {why}",
        rule=error.rule,
        params=params,
    )


def append_leniently(
    append: Callable[[Entry], Entry], entries: Iterable[Entry]
) -> tuple[Finding, ...]:
    """Append each of ``entries`` in order; one finding per entry refused, in order.

    ``append`` validates an entry completely and raises before any change, so a refused
    entry leaves the ledger as it was and the next entry is tried against the same state.

    Raises:
        NeighborhoodPBError: an entry breaks one of :data:`INTRINSIC_RULES`, marked with its
            ``section`` (``"entries"``) and its ``index``.
    """
    seen = _Refusals()
    found: list[Finding] = []
    for index, entry in enumerate(entries):
        seen.note(entry)
        parent = parent_key(entry)
        if parent is not None and parent in seen.refused:
            error = RuleViolationError(
                f"{type(entry).__name__.lower()} {entry.key} acts on {parent}, "
                f"which is refused: {seen.refused[parent]}",
                subject=entry.key,
                rule="ledger.dependent",
                params={"entry": entry.key, "depends_on": parent},
            )
            found.append(refused_entry(entry, index, error, (parent,)))
            seen.refuse(entry, str(error))
            continue
        try:
            append(entry)
        except NeighborhoodPBError as exc:
            if exc.rule in INTRINSIC_RULES:
                exc.locate("entries", index)
                raise
            found.append(refused_entry(entry, index, exc, seen.earlier(entry)))
            seen.refuse(entry, str(exc))
    return tuple(found)
