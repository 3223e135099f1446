"""``nbpb report --engine duckdb|spark``: the metrics as SQL over a dataset's columnar tables.

The engines' libraries are optional (extras ``columnar`` and ``spark``) and imported only here,
when an engine is asked for.
"""

from __future__ import annotations

import argparse
import datetime as _dt

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.metrics import MetricTable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyarrow as pa

    from neighborhood_pb.io.engines.duckdb import DuckDBEngine
    from neighborhood_pb.io.engines.spark import SparkEngine

__all__ = ["engine_tables", "sql_tables"]


def _missing(engine: str, extra: str, module: str) -> InvalidRecordError:
    return InvalidRecordError(
        f"--engine {engine} needs {module}: install neighborhood_pb[{extra}]",
        subject=engine,
        rule="metrics.engine",
        params={"engine": engine},
    )


def sql_tables(
    dataset: Dataset, args: argparse.Namespace, on: _dt.date
) -> tuple[MetricTable, MetricTable | None]:
    """The metric table as of ``on`` (and as of ``args.compare``, if given) computed by
    ``args.engine``.

    Raises:
        NeighborhoodPBError: the engine is not installed, refuses a metric or an option
            (rule ``metrics.engine``), or a record of the dataset is refused.
    """
    try:
        from neighborhood_pb.io.columnar.tables import dataset_tables

        tables = dataset_tables(dataset)
    except ImportError:
        raise _missing(args.engine, "columnar", "pyarrow") from None
    return engine_tables(tables, args, on)


def engine_tables(
    tables: dict[str, pa.Table], args: argparse.Namespace, on: _dt.date
) -> tuple[MetricTable, MetricTable | None]:
    """As :func:`sql_tables`, from columnar tables (a Parquet directory's)."""
    if args.engine == "duckdb":
        try:
            from neighborhood_pb.io.engines.duckdb import DuckDBEngine

            engine: DuckDBEngine | SparkEngine = DuckDBEngine(tables)
        except ImportError:
            raise _missing("duckdb", "columnar", "duckdb") from None
    else:
        try:
            from neighborhood_pb.io.engines.spark import LOCAL_MASTER, SparkEngine, spark_session

            session = spark_session(args.spark_master or LOCAL_MASTER)
        except ImportError:
            raise _missing("spark", "spark", "pyspark") from None
        engine = SparkEngine(session, tables)
    now = engine.compute_metrics(on, levels=args.levels)
    before = None
    if args.compare is not None:
        before = engine.compute_metrics(args.compare, levels=args.levels)
    return now, before
