"""Columnar benchmark: the structure metrics as SQL on DuckDB (and Spark) against polars.

Generates the synthetic city (Yancheng's size by default), exports its columnar tables, and
times, median of several runs: the in-memory engine, DuckDB over the Arrow tables (scopes
resolved in SQL), polars on the flat tables of benchmarks/peers.py (scopes resolved
beforehand, as in benchmarks/city.py), and Spark in local mode over the same tables. Every
engine's figures are checked against the library's before a time is printed.

    python benchmarks/columnar.py                  # Yancheng scale, with Spark
    python benchmarks/columnar.py --scale small    # a quick run
    python benchmarks/columnar.py --no-spark       # without starting a JVM
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers
from city import SCALES, line, ours_as_figures, same, timed
from neighborhood_pb.io.columnar import tree_tables
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.metrics import CATALOGUE, compute_metrics
from neighborhood_pb.metrics.portable import PORTABLE_METRICS
from neighborhood_pb.structure import OrgTree
from neighborhood_pb.synthetic import generate_city


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="yancheng")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-spark", dest="spark", action="store_false")
    args = parser.parse_args()
    repeat = args.repeat

    start = time.perf_counter()
    city = generate_city(SCALES[args.scale], seed=args.seed)
    tree = OrgTree.from_records(city.schema, city.structure)
    print(
        f"city: {args.scale} (seed {args.seed}), generated and built in "
        f"{time.perf_counter() - start:.1f} s; median of {repeat} runs"
    )
    export_s, tables = timed(lambda: tree_tables(tree), 1)
    rows = sum(t.num_rows for t in tables.values())
    line("columnar tables from the tree (Arrow)", export_s, f"one run, {rows:,} rows")

    portable = [m for m in CATALOGUE if m.id in PORTABLE_METRICS]
    ids = [m.id for m in portable]
    ours_s, ours_table = timed(lambda: compute_metrics(tree, city.as_of, metrics=portable), repeat)
    ours = ours_as_figures(ours_table, ids)
    line("structure metrics: neighborhood_pb in memory", ours_s)

    engine = DuckDBEngine(tables)
    duck_s, duck_table = timed(lambda: engine.compute_metrics(city.as_of, metrics=portable), repeat)
    assert duck_table.values == ours_table.values
    assert duck_table.scopes == ours_table.scopes
    assert duck_table.findings == ours_table.findings

    import polars as pl

    flat = peers.flat_tables(city.structure)
    chains = peers.scope_chains(flat["territories"])
    scope_rows = [(tid, scope) for tid, chain in chains.items() for scope in chain]
    frames = {
        "scope": pl.DataFrame(scope_rows, schema=["id", "scope"], orient="row"),
        **{name: pl.DataFrame(r, infer_schema_length=None) for name, r in flat.items()},
    }
    polars_s, theirs = timed(lambda: peers.polars_figures(frames), repeat)
    same(ours, theirs, "polars")
    line("structure metrics: polars (scopes resolved beforehand)", polars_s)
    ratio = duck_s / polars_s
    verdict = "met" if ratio <= 1.0 else "MISSED"
    line(
        "structure metrics: DuckDB SQL (scopes resolved in SQL)",
        duck_s,
        f"DuckDB/polars {ratio:.2f}x (target <= 1.0x: {verdict}); identical figures",
    )
    if args.spark:
        from neighborhood_pb.io.engines.spark import SparkEngine, spark_session

        session = spark_session(config={"spark.driver.memory": "4g"})
        session.sparkContext.setLogLevel("ERROR")
        spark_engine = SparkEngine(session, tables)
        spark_s, spark_table = timed(
            lambda: spark_engine.compute_metrics(city.as_of, metrics=portable), repeat
        )
        assert spark_table.values == ours_table.values
        assert spark_table.scopes == ours_table.scopes
        line(
            "structure metrics: Spark SQL, local[2]",
            spark_s,
            f"Spark/DuckDB {spark_s / duck_s:.1f}x; identical figures",
        )
        session.stop()


if __name__ == "__main__":
    main()
