"""Aware instants (时刻): the one entry point for every public method that takes an instant.

An instant is always aware: a naive datetime's instant depends on a zone nobody chose, so it
is refused rather than guessed.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pendulum

from neighborhood_pb.calendar.periods import DOMAIN_YEARS, check_domain_day
from neighborhood_pb.errors import InvalidRecordError

__all__ = ["PENDULUM_ZONES", "as_instant"]

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
    return pendulum.instance(value)
