"""China's working-day calendar with adjusted working days (工作日历, 调休).

A :class:`WorkingDayCalendar` answers from official notices only. A year without a notice
raises :class:`~neighborhood_pb.errors.CalendarDataError` naming the year, unless the caller
passes ``provisional=True``: a provisional year has Saturdays and Sundays off and the days off
its ``provisional`` rule gives (China's: the statutory holidays), never an adjusted working day,
which is wrong around some festivals, so it is never the default.

Queries take dates. An instant has no day until a zone is chosen: convert it first with
:func:`day_in_zone` (Beijing time by default).
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate

import attrs
import pendulum

from neighborhood_pb.calendar.instants import as_instant, local_day
from neighborhood_pb.calendar.notices import OfficialNotice, check_year_number
from neighborhood_pb.calendar.periods import DEFAULT_ZONE, Period, as_date
from neighborhood_pb.errors import CalendarDataError, ConflictError, InvalidRecordError

__all__ = ["WorkingDayCalendar", "day_in_zone"]

_WORKING = b"\x01"


def day_in_zone(instant: _dt.datetime | str, zone: str = DEFAULT_ZONE) -> pendulum.Date:
    """The calendar day of an aware ``instant`` in ``zone`` (北京时间 by default).

    Raises:
        InvalidRecordError: ``instant`` is not an aware instant (no zone is guessed).
    """
    return local_day(as_instant(instant, "instant"), zone)


@attrs.frozen
class _YearTable:
    """Working-day flags of one year, one byte a day, and their running totals."""

    first_ordinal: int
    flags: bytes
    totals: tuple[int, ...]

    @classmethod
    def build(
        cls, year: int, holidays: Iterable[_dt.date] = (), working: Iterable[_dt.date] = ()
    ) -> _YearTable:
        first = _dt.date(year, 1, 1).toordinal()
        size = 366 if _stdcal.isleap(year) else 365
        first_weekday = _dt.date(year, 1, 1).weekday()
        flags = bytearray((first_weekday + i) % 7 < 5 for i in range(size))
        for day in holidays:
            flags[day.toordinal() - first] = 0
        for day in working:
            flags[day.toordinal() - first] = 1
        return cls(first, bytes(flags), tuple(accumulate(flags, initial=0)))

    def index(self, day: _dt.date) -> int:
        return day.toordinal() - self.first_ordinal

    def count(self, start: int, stop: int) -> int:
        return self.totals[stop] - self.totals[start]


@functools.lru_cache(maxsize=64)
def _provisional_table(year: int) -> _YearTable:
    return _YearTable.build(year)


def _month_period(year: int, month: int) -> Period:
    check_year_number(year)
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidRecordError(f"month must be 1–12, got {month!r}", rule="calendar.month")
    return Period.month(year, month)


class WorkingDayCalendar:
    """Which days are worked in China (工作日), year by year from official notices.

    An immutable value: :meth:`with_notice` returns a new calendar. Per-year lookup tables
    are built lazily on first use, so :meth:`is_working_day` costs O(1) and counting over a
    period costs O(years spanned).

    Args:
        notices: At most one :class:`OfficialNotice` per year.
        provisional: The days off of a year without a notice, asked for only when a caller
            accepts provisional answers (China's calendar uses
            :func:`~neighborhood_pb.calendar.statutory.statutory_notice`); ``None``: weekends
            only.

    Raises:
        ConflictError: two notices are for the same year.
    """

    __slots__ = ("_guesses", "_notices", "_provisional", "_tables")

    def __init__(
        self,
        notices: Iterable[OfficialNotice] = (),
        *,
        provisional: Callable[[int], OfficialNotice] | None = None,
    ) -> None:
        by_year: dict[int, OfficialNotice] = {}
        for notice in notices:
            if notice.year in by_year:
                raise ConflictError(
                    f"two official notices for {notice.year}; a calendar holds one per year",
                    subject=f"notice {notice.year}",
                    rule="calendar.one_notice_per_year",
                )
            by_year[notice.year] = notice
        self._notices = dict(sorted(by_year.items()))
        self._provisional = provisional
        self._tables: dict[int, _YearTable] = {}
        self._guesses: dict[int, tuple[OfficialNotice, _YearTable]] = {}

    # -- data -----------------------------------------------------------------------------

    @property
    def official_years(self) -> tuple[int, ...]:
        """Years with official data, ascending."""
        return tuple(self._notices)

    @property
    def notices(self) -> tuple[OfficialNotice, ...]:
        """The official notices, by year."""
        return tuple(self._notices.values())

    def has_official_data(self, year: int) -> bool:
        """Whether ``year`` has an official notice."""
        return year in self._notices

    def notice(self, year: int) -> OfficialNotice:
        """The official notice of ``year``.

        Raises:
            CalendarDataError: the year has no official data.
        """
        self.check_year(year)
        return self._notices[year]

    def check_year(self, year: int, *, provisional: bool = False) -> None:
        """Refuse a year without official data unless provisional answers are accepted.

        Raises:
            CalendarDataError: the year has no notice and ``provisional`` is false.
            InvalidRecordError: ``year`` is not a representable year.
        """
        self._table(check_year_number(year), provisional)

    def with_notice(self, notice: OfficialNotice, *, replace: bool = False) -> WorkingDayCalendar:
        """A calendar that also knows ``notice`` (e.g. next year's, once published).

        Args:
            notice: The year's official arrangement.
            replace: Allow replacing a year that already has a notice (an amended notice).

        Raises:
            ConflictError: the year already has a notice and ``replace`` is false.
        """
        if notice.year in self._notices and not replace:
            raise ConflictError(
                f"{notice.year} already has an official notice; pass replace=True to amend it",
                subject=f"notice {notice.year}",
                rule="calendar.one_notice_per_year",
            )
        notices = {**self._notices, notice.year: notice}
        result = WorkingDayCalendar(notices.values(), provisional=self._provisional)
        result._guesses.update(self._guesses)
        result._tables.update((y, t) for y, t in self._tables.items() if y != notice.year)
        return result

    def with_notices(self, notices: Iterable[OfficialNotice]) -> WorkingDayCalendar:
        """A calendar that also knows ``notices`` (from files or a dataset).

        A notice for a year this calendar already has is accepted when it lists the same days
        (the same notice, perhaps cited differently) and ignored; otherwise it is refused.

        Raises:
            ConflictError: two notices are for one year, or a notice differs from the one
                this calendar has for its year (amend it with :meth:`with_notice`).
        """
        result = self
        for notice in WorkingDayCalendar(notices).notices:
            known = self._notices.get(notice.year)
            if known is not None and (known.holidays, known.working_days) == (
                notice.holidays,
                notice.working_days,
            ):
                continue
            result = result.with_notice(notice)
        return result

    def _table(self, year: int, provisional: bool) -> _YearTable:
        table = self._tables.get(year)
        if table is not None:
            return table
        notice = self._notices.get(year)
        if notice is None:
            if provisional:
                return self._guess(year)[1]
            raise CalendarDataError(
                f"no official working-day data for {year} (official years: {self._span()}); "
                "add the year's official notice or ask for a provisional answer",
                subject=str(year),
                rule="calendar.official_data",
                params={"years": str(year)},
            )
        table = _YearTable.build(year, notice.holidays, notice.working_days)
        self._tables[year] = table
        return table

    def _guess(self, year: int) -> tuple[OfficialNotice, _YearTable]:
        guess = self._guesses.get(year)
        if guess is None:
            if self._provisional is None:
                guess = (OfficialNotice(year=year), _provisional_table(year))
            else:
                notice = self._provisional(year)
                guess = (notice, _YearTable.build(year, notice.holidays))
            self._guesses[year] = guess
        return guess

    def provisional_notice(self, year: int) -> OfficialNotice:
        """The days off a provisional answer for ``year`` assumes (no adjusted working day).

        Raises:
            InvalidRecordError: ``year`` is not a representable year.
        """
        return self._guess(check_year_number(year))[0]

    def _span(self) -> str:
        years = self.official_years
        if not years:
            return "none"
        if years == tuple(range(years[0], years[-1] + 1)):
            return f"{years[0]}–{years[-1]}"
        return ", ".join(str(y) for y in years)

    # -- single days ----------------------------------------------------------------------

    def is_working_day(self, day: _dt.date | str, *, provisional: bool = False) -> bool:
        """Whether ``day`` is a working day (工作日), adjusted working days included.

        Raises:
            CalendarDataError: the year has no official data and ``provisional`` is false.
        """
        d = as_date(day)
        table = self._table(d.year, provisional)
        return table.flags[table.index(d)] == 1

    def is_rest_day(self, day: _dt.date | str, *, provisional: bool = False) -> bool:
        """Whether ``day`` is a day off (休息日): a weekend or a holiday not worked."""
        day = as_date(day, "day")
        return not self.is_working_day(day, provisional=provisional)

    def is_holiday(self, day: _dt.date | str, *, provisional: bool = False) -> bool:
        """Whether ``day`` is off under the year's notice (节假日); a provisional year has the
        days off of the calendar's ``provisional`` rule."""
        d = as_date(day)
        self._table(d.year, provisional)
        notice = self._notices.get(d.year)
        if notice is None:
            notice = self._guess(d.year)[0]
        return d in notice.holidays

    def is_adjusted_working_day(self, day: _dt.date | str, *, provisional: bool = False) -> bool:
        """Whether ``day`` is a weekend day that is worked (调休上班), e.g. Sunday 2026-01-04."""
        d = as_date(day)
        self._table(d.year, provisional)
        notice = self._notices.get(d.year)
        return notice is not None and d in notice.working_days

    def next_working_day(self, day: _dt.date | str, *, provisional: bool = False) -> pendulum.Date:
        """The first working day strictly after ``day``.

        Raises:
            CalendarDataError: the search reaches a year without data (not provisional).
        """
        d = as_date(day)
        year = d.year
        table = self._table(year, provisional)
        start = table.index(d) + 1
        while True:
            found = table.flags.find(_WORKING, start)
            if found >= 0:
                return pendulum.Date.fromordinal(table.first_ordinal + found)
            year += 1
            table = self._table(check_year_number(year), provisional)
            start = 0

    def previous_working_day(
        self, day: _dt.date | str, *, provisional: bool = False
    ) -> pendulum.Date:
        """The last working day strictly before ``day``.

        Raises:
            CalendarDataError: the search reaches a year without data (not provisional).
        """
        d = as_date(day)
        year = d.year
        table = self._table(year, provisional)
        stop = table.index(d)
        while True:
            found = table.flags.rfind(_WORKING, 0, stop)
            if found >= 0:
                return pendulum.Date.fromordinal(table.first_ordinal + found)
            year -= 1
            table = self._table(check_year_number(year), provisional)
            stop = len(table.flags)

    # -- months and periods ---------------------------------------------------------------

    def first_working_day(
        self, year: int, month: int, *, provisional: bool = False
    ) -> pendulum.Date:
        """The first working day of a month (e.g. the 议事日 of 永春县); it can be a Sunday."""
        return self.working_days(_month_period(year, month), provisional=provisional)[0]

    def last_working_day(
        self, year: int, month: int, *, provisional: bool = False
    ) -> pendulum.Date:
        """The last working day of a month."""
        return self.working_days(_month_period(year, month), provisional=provisional)[-1]

    def count_working_days(self, period: Period, *, provisional: bool = False) -> int:
        """Number of working days in a closed ``period``.

        Raises:
            InvalidRecordError: the period is open.
            CalendarDataError: the period reaches a year without data (not provisional).
        """
        return sum(
            table.count(start, stop)
            for table, start, stop in self._slices(period, provisional=provisional)
        )

    def working_days(
        self, period: Period, *, provisional: bool = False
    ) -> tuple[pendulum.Date, ...]:
        """The working days of a closed ``period``, in order.

        Raises:
            InvalidRecordError: the period is open.
            CalendarDataError: the period reaches a year without data (not provisional).
        """
        days: list[pendulum.Date] = []
        for table, start, stop in self._slices(period, provisional=provisional):
            flags = table.flags
            index = flags.find(_WORKING, start, stop)
            while index >= 0:
                days.append(pendulum.Date.fromordinal(table.first_ordinal + index))
                index = flags.find(_WORKING, index + 1, stop)
        return tuple(days)

    def _slices(
        self, period: Period, *, provisional: bool
    ) -> Iterator[tuple[_YearTable, int, int]]:
        end = period.closed_end("period", "working days are counted over closed periods")
        last = end.subtract(days=1)
        # Look every year up before yielding, so a missing year fails before any work is done.
        tables = [self._table(y, provisional) for y in range(period.start.year, last.year + 1)]
        for table in tables:
            start = max(0, table.index(period.start))
            stop = min(len(table.flags), table.index(end))
            yield table, start, stop

    # -- value semantics ------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingDayCalendar):
            return NotImplemented
        return self._notices == other._notices and self._provisional == other._provisional

    def __hash__(self) -> int:
        return hash((tuple(self._notices.values()), self._provisional))

    def __repr__(self) -> str:
        return f"WorkingDayCalendar(official years: {self._span()})"
