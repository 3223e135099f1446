"""Plain-text layout for a terminal: display widths of Chinese text, wrapping and tables."""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Mapping, Sequence

from neighborhood_pb.errors.office import office_date
from neighborhood_pb.errors.spec import subject_label
from neighborhood_pb.errors.text import escape_controls

TYPE_CHECKING = False
if TYPE_CHECKING:
    from neighborhood_pb.calendar.periods import Period

__all__ = [
    "WIDTH",
    "Wording",
    "day_text",
    "display_width",
    "escape_controls",
    "heading",
    "labelled",
    "named",
    "note",
    "pad",
    "period_text",
    "say",
    "table",
    "term",
    "weekday_text",
    "wrap",
]

Wording = Mapping[str, tuple[str, str]]
"""A module's sentences: each key to its Chinese and its English wording, side by side, with
``{field}`` placeholders filled by :func:`say`."""

WIDTH = 100
"""Columns the output is laid out for."""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (Chinese) characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "l") -> str:
    """``text`` padded with spaces to ``width`` columns, left (``l``) or right (``r``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if align == "r" else text + fill


def _pieces(text: str, width: int) -> list[str]:
    """Words of ``text``; a word wider than ``width`` (a run of Chinese) is cut to fit."""
    pieces = []
    for word in text.split():
        while display_width(word) > width:
            cut, used = 0, 0
            while display_width(word[cut]) + used <= width:
                used += display_width(word[cut])
                cut += 1
            pieces.append(word[:cut])
            word = word[cut:]
        pieces.append(word)
    return pieces


def wrap(text: str, width: int, indent: int = 0, first: int | None = None) -> list[str]:
    """Lines of at most ``width`` columns, the first starting ``first`` columns in (default
    ``indent``) and the others indented by ``indent`` spaces.

    The first line is returned without its indentation, so that it can follow a label.
    """
    start = indent if first is None else first
    lines: list[str] = []
    current, used = "", start
    for piece in _pieces(text, max(10, width - indent)):
        size = display_width(piece)
        if current and used + 1 + size > width:
            lines.append(current)
            current, used = piece, indent + size
        elif current:
            current, used = current + " " + piece, used + 1 + size
        else:
            current, used = piece, used + size
    lines.append(current)
    return [lines[0], *(" " * indent + line for line in lines[1:])]


def day_text(day: _dt.date | str, lang: str) -> str:
    """A day for readers of ``lang``: ``2026年11月1日`` under ``zh`` (公文日期), ISO under
    ``en``."""
    if lang != "zh":
        return str(day)
    return office_date(_dt.date.fromisoformat(day) if isinstance(day, str) else day)


_WEEKDAYS = (
    ("周一", "Mon"),
    ("周二", "Tue"),
    ("周三", "Wed"),
    ("周四", "Thu"),
    ("周五", "Fri"),
    ("周六", "Sat"),
    ("周日", "Sun"),
)


def weekday_text(day: _dt.date, lang: str) -> str:
    """The day of the week for readers of ``lang``: ``周一`` under ``zh``, ``Mon`` under
    ``en``."""
    zh, en = _WEEKDAYS[day.weekday()]
    return zh if lang == "zh" else en


def period_text(period: Period, lang: str) -> str:
    """A half-open period for readers of ``lang``: ``2026年10月1日—12月31日`` under ``zh``,
    ``[2026-10-01, 2027-01-01)`` under ``en``."""
    return period.label_zh if lang == "zh" else str(period)


def say(wording: Wording, key: str, lang: str, /, **fields: object) -> str:
    """The sentence ``key`` of ``wording`` in ``lang`` (Chinese under ``zh``, else English),
    its ``{field}`` placeholders filled from ``fields``."""
    zh, en = wording[key]
    return (zh if lang == "zh" else en).format(**fields)


def named(name: str, record_id: str, lang: str) -> str:
    """A record by name with its id beside it: ``吕红梅（QS-P19）`` under ``zh``,
    ``吕红梅 (QS-P19)`` under ``en``."""
    return subject_label(record_id, name, lang)


def term(label_zh: str, code: str, lang: str) -> str:
    """A domain term for readers of ``lang``: its Chinese label under ``zh``; under ``en`` its
    code with the Chinese term in brackets, ``in_service (在职党员)``."""
    return label_zh if lang == "zh" else f"{code} ({label_zh})"


def labelled(label_zh: str, code: str, lang: str) -> list[str]:
    """Cells naming a level, tier or kind: its Chinese label and its code under ``zh``; under
    ``en`` the code with the Chinese term in brackets, in one cell."""
    return [label_zh, code] if lang == "zh" else [term(label_zh, code, lang)]


def note(text: str, indent: int = 2) -> list[str]:
    """A note under a table: ``text`` wrapped to :data:`WIDTH`, every line indented."""
    lines = wrap(text, WIDTH, indent=indent)
    return [" " * indent + lines[0], *lines[1:]]


def heading(text: str) -> list[str]:
    """A section heading (one language, as :func:`say` gives it) and a rule under it."""
    return ["", text, "=" * display_width(text)]


def table(
    headers: Sequence[list[str]],
    rows: Sequence[list[str]],
    align: str = "",
    indent: int = 2,
    lang: str | None = None,
) -> list[str]:
    """Rows under one or more header rows, in aligned columns.

    Args:
        headers: Header rows; with ``lang``, exactly two, the Chinese one and the English
            one, of which only the one in ``lang`` is shown.
        rows: Cells, as text.
        align: One letter per column, ``l`` (default) or ``r`` (numbers).
        indent: Spaces before every line.
        lang: The reader's language (``zh`` or ``en``), to show one header row.
    """
    if lang is not None:
        zh_row, en_row = headers
        headers = [zh_row if lang == "zh" else en_row]
    widths = [0] * max(len(row) for row in [*headers, *rows])
    for row in [*headers, *rows]:
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], display_width(cell))
    aligns = align.ljust(len(widths), "l")

    def line(cells: Sequence[str]) -> str:
        parts = [pad(cell, widths[column], aligns[column]) for column, cell in enumerate(cells)]
        return (" " * indent + "  ".join(parts)).rstrip()

    rule = ["-" * width for width in widths]
    return [*(line(h) for h in headers), line(rule), *(line(row) for row in rows)]
