"""Official holiday notices as JSON files (放假通知数据文件).

A platform adds a year the moment the State Council publishes it, without a new release of
this library: the notice is data, one JSON object a file::

    {"year": 2027, "source": "<文号 and title>",
     "days_off": ["YYYY-MM-DD", ...], "working_days": ["YYYY-MM-DD", ...]}

A Monday to Friday not in ``days_off`` is a working day; a Saturday or Sunday is a rest day
unless it is in ``working_days`` (调休上班). Every entry is checked on its own and a refusal
names it (``working_days[1]``): a date outside the year, a day listed twice, a day both off
and working, a Monday to Friday listed as a working day. Datasets carry notices in the same
shape (their ``notices`` section).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import pendulum

from neighborhood_pb.calendar.notices import OfficialNotice, check_year_number
from neighborhood_pb.errors import InvalidRecordError, StructuringError
from neighborhood_pb.io.hooks import expected, json_kind
from neighborhood_pb.io.json_text import format_json, parse_json

__all__ = [
    "NOTICE_FIELDS",
    "dumps_notice",
    "load_notice",
    "loads_notice",
    "notice_data",
    "notice_from_data",
]

NOTICE_FIELDS = ("year", "source", "days_off", "working_days")
"""The keys of a notice object, all required (a list may be empty)."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def notice_data(notice: OfficialNotice) -> dict[str, Any]:
    """JSON-ready data for ``notice``: its days sorted, as ISO dates."""
    return {
        "year": notice.year,
        "source": notice.source,
        "days_off": sorted(day.isoformat() for day in notice.holidays),
        "working_days": sorted(day.isoformat() for day in notice.working_days),
    }


def _refuse(year: object, entry: str, message: str, rule: str) -> InvalidRecordError:
    return InvalidRecordError(f"{entry}: {message}", subject=f"notice {year}", rule=rule)


def _days(data: Mapping[str, Any], key: str, year: int) -> dict[pendulum.Date, str]:
    values = data[key]
    if not isinstance(values, list):
        raise expected(f"a list of dates ({key})", values, zh=f"日期列表（`{key}`）")
    days: dict[pendulum.Date, str] = {}
    for index, value in enumerate(values):
        entry = f"{key}[{index}]"
        if not isinstance(value, str):
            raise _refuse(
                year, entry, f"expected a date YYYY-MM-DD, got {json_kind(value)}", "json.type"
            )
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            day = pendulum.Date.fromisoformat(value)
        except ValueError:
            raise _refuse(
                year, entry, f"{value!r} is not a date YYYY-MM-DD", "time.iso_date"
            ) from None
        if day.year != year:
            raise _refuse(year, entry, f"{day} lies outside {year}", "notice.days_inside_year")
        if day in days:
            raise _refuse(
                year, entry, f"{day} is listed twice (also {days[day]})", "notice.day_listed_once"
            )
        days[day] = entry
    return days


def notice_from_data(data: Any) -> OfficialNotice:
    """Build a notice from parsed JSON, checking every entry on its own.

    Raises:
        InvalidRecordError: the data is not a notice object, or an entry is refused; the
            message names the entry, e.g. ``working_days[1]: 2027-02-03 is a Wednesday``.
    """
    if not isinstance(data, Mapping):
        raise expected("an object (an official notice)", data, zh="对象（放假通知）")
    missing = [key for key in NOTICE_FIELDS if key not in data]
    extra = sorted(str(key) for key in data if key not in NOTICE_FIELDS)
    if missing or extra:
        what = [f"missing {', '.join(missing)}"] if missing else []
        what += [f"unknown {', '.join(extra)}"] if extra else []
        raise InvalidRecordError(
            f"a notice has the keys {', '.join(NOTICE_FIELDS)} ({'; '.join(what)})",
            subject="notice",
            rule="notice.fields",
        )
    year = data["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise expected("the year as a whole number", year, zh="整数年份")
    check_year_number(year, subject="notice")
    source = data["source"]
    if not isinstance(source, str) or not source.strip():
        raise _refuse(year, "source", "name the notice (文号 and title)", "notice.source")
    off = _days(data, "days_off", year)
    working = _days(data, "working_days", year)
    for day, entry in working.items():
        if day in off:
            raise _refuse(
                year,
                entry,
                f"{day} is also a day off ({off[day]})",
                "notice.holiday_or_working_day",
            )
        if day.weekday() < 5:
            raise _refuse(
                year,
                entry,
                f"{day} is a {_WEEKDAY_NAMES[day.weekday()]}: a working day already; "
                "working_days lists the Saturdays and Sundays that are worked (调休上班)",
                "notice.adjusted_working_day_on_weekend",
            )
    return OfficialNotice(year=year, holidays=off, working_days=working, source=source)


def loads_notice(text: str) -> OfficialNotice:
    """Read a notice from JSON text.

    Raises:
        StructuringError: the text is not JSON.
        InvalidRecordError: it is not a valid notice (see :func:`notice_from_data`).
    """
    return notice_from_data(parse_json(text))


def load_notice(path: str | os.PathLike[str]) -> OfficialNotice:
    """Read a notice from a UTF-8 JSON file.

    Raises:
        OSError: the file cannot be read.
        StructuringError: it is not UTF-8 text or not JSON.
        InvalidRecordError: it is not a valid notice.
    """
    with open(path, "rb") as stream:
        raw = stream.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (offset {exc.start})"
        raise StructuringError.breaking(message, "text.utf8", {"offset": exc.start}) from None
    return loads_notice(text)


def dumps_notice(notice: OfficialNotice) -> str:
    """A notice as readable JSON text that :func:`loads_notice` reads back."""
    return format_json(notice_data(notice)) + "\n"
