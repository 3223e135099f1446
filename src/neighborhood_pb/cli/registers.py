"""``nbpb import`` and ``nbpb export --format registers``: registers in and out.

``import`` reads xlsx/CSV registers into a dataset: every problem of every row is reported
first and nothing is written unless there is none. When the dataset (a JSON file, or a
database URL such as ``sqlite:///city.db``) does not exist yet it is created; when it does,
this month's registers are reconciled against it from ``--effective DATE`` and the changes
previewed, then applied (see :mod:`neighborhood_pb.cli.registers_update`). Exit status: 0
written (or, with ``--dry-run``, would be), 1 problems found or changes refused and nothing
written, 2 unusable input (a file that is not a register, too large, no known sheet, a
dataset that cannot be read, or options that do not fit: ``--effective`` is for updating,
``--as-of`` and ``--schema`` for creating).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from neighborhood_pb.cli.columnar import run_export_parquet
from neighborhood_pb.cli.command import (
    Subcommand,
    date_argument,
    fail,
    progress_of,
    reason_text,
    refusal,
)
from neighborhood_pb.cli.registers_update import (
    UNUSABLE,
    Writer,
    refuse,
    report_read,
    update_file,
    update_store,
)
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.json import dumps_dataset, load_dataset
from neighborhood_pb.io.registers import export_registers, read_registers
from neighborhood_pb.io.store.names import is_database_url
from neighborhood_pb.structure.levels import SCHEMA_PRESETS

__all__ = ["EXPORT", "IMPORT", "UNUSABLE", "run_export", "run_import"]


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("registers", nargs="+", metavar="REGISTER", help=".xlsx or .csv files")
    parser.add_argument(
        "--into",
        required=True,
        metavar="DATASET",
        help="the dataset to create or update: a JSON file or a database URL",
    )
    parser.add_argument(
        "--schema",
        choices=sorted(SCHEMA_PRESETS),
        help="the level schema (required to create a dataset)",
    )
    parser.add_argument("--title", help="the dataset's title (default: the first file's name)")
    parser.add_argument("--as-of", type=date_argument, metavar="DATE", help="a new dataset's day")
    parser.add_argument(
        "--effective",
        type=date_argument,
        metavar="DATE",
        help="the day this month's changes take effect (required to update a dataset)",
    )
    parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    parser.add_argument("--errors", metavar="OUT", help="write the registers with an 错误 column")
    parser.add_argument(
        "--encoding", choices=("utf-8", "gb18030"), help="CSV encoding (default: detected)"
    )


def run_import(args: argparse.Namespace) -> int:
    """Import registers; see the module's docstring for the exit status."""
    into = args.into

    def create(write: Writer) -> int:
        return _create(args, into, write)

    if is_database_url(into):
        return update_store(args, create)
    path = Path(into)
    if path.exists():
        return update_file(args, path)

    def write_file(dataset: Dataset) -> None:
        path.write_text(dumps_dataset(dataset, redact_personal=False), encoding="utf-8")

    return create(write_file)


def _create(args: argparse.Namespace, shown: str, write: Writer) -> int:
    """Create the dataset ``shown`` from the registers with ``write``."""
    lang: str = args.lang
    if args.effective is not None:
        return refuse("register.effective_unused", shown, lang)
    if args.schema is None:
        return refuse("register.schema_needed", shown, lang)
    paths = [Path(path) for path in args.registers]
    title = args.title or paths[0].stem
    read = read_registers(
        paths,
        title=title,
        schema=args.schema,
        encoding=args.encoding,
        as_of=args.as_of,
        progress=progress_of(args),
    )
    status = report_read(read, args, always=True)
    if status is not None:
        return status
    assert read.dataset is not None  # report_read ends the import otherwise
    if not args.dry_run:
        try:
            write(read.dataset)
        except (OSError, NeighborhoodPBError) as exc:
            reason = reason_text(exc, lang)
            return fail("import", refusal("cannot_write", lang, path=shown, reason=reason))
    return 0


IMPORT = Subcommand(
    name="import",
    help="create or update (--effective DATE) a dataset from xlsx/csv registers: 0 written, "
    "1 problems (nothing written), 2 unusable input",
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
        return fail("export", refusal("no_such_file", args.lang, path=path))
    except OSError as exc:
        reason = reason_text(exc, args.lang)
        return fail("export", refusal("cannot_read", args.lang, path=path, reason=reason))
    except StructuringError as exc:
        return fail("export", f"{path}: {error_text(exc, args.lang)}")
    try:
        export_registers(dataset, args.out, progress=progress_of(args))
    except (OSError, NeighborhoodPBError) as exc:
        reason = reason_text(exc, args.lang)
        return fail("export", refusal("cannot_write", args.lang, path=args.out, reason=reason))
    return 0


EXPORT = Subcommand(
    name="export",
    help="write a dataset's registers (one .xlsx, or CSVs in a directory) or its columnar "
    "tables (Parquet files in a directory)",
    add_arguments=_export_arguments,
    run=run_export,
)
