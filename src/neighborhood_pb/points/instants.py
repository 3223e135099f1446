"""Instants, local days and calendar cycles for the ledger.

Every ledger entry carries an aware instant; turning it into a day needs a zone, which is
always explicit (default Asia/Shanghai, 北京时间). Cycles (caps) and total periods are calendar
periods of the service date, computed once per day and cached because the ledger asks for
them on every entry.
"""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo

import pendulum

from neighborhood_pb.calendar.instants import as_instant
from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.errors import InvalidRecordError

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


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidRecordError(f"unknown time zone {name!r}", rule="time.zone") from None


def local_day(at: _dt.datetime, zone: str) -> pendulum.Date:
    """The calendar day of the instant ``at`` in ``zone``.

    Raises:
        InvalidRecordError: the zone is unknown.
    """
    tzinfo = at.tzinfo
    if type(tzinfo) is pendulum.Timezone and tzinfo.name == zone:
        return _day(_dt.datetime.toordinal(at))  # already on the zone's wall clock
    tz = _zone(zone)
    offset = at.utcoffset()
    assert offset is not None  # entries hold aware instants only
    utc = _dt.datetime(
        at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, tzinfo=tz
    )
    return _day(tz.fromutc(utc - offset).toordinal())


def local_midnight(day: _dt.date, zone: str) -> _dt.datetime:
    """The instant a day starts in ``zone`` (its local midnight).

    Raises:
        InvalidRecordError: the zone is unknown.
    """
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_zone(zone))


@functools.lru_cache(maxsize=1 << 16)
def _day(ordinal: int) -> pendulum.Date:
    """The ``pendulum.Date`` of a proleptic ordinal, built once (they are slow to build)."""
    day = _dt.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)


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
