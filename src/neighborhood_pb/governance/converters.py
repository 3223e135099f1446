"""The attrs converters that deliberation and the four lists share (字段转换): one copy each.

Each takes what a caller may pass for a field (any iterable, a day or an instant in any of the
library's forms) and gives the type the frozen record holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pendulum

from neighborhood_pb.calendar.instants import as_instant
from neighborhood_pb.calendar.periods import as_date

__all__ = ["to_day", "to_frozenset", "to_instant", "to_tuple"]


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """A field's items as a tuple."""
    return tuple(value)


def to_frozenset(value: Iterable[str]) -> frozenset[str]:
    """A field's ids as a frozen set."""
    return frozenset(value)


def to_day(value: Any) -> pendulum.Date:
    """A day field (``day``) as a ``pendulum.Date``; refused as :func:`as_date` refuses."""
    return as_date(value, "day")


def to_instant(value: Any) -> pendulum.DateTime:
    """An instant field (``at``) as an aware ``pendulum.DateTime``; refused as
    :func:`as_instant` refuses."""
    return as_instant(value, "at")
