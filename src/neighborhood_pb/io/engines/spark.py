"""The metrics as Spark SQL (Spark指标引擎): the same portable SQL as on DuckDB.

Requires the ``spark`` extra (pyarrow, pyspark) and Java. A local session by default
(``local[2]``); ``master`` names a cluster (``spark://host:7077``) instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from neighborhood_pb.io.engines.sql import SQLEngine

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["LOCAL_MASTER", "SparkEngine", "spark_session"]

LOCAL_MASTER = "local[2]"
"""The master of a session on this machine, two cores."""


def spark_session(
    master: str = LOCAL_MASTER,
    app_name: str = "neighborhood_pb",
    config: Mapping[str, str] | None = None,
) -> Any:
    """A Spark session (an existing one is reused) with UTC as its time zone, no web UI and
    few shuffle partitions (the tables of one jurisdiction are small); ``config`` adds or
    overrides settings, e.g. ``{"spark.driver.memory": "4g"}`` for a whole city."""
    from pyspark.sql import SparkSession

    settings = {
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": "2",
        "spark.ui.showConsoleProgress": "false",
        **(config or {}),
    }
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


class SparkEngine(SQLEngine):
    """The columnar tables of one dataset as temporary views of a Spark session.

    Raises:
        InvalidRecordError: the tables do not fit the schema (as
            :func:`~neighborhood_pb.io.columnar.check_tables`).
    """

    name = "spark"

    def __init__(self, session: Any, tables: Mapping[str, pa.Table]) -> None:
        super().__init__(tables)
        self._session = session
        for name, table in tables.items():
            session.createDataFrame(table).createOrReplaceTempView(name)

    def query(self, sql: str) -> Sequence[Sequence[Any]]:
        """The rows of one SQL statement."""
        return [tuple(row) for row in self._session.sql(sql).collect()]
