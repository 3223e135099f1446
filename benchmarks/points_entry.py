"""How long one new ledger entry takes to show in the standings, at city scale.

Builds a ledger of about 1.6 million entries for about 33,000 in-service members reported to
232 communities in 28 streets (the size of 盐城市: 32,621 party members, 232 urban communities,
28 streets), then times, one at a time:

* a check-in of an item reviewed automatically (the claim and its automatic approval), with
  the member's balance, quarterly total and city-wide rank read afterwards;
* the approval of a pending claim by a reviewer holding a post over the member's community,
  with the same three reads.

Prints the median and 90th percentile of each (elapsed and CPU time), against a target of 20
microseconds, after the time a plain Python loop takes, so that runs on different machines
can be compared.
Run: ``python benchmarks/points_entry.py`` (about a minute; needs a couple of GB of memory).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))

import memory
from neighborhood_pb import (
    STREET_GRID_FIVE_LEVEL,
    Coverage,
    EmploymentStatus,
    Organisation,
    OrgForm,
    OrgTree,
    Period,
    PeriodKind,
    Person,
    Report,
    Territory,
    TerritoryKind,
)
from neighborhood_pb.points import (
    Cap,
    Catalogue,
    ExplicitAuthority,
    Ledger,
    PostGrant,
    ReviewPolicy,
    ServiceCategory,
    ServiceItem,
)

STREETS = 28
COMMUNITIES = 232
MEMBERS = 33_000
TARGET_ENTRIES = 1_600_000
SAMPLES = 3_000
TARGET_US = 20.0
ZONE = "Asia/Shanghai"
SINCE = Period(start="2023-01-01")


def build_tree() -> tuple[OrgTree, ExplicitAuthority, list[str]]:
    """Streets, communities, their orgs, members reported to them and one reviewer each."""
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    grants = []
    for s in range(STREETS):
        street = f"S{s}"
        tree.add_territory(
            Territory(id=street, kind=TerritoryKind.STREET, name=f"街道{s}", period=SINCE)
        )
        org = Organisation(
            id=f"O-{street}",
            name=f"街道{s}党工委",
            form=OrgForm.WORKING_COMMITTEE,
            level="street_working_committee",
            period=SINCE,
        )
        tree.found(org)
        tree.cover(Coverage(org_id=org.id, territory_id=street, period=SINCE))
    for c in range(COMMUNITIES):
        community, street = f"C{c}", f"S{c % STREETS}"
        tree.add_territory(
            Territory(
                id=community,
                kind=TerritoryKind.COMMUNITY,
                name=f"社区{c}",
                period=SINCE,
                parent_id=street,
            )
        )
        tree.found(
            Organisation(
                id=f"O-{community}",
                name=f"社区{c}党总支",
                form=OrgForm.GENERAL_BRANCH,
                level="community_general_branch",
                period=SINCE,
                parent_id=f"O-{street}",
            )
        )
        tree.cover(Coverage(org_id=f"O-{community}", territory_id=community, period=SINCE))
        reviewer = f"R{c}"
        tree.add_person(Person(id=reviewer, name=f"书记{c}", admitted_on="2000-07-01"))
        grants.append(PostGrant(person_id=reviewer, org_id=f"O-{community}", period=SINCE))
    members = []
    for m in range(MEMBERS):
        member = f"M{m}"
        members.append(member)
        tree.add_person(
            Person(
                id=member,
                name=f"党员{m}",
                employment=EmploymentStatus.IN_SERVICE,
                admitted_on="2010-07-01",
            )
        )
        tree.add_report(
            Report(
                id=f"rep-{m}",
                person_id=member,
                community_id=f"C{m % COMMUNITIES}",
                period=SINCE,
            )
        )
    return tree, ExplicitAuthority(grants=grants), members


def catalogue() -> Catalogue:
    """Two automatic items (one capped) and one reviewed item."""
    return Catalogue(
        categories=(ServiceCategory(code="general", name="综合服务"),),
        items=(
            ServiceItem(
                code="talk",
                category="general",
                name="政策宣讲",
                points=1,
                period=SINCE,
                review=ReviewPolicy.AUTOMATIC,
            ),
            ServiceItem(
                code="home",
                category="general",
                name="回家日报到服务",
                points=2,
                period=SINCE,
                review=ReviewPolicy.AUTOMATIC,
                cap=Cap(awards=1, per=PeriodKind.MONTH),
            ),
            ServiceItem(
                code="visit",
                category="general",
                name="走访困难群众",
                points=3,
                period=SINCE,
                cap=Cap(awards=2, per=PeriodKind.MONTH),
            ),
        ),
    )


def reference_loop() -> float:
    """CPU seconds for a plain 10-million-step Python loop: how fast this machine is."""
    started = time.process_time()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.process_time() - started


def main() -> None:
    print(f"reference: a 10-million-step Python loop takes {reference_loop():.2f} s CPU here")
    rng = random.Random(20240101)
    started = time.perf_counter()
    tree, authority, members = build_tree()
    ledger = Ledger(catalogue(), tree, authority)
    days = [pendulum.Date(2024, 1, 1).add(days=n) for n in range(366)]
    instants = [pendulum.datetime(d.year, d.month, d.day, 21, tz=ZONE) for d in days]
    n = 0
    while len(ledger) < TARGET_ENTRIES:
        member = members[rng.randrange(MEMBERS)]
        day = rng.randrange(366)
        ledger.claim(
            key=f"c{n}",
            member_id=member,
            item_code="talk" if n % 3 else "home",
            service_date=days[day],
            at=instants[day],
        )
        n += 1
    built = time.perf_counter() - started
    print(
        f"built {len(ledger):,} entries for {len(members):,} members in {built:.1f} s "
        f"({built / len(ledger) * 1e6:.1f} µs per entry, including the tree)"
    )

    quarter = Period.quarter(2024, 4)
    standings = ledger.standings
    late = instants[-1].add(hours=2)

    def reflect(member: str) -> None:
        standings.balance(member)
        standings.total(member, quarter)
        standings.rank(member, quarter)

    auto: list[tuple[float, float]] = []
    for sample in range(SAMPLES):
        member = members[rng.randrange(MEMBERS)]
        day = 280 + rng.randrange(80)
        key = f"bench-auto-{sample}"
        w0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        ledger.claim(
            key=key, member_id=member, item_code="talk", service_date=days[day], at=instants[day]
        )
        reflect(member)
        auto.append(((time.perf_counter_ns() - w0) / 1000, (time.thread_time_ns() - c0) / 1000))

    pending = []
    for sample in range(SAMPLES):
        member = members[rng.randrange(MEMBERS)]
        day = 280 + rng.randrange(80)
        ledger.claim(
            key=f"bench-visit-{sample}",
            member_id=member,
            item_code="visit",
            service_date=days[day],
            at=instants[day],
        )
        pending.append((f"bench-visit-{sample}", member))
    approve: list[tuple[float, float]] = []
    for sample, (claim_key, member) in enumerate(pending):
        reviewer = f"R{int(member[1:]) % COMMUNITIES}"
        key = f"bench-a-{sample}"
        w0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        ledger.approve(key=key, claim_key=claim_key, reviewer_id=reviewer, at=late)
        reflect(member)
        approve.append(((time.perf_counter_ns() - w0) / 1000, (time.thread_time_ns() - c0) / 1000))

    print(f"ledger now holds {len(ledger):,} entries; target {TARGET_US:.0f} µs per entry")
    print("(wall: elapsed time; cpu: this thread's CPU time, unaffected by other processes)")
    worst = 0.0
    for label, timings in (
        ("automatic check-in (claim + approval) + balance, total, rank", auto),
        ("approval of a pending claim (authority checked) + balance, total, rank", approve),
    ):
        print(f"  {label}:")
        for name, values in (("wall", [w for w, _ in timings]), ("cpu", [c for _, c in timings])):
            median = statistics.median(values)
            p90 = statistics.quantiles(values, n=10)[-1]
            worst = max(worst, median) if name == "wall" else worst
            ratio = median / TARGET_US
            print(
                f"    {name}: median {median:.1f} µs (target {TARGET_US:.0f} µs, "
                f"ratio {ratio:.2f}x), p90 {p90:.1f} µs"
            )
    verdict = "meets" if worst <= TARGET_US else "misses"
    print(
        f"{verdict} the {TARGET_US:.0f} µs target (slowest wall-clock median {worst:.1f} µs, "
        f"ratio {worst / TARGET_US:.2f}x the target)"
    )
    peak = memory.peak_mib()
    print(f"peak memory with the whole year's ledger: {peak:,.0f} MiB (target < 1024 MiB)")


if __name__ == "__main__":
    main()
