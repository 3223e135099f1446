"""Claims and their reviews (活动打卡与积分审核): the claim side of the points ledger.

:class:`ClaimBook` is a component of :class:`~neighborhood_pb.points.ledger.Ledger`: it owns
where each claim stands and the :class:`~neighborhood_pb.points.standings.Standings` its
approvals score in, and knows only the :class:`~neighborhood_pb.points.entry_log.EntryLog`
below it. Each ``append_*`` method validates an entry completely, then logs it and changes
the state; a refused entry leaves everything as it was.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.points.actors import EntryActors
from neighborhood_pb.points.authority import ReviewerAuthority
from neighborhood_pb.points.catalogue import Catalogue, ReviewPolicy, ServiceItem
from neighborhood_pb.points.entries import (
    Approval,
    Claim,
    ClaimStatus,
    Rejection,
    Reversal,
)
from neighborhood_pb.points.entry_log import EntryLog, refuse
from neighborhood_pb.points.instants import local_day
from neighborhood_pb.points.ordering import LatestInstants
from neighborhood_pb.points.reporting import TreeReports
from neighborhood_pb.points.standings import Standings
from neighborhood_pb.structure.records import Report
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["ClaimBook", "ClaimState"]


class ClaimState:
    """Where one claim stands: the ledger's only per-claim index (one lookup per entry).

    Attributes:
        claim: The claim.
        item: Its service item, as in effect on the service date.
        status: Pending, approved, rejected or reversed.
        approval: Its approval (reversed or not), if any.
        rejection: Its rejection, if any.
        reversal: The reversal of its approval, if any.
    """

    __slots__ = ("approval", "claim", "item", "rejection", "reversal", "status")

    def __init__(self, claim: Claim, item: ServiceItem) -> None:
        """A pending claim."""
        self.claim = claim
        self.item = item
        self.status = ClaimStatus.PENDING
        self.approval: Approval | None = None
        self.rejection: Rejection | None = None
        self.reversal: Reversal | None = None

    def status_before(self, cut: _dt.datetime) -> ClaimStatus | None:
        """Where the claim stood just before the instant ``cut`` (``None``: not made yet)."""
        if self.claim.at >= cut:
            return None
        if self.reversal is not None and self.reversal.at < cut:
            return ClaimStatus.REVERSED
        if self.approval is not None and self.approval.at < cut:
            return ClaimStatus.APPROVED
        if self.rejection is not None and self.rejection.at < cut:
            return ClaimStatus.REJECTED
        return ClaimStatus.PENDING


class ClaimBook:
    """Claims (积分申报), their reviews (审核) and reversals, with the standings they earn.

    Attributes:
        standings: The derived figures, fed by approvals and reversals here and by the
            goods side's spending.
        actors: Who may make each entry (shared with the goods side).
        latest: The latest instants moving each balance and stock (shared likewise).
    """

    def __init__(
        self,
        log: EntryLog,
        catalogue: Catalogue,
        tree: OrgTree,
        authority: ReviewerAuthority,
        zone: str,
        supermarket_org_id: str | None = None,
    ) -> None:
        """No claim yet; entries are logged in ``log``."""
        self._log = log
        self._catalogue = catalogue
        self._tree = tree
        self._authority = authority
        self._zone = zone
        self.standings = Standings(tree, self.member_claims)
        self._reports = TreeReports(tree)
        self.actors = EntryActors(tree, authority, self._reports, supermarket_org_id)
        self.latest = LatestInstants()
        self._claims: dict[str, ClaimState] = {}
        self._by_member: dict[str, list[ClaimState]] = {}

    # == queries ============================================================================

    def member_claims(self, member_id: str) -> Iterator[Claim]:
        """A member's claims in the order made, whatever their status."""
        return (state.claim for state in self._by_member.get(member_id, ()))

    def report_of(self, member_id: str, day: _dt.date) -> Report | None:
        """The member's report to a community in effect on ``day``, if any."""
        return self._reports.report_of(member_id, day)

    def state(self, claim_key: str) -> ClaimState:
        """Where a claim stands.

        Raises:
            UnknownRecordError: no such claim.
        """
        self._log.typed(claim_key, Claim, "claim")
        return self._claims[claim_key]

    def claims_of(
        self,
        member_id: str,
        *,
        status: ClaimStatus | None = None,
        period: Period | None = None,
        before: _dt.datetime | None = None,
    ) -> tuple[Claim, ...]:
        """A member's claims in the order made, optionally by status and service period.

        With ``before``, only the claims made before that instant count, each with its
        status as it stood then (entries made later are not seen).
        """
        result = []
        for state in self._by_member.get(member_id, ()):
            claim = state.claim
            if before is None:
                now: ClaimStatus | None = state.status
            else:
                now = state.status_before(before)
                if now is None:
                    continue
            if status is not None and now is not status:
                continue
            if period is not None and not period.contains(claim.service_date):
                continue
            result.append(claim)
        return tuple(result)

    # == appends: validate completely, then change ==========================================

    def append_claim(self, claim: Claim, report: Report | None) -> None:
        """Append a claim (and its automatic approval when the item is reviewed so).

        ``report`` is the member's report when the caller just read it.
        """
        day = claim.service_date
        if report is None:
            report = self._reports.report_of(claim.member_id, day)
        if report is None:
            raise refuse(
                f"claim {claim.key}: {claim.member_id} has no report to a community in effect "
                f"on {day}",
                claim.key,
                "claim.reported_member",
            )
        if (claim.community_id, claim.grid_id) != (report.community_id, report.grid_id):
            raise refuse(
                f"claim {claim.key} names {claim.community_id}/{claim.grid_id}, but "
                f"{claim.member_id} reported to {report.community_id}/{report.grid_id} on {day}",
                claim.key,
                "claim.community",
            )
        item = self._catalogue.item(claim.item_code, day)
        if item.evidence_required and not claim.evidence:
            raise refuse(
                f"claim {claim.key}: item {item.code} needs evidence", claim.key, "claim.evidence"
            )
        submitted = local_day(claim.at, self._zone)
        if day > submitted:
            raise refuse(
                f"claim {claim.key}: service on {day} is after the claim made on {submitted}",
                claim.key,
                "claim.service_not_future",
            )
        if claim.actor != claim.member_id:
            self.actors.check_claim(claim, submitted)
        if claim.household_id is not None:
            household = self._tree.territories.get(claim.household_id)
            if household.kind is not TerritoryKind.HOUSEHOLD:
                raise refuse(
                    f"claim {claim.key}: {household.id} is a {household.kind.label_zh}, not a "
                    "household",
                    claim.key,
                    "claim.household",
                )
        self._log.append(claim)
        state = self._claims[claim.key] = ClaimState(claim, item)
        self._by_member.setdefault(claim.member_id, []).append(state)
        if item.review is ReviewPolicy.AUTOMATIC:
            approval = Approval.of_automatic(claim)
            self._log.append(approval)
            self._approve(state, approval)

    def append_review(self, review: Approval | Rejection) -> None:
        """Append the approval or rejection of a pending claim."""
        state = self._claims.get(review.claim_key) or self.state(review.claim_key)
        claim = state.claim
        status = state.status
        if status is not ClaimStatus.PENDING:
            raise refuse(
                f"{type(review).__name__.lower()} {review.key}: claim {claim.key} is "
                f"{status.value}; only a pending claim is reviewed, once",
                review.key,
                "claim.transition",
            )
        if review.at < claim.at:
            raise refuse(
                f"{type(review).__name__.lower()} {review.key} at {review.at} precedes claim "
                f"{claim.key} at {claim.at}",
                review.key,
                "review.after_claim",
            )
        self.actors.check_review(review, claim, local_day(review.at, self._zone))
        self._log.append(review)
        if isinstance(review, Approval):
            self._approve(state, review)
        else:
            state.status = ClaimStatus.REJECTED
            state.rejection = review

    def _approve(self, state: ClaimState, approval: Approval) -> None:
        state.status = ClaimStatus.APPROVED
        state.approval = approval
        self.standings._admit(state.claim, state.item)
        self.latest.moved_balance(state.claim.member_id, approval.at)

    def append_reversal(self, reversal: Reversal) -> None:
        """Append the reversal of an approval, at most once."""
        approval = self._log.typed(reversal.approval_key, Approval, "approval")
        assert isinstance(approval, Approval)
        state = self._claims[approval.claim_key]
        if state.reversal is not None:
            raise refuse(
                f"reversal {reversal.key}: approval {approval.key} was already reversed by "
                f"{state.reversal.key}; an approval is reversed at most once",
                reversal.key,
                "approval.reverse_once",
            )
        if reversal.at < approval.at:
            raise refuse(
                f"reversal {reversal.key} at {reversal.at} precedes approval {approval.key}",
                reversal.key,
                "reversal.after_approval",
            )
        member_id = state.claim.member_id
        self.latest.check_reversal(reversal, member_id)
        self.actors.check_review(reversal, state.claim, local_day(reversal.at, self._zone))
        self._log.append(reversal)
        state.reversal = reversal
        state.status = ClaimStatus.REVERSED
        self.standings._withdraw(state.claim)
        self.latest.moved_balance(member_id, reversal.at)
