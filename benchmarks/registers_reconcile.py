"""The monthly reconciliation of a Yancheng-size register, against rebuilding from scratch.

Generates a synthetic city the size of 盐城市 (32,621 members, about 600,000 territory
nodes) as last month's dataset, then writes this month's registers with a realistic month of
edits: about 0.5 % of members join, 0.5 % leave and 0.5 % move to another branch, and a few
organisations are renamed. Times, in one run:

* ours: ``reconcile`` (compare, and check every change on the aggregates), ``preview`` (the
  zh-CN lines) and ``apply`` (the new dataset, history kept);
* the peer: ``DatasetContext.build`` of the month's dataset, rebuilding every aggregate from
  scratch, which is what platforms do today (and which keeps no history of the month).

Prints each figure (median of ``--repeat`` alternated runs, elapsed and CPU), the ratio,
and whether ours meets the 5 s target.
Run: ``python benchmarks/registers_reconcile.py`` (a minute; ``--scale small``: seconds).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.dataset.build import DatasetContext
from neighborhood_pb.io.registers import ChangeKind, Reconciliation, reconcile
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import Membership
from neighborhood_pb.synthetic import YANCHENG_SCALE, CityScale, generate_city

T = TypeVar("T")
TARGET_S = 5.0
EFFECTIVE = pendulum.Date(2025, 7, 1)
SCALES = {"yancheng": YANCHENG_SCALE, "small": CityScale()}


def timed(function: Callable[[], T]) -> tuple[float, float, T]:
    """One run's elapsed and CPU seconds, and its result."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def month_of_edits(current: Dataset, seed: int = 1) -> Dataset:
    """This month's registers: ~0.5 % join, ~0.5 % leave, ~0.5 % move; 10 orgs renamed."""
    rng = random.Random(seed)
    s = current.structure
    count = max(1, len(s.memberships) // 200)
    branches = sorted({m.org_id for m in s.memberships})
    chosen = rng.sample(range(len(s.memberships)), 2 * count)
    leaving, moving = set(chosen[:count]), set(chosen[count:])
    memberships = []
    for index, membership in enumerate(s.memberships):
        if index in leaving:
            continue
        if index in moving:
            others = [b for b in rng.sample(branches, 2) if b != membership.org_id]
            membership = attrs.evolve(membership, org_id=others[0])
        memberships.append(membership)
    since = Period(start=EFFECTIVE.subtract(days=12))
    people = list(s.people)
    for n in range(count):
        people.append(
            Person(id=f"NEW{n}", name=f"新党员{n}", admitted_on="2024-01-01", full_member_on=None)
        )
        memberships.append(
            Membership(
                id=f"NEWM{n}", person_id=f"NEW{n}", org_id=rng.choice(branches), period=since
            )
        )
    renamed = set(rng.sample(branches, min(10, len(branches))))
    orgs = [attrs.evolve(o, name=f"{o.name}（更名）") if o.id in renamed else o for o in s.orgs]
    structure = attrs.evolve(
        s, people=tuple(people), memberships=tuple(memberships), orgs=tuple(orgs)
    )
    return attrs.evolve(current, structure=structure)


def ours(current: Dataset, incoming: Dataset) -> tuple[Reconciliation, tuple[str, ...], Dataset]:
    """Reconcile, preview in zh-CN and apply."""
    result = reconcile(current, incoming, effective=EFFECTIVE)
    lines = result.preview()
    return result, lines, result.apply()


def peer(incoming: Dataset) -> DatasetContext:
    """Rebuild every aggregate of the month's dataset from scratch."""
    return DatasetContext.build(attrs.evolve(incoming, as_of=EFFECTIVE))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="yancheng")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    city = generate_city(SCALES[args.scale])
    current = Dataset(
        title="盐城市 (模拟)", schema=city.schema, structure=city.structure, as_of=city.as_of
    )
    incoming = month_of_edits(current)
    s = current.structure
    print(
        f"last month: {len(s.memberships):,} members, {len(s.territories):,} territory nodes, "
        f"{len(s.orgs):,} organisations"
    )
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "peer": []}
    for _ in range(args.repeat):  # alternated, so that both see the same load on the machine
        wall, cpu, (result, lines, applied) = timed(lambda: ours(current, incoming))
        runs["ours"].append((wall, cpu))
        wall, cpu, context = timed(lambda: peer(incoming))
        runs["peer"].append((wall, cpu))
    assert result.findings == ()
    counts = result.counts()
    print("this month: " + ", ".join(f"{k.label_en} {n:,}" for k, n in counts.items()))
    print(f"  e.g. {lines[0]}")
    assert counts[ChangeKind.RENAME_ORG] == min(10, len({m.org_id for m in s.memberships}))
    assert reconcile(applied, incoming, effective=EFFECTIVE).changes == ()
    in_effect = sum(1 for m in applied.structure.memberships if m.period.contains(EFFECTIVE))
    assert in_effect == len(incoming.structure.memberships)  # the month's members, no more
    assert sum(1 for _ in context.tree.orgs(EFFECTIVE)) == len(incoming.structure.orgs)
    (ours_s, ours_cpu), (peer_s, peer_cpu) = (
        (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
        for r in (runs["ours"], runs["peer"])
    )
    verdict = "met" if ours_s <= TARGET_S else "MISSED"
    print(f"median of {args.repeat} alternated runs (elapsed; CPU of this process):")
    print(f"ours: reconcile + preview + apply    {ours_s:5.2f} s; CPU {ours_cpu:5.2f} s")
    print(f"peer: DatasetContext.build (rebuild) {peer_s:5.2f} s; CPU {peer_cpu:5.2f} s")
    print(f"target {TARGET_S} s for ours: {verdict}")
    print(
        f"ratio ours / peer: {ours_s / peer_s:.2f} elapsed, {ours_cpu / peer_cpu:.2f} CPU "
        "(the peer keeps no history of the month)"
    )


if __name__ == "__main__":
    main()
