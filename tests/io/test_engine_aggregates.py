"""The metrics over posts, rotations, the ledger and the links: DuckDB equals the in-memory
engine on generated aggregates, and the derived tables say what the aggregates say."""

from __future__ import annotations

import datetime as _dt

import pendulum
import pytest
from engine_cases import aggregate_tables, assert_same
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar import dataset_tables
from neighborhood_pb.io.columnar.aggregate_rows import aggregate_rows, duty_horizon
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.metrics import CATALOGUE, MetricInputs, compute_metrics
from neighborhood_pb.metrics.portable import PORTABLE_METRICS
from neighborhood_pb.points.instants import local_day
from neighborhood_pb.samples import load_sample
from neighborhood_pb.testing.appointments import populated_appointments
from neighborhood_pb.testing.rotations import duty_rotation_sets


def _engine(inputs: MetricInputs, last: _dt.date) -> DuckDBEngine:
    return DuckDBEngine(aggregate_tables(inputs, last))


def test_every_metric_of_the_catalogue_is_portable() -> None:
    assert {m.id for m in CATALOGUE} <= PORTABLE_METRICS


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    populated_appointments(),
    duty_rotation_sets(max_size=2),
    st.lists(
        st.dates(_dt.date(2019, 1, 1), _dt.date(2031, 12, 31)).map(
            lambda d: pendulum.date(d.year, d.month, d.day)
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_duckdb_equals_python_on_generated_posts_and_rotations(  # type: ignore[no-untyped-def]
    appointments, rotations, days
) -> None:
    inputs = MetricInputs(
        tree=appointments.tree, appointments=appointments, duty_rotations=tuple(rotations)
    )
    engine = _engine(inputs, max(days))
    for day in days:
        assert_same(compute_metrics(inputs, day), engine.compute_metrics(day))
    engine.close()


@pytest.fixture(scope="module")
def community() -> DatasetContext:
    return DatasetContext.build(load_sample("community"))


@pytest.mark.parametrize("day", ["2026-01-01", "2026-04-01", "2026-06-30", "2026-12-31"])
def test_the_points_metrics_agree_on_quarter_and_year_boundaries(
    community: DatasetContext, day: str
) -> None:
    on = pendulum.parse(day).date()
    engine = DuckDBEngine(dataset_tables(community.dataset))
    ours = compute_metrics(metric_inputs(community), on)
    assert_same(ours, engine.compute_metrics(on))


def test_claim_awards_carry_the_ledger_status_and_the_local_day(
    community: DatasetContext,
) -> None:
    ledger = community.ledger
    rows = dataset_tables(community.dataset)["claim_awards"].to_pylist()
    assert rows
    awards = ledger.standings.snapshot().awards
    for row in rows:
        entry = ledger.entry(row["claim_key"])
        assert row["status"] == ledger.status(row["claim_key"]).value
        assert row["points"] == awards.get(row["claim_key"], 0)
        assert row["claimed_at"] == entry.at  # type: ignore[attr-defined]
        assert row["claimed_on"] == local_day(entry.at, "Asia/Shanghai")  # type: ignore[attr-defined]
    assert sum(row["points"] for row in rows) == sum(awards.values())


def test_duty_terms_say_who_is_on_duty_every_day(community: DatasetContext) -> None:
    (rotation,) = community.duty_rotations
    terms = dataset_tables(community.dataset)["duty_terms"].to_pylist()
    day = rotation.anchor
    for _ in range(120):
        on = [t["person_id"] for t in terms if t["start_on"] <= day < t["end_on"]]
        assert on == ([] if rotation.on_duty(day) is None else [rotation.on_duty(day)])
        day = day.add(days=1)


def test_a_month_past_the_duty_terms_is_refused(community: DatasetContext) -> None:
    tables = dataset_tables(community.dataset)
    engine = DuckDBEngine(tables)
    assert engine.compute_metrics("2027-12-31").value("duty_coverage").denominator == 31
    with pytest.raises(InvalidRecordError, match="duty terms up to 2028-01-01") as caught:
        engine.compute_metrics("2028-01-01")
    assert caught.value.rule == "columnar.duty_horizon"
    assert caught.value.subject == "duty_coverage"


def test_duty_terms_stop_at_the_horizon(community: DatasetContext) -> None:
    (rotation,) = community.duty_rotations
    until = duty_horizon(community.duty_rotations, None)
    assert until == pendulum.date(rotation.anchor.year + 2, 1, 1)
    rows = aggregate_rows(community.tree, None, community.duty_rotations, duty_until=until)
    assert max(row[-1] for row in rows["duty_terms"]) == until
    early = aggregate_rows(
        community.tree, None, community.duty_rotations, duty_until=rotation.anchor
    )
    assert early["duty_rotations"] == rows["duty_rotations"]
    assert early["duty_terms"] == []
