"""Spark SQL computes the portable metrics exactly as the in-memory engine (and DuckDB) does.

One local session serves every test (the ``spark`` fixture of ``conftest.py``); few examples,
fixed, since each query starts Spark jobs.
"""

from __future__ import annotations

from typing import Any

import pytest
from engine_cases import (
    CUSTOM,
    PORTABLE,
    SPARK_SAMPLE_IDS,
    assert_same,
    days_in,
    python_table,
    sample_table,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.io.columnar import dataset_tables, tree_tables
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.io.engines.spark import SparkEngine
from neighborhood_pb.metrics import CATALOGUE
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample
from neighborhood_pb.structure import OrgTree
from neighborhood_pb.testing.structure import schemas_and_tree_records


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_spark_equals_python_and_duckdb_on_the_samples(spark: Any, name: str) -> None:
    dataset = load_sample(name)
    assert dataset.as_of is not None
    tables = dataset_tables(dataset)
    some = tuple(m for m in PORTABLE if m.id in SPARK_SAMPLE_IDS)
    theirs = SparkEngine(spark, tables).compute_metrics(dataset.as_of, metrics=some)
    assert_same(sample_table(dataset, dataset.as_of, some), theirs)
    assert_same(DuckDBEngine(tables).compute_metrics(dataset.as_of, metrics=some), theirs)
    assert theirs.value("report_rate").denominator > 0


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(schemas_and_tree_records(), st.data())
def test_spark_equals_python_on_generated_trees(spark: Any, data: Any, draw: Any) -> None:
    schema, records = data
    tree = OrgTree.from_records(schema, records)
    engine = SparkEngine(spark, tree_tables(tree))
    for day in draw.draw(days_in(records))[:1]:
        assert_same(python_table(tree, day), engine.compute_metrics(day, metrics=PORTABLE))


def test_spark_refuses_what_it_lacks(spark: Any) -> None:
    engine = SparkEngine(spark, dataset_tables(load_sample("street")))
    with pytest.raises(UnknownRecordError) as caught:
        engine.compute_metrics("2024-01-01", metrics=(*CATALOGUE, CUSTOM))
    assert caught.value.params == {"engine": "spark"}
