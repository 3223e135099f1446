"""Ledger records and lenient reopening against an edited tree."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import NeighborhoodPBError, OrgTree, Period, Severity
from neighborhood_pb.points import Ledger, LedgerRecords
from neighborhood_pb.testing.points import PointsWorld, build_points_world, service_histories

ZONE = "Asia/Shanghai"
WORLD = build_points_world()


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2024, month, day, hour, tz=ZONE)


def d(month: int, day: int) -> pendulum.Date:
    return pendulum.Date(2024, month, day)


def moved_report(world: PointsWorld, member: str, start: pendulum.Date) -> OrgTree:
    """The world's tree with ``member``'s report starting on ``start``."""
    records = world.tree.records()
    reports = tuple(
        attrs.evolve(r, period=Period(start=start)) if r.person_id == member else r
        for r in records.reports
    )
    return OrgTree.from_records(world.tree.schema, attrs.evolve(records, reports=reports))


def busy_ledger(world: PointsWorld) -> Ledger:
    """M1-1 claims on 1 March (approved, then a redemption rests on it) and on 1 April."""
    ledger = world.ledger()
    ledger.claim(key="c1", member_id="M1-1", item_code="clinic", service_date=d(3, 1), at=at(3, 2))
    ledger.approve(key="a1", claim_key="c1", reviewer_id="R-C1", at=at(3, 3))
    ledger.claim(key="t1", member_id="M1-1", item_code="talk", service_date=d(3, 1), at=at(3, 2))
    ledger.restock(key="s1", goods_code="soap", quantity=5, at=at(3, 1), actor="R-S")
    ledger.redeem(key="r1", member_id="M1-1", goods={"soap": 1}, at=at(3, 4))
    ledger.refund(key="f1", redemption_key="r1", at=at(3, 5), actor="R-C1", reason="退货")
    ledger.reverse(key="v1", approval_key="a1", reviewer_id="R-C1", at=at(3, 6), reason="重复")
    ledger.claim(key="c2", member_id="M1-1", item_code="clinic", service_date=d(4, 1), at=at(4, 2))
    ledger.claim(key="c3", member_id="M1-2", item_code="clinic", service_date=d(3, 1), at=at(3, 2))
    return ledger


def test_records_rebuild_the_same_ledger() -> None:
    ledger = busy_ledger(WORLD)
    records = ledger.records()
    assert isinstance(records, LedgerRecords)
    assert records.entries == ledger.entries()
    assert records.goods == WORLD.shelf.goods
    assert records.catalogue == WORLD.catalogue
    again = Ledger.from_records(records, WORLD.tree, WORLD.authority)
    assert again.records() == records
    assert again.standings.snapshot() == ledger.standings.snapshot()
    assert again.stock("soap") == ledger.stock("soap") == 5


@given(data=st.data())
def test_records_round_trip_any_history(data: st.DataObject) -> None:
    ledger = WORLD.ledger(data.draw(service_histories(WORLD)))
    again = Ledger.from_records(ledger.records(), WORLD.tree, WORLD.authority)
    assert again.entries() == ledger.entries()
    assert again.standings.snapshot() == ledger.standings.snapshot()


def test_reopen_against_the_same_tree_refuses_nothing() -> None:
    ledger = busy_ledger(WORLD)
    again, findings = Ledger.reopen(ledger.records(), WORLD.tree, WORLD.authority)
    assert findings == ()
    assert again.entries() == ledger.entries()


def test_reopen_keeps_what_holds_and_reports_each_refused_entry() -> None:
    ledger = busy_ledger(WORLD)
    tree = moved_report(WORLD, "M1-1", d(3, 2))
    with pytest.raises(NeighborhoodPBError, match="c1: M1-1 has no report"):
        Ledger.from_records(ledger.records(), tree, WORLD.authority)
    again, findings = Ledger.reopen(ledger.records(), tree, WORLD.authority)
    refused = {f.subject: f for f in findings}
    # c1 and t1 fall outside the report; a1, t1/auto, v1 act on them; r1 rested on a1;
    # f1 refunds r1; c2 (April) and c3 (another member) and the restock still hold
    assert list(refused) == ["c1", "a1", "t1", "t1/auto", "r1", "f1", "v1"]
    assert [e.key for e in again.entries()] == ["s1", "c2", "c3"]
    assert again.audit() == ()
    assert all(f.severity is Severity.ERROR for f in findings)
    first = refused["c1"]
    assert first.code == "ledger.entry_refused"
    assert first.rule == "claim.reported_member"
    assert first.params["index"] == 0
    assert "M1-1 has no report to a community in effect on 2024-03-01" in first.render("en")
    assert first.render().startswith("台账记录c1已不符合登记，未予载入")
    approval = refused["a1"]
    assert approval.code == "ledger.entry_dependent"
    assert approval.params["depends_on"] == "c1"
    assert "依赖未予载入的c1" in approval.render()
    assert "acts on c1, which is refused" in approval.render("en")
    assert refused["t1/auto"].params["depends_on"] == "t1"
    assert refused["v1"].params["depends_on"] == "a1"
    assert refused["f1"].params["depends_on"] == "r1"
    redemption = refused["r1"]
    assert redemption.code == "ledger.entry_dependent"
    assert redemption.params["depends_on"] == "c1, a1, t1, t1/auto"
    assert redemption.rule == "redemption.balance"


def test_a_redemption_refused_after_a_refused_restock_names_it() -> None:
    ledger = WORLD.ledger()
    ledger.claim(key="t1", member_id="M1-1", item_code="talk", service_date=d(3, 1), at=at(3, 2))
    ledger.claim(key="t2", member_id="M1-1", item_code="talk", service_date=d(3, 2), at=at(3, 2))
    ledger.claim(key="t3", member_id="M1-1", item_code="talk", service_date=d(3, 3), at=at(3, 3))
    ledger.restock(key="s1", goods_code="soap", quantity=1, at=at(3, 3), actor="R-S")
    ledger.redeem(key="r1", member_id="M1-1", goods={"soap": 1}, at=at(3, 4))
    without_posts = attrs.evolve(WORLD.authority, grants=())
    again, findings = Ledger.reopen(ledger.records(), WORLD.tree, without_posts)
    assert [f.subject for f in findings] == ["s1", "r1"]
    assert findings[0].code == "ledger.entry_refused"
    assert findings[1].code == "ledger.entry_dependent"
    assert findings[1].params["depends_on"] == "s1"
    assert len(again) == 6  # three claims and their automatic approvals
