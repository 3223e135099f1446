"""Co-building at city scale: Yancheng's four lists and partnerships in one run.

Yancheng (盐城市): 232 urban communities, each with a 200,000-yuan service fund a year, a
"3+X" list of 1,789 projects, 104 municipal units paired with 688 households in hardship;
Tonghua: 8 alliances with 112 resident units. The run takes every command through the
aggregates (each validated in full), runs every check, rebuilds from the records, and matches
needs to resources — once with :class:`Proximity` (each territory's grid, community and street
looked up once) and once with a naive matcher that walks the territory tree for every pair,
the way a first implementation would. Prints both figures and the ratio.

    python benchmarks/cobuild.py                 # 232 communities, 4,000 needs
    python benchmarks/cobuild.py --match 200     # match fewer needs
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TypeVar

from neighborhood_pb.calendar import Period
from neighborhood_pb.governance.cobuild import (
    YANCHENG_SERVICE_FUND,
    Alliance,
    AllianceMember,
    FourLists,
    HardshipHousehold,
    Need,
    NeedOrigin,
    Pairing,
    PairingKind,
    Partnerships,
    Project,
    Proximity,
    Resource,
    ResourceCommitment,
    ResourceKind,
    Spending,
    check_cobuild,
    match,
)
from neighborhood_pb.structure import Territory, TerritoryKind, TerritoryMap

T = TypeVar("T")
COMMUNITIES = 232
STREETS = 29
GRIDS = 6
CATEGORIES = ("elderly_care", "environment", "health", "children", "safety", "culture")
YEAR = Period(start="2026-01-01", end="2027-01-01")


def timed(label: str, action: Callable[[], T]) -> tuple[T, float]:
    """Run ``action`` once; print and return how long it took."""
    start = time.perf_counter()
    value = action()
    took = time.perf_counter() - start
    print(f"{label:<44}{took:8.3f} s")
    return value, took


def territories() -> TerritoryMap:
    """29 streets, 232 communities, 6 grids each."""
    tmap = TerritoryMap()
    life = Period(start="2020-01-01")
    rows = [
        Territory(id=f"S{s}", kind=TerritoryKind.STREET, name=f"街道{s}", period=life)
        for s in range(STREETS)
    ]
    for c in range(COMMUNITIES):
        rows.append(
            Territory(
                id=f"C{c}",
                kind=TerritoryKind.COMMUNITY,
                name=f"社区{c}",
                period=life,
                parent_id=f"S{c % STREETS}",
            )
        )
        rows += [
            Territory(
                id=f"C{c}G{g}",
                kind=TerritoryKind.GRID,
                name=f"网格{g}",
                code=f"C{c}G{g}",
                period=life,
                parent_id=f"C{c}",
            )
            for g in range(GRIDS)
        ]
    tmap.add_all(rows)
    return tmap


def build(needs: int) -> tuple[FourLists, Partnerships]:
    """The four lists and partnerships of the city, command by command."""
    lists = FourLists()
    for c in range(COMMUNITIES):
        lists.offer(YANCHENG_SERVICE_FUND.fund(id=f"F{c}", community_id=f"C{c}", year=2026))
        for r in range(5):
            lists.offer(
                Resource(
                    id=f"R{c}-{r}",
                    title="驻区单位资源",
                    kind=ResourceKind.UNIT,
                    provider_id=f"U{(c * 5 + r) % 112}",
                    territory_id=f"C{c}G{r % GRIDS}",
                    categories={CATEGORIES[(c + r) % len(CATEGORIES)]},
                    capacity=60,
                    period=YEAR,
                )
            )
    for n in range(needs):
        c = n % COMMUNITIES
        lists.raise_need(
            Need(
                id=f"N{n}",
                title="群众需求",
                raised_by=f"H{n}",
                origin=NeedOrigin.SURVEY,
                origin_ref="2026Q1",
                territory_id=f"C{c}G{n % GRIDS}",
                category=CATEGORIES[n % len(CATEGORIES)],
                raised_on="2026-01-15",
            )
        )
    for p in range(1789):
        c = p % COMMUNITIES
        lists.open_project(
            Project(
                id=f"P{p}",
                title="3+X项目",
                owner_id=f"WC{c}",
                need_ids={f"N{p % needs}"},
                commitments=[ResourceCommitment(resource_id=f"R{c}-{p % 5}", quantity=1)],
                budget_fen=2_900_000,
                fund_id=f"F{c}",
                start="2026-02-01",
                due="2026-10-31",
            )
        )
        lists.spend(
            Spending(id=f"SP{p}", project_id=f"P{p}", amount_fen=2_500_000, day="2026-06-01")
        )
    partners = Partnerships()
    for a in range(8):
        partners.found(
            Alliance(
                id=f"A{a}", name="党建联盟", lead_org_id="SWC", territory_id=f"S{a}", period=YEAR
            )
        )
    for u in range(112):
        partners.join(
            AllianceMember(id=f"AM{u}", alliance_id=f"A{u % 8}", unit_id=f"U{u}", period=YEAR)
        )
    for h in range(688):
        partners.register_hardship(
            HardshipHousehold(
                household_id=f"HH{h}",
                territory_id=f"C{h % COMMUNITIES}G0",
                reason="低保",
                period=YEAR,
            )
        )
        if h < 680:  # eight left unpaired for the check to find
            partners.pair(
                Pairing(
                    id=f"PR{h}",
                    kind=PairingKind.UNIT_HOUSEHOLD,
                    unit_id=f"MU{h % 104}",
                    partner_id=f"HH{h}",
                    period=YEAR,
                )
            )
    return lists, partners


def naive_distance(tmap: TerritoryMap, a: str, b: str) -> int:
    """Closeness found by walking both territories' ancestors for every pair."""
    if a == b:
        return 3
    kinds = ({TerritoryKind.GRID}, {TerritoryKind.COMMUNITY}, {TerritoryKind.STREET})
    chain_a = [tmap.get(a), *tmap.ancestors(a)]
    chain_b = [tmap.get(b), *tmap.ancestors(b)]
    for score, wanted in zip((3, 2, 1), kinds, strict=True):
        x = next((t.id for t in chain_a if t.kind in wanted), None)
        y = next((t.id for t in chain_b if t.kind in wanted), None)
        if x is not None and x == y:
            return score
    return 0


def naive_match(need: Need, resources: list[Resource], tmap: TerritoryMap) -> list[str]:
    """The same ranking, without the lookups kept."""
    scored = []
    for r in resources:
        if r.categories and need.category not in r.categories:
            continue
        category = 2 if r.categories else 1
        score = 10 * category + 3 * naive_distance(tmap, need.territory_id, r.territory_id) + 2
        scored.append((-score, -r.capacity, r.id))
    return [rid for _, _, rid in sorted(scored)]


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=4000)
    parser.add_argument("--match", type=int, default=400, help="needs to match")
    args = parser.parse_args()
    tmap, _ = timed("territory (29 streets, 232 communities)", territories)
    (lists, partners), _ = timed(
        f"commands ({args.needs} needs, 1,789 projects)", lambda: build(args.needs)
    )
    found, _ = timed("every check", lambda: check_cobuild(lists, partners, "2026-12-01"))
    print(
        f"  findings: {len(found)} (unpaired households: "
        f"{sum(f.code == 'cobuild.hardship_unpaired' for f in found)})"
    )
    records = lists.records()
    timed("rebuild the lists from their records", lambda: FourLists.from_records(records))
    resources = list(lists.resources("2026-03-01"))
    needs = lists.needs()[: args.match]
    near = Proximity(tmap)
    ours, our_time = timed(
        f"match {len(needs)} needs x {len(resources)} resources",
        lambda: [match(n, resources, near, "2026-03-01") for n in needs],
    )
    peer, peer_time = timed(
        "  naive matcher, same needs", lambda: [naive_match(n, resources, tmap) for n in needs]
    )
    assert [[m.resource_id for m in r] for r in ours] == peer, "the rankings differ"
    print(f"  ratio naive / ours: {peer_time / our_time:.1f}x (identical rankings)")


if __name__ == "__main__":
    main()
