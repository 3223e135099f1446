"""City-scale benchmark: a synthetic city the size of Yancheng (盐城市), timed end to end.

Prints, for one run, the median of several repetitions of: build + validate, the full metric
report, one new ledger entry reflected in standings, a serde round trip, and peak memory; then
the same aggregations done by peers (a hand-written pure-Python pass, polars on flat tables,
anytree for the territory tree), as ratios. Every peer's figures are checked against the
library's before a ratio is printed.

Then, with ``--times N``, the same build and report for a city N times as large, to show
that cost grows linearly with the city; and a summary of every target, met or missed. The
two sizes are measured alike for that ratio: each in a fresh child process that generates
its city and times only build + validate and the report (a city measured in this process
would run in a heap the other city, the peers and the serde round trip had filled and freed,
with some of the other city's records still held, unlike the first).

    python benchmarks/city.py                 # Yancheng scale, and four times Yancheng
    python benchmarks/city.py --scale small   # a quick run
    python benchmarks/city.py --times 1       # no scaling run
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

import memory
import peers
from neighborhood_pb import Dataset, OrgTree, run_checks
from neighborhood_pb.io.json import dumps_dataset, loads_dataset
from neighborhood_pb.metrics import CATALOGUE, MetricInputs, compute_metrics
from neighborhood_pb.ratio import Ratio
from neighborhood_pb.structure import TerritoryMap
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.synthetic import YANCHENG_SCALE, CityScale, generate_city

T = TypeVar("T")
SCALES = {"yancheng": YANCHENG_SCALE, "small": CityScale()}


ROUNDS = 2
"""How many times the scaling run measures each size, taking turns."""

MEDIANS = "medians (build + validate, report), s:"
"""How a child process measuring one size prints its two medians."""

TARGETS: list[tuple[str, str, bool]] = []
"""What each target measured: its label, the figure and whether it is met."""


def target(label: str, figure: str, met: bool) -> str:
    """Record a target's figure; returns the note printed beside the timing."""
    TARGETS.append((label, figure, met))
    return f"{figure} ({'met' if met else 'MISSED'})"


def scaled(scale: CityScale, times: int) -> CityScale:
    """A city ``times`` as large: every count multiplied."""
    fields = attrs.fields(CityScale)
    return attrs.evolve(scale, **{f.name: getattr(scale, f.name) * times for f in fields})


def timed(
    function: Callable[[], T], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, T]:
    """Median seconds over ``repeat`` runs (by ``clock``), and the last result."""
    times, result = [], None
    for _ in range(repeat):
        result = None  # one result alive at a time: the last run's is not counted in memory
        gc.collect()
        start = clock()
        result = function()
        times.append(clock() - start)
    assert result is not None
    return statistics.median(times), result


def ours_as_figures(table: Any, metric_ids: list[str]) -> peers.Figures:
    figures: peers.Figures = {}
    for metric_id in metric_ids:
        for scope in table.scopes:
            value = table.value(metric_id, scope.id)
            pair = (
                (value.numerator, value.denominator)
                if isinstance(value, Ratio)
                else (value.total, value.count)
            )
            if pair != (0, 0):
                figures.setdefault(metric_id, {})[scope.id] = pair
    return figures


def same(ours: peers.Figures, theirs: peers.Figures, who: str) -> None:
    for metric_id, by_scope in ours.items():
        other = {k: v for k, v in theirs.get(metric_id, {}).items() if v != (0, 0)}
        if other != by_scope:
            raise SystemExit(f"{who} disagrees with the library on {metric_id}")


def line(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:56} {seconds * 1000:10.1f} ms  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="yancheng")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-ledger",
        dest="ledger",
        action="store_false",
        help="skip the ledger benchmark (1.6 million entries, about a minute)",
    )
    parser.add_argument(
        "--times",
        type=int,
        default=4,
        help="also build and report a city this many times as large (1: skip)",
    )
    parser.add_argument(
        "--only-times",
        type=int,
        metavar="N",
        help="only time build + validate and the report of a city N times as large, and "
        "print the two medians (what the scaling run asks of its child processes)",
    )
    args = parser.parse_args()
    scale, repeat = SCALES[args.scale], args.repeat
    if args.only_times is not None:
        figures = build_and_report(scaled(scale, args.only_times), args.seed, repeat)
        print(MEDIANS, *(f"{seconds:.6f}" for seconds in figures))
        return

    start = time.perf_counter()
    city = generate_city(scale, seed=args.seed)
    records = city.structure
    took = time.perf_counter() - start
    print(f"city: {args.scale} (seed {args.seed}), generated in {took:.1f} s")
    print(
        f"  {len(records.territories):,} territories, {len(records.orgs):,} organisations, "
        f"{len(records.people):,} members, {len(records.memberships):,} memberships, "
        f"{len(records.reports):,} reports; median of {repeat} runs"
    )
    print()

    def build() -> OrgTree:
        tree = OrgTree.from_records(city.schema, records)
        run_checks(tree, city.as_of)
        return tree

    build_s, tree = timed(build, repeat)
    line("build + validate (tree + checks)", build_s)
    report_s, table = timed(lambda: compute_metrics(MetricInputs(tree=tree), city.as_of), repeat)
    line("full metric report", report_s, f"{len(CATALOGUE)} metrics, {len(table.scopes)} scopes")

    library_peak = memory.peak_mib()
    note = target(
        "peak memory: city built, validated, reported <= 300 MiB",
        f"{library_peak:,.0f} MiB",
        library_peak <= 300,
    )
    print(f"  {'peak memory: city generated, built, validated, reported':56} {note}")
    dataset = Dataset(title="synthetic city", schema=city.schema, structure=records)

    def round_trip() -> Dataset:
        return loads_dataset(dumps_dataset(dataset, redact_personal=False, compact=True))

    serde_s, back = timed(round_trip, 1)
    assert back == dataset
    line("serde round trip (compact JSON, lossless)", serde_s, "one run: dump + load, checked")
    del back

    structure_ids = [m.id for m in CATALOGUE if m.requires == "structure"]
    structure_only = [m for m in CATALOGUE if m.requires == "structure"]
    ours_s, ours_table = timed(
        lambda: compute_metrics(tree, city.as_of, metrics=structure_only), repeat
    )
    ours = ours_as_figures(ours_table, structure_ids)
    print()
    print("peers (same figures, checked):")
    tables = peers.flat_tables(records)
    chains = peers.scope_chains(tables["territories"])
    hand_s, hand = timed(lambda: peers.hand_written(tables, chains), repeat)
    same(ours, hand, "the hand-written pass")
    line("structure metrics: neighborhood_pb", ours_s)
    line(
        "structure metrics: hand-written pure Python",
        hand_s,
        target(
            "structure metrics: ours/hand-written <= 1.0x",
            f"{ours_s / hand_s:.2f}x",
            ours_s <= hand_s,
        ),
    )
    import polars as pl

    scope_rows = [(tid, scope) for tid, chain in chains.items() for scope in chain]
    frames = {
        "scope": pl.DataFrame(scope_rows, schema=["id", "scope"], orient="row"),
        **{name: pl.DataFrame(rows, infer_schema_length=None) for name, rows in tables.items()},
    }
    polars_s, theirs = timed(lambda: peers.polars_figures(frames), repeat)
    same(ours, theirs, "polars")
    line(
        "structure metrics: polars",
        polars_s,
        target(
            "structure metrics: ours/polars <= 1.5x",
            f"{ours_s / polars_s:.2f}x",
            ours_s <= 1.5 * polars_s,
        ),
    )

    territories = sorted(records.territories, key=lambda t: t.kind.rank)

    def our_tree() -> int:
        mapping = TerritoryMap()
        mapping.add_all(territories)
        return len(mapping)

    tree_s, count = timed(our_tree, repeat)
    anytree_s, anytree_count = timed(lambda: peers.anytree_build(records), repeat)
    assert count == anytree_count
    line(
        "territory tree: neighborhood_pb (validated)",
        tree_s,
        f"{tree_s / count * 1e6:.2f} us/node",
    )
    line(
        "territory tree: anytree",
        anytree_s,
        f"{anytree_s / count * 1e6:.2f} us/node; "
        + target(
            "territory tree: anytree/ours >= 8x",
            f"{anytree_s / tree_s:.1f}x",
            anytree_s >= 8 * tree_s,
        ),
    )
    print()
    peak = memory.peak_mib()
    print(f"peak memory of this process, serde and peers included: {peak:,.0f} MiB")
    if args.ledger:
        print()
        print("points ledger (benchmarks/points_entry.py, in a child process):")
        script = Path(__file__).resolve().parent / "points_entry.py"
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=True
        )
        print("\n".join("  " + row for row in done.stdout.splitlines()))
        found = re.search(r"slowest wall-clock median ([0-9.]+)", done.stdout)
        assert found is not None, "the ledger benchmark printed no median"
        entry_us = float(found.group(1))
        target(
            "one ledger entry + balance, total, rank <= 20 us", f"{entry_us:.1f} us", entry_us <= 20
        )
    if args.times > 1:
        print()
        scaling(args.scale, scale, args.times, args.seed, repeat)
    print()
    print("targets:")
    for label, figure, met in TARGETS:
        print(f"  {label:56} {figure:>10}  {'met' if met else 'MISSED'}")


def build_and_report(scale: CityScale, seed: int, repeat: int) -> tuple[float, float, float]:
    """Generate a city and time build + validate, then the full report: two medians of the
    process's processor time (a single thread's work, which other processes sharing the
    machine do not add to, unlike the wall clock); and a bare ``dict`` filled with the city's
    territory ids: what Python's own hash table costs at this size, the least any registry
    of records by id (and any check that the ids are unique) must spend."""
    city = generate_city(scale, seed=seed)
    ids = [territory.id for territory in city.structure.territories]

    def bare_dict() -> int:
        index: dict[str, int] = {}
        for number, territory_id in enumerate(ids):
            index[territory_id] = number
        return len(index)

    with collector_paused():
        dict_s, _ = timed(bare_dict, repeat, time.process_time)

    def build() -> OrgTree:
        tree = OrgTree.from_records(city.schema, city.structure)
        run_checks(tree, city.as_of)
        return tree

    build_s, tree = timed(build, repeat, time.process_time)

    def report() -> Any:
        return compute_metrics(MetricInputs(tree=tree), city.as_of)

    report_s, _ = timed(report, repeat, time.process_time)
    return build_s, report_s, dict_s


def child_medians(
    scale_name: str, times: int, seed: int, repeat: int
) -> tuple[float, float, float]:
    """Build + validate, report and bare-dict medians of a city ``times`` as large, measured
    in a fresh child process (``--only-times``)."""
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            *("--scale", scale_name, "--seed", str(seed), "--repeat", str(repeat)),
            *("--only-times", str(times)),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    found = re.search(rf"^{re.escape(MEDIANS)} ([0-9.]+) ([0-9.]+) ([0-9.]+)$", done.stdout, re.M)
    assert found is not None, f"the child measuring {times} times the city printed no medians"
    return float(found.group(1)), float(found.group(2)), float(found.group(3))


def scaling(scale_name: str, scale: CityScale, times: int, seed: int, repeat: int) -> None:
    """Build and report the city and one ``times`` as large, each in a fresh child process
    measured alike; cost should grow about ``times`` fold."""
    big = scaled(scale, times)
    print(
        f"the city and one {times} times as large ({big.households:,} households, "
        f"{big.members:,} members), each in its own process, {ROUNDS} rounds taking turns; "
        f"processor time, median of {repeat} runs, the lower round"
    )
    # Sizes take turns, and each keeps its least disturbed round: on a shared machine two
    # figures measured minutes apart would otherwise compare the neighbours' load.
    rounds = [
        (child_medians(scale_name, 1, seed, repeat), child_medians(scale_name, times, seed, repeat))
        for _ in range(ROUNDS)
    ]
    build_s, report_s, dict_s = (min(small[i] for small, _ in rounds) for i in range(3))
    big_build_s, big_report_s, big_dict_s = (min(large[i] for _, large in rounds) for i in range(3))
    limit = 1.1 * times
    for label, seconds, single in (
        ("build + validate", big_build_s, build_s),
        ("full metric report", big_report_s, report_s),
    ):
        line(f"{label}, the city (processor time)", single)
        line(
            f"{label}, {times} times the city (processor time)",
            seconds,
            target(
                f"{label}: {times}x city costs <= {limit:.1f}x",
                f"{seconds / single:.2f}x",
                seconds <= limit * single,
            ),
        )
    line("bare dict filled with the ids, the city (processor time)", dict_s)
    line(
        f"bare dict filled with the ids, {times} times the city",
        big_dict_s,
        f"{big_dict_s / dict_s:.2f}x: the hash table's own growth on this machine",
    )


if __name__ == "__main__":
    main()
