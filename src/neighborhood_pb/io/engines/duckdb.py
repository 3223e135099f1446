"""The metrics as SQL on DuckDB (DuckDB指标引擎), in process, over Arrow tables.

Requires the ``columnar`` extra (pyarrow, duckdb).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from neighborhood_pb.io.columnar.parquet import check_tables
from neighborhood_pb.io.engines.sql import compute_metrics_sql, table_inputs
from neighborhood_pb.metrics.context import MetricTable
from neighborhood_pb.metrics.definitions import CATALOGUE, MetricDefinition
from neighborhood_pb.metrics.settings import MetricSettings

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DuckDBEngine"]


class DuckDBEngine:
    """The columnar tables of one dataset, loaded into an in-memory DuckDB database.

    Raises:
        InvalidRecordError: the tables do not fit the schema (as
            :func:`~neighborhood_pb.io.columnar.check_tables`).
    """

    name = "duckdb"

    def __init__(self, tables: Mapping[str, pa.Table]) -> None:
        import duckdb

        check_tables(dict(tables))
        self._inputs = table_inputs(tables)
        self._connection = duckdb.connect()
        for name, table in tables.items():
            # Copied into DuckDB's own storage once: every query then scans native columns.
            self._connection.register("arrow_input", table)
            self._connection.execute(f"CREATE TABLE {name} AS SELECT * FROM arrow_input")
            self._connection.unregister("arrow_input")

    def query(self, sql: str) -> Sequence[Sequence[Any]]:
        """The rows of one SQL statement."""
        return self._connection.execute(sql).fetchall()

    def compute_metrics(
        self,
        on: _dt.date | str,
        *,
        metrics: Sequence[MetricDefinition] = CATALOGUE,
        levels: Iterable[str] = (),
        root: str | None = None,
        settings: MetricSettings | None = None,
    ) -> MetricTable:
        """The metrics as of ``on``, as :func:`~neighborhood_pb.metrics.compute_metrics`."""
        return compute_metrics_sql(
            self.query,
            self.name,
            self._inputs,
            on,
            root=root,
            metrics=metrics,
            levels=levels,
            settings=settings,
        )

    def close(self) -> None:
        """Close the database."""
        self._connection.close()
