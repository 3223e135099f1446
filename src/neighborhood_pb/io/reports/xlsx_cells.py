"""What Excel and WPS accept in a workbook (工作簿规范): sheet names, text cells, column widths.

A sheet name has at most 31 characters, none of ``[]:*?/\\``, does not start or end with an
apostrophe and is unique in its workbook regardless of case. Text is always written as text
(never read as a formula, whatever it starts with), and a control character in it (which a
spreadsheet would keep invisible) or a direction override is shown as an escape, ``\\x01``,
as ``nbpb`` shows it on a terminal; a column is as wide as its longest line, a Chinese
character counting two columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "MAX_COLUMN_WIDTH",
    "MAX_SHEET_NAME",
    "SheetNames",
    "cell_text",
    "column_width",
    "text_columns",
]

MAX_SHEET_NAME = 31
"""Most characters in a sheet name (Excel's limit)."""

MAX_COLUMN_WIDTH = 80
"""Widest column written, in character columns; longer text wraps in Excel when widened."""

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def cell_text(text: str) -> str:
    """``text`` for a cell: tabs and line breaks kept, every other control character and
    direction override written as a visible escape (``\\x01``, ``\\u202e``)."""
    return _HIDDEN.sub(lambda match: ascii(match.group())[1:-1], text)


def text_columns(text: str) -> int:
    """Character columns the longest line of ``text`` takes: a wide (CJK) character two."""
    widest = 0
    for line in text.splitlines() or [""]:
        width = 0
        for char in line:
            if unicodedata.combining(char):
                continue
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        widest = max(widest, width)
    return widest


def column_width(cells: Iterable[str], minimum: int = 6) -> int:
    """The width of a column holding ``cells`` (as shown): the widest, plus a margin, within
    ``minimum`` and :data:`MAX_COLUMN_WIDTH`."""
    widest = max((text_columns(cell) for cell in cells), default=0)
    return max(minimum, min(MAX_COLUMN_WIDTH, widest + 2))


class SheetNames:
    """Hands out valid, unique sheet names for one workbook (工作表名称)."""

    def __init__(self) -> None:
        self._taken: set[str] = {"history"}  # Excel keeps this name for itself

    def name(self, wanted: str, fallback: str = "Sheet") -> str:
        """A valid sheet name close to ``wanted`` (else ``fallback``): forbidden and unprintable
        characters become ``_``, it is cut to 31 characters, and a name already given gets
        ``~2``, ``~3``, … at its end."""
        clean = "".join(char if char.isprintable() else "_" for char in wanted)
        clean = _FORBIDDEN.sub("_", clean).strip(" '")
        base = clean[:MAX_SHEET_NAME].rstrip(" '") or fallback[:MAX_SHEET_NAME]
        candidate, number = base, 1
        while candidate.casefold() in self._taken:
            number += 1
            suffix = f"~{number}"
            candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip("'") + suffix
        self._taken.add(candidate.casefold())
        return candidate
