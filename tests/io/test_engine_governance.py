"""The deliberation metrics as SQL: DuckDB (and once Spark) equals the in-memory engine on
the community sample's year of matters, and the derived table says what the outcomes say."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pendulum
import pyarrow as pa
import pytest
from engine_cases import assert_same, sample_table

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.governance.matters import start_of
from neighborhood_pb.io.columnar import dataset_tables
from neighborhood_pb.io.columnar.governance_rows import counts_from, governance_rows
from neighborhood_pb.io.columnar.references import check_references
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.io.engines.spark import SparkEngine
from neighborhood_pb.metrics import CATALOGUE
from neighborhood_pb.metrics.governance_pass import GOVERNANCE_METRICS
from neighborhood_pb.ratio import Average
from neighborhood_pb.samples import load_sample

DELIBERATION = tuple(m for m in CATALOGUE if m.id in GOVERNANCE_METRICS)
DAYS = ("2025-11-01", "2025-11-02", "2026-03-15", "2026-11-01", "2026-12-31", "2027-09-08")


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return dataset_tables(load_sample("community"))


@pytest.fixture(scope="module")
def engine(tables: dict[str, pa.Table]) -> DuckDBEngine:
    return DuckDBEngine(tables)


def test_the_sample_has_every_kind_of_outcome(tables: dict[str, pa.Table]) -> None:
    matters = tables["deliberation_matters"].to_pylist()
    assert len(DELIBERATION) == 7
    assert any(m["adopted_from"] is None for m in matters)
    assert any(m["rejected_from"] is not None for m in matters)
    assert any(m["late_steps"] > 0 for m in matters)
    assert any(m["publication_gaps"] > 0 for m in matters)
    assert any(m["closed_on"] is None for m in matters)
    assert tables["deliberation_ratings"].num_rows > 0
    assert tables["deliberation_resolutions"].num_rows > 0


@pytest.mark.parametrize("day", DAYS)
def test_duckdb_equals_python_through_the_year(engine: DuckDBEngine, day: str) -> None:
    on = _dt.date.fromisoformat(day)
    ours = sample_table(load_sample("community"), on, DELIBERATION)
    theirs = engine.compute_metrics(on, metrics=DELIBERATION)
    assert_same(ours, theirs)


def test_the_year_ends_on_the_day(engine: DuckDBEngine) -> None:
    before = engine.compute_metrics("2025-11-01", metrics=DELIBERATION)
    first = engine.compute_metrics("2025-11-02", metrics=DELIBERATION)
    assert before.value("deliberation_adoption_rate").denominator == 0
    assert first.value("deliberation_adoption_rate").denominator > 0
    full = engine.compute_metrics("2026-11-01", metrics=DELIBERATION)
    rate = full.value("deliberation_adoption_rate")
    assert 0 < rate.numerator < rate.denominator
    suggestions = full.value("deliberation_suggestions_per_community")
    assert isinstance(suggestions, Average)
    assert suggestions.count > 0
    assert suggestions.total == rate.denominator


def test_a_matter_outside_the_tree_counts_in_the_total(tables: dict[str, pa.Table]) -> None:
    matters = tables["deliberation_matters"]
    ids = matters.column("territory_id").to_pylist()
    moved = ["QS-NOWHERE" if i == 0 else t for i, t in enumerate(ids)]
    index = matters.schema.get_field_index("territory_id")
    away = matters.set_column(index, "territory_id", pa.array(moved, pa.string()))
    at_home = DuckDBEngine(tables).compute_metrics("2026-11-01", metrics=DELIBERATION)
    outside = DuckDBEngine(dict(tables, deliberation_matters=away)).compute_metrics(
        "2026-11-01", metrics=DELIBERATION
    )
    paths = tables["territory_paths"].to_pylist()
    scope = next(p["community_id"] for p in paths if p["territory_id"] == ids[0])
    key = "deliberation_adoption_rate"
    assert outside.value(key).denominator == at_home.value(key).denominator
    assert outside.value(key, scope).denominator == at_home.value(key, scope).denominator - 1


def test_a_rating_of_an_unknown_matter_is_refused(tables: dict[str, pa.Table]) -> None:
    ratings = tables["deliberation_ratings"]
    index = ratings.schema.get_field_index("matter_id")
    unknown = pa.array(["QS-NONE"] * ratings.num_rows, pa.string())
    with pytest.raises(InvalidRecordError) as caught:
        check_references(
            dict(tables, deliberation_ratings=ratings.set_column(index, "matter_id", unknown))
        )
    assert caught.value.rule == "columnar.reference"
    assert caught.value.params["target"] == "deliberation_matters"


def test_an_instant_at_midnight_counts_from_the_day_before() -> None:
    day = pendulum.date(2026, 3, 2)
    assert counts_from(start_of(day)) == day.subtract(days=1)
    assert counts_from(start_of(day).add(seconds=1)) == day
    assert governance_rows(None) == {
        "deliberation_matters": [],
        "deliberation_ratings": [],
        "deliberation_resolutions": [],
    }


def test_spark_equals_python_on_the_deliberations(spark: Any, tables: dict[str, pa.Table]) -> None:
    dataset = load_sample("community")
    assert dataset.as_of is not None
    theirs = SparkEngine(spark, tables).compute_metrics(dataset.as_of, metrics=DELIBERATION)
    assert_same(sample_table(dataset, dataset.as_of, DELIBERATION), theirs)
    assert theirs.value("resident_satisfaction").denominator > 0
