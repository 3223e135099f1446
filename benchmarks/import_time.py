"""Cumulative import time of the package (导入耗时), from ``python -X importtime``.

Each statement runs in several fresh interpreters; its cost is the sum of the cumulative
microseconds ``-X importtime`` reports for the top-level imports the interpreter's own start-up
does not make (the package and whatever it loads, lazily or not), and the median is printed
against the target. ``python benchmarks/import_time.py [--runs N]``; the
exit status is 1 when ``import neighborhood_pb`` misses its target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

TARGET_MS = 60.0
"""Budget for ``import neighborhood_pb`` on the reference machine."""

STATEMENTS = (
    ("import neighborhood_pb", True),
    ("import neighborhood_pb.errors", False),
    ("from neighborhood_pb import OrgTree", False),
    ("from neighborhood_pb.metrics import compute_metrics", False),
)
"""(statement, whether the target applies)."""

SRC = Path(__file__).resolve().parent.parent / "src"


def top_level(stderr: str) -> dict[str, int]:
    """Each top-level (not nested) import in ``-X importtime`` output: cumulative µs."""
    rows = {}
    for row in stderr.splitlines():
        parts = row.removeprefix("import time:").split("|")
        if not row.startswith("import time:") or len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        if not name.startswith("  "):  # one space follows the bar; nesting adds two more
            rows[name.strip()] = int(parts[1])
    return rows


def run(statement: str) -> dict[str, int]:
    """The top-level imports of ``statement`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    return top_level(done.stderr)


def measure(statement: str, runs: int) -> float:
    """Median import cost of ``statement`` in ms over ``runs`` fresh interpreters."""
    start_up = set(run("pass"))
    samples = []
    for _ in range(runs):
        rows = run(statement)
        samples.append(sum(us for name, us in rows.items() if name not in start_up) / 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    """Print the median of each statement; 1 if the package import misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh interpreters per statement")
    args = parser.parse_args(argv)
    status = 0
    for statement, targeted in STATEMENTS:
        ms = measure(statement, args.runs)
        verdict = ""
        if targeted:
            verdict = "  ok" if ms <= TARGET_MS else "  OVER"
            verdict += f" (target {TARGET_MS:.0f} ms)"
            status |= ms > TARGET_MS
        print(f"{statement:55} {ms:8.1f} ms{verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main())
