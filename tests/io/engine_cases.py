"""What the DuckDB and Spark tests share: the metrics an SQL engine computes, and the
comparison with the in-memory engine."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pendulum
from hypothesis import strategies as st

from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import Dataset, DatasetContext
from neighborhood_pb.io.columnar import tree_tables
from neighborhood_pb.io.columnar.aggregate_rows import aggregate_rows, duty_horizon
from neighborhood_pb.metrics import (
    CATALOGUE,
    MetricDefinition,
    MetricInput,
    MetricInputs,
    MetricTable,
    compute_metrics,
)
from neighborhood_pb.metrics.portable import PORTABLE_METRICS
from neighborhood_pb.structure import OrgTree, TreeRecords

PORTABLE = tuple(m for m in CATALOGUE if m.id in PORTABLE_METRICS)

SPARK_SAMPLE_IDS = frozenset(
    {
        "compound_org_coverage",
        "building_group_coverage",
        "grid_branch_coverage",
        "central_household_ratio",
        "report_rate",
        "duty_coverage",
        "household_link_coverage",
        "quarterly_report_compliance",
    }
)
"""What the Spark sample test compares (each Spark query costs seconds): the structure
metrics and one query each over rotations, links and the ledger; the posts metrics, and the
whole catalogue, are compared once by ``nbpb report --engine spark`` on the street sample."""

CUSTOM = MetricDefinition(
    id="custom_share",
    label_zh="自定义占比",
    label="An application's own share",
    numerator="what the application counts",
    denominator="out of what",
    source="an application",
)
"""A metric an application adds: no SQL engine has its definition."""


def days_in(records: TreeRecords) -> st.SearchStrategy[list[pendulum.Date]]:
    """Two days on which the records change (a start or an end), where figures differ."""
    days = sorted(
        {
            day
            for group in (records.territories, records.coverage, records.orgs, records.reports)
            for record in group
            for day in (record.period.start, record.period.end)
            if day is not None
        }
        | {p.admitted_on for p in records.people if p.admitted_on is not None}
    )
    if not days:
        return st.just([])
    return st.lists(st.sampled_from(days), min_size=2, max_size=2)


def aggregate_tables(inputs: MetricInputs, last: _dt.date) -> dict[str, Any]:
    """The columnar tables of generated aggregates, duty terms written past ``last``."""
    until = duty_horizon(inputs.duty_rotations, last)
    rows = aggregate_rows(
        inputs.tree,
        inputs.appointments,
        inputs.duty_rotations,
        inputs.ledger,
        inputs.household_links,
        until,
    )
    present = ",".join(i.value for i in MetricInput if inputs.has(i))
    facts = {"inputs": present, "duty_terms_until": until.isoformat()}
    return tree_tables(inputs.tree, facts, rows)


def python_table(tree: OrgTree, day: _dt.date) -> MetricTable:
    return compute_metrics(tree, day, metrics=PORTABLE)


def sample_table(
    dataset: Dataset, day: _dt.date, metrics: tuple[MetricDefinition, ...] = PORTABLE
) -> MetricTable:
    ctx = DatasetContext.build(dataset, day)
    return compute_metrics(metric_inputs(ctx), day, metrics=metrics)


def assert_same(ours: MetricTable, theirs: MetricTable) -> None:
    """Metric by metric, scope by scope: the same scopes, counts and findings."""
    assert theirs.scopes == ours.scopes
    for key, value in ours.values.items():
        got = theirs.values[key]
        assert (type(got), got) == (type(value), value), key
    assert theirs.values.keys() == ours.values.keys()
    assert theirs.findings == ours.findings
