"""A year's official holiday arrangement (节假日安排通知) as a record.

Every year the General Office of the State Council (国务院办公厅) publishes which days are off
(放假) and which weekend days are worked instead (调休上班). :class:`OfficialNotice` holds one
calendar year of that arrangement; a notice that reaches into the previous December (2006's
made Saturday 2005-12-31 a working day) contributes that day to the previous year's record.
"""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import InvalidRecordError

__all__ = ["MAX_YEAR", "MIN_YEAR", "NoticeCorrection", "OfficialNotice", "check_year_number"]

MIN_YEAR = 1
"""Earliest year a calendar can answer for (the proleptic Gregorian calendar's first)."""

MAX_YEAR = 9998
"""Latest year a calendar can answer for (one year short of ``date.max``, whose year has no
successor to end its period)."""


def check_year_number(year: object, *, subject: str = "") -> int:
    """Return ``year`` if it is an integer year the calendar can represent.

    Raises:
        InvalidRecordError: ``year`` is not an int, or lies outside ``MIN_YEAR..MAX_YEAR``.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidRecordError(
            f"a year must be an integer, got {year!r}", subject=subject, rule="calendar.year"
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidRecordError(
            f"year {year} lies outside {MIN_YEAR}–{MAX_YEAR}", subject=subject, rule="calendar.year"
        )
    return year


def _date_set(values: Iterable[Any]) -> frozenset[pendulum.Date]:
    if isinstance(values, str | bytes):
        raise InvalidRecordError(
            f"expected a collection of dates, got the string {values!r}", rule="time.explicit"
        )
    return frozenset(as_date(value) for value in values)


def _check_year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    check_year_number(value, subject="notice")


@attrs.frozen(kw_only=True)
class OfficialNotice:
    """One calendar year of the official holiday arrangement (节假日安排).

    A day of the year is a working day (工作日) when it is an adjusted working day, or when it
    is a Monday to Friday that is not a holiday.

    Attributes:
        year: The calendar year the days belong to.
        holidays: Days off (放假); weekend days inside a holiday stretch may be listed too.
        working_days: Adjusted working days (调休上班): Saturdays or Sundays that are worked.
        source: Where the arrangement comes from (the notice, the data package).

    Raises:
        InvalidRecordError: a day lies outside the year, a day is both a holiday and a working
            day, an adjusted working day is not a Saturday or Sunday, or a month would have no
            working day at all.
    """

    year: int = attrs.field(validator=_check_year)
    holidays: frozenset[pendulum.Date] = attrs.field(factory=frozenset, converter=_date_set)
    working_days: frozenset[pendulum.Date] = attrs.field(factory=frozenset, converter=_date_set)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        subject = f"notice {self.year}"
        outside = sorted(d for d in self.holidays | self.working_days if d.year != self.year)
        if outside:
            raise InvalidRecordError(
                f"notice for {self.year} lists days of another year: "
                + ", ".join(str(d) for d in outside),
                subject=subject,
                rule="notice.days_inside_year",
            )
        both = sorted(self.holidays & self.working_days)
        if both:
            raise InvalidRecordError(
                f"notice for {self.year} lists days both as holidays and as working days: "
                + ", ".join(str(d) for d in both),
                subject=subject,
                rule="notice.holiday_or_working_day",
            )
        weekdays = sorted(d for d in self.working_days if d.weekday() < 5)
        if weekdays:
            raise InvalidRecordError(
                f"notice for {self.year} lists Monday–Friday days as adjusted working days "
                "(调休上班 moves work to a Saturday or Sunday): "
                + ", ".join(str(d) for d in weekdays),
                subject=subject,
                rule="notice.adjusted_working_day_on_weekend",
            )
        for month in range(1, 13):
            if not self._month_has_working_day(month):
                raise InvalidRecordError(
                    f"notice for {self.year} leaves {self.year}-{month:02d} without a working day",
                    subject=subject,
                    rule="notice.working_day_every_month",
                )

    def _month_has_working_day(self, month: int) -> bool:
        if any(d.month == month for d in self.working_days):
            return True
        first_weekday, days = _stdcal.monthrange(self.year, month)
        weekdays = sum(1 for i in range(days) if (first_weekday + i) % 7 < 5)
        off = sum(1 for d in self.holidays if d.month == month and d.weekday() < 5)
        return weekdays > off

    def corrected(self, corrections: Iterable[NoticeCorrection]) -> OfficialNotice:
        """A copy with ``corrections`` of this year applied (other years' are ignored).

        A correction making a day a working day removes it from the holidays, and the reverse.
        """
        holidays, working = set(self.holidays), set(self.working_days)
        notes = []
        for fix in corrections:
            if fix.day.year != self.year:
                continue
            if fix.working:
                holidays.discard(fix.day)
                working.add(fix.day)
            else:
                working.discard(fix.day)
                holidays.add(fix.day)
            notes.append(f"{fix.day} corrected after {fix.source}")
        if not notes:
            return self
        source = "; ".join([self.source, *notes]) if self.source else "; ".join(notes)
        return OfficialNotice(
            year=self.year, holidays=holidays, working_days=working, source=source
        )


@attrs.frozen(kw_only=True)
class NoticeCorrection:
    """A day a data source gets wrong, set right from the official notice (勘误).

    Attributes:
        day: The day concerned.
        working: ``True`` if the day is a working day, ``False`` if it is a day off.
        source: The official notice that settles it.
    """

    day: pendulum.Date = attrs.field(converter=as_date)
    working: bool
    source: str
