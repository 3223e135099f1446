"""A naive model of the points ledger: every figure recomputed from the log by brute force.

Independent of the library's indices and of its grouping code: caps are checked by counting,
claim by claim, the earlier scoring claims of the same member, item and calendar cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from neighborhood_pb import Period
from neighborhood_pb.points import (
    Approval,
    Catalogue,
    Claim,
    ClaimStatus,
    Entry,
    Redemption,
    Refund,
    Rejection,
    Restock,
    Reversal,
)


def statuses(log: Sequence[Entry]) -> dict[str, ClaimStatus]:
    """Status of every claim after the log."""
    result: dict[str, ClaimStatus] = {}
    claim_of_approval: dict[str, str] = {}
    for entry in log:
        if isinstance(entry, Claim):
            result[entry.key] = ClaimStatus.PENDING
        elif isinstance(entry, Approval):
            result[entry.claim_key] = ClaimStatus.APPROVED
            claim_of_approval[entry.key] = entry.claim_key
        elif isinstance(entry, Rejection):
            result[entry.claim_key] = ClaimStatus.REJECTED
        elif isinstance(entry, Reversal):
            result[claim_of_approval[entry.approval_key]] = ClaimStatus.REVERSED
    return result


def approved_claims(log: Sequence[Entry]) -> list[Claim]:
    """Claims approved and not reversed."""
    status = statuses(log)
    return [e for e in log if isinstance(e, Claim) and status[e.key] is ClaimStatus.APPROVED]


def awards(log: Sequence[Entry], catalogue: Catalogue) -> dict[str, int]:
    """Points each approved claim scores under the cap rule, by brute force."""
    approved = sorted(approved_claims(log), key=lambda c: (c.service_date, c.key))
    result: dict[str, int] = {}
    for position, claim in enumerate(approved):
        item = catalogue.item(claim.item_code, claim.service_date)
        if item.cap is None:
            result[claim.key] = item.points
            continue
        cycle = Period.of(item.cap.per, claim.service_date)
        before = 0
        for other in approved[:position]:
            other_item = catalogue.item(other.item_code, other.service_date)
            if (
                other.member_id == claim.member_id
                and other.item_code == claim.item_code
                and other_item.cap is not None
                and other_item.cap.per is item.cap.per
                and cycle.contains(other.service_date)
                and result[other.key] > 0
            ):
                before += 1
        result[claim.key] = item.points if before < item.cap.awards else 0
    return result


def spent(log: Sequence[Entry]) -> dict[str, int]:
    """Points spent net of refunds per member."""
    result: dict[str, int] = {}
    redemptions: dict[str, Redemption] = {}
    for entry in log:
        if isinstance(entry, Redemption):
            redemptions[entry.key] = entry
            result[entry.member_id] = result.get(entry.member_id, 0) + entry.points
        elif isinstance(entry, Refund):
            redemption = redemptions[entry.redemption_key]
            result[redemption.member_id] -= redemption.points
    return result


def balances(log: Sequence[Entry], catalogue: Catalogue, members: Iterable[str]) -> dict[str, int]:
    """Earned minus spent per member."""
    scored = awards(log, catalogue)
    claims = {e.key: e for e in log if isinstance(e, Claim)}
    spending = spent(log)
    result = {}
    for member in members:
        earned = sum(p for key, p in scored.items() if claims[key].member_id == member)
        result[member] = earned - spending.get(member, 0)
    return result


def totals(log: Sequence[Entry], catalogue: Catalogue, period: Period) -> dict[str, int]:
    """Points per member for services in ``period`` (members with none absent)."""
    scored = awards(log, catalogue)
    claims = {e.key: e for e in log if isinstance(e, Claim)}
    result: dict[str, int] = {}
    for key, points in scored.items():
        claim = claims[key]
        if points and period.contains(claim.service_date):
            result[claim.member_id] = result.get(claim.member_id, 0) + points
    return result


def rank(scores: dict[str, int], member: str) -> int:
    """1 + the number of members with strictly more."""
    mine = scores.get(member, 0)
    return 1 + sum(1 for points in scores.values() if points > mine)


def stock(log: Sequence[Entry]) -> dict[str, int]:
    """Goods in stock."""
    result: dict[str, int] = {}
    redemptions: dict[str, Redemption] = {}
    for entry in log:
        if isinstance(entry, Restock):
            result[entry.goods_code] = result.get(entry.goods_code, 0) + entry.quantity
        elif isinstance(entry, Redemption):
            redemptions[entry.key] = entry
            for line in entry.lines:
                result[line.goods_code] = result.get(line.goods_code, 0) - line.quantity
        elif isinstance(entry, Refund):
            for line in redemptions[entry.redemption_key].lines:
                result[line.goods_code] += line.quantity
    return result


def moves(entry: Entry, log: Sequence[Entry]) -> tuple[set[str], set[str]]:
    """The members whose balance and the goods whose stock ``entry`` moves."""
    by_key = {e.key: e for e in log}
    if isinstance(entry, Approval | Reversal):
        approval = entry if isinstance(entry, Approval) else by_key[entry.approval_key]
        assert isinstance(approval, Approval)
        claim = by_key[approval.claim_key]
        assert isinstance(claim, Claim)
        return {claim.member_id}, set()
    if isinstance(entry, Restock):
        return set(), {entry.goods_code}
    if isinstance(entry, Redemption | Refund):
        redemption = entry if isinstance(entry, Redemption) else by_key[entry.redemption_key]
        assert isinstance(redemption, Redemption)
        return {redemption.member_id}, {line.goods_code for line in redemption.lines}
    return set(), set()


def latest_moving(log: Sequence[Entry], member: str, goods: Iterable[str]) -> object:
    """The latest instant of an entry moving ``member``'s balance or a stock of ``goods``."""
    wanted = set(goods)
    instants = [e.at for e in log if member in moves(e, log)[0] or wanted & moves(e, log)[1]]
    return max(instants, default=None)


def before_instant(log: Sequence[Entry], entry: Entry) -> list[Entry]:
    """The entries up to ``entry`` in time (ties in the order appended), ``entry`` included."""
    index = log.index(entry)
    return [e for i, e in enumerate(log) if (e.at, i) <= (entry.at, index)]


def figures_at_every_redemption(
    log: Sequence[Entry], catalogue: Catalogue
) -> list[tuple[str, int, dict[str, int]]]:
    """For each redemption: its key, its member's balance and the stock right after it,
    counting only the entries made up to its instant."""
    result = []
    for entry in log:
        if isinstance(entry, Redemption):
            then = before_instant(log, entry)
            balance = balances(then, catalogue, (entry.member_id,))[entry.member_id]
            result.append((entry.key, balance, stock(then)))
    return result


def statuses_before(log: Sequence[Entry], cut: object) -> dict[str, ClaimStatus]:
    """Status of every claim made before the instant ``cut``, from the entries made before."""
    return statuses([e for e in log if e.at < cut])  # type: ignore[operator]
