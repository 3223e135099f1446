"""The slots a rotation fills: terms of whole calendar months, or meetings.

A slot is numbered from 0. Month slots run for ever from the anchor; each boundary is
``anchor + n months`` for a whole ``n`` counted from the anchor (never chained), so a day of
the month the anchor has and a shorter month lacks falls back to that month's last day and
comes back the month after. Meeting slots are the days of the meetings that stand.
All lookups are arithmetic or a bisection: nothing is enumerated from the anchor.
"""

from __future__ import annotations

import bisect
import calendar
import sys
from collections.abc import Iterable
from typing import Protocol

import attrs
import pendulum

__all__ = ["FOREVER", "MeetingSlots", "MonthPiece", "MonthSlots", "Slots", "add_months"]

FOREVER = sys.maxsize
"""Slot number standing for "no end" (month slots never run out)."""


class Slots(Protocol):
    """What a rotation needs to know about its slots."""

    @property
    def count(self) -> int:
        """How many slots there are (:data:`FOREVER` when unbounded)."""

    def start(self, index: int) -> pendulum.Date:
        """First day of slot ``index``."""

    def end(self, index: int) -> pendulum.Date:
        """Day after the last day of slot ``index``."""

    def first_at_or_after(self, day: pendulum.Date) -> int:
        """Smallest slot number whose start is on or after ``day`` (``count`` if none)."""

    def index_on(self, day: pendulum.Date) -> int | None:
        """The slot containing ``day``, or ``None``."""


@attrs.frozen(kw_only=True)
class MonthPiece:
    """From slot ``first_slot`` on, terms last ``term_months``; the first starts
    ``month_offset`` months after the anchor."""

    first_slot: int
    month_offset: int
    term_months: int


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def add_months(day: pendulum.Date, months: int) -> pendulum.Date:
    """``day`` plus whole ``months``, on the same day of the month or the month's last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = 29 if month == 1 and calendar.isleap(year) else _MONTH_DAYS[month]
    return pendulum.Date(year, month + 1, min(day.day, last))


@attrs.frozen(kw_only=True)
class MonthSlots:
    """Terms of whole calendar months from an anchor, the length changing at given slots."""

    anchor: pendulum.Date
    pieces: tuple[MonthPiece, ...]

    @classmethod
    def regular(cls, anchor: pendulum.Date, term_months: int) -> MonthSlots:
        """Terms of ``term_months`` from ``anchor``."""
        return cls(
            anchor=anchor,
            pieces=(MonthPiece(first_slot=0, month_offset=0, term_months=term_months),),
        )

    @property
    def count(self) -> int:
        """Unbounded."""
        return FOREVER

    def piece(self, index: int) -> MonthPiece:
        """The piece slot ``index`` belongs to."""
        at = bisect.bisect_right(self.pieces, index, key=lambda p: p.first_slot) - 1
        return self.pieces[at]

    def month_offset(self, index: int) -> int:
        """Months from the anchor to the start of slot ``index``."""
        piece = self.piece(index)
        return piece.month_offset + (index - piece.first_slot) * piece.term_months

    def start(self, index: int) -> pendulum.Date:
        """First day of slot ``index``."""
        return add_months(self.anchor, self.month_offset(index))

    def end(self, index: int) -> pendulum.Date:
        """First day of slot ``index + 1``."""
        return self.start(index + 1)

    def _months_at_or_after(self, day: pendulum.Date) -> int:
        """Smallest ``m >= 0`` with ``anchor + m months >= day``."""
        guess = (day.year - self.anchor.year) * 12 + day.month - self.anchor.month
        months = max(0, guess)
        while add_months(self.anchor, months) < day:
            months += 1
        return months

    def first_at_or_after(self, day: pendulum.Date) -> int:
        """Smallest slot number starting on or after ``day``."""
        months = self._months_at_or_after(day)
        at = bisect.bisect_right(self.pieces, months, key=lambda p: p.month_offset) - 1
        piece = self.pieces[at]
        return piece.first_slot + _ceil_div(months - piece.month_offset, piece.term_months)

    def index_on(self, day: pendulum.Date) -> int | None:
        """The term containing ``day``; ``None`` before the anchor."""
        if day < self.anchor:
            return None
        return self.first_at_or_after(day.add(days=1)) - 1

    def with_term_months_from(self, index: int, term_months: int) -> MonthSlots:
        """Terms of ``term_months`` from slot ``index`` on (earlier slots unchanged)."""
        offset = self.month_offset(index)
        kept = tuple(p for p in self.pieces if p.first_slot < index)
        piece = MonthPiece(first_slot=index, month_offset=offset, term_months=term_months)
        return MonthSlots(anchor=self.anchor, pieces=(*kept, piece))

    def term_months(self, index: int) -> int:
        """Length in months of slot ``index``."""
        return self.piece(index).term_months


@attrs.frozen(kw_only=True)
class MeetingSlots:
    """One slot per meeting day, in order of time."""

    days: tuple[pendulum.Date, ...]

    @classmethod
    def of(cls, days: Iterable[pendulum.Date]) -> MeetingSlots:
        """Slots for the given (distinct) days, sorted."""
        return cls(days=tuple(sorted(days)))

    @property
    def count(self) -> int:
        """Number of meetings."""
        return len(self.days)

    def start(self, index: int) -> pendulum.Date:
        """The meeting day."""
        return self.days[index]

    def end(self, index: int) -> pendulum.Date:
        """The day after the meeting."""
        return self.days[index].add(days=1)

    def first_at_or_after(self, day: pendulum.Date) -> int:
        """Number of the first meeting on or after ``day``."""
        return bisect.bisect_left(self.days, day)

    def index_on(self, day: pendulum.Date) -> int | None:
        """Number of the meeting held on ``day``, or ``None``."""
        at = bisect.bisect_left(self.days, day)
        return at if at < len(self.days) and self.days[at] == day else None
