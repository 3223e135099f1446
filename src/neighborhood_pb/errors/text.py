"""Text that every floor checks: whether it shows anything (可读文本), and personal numbers
in it masked (脱敏) before a message leaves the library.

A name made only of blanks or of invisible format characters (zero-width space U+200B,
byte-order mark U+FEFF, zero-width joiners, direction marks) shows as nothing on a screen and
in a spreadsheet, so every record refuses it as empty, wherever its validator lives.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "escape_controls",
    "is_blank",
    "mask_digits",
    "mask_id_cards",
    "mask_personal",
    "valid_id_card",
]

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


_ID_CARD = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<![0-9])(?:(?:\+?86[- ]?)?1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])")
"""A mainland mobile number (1[3-9] and nine digits, perhaps after +86) or a landline with
its area code (0591-87654321); a bare run of eight digits may be a date (20240101)."""
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def valid_id_card(text: str) -> bool:
    """Whether ``text`` is an 18-character resident ID number (居民身份证号码) whose last
    character is the check digit of the other 17 (GB 11643-1999)."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text, _ID_WEIGHTS, strict=False))
    return _ID_CHECK[total % 11] == text[17].upper()


def mask_digits(digits: str) -> str:
    """Mask a phone-like run of digits, showing at most seven of eleven and four of fewer.

    >>> mask_digits("13812345678"), mask_digits("87654321"), mask_digits("1234567")
    ('138****5678', '****4321', '*******')
    """
    length = len(digits)
    if length <= 7:
        return "*" * length
    if length < 11:
        return "*" * (length - 4) + digits[-4:]
    return digits[:3] + "*" * (length - 7) + digits[-4:]


def _mask_id(match: re.Match[str]) -> str:
    number = match.group()
    return number[:3] + "*" * 11 + number[-4:] if valid_id_card(number) else number


def mask_id_cards(text: str) -> str:
    """``text`` with every valid ID-card number masked ("110***********002X")."""
    if len(text) < 18:
        return text
    return _ID_CARD.sub(_mask_id, text)


def mask_personal(text: str) -> str:
    """``text`` with every ID-card number and every mobile or landline number (wherever it
    was typed) masked.

    >>> mask_personal("expected a string, got the number 13900000101")
    'expected a string, got the number 139****0101'
    """
    if not any(char.isdigit() for char in text):
        return text
    return _PHONE.sub(lambda match: mask_digits(match.group()), _ID_CARD.sub(_mask_id, text))


_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Categories a terminal acts on or hides instead of showing: controls (escape sequences,
carriage return), format characters (direction overrides, zero-width), lone surrogates and
line or paragraph separators."""


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape_controls(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape instead.

    A name holding ``ESC [2J`` would clear the screen and a right-to-left override would
    reverse what follows; both come out as ``\\x1b`` and ``\\u202e``.
    """
    if text.isprintable():
        return text
    return "".join(
        _escaped(char) if unicodedata.category(char) in _HIDDEN else char for char in text
    )
