"""Aware instants (时刻): the one entry point for every public method that takes an instant.

An instant is always aware: a naive datetime's instant depends on a zone nobody chose, so it
is refused rather than guessed.
"""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo
from typing import Any

import pendulum

from neighborhood_pb.calendar.periods import DEFAULT_ZONE, DOMAIN_YEARS, check_domain_day
from neighborhood_pb.errors import InvalidRecordError

__all__ = ["PENDULUM_ZONES", "as_instant", "local_day", "local_midnight"]

PENDULUM_ZONES = (pendulum.Timezone, pendulum.FixedTimezone)

_FIRST_YEAR, _LAST_YEAR = DOMAIN_YEARS
_DOMAIN_END = _dt.date(_LAST_YEAR + 1, 1, 1)


def as_instant(value: Any, name: str = "at") -> pendulum.DateTime:
    """Return an aware instant as a ``pendulum.DateTime``.

    Accepts aware ``pendulum.DateTime`` and ``datetime.datetime`` values and ISO 8601 strings
    with an explicit offset (``2026-03-01T09:00:00+08:00``); refuses naive ones, whose instant
    depends on a zone nobody chose.

    Args:
        value: The instant in any of the accepted forms.
        name: The argument's name, quoted in the error.

    Raises:
        InvalidRecordError: ``value`` is not an aware instant, or its day lies outside the
            years 1900-2200 (rule ``time.domain``).
    """
    if (
        type(value) is pendulum.DateTime
        and isinstance(value.tzinfo, PENDULUM_ZONES)
        and _FIRST_YEAR <= value.year <= _LAST_YEAR
    ):
        return value  # the fast path: pendulum zones always give an offset
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise InvalidRecordError(
                f"{name}: {value!r} is not an ISO 8601 instant", rule="time.aware_instant"
            ) from None
    if not isinstance(value, _dt.datetime):
        raise InvalidRecordError(
            f"{name}: expected an aware instant (datetime with a zone or an ISO string with an "
            f"offset), got {type(value).__name__} {value!r}",
            rule="time.aware_instant",
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidRecordError(
            f"{name}: instant {value.isoformat()} has no zone, and no zone is guessed",
            rule="time.aware_instant",
        )
    day = value.date()
    if not (day == _DOMAIN_END and value.time() == _dt.time(0)):  # the last day's end is in
        check_domain_day(day, f"{name}: instant")
    instant = pendulum.instance(value)
    if instant != value:  # a wall time its zone skips or repeats (never equal across zones,
        # PEP 495): pendulum reads a skipped one with the other offset, a moved instant, so
        # the instant is taken from UTC and shown on the zone's clock
        utc = pendulum.instance(value.astimezone(_dt.UTC))
        instant = utc.in_timezone(instant.timezone or pendulum.UTC)
    return instant


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidRecordError(f"unknown time zone {name!r}", rule="time.zone") from None


def local_day(at: _dt.datetime, zone: str = DEFAULT_ZONE) -> pendulum.Date:
    """The calendar day (日) of the aware instant ``at`` in ``zone`` (北京时间 by default).

    The zone is loaded once and days are built once: the ledger asks on every entry.

    Raises:
        InvalidRecordError: the zone is unknown.
    """
    tzinfo = at.tzinfo
    if type(tzinfo) is pendulum.Timezone and tzinfo.name == zone:
        return _day(_dt.datetime.toordinal(at))  # already on the zone's wall clock
    tz = _zone(zone)
    offset = at.utcoffset()
    if offset is None:
        raise InvalidRecordError(
            f"{at.isoformat()} has no zone: a day needs an aware instant",
            rule="time.aware_instant",
        )
    utc = _dt.datetime(
        at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, tzinfo=tz
    )
    return _day(tz.fromutc(utc - offset).toordinal())


def local_midnight(day: _dt.date, zone: str = DEFAULT_ZONE) -> _dt.datetime:
    """The instant a day starts in ``zone`` (its local midnight, 零时).

    Raises:
        InvalidRecordError: the zone is unknown.
    """
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_zone(zone))


@functools.lru_cache(maxsize=1 << 16)
def _day(ordinal: int) -> pendulum.Date:
    """The ``pendulum.Date`` of a proleptic ordinal, built once (they are slow to build)."""
    day = _dt.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)
