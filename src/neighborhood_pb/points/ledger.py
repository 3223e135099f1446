"""The points ledger (积分台账): an append-only log an auditor can trust.

Every command builds one entry (or, for an item reviewed automatically, a claim and its
automatic approval), validates it completely against the catalogue, the organisation tree,
the reviewer authority and the entries so far, and only then appends it. A rejected command
raises a typed error naming the entry and the rule, and leaves the ledger exactly as it was.
Submitting an idempotency key again with the same content returns the original entry and
counts nothing twice; the same key with other content is refused.

Allowed transitions: a pending claim is approved or rejected, once; an approval is reversed,
at most once (the claim is then reversed for good); a redemption is refunded, at most once.
Balances, totals, ranks, levels and stock are derived (:class:`Standings`), and
:meth:`Ledger.audit` compares them with a recomputation from the entries alone.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping

from neighborhood_pb.calendar.periods import DEFAULT_ZONE, Period, as_date
from neighborhood_pb.errors import (
    ConflictError,
    Finding,
    NotAuthorisedError,
    RuleViolationError,
    Severity,
    UnknownRecordError,
)
from neighborhood_pb.history import load_section
from neighborhood_pb.points.authority import ReviewerAuthority
from neighborhood_pb.points.catalogue import Catalogue, ReviewPolicy, ServiceItem
from neighborhood_pb.points.entries import (
    AUTO_APPROVAL_SUFFIX,
    AUTOMATIC_REVIEWER,
    Approval,
    Claim,
    ClaimStatus,
    Entry,
    Redemption,
    RedemptionLine,
    Refund,
    Rejection,
    Restock,
    Reversal,
)
from neighborhood_pb.points.instants import as_instant, local_day
from neighborhood_pb.points.redemption import Shelf
from neighborhood_pb.points.reporting import TreeReports
from neighborhood_pb.points.standings import Standings, StandingsSnapshot, snapshot_from_scratch
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.records import Report
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["Ledger"]


def _refuse(message: str, subject: str, rule: str) -> RuleViolationError:
    return RuleViolationError(message, subject=subject, rule=rule)


def _conflict(key: str, existing: Entry) -> ConflictError:
    return ConflictError(
        f"key {key} already names a {type(existing).__name__.lower()} with other content; an "
        "idempotency key is submitted again only with the same content",
        subject=key,
        rule="entry.idempotency_key",
    )


class _ClaimState:
    """Where one claim stands: the ledger's only per-claim index (one lookup per entry)."""

    __slots__ = ("approval", "claim", "item", "reversal", "status")

    def __init__(self, claim: Claim, item: ServiceItem) -> None:
        self.claim = claim
        self.item = item
        self.status = ClaimStatus.PENDING
        self.approval: Approval | None = None
        self.reversal: str | None = None


class Ledger:
    """Append-only points ledger for in-service members, with derived standings.

    Invariants:
        * entries are only appended; each idempotency key names exactly one entry;
        * a claim's member has a report in effect on the service date, and the claim
          records that report's community and grid;
        * a claim's item is in effect on its service date, evidence is attached when the
          item requires it, and the service date is not after the claim's day;
        * reviews follow their claim in time and are made by someone other than the member
          who holds a post in the organisation covering the member's community, or above it;
        * a claim is approved or rejected at most once, an approval reversed at most once,
          a redemption refunded at most once;
        * a redemption never takes a balance or a stock below zero;
        * every figure in :attr:`standings` equals its recomputation from the entries.

    Attributes:
        catalogue: Service items and their points and caps.
        tree: Organisation tree with members' reports.
        authority: Who holds posts (for reviewer authority).
        shelf: Goods of the love supermarket.
        zone: Zone in which instants are turned into days (default Asia/Shanghai).
        standings: The derived figures.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        tree: OrgTree,
        authority: ReviewerAuthority,
        *,
        shelf: Shelf | None = None,
        zone: str = DEFAULT_ZONE,
    ) -> None:
        """An empty ledger."""
        self.catalogue = catalogue
        self.tree = tree
        self.authority = authority
        self.shelf = shelf if shelf is not None else Shelf()
        self.zone = zone
        local_day(_dt.datetime(2000, 1, 1, tzinfo=_dt.UTC), zone)  # fail early on a bad zone
        self.standings = Standings(tree, self._member_claims)
        self._reports = TreeReports(tree)
        self._entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._claims: dict[str, _ClaimState] = {}
        self._refunded: dict[str, str] = {}
        self._claims_by_member: dict[str, list[_ClaimState]] = {}
        self._stock: dict[str, int] = {}

    @classmethod
    @collector_paused()
    def from_entries(
        cls,
        catalogue: Catalogue,
        tree: OrgTree,
        authority: ReviewerAuthority,
        entries: Iterable[Entry],
        *,
        shelf: Shelf | None = None,
        zone: str = DEFAULT_ZONE,
    ) -> Ledger:
        """Rebuild a ledger by appending ``entries`` in order, each validated as a command.

        Raises:
            NeighborhoodPBError: the first entry that breaks a rule, marked with its
                ``section`` (``"entries"``) and its ``index``.
        """
        ledger = cls(catalogue, tree, authority, shelf=shelf, zone=zone)
        load_section("entries", tuple(entries), ledger.append)
        return ledger

    def _member_claims(self, member_id: str) -> Iterator[Claim]:
        return (state.claim for state in self._claims_by_member.get(member_id, ()))

    # == the log ============================================================================

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(tuple(self._entries))

    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in the order appended."""
        return tuple(self._entries)

    def entry(self, key: str) -> Entry:
        """The entry with this idempotency key.

        Raises:
            UnknownRecordError: no such entry.
        """
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownRecordError(
                f"no ledger entry {key}", subject=key, rule="reference.exists"
            ) from None

    def _typed(self, key: str, kind: type[Entry], label: str) -> Entry:
        found = self._by_key.get(key)
        if not isinstance(found, kind):
            raise UnknownRecordError(f"no {label} {key}", subject=key, rule="reference.exists")
        return found

    def status(self, claim_key: str) -> ClaimStatus:
        """Where a claim stands.

        Raises:
            UnknownRecordError: no such claim.
        """
        self._typed(claim_key, Claim, "claim")
        return self._claims[claim_key].status

    def approval_of(self, claim_key: str) -> Approval | None:
        """The approval of a claim (reversed or not), if any.

        Raises:
            UnknownRecordError: no such claim.
        """
        self._typed(claim_key, Claim, "claim")
        return self._claims[claim_key].approval

    def claims_of(
        self,
        member_id: str,
        *,
        status: ClaimStatus | None = None,
        period: Period | None = None,
    ) -> tuple[Claim, ...]:
        """A member's claims in the order made, optionally by status and service period."""
        result = []
        for state in self._claims_by_member.get(member_id, ()):
            claim = state.claim
            if status is not None and state.status is not status:
                continue
            if period is not None and not period.contains(claim.service_date):
                continue
            result.append(claim)
        return tuple(result)

    def stock(self, goods_code: str) -> int:
        """Goods in stock: restocked minus redeemed plus refunded.

        Raises:
            UnknownRecordError: no such goods.
        """
        self.shelf.versions(goods_code)
        return self._stock.get(goods_code, 0)

    def balance(self, member_id: str) -> int:
        """A member's balance (see :meth:`Standings.balance`)."""
        return self.standings.balance(member_id)

    # == commands ===========================================================================

    def claim(
        self,
        *,
        key: str,
        member_id: str,
        item_code: str,
        service_date: _dt.date | str,
        at: _dt.datetime | str,
        actor: str | None = None,
        evidence: Iterable[str] = (),
        household_id: str | None = None,
        note: str = "",
    ) -> Claim:
        """Check in a service (活动打卡); items reviewed automatically are approved at once.

        The claim records the community and grid of the member's report in effect on the
        service date.

        Raises:
            UnknownRecordError: no such item or household.
            RuleViolationError: the member has no report then, the item is not in effect,
                evidence is missing, or the service date is after the claim's day.
            ConflictError: the key names an entry with other content.
        """
        day = as_date(service_date, "service_date")
        at = as_instant(at, "at")
        existing = self._by_key.get(key)
        if existing is not None and not isinstance(existing, Claim):
            raise _conflict(key, existing)
        report: Report | None = None
        if existing is not None:
            community_id, grid_id = existing.community_id, existing.grid_id
        else:
            report = self._reports.report_of(member_id, day)
            if report is None:
                raise _refuse(
                    f"claim {key}: {member_id} has no report to a community in effect on {day}",
                    key,
                    "claim.reported_member",
                )
            community_id, grid_id = report.community_id, report.grid_id
        entry = Claim(
            key=key,
            member_id=member_id,
            item_code=item_code,
            service_date=day,
            at=at,
            actor=actor if actor is not None else member_id,
            community_id=community_id,
            grid_id=grid_id,
            household_id=household_id,
            evidence=tuple(evidence),
            note=note,
        )
        result = self._submit(entry, report)
        assert isinstance(result, Claim)
        return result

    def approve(
        self, *, key: str, claim_key: str, reviewer_id: str, at: _dt.datetime | str
    ) -> Approval:
        """Approve a pending claim (积分审核通过).

        Raises:
            UnknownRecordError: no such claim.
            RuleViolationError: the claim is not pending, or the review precedes the claim.
            NotAuthorisedError: the reviewer is the member or holds no post over the
                member's community.
            ConflictError: the key names an entry with other content.
        """
        at = as_instant(at, "at")
        result = self.append(Approval(key=key, claim_key=claim_key, at=at, actor=reviewer_id))
        assert isinstance(result, Approval)
        return result

    def reject(
        self, *, key: str, claim_key: str, reviewer_id: str, at: _dt.datetime | str, reason: str
    ) -> Rejection:
        """Reject a pending claim, saying why (errors as :meth:`approve`)."""
        at = as_instant(at, "at")
        entry = Rejection(key=key, claim_key=claim_key, at=at, actor=reviewer_id, reason=reason)
        result = self.append(entry)
        assert isinstance(result, Rejection)
        return result

    def reverse(
        self, *, key: str, approval_key: str, reviewer_id: str, at: _dt.datetime | str, reason: str
    ) -> Reversal:
        """Reverse an approval, at most once; the claim stops scoring for good.

        Raises:
            UnknownRecordError: no such approval.
            RuleViolationError: it is already reversed, or the reversal precedes it.
            NotAuthorisedError: as for a review.
            ConflictError: the key names an entry with other content.
        """
        at = as_instant(at, "at")
        entry = Reversal(
            key=key, approval_key=approval_key, at=at, actor=reviewer_id, reason=reason
        )
        result = self.append(entry)
        assert isinstance(result, Reversal)
        return result

    def restock(
        self, *, key: str, goods_code: str, quantity: int, at: _dt.datetime | str, actor: str
    ) -> Restock:
        """Bring goods into the love supermarket.

        Raises:
            UnknownRecordError: no such goods.
            ConflictError: the key names an entry with other content.
        """
        at = as_instant(at, "at")
        entry = Restock(key=key, goods_code=goods_code, quantity=quantity, at=at, actor=actor)
        result = self.append(entry)
        assert isinstance(result, Restock)
        return result

    def redeem(
        self,
        *,
        key: str,
        member_id: str,
        goods: Mapping[str, int],
        at: _dt.datetime | str,
        actor: str | None = None,
    ) -> Redemption:
        """Spend points on goods at their price that day: every line or none.

        Raises:
            UnknownRecordError: no such member or goods.
            RuleViolationError: goods not on sale, not enough in stock, or not enough points.
            ConflictError: the key names an entry with other content.
        """
        at = as_instant(at, "at")
        existing = self._by_key.get(key)
        prices = {}
        if existing is not None:
            same_goods = isinstance(existing, Redemption) and set(goods) == {
                line.goods_code for line in existing.lines
            }
            if not same_goods:
                raise _conflict(key, existing)
            assert isinstance(existing, Redemption)
            prices = {line.goods_code: line.unit_points for line in existing.lines}
        day = local_day(at, self.zone)
        lines = [
            RedemptionLine(
                goods_code=code,
                quantity=quantity,
                unit_points=prices[code] if code in prices else self.shelf.price(code, day).points,
            )
            for code, quantity in goods.items()
        ]
        entry = Redemption(
            key=key,
            member_id=member_id,
            lines=tuple(lines),
            at=at,
            actor=actor if actor is not None else member_id,
        )
        result = self.append(entry)
        assert isinstance(result, Redemption)
        return result

    def refund(
        self, *, key: str, redemption_key: str, at: _dt.datetime | str, actor: str, reason: str
    ) -> Refund:
        """Give a redemption back in full, at most once: points and stock return.

        Raises:
            UnknownRecordError: no such redemption.
            RuleViolationError: it is already refunded, or the refund precedes it.
            ConflictError: the key names an entry with other content.
        """
        at = as_instant(at, "at")
        entry = Refund(key=key, redemption_key=redemption_key, at=at, actor=actor, reason=reason)
        result = self.append(entry)
        assert isinstance(result, Refund)
        return result

    # == append: validate completely, then change ===========================================

    def append(self, entry: Entry) -> Entry:
        """Append one entry after validating it; returns the entry now in the ledger.

        Resubmitting an entry equal to the one its key names returns that one and changes
        nothing.

        Raises:
            NeighborhoodPBError: the entry breaks a rule (see the commands).
        """
        return self._submit(entry, None)

    def _submit(self, entry: Entry, report: Report | None) -> Entry:
        """Append ``entry``; ``report`` is the claim's report when the caller just read it."""
        existing = self._by_key.get(entry.key)
        if existing is not None:
            if existing == entry:
                return existing
            raise _conflict(entry.key, existing)
        automatic = isinstance(entry, Approval) and entry.automatic
        if entry.key.endswith(AUTO_APPROVAL_SUFFIX) or automatic:
            raise _refuse(
                f"entry {entry.key}: automatic approvals and keys ending in "
                f"{AUTO_APPROVAL_SUFFIX!r} are made by the ledger only",
                entry.key,
                "entry.reserved_key",
            )
        if isinstance(entry, Claim):
            self._append_claim(entry, report)
        elif isinstance(entry, Approval | Rejection):
            self._append_review(entry)
        elif isinstance(entry, Reversal):
            self._append_reversal(entry)
        elif isinstance(entry, Restock):
            self._append_restock(entry)
        elif isinstance(entry, Redemption):
            self._append_redemption(entry)
        else:
            self._append_refund(entry)
        return entry

    def _log(self, entry: Entry) -> None:
        self._entries.append(entry)
        self._by_key[entry.key] = entry

    def _append_claim(self, claim: Claim, report: Report | None) -> None:
        day = claim.service_date
        if report is None:
            report = self._reports.report_of(claim.member_id, day)
        if report is None:
            raise _refuse(
                f"claim {claim.key}: {claim.member_id} has no report to a community in effect "
                f"on {day}",
                claim.key,
                "claim.reported_member",
            )
        if (claim.community_id, claim.grid_id) != (report.community_id, report.grid_id):
            raise _refuse(
                f"claim {claim.key} names {claim.community_id}/{claim.grid_id}, but "
                f"{claim.member_id} reported to {report.community_id}/{report.grid_id} on {day}",
                claim.key,
                "claim.community",
            )
        item = self.catalogue.item(claim.item_code, day)
        if item.evidence_required and not claim.evidence:
            raise _refuse(
                f"claim {claim.key}: item {item.code} needs evidence", claim.key, "claim.evidence"
            )
        submitted = local_day(claim.at, self.zone)
        if day > submitted:
            raise _refuse(
                f"claim {claim.key}: service on {day} is after the claim made on {submitted}",
                claim.key,
                "claim.service_not_future",
            )
        if claim.household_id is not None:
            household = self.tree.territories.get(claim.household_id)
            if household.kind is not TerritoryKind.HOUSEHOLD:
                raise _refuse(
                    f"claim {claim.key}: {household.id} is a {household.kind.label_zh}, not a "
                    "household",
                    claim.key,
                    "claim.household",
                )
        self._log(claim)
        state = self._claims[claim.key] = _ClaimState(claim, item)
        self._claims_by_member.setdefault(claim.member_id, []).append(state)
        if item.review is ReviewPolicy.AUTOMATIC:
            approval = Approval(
                key=claim.key + AUTO_APPROVAL_SUFFIX,
                claim_key=claim.key,
                at=claim.at,
                actor=AUTOMATIC_REVIEWER,
                automatic=True,
            )
            self._log(approval)
            self._approve(state, approval)

    def _check_reviewer(self, entry: Approval | Rejection | Reversal, claim: Claim) -> None:
        if entry.actor == claim.member_id:
            raise NotAuthorisedError(
                f"{type(entry).__name__.lower()} {entry.key}: {entry.actor} cannot review their "
                "own claim",
                subject=entry.key,
                rule="review.not_self",
            )
        day = local_day(entry.at, self.zone)
        holds_post, actor = self.authority.holds_post, entry.actor
        for org_id in self._reports.iter_reviewing_orgs(claim.community_id, day):
            if holds_post(actor, org_id, day):
                return
        orgs = self._reports.reviewing_orgs(claim.community_id, day)
        raise NotAuthorisedError(
            f"{type(entry).__name__.lower()} {entry.key}: {entry.actor} holds no post on "
            f"{day} in the organisations over {claim.community_id} ({', '.join(orgs)})",
            subject=entry.key,
            rule="review.authority",
        )

    def _append_review(self, review: Approval | Rejection) -> None:
        claim = self._typed(review.claim_key, Claim, "claim")
        assert isinstance(claim, Claim)
        state = self._claims[claim.key]
        status = state.status
        if status is not ClaimStatus.PENDING:
            raise _refuse(
                f"{type(review).__name__.lower()} {review.key}: claim {claim.key} is "
                f"{status.value}; only a pending claim is reviewed, once",
                review.key,
                "claim.transition",
            )
        if review.at < claim.at:
            raise _refuse(
                f"{type(review).__name__.lower()} {review.key} at {review.at} precedes claim "
                f"{claim.key} at {claim.at}",
                review.key,
                "review.after_claim",
            )
        self._check_reviewer(review, claim)
        self._log(review)
        if isinstance(review, Approval):
            self._approve(state, review)
        else:
            state.status = ClaimStatus.REJECTED

    def _approve(self, state: _ClaimState, approval: Approval) -> None:
        state.status = ClaimStatus.APPROVED
        state.approval = approval
        self.standings._admit(state.claim, state.item)

    def _append_reversal(self, reversal: Reversal) -> None:
        approval = self._typed(reversal.approval_key, Approval, "approval")
        assert isinstance(approval, Approval)
        state = self._claims[approval.claim_key]
        if state.reversal is not None:
            raise _refuse(
                f"reversal {reversal.key}: approval {approval.key} was already reversed by "
                f"{state.reversal}; an approval is reversed at most once",
                reversal.key,
                "approval.reverse_once",
            )
        if reversal.at < approval.at:
            raise _refuse(
                f"reversal {reversal.key} at {reversal.at} precedes approval {approval.key}",
                reversal.key,
                "reversal.after_approval",
            )
        self._check_reviewer(reversal, state.claim)
        self._log(reversal)
        state.reversal = reversal.key
        state.status = ClaimStatus.REVERSED
        self.standings._withdraw(state.claim)

    def _append_restock(self, restock: Restock) -> None:
        self.shelf.versions(restock.goods_code)
        self._log(restock)
        self._stock[restock.goods_code] = self._stock.get(restock.goods_code, 0) + restock.quantity

    def _append_redemption(self, redemption: Redemption) -> None:
        self.tree.person(redemption.member_id)
        day = local_day(redemption.at, self.zone)
        for line in redemption.lines:
            goods = self.shelf.price(line.goods_code, day)
            if goods.points != line.unit_points:
                raise _refuse(
                    f"redemption {redemption.key}: {goods.code} costs {goods.points} points on "
                    f"{day}, not {line.unit_points}",
                    redemption.key,
                    "redemption.price",
                )
            in_stock = self._stock.get(line.goods_code, 0)
            if line.quantity > in_stock:
                raise _refuse(
                    f"redemption {redemption.key}: {line.quantity} × {goods.code} asked, "
                    f"{in_stock} in stock",
                    redemption.key,
                    "redemption.stock",
                )
        balance = self.standings.balance(redemption.member_id)
        if redemption.points > balance:
            raise _refuse(
                f"redemption {redemption.key}: {redemption.points} points asked, "
                f"{redemption.member_id} has {balance}",
                redemption.key,
                "redemption.balance",
            )
        self._log(redemption)
        for line in redemption.lines:
            self._stock[line.goods_code] -= line.quantity
        self.standings._spend(redemption.member_id, redemption.points)

    def _append_refund(self, refund: Refund) -> None:
        redemption = self._typed(refund.redemption_key, Redemption, "redemption")
        assert isinstance(redemption, Redemption)
        done = self._refunded.get(redemption.key)
        if done is not None:
            raise _refuse(
                f"refund {refund.key}: redemption {redemption.key} was already refunded by "
                f"{done}; a redemption is refunded at most once",
                refund.key,
                "redemption.refund_once",
            )
        if refund.at < redemption.at:
            raise _refuse(
                f"refund {refund.key} at {refund.at} precedes redemption {redemption.key}",
                refund.key,
                "refund.after_redemption",
            )
        self._log(refund)
        self._refunded[redemption.key] = refund.key
        for line in redemption.lines:
            self._stock[line.goods_code] += line.quantity
        self.standings._spend(redemption.member_id, -redemption.points)

    # == audit ==============================================================================

    def recompute(self) -> tuple[StandingsSnapshot, dict[str, int]]:
        """Every derived figure and the stock, recomputed from the entries alone."""
        approved: dict[str, Claim] = {}
        claims: dict[str, Claim] = {}
        approvals: dict[str, Approval] = {}
        redemptions: dict[str, Redemption] = {}
        spent: dict[str, int] = {}
        stock: dict[str, int] = {}
        for entry in self._entries:
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
            (claim, self.catalogue.item(claim.item_code, claim.service_date))
            for claim in approved.values()
        )
        return snapshot_from_scratch(pairs, spent), stock

    def audit(self) -> tuple[Finding, ...]:
        """Compare every derived figure with its recomputation from the entries.

        Returns:
            One ``ledger.derived_mismatch`` finding (error) per figure that differs; none for
            a sound ledger.
        """
        expected, stock = self.recompute()
        actual = self.standings.snapshot()
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
        held = {code: count for code, count in self._stock.items() if count}
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
