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
    day_type,
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
from neighborhood_pb.cli.text import Wording, say
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.json import dumps_dataset, load_dataset
from neighborhood_pb.io.registers import export_registers, read_registers
from neighborhood_pb.io.store.names import is_database_url
from neighborhood_pb.structure.levels import SCHEMA_PRESETS

__all__ = ["EXPORT", "IMPORT", "UNUSABLE", "run_export", "run_import"]


_HELP: Wording = {
    "import": (
        "由 xlsx/csv 登记表新建或更新（--effective DATE）数据集：0 已写入，1 有问题（未写入），"
        "2 输入不可用",
        "create or update (--effective DATE) a dataset from xlsx/csv registers: 0 written,"
        " 1 problems (nothing written), 2 unusable input",
    ),
    "registers": (".xlsx 或 .csv 文件", ".xlsx or .csv files"),
    "into": (
        "要新建或更新的数据集：JSON 文件或数据库 URL",
        "the dataset to create or update: a JSON file or a database URL",
    ),
    "schema": ("层级方案（新建数据集时必填）", "the level schema (required to create a dataset)"),
    "title": (
        "数据集标题（默认：第一个文件的文件名）",
        "the dataset's title (default: the first file's name)",
    ),
    "as_of": ("新数据集的数据日期", "a new dataset's day"),
    "effective": (
        "本月变更的生效日期（更新数据集时必填）",
        "the day this month's changes take effect (required to update a dataset)",
    ),
    "dry_run": ("只检查，不写入", "check only; write nothing"),
    "errors": ("写出带“错误”列的登记表", "write the registers with an error column (错误)"),
    "encoding": ("CSV 编码（默认：自动识别）", "CSV encoding (default: detected)"),
    "export": (
        "写出数据集的登记表（一个 .xlsx，或目录中的若干 CSV）或其列式数据表"
        "（目录中的 Parquet 文件）",
        "write a dataset's registers (one .xlsx, or CSVs in a directory) or its columnar"
        " tables (Parquet files in a directory)",
    ),
    "dataset": (
        "数据集文件（JSON）；parquet 也可为数据库 URL",
        "a dataset document (JSON), or for parquet a store URL",
    ),
    "format": ("登记表（registers）或 Parquet（parquet）", "registers or parquet"),
    "out": (
        "一个 .xlsx 工作簿，或存放 CSV 或 Parquet 文件的目录",
        "a .xlsx workbook, or a directory of CSVs or of Parquet files",
    ),
    "export_as_of": ("parquet：数据日期（默认：as_of）", "parquet: the day (default: as_of)"),
}
"""The help of ``nbpb import`` and ``nbpb export``, in Chinese and in English."""


def _import_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "registers", nargs="+", metavar="REGISTER", help=say(_HELP, "registers", lang)
    )
    parser.add_argument("--into", required=True, metavar="DATASET", help=say(_HELP, "into", lang))
    parser.add_argument("--schema", choices=sorted(SCHEMA_PRESETS), help=say(_HELP, "schema", lang))
    parser.add_argument("--title", help=say(_HELP, "title", lang))
    day = day_type(lang)
    parser.add_argument("--as-of", type=day, metavar="DATE", help=say(_HELP, "as_of", lang))
    parser.add_argument("--effective", type=day, metavar="DATE", help=say(_HELP, "effective", lang))
    parser.add_argument("--dry-run", action="store_true", help=say(_HELP, "dry_run", lang))
    parser.add_argument("--errors", metavar="OUT", help=say(_HELP, "errors", lang))
    parser.add_argument(
        "--encoding", choices=("utf-8", "gb18030"), help=say(_HELP, "encoding", lang)
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
    help=_HELP["import"],
    add_arguments=_import_arguments,
    run=run_import,
)


def _export_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("dataset", metavar="DATASET", help=say(_HELP, "dataset", lang))
    parser.add_argument(
        "--format",
        choices=("registers", "parquet"),
        required=True,
        help=say(_HELP, "format", lang),
    )
    parser.add_argument("--out", required=True, metavar="OUT", help=say(_HELP, "out", lang))
    parser.add_argument(
        "--as-of", type=day_type(lang), metavar="DATE", help=say(_HELP, "export_as_of", lang)
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
    help=_HELP["export"],
    add_arguments=_export_arguments,
    run=run_export,
)
