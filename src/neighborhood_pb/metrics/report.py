"""Reports over metric tables: targets as findings, and the change between two days."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from neighborhood_pb.errors import Finding, InvalidRecordError, Severity
from neighborhood_pb.metrics.context import MetricTable, MetricValue
from neighborhood_pb.metrics.definitions import DEFAULT_TARGETS, metric
from neighborhood_pb.ratio import Average, Ratio

__all__ = ["MetricChange", "change_unit", "compare", "target_findings"]


def _figure(value: MetricValue) -> Decimal | None:
    if isinstance(value, Ratio):
        return value.percent()
    return value.rounded()


@attrs.frozen(kw_only=True)
class MetricChange:
    """How one metric of one scope moved between two days.

    Attributes:
        metric_id: The metric.
        scope_id: The scope.
        before: Its value on the first day.
        after: Its value on the second day.
    """

    metric_id: str
    scope_id: str
    before: MetricValue
    after: MetricValue

    @property
    def unit(self) -> str:
        """The unit of :attr:`change`: ``pp`` (percentage points, 百分点) for a share, ``""``
        for an average, whose change is in the average's own unit."""
        return change_unit(self.after)

    @property
    def change(self) -> Decimal | None:
        """The change of the displayed figure: percentage points for a share, the average's
        own unit otherwise; ``None`` when either side is not applicable."""
        before, after = _figure(self.before), _figure(self.after)
        if before is None or after is None:
            return None
        return after - before

    def format(self, *, with_unit: bool = False) -> str:
        """The change for display: ``+3.5``, ``-1.0``, ``0.0`` or ``n/a``; ``with_unit``
        appends the unit of a share: ``+3.5 pp``."""
        change = self.change
        if change is None:
            return "n/a"
        shown = f"+{change}" if change > 0 else str(change)
        return f"{shown} {self.unit}" if with_unit and self.unit else shown


def change_unit(value: MetricValue) -> str:
    """The unit a change of ``value`` is in: ``pp`` (percentage points) for a share, ``""``
    for an average (its own unit)."""
    return "pp" if isinstance(value, Ratio) else ""


def compare(before: MetricTable, after: MetricTable) -> tuple[MetricChange, ...]:
    """The change of every metric and scope present in both tables, in ``after``'s order.

    Raises:
        InvalidRecordError: ``before`` is not earlier than ``after``.
    """
    if not before.as_of < after.as_of:
        raise InvalidRecordError(
            f"compare: {before.as_of} must come before {after.as_of}", rule="report.compare"
        )
    changes = []
    for definition in after.metrics:
        for scope in after.scopes:
            key = (definition.id, scope.id)
            if key in before.values:
                changes.append(
                    MetricChange(
                        metric_id=definition.id,
                        scope_id=scope.id,
                        before=before.values[key],
                        after=after.values[key],
                    )
                )
    return tuple(changes)


def target_findings(
    table: MetricTable, targets: Mapping[str, Fraction] = DEFAULT_TARGETS
) -> tuple[Finding, ...]:
    """A warning for every scope whose applicable value falls short of its metric's target.

    Args:
        table: The metrics.
        targets: Target per metric id (share as a fraction of 1, average in its own unit).
    """
    findings = []
    scopes = {scope.id: scope for scope in table.scopes}
    for metric_id, target in targets.items():
        definition = metric(metric_id)
        for scope in table.scopes:
            value = table.values.get((metric_id, scope.id))
            if value is None or value.value is None or value.value >= target:
                continue
            shown = (
                f"{Ratio(target.numerator, target.denominator).format()}"
                if isinstance(value, Ratio) and target <= 1
                else str(Average(target.numerator, target.denominator).format())
            )
            findings.append(
                Finding(
                    code=f"metric.below_target.{metric_id}",
                    severity=Severity.WARNING,
                    subject=scope.id,
                    message=f"{scopes[scope.id].name_en}: {definition.id} "
                    f"({definition.label_zh}) {value} is below the target {shown}",
                    rule=definition.rule_source,
                    subject_name=scopes[scope.id].name,
                    params={"metric": definition.label_zh, "value": str(value), "target": shown},
                )
            )
    return tuple(sorted(findings, key=Finding.sort_key))
