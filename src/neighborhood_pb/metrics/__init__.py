"""Coverage metrics (覆盖率) as exact ratios, rolled up by level, as of any day."""

from neighborhood_pb.metrics.definitions import (
    CATALOGUE,
    DEFAULT_TARGETS,
    MetricDefinition,
    MetricKind,
    metric,
)
from neighborhood_pb.metrics.engine import (
    TOTAL,
    MetricInputs,
    MetricTable,
    Scope,
    ScopeLevel,
    compute_metrics,
)

__all__ = [
    "CATALOGUE",
    "DEFAULT_TARGETS",
    "TOTAL",
    "MetricDefinition",
    "MetricInputs",
    "MetricKind",
    "MetricTable",
    "Scope",
    "ScopeLevel",
    "compute_metrics",
    "metric",
]
