"""What counts as text with something to read in it (可读文本), for every floor's validators.

A name made only of blanks or of invisible format characters (zero-width space U+200B,
byte-order mark U+FEFF, zero-width joiners, direction marks) shows as nothing on a screen and
in a spreadsheet, so every record refuses it as empty, wherever its validator lives.
"""

from __future__ import annotations

import unicodedata

__all__ = ["is_blank"]

_INVISIBLE = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
"""Unicode categories that show nothing by themselves: format, control and separators."""


def is_blank(value: str) -> bool:
    """Whether ``value`` shows nothing: empty, blanks, or invisible format characters only.

    >>> is_blank("\\u200b\\ufeff"), is_blank(" \\u3000"), is_blank("清风社区")
    (True, True, False)
    """
    if value.isprintable() and not value.isspace():
        return not value  # the common case: printable text with a visible character
    return all(unicodedata.category(char) in _INVISIBLE for char in value)
