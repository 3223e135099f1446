"""The metrics as SQL on DuckDB (DuckDB指标引擎), in process, over Arrow tables.

Requires the ``columnar`` extra (pyarrow, duckdb).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from neighborhood_pb.io.engines.sql import SQLEngine

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DuckDBEngine"]


class DuckDBEngine(SQLEngine):
    """The columnar tables of one dataset, loaded into an in-memory DuckDB database.

    Raises:
        InvalidRecordError: the tables do not fit the schema (as
            :func:`~neighborhood_pb.io.columnar.check_tables`).
    """

    name = "duckdb"

    def __init__(self, tables: Mapping[str, pa.Table]) -> None:
        import duckdb

        super().__init__(tables)
        self._connection = duckdb.connect()
        for name, table in tables.items():
            # Copied into DuckDB's own storage once: every query then scans native columns.
            self._connection.register("arrow_input", table)
            self._connection.execute(f"CREATE TABLE {name} AS SELECT * FROM arrow_input")
            self._connection.unregister("arrow_input")

    def query(self, sql: str) -> Sequence[Sequence[Any]]:
        """The rows of one SQL statement."""
        return self._connection.execute(sql).fetchall()

    def close(self) -> None:
        """Close the database."""
        self._connection.close()
