"""``nbpb export --format parquet`` and Parquet directories as the SOURCE of ``nbpb report``
(列式导出与读取): the tables of ``docs/columnar.md``.

pyarrow (extra ``columnar``) is imported only here, when a Parquet format is asked for.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import attrs

from neighborhood_pb.cli.command import fail, progress_of, read_dataset, refusal
from neighborhood_pb.cli.engines import parquet_engine
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.errors.registry import error_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyarrow as pa

    from neighborhood_pb.io.engines.sql import SQLEngine

__all__ = ["is_parquet_dir", "open_parquet", "read_tables", "run_export_parquet"]

T = TypeVar("T")


def is_parquet_dir(path: str) -> bool:
    """Whether ``path`` is a directory of columnar tables (it holds ``metadata.parquet``)."""
    return Path(path, "metadata.parquet").is_file()


def _missing(command: str, lang: str) -> int:
    return fail(command, refusal("needs_pyarrow", lang))


def read_tables(command: str, path: str, lang: str) -> dict[str, pa.Table] | int:
    """The checked tables of the Parquet directory ``path``, or exit status 2 after one line
    naming the table and column, or the row and rule, that is wrong."""
    from neighborhood_pb.io.columnar.parquet import read_parquet

    return _checked(command, path, lang, lambda: read_parquet(path))


def open_parquet(command: str, path: str, args: argparse.Namespace) -> SQLEngine | int:
    """``args.engine`` over the Parquet directory ``path`` (see
    :func:`~neighborhood_pb.cli.engines.parquet_engine`), or exit status 2 after one line
    saying what is wrong, as :func:`read_tables`."""
    return _checked(command, path, args.lang, lambda: parquet_engine(path, args))


def _checked(command: str, path: str, lang: str, read: Callable[[], T]) -> T | int:
    try:
        import pyarrow.parquet  # noqa: F401  (the extra, asked for here rather than mid-read)
    except ImportError:
        return _missing(command, lang)
    try:
        return read()
    except NeighborhoodPBError as exc:
        return fail(command, f"{path}: {error_text(exc, lang)}")
    except (OSError, ValueError) as exc:
        return fail(command, refusal("cannot_read_parquet", lang, path=path, reason=exc))


def run_export_parquet(args: argparse.Namespace) -> int:
    """Write the tables of a dataset file or store URL as Parquet files into ``args.out``;
    0 written, 2 when the source cannot be used or the directory cannot be written."""
    progress = progress_of(args)
    ctx = read_dataset("export", args.dataset, args.as_of, args.lang, progress=progress)
    if isinstance(ctx, int):
        return ctx
    try:
        import pyarrow.parquet  # noqa: F401

        from neighborhood_pb.io.columnar.parquet import export_parquet
    except ImportError:
        return _missing("export", args.lang)
    dataset = ctx.dataset
    if args.as_of is not None:
        dataset = attrs.evolve(dataset, as_of=args.as_of)
    try:
        export_parquet(dataset, args.out, progress=progress)  # the records were validated when read
    except OSError as exc:
        return fail("export", refusal("cannot_write", args.lang, path=args.out, reason=exc))
    return 0
