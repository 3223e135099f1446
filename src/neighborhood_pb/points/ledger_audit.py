"""The ledger's audit (台账核对): every derived figure recomputed from the entries alone.

:func:`recompute` replays a log of entries without any of the ledger's indexes, and
:func:`compare` reports each figure that differs from what the ledger holds, so that
:meth:`~neighborhood_pb.points.ledger.Ledger.audit` can show an auditor the derived state is
sound; :func:`back_dated` replays the log once more to find debits dated before an entry
already appended that moved the same figures (:mod:`.ordering`), which would let a balance or
a stock go below zero at an instant before the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.points.catalogue import Catalogue
from neighborhood_pb.points.entries import (
    Approval,
    Claim,
    Entry,
    Redemption,
    Refund,
    Restock,
    Reversal,
)
from neighborhood_pb.points.standings import StandingsSnapshot, snapshot_from_scratch

__all__ = ["back_dated", "compare", "recompute"]


def recompute(
    entries: Iterable[Entry], catalogue: Catalogue
) -> tuple[StandingsSnapshot, dict[str, int]]:
    """Every derived figure and the stock, recomputed from ``entries`` (in order) alone."""
    approved: dict[str, Claim] = {}
    claims: dict[str, Claim] = {}
    approvals: dict[str, Approval] = {}
    redemptions: dict[str, Redemption] = {}
    spent: dict[str, int] = {}
    stock: dict[str, int] = {}
    for entry in entries:
        if isinstance(entry, Claim):
            claims[entry.key] = entry
        elif isinstance(entry, Approval):
            approvals[entry.key] = entry
            approved[entry.claim_key] = claims[entry.claim_key]
        elif isinstance(entry, Reversal):
            del approved[approvals[entry.approval_key].claim_key]
        elif isinstance(entry, Restock):
            stock[entry.goods_code] = stock.get(entry.goods_code, 0) + entry.quantity
        elif isinstance(entry, Redemption):
            redemptions[entry.key] = entry
            spent[entry.member_id] = spent.get(entry.member_id, 0) + entry.points
            for line in entry.lines:
                stock[line.goods_code] = stock.get(line.goods_code, 0) - line.quantity
        elif isinstance(entry, Refund):
            redemption = redemptions[entry.redemption_key]
            spent[redemption.member_id] -= redemption.points
            for line in redemption.lines:
                stock[line.goods_code] += line.quantity
    pairs = (
        (claim, catalogue.item(claim.item_code, claim.service_date)) for claim in approved.values()
    )
    return snapshot_from_scratch(pairs, spent), stock


def compare(
    expected: StandingsSnapshot,
    stock: Mapping[str, int],
    actual: StandingsSnapshot,
    counts: Mapping[str, int],
) -> tuple[Finding, ...]:
    """One ``ledger.derived_mismatch`` finding (error) per figure that differs between the
    recomputed (``expected``, ``stock``) and the held (``actual``, ``counts``) figures."""
    findings = []
    for field in ("awards", "earned", "spent", "member_totals", "place_totals", "scores"):
        want, have = getattr(expected, field), getattr(actual, field)
        for key in sorted(set(want) | set(have), key=str):
            if want.get(key) != have.get(key):
                findings.append(
                    Finding(
                        code="ledger.derived_mismatch",
                        severity=Severity.ERROR,
                        subject=str(key),
                        message=f"{field}[{key}] is {have.get(key)!r}, recomputed "
                        f"{want.get(key)!r}",
                        rule="ledger.derived",
                        params={
                            "figure": f"{field}[{key}]",
                            "recorded": repr(have.get(key)),
                            "recomputed": repr(want.get(key)),
                        },
                    )
                )
    held = {code: count for code, count in counts.items() if count}
    for code in sorted(set(held) | {c for c, n in stock.items() if n}):
        if held.get(code, 0) != stock.get(code, 0):
            findings.append(
                Finding(
                    code="ledger.derived_mismatch",
                    severity=Severity.ERROR,
                    subject=code,
                    message=f"stock[{code}] is {held.get(code, 0)}, recomputed "
                    f"{stock.get(code, 0)}",
                    rule="ledger.derived",
                    params={
                        "figure": f"stock[{code}]",
                        "recorded": held.get(code, 0),
                        "recomputed": stock.get(code, 0),
                    },
                )
            )
    return tuple(findings)


def _back_dated(entry: Entry, later: Entry) -> Finding:
    return Finding(
        code="ledger.back_dated",
        severity=Severity.ERROR,
        subject=entry.key,
        message=f"{type(entry).__name__.lower()} {entry.key} at {entry.at} was appended after "
        f"{later.key} at {later.at}, which moved the same balance or stock",
        rule="ledger.back_dated",
        params={
            "entry": entry.key,
            "at": str(entry.at),
            "later": later.key,
            "later_at": str(later.at),
        },
    )


def back_dated(entries: Iterable[Entry]) -> tuple[Finding, ...]:
    """One ``ledger.back_dated`` finding (error) per redemption dated before an entry already
    appended that moved its member's balance or its goods' stock, and per reversal dated
    before its member's latest redemption: replayed from the entries alone."""
    claims: dict[str, Claim] = {}
    approvals: dict[str, Approval] = {}
    redemptions: dict[str, Redemption] = {}
    balance: dict[str, Entry] = {}
    stock: dict[str, Entry] = {}
    redeemed: dict[str, Redemption] = {}
    findings = []

    def moved(index: dict[str, Entry], key: str, entry: Entry) -> None:
        if key not in index or entry.at > index[key].at:
            index[key] = entry

    for entry in entries:
        if isinstance(entry, Claim):
            claims[entry.key] = entry
        elif isinstance(entry, Approval):
            approvals[entry.key] = entry
            moved(balance, claims[entry.claim_key].member_id, entry)
        elif isinstance(entry, Reversal):
            member = claims[approvals[entry.approval_key].claim_key].member_id
            last = redeemed.get(member)
            if last is not None and entry.at < last.at:
                findings.append(_back_dated(entry, last))
            moved(balance, member, entry)
        elif isinstance(entry, Restock):
            moved(stock, entry.goods_code, entry)
        elif isinstance(entry, Redemption):
            redemptions[entry.key] = entry
            seen = [balance.get(entry.member_id)]
            seen += [stock.get(line.goods_code) for line in entry.lines]
            later = [e for e in seen if e is not None and entry.at < e.at]
            if later:
                findings.append(_back_dated(entry, later[0]))
            redeemed[entry.member_id] = entry
            moved(balance, entry.member_id, entry)
            for line in entry.lines:
                moved(stock, line.goods_code, entry)
        elif isinstance(entry, Refund):
            redemption = redemptions[entry.redemption_key]
            moved(balance, redemption.member_id, entry)
            for line in redemption.lines:
                moved(stock, line.goods_code, entry)
    return tuple(findings)
