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

:class:`Ledger` is a thin facade: it builds each command's entry, refuses reused keys and
reserved ones, and hands the entry to the component that owns its part of the state, each
knowing only the ones below it: the log of entries (:mod:`.entry_log`), the claims and
their reviews with the standings they earn (:mod:`.claim_book`), and the stock with the
redemptions and refunds (:mod:`.goods_book`); :mod:`.ledger_audit` recomputes the figures.
Both books share the checks of who may make each entry (:mod:`.actors`) and the latest
instants that keep balances and stock sound at every instant (:mod:`.ordering`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping

import pendulum

from neighborhood_pb.calendar.periods import DEFAULT_ZONE, Period, as_date
from neighborhood_pb.errors import Finding
from neighborhood_pb.history import load_section
from neighborhood_pb.points.authority import ReviewerAuthority
from neighborhood_pb.points.catalogue import Catalogue
from neighborhood_pb.points.claim_book import ClaimBook
from neighborhood_pb.points.entries import (
    AUTO_APPROVAL_SUFFIX,
    Approval,
    Claim,
    ClaimStatus,
    Entry,
    Redemption,
    Refund,
    Rejection,
    Restock,
    Reversal,
)
from neighborhood_pb.points.entry_log import EntryLog, conflict, refuse
from neighborhood_pb.points.goods_book import GoodsBook
from neighborhood_pb.points.instants import as_instant, local_day
from neighborhood_pb.points.ledger_audit import back_dated, compare, recompute
from neighborhood_pb.points.ledger_records import LedgerRecords
from neighborhood_pb.points.redemption import Shelf
from neighborhood_pb.points.reopen import append_leniently
from neighborhood_pb.points.standings import StandingsSnapshot
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.records import Report
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["Ledger"]


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
        * a redemption never takes a balance or a stock below zero, at its instant: it is
          dated no earlier than any entry moving those figures, and a reversal no earlier
          than its member's latest redemption (:mod:`.ordering`);
        * every entry's actor has the authority its kind needs (:mod:`.actors`);
        * every figure in :attr:`standings` equals its recomputation from the entries.

    Attributes:
        catalogue: Service items and their points and caps.
        tree: Organisation tree with members' reports.
        authority: Who holds posts (for reviewer authority).
        shelf: Goods of the love supermarket.
        zone: Zone in which instants are turned into days (default Asia/Shanghai).
        supermarket_org_id: The organisation running the love supermarket, whose posts
            restock it (``None``, the default: the tree's root organisations).
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
        supermarket_org_id: str | None = None,
    ) -> None:
        """An empty ledger."""
        self.catalogue = catalogue
        self.tree = tree
        self.authority = authority
        self.shelf = shelf if shelf is not None else Shelf()
        self.zone = zone
        self.supermarket_org_id = supermarket_org_id
        local_day(_dt.datetime(2000, 1, 1, tzinfo=_dt.UTC), zone)  # fail early on a bad zone
        self._log = EntryLog()
        claims = ClaimBook(self._log, catalogue, tree, authority, zone, supermarket_org_id)
        self._claims = claims
        self.standings = claims.standings
        self._goods = GoodsBook(
            self._log, self.shelf, tree, self.standings, zone, claims.actors, claims.latest
        )

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
        supermarket_org_id: str | None = None,
    ) -> Ledger:
        """Rebuild a ledger by appending ``entries`` in order, each validated as a command.

        Raises:
            NeighborhoodPBError: the first entry that breaks a rule, marked with its
                ``section`` (``"entries"``) and its ``index``.
        """
        org_id = supermarket_org_id
        ledger = cls(catalogue, tree, authority, shelf=shelf, zone=zone, supermarket_org_id=org_id)
        load_section("entries", tuple(entries), ledger.append)
        return ledger

    @classmethod
    @collector_paused()
    def from_records(
        cls, records: LedgerRecords, tree: OrgTree, authority: ReviewerAuthority
    ) -> Ledger:
        """Rebuild a ledger from its :meth:`records` (errors as :meth:`from_entries`)."""
        ledger = cls._opened(records, tree, authority)
        load_section("entries", records.entries, ledger.append)
        return ledger

    @classmethod
    @collector_paused()
    def reopen(
        cls, records: LedgerRecords, tree: OrgTree, authority: ReviewerAuthority
    ) -> tuple[Ledger, tuple[Finding, ...]]:
        """Rebuild a ledger leniently (台账重新载入): the entries that still validate against
        ``tree`` and ``authority`` (edited since, perhaps), and one finding per entry that
        does not, naming the rule it breaks and any refused entry it rests on
        (:mod:`.reopen`).

        Raises:
            NeighborhoodPBError: an entry breaks a rule by itself, whatever the registers
                (:data:`~.reopen.INTRINSIC_RULES`), marked as in :meth:`from_entries`.
        """
        ledger = cls._opened(records, tree, authority)
        return ledger, append_leniently(ledger.append, records.entries)

    @classmethod
    def _opened(cls, records: LedgerRecords, tree: OrgTree, authority: ReviewerAuthority) -> Ledger:
        shelf, zone, org_id = Shelf(goods=records.goods), records.zone, records.supermarket_org_id
        return cls(
            records.catalogue, tree, authority, shelf=shelf, zone=zone, supermarket_org_id=org_id
        )

    def records(self) -> LedgerRecords:
        """Everything but the tree and the posts that :meth:`from_records` rebuilds this
        ledger from: the catalogue, the entries in the order appended, the goods."""
        return LedgerRecords(
            catalogue=self.catalogue,
            entries=self._log.entries(),
            goods=self.shelf.goods,
            zone=self.zone,
            supermarket_org_id=self.supermarket_org_id,
        )

    # == the log ============================================================================

    def __len__(self) -> int:
        return len(self._log)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._log.entries())

    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in the order appended."""
        return self._log.entries()

    def entry(self, key: str) -> Entry:
        """The entry with this idempotency key.

        Raises:
            UnknownRecordError: no such entry.
        """
        return self._log.entry(key)

    def status(self, claim_key: str) -> ClaimStatus:
        """Where a claim stands.

        Raises:
            UnknownRecordError: no such claim.
        """
        return self._claims.state(claim_key).status

    def approval_of(self, claim_key: str) -> Approval | None:
        """The approval of a claim (reversed or not), if any.

        Raises:
            UnknownRecordError: no such claim.
        """
        return self._claims.state(claim_key).approval

    def claims_of(
        self,
        member_id: str,
        *,
        status: ClaimStatus | None = None,
        period: Period | None = None,
        before: _dt.datetime | str | None = None,
    ) -> tuple[Claim, ...]:
        """A member's claims in the order made, optionally by status and service period.

        With ``before`` (an instant), the ledger as it stood then: only the claims made
        before it, each with the status it had then (later reviews and reversals unseen).
        """
        cut = None if before is None else as_instant(before, "before")
        return self._claims.claims_of(member_id, status=status, period=period, before=cut)

    def stock(self, goods_code: str) -> int:
        """Goods in stock: restocked minus redeemed plus refunded.

        Raises:
            UnknownRecordError: no such goods.
        """
        return self._goods.stock(goods_code)

    @property
    def _stock(self) -> dict[str, int]:
        """Goods in stock by code, as held (the dictionary itself, for audit tests)."""
        return self._goods.counts

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
            NotAuthorisedError: the actor is neither the member nor holds a post over the
                member's community.
            ConflictError: the key names an entry with other content.
        """
        day = service_date
        if type(day) is not pendulum.Date:  # the hot path passes a Date: no call then
            day = as_date(service_date, "service_date")
        existing = self._log.get(key)  # ``at`` is converted by the record, naming it
        if existing is not None and not isinstance(existing, Claim):
            raise conflict(key, existing)
        report: Report | None = None
        if existing is not None:
            community_id, grid_id = existing.community_id, existing.grid_id
        else:
            report = self._claims.report_of(member_id, day)
            if report is None:
                raise refuse(
                    f"claim {key}: {member_id} has no report to a community in effect on {day}",
                    key,
                    "claim.reported_member",
                )
            community_id, grid_id = report.community_id, report.grid_id
        entry = Claim.for_ledger(  # the constructor's record, not checking the report again
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
        if existing is not None or key.endswith(AUTO_APPROVAL_SUFFIX):
            result = self._submit(entry, report)  # the same claim again, or a reserved key
            assert isinstance(result, Claim)
            return result
        self._claims.append_claim(entry, report)  # a new key: what _submit would do
        return entry

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
        # the record converts ``at`` (naming the argument in an error): no second conversion
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
            RuleViolationError: it is already reversed, or the reversal precedes it or the
                member's latest redemption.
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
            NotAuthorisedError: the actor holds no post in the supermarket's organisation.
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
            RuleViolationError: goods not on sale, not enough in stock, not enough points,
                or an entry moving the balance or the stock is later than ``at``.
            NotAuthorisedError: the actor is neither the member nor goods staff.
            ConflictError: the key names an entry with other content.
        """
        at = as_instant(at, "at")
        existing = self._log.get(key)
        prices = {}
        if existing is not None:
            same_goods = isinstance(existing, Redemption) and set(goods) == {
                line.goods_code for line in existing.lines
            }
            if not same_goods:
                raise conflict(key, existing)
            assert isinstance(existing, Redemption)
            prices = {line.goods_code: line.unit_points for line in existing.lines}
        day = local_day(at, self.zone)
        entry = Redemption(
            key=key,
            member_id=member_id,
            lines=self._goods.lines(goods, day, prices),
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
            NotAuthorisedError: the actor is the member, or not goods staff.
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
        existing = self._log.get(entry.key)
        if existing is not None:
            if existing == entry:
                return existing
            raise conflict(entry.key, existing)
        automatic = isinstance(entry, Approval) and entry.automatic
        if entry.key.endswith(AUTO_APPROVAL_SUFFIX) or automatic:
            raise refuse(
                f"entry {entry.key}: automatic approvals and keys ending in "
                f"{AUTO_APPROVAL_SUFFIX!r} are made by the ledger only",
                entry.key,
                "entry.reserved_key",
            )
        if isinstance(entry, Claim):
            self._claims.append_claim(entry, report)
        elif isinstance(entry, Approval | Rejection):
            self._claims.append_review(entry)
        elif isinstance(entry, Reversal):
            self._claims.append_reversal(entry)
        elif isinstance(entry, Restock):
            self._goods.append_restock(entry)
        elif isinstance(entry, Redemption):
            self._goods.append_redemption(entry)
        else:
            self._goods.append_refund(entry)
        return entry

    # == audit ==============================================================================

    def recompute(self) -> tuple[StandingsSnapshot, dict[str, int]]:
        """Every derived figure and the stock, recomputed from the entries alone."""
        return recompute(self._log, self.catalogue)

    def audit(self) -> tuple[Finding, ...]:
        """Compare every derived figure with its recomputation from the entries.

        Returns:
            One ``ledger.derived_mismatch`` finding (error) per figure that differs, then one
            ``ledger.back_dated`` finding (error) per debit dated before an entry appended
            earlier that moved the same figures; none for a sound ledger.
        """
        expected, stock = self.recompute()
        found = compare(expected, stock, self.standings.snapshot(), self._goods.counts)
        return found + back_dated(self._log)
