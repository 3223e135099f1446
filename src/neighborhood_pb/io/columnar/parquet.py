"""Parquet files of the columnar schema (Parquet导出与读取): one file per table.

Requires the ``columnar`` extra (pyarrow).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar.references import check_references
from neighborhood_pb.io.columnar.schema import SCHEMA_VERSION, TABLES
from neighborhood_pb.io.columnar.tables import arrow_type, dataset_tables, metadata_facts
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "SCHEMA_VERSION_KEY",
    "check_tables",
    "export_parquet",
    "parquet_files",
    "read_parquet",
    "read_parquet_schemas",
]

SCHEMA_VERSION_KEY = b"neighborhood_pb.schema_version"
"""Parquet key-value metadata naming the schema version (also in the ``metadata`` table)."""


def export_parquet(
    dataset: Dataset, out_dir: str | os.PathLike[str], *, progress: Progress = NO_PROGRESS
) -> tuple[Path, ...]:
    """Write every table of ``dataset`` as ``<table>.parquet`` into ``out_dir``
    (``progress`` told of each file written).

    Returns:
        The files written, in the order of the schema's tables.

    Raises:
        DatasetRecordError: a record of the dataset is refused.
    """
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    tables = dataset_tables(dataset)
    for name, table in tracked(progress, tables.items(), "写入Parquet parquet", len(tables)):
        path = out / f"{name}.parquet"
        meta = {**(table.schema.metadata or {}), SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode()}
        pq.write_table(table.replace_schema_metadata(meta), path)
        written.append(path)
    return tuple(written)


def _refuse(message: str, rule: str, table: str, column: str = "") -> InvalidRecordError:
    params = {"table": table} if not column else {"table": table, "column": column}
    return InvalidRecordError(message, subject=table, rule=rule, params=params)


def check_tables(tables: dict[str, pa.Table]) -> None:
    """Check that ``tables`` hold every table and column of the schema with its type, and a
    schema version this library reads.

    Raises:
        InvalidRecordError: a table is missing (rule ``columnar.table``), a column is
            missing or of the wrong type (``columnar.column``), or the schema version is
            newer or unreadable (``columnar.version``).
    """
    for name, spec in TABLES.items():
        table = tables.get(name)
        if table is None:
            raise _refuse(f"table {name} is missing", "columnar.table", name)
        for column in spec.columns:
            want = arrow_type(column.type)
            index = table.schema.get_field_index(column.name)
            if index < 0:
                raise _refuse(
                    f"table {name}: column {column.name} is missing",
                    "columnar.column",
                    name,
                    column.name,
                )
            got = table.schema.field(index).type
            if got != want:
                raise _refuse(
                    f"table {name}: column {column.name} is {got}, not {want}",
                    "columnar.column",
                    name,
                    column.name,
                )
    version = metadata_facts(tables).get("schema_version", "")
    if not version.isdigit() or int(version) > SCHEMA_VERSION:
        raise _refuse(
            f"schema version {version or '(none)'} is not one this library reads "
            f"(1 to {SCHEMA_VERSION})",
            "columnar.version",
            "metadata",
        )


def parquet_files(in_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """The files of the schema's tables that the directory ``in_dir`` holds, by table."""
    folder = Path(in_dir)
    found = {name: folder / f"{name}.parquet" for name in TABLES}
    return {name: path for name, path in found.items() if path.is_file()}


def read_parquet_schemas(in_dir: str | os.PathLike[str]) -> dict[str, pa.Table]:
    """The tables of a directory without their rows (the ``metadata`` table whole), checked
    by :func:`check_tables`: what an engine that reads the files itself must know first.

    Raises:
        InvalidRecordError: as :func:`check_tables`.
    """
    import pyarrow.parquet as pq

    files = parquet_files(in_dir)
    tables = {name: pq.read_schema(path).empty_table() for name, path in files.items()}
    if "metadata" in tables:
        tables["metadata"] = pq.read_table(Path(in_dir, "metadata.parquet"))
    check_tables(tables)
    return tables


def read_parquet(in_dir: str | os.PathLike[str]) -> dict[str, pa.Table]:
    """The tables of a directory written by :func:`export_parquet`, checked: the schema
    (:func:`check_tables`), then every id a row names (:func:`.check_references`).

    Raises:
        InvalidRecordError: as :func:`check_tables`, or a row naming a record that does not
            exist (rule ``columnar.reference``).
    """
    import pyarrow.parquet as pq

    tables = {name: pq.read_table(path) for name, path in parquet_files(in_dir).items()}
    check_tables(tables)
    check_references(tables)
    return tables
