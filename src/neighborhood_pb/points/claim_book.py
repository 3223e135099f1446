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
from neighborhood_pb.errors import NotAuthorisedError
from neighborhood_pb.points.authority import ReviewerAuthority
from neighborhood_pb.points.catalogue import Catalogue, ReviewPolicy, ServiceItem
from neighborhood_pb.points.entries import (
    AUTO_APPROVAL_SUFFIX,
    AUTOMATIC_REVIEWER,
    Approval,
    Claim,
    ClaimStatus,
    Rejection,
    Reversal,
)
from neighborhood_pb.points.entry_log import EntryLog, refuse
from neighborhood_pb.points.instants import local_day
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
        reversal: The key of the reversal of its approval, if any.
    """

    __slots__ = ("approval", "claim", "item", "reversal", "status")

    def __init__(self, claim: Claim, item: ServiceItem) -> None:
        """A pending claim."""
        self.claim = claim
        self.item = item
        self.status = ClaimStatus.PENDING
        self.approval: Approval | None = None
        self.reversal: str | None = None


class ClaimBook:
    """Claims (积分申报), their reviews (审核) and reversals, with the standings they earn.

    Attributes:
        standings: The derived figures, fed by approvals and reversals here and by the
            goods side's spending.
    """

    def __init__(
        self,
        log: EntryLog,
        catalogue: Catalogue,
        tree: OrgTree,
        authority: ReviewerAuthority,
        zone: str,
    ) -> None:
        """No claim yet; entries are logged in ``log``."""
        self._log = log
        self._catalogue = catalogue
        self._tree = tree
        self._authority = authority
        self._zone = zone
        self.standings = Standings(tree, self.member_claims)
        self._reports = TreeReports(tree)
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
    ) -> tuple[Claim, ...]:
        """A member's claims in the order made, optionally by status and service period."""
        result = []
        for state in self._by_member.get(member_id, ()):
            claim = state.claim
            if status is not None and state.status is not status:
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
            approval = Approval(
                key=claim.key + AUTO_APPROVAL_SUFFIX,
                claim_key=claim.key,
                at=claim.at,
                actor=AUTOMATIC_REVIEWER,
                automatic=True,
            )
            self._log.append(approval)
            self._approve(state, approval)

    def _check_reviewer(self, entry: Approval | Rejection | Reversal, claim: Claim) -> None:
        if entry.actor == claim.member_id:
            raise NotAuthorisedError(
                f"{type(entry).__name__.lower()} {entry.key}: {entry.actor} cannot review their "
                "own claim",
                subject=entry.key,
                rule="review.not_self",
            )
        day = local_day(entry.at, self._zone)
        holds_post, actor = self._authority.holds_post, entry.actor
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

    def append_review(self, review: Approval | Rejection) -> None:
        """Append the approval or rejection of a pending claim."""
        claim = self._log.typed(review.claim_key, Claim, "claim")
        assert isinstance(claim, Claim)
        state = self._claims[claim.key]
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
        self._check_reviewer(review, claim)
        self._log.append(review)
        if isinstance(review, Approval):
            self._approve(state, review)
        else:
            state.status = ClaimStatus.REJECTED

    def _approve(self, state: ClaimState, approval: Approval) -> None:
        state.status = ClaimStatus.APPROVED
        state.approval = approval
        self.standings._admit(state.claim, state.item)

    def append_reversal(self, reversal: Reversal) -> None:
        """Append the reversal of an approval, at most once."""
        approval = self._log.typed(reversal.approval_key, Approval, "approval")
        assert isinstance(approval, Approval)
        state = self._claims[approval.claim_key]
        if state.reversal is not None:
            raise refuse(
                f"reversal {reversal.key}: approval {approval.key} was already reversed by "
                f"{state.reversal}; an approval is reversed at most once",
                reversal.key,
                "approval.reverse_once",
            )
        if reversal.at < approval.at:
            raise refuse(
                f"reversal {reversal.key} at {reversal.at} precedes approval {approval.key}",
                reversal.key,
                "reversal.after_approval",
            )
        self._check_reviewer(reversal, state.claim)
        self._log.append(reversal)
        state.reversal = reversal.key
        state.status = ClaimStatus.REVERSED
        self.standings._withdraw(state.claim)
