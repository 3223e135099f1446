"""The metrics report as a JSON-ready document (指标报告), the one source of every format.

``nbpb report --format json`` prints :func:`report_document`; the text, HTML and workbook
formats read the same document through :func:`~neighborhood_pb.io.reports.report_model`,
so they all show the same figures.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from neighborhood_pb.errors import Finding
from neighborhood_pb.io.reports.findings import CommunityOf, findings_data
from neighborhood_pb.metrics import (
    DEFAULT_TARGETS,
    MetricChange,
    MetricDefinition,
    MetricKind,
    MetricTable,
)
from neighborhood_pb.ratio import Average, Ratio

__all__ = ["REPORT_FORMAT", "metric_figure", "report_document", "target_figure", "value_counts"]

REPORT_FORMAT = "neighborhood_pb.metrics_report"
"""The ``format`` named by the JSON that ``nbpb report --format json`` prints."""


def value_counts(value: Ratio | Average) -> tuple[int, int]:
    """The numerator and denominator of a metric value (total and count of an average)."""
    if isinstance(value, Ratio):
        return value.numerator, value.denominator
    return value.total, value.count


def metric_figure(value: Ratio | Average) -> Decimal | None:
    """The figure shown for a value: a share in percent, an average in its own unit, both to
    one decimal; ``None`` when not applicable."""
    return value.percent() if isinstance(value, Ratio) else value.rounded()


def target_figure(definition: MetricDefinition, target: Fraction) -> tuple[Decimal, str]:
    """A metric's target as a figure in the unit of :func:`metric_figure`, and as shown."""
    if definition.kind is MetricKind.SHARE and target <= 1:
        share = Ratio(target.numerator, target.denominator)
        return share.percent() or Decimal(0), share.format()
    average = Average(target.numerator, target.denominator)
    return average.rounded() or Decimal(0), average.format()


def _text(figure: Decimal | None) -> str | None:
    return None if figure is None else str(figure)


def _metric(
    definition: MetricDefinition,
    table: MetricTable,
    changes: Mapping[tuple[str, str], MetricChange] | None,
    target: Fraction | None,
) -> dict[str, Any]:
    goal = None if target is None else target_figure(definition, target)
    values = []
    for scope in table.scopes:
        value = table.value(definition.id, scope.id)
        numerator, denominator = value_counts(value)
        figure = metric_figure(value)
        shortfall = None
        if goal is not None and figure is not None:
            shortfall = max(Decimal(0), goal[0] - figure)
        entry: dict[str, Any] = {
            "scope": scope.id,
            "name": scope.name,
            "level": scope.level,
            "parent": scope.parent_id,
            "numerator": numerator,
            "denominator": denominator,
            "display": value.format(),
            "figure": _text(figure),
            "shortfall": _text(shortfall),
        }
        if changes is not None:
            change = changes.get((definition.id, scope.id))
            entry["change"] = None if change is None else change.format()
        values.append(entry)
    share = definition.kind is MetricKind.SHARE
    data: dict[str, Any] = {
        "id": definition.id,
        "label_zh": definition.label_zh,
        "label": definition.label,
        "kind": definition.kind.value,
        "unit": "%" if share else "",
        "numerator_text": definition.numerator,
        "denominator_text": definition.denominator,
        "numerator_text_zh": definition.numerator_in("zh"),
        "denominator_text_zh": definition.denominator_in("zh"),
        "source": definition.source,
        "source_zh": definition.source_in("zh"),
        "target": None if goal is None else str(goal[0]),
        "target_display": None if goal is None else goal[1],
        "values": values,
    }
    if changes is not None:
        data["change_unit"] = "percentage_points" if share else "value"
    return data


def report_document(
    path: str,
    table: MetricTable,
    changes: Mapping[tuple[str, str], MetricChange] | None,
    compare_day: _dt.date | None,
    findings: Sequence[Finding],
    lang: str = "en",
    *,
    title: str = "",
    community: CommunityOf | None = None,
    targets: Mapping[str, Fraction] = DEFAULT_TARGETS,
) -> dict[str, Any]:
    """The metrics report as JSON-ready data.

    Args:
        path: The file or store reported on.
        table: The metrics as of the report's day.
        changes: The change of each (metric id, scope id) since ``compare_day``, if asked.
        compare_day: The earlier day compared with, or ``None``.
        findings: Target and placement findings, in the order they are listed.
        lang: The language of the findings' messages (``zh`` or ``en``).
        title: The dataset's title.
        community: Finds the community of a finding's subject, for the groups.
        targets: Target per metric id (share as a fraction of 1, average in its own unit).
    """
    return {
        "format": REPORT_FORMAT,
        "version": 1,
        "file": path,
        "title": title,
        "as_of": table.as_of.isoformat(),
        "compare": None if compare_day is None else compare_day.isoformat(),
        "metrics": [
            _metric(definition, table, changes, targets.get(definition.id))
            for definition in table.metrics
        ],
        **findings_data(findings, lang, community),
    }
