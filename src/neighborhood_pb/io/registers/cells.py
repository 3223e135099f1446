"""Lenient reading of register cells (单元格): the importer forgives the way people type.

Only the importer is lenient; the records stay strict. A cell comes in as calamine or the
CSV reader gives it (text, a number, a ``datetime.date``/``datetime``, or nothing) and goes
out as text, a day or a whole number, or a :class:`CellError` saying what was expected.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import pendulum

__all__ = ["EXCEL_EPOCH", "CellError", "read_count", "read_day", "read_text"]

EXCEL_EPOCH = _dt.date(1899, 12, 30)
"""Day 0 of Excel's serial numbers (the 1900 system, leap-year quirk included)."""

_DAY = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_SERIAL_RANGE = (1, 2_958_465)  # 1900-01-01 … 9999-12-31


class CellError(ValueError):
    """A cell does not hold what its column expects; ``expected`` names it ("日期")."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def read_text(value: object) -> str | None:
    """A cell as text: stray spaces (U+3000 too) trimmed, a blank cell ``None``, a whole
    number written without its ``.0`` (an id or a phone typed as a number)."""
    if value is None:
        return None
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _serial(number: float) -> pendulum.Date:
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1] or not float(number).is_integer():
        raise CellError("日期")
    day = EXCEL_EPOCH + _dt.timedelta(days=int(number))
    return pendulum.date(day.year, day.month, day.day)


def read_day(value: object) -> pendulum.Date | None:
    """A cell as a day: a date cell, an Excel serial number, or text such as
    ``2015-07-01``, ``2015/7/1``, ``2015.7.1``, ``2015年7月1日`` (full-width digits too).

    Raises:
        CellError: the cell holds something else.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return pendulum.date(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise CellError("日期")
    if isinstance(value, (int, float)):
        return _serial(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _DAY.fullmatch(text)
    if match is None:
        if text.isascii() and text.isdigit():
            return _serial(int(text))
        raise CellError("日期")
    year, month, day = (int(part) for part in match.groups())
    try:
        return pendulum.date(year, month, day)
    except ValueError:
        raise CellError("日期") from None


def read_count(value: object) -> int | None:
    """A cell as a whole number (full-width digits and thousands separators allowed).

    Raises:
        CellError: the cell holds something else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("整数")
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if not text:
        return None
    if text.endswith(".0"):
        text = text[:-2]
    if not (text.isascii() and text.isdigit()):
        raise CellError("整数")
    return int(text)
