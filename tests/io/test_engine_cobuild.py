"""The co-building metrics as SQL: Spark and DuckDB equal the in-memory engine on the street
sample with its co-building (one Spark query, on the shared session)."""

from __future__ import annotations

from typing import Any

from engine_cases import assert_same, sample_table

from neighborhood_pb.io.columnar import dataset_tables
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.io.engines.spark import SparkEngine
from neighborhood_pb.metrics import CATALOGUE, MetricInput
from neighborhood_pb.samples import load_sample

COBUILD = tuple(m for m in CATALOGUE if m.requires is MetricInput.COBUILD)


def test_spark_and_duckdb_equal_python_on_the_sample(spark: Any) -> None:
    dataset = load_sample("street")
    assert dataset.as_of is not None
    tables = dataset_tables(dataset)
    assert tables["cobuild_hardship"].num_rows == 688
    ours = sample_table(dataset, dataset.as_of, COBUILD)
    theirs = SparkEngine(spark, tables).compute_metrics(dataset.as_of, metrics=COBUILD)
    assert_same(ours, theirs)
    assert_same(DuckDBEngine(tables).compute_metrics(dataset.as_of, metrics=COBUILD), theirs)
    assert (theirs.value("pairing_coverage").numerator, len(COBUILD)) == (688, 6)
