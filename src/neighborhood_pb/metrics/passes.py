"""Which pass computes which metrics, in the order the engine runs them."""

from __future__ import annotations

from neighborhood_pb.metrics.engine import MetricPass
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

__all__ = ["PASSES"]

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
)
"""Each pass with the metric ids it contributes to; a pass runs if any of them is wanted."""
