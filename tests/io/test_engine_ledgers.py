"""The engines compared on generated ledgers, household links and rotations: DuckDB (and, on
a few examples, Spark) equal the in-memory engine metric by metric, scope by scope, on
several days around the quarters the ledger spans."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pendulum
from engine_cases import aggregate_tables, assert_same
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.io.engines.spark import SparkEngine
from neighborhood_pb.io.engines.sql import SQLEngine
from neighborhood_pb.metrics import CATALOGUE, MetricInputs, compute_metrics
from neighborhood_pb.points.compliance import HouseholdLinks
from neighborhood_pb.points.entries import Approval, Claim, ClaimStatus, Reversal
from neighborhood_pb.testing.points import (
    PointsWorld,
    link_histories,
    points_worlds,
    service_histories,
)
from neighborhood_pb.testing.rotations import days, duty_rotation_sets

_AGGREGATES = tuple(
    m for m in CATALOGUE if m.requires.value in {"structure", "rotations", "links", "points"}
)
APPROVED = ClaimStatus.APPROVED
_QUARTER_DAYS = tuple(
    pendulum.date(year, month, day)
    for year in (2024, 2025)
    for month, day in ((1, 1), (3, 31), (4, 1), (6, 30), (7, 1), (12, 31))
)


@st.composite
def _worlds(draw: st.DrawFn) -> tuple[MetricInputs, list[pendulum.Date]]:
    """A points world with a ledger, links and rotations, and the days to compare on."""
    world: PointsWorld = draw(points_worlds())
    span = draw(st.sampled_from((7, 366)))
    ledger = world.ledger(draw(service_histories(world, max_claims=20, span_days=span)))
    links = HouseholdLinks.from_records(world.tree, draw(link_histories(world)))
    inputs = MetricInputs(
        tree=world.tree,
        ledger=ledger,
        household_links=links,
        duty_rotations=draw(duty_rotation_sets()),
    )
    on = st.sampled_from(_QUARTER_DAYS) | days(_dt.date(2023, 11, 20), _dt.date(2026, 3, 1))
    return inputs, draw(st.lists(on, min_size=2, max_size=4, unique=True))


def _compare(engine: SQLEngine, inputs: MetricInputs, on: list[pendulum.Date]) -> None:
    for day in on:
        ours = compute_metrics(inputs, day, metrics=_AGGREGATES)
        assert_same(ours, engine.compute_metrics(day, metrics=_AGGREGATES))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_worlds())
def test_duckdb_equals_python_on_generated_ledgers_links_and_rotations(
    world: tuple[MetricInputs, list[pendulum.Date]],
) -> None:
    inputs, on = world
    engine = DuckDBEngine(aggregate_tables(inputs, max(on)))
    _compare(engine, inputs, on)
    engine.close()


def test_the_generated_ledgers_hold_what_the_comparison_needs() -> None:
    """The strategies reach approvals beyond caps, reversals, links and several rotations."""
    seen: set[str] = set()

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(_worlds())
    def collect(world: tuple[MetricInputs, list[pendulum.Date]]) -> None:
        inputs, _ = world
        assert inputs.ledger is not None
        assert inputs.household_links is not None
        ledger = inputs.ledger
        kinds = {type(entry).__name__ for entry in ledger.entries()}
        seen.update(kinds & {Claim.__name__, Approval.__name__, Reversal.__name__})
        awards = ledger.standings.snapshot().awards
        for entry in ledger.entries():
            approved = isinstance(entry, Claim) and ledger.status(entry.key) is APPROVED
            if approved and awards.get(entry.key, 0) == 0:
                seen.add("capped")  # approved beyond its item's cap: no points
        if inputs.household_links.records:
            seen.add("links")
        ids = [rotation.id for rotation in inputs.duty_rotations]
        assert len(ids) == len(set(ids))
        if len(ids) > 1:
            seen.add("rotations")

    collect()
    assert seen == {"Claim", "Approval", "Reversal", "capped", "links", "rotations"}


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_worlds())
def test_spark_equals_python_on_generated_ledgers(
    spark: Any, world: tuple[MetricInputs, list[pendulum.Date]]
) -> None:
    inputs, on = world
    _compare(SparkEngine(spark, aggregate_tables(inputs, max(on))), inputs, on[:1])
