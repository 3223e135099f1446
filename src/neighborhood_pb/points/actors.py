"""Who may make each kind of ledger entry (记账权限).

Every entry names its actor, and the ledger checks the actor's authority on the entry's day
(the day of its instant in the ledger's zone) before it appends the entry:

=============================  ===========================================================
entry                          actor
=============================  ===========================================================
claim (活动打卡)                the member, or someone holding a post over the member's
                               community (staff checking in on the member's behalf)
approval, rejection, reversal  someone holding a post over the member's community, never
                               the member
restock (进货)                  someone holding a post in the love supermarket's
                               organisation or above it
redemption (兑换)               the member (self-service), or someone holding a post over
                               the member's community or in the supermarket's organisation
                               or above it
refund (退还)                   as for a redemption's staff, never the member
=============================  ===========================================================

"A post over the member's community" is a post in an organisation covering the community of
the member's report, or in one of its ancestors (审核权限, :mod:`.authority`). The sources
name no owner of the love supermarket; by the library's default it serves the whole tree, so
a post in any of the tree's organisations qualifies, unless the ledger names the
supermarket's organisation (then a post in it or in an organisation above it).
"""

from __future__ import annotations

import pendulum

from neighborhood_pb.errors import NotAuthorisedError
from neighborhood_pb.points.authority import ReviewerAuthority
from neighborhood_pb.points.entries import Claim, Entry
from neighborhood_pb.points.reporting import TreeReports
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["EntryActors"]


def _kind(entry: Entry) -> str:
    return type(entry).__name__.lower()


class EntryActors:
    """Checks the actor of each entry (see the module's table).

    Attributes:
        supermarket_org_id: The organisation running the love supermarket (爱心超市);
            ``None``: any organisation of the tree.
    """

    __slots__ = ("_authority", "_reports", "_staff", "_tree", "supermarket_org_id")

    def __init__(
        self,
        tree: OrgTree,
        authority: ReviewerAuthority,
        reports: TreeReports,
        supermarket_org_id: str | None,
    ) -> None:
        """Checks against ``authority``'s posts in ``tree``."""
        self._tree = tree
        self._authority = authority
        self._reports = reports
        self.supermarket_org_id = supermarket_org_id
        self._staff: set[tuple[str, pendulum.Date]] = set()

    def over_community(self, person_id: str, community_id: str, day: pendulum.Date) -> bool:
        """Whether ``person_id`` holds a post over ``community_id`` on ``day``."""
        holds_post = self._authority.holds_post
        covering = self._tree.org_ids_covering(community_id, day)
        for org_id in covering:  # most posts are in the community's own organisation
            if holds_post(person_id, org_id, day):
                return True
        return any(
            holds_post(person_id, org_id, day)
            for org_id in self._reports.ancestors_beyond(covering, day)
        )

    def supermarket_orgs(self, day: pendulum.Date) -> tuple[str, ...]:
        """Ids of the supermarket's organisation and those above it on ``day`` (unnamed:
        every organisation of the tree)."""
        org_id = self.supermarket_org_id
        if org_id is None:
            return tuple(org.id for org in self._tree.orgs(day))
        return (org_id, *(org.id for org in self._tree.ancestors(org_id, day)))

    def in_supermarket(self, person_id: str, day: pendulum.Date) -> bool:
        """Whether ``person_id`` holds a post in the supermarket's organisation or above.

        A yes is remembered for the day: goods entries come in runs, and without a named
        organisation the answer looks at every organisation of the tree.
        """
        if (person_id, day) in self._staff:
            return True
        holds_post = self._authority.holds_post
        if any(holds_post(person_id, org_id, day) for org_id in self.supermarket_orgs(day)):
            self._staff.add((person_id, day))
            return True
        return False

    def check_claim(self, claim: Claim, day: pendulum.Date) -> None:
        """A claim is made by its member or by staff over the member's community.

        Raises:
            NotAuthorisedError: anyone else.
        """
        if claim.actor == claim.member_id or self.over_community(
            claim.actor, claim.community_id, day
        ):
            return
        raise NotAuthorisedError(
            f"claim {claim.key}: {claim.actor} is not {claim.member_id} and holds no post on "
            f"{day} over {claim.community_id}",
            subject=claim.key,
            rule="claim.actor",
        )

    def check_review(self, entry: Entry, claim: Claim, day: pendulum.Date) -> None:
        """An approval, rejection or reversal is made by someone other than the member who
        holds a post over the claim's community.

        Raises:
            NotAuthorisedError: the member, or someone without such a post.
        """
        if entry.actor == claim.member_id:
            raise NotAuthorisedError(
                f"{_kind(entry)} {entry.key}: {entry.actor} cannot review their own claim",
                subject=entry.key,
                rule="review.not_self",
            )
        if self.over_community(entry.actor, claim.community_id, day):
            return
        orgs = self._reports.reviewing_orgs(claim.community_id, day)
        raise NotAuthorisedError(
            f"{_kind(entry)} {entry.key}: {entry.actor} holds no post on {day} in the "
            f"organisations over {claim.community_id} ({', '.join(orgs)})",
            subject=entry.key,
            rule="review.authority",
        )

    def check_restock(self, entry: Entry, day: pendulum.Date) -> None:
        """A restock is made by someone holding a post in the supermarket's organisation.

        Raises:
            NotAuthorisedError: anyone else.
        """
        if self.in_supermarket(entry.actor, day):
            return
        raise NotAuthorisedError(
            f"restock {entry.key}: {entry.actor} holds no post on {day} in the love "
            "supermarket's organisations",
            subject=entry.key,
            rule="restock.actor",
        )

    def _goods_staff(self, person_id: str, member_id: str, day: pendulum.Date) -> bool:
        """Whether ``person_id`` holds a post over the member's community (of the report in
        effect on ``day``) or in the supermarket's organisation."""
        report = self._reports.report_of(member_id, day)
        if report is not None and self.over_community(person_id, report.community_id, day):
            return True
        return self.in_supermarket(person_id, day)

    def check_redemption(self, entry: Entry, member_id: str, day: pendulum.Date) -> None:
        """A redemption is made by its member or handed over by goods staff.

        Raises:
            NotAuthorisedError: anyone else.
        """
        if entry.actor == member_id or self._goods_staff(entry.actor, member_id, day):
            return
        raise NotAuthorisedError(
            f"redemption {entry.key}: {entry.actor} is not {member_id} and holds no post on "
            f"{day} over the member's community or in the love supermarket's organisations",
            subject=entry.key,
            rule="redemption.actor",
        )

    def check_refund(self, entry: Entry, member_id: str, day: pendulum.Date) -> None:
        """A refund is made by goods staff other than the member.

        Raises:
            NotAuthorisedError: the member, or anyone without such a post.
        """
        if entry.actor == member_id:
            raise NotAuthorisedError(
                f"refund {entry.key}: {entry.actor} cannot refund their own redemption",
                subject=entry.key,
                rule="refund.not_self",
            )
        if self._goods_staff(entry.actor, member_id, day):
            return
        raise NotAuthorisedError(
            f"refund {entry.key}: {entry.actor} holds no post on {day} over the member's "
            "community or in the love supermarket's organisations",
            subject=entry.key,
            rule="refund.actor",
        )
