"""Report workbook benchmark: a report of many scopes written as an xlsx workbook.

The report is the street sample's JSON report with each metric's rows repeated for
``--scopes`` scopes (distinct ids and names), read into the report model; ours is
``write_report_xlsx`` (summary, a sheet per metric, findings; constant memory above 50,000
rows). The peer is a plain openpyxl write-only workbook of the same cells, one sheet per
metric, without formats, filters or widths. Both figures are the best of ``--repeat`` runs,
measured in one run, with their ratio.

    python benchmarks/report_xlsx.py
    python benchmarks/report_xlsx.py --scopes 500 --repeat 1
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

from neighborhood_pb.cli import main as nbpb
from neighborhood_pb.io.reports import ReportModel, report_model
from neighborhood_pb.io.reports.xlsx import write_report_xlsx
from neighborhood_pb.samples import sample_text


def _document(folder: Path, scopes: int) -> dict[str, Any]:
    path = folder / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    printed = StringIO()
    with redirect_stdout(printed):
        nbpb(["report", str(path), "--format", "json"])
    document: dict[str, Any] = json.loads(printed.getvalue())
    for metric in document["metrics"]:
        values = metric["values"]
        grown = []
        for number in range(scopes):
            row = copy.copy(values[number % len(values)])
            row["scope"] = f"S{number}"
            row["name"] = f"第{number}社区"
            grown.append(row)
        metric["values"] = grown
    return document


def _ours(model: ReportModel, out: Path) -> float:
    start = time.perf_counter()
    write_report_xlsx(model, out)
    return time.perf_counter() - start


def _peer(model: ReportModel, out: Path) -> float:
    import openpyxl

    start = time.perf_counter()
    book = openpyxl.Workbook(write_only=True)
    for section in model.metrics:
        sheet = book.create_sheet(section.id[:31])
        sheet.append(["scope", "name", "level", "numerator", "denominator", "value", "shown"])
        for row in section.rows:
            figure = None if row.figure is None else float(row.figure) / 100
            sheet.append(
                [
                    row.scope_id,
                    row.scope_name,
                    row.level,
                    row.numerator,
                    row.denominator,
                    figure,
                    row.display,
                ]
            )
    findings = book.create_sheet("findings")
    for finding in model.findings:
        findings.append([finding.code, finding.severity, finding.subject, finding.message])
    book.save(out)
    return time.perf_counter() - start


def run(scopes: int, repeat: int) -> int:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        model = report_model(_document(folder, scopes))
        rows = sum(len(section.rows) for section in model.metrics)
        ours = min(_ours(model, folder / "ours.xlsx") for _ in range(repeat))
        peer = min(_peer(model, folder / "peer.xlsx") for _ in range(repeat))
        size = (folder / "ours.xlsx").stat().st_size
    print(f"report workbook: {len(model.metrics)} metrics x {scopes} scopes = {rows} rows")
    print(f"  ours (write_report_xlsx):       {ours:7.2f} s ({size / 2**20:.1f} MiB)")
    print(f"  peer (openpyxl write-only):     {peer:7.2f} s")
    print(f"  ratio ours / peer:              {ours / peer:7.2f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scopes", type=int, default=3_000, help="scopes per metric")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is shown")
    args = parser.parse_args(argv)
    return run(args.scopes, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
