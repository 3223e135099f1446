"""The territory aggregate: commands, their error paths and as-of queries."""

import random

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tree_world import D, K, territory

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError, RuleViolationError, UnknownRecordError
from neighborhood_pb.structure import Territory, TerritoryMap
from neighborhood_pb.testing.structure import territory_maps


def records(tmap: TerritoryMap) -> list[Territory]:
    return list(tmap)


def rejected(tmap: TerritoryMap, error: type, rule: str, subject: str, *call: object) -> None:
    before = records(tmap)
    with pytest.raises(error) as info:
        call[0](*call[1:])  # type: ignore[operator]
    assert (info.value.rule, info.value.subject) == (rule, subject)
    assert subject in str(info.value)
    assert records(tmap) == before


def small_map() -> TerritoryMap:
    tmap = TerritoryMap()
    tmap.add(territory("S", K.STREET))
    tmap.add(territory("C", K.COMMUNITY, "S"))
    tmap.add(territory("G", K.GRID, "C", code="G-1"))
    tmap.add(territory("K", K.COMPOUND, "G"))
    tmap.add(territory("B", K.BUILDING, "K", period=Period(start="2020-01-01", end="2023-01-01")))
    tmap.add(territory("H", K.HOUSEHOLD, "K"))
    return tmap


def test_container_protocol() -> None:
    tmap = small_map()
    assert len(tmap) == 6
    assert "C" in tmap
    assert "X" not in tmap
    assert [t.id for t in tmap] == ["S", "C", "G", "K", "B", "H"]


def test_add_refuses_a_duplicate_id() -> None:
    tmap = small_map()
    rejected(tmap, ConflictError, "id.unique", "C", tmap.add, territory("C", K.COMMUNITY))


def test_add_refuses_an_unknown_parent() -> None:
    tmap = small_map()
    rejected(
        tmap,
        UnknownRecordError,
        "reference.exists",
        "nowhere",
        tmap.add,
        territory("X", K.GRID, "nowhere", code="G-9"),
    )


@pytest.mark.parametrize(
    ("kind", "parent"), [(K.COMMUNITY, "C"), (K.VILLAGE, "C"), (K.STREET, "C")]
)
def test_add_refuses_a_parent_that_is_not_larger(kind: K, parent: str) -> None:
    tmap = small_map()
    rejected(
        tmap, RuleViolationError, "territory.nesting", "X", tmap.add, territory("X", kind, parent)
    )


@pytest.mark.parametrize(
    "period",
    [
        Period(start="2019-12-31", end="2021-01-01"),
        Period(start="2021-01-01", end="2023-01-02"),
        Period(start="2021-01-01"),
    ],
)
def test_add_refuses_a_child_outliving_its_parent(period: Period) -> None:
    tmap = small_map()
    rejected(
        tmap,
        RuleViolationError,
        "territory.nesting",
        "U",
        tmap.add,
        territory("U", K.UNIT, "B", period=period),
    )


def test_add_accepts_a_child_exactly_inside_its_parent() -> None:
    tmap = small_map()
    tmap.add(territory("U", K.UNIT, "B", period=Period(start="2020-01-01", end="2023-01-01")))
    assert tmap.get("U").parent_id == "B"


def test_grid_codes_are_unique_while_both_exist() -> None:
    tmap = small_map()
    rejected(
        tmap,
        ConflictError,
        "grid.code_unique",
        "G2",
        tmap.add,
        territory("G2", K.GRID, "C", code="G-1", period=Period(start="2030-01-01")),
    )
    tmap.add(territory("K2", K.COMPOUND, "C", code="G-1"))  # only grids share the code space
    tmap.end("K2", D(2020, 6, 1))


def test_a_grid_code_may_be_reused_after_the_grid_ends() -> None:
    tmap = TerritoryMap()
    tmap.add(territory("C", K.COMMUNITY))
    tmap.add(
        territory("G1", K.GRID, "C", code="X", period=Period(start="2020-01-01", end="2022-01-01"))
    )
    tmap.add(territory("G2", K.GRID, "C", code="X", period=Period(start="2022-01-01")))
    assert tmap.grid_by_code("X", D(2021, 12, 31)).id == "G1"
    assert tmap.grid_by_code("X", D(2022, 1, 1)).id == "G2"


def test_end_a_territory() -> None:
    tmap = small_map()
    ended = tmap.end("H", D(2024, 1, 1))
    assert ended.period == Period(start="2020-01-01", end="2024-01-01")
    assert tmap.get("H") == ended
    assert tmap.children("K", D(2024, 1, 1)) == ()


def test_end_refuses_an_unknown_territory() -> None:
    tmap = small_map()
    rejected(tmap, UnknownRecordError, "reference.exists", "X", tmap.end, "X", D(2024, 1, 1))


@pytest.mark.parametrize(
    ("tid", "day"), [("B", D(2022, 6, 1)), ("H", D(2020, 1, 1)), ("H", D(2019, 1, 1))]
)
def test_end_refuses_ended_territories_and_empty_periods(tid: str, day: pendulum.Date) -> None:
    tmap = small_map()
    rejected(tmap, RuleViolationError, "history.end_dated", tid, tmap.end, tid, day)


def test_end_refuses_while_a_child_outlives_it() -> None:
    tmap = small_map()
    rejected(tmap, RuleViolationError, "territory.nesting", "K", tmap.end, "K", D(2024, 1, 1))
    tmap.end("H", D(2022, 1, 1))
    rejected(tmap, RuleViolationError, "territory.nesting", "K", tmap.end, "K", D(2022, 6, 1))
    assert tmap.end("K", D(2023, 1, 1)).period.end == D(2023, 1, 1)


def test_end_guards_may_veto_and_then_nothing_changes() -> None:
    tmap = small_map()
    calls: list[tuple[str, pendulum.Date]] = []

    def guard(territory_id: str, day: pendulum.Date) -> None:
        calls.append((territory_id, day))
        if territory_id == "H":
            raise RuleViolationError("H is in use", subject="H", rule="test.in_use")

    tmap.guard_end(guard)
    rejected(tmap, RuleViolationError, "test.in_use", "H", tmap.end, "H", D(2024, 1, 1))
    tmap.add(territory("X", K.UNIT, "K"))
    tmap.end("X", D(2022, 1, 1))
    assert calls == [("H", D(2024, 1, 1)), ("X", D(2022, 1, 1))]


def test_get_and_at() -> None:
    tmap = small_map()
    assert tmap.get("B").kind is K.BUILDING
    assert tmap.at("B", D(2022, 12, 31)).id == "B"
    rejected(tmap, UnknownRecordError, "reference.exists", "B", tmap.at, "B", D(2023, 1, 1))
    rejected(tmap, UnknownRecordError, "reference.exists", "Z", tmap.get, "Z")


def test_children_as_of_a_day() -> None:
    tmap = small_map()
    assert [t.id for t in tmap.children(None, D(2021, 1, 1))] == ["S"]
    assert [t.id for t in tmap.children("K", D(2021, 1, 1))] == ["B", "H"]
    assert [t.id for t in tmap.children("K", D(2023, 1, 1))] == ["H"]
    assert tmap.children("K", D(2019, 12, 31)) == ()
    assert tmap.children("nowhere", D(2021, 1, 1)) == ()


def test_ancestors_nearest_first() -> None:
    tmap = small_map()
    assert [t.id for t in tmap.ancestors("H")] == ["K", "G", "C", "S"]
    assert tmap.ancestors("S") == ()
    rejected(tmap, UnknownRecordError, "reference.exists", "Z", tmap.ancestors, "Z")


def test_descendants_as_of_a_day_and_down_to_a_rank() -> None:
    tmap = small_map()
    assert {t.id for t in tmap.descendants("S", D(2021, 1, 1))} == {"C", "G", "K", "B", "H"}
    assert {t.id for t in tmap.descendants("S", D(2023, 1, 1))} == {"C", "G", "K", "H"}
    grids = tmap.descendants("S", D(2021, 1, 1), max_rank=K.GRID.rank)
    assert {t.id for t in grids} == {"C", "G"}
    assert list(tmap.descendants("H", D(2021, 1, 1))) == []


def test_grid_by_code() -> None:
    tmap = small_map()
    assert tmap.grid_by_code("G-1", D(2020, 1, 1)).id == "G"
    with pytest.raises(UnknownRecordError) as info:
        tmap.grid_by_code("G-404", D(2020, 1, 1))
    assert "G-404" in str(info.value)
    with pytest.raises(UnknownRecordError):
        tmap.grid_by_code("G-1", D(2019, 12, 31))


def test_count_by_kind() -> None:
    tmap = small_map()
    counts = tmap.count_by_kind(D(2023, 1, 1))
    assert counts[K.BUILDING] == 0
    assert counts[K.HOUSEHOLD] == 1
    assert counts[K.TOWNSHIP] == 0
    assert sum(tmap.count_by_kind(D(2021, 1, 1)).values()) == 6


# -- properties --------------------------------------------------------------------------------


@given(territory_maps(), st.randoms(use_true_random=False))
def test_generated_maps_load_and_queries_agree(
    ts: tuple[Territory, ...], rnd: random.Random
) -> None:
    tmap = TerritoryMap()
    for t in ts:
        tmap.add(t)
    assert list(tmap) == list(ts)
    day = rnd.choice(ts).period.start
    alive = {t.id for t in ts if t.period.contains(day)}
    assert sum(tmap.count_by_kind(day).values()) == len(alive)
    tops = {t.id for t in ts if t.parent_id is None and t.id in alive}
    assert {t.id for t in tmap.children(None, day)} == tops
    for t in ts:
        below = {d.id for d in tmap.descendants(t.id, day)}
        expected = {u.id for u in ts if u.id in alive and t in tmap.ancestors(u.id)}
        assert below == expected
        grids = [g for g in ts if g.code is not None and g.kind is K.GRID and g.id in alive]
        for grid in grids:
            assert tmap.grid_by_code(grid.code or "", day) == grid


@given(territory_maps())
def test_generated_maps_nest_properly(ts: tuple[Territory, ...]) -> None:
    by_id = {t.id: t for t in ts}
    for t in ts:
        if t.parent_id is not None:
            parent = by_id[t.parent_id]
            assert parent.kind.rank < t.kind.rank
            assert parent.period.start <= t.period.start
            assert parent.period.end is None or (
                t.period.end is not None and t.period.end <= parent.period.end
            )
    codes = [t.code for t in ts if t.kind is K.GRID]
    assert len(codes) == len(set(codes))


def test_add_all_loads_in_order_as_add_does() -> None:
    tmap = TerritoryMap()
    tmap.add_all(records(small_map()))
    assert records(tmap) == records(small_map())
    assert [t.id for t in tmap.children("K", D(2021, 1, 1))] == ["B", "H"]
    assert tmap.grid_by_code("G-1", D(2021, 1, 1)).id == "G"


@pytest.mark.parametrize(
    ("last", "error", "rule"),
    [
        (territory("G", K.GRID, "C2", code="G-3"), ConflictError, "id.unique"),
        (territory("G3", K.GRID, "C2", code="G-2"), ConflictError, "grid.code_unique"),
        (territory("X", K.STREET, "C2"), RuleViolationError, "territory.nesting"),
        (territory("X", K.GRID, "nowhere", code="G-4"), UnknownRecordError, "reference.exists"),
        (territory("K2", K.COMPOUND, "G2"), ConflictError, "id.unique"),
    ],
)
def test_add_all_is_all_or_nothing(last: Territory, error: type, rule: str) -> None:
    tmap = small_map()
    batch = [
        territory("C2", K.COMMUNITY, "S"),
        territory("G2", K.GRID, "C2", code="G-2"),
        territory("K2", K.COMPOUND, "G2"),
        territory("H2", K.HOUSEHOLD, "K"),  # a new child of an existing parent
        last,
    ]
    with pytest.raises(error) as info:
        tmap.add_all(batch)
    assert info.value.rule == rule
    assert records(tmap) == records(small_map())
    assert [t.id for t in tmap.children("K", D(2021, 1, 1))] == ["B", "H"]
    assert tmap.child_ids("C2") == ()
    with pytest.raises(UnknownRecordError):
        tmap.grid_by_code("G-2", D(2021, 1, 1))
    tmap.add_all(batch[:4])  # nothing of the refused batch is left behind to conflict
    assert tmap.grid_by_code("G-2", D(2021, 1, 1)).id == "G2"
    assert tmap.child_ids("K") == ["B", "H", "H2"]


def test_the_same_record_twice_in_a_batch_is_refused() -> None:
    tmap = small_map()
    twice = territory("C2", K.COMMUNITY, "S")
    with pytest.raises(ConflictError) as info:
        tmap.add_all([twice, twice])
    assert (info.value.rule, info.value.subject) == ("id.unique", "C2")
    assert records(tmap) == records(small_map())
    assert tmap.child_ids("S") == ["C"]


def test_child_records_follow_an_ended_territory() -> None:
    tmap = small_map()
    assert tmap.child_records("X") == ()
    assert [t.id for t in tmap.child_records(None)] == ["S"]
    ended = tmap.end("H", D(2024, 1, 1))
    children = tmap.child_records("K")
    assert [t.id for t in children] == ["B", "H"]
    assert children[1] is ended  # the current record, not the one first added
    assert children[1].period.end == D(2024, 1, 1)


def test_a_run_of_siblings_is_checked_as_each_one_alone() -> None:
    tmap = small_map()
    since = Period(start="2020-01-01")
    batch = [territory(f"H{n}", K.HOUSEHOLD, "B", period=since) for n in range(3)]
    with pytest.raises(RuleViolationError) as info:  # B ends in 2023: none may outlive it
        tmap.add_all(batch)
    assert info.value.rule == "territory.nesting"
    assert info.value.subject == "H0"
    assert records(tmap) == records(small_map())
    inside = Period(start="2020-01-01", end="2022-01-01")
    tmap.add_all(
        [*(attrs.evolve(t, period=inside) for t in batch), territory("H9", K.HOUSEHOLD, "K")]
    )
    assert tmap.child_ids("B") == ["H0", "H1", "H2"]
    assert tmap.child_ids("K") == ["B", "H", "H9"]
