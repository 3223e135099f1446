"""Outcomes depend on the set of entries, never on the order in which they arrive."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import Period
from neighborhood_pb.points import (
    AUTO_APPROVAL_SUFFIX,
    Approval,
    Cap,
    Catalogue,
    Entry,
    Rejection,
    Reversal,
)
from neighborhood_pb.testing.points import (
    build_points_world,
    points_worlds,
    service_histories,
    world_catalogue,
)


def _changing_caps() -> Catalogue:
    """The world's catalogue, with "visit" and "clinic" changing points and cap mid-cycle."""
    base = world_catalogue()
    split = pendulum.Date(2024, 5, 16)
    items = []
    for item in base.items:
        if item.code in ("visit", "clinic"):
            items.append(attrs.evolve(item, period=Period(start=item.period.start, end=split)))
            items.append(
                attrs.evolve(
                    item,
                    period=Period(start=split),
                    points=item.points + 2,
                    cap=Cap(awards=1, per=item.cap.per) if item.cap else None,
                )
            )
        else:
            items.append(item)
    return attrs.evolve(base, items=items)


WORLDS = st.one_of(
    points_worlds(),
    st.integers(1, 3).map(
        lambda n: build_points_world(members_per_community=n, catalogue=_changing_caps())
    ),
)

PERIODS = [Period.month(2024, m) for m in range(1, 13)] + [
    *(Period.quarter(2024, q) for q in range(1, 5)),
    Period.year(2024),
    Period.year(2025),
]


def _depends_on(entry: Entry) -> str | None:
    if isinstance(entry, Approval | Rejection):
        return entry.claim_key
    if isinstance(entry, Reversal):
        approval = entry.approval_key
        return (
            approval.removesuffix(AUTO_APPROVAL_SUFFIX)
            if approval.endswith(AUTO_APPROVAL_SUFFIX)
            else approval
        )
    return None


def another_arrival_order(entries: tuple[Entry, ...], priorities: list[int]) -> list[Entry]:
    """A random order that still puts every review after its claim and every reversal after
    the approval it reverses."""
    placed: set[str] = set()
    waiting = sorted(zip(priorities, range(len(entries)), entries, strict=False))
    result: list[Entry] = []
    while waiting:
        for position, (_, _, entry) in enumerate(waiting):
            needed = _depends_on(entry)
            if needed is None or needed in placed:
                result.append(entry)
                placed.add(entry.key)
                del waiting[position]
                break
    return result


@given(st.data())
def test_ranks_and_totals_are_independent_of_arrival_order(data: st.DataObject) -> None:
    world = data.draw(WORLDS)
    history = data.draw(service_histories(world))
    priorities = data.draw(
        st.lists(st.integers(0, 1000), min_size=len(history), max_size=len(history))
    )
    shuffled = another_arrival_order(history, priorities)
    assert sorted(e.key for e in shuffled) == sorted(e.key for e in history)
    first, second = world.ledger(history), world.ledger(shuffled)
    one, two = first.standings, second.standings
    assert one.snapshot() == two.snapshot()
    for period in PERIODS:
        assert one.ranking(period) == two.ranking(period)
        for member in world.members:
            assert one.rank(member, period) == two.rank(member, period)
        on = pendulum.Date(2024, 12, 31)
        assert one.org_ranking("O-C1", period, on) == two.org_ranking("O-C1", period, on)
    for member in world.members:
        assert first.balance(member) == second.balance(member)
    assert first.audit() == second.audit() == ()


@given(st.data())
def test_months_add_up_to_quarters_and_years(data: st.DataObject) -> None:
    world = data.draw(WORLDS)
    ledger = world.ledger(data.draw(service_histories(world)))
    standings = ledger.standings
    for member in world.members:
        months = [standings.total(member, Period.month(2024, m)) for m in range(1, 13)]
        quarters = [standings.total(member, Period.quarter(2024, q)) for q in range(1, 5)]
        assert quarters == [sum(months[i : i + 3]) for i in range(0, 12, 3)]
        assert standings.total(member, Period.year(2024)) == sum(quarters)
        assert standings.total(member, Period.year(2024)) == standings.total(
            member, Period(start="2024-01-01", end="2025-01-01")
        )
    for org in ("O-C1", "O-C2", "O-S"):
        on = pendulum.Date(2024, 12, 31)
        months = [standings.org_total(org, Period.month(2024, m), on) for m in range(1, 13)]
        assert standings.org_total(org, Period.year(2024), on) == sum(months)
    on = pendulum.Date(2024, 12, 31)
    assert standings.org_total("O-S", Period.year(2024), on) == sum(
        standings.org_total(org, Period.year(2024), on) for org in ("O-C1", "O-C2")
    )
