"""Coverage metrics (覆盖率) as exact ratios, rolled up by level, as of any day."""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
    from neighborhood_pb.metrics.context import TOTAL, MetricInputs, MetricTable, Scope, ScopeLevel
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
    from neighborhood_pb.metrics.settings import MetricSettings

_LAZY: dict[str, str] = {
    "CATALOGUE": "neighborhood_pb.metrics.definitions",
    "DEFAULT_TARGETS": "neighborhood_pb.metrics.definitions",
    "MetricChange": "neighborhood_pb.metrics.report",
    "MetricDefinition": "neighborhood_pb.metrics.definitions",
    "MetricInput": "neighborhood_pb.metrics.definitions",
    "MetricInputs": "neighborhood_pb.metrics.context",
    "MetricKind": "neighborhood_pb.metrics.definitions",
    "MetricSettings": "neighborhood_pb.metrics.settings",
    "MetricTable": "neighborhood_pb.metrics.context",
    "Scope": "neighborhood_pb.metrics.context",
    "ScopeLevel": "neighborhood_pb.metrics.context",
    "TOTAL": "neighborhood_pb.metrics.context",
    "compare": "neighborhood_pb.metrics.report",
    "compute_metrics": "neighborhood_pb.metrics.engine",
    "metric": "neighborhood_pb.metrics.definitions",
    "target_findings": "neighborhood_pb.metrics.report",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "CATALOGUE",
    "DEFAULT_TARGETS",
    "TOTAL",
    "MetricChange",
    "MetricDefinition",
    "MetricInput",
    "MetricInputs",
    "MetricKind",
    "MetricSettings",
    "MetricTable",
    "Scope",
    "ScopeLevel",
    "compare",
    "compute_metrics",
    "metric",
    "target_findings",
]


__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
