"""The deliberation metrics as SQL: DuckDB over the deliberations' tables against the
in-memory pass, on the city-scale year of benchmarks/governance.py.

Builds the year of matters (33,000 by default), writes the deliberations' tables (the
derived outcomes computed once, as an export does), then times, median of several runs, the
seven deliberation metrics in memory and on DuckDB; DuckDB's figures are checked against the
library's before a time is printed. The matters' territories lie outside the (empty) tree, so
every figure counts in the total.

    python benchmarks/governance_sql.py                  # 33,000 matters
    python benchmarks/governance_sql.py --matters 5000   # a quick run
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from city import line, timed
from governance import standing, year
from neighborhood_pb.calendar import china_working_days
from neighborhood_pb.governance import Deliberations
from neighborhood_pb.io.columnar import tree_tables
from neighborhood_pb.io.columnar.governance_rows import governance_rows
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.metrics import CATALOGUE, MetricInput, MetricInputs, compute_metrics
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL
from neighborhood_pb.structure.tree import OrgTree

DAY = "2026-12-31"


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matters", type=int, default=33_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    book = Deliberations(standing=standing(), calendar=china_working_days())
    year(book, args.matters)
    tree = OrgTree(COMMUNITY_FIVE_LEVEL)
    wanted = [m for m in CATALOGUE if m.requires is MetricInput.GOVERNANCE]
    print(f"{args.matters:,} matters, the seven deliberation metrics on {DAY}")
    start = time.perf_counter()
    rows = governance_rows(book)
    line("derive the deliberations' tables (once, at export)", time.perf_counter() - start)
    engine = DuckDBEngine(tree_tables(tree, {"inputs": "structure,governance"}, None, rows))
    inputs = MetricInputs(tree=tree, deliberations=book)
    ours_s, ours = timed(lambda: compute_metrics(inputs, DAY, metrics=wanted), args.repeat)
    theirs_s, theirs = timed(lambda: engine.compute_metrics(DAY, metrics=wanted), args.repeat)
    if theirs.values != ours.values:
        raise SystemExit("DuckDB disagrees with the library on the deliberation metrics")
    line("in memory (governance_pass)", ours_s)
    line(
        "DuckDB (portable SQL over the tables)",
        theirs_s,
        f"in memory / DuckDB {ours_s / theirs_s:.1f}",
    )
    for metric_id in ("deliberation_adoption_rate", "deliberation_on_time_rate"):
        print(f"  {metric_id} {ours.value(metric_id)}")


if __name__ == "__main__":
    main()
