"""The metrics as SQL on DuckDB (DuckDB指标引擎), in process, over Arrow tables or Parquet files.

Requires the ``columnar`` extra (pyarrow, duckdb).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar.parquet import parquet_files, read_parquet_schemas
from neighborhood_pb.io.columnar.references import REFERENCES
from neighborhood_pb.io.engines.sql import SQLEngine

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

__all__ = ["DuckDBConfig", "DuckDBEngine"]

_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)


def _refuse(setting: str, value: object) -> InvalidRecordError:
    return InvalidRecordError(
        f"DuckDB: the setting {setting} cannot be {value}",
        subject=setting,
        rule="columnar.engine_setting",
        params={"setting": setting, "value": str(value)},
    )


def _check_memory(_: object, __: object, value: str | None) -> None:
    if value is not None and not _MEMORY.fullmatch(value.strip()):
        raise _refuse("memory_limit", value)


def _check_threads(_: object, __: object, value: int | None) -> None:
    if value is not None and value < 1:
        raise _refuse("threads", value)


@attrs.frozen(kw_only=True)
class DuckDBConfig:
    """How DuckDB may use the machine (DuckDB配置). The presets are the settings with which
    the full report on fifty Yancheng-sized cities ran in under 60 s and 4 GiB
    (``benchmarks/scale_out.py``): a 3 GB memory limit (DuckDB spills to disk beyond it)
    and no insertion order, which no metric needs.

    Attributes:
        memory_limit: DuckDB's ``memory_limit`` (``"3GB"``, ``"512MiB"``); ``None`` leaves
            DuckDB's own default (80% of the machine's memory).
        threads: Worker threads; ``None`` for one per core.
        preserve_insertion_order: Whether results keep the tables' row order.

    Raises:
        InvalidRecordError: a memory limit that is not an amount of bytes, or fewer than one
            thread (rule ``columnar.engine_setting``).
    """

    memory_limit: str | None = attrs.field(default="3GB", validator=_check_memory)
    threads: int | None = attrs.field(default=None, validator=_check_threads)
    preserve_insertion_order: bool = False

    def settings(self) -> dict[str, str]:
        """The configuration ``duckdb.connect`` takes."""
        found = {"preserve_insertion_order": str(self.preserve_insertion_order).lower()}
        if self.memory_limit is not None:
            found["memory_limit"] = self.memory_limit.strip()
        if self.threads is not None:
            found["threads"] = str(self.threads)
        return found


class DuckDBEngine(SQLEngine):
    """The columnar tables of one dataset in a DuckDB database of this process.

    Arrow tables given in memory are copied into DuckDB's own storage once (every query then
    scans native columns); :meth:`from_parquet` reads a Parquet directory through views
    instead, so that DuckDB streams the files and spills beyond its memory limit.

    Raises:
        InvalidRecordError: the tables do not fit the schema (as
            :func:`~neighborhood_pb.io.columnar.check_tables`).
    """

    name = "duckdb"

    def __init__(self, tables: Mapping[str, pa.Table], config: DuckDBConfig | None = None) -> None:
        super().__init__(tables)
        self._connection = _connect(config)
        for name, table in tables.items():
            self._connection.register("arrow_input", table)
            self._connection.execute(f"CREATE TABLE {name} AS SELECT * FROM arrow_input")
            self._connection.unregister("arrow_input")

    @classmethod
    def from_parquet(
        cls,
        in_dir: str | os.PathLike[str],
        config: DuckDBConfig | None = None,
        *,
        references: bool = True,
    ) -> DuckDBEngine:
        """The tables of a Parquet directory (as :func:`~neighborhood_pb.io.columnar.
        read_parquet` reads them), each a view over DuckDB's ``read_parquet``: no table is
        loaded into memory.

        Args:
            in_dir: A directory written by ``export_parquet`` or ``write_synthetic_parquet``.
            config: How DuckDB may use the machine (:class:`DuckDBConfig`'s presets).
            references: Check in DuckDB that every id a row names exists, as
                :func:`~neighborhood_pb.io.columnar.read_parquet` does (a scan of every
                table); ``False`` when the files were checked before.

        Raises:
            InvalidRecordError: as :func:`~neighborhood_pb.io.columnar.read_parquet`.
        """
        engine = cls.__new__(cls)
        SQLEngine.__init__(engine, read_parquet_schemas(in_dir))
        engine._connection = _connect(config)
        files = parquet_files(in_dir)
        for name, path in files.items():
            quoted = str(path).replace("'", "''")
            engine.query(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{quoted}')")
        if references:
            engine.check_references(files)
        return engine

    def check_references(self, files: Mapping[str, os.PathLike[str]]) -> None:
        """Check that every id a row of the Parquet ``files`` names exists, as
        :func:`~neighborhood_pb.io.columnar.references.check_references` does in Arrow.

        Raises:
            InvalidRecordError: the first row naming a record that does not exist (rule
                ``columnar.reference``), by its row in the file (from 0).
        """
        for table, column, target, key in REFERENCES:
            quoted = str(files[table]).replace("'", "''")
            found = self.query(
                f"SELECT file_row_number, {column} "
                f"FROM read_parquet('{quoted}', file_row_number = true) "
                f"WHERE {column} IS NOT NULL AND {column} NOT IN "
                f"(SELECT {key} FROM {target} WHERE {key} IS NOT NULL) "
                "ORDER BY file_row_number LIMIT 1"
            )
            if found:
                row, value = int(found[0][0]), found[0][1]
                raise InvalidRecordError(
                    f"row {row} of the table {table}: {column} {value} names no record of {target}",
                    subject=str(value),
                    rule="columnar.reference",
                    params={"table": table, "column": column, "row": row, "target": target},
                )

    def query(self, sql: str) -> Sequence[Sequence[Any]]:
        """The rows of one SQL statement."""
        return self._connection.execute(sql).fetchall()

    def close(self) -> None:
        """Close the database."""
        self._connection.close()


def _connect(config: DuckDBConfig | None) -> duckdb.DuckDBPyConnection:
    import duckdb

    settings: dict[str, Any] = dict((config or DuckDBConfig()).settings())
    return duckdb.connect(config=settings)
