"""Ledger commands: each rule, each error path, and the ledger left unchanged on refusal."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest

from neighborhood_pb import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    NotAuthorisedError,
    Period,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.points import (
    AUTO_APPROVAL_SUFFIX,
    AUTOMATIC_REVIEWER,
    Approval,
    Claim,
    ClaimStatus,
    Ledger,
    Redemption,
    RedemptionLine,
    ReviewPolicy,
)
from neighborhood_pb.testing.points import PointsWorld, build_points_world

ZONE = "Asia/Shanghai"


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2024, month, day, hour, tz=ZONE)


def d(month: int, day: int) -> pendulum.Date:
    return pendulum.Date(2024, month, day)


@pytest.fixture
def world() -> PointsWorld:
    return build_points_world()


@pytest.fixture
def ledger(world: PointsWorld) -> Ledger:
    return world.ledger()


def state(ledger: Ledger) -> object:
    return (
        ledger.entries(),
        ledger.standings.snapshot(),
        ledger.stock("soap"),
        ledger.stock("rice"),
        {c.key: ledger.status(c.key) for c in ledger.entries() if isinstance(c, Claim)},
    )


def refused(
    ledger: Ledger, error: type[NeighborhoodPBError], rule: str, command: Callable[[], object]
) -> NeighborhoodPBError:
    before = state(ledger)
    with pytest.raises(error) as caught:
        command()
    assert caught.value.rule == rule
    assert state(ledger) == before
    return caught.value


def visit(ledger: Ledger, key: str = "c1", member: str = "M1-0", day: int = 2) -> Claim:
    return ledger.claim(
        key=key, member_id=member, item_code="visit", service_date=d(3, day), at=at(3, day)
    )


# == claims ================================================================================


def test_a_claim_records_the_members_report_and_waits_for_review(ledger: Ledger) -> None:
    claim = visit(ledger)
    assert (claim.community_id, claim.grid_id, claim.actor) == ("C1", "G1", "M1-0")
    assert ledger.status("c1") is ClaimStatus.PENDING
    assert ledger.approval_of("c1") is None
    assert ledger.balance("M1-0") == 0
    other = visit(ledger, key="c2", member="M2-0")
    assert (other.community_id, other.grid_id) == ("C2", None)


def test_an_automatic_item_is_approved_by_the_ledger_at_once(ledger: Ledger) -> None:
    claim = ledger.claim(
        key="t1", member_id="M1-1", item_code="talk", service_date=d(3, 1), at=at(3, 1)
    )
    approval = ledger.approval_of("t1")
    assert approval == Approval(
        key="t1" + AUTO_APPROVAL_SUFFIX,
        claim_key="t1",
        at=claim.at,
        actor=AUTOMATIC_REVIEWER,
        automatic=True,
    )
    assert [type(e) for e in ledger.entries()] == [Claim, Approval]
    assert ledger.status("t1") is ClaimStatus.APPROVED
    assert ledger.balance("M1-1") == 1


def test_a_claim_by_someone_without_a_report_is_refused(ledger: Ledger) -> None:
    refused(
        ledger,
        RuleViolationError,
        "claim.reported_member",
        lambda: visit(ledger, member="X"),
    )
    refused(
        ledger,
        RuleViolationError,
        "claim.reported_member",
        lambda: ledger.claim(
            key="old",
            member_id="M1-0",
            item_code="visit",
            service_date="2023-12-31",
            at=at(1, 2),
        ),
    )


def test_a_claim_record_must_name_the_members_own_community(ledger: Ledger) -> None:
    wrong = Claim(
        key="c9",
        member_id="M1-0",
        item_code="visit",
        service_date=d(3, 1),
        at=at(3, 1),
        actor="M1-0",
        community_id="C2",
    )
    refused(ledger, RuleViolationError, "claim.community", lambda: ledger.append(wrong))
    refused(
        ledger,
        RuleViolationError,
        "claim.reported_member",
        lambda: ledger.append(attrs.evolve(wrong, member_id="X")),
    )


def test_unknown_and_out_of_date_items_are_refused(world: PointsWorld, ledger: Ledger) -> None:
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.claim(
            key="c1", member_id="M1-0", item_code="nope", service_date=d(3, 1), at=at(3, 1)
        ),
    )
    ended = attrs.evolve(
        world.catalogue,
        items=(
            attrs.evolve(
                world.catalogue.versions("visit")[0],
                period=Period(start="2024-01-01", end="2024-02-01"),
            ),
        ),
    )
    short = Ledger(ended, world.tree, world.authority, shelf=world.shelf)
    refused(
        short,
        RuleViolationError,
        "catalogue.item_in_effect",
        lambda: visit(short),
    )


def test_evidence_is_required_where_the_item_says_so(ledger: Ledger) -> None:
    refused(
        ledger,
        RuleViolationError,
        "claim.evidence",
        lambda: ledger.claim(
            key="p1", member_id="M1-0", item_code="photo", service_date=d(3, 1), at=at(3, 1)
        ),
    )
    ledger.claim(
        key="p1",
        member_id="M1-0",
        item_code="photo",
        service_date=d(3, 1),
        at=at(3, 1),
        evidence=["img-7"],
    )
    assert ledger.balance("M1-0") == 5


def test_a_service_cannot_be_claimed_before_it_is_done(ledger: Ledger) -> None:
    refused(
        ledger,
        RuleViolationError,
        "claim.service_not_future",
        lambda: ledger.claim(
            key="c1", member_id="M1-0", item_code="visit", service_date=d(3, 2), at=at(3, 1, 23)
        ),
    )
    # 2024-03-01T17:00Z is already 2024-03-02 in Shanghai: the day is read in the ledger's zone
    utc = pendulum.datetime(2024, 3, 1, 17, tz="UTC")
    claim = ledger.claim(
        key="c1", member_id="M1-0", item_code="visit", service_date=d(3, 2), at=utc
    )
    assert claim.at == utc


def test_a_claim_for_a_household_names_a_household(ledger: Ledger) -> None:
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.claim(
            key="c1",
            member_id="M1-0",
            item_code="visit",
            service_date=d(3, 2),
            at=at(3, 2),
            household_id="H-none",
        ),
    )
    refused(
        ledger,
        RuleViolationError,
        "claim.household",
        lambda: ledger.claim(
            key="c1",
            member_id="M1-0",
            item_code="visit",
            service_date=d(3, 2),
            at=at(3, 2),
            household_id="G1",
        ),
    )
    claim = ledger.claim(
        key="c1",
        member_id="M1-0",
        item_code="visit",
        service_date=d(3, 2),
        at=at(3, 2),
        household_id="H1-3",
    )
    assert claim.household_id == "H1-3"


def test_naive_instants_are_refused_at_once(ledger: Ledger) -> None:
    with pytest.raises(InvalidRecordError, match="aware"):
        ledger.claim(
            key="c1",
            member_id="M1-0",
            item_code="visit",
            service_date=d(3, 2),
            at=pendulum.naive(2024, 3, 2, 10),
        )
    with pytest.raises(InvalidRecordError, match="aware"):
        ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=pendulum.naive(2024, 3, 2))
    assert len(ledger) == 0


# == idempotency ===========================================================================


def test_the_same_key_and_content_counts_once(ledger: Ledger) -> None:
    first = ledger.claim(
        key="t1", member_id="M1-0", item_code="talk", service_date=d(3, 1), at=at(3, 1)
    )
    again = ledger.claim(
        key="t1",
        member_id="M1-0",
        item_code="talk",
        service_date=d(3, 1),
        at=at(3, 1).in_timezone("UTC"),
    )
    assert again is first
    assert len(ledger) == 2
    assert ledger.balance("M1-0") == 1
    assert ledger.append(ledger.entries()[1]) is ledger.entries()[1]
    assert list(ledger) == list(ledger.entries())


def test_the_same_key_with_other_content_is_a_conflict(ledger: Ledger) -> None:
    visit(ledger)
    refused(ledger, ConflictError, "entry.idempotency_key", lambda: visit(ledger, day=3))
    refused(
        ledger,
        ConflictError,
        "entry.idempotency_key",
        lambda: ledger.redeem(key="c1", member_id="M1-0", goods={"soap": 1}, at=at(3, 3)),
    )
    refused(
        ledger,
        ConflictError,
        "entry.idempotency_key",
        lambda: ledger.restock(key="c1", goods_code="soap", quantity=1, at=at(3, 3), actor="R-S"),
    )
    ledger.restock(key="s1", goods_code="soap", quantity=1, at=at(3, 3), actor="R-S")
    refused(ledger, ConflictError, "entry.idempotency_key", lambda: visit(ledger, key="s1"))
    earn(ledger, "M1-0", 3)
    ledger.redeem(key="r1", member_id="M1-0", goods={"soap": 1}, at=at(3, 4))
    for basket in ({"soap": 1, "gold": 1}, {"rice": 1}, {"soap": 2}):
        refused(
            ledger,
            ConflictError,
            "entry.idempotency_key",
            lambda basket=basket: ledger.redeem(
                key="r1", member_id="M1-0", goods=basket, at=at(3, 4)
            ),
        )


def test_keys_reserved_for_automatic_approvals_are_refused(ledger: Ledger) -> None:
    visit(ledger)
    refused(
        ledger,
        RuleViolationError,
        "entry.reserved_key",
        lambda: visit(ledger, key="c2" + AUTO_APPROVAL_SUFFIX),
    )
    refused(
        ledger,
        RuleViolationError,
        "entry.reserved_key",
        lambda: ledger.append(
            Approval(key="a1", claim_key="c1", at=at(3, 4), actor="R-C1", automatic=True)
        ),
    )


# == reviews ===============================================================================


def test_a_reviewer_over_the_community_approves_once(ledger: Ledger) -> None:
    visit(ledger)
    approval = ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 4))
    assert ledger.status("c1") is ClaimStatus.APPROVED
    assert ledger.approval_of("c1") is approval
    assert ledger.balance("M1-0") == 3
    refused(
        ledger,
        RuleViolationError,
        "claim.transition",
        lambda: ledger.approve(key="a2", claim_key="c1", reviewer_id="R-S", at=at(3, 5)),
    )
    refused(
        ledger,
        RuleViolationError,
        "claim.transition",
        lambda: ledger.reject(
            key="j1", claim_key="c1", reviewer_id="R-S", at=at(3, 5), reason="重复"
        ),
    )


def test_a_rejected_claim_stays_rejected(ledger: Ledger) -> None:
    visit(ledger)
    ledger.reject(key="j1", claim_key="c1", reviewer_id="R-S", at=at(3, 4), reason="无记录")
    assert ledger.status("c1") is ClaimStatus.REJECTED
    refused(
        ledger,
        RuleViolationError,
        "claim.transition",
        lambda: ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 5)),
    )
    assert ledger.balance("M1-0") == 0


def test_an_automatic_claim_is_not_reviewed_again(ledger: Ledger) -> None:
    ledger.claim(key="t1", member_id="M1-0", item_code="talk", service_date=d(3, 1), at=at(3, 1))
    refused(
        ledger,
        RuleViolationError,
        "claim.transition",
        lambda: ledger.approve(key="a1", claim_key="t1", reviewer_id="R-C1", at=at(3, 5)),
    )


def test_reviews_need_a_claim_that_exists_and_came_first(ledger: Ledger) -> None:
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.approve(key="a1", claim_key="nope", reviewer_id="R-C1", at=at(3, 4)),
    )
    ledger.restock(key="s1", goods_code="soap", quantity=1, at=at(3, 3), actor="R-S")
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.approve(key="a1", claim_key="s1", reviewer_id="R-C1", at=at(3, 4)),
    )
    visit(ledger, day=4)
    refused(
        ledger,
        RuleViolationError,
        "review.after_claim",
        lambda: ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 4, 9)),
    )


def test_a_member_never_reviews_their_own_claim(world: PointsWorld) -> None:
    authority = attrs.evolve(
        world.authority,
        grants=(*world.authority.grants, attrs.evolve(world.authority.grants[0], person_id="M1-0")),
    )
    ledger = Ledger(world.catalogue, world.tree, authority, shelf=world.shelf)
    visit(ledger)
    error = refused(
        ledger,
        NotAuthorisedError,
        "review.not_self",
        lambda: ledger.approve(key="a1", claim_key="c1", reviewer_id="M1-0", at=at(3, 4)),
    )
    assert isinstance(error, PermissionError)
    visit(ledger, key="c2", member="M1-1")
    assert ledger.approve(key="a2", claim_key="c2", reviewer_id="M1-0", at=at(3, 4)).actor == "M1-0"


@pytest.mark.parametrize("reviewer", ["R-C2", "R-G1", "X", "M1-1"])
def test_reviewers_without_a_post_over_the_community_are_refused(
    ledger: Ledger, reviewer: str
) -> None:
    visit(ledger)
    error = refused(
        ledger,
        NotAuthorisedError,
        "review.authority",
        lambda: ledger.approve(key="a1", claim_key="c1", reviewer_id=reviewer, at=at(3, 4)),
    )
    assert "O-C1" in str(error)
    assert "O-S" in str(error)


def test_a_post_counts_only_on_the_day_it_is_held(world: PointsWorld) -> None:
    grants = tuple(
        attrs.evolve(g, period=Period(start="2024-01-01", end="2024-03-04"))
        for g in world.authority.grants
    )
    authority = attrs.evolve(world.authority, grants=grants)
    ledger = Ledger(world.catalogue, world.tree, authority, shelf=world.shelf)
    visit(ledger)
    refused(
        ledger,
        NotAuthorisedError,
        "review.authority",
        lambda: ledger.approve(key="a1", claim_key="c1", reviewer_id="R-S", at=at(3, 4)),
    )
    assert ledger.approve(key="a1", claim_key="c1", reviewer_id="R-S", at=at(3, 3)).key == "a1"


# == reversals =============================================================================


def test_an_approval_is_reversed_at_most_once(ledger: Ledger) -> None:
    visit(ledger)
    ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 4))
    reversal = ledger.reverse(
        key="v1", approval_key="a1", reviewer_id="R-S", at=at(3, 5), reason="重复申报"
    )
    assert reversal.approval_key == "a1"
    assert ledger.status("c1") is ClaimStatus.REVERSED
    assert ledger.balance("M1-0") == 0
    error = refused(
        ledger,
        RuleViolationError,
        "approval.reverse_once",
        lambda: ledger.reverse(
            key="v2", approval_key="a1", reviewer_id="R-S", at=at(3, 6), reason="再撤"
        ),
    )
    assert "v1" in str(error)
    refused(
        ledger,
        RuleViolationError,
        "claim.transition",
        lambda: ledger.approve(key="a2", claim_key="c1", reviewer_id="R-C1", at=at(3, 6)),
    )


def test_reversal_errors(ledger: Ledger) -> None:
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.reverse(
            key="v1", approval_key="nope", reviewer_id="R-S", at=at(3, 5), reason="x"
        ),
    )
    visit(ledger)
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.reverse(
            key="v1", approval_key="c1", reviewer_id="R-S", at=at(3, 5), reason="x"
        ),
    )
    ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 4))
    refused(
        ledger,
        RuleViolationError,
        "reversal.after_approval",
        lambda: ledger.reverse(
            key="v1", approval_key="a1", reviewer_id="R-S", at=at(3, 3), reason="x"
        ),
    )
    refused(
        ledger,
        NotAuthorisedError,
        "review.authority",
        lambda: ledger.reverse(
            key="v1", approval_key="a1", reviewer_id="R-C2", at=at(3, 5), reason="x"
        ),
    )
    refused(
        ledger,
        NotAuthorisedError,
        "review.not_self",
        lambda: ledger.reverse(
            key="v1", approval_key="a1", reviewer_id="M1-0", at=at(3, 5), reason="x"
        ),
    )


def test_an_automatic_approval_can_be_reversed(ledger: Ledger) -> None:
    ledger.claim(key="t1", member_id="M1-0", item_code="talk", service_date=d(3, 1), at=at(3, 1))
    ledger.reverse(
        key="v1",
        approval_key="t1" + AUTO_APPROVAL_SUFFIX,
        reviewer_id="R-C1",
        at=at(3, 2),
        reason="未到场",
    )
    assert ledger.status("t1") is ClaimStatus.REVERSED
    assert ledger.balance("M1-0") == 0


def test_a_reversal_after_spending_shows_the_debt(ledger: Ledger) -> None:
    ledger.restock(key="s1", goods_code="soap", quantity=5, at=at(3, 1), actor="R-S")
    visit(ledger)
    ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 4))
    ledger.redeem(key="r1", member_id="M1-0", goods={"soap": 1}, at=at(3, 5))
    ledger.reverse(key="v1", approval_key="a1", reviewer_id="R-S", at=at(3, 6), reason="虚报")
    assert ledger.balance("M1-0") == -3
    refused(
        ledger,
        RuleViolationError,
        "redemption.balance",
        lambda: ledger.redeem(key="r2", member_id="M1-0", goods={"soap": 1}, at=at(3, 7)),
    )


# == love supermarket ======================================================================


def earn(ledger: Ledger, member: str, points: int) -> None:
    """Earn ``points`` through automatic talks (1 point each, no cap)."""
    for n in range(points):
        ledger.claim(
            key=f"talk-{member}-{n}",
            member_id=member,
            item_code="talk",
            service_date=d(2, 1),
            at=at(2, 1),
        )


def test_redeem_then_refund_restores_balance_and_stock(ledger: Ledger) -> None:
    earn(ledger, "M1-0", 20)
    ledger.restock(key="s1", goods_code="soap", quantity=4, at=at(3, 1), actor="R-S")
    ledger.restock(key="s2", goods_code="rice", quantity=2, at=at(3, 1), actor="R-S")
    redemption = ledger.redeem(
        key="r1", member_id="M1-0", goods={"soap": 2, "rice": 1}, at=at(3, 2), actor="R-S"
    )
    assert redemption.points == 16
    assert redemption.lines == (
        RedemptionLine(goods_code="soap", quantity=2, unit_points=3),
        RedemptionLine(goods_code="rice", quantity=1, unit_points=10),
    )
    assert (ledger.balance("M1-0"), ledger.stock("soap"), ledger.stock("rice")) == (4, 2, 1)
    assert ledger.standings.spent("M1-0") == 16
    ledger.refund(key="f1", redemption_key="r1", at=at(3, 3), actor="R-S", reason="退货")
    assert (ledger.balance("M1-0"), ledger.stock("soap"), ledger.stock("rice")) == (20, 4, 2)
    assert ledger.audit() == ()
    snapshot, stock = ledger.recompute()
    assert (snapshot.spent, stock) == ({}, {"soap": 4, "rice": 2})
    assert (
        ledger.redeem(
            key="r1", member_id="M1-0", goods={"soap": 2, "rice": 1}, at=at(3, 2), actor="R-S"
        )
        is redemption
    )


def test_a_redemption_is_all_or_nothing(ledger: Ledger) -> None:
    earn(ledger, "M1-0", 20)
    ledger.restock(key="s1", goods_code="soap", quantity=4, at=at(3, 1), actor="R-S")
    refused(
        ledger,
        RuleViolationError,
        "redemption.stock",
        lambda: ledger.redeem(
            key="r1", member_id="M1-0", goods={"soap": 1, "rice": 1}, at=at(3, 2)
        ),
    )
    refused(
        ledger,
        RuleViolationError,
        "redemption.stock",
        lambda: ledger.redeem(key="r1", member_id="M1-0", goods={"soap": 5}, at=at(3, 2)),
    )
    ledger.restock(key="s2", goods_code="rice", quantity=3, at=at(3, 1), actor="R-S")
    refused(
        ledger,
        RuleViolationError,
        "redemption.balance",
        lambda: ledger.redeem(
            key="r1", member_id="M1-0", goods={"soap": 1, "rice": 2}, at=at(3, 2)
        ),
    )
    assert ledger.redeem(key="r1", member_id="M1-0", goods={"soap": 1}, at=at(3, 2)).points == 3


def test_redemption_errors(world: PointsWorld, ledger: Ledger) -> None:
    ledger.restock(key="s1", goods_code="soap", quantity=4, at=at(3, 1), actor="R-S")
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.redeem(key="r1", member_id="M1-0", goods={"gold": 1}, at=at(3, 2)),
    )
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.redeem(key="r1", member_id="ghost", goods={"soap": 1}, at=at(3, 2)),
    )
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.restock(key="s2", goods_code="gold", quantity=1, at=at(3, 1), actor="R-S"),
    )
    refused(
        ledger,
        RuleViolationError,
        "shelf.goods_on_sale",
        lambda: ledger.redeem(
            key="r1", member_id="M1-0", goods={"soap": 1}, at=pendulum.datetime(2023, 5, 1, tz=ZONE)
        ),
    )
    cheap = Redemption(
        key="r1",
        member_id="M1-0",
        at=at(3, 2),
        actor="M1-0",
        lines=(RedemptionLine(goods_code="soap", quantity=1, unit_points=1),),
    )
    refused(ledger, RuleViolationError, "redemption.price", lambda: ledger.append(cheap))
    with pytest.raises(UnknownRecordError):
        ledger.stock("gold")


def test_refund_errors(ledger: Ledger) -> None:
    earn(ledger, "M1-0", 5)
    ledger.restock(key="s1", goods_code="soap", quantity=4, at=at(3, 1), actor="R-S")
    ledger.redeem(key="r1", member_id="M1-0", goods={"soap": 1}, at=at(3, 2))
    refused(
        ledger,
        UnknownRecordError,
        "reference.exists",
        lambda: ledger.refund(key="f1", redemption_key="s1", at=at(3, 3), actor="R-S", reason="x"),
    )
    refused(
        ledger,
        RuleViolationError,
        "refund.after_redemption",
        lambda: ledger.refund(key="f1", redemption_key="r1", at=at(3, 1), actor="R-S", reason="x"),
    )
    ledger.refund(key="f1", redemption_key="r1", at=at(3, 3), actor="R-S", reason="x")
    error = refused(
        ledger,
        RuleViolationError,
        "redemption.refund_once",
        lambda: ledger.refund(key="f2", redemption_key="r1", at=at(3, 4), actor="R-S", reason="y"),
    )
    assert "f1" in str(error)


# == queries, replay and audit =============================================================


def test_queries_name_unknown_records(ledger: Ledger) -> None:
    for query in (
        lambda: ledger.entry("nope"),
        lambda: ledger.status("nope"),
        lambda: ledger.approval_of("nope"),
    ):
        with pytest.raises(UnknownRecordError, match="nope"):
            query()


def test_claims_of_filters_by_status_and_period(ledger: Ledger) -> None:
    visit(ledger, key="c1", day=2)
    visit(ledger, key="c2", day=20)
    ledger.claim(key="t1", member_id="M1-0", item_code="talk", service_date=d(4, 1), at=at(4, 1))
    assert [c.key for c in ledger.claims_of("M1-0")] == ["c1", "c2", "t1"]
    assert [c.key for c in ledger.claims_of("M1-0", status=ClaimStatus.APPROVED)] == ["t1"]
    march = Period.month(2024, 3)
    assert [c.key for c in ledger.claims_of("M1-0", period=march)] == ["c1", "c2"]
    assert ledger.claims_of("M2-0") == ()


def test_a_ledger_replays_its_entries_to_the_same_standings(
    world: PointsWorld, ledger: Ledger
) -> None:
    earn(ledger, "M2-0", 4)
    visit(ledger)
    ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 4))
    ledger.restock(key="s1", goods_code="soap", quantity=4, at=at(3, 1), actor="R-S")
    ledger.redeem(key="r1", member_id="M2-0", goods={"soap": 1}, at=at(3, 2))
    replayed = world.ledger(ledger.entries())
    assert replayed.entries() == ledger.entries()
    assert replayed.standings.snapshot() == ledger.standings.snapshot()
    assert replayed.audit() == ()


def test_audit_finds_a_corrupted_index(ledger: Ledger) -> None:
    earn(ledger, "M1-0", 2)
    ledger.restock(key="s1", goods_code="soap", quantity=4, at=at(3, 1), actor="R-S")
    assert ledger.audit() == ()
    ledger.standings._earned["M1-0"] += 1  # tampering, as a drifting stored balance would
    ledger._stock["soap"] = 9
    findings = ledger.audit()
    assert {(f.code, f.subject) for f in findings} == {
        ("ledger.derived_mismatch", "M1-0"),
        ("ledger.derived_mismatch", "soap"),
    }
    assert all(f.severity.value == "error" for f in findings)


def test_a_bad_zone_is_refused(world: PointsWorld) -> None:
    with pytest.raises(InvalidRecordError, match="Mars"):
        Ledger(world.catalogue, world.tree, world.authority, zone="Mars/Olympus")


def test_reports_added_after_the_ledger_are_found(world: PointsWorld) -> None:
    from neighborhood_pb import EmploymentStatus, Person, Report

    ledger = world.ledger()
    world.tree.add_person(
        Person(
            id="M9",
            name="新党员",
            employment=EmploymentStatus.IN_SERVICE,
            admitted_on="2020-01-01",
        )
    )
    world.tree.add_report(
        Report(id="rep-9", person_id="M9", community_id="C2", period=Period(start="2024-02-01"))
    )
    assert visit(ledger, member="M9").community_id == "C2"
    world.tree.end_report("rep-9", pendulum.Date(2024, 3, 10))
    with pytest.raises(RuleViolationError, match="no report"):
        visit(ledger, key="c2", member="M9", day=12)


def test_review_policies_have_chinese_labels() -> None:
    assert ReviewPolicy.AUTOMATIC.label_zh == "自动通过"
    assert ReviewPolicy.NEEDS_REVIEW.label_zh == "需审核"
    assert {s.label_zh for s in ClaimStatus} == {"待审核", "已通过", "未通过", "已撤销"}


def test_reviewing_orgs_are_the_covering_orgs_then_their_ancestors_once(
    world: PointsWorld, ledger: Ledger
) -> None:
    from neighborhood_pb import Coverage, Organisation, OrgForm
    from neighborhood_pb.points import TreeReports

    since = Period(start="2024-01-01")
    world.tree.found(
        Organisation(
            id="O-C1b",
            name="第二社区组织",
            form=OrgForm.GENERAL_BRANCH,
            level="community_general_branch",
            period=since,
            parent_id="O-S",
        )
    )
    world.tree.cover(Coverage(org_id="O-C1b", territory_id="C1", period=since))
    reports = TreeReports(world.tree)
    assert reports.reviewing_orgs("C1", d(3, 1)) == ("O-C1", "O-C1b", "O-S")
    assert reports.reviewing_orgs("C2", d(3, 1)) == ("O-C2", "O-S")
    visit(ledger)
    error = refused(
        ledger,
        NotAuthorisedError,
        "review.authority",
        lambda: ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C2", at=at(3, 4)),
    )
    assert "(O-C1, O-C1b, O-S)" in str(error)
