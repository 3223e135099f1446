"""The store's cost: a city the size of Yancheng (盐城市) saved to and loaded from SQLite, and
one ledger entry appended and committed; each beside a peer doing the same work with the raw
``sqlite3`` module, measured in the same run, with the ratio.

* save: the whole city in one transaction (peer: the same rows inserted with ``executemany``);
* load: the tables read back into a dataset with every aggregate built (peer: the same rows
  fetched with ``sqlite3``, nothing built); measured with records built straight from the
  rows (the fast path) and, in the same run, with every record structured by ``cattrs`` (the
  strict path, as before the fast path);
* append: one claim written and committed with :class:`LedgerWriter` and applied to the
  ledger in memory (peer: the same row inserted and committed with ``sqlite3``);
* register: one report (报到) added or end-dated with :class:`RegisterWriter` and applied to
  the tree in memory, with ``allow_broken_ledger`` and with the ledger guard, which reads
  the stored dataset and reopens its ledger (peer: the same row inserted and committed with
  ``sqlite3``).

Targets: save <= 10 s, load <= 5 s, append <= 1 ms median.

    python benchmarks/store.py                 # Yancheng scale
    python benchmarks/store.py --scale small   # a quick run
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pendulum

from neighborhood_pb import Dataset, Period
from neighborhood_pb.io.store import LedgerWriter, RegisterWriter, Store
from neighborhood_pb.io.store import load as load_module
from neighborhood_pb.io.store.schema import ENTRIES, RECORD_TABLES
from neighborhood_pb.points import Claim
from neighborhood_pb.samples import load_sample
from neighborhood_pb.synthetic import YANCHENG_SCALE, CityScale, generate_city

SCALES = {"yancheng": YANCHENG_SCALE, "small": CityScale()}


def line(label: str, ours: float, peer: float, unit: str, target: float | None) -> None:
    verdict = "" if target is None else (" (met)" if ours <= target else " (MISSED)")
    print(
        f"  {label:34} ours {ours:9.3f} {unit}   peer {peer:9.3f} {unit}   "
        f"ratio {ours / peer:6.1f}x{verdict}"
    )


def tables_rows(url: str) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every row of every record table, as the raw module fetches them."""
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    result = {}
    for table in (*RECORD_TABLES, ENTRIES):
        cursor = connection.execute(f"SELECT * FROM {table.name}")
        result[table.name] = ([c[0] for c in cursor.description], cursor.fetchall())
    connection.close()
    return result


def peer_save(path: Path, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> float:
    """The same rows inserted into bare tables with ``sqlite3``, in one transaction."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    for name, (columns, _) in rows.items():
        connection.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
    start = time.perf_counter()
    connection.execute("BEGIN")
    for name, (columns, values) in rows.items():
        marks = ", ".join("?" for _ in columns)
        connection.executemany(f"INSERT INTO {name} VALUES ({marks})", values)
    connection.execute("COMMIT")
    took = time.perf_counter() - start
    connection.close()
    return took


def peer_load(path: Path) -> float:
    start = time.perf_counter()
    connection = sqlite3.connect(path)
    for name in (*(t.name for t in RECORD_TABLES), ENTRIES.name):
        connection.execute(f"SELECT * FROM {name}").fetchall()
    connection.close()
    return time.perf_counter() - start


def timed_build(store: Store) -> float:
    """Seconds of one load into built aggregates (the garbage of the last one collected)."""
    gc.collect()
    start = time.perf_counter()
    store.build()
    return time.perf_counter() - start


def loads(store: Store, count: int) -> tuple[float, float]:
    """Median seconds of a load with the fast path, and of the same load with the fast path
    turned off (every record by ``cattrs``), taken in turns so that both see the same load
    of the machine."""
    fast, strict = [], []
    for _ in range(count):
        with mock.patch.object(load_module, "fast_dataset", return_value=None):
            strict.append(timed_build(store))
        fast.append(timed_build(store))
    return statistics.median(fast), statistics.median(strict)


def appends(folder: Path, count: int) -> tuple[float, float]:
    """Median seconds of one append with LedgerWriter, and of the raw sqlite3 insert."""
    community = load_sample("community")
    template = next(e for e in community.points.entries if isinstance(e, Claim))
    store = Store(f"sqlite:///{folder / 'ledger.db'}")
    store.save(community)
    ledger = store.build().ledger
    assert ledger is not None
    pen = LedgerWriter(store, ledger)
    ours = []
    for n in range(count):
        entry = attrs.evolve(template, key=f"bench/{n}")
        start = time.perf_counter()
        pen.append(entry)
        ours.append(time.perf_counter() - start)
    store.close()
    columns, rows = tables_rows(f"sqlite:///{folder / 'ledger.db'}")[ENTRIES.name]
    raw = sqlite3.connect(folder / "ledger.db", isolation_level=None)
    raw.execute("PRAGMA synchronous = NORMAL")
    marks = ", ".join("?" for _ in columns[1:])
    insert = f"INSERT INTO ledger_entries ({', '.join(columns[1:])}) VALUES ({marks})"
    row = list(rows[-1][1:])
    key = columns.index("key") - 1
    peer = []
    for n in range(count):
        row[key] = f"raw/{n}"
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(insert, row)
        raw.execute("COMMIT")
        peer.append(time.perf_counter() - start)
    raw.close()
    return statistics.median(ours), statistics.median(peer)


def register_writes(folder: Path, count: int, *, guarded: bool) -> tuple[float, float]:
    """Median seconds of one report added or end-dated with RegisterWriter (with the ledger
    guard, or with ``allow_broken_ledger``), and of the raw sqlite3 insert of the same row."""
    community = load_sample("community")
    report = next(r for r in community.structure.reports if r.period.end is None)
    path = folder / f"register-{'guarded' if guarded else 'allowed'}.db"
    store = Store(f"sqlite:///{path}")
    store.save(community)
    pen = RegisterWriter(store, store.build().tree, allow_broken_ledger=not guarded)
    day = pendulum.date(2027, 1, 1)
    pen.end_report(report.id, day)
    ours = []
    for n in range(count):
        added = attrs.evolve(report, id=f"bench/{n}", period=Period(start=day.add(days=n)))
        start = time.perf_counter()
        pen.add_report(added)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        pen.end_report(added.id, day.add(days=n + 1))
        ours.append(time.perf_counter() - start)
    store.close()
    columns, rows = tables_rows(f"sqlite:///{path}")["reports"]
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous = NORMAL")
    insert = f"INSERT INTO reports ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    row = list(rows[-1])
    peer = []
    for n in range(count):
        row[0], row[1] = len(rows) + n, f"raw/{n}"
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(insert, row)
        raw.execute("COMMIT")
        peer.append(time.perf_counter() - start)
    raw.close()
    return statistics.median(ours), statistics.median(peer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="yancheng")
    parser.add_argument("--appends", type=int, default=2000)
    parser.add_argument("--loads", type=int, default=3, help="loads of each kind")
    parser.add_argument("--guarded", type=int, default=50, help="guarded register writes")
    args = parser.parse_args()
    city = generate_city(SCALES[args.scale], seed=1)
    dataset = Dataset(
        title="synthetic city", schema=city.schema, structure=city.structure, as_of=city.as_of
    )
    records = city.structure
    print(
        f"city: {args.scale}: {len(records.territories):,} territories, "
        f"{len(records.orgs):,} organisations, {len(records.people):,} members, "
        f"{len(records.memberships):,} memberships, {len(records.reports):,} reports"
    )
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'city.db'}"
    store = Store(url)
    start = time.perf_counter()
    store.save(dataset)
    save_s = time.perf_counter() - start
    store.close()
    rows = tables_rows(url)
    peer_save_s = peer_save(folder / "peer.db", rows)
    store = Store(url)
    assert store.build().dataset == dataset
    load_s, strict_s = loads(store, args.loads)
    store.close()
    peer_load_s = peer_load(folder / "peer.db")
    ours_append, peer_append = appends(folder, args.appends)
    ours_register, peer_register = register_writes(folder, args.appends // 2, guarded=False)
    ours_guarded, peer_guarded = register_writes(folder, args.guarded, guarded=True)
    print("SQLite (WAL, synchronous=NORMAL); peer: the raw sqlite3 module")
    line("save the city (one transaction)", save_s, peer_save_s, "s", 10.0)
    line(f"load into built aggregates (median of {args.loads})", load_s, peer_load_s, "s", 5.0)
    line("load, every record by cattrs (before)", strict_s, peer_load_s, "s", None)
    print(f"  fast path / strict path: {load_s / strict_s:.2f}")
    line(
        f"append one entry (median of {args.appends})",
        ours_append * 1000,
        peer_append * 1000,
        "ms",
        1.0,
    )
    line(
        f"register write, allowed (median of {args.appends})",
        ours_register * 1000,
        peer_register * 1000,
        "ms",
        None,
    )
    line(
        f"register write, guarded (median of {2 * args.guarded})",
        ours_guarded * 1000,
        peer_guarded * 1000,
        "ms",
        None,
    )


if __name__ == "__main__":
    main()
