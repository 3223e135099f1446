"""Days and periods as a Chinese office writes them (公文日期), for rendered zh text.

The figures a finding carries stay ISO (``2026-09-27``, ``[2026-10-01, 2027-01-01)``) so
that JSON output is stable; only the sentence a person reads under ``zh`` shows
``2026年9月27日`` and ``2026年10月1日—12月31日``.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["office_date", "office_dates", "office_period"]

_DAY = r"\d{4}-\d{2}-\d{2}"
_PERIOD = re.compile(rf"\[({_DAY}), ({_DAY}|…|None)\)")
_ISO_DAY = re.compile(rf"(?<![A-Za-z0-9_/-]){_DAY}(?![A-Za-z0-9_:/-])")
_LIST = re.compile(r"日, (?=\d{4}年)")


def office_date(day: _dt.date) -> str:
    """A day as a Chinese office writes it: ``2026年10月1日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def office_period(start: _dt.date, end: _dt.date | None) -> str:
    """A half-open period ``[start, end)`` with its last day included (起止日期):
    ``2026年10月1日—12月31日``, ``2026年10月1日—2027年1月31日`` across years,
    ``2026年10月1日`` for one day and ``2026年10月1日起`` while open (``end`` is ``None``)."""
    if end is None:
        return f"{office_date(start)}起"
    last = end - _dt.timedelta(days=1)
    if last <= start:
        return office_date(start)
    if last.year == start.year:
        return f"{office_date(start)}—{last.month}月{last.day}日"
    return f"{office_date(start)}—{office_date(last)}"


def _day(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def _period(match: re.Match[str]) -> str:
    start, end = _day(match[1]), _day(match[2])
    if start is None or (end is None and match[2] not in ("…", "None")):
        return match[0]
    return office_period(start, end)


def _iso_day(match: re.Match[str]) -> str:
    day = _day(match[0])
    return match[0] if day is None else office_date(day)


def office_dates(text: str) -> str:
    """``text`` with every ISO period (``[2026-10-01, 2027-01-01)``) and ISO day
    (``2026-09-27``) in it written office style, and a list of days joined with 、."""
    text = _PERIOD.sub(_period, text)
    text = _ISO_DAY.sub(_iso_day, text)
    return _LIST.sub("日、", text)
