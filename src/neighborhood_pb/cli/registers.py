"""``nbpb import`` and ``nbpb export --format registers``: registers in and out.

``import`` reads xlsx/CSV registers into a new dataset file: every problem of every row is
reported first and nothing is written unless there is none. Exit status: 0 written (or, with
``--dry-run``, would be), 1 problems found and nothing written, 2 unusable input (a file that
is not a register, too large, no known sheet, or a dataset file that already exists: updating
one is the monthly reconciliation's job).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from neighborhood_pb.cli.columnar import run_export_parquet
from neighborhood_pb.cli.command import Subcommand, date_argument, fail, write_lines
from neighborhood_pb.cli.findings import count_line, finding_lines
from neighborhood_pb.errors import NeighborhoodPBError, Severity, StructuringError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.json import dumps_dataset, load_dataset
from neighborhood_pb.io.registers import export_registers, read_registers
from neighborhood_pb.io.registers.problems import problem
from neighborhood_pb.structure.levels import SCHEMA_PRESETS

__all__ = ["EXPORT", "IMPORT", "UNUSABLE", "run_export", "run_import"]

UNUSABLE = frozenset({"register.file", "register.too_large", "register.no_sheet"})
"""Problem codes that make the input unusable (exit status 2) rather than wrong (1)."""


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("registers", nargs="+", metavar="REGISTER", help=".xlsx or .csv files")
    parser.add_argument("--into", required=True, metavar="DATASET", help="the dataset to create")
    parser.add_argument(
        "--schema", required=True, choices=sorted(SCHEMA_PRESETS), help="the level schema"
    )
    parser.add_argument("--title", help="the dataset's title (default: the first file's name)")
    parser.add_argument("--as-of", type=date_argument, metavar="DATE", help="the data's day")
    parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    parser.add_argument("--errors", metavar="OUT", help="write the registers with an 错误 column")
    parser.add_argument(
        "--encoding", choices=("utf-8", "gb18030"), help="CSV encoding (default: detected)"
    )


def run_import(args: argparse.Namespace) -> int:
    """Import registers; see the module's docstring for the exit status."""
    into = Path(args.into)
    lang: str = args.lang
    if into.exists():
        refusal = problem("register.exists", str(into), file=str(into))
        return fail("import", refusal.render(lang))
    paths = [Path(path) for path in args.registers]
    title = args.title or paths[0].stem
    read = read_registers(
        paths, title=title, schema=args.schema, encoding=args.encoding, as_of=args.as_of
    )
    errors = [f for f in read.findings if f.severity is Severity.ERROR]
    if any(finding.code in UNUSABLE for finding in errors):
        first = next(finding for finding in errors if finding.code in UNUSABLE)
        return fail("import", first.render(lang))
    write_lines([*finding_lines(list(read.findings), lang=lang), count_line(read.findings, lang)])
    try:
        if read.dataset is None:
            if args.errors:
                read.write_errors(args.errors, lang=lang)
            return 1
        if not args.dry_run:
            text = dumps_dataset(read.dataset, redact_personal=False)
            into.write_text(text, encoding="utf-8")
    except OSError as exc:
        return fail("import", f"cannot write it ({exc})")
    return 0


IMPORT = Subcommand(
    name="import",
    help="create a dataset from xlsx/csv registers: 0 written, 1 problems (nothing written), "
    "2 unusable input",
    add_arguments=_import_arguments,
    run=run_import,
)


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dataset", metavar="DATASET", help="a dataset document (JSON), or for parquet a store URL"
    )
    parser.add_argument(
        "--format", choices=("registers", "parquet"), required=True, help="registers or parquet"
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="OUT",
        help="a .xlsx workbook, or a directory of CSVs or of Parquet files",
    )
    parser.add_argument(
        "--as-of", type=date_argument, metavar="DATE", help="parquet: the day (default: as_of)"
    )


def run_export(args: argparse.Namespace) -> int:
    """Export a dataset's registers; 0 written, 2 when the dataset cannot be used."""
    if args.format == "parquet":
        return run_export_parquet(args)
    path: str = args.dataset
    try:
        dataset = load_dataset(path)
    except FileNotFoundError:
        return fail("export", f"{path}: no such file")
    except OSError as exc:
        return fail("export", f"{path}: cannot read it ({exc.strerror or exc})")
    except StructuringError as exc:
        return fail("export", f"{path}: {error_text(exc, args.lang)}")
    try:
        export_registers(dataset, args.out)
    except (OSError, NeighborhoodPBError) as exc:
        return fail("export", f"{args.out}: cannot write it ({exc})")
    return 0


EXPORT = Subcommand(
    name="export",
    help="write a dataset's registers (one .xlsx, or CSVs in a directory) or its columnar "
    "tables (Parquet files in a directory)",
    add_arguments=_export_arguments,
    run=run_export,
)
