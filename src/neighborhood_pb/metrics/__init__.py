"""Coverage metrics (覆盖率) as exact ratios, rolled up by level, as of any day."""

from neighborhood_pb.metrics.context import (
    TOTAL,
    MetricInputs,
    MetricTable,
    Scope,
    ScopeLevel,
)
from neighborhood_pb.metrics.definitions import (
    CATALOGUE,
    DEFAULT_TARGETS,
    MetricDefinition,
    MetricInput,
    MetricKind,
    metric,
)
from neighborhood_pb.metrics.engine import compute_metrics
from neighborhood_pb.metrics.report import MetricChange, compare, target_findings

__all__ = [
    "CATALOGUE",
    "DEFAULT_TARGETS",
    "TOTAL",
    "MetricChange",
    "MetricDefinition",
    "MetricInput",
    "MetricInputs",
    "MetricKind",
    "MetricTable",
    "Scope",
    "ScopeLevel",
    "compare",
    "compute_metrics",
    "metric",
    "target_findings",
]
