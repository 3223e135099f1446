"""Scale-out benchmark: the structure report as SQL over N Yanchengs of streamed Parquet.

For each scale (``--times 1 10 50``) the synthetic tables are written once into a cache
directory by the streaming generator (its time and peak printed apart, never counted in the
report), then every engine computes the full portable report straight from the Parquet files,
each scale and engine in a fresh process so that peaks do not carry over: DuckDB always
(in process, views over the files), Spark in local mode with ``--spark``. Printed per engine
and scale: rows, seconds, peak memory of the engine's process, seconds per million rows;
then the national time extrapolated from the measured slope, the targets beside the figures
with their ratio, and whether every engine gave identical figures at every scale.

    python benchmarks/scale_out.py                          # DuckDB at 1x and 10x
    python benchmarks/scale_out.py --times 1 10 50 --spark  # the whole issue's targets
    python benchmarks/scale_out.py --cache /var/tmp/nbpb    # keep the generated files
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from neighborhood_pb.io.columnar.schema import SCHEMA_VERSION

GIB = 1024**3
CHILD_OPTIONS: list[str] = []
"""Options of this run that the fresh processes take too (``--duckdb-memory``)."""
DUCKDB_SECONDS, DUCKDB_PEAK, DUCKDB_AT = 60.0, 4 * GIB, 50
"""The issue's target: DuckDB's full report on 50 Yanchengs in at most 60 s and 4 GiB."""


def peak_bytes() -> int:
    """Peak resident memory of this process and of every process it started that is still
    alive (the JVM of a Spark session), from ``/proc``; else ``getrusage``."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    proc = Path("/proc")
    if not proc.is_dir():
        return own
    parents: dict[int, int] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    family, grew = {os.getpid()}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    total = own
    for pid in family - {os.getpid()}:
        try:
            status = (proc / str(pid) / "status").read_text()
        except OSError:
            continue
        for text in status.splitlines():
            if text.startswith("VmHWM:"):
                total += int(text.split()[1]) * 1024
    return total


def generate(out: Path, times: int, seed: int) -> dict[str, Any]:
    """Write ``times`` Yanchengs into ``out`` (in this process); its figures."""
    from neighborhood_pb.io.columnar import write_synthetic_parquet

    start = time.perf_counter()
    result = write_synthetic_parquet(out, times=times, seed=seed)
    return {
        "seconds": time.perf_counter() - start,
        "rows": sum(result.rows.values()),
        "by_table": dict(result.rows),
        "peak": peak_bytes(),
        "bytes": sum(f.stat().st_size for f in result.files),
    }


def report(
    engine: str, folder: Path, spark_master: str, duckdb_memory: str | None
) -> dict[str, Any]:
    """The full portable report over ``folder`` on ``engine`` (in this process); DuckDB
    through the engine's views over the files with its own configuration (``DuckDBConfig``:
    a memory limit it spills beyond, no insertion order), ``duckdb_memory`` replacing the
    preset limit. The files' schema is checked first, their rows as the report reads them."""
    from neighborhood_pb.io.columnar import read_parquet_schemas
    from neighborhood_pb.io.columnar.tables import metadata_facts
    from neighborhood_pb.io.engines.sql import compute_metrics_sql, table_inputs
    from neighborhood_pb.metrics import CATALOGUE
    from neighborhood_pb.metrics.portable import PORTABLE_METRICS

    portable = [m for m in CATALOGUE if m.id in PORTABLE_METRICS]
    setup = time.perf_counter()
    if engine == "duckdb":
        from neighborhood_pb.io.engines.duckdb import DuckDBConfig, DuckDBEngine

        config = DuckDBConfig()
        if duckdb_memory is not None:
            config = DuckDBConfig(memory_limit=duckdb_memory)
        sql = DuckDBEngine.from_parquet(folder, config, references=False)
        as_of = sql.facts["as_of"]
        start = time.perf_counter()
        table = sql.compute_metrics(as_of, metrics=portable)
    else:
        from neighborhood_pb.io.engines.spark import spark_session

        schemas = read_parquet_schemas(folder)
        as_of = metadata_facts(schemas)["as_of"]
        session = spark_session(spark_master, config={"spark.driver.memory": "6g"})
        session.sparkContext.setLogLevel("ERROR")
        for path in folder.glob("*.parquet"):
            session.read.parquet(str(path)).createOrReplaceTempView(path.stem)

        def query(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in session.sql(sql).collect()]

        start = time.perf_counter()
        table = compute_metrics_sql(query, engine, table_inputs(schemas), as_of, metrics=portable)
    seconds = time.perf_counter() - start
    peak = peak_bytes()
    figures = repr(sorted(table.values.items())) + repr(table.scopes) + repr(table.findings)
    if engine == "spark":
        session.stop()
    return {
        "setup": start - setup,
        "seconds": seconds,
        "peak": peak,
        "digest": hashlib.sha256(figures.encode()).hexdigest()[:16],
        "scopes": len(table.scopes),
        "total": str(table.value(portable[0].id).format()),
    }


def child(args: list[str], timeout: float) -> dict[str, Any]:
    """Run this script's ``--child`` mode in a fresh process; its JSON answer."""
    command = [sys.executable, __file__, *CHILD_OPTIONS, "--child", *args]
    with ThreadPoolExecutor(1) as pool:
        done = pool.submit(subprocess.run, command, capture_output=True, text=True, check=False)
        result = done.result(timeout=timeout)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def data_folder(cache: Path, times: int, seed: int) -> Path:
    """Where the files of ``times`` Yanchengs of this schema version are cached."""
    return cache / f"yancheng-x{times}-seed{seed}-schema{SCHEMA_VERSION}"


def data_for(cache: Path, times: int, seed: int, timeout: float) -> dict[str, Any]:
    """The cached files of ``times`` Yanchengs, generated (in a fresh process) if missing
    (the folder names the schema version: files of an older schema are not reused)."""
    folder = data_folder(cache, times, seed)
    done = folder / "generated.json"
    if done.is_file():
        figures: dict[str, Any] = json.loads(done.read_text())
        figures["cached"] = True
        return figures
    figures = child(["generate", str(folder), str(times), str(seed)], timeout)
    done.write_text(json.dumps(figures))
    figures["cached"] = False
    return figures


def gib(n: float) -> str:
    return f"{n / GIB:.2f} GiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--spark", action="store_true", help="also Spark in local mode")
    parser.add_argument("--spark-master", default="local[2]")
    parser.add_argument("--spark-max", type=int, default=10, help="largest scale for Spark")
    parser.add_argument("--cache", help="directory for generated data (default: a temp dir)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per process")
    parser.add_argument(
        "--duckdb-memory",
        default=None,
        help="DuckDB's memory_limit (it spills beyond; default: the engine's preset, 3GB)",
    )
    args, rest = parser.parse_known_args()
    if args.duckdb_memory is not None:
        CHILD_OPTIONS[:] = ["--duckdb-memory", args.duckdb_memory]
    if rest[:1] == ["--child"]:
        mode, folder = rest[1], Path(rest[2])
        if mode == "generate":
            answer = generate(folder, int(rest[3]), int(rest[4]))
        else:
            answer = report(mode, folder, args.spark_master, args.duckdb_memory)
        print(json.dumps(answer))
        return

    from neighborhood_pb.io.columnar import NATIONAL_SHAPE, YANCHENG_SHAPE

    cache_dir = Path(args.cache) if args.cache else Path(tempfile.mkdtemp(prefix="scale-out-"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    engines = ["duckdb", *(["spark"] if args.spark else [])]
    print(
        f"cache: {cache_dir}; seed {args.seed}; each scale and engine in a fresh process; "
        f"DuckDB memory_limit {args.duckdb_memory or 'preset'}"
    )
    print(f"{'':14}{'rows':>12} {'seconds':>9} {'peak':>10} {'s/M rows':>9}  note")
    measured: dict[str, list[tuple[int, float]]] = {engine: [] for engine in engines}
    digests: dict[int, dict[str, str]] = {}
    per_city: dict[str, float] = {}
    for times in sorted(args.times):
        data = data_for(cache_dir, times, args.seed, args.timeout)
        rows = data["rows"]
        per_city = {name: count / times for name, count in data["by_table"].items()}
        note = "cached, generated earlier" if data["cached"] else "not counted in the report"
        print(
            f"{'generate':9}{times:>4}x {rows:>12,} {data['seconds']:>9.1f} "
            f"{gib(data['peak']):>10} {data['seconds'] / rows * 1e6:>9.2f}  "
            f"{note}; {data['bytes'] / 1e6:,.0f} MB of Parquet"
        )
        folder = data_folder(cache_dir, times, args.seed)
        for engine in engines:
            if engine == "spark" and times > args.spark_max:
                continue
            got = child([engine, str(folder)], args.timeout)
            measured[engine].append((rows, got["seconds"]))
            digests.setdefault(times, {})[engine] = got["digest"]
            note = (
                f"setup {got['setup']:.1f} s; {got['scopes']:,} scopes; total {got['total']}; "
                f"figures {got['digest']}"
            )
            if engine == "duckdb" and times == DUCKDB_AT:
                met = got["seconds"] <= DUCKDB_SECONDS and got["peak"] <= DUCKDB_PEAK
                note += (
                    f"; target <= {DUCKDB_SECONDS:.0f} s: {got['seconds'] / DUCKDB_SECONDS:.2f}x"
                    f", <= {gib(DUCKDB_PEAK)}: {got['peak'] / DUCKDB_PEAK:.2f}x"
                    f" ({'met' if met else 'MISSED'})"
                )
            print(
                f"{engine:9}{times:>4}x {rows:>12,} {got['seconds']:>9.1f} "
                f"{gib(got['peak']):>10} {got['seconds'] / rows * 1e6:>9.2f}  {note}"
            )
    ratio = NATIONAL_SHAPE.communities / YANCHENG_SHAPE.communities
    members = NATIONAL_SHAPE.members / YANCHENG_SHAPE.members
    national_rows = sum(
        count * (members if name in {"people", "memberships", "reports"} else ratio)
        for name, count in per_city.items()
        if name != "metadata"
    )
    print(
        f"national shape: {NATIONAL_SHAPE.communities:,} communities, "
        f"{NATIONAL_SHAPE.members:,} members: about {national_rows:,.0f} rows "
        f"({ratio:.0f}x Yancheng's territory, {members:.0f}x its members)"
    )
    for engine, points in measured.items():
        (r0, s0), (r1, s1) = points[0], points[-1]
        slope = (s1 - s0) / (r1 - r0) if r1 != r0 else s1 / r1
        estimate = s1 + slope * (national_rows - r1)
        print(
            f"  {engine}: slope {slope * 1e6:.2f} s per million rows "
            f"(from {r0:,} to {r1:,} rows): national report about {estimate:,.0f} s "
            f"({estimate / 60:,.1f} min)"
        )
    for times, by_engine in digests.items():
        same = len(set(by_engine.values())) == 1
        print(
            f"  {times}x figures: "
            + ", ".join(f"{e} {d}" for e, d in by_engine.items())
            + (" (identical)" if same else " (DIFFER)")
        )
    if args.spark:
        spark = [d["spark"] == d["duckdb"] for d in digests.values() if "spark" in d]
        verdict = "met" if spark and all(spark) else "MISSED"
        print(f"  target: Spark's figures identical to DuckDB's at 1x and 10x: {verdict}")


if __name__ == "__main__":
    main()
