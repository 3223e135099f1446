"""``nbpb report --engine duckdb|spark``: the metrics as SQL over a dataset's columnar tables.

The engines' libraries are optional (extras ``columnar`` and ``spark``) and imported only here,
when an engine is asked for.
"""

from __future__ import annotations

import argparse
import datetime as _dt

from neighborhood_pb.cli.text import Wording, say
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.metrics import MetricTable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyarrow as pa

    from neighborhood_pb.io.engines.duckdb import DuckDBConfig
    from neighborhood_pb.io.engines.sql import SQLEngine

__all__ = ["add_engine_options", "duckdb_config", "engine_tables", "parquet_engine", "sql_tables"]


_HELP: Wording = {
    "memory": (
        "DuckDB 的内存上限，如 3GB（默认值；超出部分写到磁盘）",
        "DuckDB's memory limit, e.g. 3GB (the default; it spills to disk beyond)",
    ),
    "threads": (
        "DuckDB 的工作线程数（默认：每个核一个）",
        "DuckDB's worker threads (default: one per core)",
    ),
}
"""The help of the engine options, in Chinese and in English."""


def add_engine_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """The options of the DuckDB engine: ``--duckdb-memory SIZE`` and ``--duckdb-threads N``,
    their help in ``lang``."""
    parser.add_argument(
        "--duckdb-memory", metavar="SIZE", default=None, help=say(_HELP, "memory", lang)
    )
    parser.add_argument(
        "--duckdb-threads",
        metavar="N",
        type=int,
        default=None,
        help=say(_HELP, "threads", lang),
    )


def _missing(engine: str, extra: str, module: str) -> InvalidRecordError:
    return InvalidRecordError(
        f"--engine {engine} needs {module}: install neighborhood_pb[{extra}]",
        subject=engine,
        rule="metrics.engine",
        params={"engine": engine},
    )


def duckdb_config(args: argparse.Namespace) -> DuckDBConfig:
    """The DuckDB configuration the options ask for (the presets where none is given).

    Raises:
        InvalidRecordError: DuckDB is not installed (rule ``metrics.engine``) or a setting
            is refused (``columnar.engine_setting``).
    """
    try:
        import duckdb  # noqa: F401  (the extra, asked for before any file is read)

        from neighborhood_pb.io.engines.duckdb import DuckDBConfig
    except ImportError:
        raise _missing("duckdb", "columnar", "duckdb") from None
    memory = DuckDBConfig().memory_limit if args.duckdb_memory is None else args.duckdb_memory
    return DuckDBConfig(memory_limit=memory, threads=args.duckdb_threads)


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
    return engine_tables(_engine(tables, args), args, on)


def _engine(tables: dict[str, pa.Table], args: argparse.Namespace) -> SQLEngine:
    if args.engine == "duckdb":
        config = duckdb_config(args)
        from neighborhood_pb.io.engines.duckdb import DuckDBEngine

        return DuckDBEngine(tables, config)
    try:
        from neighborhood_pb.io.engines.spark import LOCAL_MASTER, SparkEngine, spark_session

        session = spark_session(args.spark_master or LOCAL_MASTER)
    except ImportError:
        raise _missing("spark", "spark", "pyspark") from None
    return SparkEngine(session, tables)


def parquet_engine(path: str, args: argparse.Namespace) -> SQLEngine:
    """``args.engine`` over the Parquet directory ``path``, checked as
    :func:`~neighborhood_pb.io.columnar.read_parquet` checks it: DuckDB reads the files
    through views (nothing is loaded into memory), Spark from the tables read.

    Raises:
        NeighborhoodPBError: as :func:`sql_tables`, or the files do not fit the schema.
        OSError: a file cannot be read.
        ValueError: a file is not Parquet.
    """
    if args.engine == "duckdb":
        config = duckdb_config(args)
        from neighborhood_pb.io.engines.duckdb import DuckDBEngine

        return DuckDBEngine.from_parquet(path, config)
    from neighborhood_pb.io.columnar.parquet import read_parquet

    return _engine(read_parquet(path), args)


def engine_tables(
    engine: SQLEngine, args: argparse.Namespace, on: _dt.date
) -> tuple[MetricTable, MetricTable | None]:
    """As :func:`sql_tables`, from an engine over columnar tables (a Parquet directory's)."""
    now = engine.compute_metrics(on, levels=args.levels)
    before = None
    if args.compare is not None:
        before = engine.compute_metrics(args.compare, levels=args.levels)
    return now, before
