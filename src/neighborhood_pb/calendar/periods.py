"""Dates and half-open periods (期间).

Every effective interval in the library is a :class:`Period` ``[start, end)``: the start day
is inside, the end day is not, and an open period has no end. Dates are ``pendulum.Date``;
plain ``datetime.date`` values are accepted and converted.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Sequence
from typing import Any

import attrs
import pendulum

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.office import office_date, office_period

__all__ = [
    "ARITHMETIC_YEARS",
    "DEFAULT_ZONE",
    "DOMAIN_YEARS",
    "Period",
    "PeriodKind",
    "as_date",
    "as_optional_date",
    "check_domain_day",
    "domain_day",
    "office_day",
    "parse_date",
]

DEFAULT_ZONE = "Asia/Shanghai"
"""Time zone used wherever an instant must be turned into a day (北京时间)."""


def as_date(value: Any, name: str = "day") -> pendulum.Date:
    """Return ``value`` as a ``pendulum.Date``.

    Accepts ``pendulum.Date``, ``datetime.date`` and ISO ``YYYY-MM-DD`` strings alike; refuses
    datetimes, whose day depends on a zone that must be chosen explicitly.

    Args:
        value: The day in any of the accepted forms.
        name: The argument's name, quoted in the error.

    Raises:
        InvalidRecordError: ``value`` is not a date (rule ``time.explicit``), or a string that
            is not an ISO date (rule ``time.iso_date``).
    """
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, _dt.datetime):
        raise InvalidRecordError(
            f"{name}: expected a date, got the instant {value.isoformat()}; convert it in an "
            "explicit zone",
            rule="time.explicit",
        )
    if isinstance(value, _dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return parse_date(value)
        except InvalidRecordError as error:
            raise InvalidRecordError(f"{name}: {error.args[0]}", rule=error.rule) from None
    raise InvalidRecordError(
        f"{name}: expected a date (datetime.date, pendulum.Date or an ISO string YYYY-MM-DD), "
        f"got {type(value).__name__} {value!r}",
        rule="time.explicit",
    )


def as_optional_date(value: Any, name: str = "day") -> pendulum.Date | None:
    """Like :func:`as_date` but lets ``None`` through (an open end)."""
    return None if value is None else as_date(value, name)


def parse_date(text: str) -> pendulum.Date:
    """Parse an ISO date ``YYYY-MM-DD`` strictly.

    Raises:
        InvalidRecordError: the text is not a calendar date.
    """
    try:
        if not _ISO_DATE.fullmatch(text):  # fromisoformat also takes 20240101, 2024-W01-1
            raise ValueError(text)
        day = _dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidRecordError(
            f"{text!r} is not an ISO date (YYYY-MM-DD)",
            rule="time.iso_date",
            params={"value": text if isinstance(text, str) else repr(text)},
        ) from None
    return pendulum.Date(day.year, day.month, day.day)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

DOMAIN_YEARS = (1900, 2200)
"""First and last year a day given from outside (a command's ``--as-of``, a file's stamp) may
fall in: party-building records reach back to the 1920s and plans look decades ahead, while a
day near year 1 or 9999 is a typing error whose arithmetic would run off the calendar."""


ARITHMETIC_YEARS = (1, 9800)
"""Years a day may fall in where the library counts months and terms from it (rotations):
far enough from year 9999 that a century of terms after it still has a date."""


def office_day(day: _dt.date | str) -> str:
    """A day as a Chinese office writes it (公文日期): ``2026年10月1日``.

    Takes a ``datetime.date``, a ``pendulum.Date`` or an ISO string, like every public query.
    """
    return office_date(as_date(day, "day"))


def domain_day(
    value: object, name: str = "day", *, years: tuple[int, int] = DOMAIN_YEARS
) -> pendulum.Date:
    """:func:`as_date`, then :func:`check_domain_day`: a day that calendar arithmetic takes.

    Raises:
        InvalidRecordError: ``value`` is not a day, or lies outside ``years``.
    """
    day = as_date(value, name)
    check_domain_day(day, name, years=years)
    return day


def check_domain_day(
    day: _dt.date, name: str = "day", *, years: tuple[int, int] = DOMAIN_YEARS
) -> None:
    """Refuse a day outside ``years`` (default :data:`DOMAIN_YEARS`; rule ``time.domain``).

    Raises:
        InvalidRecordError: ``day`` lies before the first year or after the last.
    """
    first, last = years
    if not first <= day.year <= last:
        raise InvalidRecordError(
            f"{name} {day.isoformat()} lies outside the years {first}-{last} this library "
            "answers for",
            subject=name,
            rule="time.domain",
        )


class PeriodKind(enum.Enum):
    """Calendar periods used for totals, caps and reviews."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"

    @property
    def label_zh(self) -> str:
        """Chinese label."""
        return _PERIOD_LABELS[self]


_PERIOD_LABELS = {
    PeriodKind.DAY: "日",
    PeriodKind.WEEK: "周",
    PeriodKind.MONTH: "月",
    PeriodKind.QUARTER: "季度",
    PeriodKind.HALF_YEAR: "半年",
    PeriodKind.YEAR: "年",
}


def _check_end(instance: Period, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value <= instance.start:
        raise InvalidRecordError(
            f"period ends on {value} but starts on {instance.start}: the end must come after "
            "the start (periods are half-open [start, end))",
            rule="period.half_open",
            params={"start": instance.start, "end": value},
        )


@attrs.frozen(kw_only=True, order=False)
class Period:
    """A half-open interval of days ``[start, end)``; ``end=None`` means still in effect.

    Attributes:
        start: First day inside the period.
        end: First day after the period, or ``None`` while open.
    """

    start: pendulum.Date = attrs.field(converter=as_date)
    end: pendulum.Date | None = attrs.field(
        default=None, converter=as_optional_date, validator=_check_end
    )

    def contains(self, day: _dt.date) -> bool:
        """Whether ``day`` lies in the period."""
        return self.start <= day and (self.end is None or day < self.end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.contains(day)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return (other.end is None or self.start < other.end) and (
            self.end is None or other.start < self.end
        )

    def runs_past(self, day: _dt.date) -> bool:
        """Whether the period still runs on ``day`` or later (its end lies after ``day``)."""
        return self.end is None or self.end > day

    def within(self, other: Period) -> bool:
        """Whether every day of this period lies in ``other`` (e.g. in a record's lifetime)."""
        return self.within_span(other.start, other.end)

    def within_span(self, start: _dt.date, end: _dt.date | None) -> bool:
        """Whether every day of this period lies in ``[start, end)`` (``end=None``: open)."""
        if self.start < start:
            return False
        if end is None:
            return True
        return self.end is not None and self.end <= end

    def closed_end(
        self, what: str = "period", why: str = "", *, rule: str = "period.half_open"
    ) -> pendulum.Date:
        """The end of a period that must be closed (calendar periods, horizons).

        Args:
            what: What the period is, quoted in the error.
            why: Why it must be closed, quoted in the error.
            rule: The rule the error names.

        Raises:
            InvalidRecordError: the period is open.
        """
        if self.end is None:
            reason = f"; {why}" if why else ""
            raise InvalidRecordError(f"{what} {self} is open{reason}", rule=rule)
        return self.end

    @classmethod
    def lifetime(cls, periods: Sequence[Period]) -> Period:
        """The life of a versioned record (存续期): its first start to its last end.

        Args:
            periods: The periods of its versions, oldest first.

        Raises:
            InvalidRecordError: there is no version.
        """
        if not periods:
            raise InvalidRecordError("a lifetime needs at least one version", rule="history.empty")
        return cls(start=periods[0].start, end=periods[-1].end)

    @property
    def is_open(self) -> bool:
        """Whether the period has no end yet."""
        return self.end is None

    def ended_on(self, end: _dt.date | str) -> Period:
        """Return a copy ending on ``end`` (exclusive).

        Raises:
            InvalidRecordError: the period is already closed earlier, or ``end`` is not after
                the start.
        """
        end_day = as_date(end, "end")
        if self.end is not None and end_day > self.end:
            raise InvalidRecordError(
                f"period already ended on {self.end}; cannot extend it to {end_day}",
                rule="history.end_dated",
            )
        return Period(start=self.start, end=end_day)

    def days(self) -> int:
        """Number of days in a closed period.

        Raises:
            InvalidRecordError: the period is open.
        """
        if self.end is None:
            raise InvalidRecordError("an open period has no length", rule="period.half_open")
        return (self.end - self.start).days

    def __str__(self) -> str:
        return f"[{self.start}, {self.end if self.end is not None else '…'})"

    @property
    def label_zh(self) -> str:
        """The period as a Chinese office writes it, its last day included (起止日期):
        ``2026年10月1日—12月31日``, ``2026年10月1日—2027年1月31日`` across years,
        ``2026年10月1日`` for one day and ``2026年10月1日起`` while open."""
        return office_period(self.start, self.end)

    @classmethod
    def of(cls, kind: PeriodKind, day: _dt.date | str) -> Period:
        """The calendar period of ``kind`` that contains ``day`` (weeks start on Monday)."""
        d = as_date(day)
        if kind is PeriodKind.DAY:
            return cls(start=d, end=d.add(days=1))
        if kind is PeriodKind.WEEK:
            start = d.subtract(days=d.weekday())
            return cls(start=start, end=start.add(days=7))
        if kind is PeriodKind.MONTH:
            return cls.month(d.year, d.month)
        if kind is PeriodKind.QUARTER:
            return cls.quarter(d.year, (d.month - 1) // 3 + 1)
        if kind is PeriodKind.HALF_YEAR:
            return cls.half_year(d.year, 1 if d.month <= 6 else 2)
        return cls.year(d.year)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month ``year-month`` (month 1–12)."""
        if not 1 <= month <= 12:
            raise InvalidRecordError(f"month must be 1–12, got {month}", rule="period.month")
        start = pendulum.Date(year, month, 1)
        return cls(start=start, end=start.add(months=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1–4 of ``year``."""
        if not 1 <= quarter <= 4:
            raise InvalidRecordError(f"quarter must be 1–4, got {quarter}", rule="period.quarter")
        start = pendulum.Date(year, 3 * quarter - 2, 1)
        return cls(start=start, end=start.add(months=3))

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        """First (1) or second (2) half of ``year``."""
        if half not in (1, 2):
            raise InvalidRecordError(f"half must be 1 or 2, got {half}", rule="period.half_year")
        start = pendulum.Date(year, 1 if half == 1 else 7, 1)
        return cls(start=start, end=start.add(months=6))

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year."""
        return cls(start=pendulum.Date(year, 1, 1), end=pendulum.Date(year + 1, 1, 1))
