"""Metric pass over duty rotations (轮值家长): days of the month with someone on duty."""

from __future__ import annotations

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.metrics.context import TOTAL, PassContext

__all__ = ["DUTY_METRICS", "duty_pass"]

DUTY_METRICS = frozenset({"duty_coverage"})


def duty_pass(ctx: PassContext) -> None:
    """For each rotation, the days of the as-of day's month from its first term on, and
    those with a duty head.

    Days before a rotation's anchor (the first day of its first term) are not counted: the
    rotation checks see no vacancy there either. A scope whose rotations all start after the
    month is not applicable, never 0 %.
    """
    month = Period.of(PeriodKind.MONTH, ctx.day)
    end = month.closed_end("month")
    for rotation in ctx.inputs.duty_rotations:
        org_id = rotation.records().setup.org_id
        scope = TOTAL if org_id is None else ctx.org_scope(org_id)
        if scope is None:
            continue
        day = max(month.start, rotation.anchor)
        while day < end:
            ctx.sums.add("duty_coverage", scope, rotation.on_duty(day) is not None)
            day = day.add(days=1)
