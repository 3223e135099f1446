"""Every points record survives a JSON round trip through ``serde.make_converter()``."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import pendulum
import pytest
from cattrs.strategies import configure_tagged_union
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.io.json import make_converter, structure
from neighborhood_pb.points import (
    DEFAULT_CATALOGUE,
    DEFAULT_COMPLIANCE,
    DEFAULT_LEVELS,
    Approval,
    Cap,
    Catalogue,
    Claim,
    ComplianceRules,
    Entry,
    ExplicitAuthority,
    Goods,
    HouseholdLink,
    LevelScale,
    LevelStanding,
    MustVisitTally,
    PointsLevel,
    PostGrant,
    RankedMember,
    Redemption,
    RedemptionLine,
    Refund,
    Rejection,
    Restock,
    Reversal,
    ServiceCategory,
    ServiceItem,
    Shelf,
    StandingsSnapshot,
)
from neighborhood_pb.testing import points as pts

CASES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Claim, pts.claims()),
    (Approval, pts.approvals()),
    (Rejection, pts.rejections()),
    (Reversal, pts.reversals()),
    (Restock, pts.restocks()),
    (RedemptionLine, pts.redemption_lines()),
    (Redemption, pts.redemptions()),
    (Refund, pts.refunds()),
    (Cap, pts.caps()),
    (ServiceItem, pts.service_items()),
    (Catalogue, pts.catalogues()),
    (Goods, pts.goods()),
    (Shelf, pts.shelves()),
    (PostGrant, pts.post_grants()),
    (
        ExplicitAuthority,
        st.lists(pts.post_grants(), max_size=3).map(lambda g: ExplicitAuthority(grants=g)),
    ),
    (HouseholdLink, pts.household_links()),
    (LevelScale, pts.level_scales()),
    (ComplianceRules, pts.compliance_rules()),
    (
        ServiceCategory,
        st.builds(
            ServiceCategory, code=st.just("c"), name=st.just("类"), description=st.text(max_size=5)
        ),
    ),
    (
        RankedMember,
        st.builds(
            RankedMember, rank=st.integers(1, 9), member_id=st.just("m"), points=st.integers(0, 99)
        ),
    ),
    (
        PointsLevel,
        st.builds(PointsLevel, code=st.just("a"), name=st.just("甲"), min_points=st.integers(0, 9)),
    ),
]


def round_trip(value: Any, cls: type[Any]) -> Any:
    converter = make_converter()
    text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    return structure(json.loads(text), cls, converter)


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_round_trip(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    @given(strategy)
    def check(value: Any) -> None:
        assert round_trip(value, cls) == value

    check()


def test_presets_round_trip() -> None:
    assert round_trip(DEFAULT_CATALOGUE, Catalogue) == DEFAULT_CATALOGUE
    assert round_trip(DEFAULT_LEVELS, LevelScale) == DEFAULT_LEVELS
    assert round_trip(DEFAULT_COMPLIANCE, ComplianceRules) == DEFAULT_COMPLIANCE
    back = round_trip(DEFAULT_CATALOGUE, Catalogue)
    assert back.item("home_day_service", pendulum.Date(2024, 5, 26)).cap is not None


def test_instants_keep_their_offset() -> None:
    at = pendulum.datetime(2024, 3, 1, 9, 30, tz="Asia/Shanghai")
    claim = Claim(
        key="k",
        member_id="m",
        item_code="i",
        service_date="2024-03-01",
        at=at,
        actor="m",
        community_id="C1",
    )
    data = make_converter().unstructure(claim)
    assert data["at"] == "2024-03-01T09:30:00+08:00"
    assert data["service_date"] == "2024-03-01"
    back = structure(data, Claim)
    assert back == claim
    assert back.at.utcoffset() == at.utcoffset()


def test_a_naive_instant_is_refused_with_its_path() -> None:
    data = make_converter().unstructure(
        Approval(key="a", claim_key="k", at=pendulum.datetime(2024, 1, 1, tz="UTC"), actor="r")
    )
    data["at"] = "2024-01-01T00:00:00"
    with pytest.raises(Exception, match=r"\$\.at") as caught:
        structure(data, Approval)
    assert "offset" in str(caught.value)


@given(st.lists(pts.entries(), max_size=6))
def test_entries_round_trip_as_a_tagged_union(entries: list[Entry]) -> None:
    converter = make_converter()
    configure_tagged_union(Entry, converter, tag_name="type")
    data = converter.unstructure(entries, list[Entry])
    assert [item["type"] for item in data] == [type(e).__name__ for e in entries]
    back = converter.structure(json.loads(json.dumps(data)), list[Entry])
    assert back == entries


def test_derived_records_round_trip() -> None:
    from neighborhood_pb import Period
    from neighborhood_pb.testing.points import build_points_world, service_histories

    tally = MustVisitTally(member_id="m", period=Period.quarter(2024, 1), hardship=2, dispute=1)
    assert round_trip(tally, MustVisitTally) == tally
    for points in (0, 7, 100):
        standing = DEFAULT_LEVELS.standing(points)
        assert round_trip(standing, LevelStanding) == standing

    @given(st.data())
    def snapshots(data: st.DataObject) -> None:
        world = build_points_world()
        snapshot = world.ledger(data.draw(service_histories(world))).standings.snapshot()
        assert round_trip(snapshot, StandingsSnapshot) == snapshot

    snapshots()


def test_generated_instants_leave_out_the_hour_new_york_repeats() -> None:
    from neighborhood_pb.testing.points import _unambiguous

    repeated = pendulum.instance(_dt.datetime(2024, 11, 3), tz="America/New_York").add(minutes=90)
    assert not _unambiguous(repeated)  # 01:30 happens twice that night
    assert _unambiguous(repeated.add(hours=2))
