"""Plain-text layout for a terminal: display widths of Chinese text, wrapping and tables."""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Sequence

from neighborhood_pb.errors.office import office_date
from neighborhood_pb.errors.text import escape_controls

TYPE_CHECKING = False
if TYPE_CHECKING:
    from neighborhood_pb.calendar.periods import Period

__all__ = [
    "WIDTH",
    "day_text",
    "display_width",
    "escape_controls",
    "heading",
    "pad",
    "period_text",
    "table",
    "wrap",
]

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


def period_text(period: Period, lang: str) -> str:
    """A half-open period for readers of ``lang``: ``2026年10月1日—12月31日`` under ``zh``,
    ``[2026-10-01, 2027-01-01)`` under ``en``."""
    return period.label_zh if lang == "zh" else str(period)


def heading(title_zh: str, title_en: str) -> list[str]:
    """A section heading: the Chinese title, the English one, and a rule under both."""
    text = f"{title_zh} {title_en}"
    return ["", text, "=" * display_width(text)]


def table(
    headers: Sequence[list[str]],
    rows: Sequence[list[str]],
    align: str = "",
    indent: int = 2,
) -> list[str]:
    """Rows under one or more header rows, in aligned columns.

    Args:
        headers: Header rows (e.g. a Chinese one and an English one).
        rows: Cells, as text.
        align: One letter per column, ``l`` (default) or ``r`` (numbers).
        indent: Spaces before every line.
    """
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
