"""Balances and stock at every instant, the actors of each entry, and claims as of a day.

Each test sits at the boundary where the answer flips: the instant, the person or the day.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pendulum
import pytest

from neighborhood_pb import NeighborhoodPBError, NotAuthorisedError, RuleViolationError
from neighborhood_pb.cli import main
from neighborhood_pb.dataset import Dataset, DatasetContext
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.points import (
    AUTO_APPROVAL_SUFFIX,
    Claim,
    ClaimStatus,
    Ledger,
    Redemption,
    RedemptionLine,
    check_home_days,
)
from neighborhood_pb.points.ledger_audit import back_dated
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.testing.points import PointsWorld, build_points_world

ZONE = "Asia/Shanghai"
SECOND = pendulum.duration(seconds=1)


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2024, month, day, hour, tz=ZONE)


@pytest.fixture
def world() -> PointsWorld:
    return build_points_world()


def talks(ledger: Ledger, n: int, when: pendulum.DateTime, member: str = "M1-0") -> None:
    """``n`` automatically approved talks (1 point each) made at ``when``."""
    for i in range(n):
        ledger.claim(
            key=f"talk-{member}-{i}",
            member_id=member,
            item_code="talk",
            service_date=when.date(),
            at=when,
        )


def refused(
    ledger: Ledger, error: type[NeighborhoodPBError], rule: str, command: Callable[[], object]
) -> None:
    before = (ledger.entries(), ledger.standings.snapshot(), ledger.stock("soap"))
    with pytest.raises(error) as caught:
        command()
    assert caught.value.rule == rule
    assert (ledger.entries(), ledger.standings.snapshot(), ledger.stock("soap")) == before


# == balances and stock at every instant ====================================================


def test_a_redemption_before_the_points_were_earned_is_refused_up_to_that_instant(
    world: PointsWorld,
) -> None:
    ledger = world.ledger()
    ledger.restock(key="in", goods_code="soap", quantity=5, at=at(3, 1), actor="R-S")
    talks(ledger, 3, at(3, 5))
    assert ledger.balance("M1-0") == 3
    refused(
        ledger,
        RuleViolationError,
        "redemption.in_order",
        lambda: ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=at(3, 5) - SECOND),
    )
    ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=at(3, 5))
    assert ledger.balance("M1-0") == 0
    assert ledger.audit() == ()


def test_a_redemption_before_the_goods_were_restocked_is_refused_up_to_that_instant(
    world: PointsWorld,
) -> None:
    ledger = world.ledger()
    talks(ledger, 3, at(3, 1))
    ledger.restock(key="in", goods_code="soap", quantity=1, at=at(3, 8), actor="R-S")
    refused(
        ledger,
        RuleViolationError,
        "redemption.in_order",
        lambda: ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=at(3, 8) - SECOND),
    )
    ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=at(3, 8))
    assert ledger.stock("soap") == 0


def test_credits_may_arrive_late_but_a_reversal_not_before_the_latest_redemption(
    world: PointsWorld,
) -> None:
    ledger = world.ledger()
    ledger.restock(key="in", goods_code="soap", quantity=5, at=at(3, 1), actor="R-S")
    talks(ledger, 3, at(3, 2))
    ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=at(3, 10))
    # a late credit (a restock dated earlier) only raises earlier figures: accepted
    ledger.restock(key="in-2", goods_code="soap", quantity=1, at=at(3, 3), actor="R-S")
    approval = "talk-M1-0-0" + AUTO_APPROVAL_SUFFIX
    refused(
        ledger,
        RuleViolationError,
        "reversal.in_order",
        lambda: ledger.reverse(
            key="undo", approval_key=approval, reviewer_id="R-C1", at=at(3, 10) - SECOND, reason="x"
        ),
    )
    ledger.reverse(key="undo", approval_key=approval, reviewer_id="R-C1", at=at(3, 10), reason="x")
    assert ledger.balance("M1-0") == -1  # a reversal after spending shows the debt
    assert ledger.audit() == ()


def test_the_audit_finds_a_back_dated_redemption_from_the_entries_alone(
    world: PointsWorld,
) -> None:
    ledger = world.ledger()
    ledger.restock(key="in", goods_code="soap", quantity=5, at=at(3, 1), actor="R-S")
    talks(ledger, 3, at(3, 5))
    entries = ledger.entries()

    def redemption(when: pendulum.DateTime) -> Redemption:
        line = RedemptionLine(goods_code="soap", quantity=1, unit_points=3)
        return Redemption(key="r", member_id="M1-0", lines=(line,), at=when, actor="M1-0")

    assert back_dated([*entries, redemption(at(3, 5))]) == ()
    (finding,) = back_dated([*entries, redemption(at(3, 5) - SECOND)])
    assert finding.code == "ledger.back_dated"
    assert finding.params["entry"] == "r"
    assert finding.params["later"] == "talk-M1-0-0" + AUTO_APPROVAL_SUFFIX  # the first that late
    # a reversal dated before the member's latest redemption, likewise
    ledger.redeem(key="r", member_id="M1-0", goods={"soap": 1}, at=at(3, 9))
    reversal = ledger.reverse(
        key="undo",
        approval_key="talk-M1-0-0" + AUTO_APPROVAL_SUFFIX,
        reviewer_id="R-C1",
        at=at(3, 9),
        reason="x",
    )
    early = type(reversal)(
        key="undo",
        approval_key=reversal.approval_key,
        at=at(3, 9) - SECOND,
        actor="R-C1",
        reason="x",
    )
    assert back_dated(ledger.entries()) == ()
    (finding,) = back_dated([*ledger.entries()[:-1], early])
    assert (finding.subject, finding.params["later"]) == ("undo", "r")


# == actors =================================================================================


def test_a_claim_is_made_by_the_member_or_staff_over_the_community(world: PointsWorld) -> None:
    ledger = world.ledger()

    def claim(key: str, actor: str) -> Claim:
        return ledger.claim(
            key=key,
            member_id="M1-0",
            item_code="talk",
            service_date=at(3, 2).date(),
            at=at(3, 2),
            actor=actor,
        )

    assert claim("own", "M1-0").actor == "M1-0"
    assert claim("staff", "R-C1").actor == "R-C1"
    assert claim("street", "R-S").actor == "R-S"
    for actor in ("R-C2", "R-G1", "M1-1"):  # another community, a branch below, a member
        refused(ledger, NotAuthorisedError, "claim.actor", lambda a=actor: claim("x", a))


def test_a_restock_needs_a_post_in_the_supermarket_s_organisation_or_above(
    world: PointsWorld,
) -> None:
    anywhere = world.ledger()
    anywhere.restock(key="a", goods_code="soap", quantity=1, at=at(3, 1), actor="R-G1")
    refused(
        anywhere,
        NotAuthorisedError,
        "restock.actor",
        lambda: anywhere.restock(key="b", goods_code="soap", quantity=1, at=at(3, 1), actor="M1-0"),
    )
    named = Ledger(
        world.catalogue, world.tree, world.authority, shelf=world.shelf, supermarket_org_id="O-C1"
    )
    named.restock(key="a", goods_code="soap", quantity=1, at=at(3, 1), actor="R-C1")
    named.restock(key="b", goods_code="soap", quantity=1, at=at(3, 1), actor="R-S")  # above
    for actor in ("R-C2", "R-G1"):  # a sibling, a branch below
        refused(
            named,
            NotAuthorisedError,
            "restock.actor",
            lambda a=actor: named.restock(
                key="c", goods_code="soap", quantity=1, at=at(3, 1), actor=a
            ),
        )


def test_goods_are_handed_over_and_refunded_by_staff_never_refunded_by_the_member(
    world: PointsWorld,
) -> None:
    ledger = Ledger(
        world.catalogue, world.tree, world.authority, shelf=world.shelf, supermarket_org_id="O-C2"
    )
    ledger.restock(key="in", goods_code="soap", quantity=5, at=at(3, 1), actor="R-C2")
    talks(ledger, 12, at(3, 2))

    def redeem(key: str, actor: str) -> Redemption:
        return ledger.redeem(key=key, member_id="M1-0", goods={"soap": 1}, at=at(3, 3), actor=actor)

    redeem("self", "M1-0")
    redeem("community", "R-C1")  # a post over the member's community
    redeem("shop", "R-C2")  # a post in the supermarket's organisation
    refused(ledger, NotAuthorisedError, "redemption.actor", lambda: redeem("x", "R-G1"))

    def refund(actor: str) -> object:
        return ledger.refund(
            key="back", redemption_key="self", at=at(3, 4), actor=actor, reason="破损"
        )

    refused(ledger, NotAuthorisedError, "refund.not_self", lambda: refund("M1-0"))
    refused(ledger, NotAuthorisedError, "refund.actor", lambda: refund("M1-1"))
    refused(ledger, NotAuthorisedError, "refund.actor", lambda: refund("R-G1"))
    refund("R-C2")
    assert ledger.balance("M1-0") == 12 - 2 * 3


# == claims as of a day =====================================================================


def test_claims_as_they_stood_before_an_instant(world: PointsWorld) -> None:
    ledger = world.ledger()
    ledger.claim(
        key="v", member_id="M1-0", item_code="visit", service_date="2024-03-02", at=at(3, 2)
    )
    ledger.approve(key="ok", claim_key="v", reviewer_id="R-C1", at=at(3, 4))
    ledger.reverse(key="undo", approval_key="ok", reviewer_id="R-C1", at=at(3, 6), reason="x")
    ledger.claim(
        key="w", member_id="M1-0", item_code="visit", service_date="2024-03-02", at=at(3, 2)
    )
    ledger.reject(key="no", claim_key="w", reviewer_id="R-C1", at=at(3, 5), reason="x")

    def keys(status: ClaimStatus, before: pendulum.DateTime) -> list[str]:
        return [c.key for c in ledger.claims_of("M1-0", status=status, before=before)]

    assert ledger.claims_of("M1-0", before=at(3, 2)) == ()
    assert keys(ClaimStatus.PENDING, at(3, 2) + SECOND) == ["v", "w"]
    assert keys(ClaimStatus.APPROVED, at(3, 4)) == []
    assert keys(ClaimStatus.APPROVED, at(3, 4) + SECOND) == ["v"]
    assert keys(ClaimStatus.REJECTED, at(3, 5) + SECOND) == ["w"]
    assert keys(ClaimStatus.APPROVED, at(3, 6)) == ["v"]
    assert keys(ClaimStatus.REVERSED, at(3, 6) + SECOND) == ["v"]
    assert keys(ClaimStatus.REVERSED, at(3, 6) + SECOND) == keys(ClaimStatus.REVERSED, at(4, 1))


def test_a_reversal_made_after_the_as_of_day_does_not_change_the_check() -> None:
    # The community sample reverses QS-P22's home-day service of 2026-07-26 on 2026-08-03.
    dataset = load_sample("community")

    def missed(on: str) -> set[str]:
        ctx = DatasetContext.build(dataset, on)
        return {f.subject for f in check_home_days(ctx.compliance(ctx.tree.roots(ctx.on)[0].id))}

    assert "QS-P22" not in missed("2026-08-02")
    assert "QS-P22" in missed("2026-08-03")  # made on the as-of day: counted


# == nbpb validate ==========================================================================


def _changed(key: str, **changes: object) -> Dataset:
    dataset = load_sample("community")
    entries = [attrs.evolve(e, **changes) if e.key == key else e for e in dataset.points.entries]
    return attrs.evolve(dataset, points=attrs.evolve(dataset.points, entries=entries))


@pytest.mark.parametrize(
    ("key", "changes", "rule"),
    [
        ("QS-P09/redeem/1/refund", {"actor": "QS-P09"}, "refund.not_self"),
        ("QS-P09/redeem/2", {"at": "2026-10-29T09:59:59+08:00"}, "redemption.in_order"),
    ],
)
def test_validate_refuses_a_self_refund_and_a_back_dated_redemption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, changes: dict[str, str], rule: str
) -> None:
    good = tmp_path / "good.json"
    shifted = {k: pendulum.parse(v) if k == "at" else v for k, v in changes.items()}
    at_boundary = {k: v.add(seconds=1) for k, v in shifted.items() if k == "at"}  # type: ignore[union-attr]
    if at_boundary:  # one second later, the redemption follows the refund: accepted
        good.write_text(dumps_dataset(_changed(key, **at_boundary)), encoding="utf-8")
        assert main(["validate", str(good)]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text(dumps_dataset(_changed(key, **shifted)), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(bad)]) == 2
    assert rule in capsys.readouterr().err


def test_validate_as_of_a_day_ignores_a_reversal_made_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "community.json"
    path.write_text(sample_text("community"), encoding="utf-8")

    def flagged(on: str) -> bool:
        main(["validate", str(path), "--as-of", on, "--lang", "en"])
        out = capsys.readouterr().out
        return any("QS-P22" in line and "home-day" in line for line in out.splitlines())

    assert not flagged("2026-08-02")
    assert flagged("2026-08-03")
