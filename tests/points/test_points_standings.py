"""Standings: the cap rule, totals by period and territory, ranks, top-N and levels."""

from __future__ import annotations

import random
import tracemalloc

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import (
    Coverage,
    InvalidRecordError,
    Organisation,
    OrgForm,
    Period,
    PeriodKind,
    Territory,
    TerritoryKind,
)
from neighborhood_pb.points import (
    DEFAULT_LEVELS,
    Cap,
    Ledger,
    LevelScale,
    PointsLevel,
    RankedMember,
    ScoreIndex,
    competition_ranking,
    top_with_ties,
)
from neighborhood_pb.testing.points import PointsWorld, build_points_world, level_scales

ZONE = "Asia/Shanghai"


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2024, month, day, hour, tz=ZONE)


@pytest.fixture
def world() -> PointsWorld:
    return build_points_world()


@pytest.fixture
def ledger(world: PointsWorld) -> Ledger:
    return world.ledger()


def approved_visit(ledger: Ledger, key: str, member: str, month: int, day: int) -> None:
    ledger.claim(
        key=key,
        member_id=member,
        item_code="visit",
        service_date=pendulum.Date(2024, month, day),
        at=at(month, day),
    )
    ledger.approve(key=f"a-{key}", claim_key=key, reviewer_id="R-S", at=at(month, day, 20))


# == the cap rule ==========================================================================


def test_a_cap_counts_the_earliest_services_of_the_cycle(ledger: Ledger) -> None:
    for key, day in (("k3", 3), ("k1", 1), ("k2", 2)):  # arrival order differs from service order
        approved_visit(ledger, key, "M1-0", 3, day)
    awarded = {key: ledger.standings.awarded(key) for key in ("k1", "k2", "k3")}
    assert awarded == {"k1": 3, "k2": 3, "k3": 0}  # "visit": 3 points, at most 2 a month
    assert ledger.balance("M1-0") == 6
    approved_visit(ledger, "k4", "M1-0", 4, 1)  # a new month is a new cycle
    assert ledger.standings.awarded("k4") == 3


def test_a_late_claim_with_an_earlier_date_takes_its_place(ledger: Ledger) -> None:
    approved_visit(ledger, "k2", "M1-0", 3, 10)
    approved_visit(ledger, "k3", "M1-0", 3, 20)
    assert ledger.standings.awarded("k3") == 3
    approved_visit(ledger, "k1", "M1-0", 3, 5)
    assert [ledger.standings.awarded(k) for k in ("k1", "k2", "k3")] == [3, 3, 0]
    assert ledger.balance("M1-0") == 6
    assert ledger.audit() == ()


def test_ties_on_the_service_date_are_broken_by_key(ledger: Ledger) -> None:
    for key in ("b", "c", "a"):
        approved_visit(ledger, key, "M1-0", 3, 7)
    assert [ledger.standings.awarded(k) for k in ("a", "b", "c")] == [3, 3, 0]


def test_reversing_a_scoring_claim_lets_the_next_one_score(ledger: Ledger) -> None:
    for key, day in (("k1", 1), ("k2", 2), ("k3", 3)):
        approved_visit(ledger, key, "M1-0", 3, day)
    ledger.reverse(key="v", approval_key="a-k1", reviewer_id="R-C1", at=at(3, 25), reason="x")
    assert [ledger.standings.awarded(k) for k in ("k1", "k2", "k3")] == [0, 3, 3]
    assert ledger.balance("M1-0") == 6


def test_reversing_a_claim_over_the_cap_changes_no_points(ledger: Ledger) -> None:
    for key, day in (("k1", 1), ("k2", 2), ("k3", 3)):
        approved_visit(ledger, key, "M1-0", 3, day)
    before = ledger.standings.snapshot()
    ledger.reverse(key="v", approval_key="a-k3", reviewer_id="R-C1", at=at(3, 25), reason="x")
    after = ledger.standings.snapshot()
    assert after.earned == before.earned
    assert after.member_totals == before.member_totals
    assert "k3" in before.awards
    assert "k3" not in after.awards


def test_caps_are_per_member_and_pending_claims_hold_no_place(ledger: Ledger) -> None:
    approved_visit(ledger, "k1", "M1-0", 3, 1)
    approved_visit(ledger, "k2", "M1-1", 3, 1)
    ledger.claim(
        key="p",
        member_id="M1-0",
        item_code="visit",
        service_date=pendulum.Date(2024, 3, 2),
        at=at(3, 2),
    )
    approved_visit(ledger, "k3", "M1-0", 3, 3)
    assert [ledger.standings.awarded(k) for k in ("k1", "k2", "k3", "p")] == [3, 3, 3, 0]


def test_a_cap_that_changes_between_versions_applies_to_each_claim(world: PointsWorld) -> None:
    visit = world.catalogue.versions("visit")[0]
    split = pendulum.Date(2024, 3, 16)
    catalogue = attrs.evolve(
        world.catalogue,
        items=(
            *(i for i in world.catalogue.items if i.code != "visit"),
            attrs.evolve(visit, period=Period(start=visit.period.start, end=split)),
            attrs.evolve(
                visit, period=Period(start=split), points=5, cap=Cap(awards=1, per=PeriodKind.MONTH)
            ),
        ),
    )
    ledger = Ledger(catalogue, world.tree, world.authority, shelf=world.shelf)
    approved_visit(ledger, "k1", "M1-0", 3, 1)
    approved_visit(ledger, "k2", "M1-0", 3, 20)  # one earlier award already uses the cap of 1
    approved_visit(ledger, "k3", "M2-0", 3, 20)
    assert [ledger.standings.awarded(k) for k in ("k1", "k2", "k3")] == [3, 0, 5]
    assert ledger.audit() == ()
    ledger.reverse(key="v1", approval_key="a-k1", reviewer_id="R-C1", at=at(3, 25), reason="x")
    assert ledger.standings.awarded("k2") == 5  # the group now carries one cap only
    approved_visit(ledger, "k4", "M1-0", 3, 25)
    assert [ledger.standings.awarded(k) for k in ("k2", "k4")] == [5, 0]
    ledger.reverse(key="v2", approval_key="a-k2", reviewer_id="R-C1", at=at(3, 26), reason="x")
    ledger.reverse(key="v4", approval_key="a-k4", reviewer_id="R-C1", at=at(3, 26), reason="x")
    assert ledger.balance("M1-0") == 0
    assert ledger.audit() == ()


# == totals ================================================================================


def test_points_belong_to_the_period_of_the_service_date(ledger: Ledger) -> None:
    ledger.claim(
        key="t1",
        member_id="M1-0",
        item_code="talk",
        service_date=pendulum.Date(2024, 3, 31),
        at=at(4, 2),
    )
    standings = ledger.standings
    assert standings.total("M1-0", Period.month(2024, 3)) == 1
    assert standings.total("M1-0", Period.month(2024, 4)) == 0
    assert standings.total("M1-0", Period.quarter(2024, 1)) == 1
    assert standings.total("M1-0", Period.year(2024)) == 1


def test_any_period_is_summed_from_the_claims(ledger: Ledger) -> None:
    for day in (1, 10, 20):
        ledger.claim(
            key=f"t{day}",
            member_id="M1-0",
            item_code="talk",
            service_date=pendulum.Date(2024, 3, day),
            at=at(3, day),
        )
    standings = ledger.standings
    assert standings.total("M1-0", Period(start="2024-03-05", end="2024-03-21")) == 2
    assert standings.total("M1-0", Period(start="2024-03-10")) == 2
    assert standings.totals(Period(start="2024-03-05", end="2024-03-21")) == {"M1-0": 2}
    assert standings.totals(Period(start="2025-01-01")) == {}
    assert standings.rank("M2-0", Period(start="2024-03-05", end="2024-03-21")) == 2
    assert standings.ranking(Period(start="2024-03-05", end="2024-03-21")) == (
        RankedMember(rank=1, member_id="M1-0", points=2),
    )


def test_orgs_below_grids_hold_no_reported_places(world: PointsWorld, ledger: Ledger) -> None:
    since = Period(start="2024-01-01")
    world.tree.add_territory(
        Territory(id="K1", kind=TerritoryKind.COMPOUND, name="小区", period=since, parent_id="C1")
    )
    world.tree.found(
        Organisation(
            id="O-K1",
            name="小区党支部",
            form=OrgForm.BRANCH,
            level="grid_branch",
            period=since,
            parent_id="O-C1",
        )
    )
    world.tree.cover(Coverage(org_id="O-K1", territory_id="K1", period=since))
    approved_visit(ledger, "k1", "M1-1", 3, 1)
    on = pendulum.Date(2024, 3, 31)
    assert ledger.standings.org_places("O-K1", on) == frozenset()
    assert ledger.standings.org_total("O-K1", Period.quarter(2024, 1), on) == 0
    assert ledger.standings.org_total("O-C1", Period.quarter(2024, 1), on) == 3


def test_totals_per_grid_community_and_street(ledger: Ledger) -> None:
    approved_visit(ledger, "k1", "M1-0", 3, 1)  # C1, grid G1
    approved_visit(ledger, "k2", "M1-1", 3, 1)  # C1, no grid
    approved_visit(ledger, "k3", "M2-0", 3, 1)  # C2
    standings, q1, on = ledger.standings, Period.quarter(2024, 1), pendulum.Date(2024, 3, 31)
    assert standings.place_total("G1", q1) == 3
    assert standings.place_total("C1", q1) == 3
    assert standings.org_places("O-C1", on) == frozenset({"C1", "G1"})
    assert standings.org_total("O-G1", q1, on) == 3
    assert standings.org_total("O-C1", q1, on) == 6
    assert standings.org_total("O-C2", q1, on) == 3
    assert standings.org_total("O-S", q1, on) == 9
    assert standings.org_total("O-S", Period.quarter(2024, 2), on) == 0
    with pytest.raises(InvalidRecordError, match="calendar"):
        standings.org_total("O-S", Period(start="2024-01-01", end="2024-01-15"), on)
    with pytest.raises(InvalidRecordError, match="calendar"):
        standings.place_total("C1", Period(start="2024-01-01"))


# == ranks =================================================================================


def test_competition_ranks_share_ties_and_skip(ledger: Ledger) -> None:
    approved_visit(ledger, "a", "M1-0", 3, 1)
    approved_visit(ledger, "b", "M1-1", 3, 1)
    approved_visit(ledger, "c", "M2-0", 3, 1)
    approved_visit(ledger, "d", "M2-0", 3, 2)
    q1 = Period.quarter(2024, 1)
    standings = ledger.standings
    assert [(r.rank, r.member_id, r.points) for r in standings.ranking(q1)] == [
        (1, "M2-0", 6),
        (2, "M1-0", 3),
        (2, "M1-1", 3),
    ]
    assert [standings.rank(m, q1) for m in ("M2-0", "M1-0", "M1-1", "M2-2")] == [1, 2, 2, 4]
    assert standings.rank("M1-0", Period.quarter(2024, 3)) == 1  # nobody has points yet
    assert [r.member_id for r in standings.top(q1, 2)] == ["M2-0", "M1-0", "M1-1"]
    assert [r.member_id for r in standings.top(q1, 1)] == ["M2-0"]
    with pytest.raises(InvalidRecordError, match="at least 1"):
        standings.top(q1, 0)


def test_a_community_ranking_includes_members_without_points(ledger: Ledger) -> None:
    approved_visit(ledger, "a", "M1-1", 3, 1)
    approved_visit(ledger, "b", "M2-0", 3, 1)
    standings, q1, on = ledger.standings, Period.quarter(2024, 1), pendulum.Date(2024, 3, 31)
    assert standings.org_members("O-C1", on) == ("M1-0", "M1-1", "M1-2")
    assert [(r.rank, r.member_id, r.points) for r in standings.org_ranking("O-C1", q1, on)] == [
        (1, "M1-1", 3),
        (2, "M1-0", 0),
        (2, "M1-2", 0),
    ]
    assert [r.member_id for r in standings.org_ranking("O-S", q1, on)][:2] == ["M1-1", "M2-0"]


def test_levels_and_points_to_the_next(ledger: Ledger) -> None:
    for n in range(5):
        ledger.claim(
            key=f"t{n}",
            member_id="M1-0",
            item_code="talk",
            service_date=pendulum.Date(2024, 3, 1),
            at=at(3, 1),
        )
    standing = ledger.standings.level("M1-0")
    assert (standing.level.code if standing.level else None, standing.points_to_next) == (
        "two_stars",
        7,
    )
    assert ledger.standings.level("M1-0", DEFAULT_LEVELS, Period.month(2024, 4)).points == 0
    top = DEFAULT_LEVELS.standing(1000)
    assert (top.level, top.next_level, top.points_to_next) == (
        DEFAULT_LEVELS.levels[-1],
        None,
        None,
    )
    high = LevelScale(levels=(PointsLevel(code="a", name="甲", min_points=10),))
    assert high.standing(3).level is None
    assert high.standing(3).points_to_next == 7


@pytest.mark.parametrize(
    ("levels", "rule"),
    [
        ((), "levels.non_empty"),
        (
            (
                PointsLevel(code="a", name="甲", min_points=0),
                PointsLevel(code="a", name="乙", min_points=5),
            ),
            "levels.unique_codes",
        ),
        (
            (
                PointsLevel(code="a", name="甲", min_points=5),
                PointsLevel(code="b", name="乙", min_points=5),
            ),
            "levels.ascending",
        ),
    ],
)
def test_bad_level_scales_are_refused(levels: tuple[PointsLevel, ...], rule: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        LevelScale(levels=levels)
    assert caught.value.rule == rule


@given(level_scales(), st.integers(0, 600))
def test_a_level_is_the_highest_threshold_reached(scale: LevelScale, points: int) -> None:
    standing = scale.standing(points)
    reached = [level for level in scale.levels if level.min_points <= points]
    assert standing.level == (reached[-1] if reached else None)
    if standing.next_level is not None:
        assert standing.points_to_next == standing.next_level.min_points - points > 0
    else:
        assert standing.level == scale.levels[-1]


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 5)), st.integers(1, 8))
def test_competition_ranking_and_top_n(scores: dict[str, int], n: int) -> None:
    ranking = competition_ranking(scores)
    for line in ranking:
        assert line.rank == 1 + sum(1 for p in scores.values() if p > line.points)
        assert line.points == scores[line.member_id]
    top = top_with_ties(ranking, n)
    kept = {line.member_id for line in top}
    assert len(kept) >= min(n, len(scores))
    for line in ranking:
        assert (line.member_id in kept) == (line.rank <= n)


@given(st.lists(st.integers(0, 500), max_size=30), st.integers(0, 600))
def test_moving_a_score_is_removing_then_adding(path: list[int], probe: int) -> None:
    index, held = ScoreIndex(), 0
    for score in path:  # one member's total going up and down; 0 is "not held"
        index.move(held, score)
        held = score
    assert len(index) == (1 if held else 0)
    assert index.count_above(probe) == (1 if held > probe else 0)


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 300)), max_size=60), st.integers(0, 400))
def test_the_score_index_counts_what_a_list_counts(
    operations: list[tuple[bool, int]], probe: int
) -> None:
    index, held = ScoreIndex(), []
    for add, score in operations:
        if add or score not in held:
            index.add(score)
            held.append(score)
        else:
            index.remove(score)
            held.remove(score)
    assert len(index) == len(held)
    assert index.count_above(probe) == sum(1 for s in held if s > probe)
    assert index.rank(probe) == 1 + sum(1 for s in held if s > probe)
    assert index.tallies() == {s: held.count(s) for s in set(held)}


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10**12)), max_size=400), st.integers())
def test_the_score_index_counts_many_distinct_and_huge_scores(
    operations: list[tuple[bool, int]], probe: int
) -> None:
    index, held = ScoreIndex(), []
    for add, score in operations:
        index.add(score)
        held.append(score)
        if not add:  # remove an earlier score, so buckets both split and empty
            index.remove(held.pop(len(held) // 2))
    assert len(index) == len(held)
    assert index.count_above(probe) == sum(1 for s in held if s > probe)
    assert list(index.tallies()) == sorted(set(held))
    assert index.tallies() == {s: held.count(s) for s in set(held)}


def test_a_huge_score_costs_no_more_memory_than_a_small_one() -> None:
    tracemalloc.start()
    try:
        index = ScoreIndex()
        index.move(0, 5 * 10**7)
        index.move(5 * 10**7, 10**15)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024
    assert (index.count_above(0), index.rank(10**15), len(index)) == (1, 1, 1)


def test_an_item_worth_fifty_million_points_ranks_in_little_memory() -> None:
    base = build_points_world().catalogue
    huge = attrs.evolve(base.items[1], code="medal", points=5 * 10**7)
    world = build_points_world(catalogue=attrs.evolve(base, items=(*base.items, huge)))
    ledger = world.ledger()
    tracemalloc.start()
    try:
        for key, member in (("k1", "M1-0"), ("k2", "M1-1")):
            ledger.claim(
                key=key,
                member_id=member,
                item_code="medal" if key == "k1" else "talk",
                service_date=pendulum.Date(2024, 3, 1),
                at=at(3, 1),
            )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
    quarter = Period.quarter(2024, 1)
    assert ledger.standings.total("M1-0", quarter) == 5 * 10**7
    assert (ledger.standings.rank("M1-0", quarter), ledger.standings.rank("M1-1", quarter)) == (
        1,
        2,
    )


@given(
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 150)), max_size=400),
    st.integers(-1, 151),
)
def test_moving_many_members_scores_counts_what_a_list_counts(
    moves: list[tuple[int, int]], probe: int
) -> None:
    index, held = ScoreIndex(), [0] * 100  # a hundred members' totals; 0 is "not held"
    for member, score in moves:
        index.move(held[member], score)
        held[member] = score
    scores = [s for s in held if s]
    assert len(index) == len(scores)
    assert index.count_above(probe) == sum(1 for s in scores if s > probe)
    assert index.tallies() == {s: scores.count(s) for s in sorted(set(scores))}


@pytest.mark.parametrize("top", [300, 10**9])
def test_a_score_index_over_many_buckets_counts_what_a_list_counts(top: int) -> None:
    rng = random.Random(top)
    index, held = ScoreIndex(), [0] * 500
    for step in range(20_000):
        member = rng.randrange(500)
        score = rng.randrange(top) if step % 5 else held[rng.randrange(500)]
        index.move(held[member], score)
        held[member] = score
        if step % 997 == 0:
            probe = rng.randrange(top)
            assert index.count_above(probe) == sum(1 for s in held if s > probe)
    scores = [s for s in held if s]
    assert len(index) == len(scores)
    assert index.tallies() == {s: scores.count(s) for s in sorted(set(scores))}
    for member in range(500):  # emptying every bucket leaves an empty index
        index.move(held[member], 0)
    assert (len(index), index.count_above(-1), index.tallies()) == (0, 0, {})


@given(st.lists(st.integers(0, 10**6), max_size=300), st.integers(-1, 10**6 + 1))
def test_an_index_built_at_once_equals_one_built_score_by_score(
    scores: list[int], probe: int
) -> None:
    built, grown = ScoreIndex.of(scores), ScoreIndex()
    for score in scores:
        grown.move(0, score)  # 0 is "not held" on both sides
    held = [s for s in scores if s]
    assert (len(built), built.tallies()) == (len(grown), grown.tallies())
    assert built.count_above(probe) == sum(1 for s in held if s > probe)
    for score in held[:20]:  # the built index takes moves like any other
        built.move(score, score + 1)
        grown.move(score, score + 1)
    assert built.tallies() == grown.tallies()
