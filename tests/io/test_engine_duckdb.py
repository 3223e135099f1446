"""DuckDB computes every portable metric exactly as the in-memory engine does."""

from __future__ import annotations

import pendulum
import pytest
from engine_cases import CUSTOM, PORTABLE, assert_same, days_in, python_table, sample_table
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import InvalidRecordError, UnknownRecordError
from neighborhood_pb.io.columnar import dataset_tables, tree_tables
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.metrics import CATALOGUE, MetricSettings, compute_metrics
from neighborhood_pb.metrics.portable import render
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample
from neighborhood_pb.structure import OrgTree
from neighborhood_pb.synthetic import CityScale, generate_city
from neighborhood_pb.testing.structure import dates, schemas_and_tree_records


@given(schemas_and_tree_records(), st.data())
def test_duckdb_equals_python_on_generated_trees(data, draw) -> None:  # type: ignore[no-untyped-def]
    schema, records = data
    tree = OrgTree.from_records(schema, records)
    engine = DuckDBEngine(tree_tables(tree))
    for day in (*draw.draw(days_in(records)), draw.draw(dates())):
        assert_same(python_table(tree, day), engine.compute_metrics(day, metrics=PORTABLE))
    engine.close()


def test_duckdb_equals_python_on_a_synthetic_city() -> None:
    city = generate_city(CityScale(), seed=3)
    tree = OrgTree.from_records(city.schema, city.structure)
    engine = DuckDBEngine(tree_tables(tree))
    tables = [python_table(tree, day) for day in (city.as_of, city.as_of.subtract(years=2))]
    for ours in tables:
        assert_same(ours, engine.compute_metrics(ours.as_of, metrics=PORTABLE))
    assert tables[0].value("report_rate").numerator > 0
    assert len(tables[0].scopes) > 3


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_duckdb_equals_python_on_the_samples(name: str) -> None:
    dataset = load_sample(name)
    engine = DuckDBEngine(dataset_tables(dataset))
    assert dataset.as_of is not None
    for day in (dataset.as_of, pendulum.Date(2015, 1, 1), pendulum.Date(2021, 7, 1)):
        ours = sample_table(dataset, day)
        theirs = engine.compute_metrics(day, metrics=PORTABLE)
        assert_same(ours, theirs)
    assert any(t.value("report_rate").denominator for t in (theirs,))


@pytest.mark.parametrize("passes_down", [True, False])
def test_settings_reach_the_sql(passes_down: bool) -> None:
    dataset = load_sample("street")
    settings = MetricSettings(grid_coverage_passes_down=passes_down, compound_coverage_forms=())
    engine = DuckDBEngine(dataset_tables(dataset))
    assert dataset.as_of is not None
    day = dataset.as_of
    ours = compute_metrics(
        metric_inputs(DatasetContext.build(dataset, day)), day, metrics=PORTABLE, settings=settings
    )
    assert_same(ours, engine.compute_metrics(day, metrics=PORTABLE, settings=settings))
    assert ours.value("compound_org_coverage").numerator == 0
    assert "TRUE" in render("{passes_down}", day)
    assert "''" in render("{compound_forms}", day, settings)
    assert render("{street_kinds} {community_kinds}", day).endswith(
        "'street', 'township' 'community', 'village'"
    )


def test_a_metric_without_a_portable_definition_is_refused() -> None:
    engine = DuckDBEngine(dataset_tables(load_sample("community")))
    lacking = [CUSTOM.id]
    with pytest.raises(UnknownRecordError) as caught:
        engine.compute_metrics("2024-01-01", metrics=(*CATALOGUE, CUSTOM))
    assert caught.value.rule == "metrics.engine"
    assert caught.value.subject in lacking
    assert caught.value.params == {"engine": "duckdb"}


def test_a_metric_whose_input_is_absent_is_not_applicable() -> None:
    tree_only = DuckDBEngine(tree_tables(OrgTree.from_records(*_community())))
    table = tree_only.compute_metrics("2024-01-01")
    owners = table.value("owners_committee_party_share")
    assert (owners.numerator, owners.denominator) == (0, 0)
    assert table.value("compound_org_coverage").denominator > 0


def _community():  # type: ignore[no-untyped-def]
    dataset = load_sample("community")
    return dataset.schema, dataset.structure


@pytest.mark.parametrize(("option", "value"), [("root", "X"), ("levels", ("grid",))])
def test_roots_and_finer_levels_are_refused(option: str, value: object) -> None:
    engine = DuckDBEngine(dataset_tables(load_sample("community")))
    with pytest.raises(InvalidRecordError) as caught:
        engine.compute_metrics("2024-01-01", metrics=PORTABLE, **{option: value})  # type: ignore[arg-type]
    assert caught.value.rule == "metrics.engine"
    assert "in memory only" in str(caught.value)


def test_a_subset_of_metrics_or_none_at_all() -> None:
    dataset = load_sample("street")
    assert dataset.as_of is not None
    engine = DuckDBEngine(dataset_tables(dataset))
    ours = sample_table(dataset, dataset.as_of)
    grid = [m for m in PORTABLE if m.id == "grid_branch_coverage"]
    theirs = engine.compute_metrics(dataset.as_of, metrics=grid)
    assert theirs.findings == ()
    assert theirs.scopes == ours.scopes
    for scope in ours.scopes:
        assert theirs.value("grid_branch_coverage", scope.id) == ours.value(
            "grid_branch_coverage", scope.id
        )
    bare = engine.compute_metrics(dataset.as_of, metrics=())
    assert (bare.scopes, bare.values) == (ours.scopes, {})
