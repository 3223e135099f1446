"""Instants, local days and calendar cycles for the ledger.

Every ledger entry carries an aware instant; turning it into a day needs a zone, which is
always explicit (default Asia/Shanghai, 北京时间). Cycles (caps) and total periods are calendar
periods of the service date, computed once per day and cached because the ledger asks for
them on every entry.
"""

from __future__ import annotations

import datetime as _dt
import functools

import pendulum

from neighborhood_pb.calendar.instants import as_instant, local_day, local_midnight
from neighborhood_pb.calendar.periods import Period, PeriodKind

__all__ = [
    "TOTAL_KINDS",
    "PeriodKey",
    "as_instant",
    "cycle",
    "local_day",
    "local_midnight",
    "total_keys",
]

TOTAL_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)
"""The calendar periods whose totals the standings keep incrementally."""

PeriodKey = tuple[pendulum.Date, pendulum.Date]
"""A closed period as ``(start, end)``: the key of the totals indices."""


@functools.lru_cache(maxsize=1 << 16)
def cycle(kind: PeriodKind, day: _dt.date) -> Period:
    """The calendar period of ``kind`` containing ``day`` (cached :meth:`Period.of`)."""
    return Period.of(kind, day)


@functools.lru_cache(maxsize=1 << 16)
def total_keys(day: _dt.date) -> tuple[PeriodKey, ...]:
    """Keys of the month, quarter and year containing ``day``, in :data:`TOTAL_KINDS` order."""
    keys = []
    for kind in TOTAL_KINDS:
        period = cycle(kind, day)
        keys.append((period.start, period.closed_end()))
    return tuple(keys)
