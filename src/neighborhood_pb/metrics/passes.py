"""Which pass computes which metrics, in the order the engine runs them (指标计算登记)."""

from __future__ import annotations

from collections.abc import Iterable

from neighborhood_pb.metrics.cobuild_pass import COBUILD_METRICS, cobuild_pass
from neighborhood_pb.metrics.context import MetricPass
from neighborhood_pb.metrics.definitions import MetricDefinition
from neighborhood_pb.metrics.governance_pass import GOVERNANCE_METRICS, governance_pass
from neighborhood_pb.metrics.points_pass import LEDGER_METRICS, ledger_pass
from neighborhood_pb.metrics.posts_pass import (
    OWNERS_COMMITTEE_METRICS,
    PART_TIME_METRICS,
    TWO_NEW_METRICS,
    owners_committee_pass,
    part_time_pass,
    two_new_pass,
)
from neighborhood_pb.metrics.rotations_pass import DUTY_METRICS, duty_pass
from neighborhood_pb.metrics.structure_pass import (
    REPORT_METRICS,
    TERRITORY_METRICS,
    report_pass,
    territory_pass,
)

__all__ = ["COMPUTED", "PASSES", "missing_passes"]

PASSES: tuple[tuple[frozenset[str], MetricPass], ...] = (
    (
        TERRITORY_METRICS | {"building_head_coverage", "household_link_coverage"},
        territory_pass,
    ),
    (REPORT_METRICS, report_pass),
    (OWNERS_COMMITTEE_METRICS, owners_committee_pass),
    (PART_TIME_METRICS, part_time_pass),
    (TWO_NEW_METRICS, two_new_pass),
    (DUTY_METRICS, duty_pass),
    (LEDGER_METRICS, ledger_pass),
    (GOVERNANCE_METRICS, governance_pass),
    (COBUILD_METRICS, cobuild_pass),
)
"""Each pass with the metric ids it contributes to; a pass runs if any of them is wanted."""

COMPUTED: frozenset[str] = frozenset().union(*(ids for ids, _ in PASSES))
"""Every metric id some pass computes."""


def missing_passes(metrics: Iterable[MetricDefinition]) -> tuple[str, ...]:
    """The ids among ``metrics`` that no pass computes, in the order given."""
    return tuple(m.id for m in metrics if m.id not in COMPUTED)
