"""JSON text (JSON 文本): strict parsing and a stable, readable layout.

:func:`parse_json` refuses what the standard parser lets through but a dataset must not hold
(repeated keys, ``NaN``, ``Infinity``); :func:`format_json` lays JSON out for people to read.
"""

from __future__ import annotations

import json
from typing import Any

from neighborhood_pb.errors import InvalidRecordError, ParamValue, StructuringError
from neighborhood_pb.structure.bulk import collector_paused

__all__ = [
    "MAX_INTEGER_DIGITS",
    "compact_json",
    "format_json",
    "has_long_digit_run",
    "parse_json",
]


class _RefusedJSONError(ValueError):
    """JSON that the standard parser takes but a dataset must not contain: ``error`` says
    what, with its rule."""

    def __init__(self, message: str, rule: str, **params: ParamValue) -> None:
        super().__init__(message)
        self.error = InvalidRecordError(message, rule=rule, params=params)


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):  # one C call for the usual object; the loop names a repeat
        return result
    seen: set[str] = set()
    for key, _ in pairs:  # pragma: no branch - some key repeats, so the loop breaks
        if key in seen:
            break
        seen.add(key)
    raise _RefusedJSONError(
        f"the key {key!r} appears twice in one object", "json.repeated_key", key=key
    )


def _refuse_constant(name: str) -> Any:
    raise _RefusedJSONError(f"{name} is not a JSON number", "json.constant", name=name)


MAX_INTEGER_DIGITS = 18
"""Digits an integer in a dataset may have: no count or amount the library keeps needs more,
and a longer literal costs time to convert (Python refuses past 4,300 digits)."""


def _parse_int(text: str) -> int:
    digits = len(text) - text.startswith("-")
    if digits > MAX_INTEGER_DIGITS:
        raise _RefusedJSONError(
            f"an integer of {digits} digits is longer than the {MAX_INTEGER_DIGITS} allowed",
            "json.long_integer",
            digits=digits,
            allowed=MAX_INTEGER_DIGITS,
        )
    return int(text)


def parse_json(text: str) -> Any:
    """Parse JSON text strictly: no repeated keys, no ``NaN`` or ``Infinity``, no huge integers.

    Compact text as :func:`compact_json` writes it (a city-sized document) is read faster
    when the ``fast`` extra (msgspec) is installed: msgspec reads its UTF-8 bytes without
    watching for repeated keys, and encoding the result back must give the very same bytes,
    which no text with a repeated key does; text with a run of digits longer than an integer
    may have, and any other text, is read the watchful way.

    Raises:
        StructuringError: the text is not such JSON; the message gives line and column.
    """
    data = _parse_compact(text)
    if data is not _OTHER:
        return data
    try:
        with collector_paused():  # a large document is many containers, none of them cyclic
            return json.loads(
                text,
                object_pairs_hook=_refuse_duplicates,
                parse_constant=_refuse_constant,
                parse_int=_parse_int,
            )
    except json.JSONDecodeError as exc:
        message = f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        where = {"line": exc.lineno, "column": exc.colno}
        raise StructuringError.breaking(message, "json.syntax", where) from None
    except _RefusedJSONError as exc:
        raise StructuringError(f"not JSON this library accepts: {exc}", error=exc.error) from None
    except RecursionError:
        raise StructuringError("not JSON this library accepts: nested too deeply") from None


_OTHER = object()
"""What :func:`_parse_compact` returns for text it leaves to the watchful parser."""


def _parse_compact(text: str) -> Any:
    """The data of an object written by :func:`compact_json` (a newline after it or not),
    or :data:`_OTHER` for any other text, any text it cannot read, or without msgspec.

    msgspec reads the text (it keeps the last of two repeated keys and takes integers of any
    length, so both are ruled out: writing the data back must give the very same text, and
    no run of more than :data:`MAX_INTEGER_DIGITS` digits may appear anywhere in it).
    """
    if not text.startswith('{"') or not _has_msgspec():
        return _OTHER
    import msgspec.json

    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the watchful parser says where
        return _OTHER
    if has_long_digit_run(raw):  # perhaps an integer too long
        return _OTHER
    try:
        with collector_paused():
            data = msgspec.json.decode(raw)
            again = msgspec.json.encode(data, order="sorted")
    except (msgspec.MsgspecError, ValueError, RecursionError):  # read it the watchful way
        return _OTHER
    same = raw == again or (
        len(raw) == len(again) + 1 and raw.endswith(b"\n") and raw.startswith(again)
    )
    return data if same else _OTHER


_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_RUN = b"0" * (MAX_INTEGER_DIGITS + 1)
"""More digits in a row than an integer may have, once every digit is written as 0."""


def has_long_digit_run(raw: bytes) -> bool:
    """Whether UTF-8 JSON text holds a run of more digits than an integer may have (in a
    number or in text alike): the watchful parser reads such text and refuses a long integer."""
    return _LONG_RUN in raw.translate(_DIGITS_AS_ZERO)


def _has_msgspec() -> bool:
    try:
        import msgspec.json  # noqa: F401 - optional (the fast extra), imported on first use
    except ImportError:
        return False
    return True


def compact_json(data: Any) -> str:
    """JSON text on one line without spaces, keys sorted, non-ASCII kept.

    With the ``fast`` extra (msgspec) installed, msgspec writes it, several times faster
    than the standard library and to the same text (the data of a dataset holds no float,
    whose exponent the two write differently); text neither can encode (a lone surrogate)
    is left to the standard library, which keeps it as an escape.
    """
    try:
        import msgspec.json  # optional (the fast extra), imported on first use
    except ImportError:
        pass
    else:
        try:
            return msgspec.json.encode(data, order="sorted").decode("utf-8")
        except UnicodeEncodeError:
            pass
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_READABLE = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def format_json(value: Any, *, width: int = 100) -> str:
    """JSON text for people to read: keys sorted, non-ASCII kept, two-space indent, and any
    object or list that fits in ``width`` columns written on one line."""
    return _format(value, 0, 0, width)


def _format(value: Any, indent: int, lead: int, width: int) -> str:
    """``value`` laid out from column ``indent + lead`` on."""
    flat = _READABLE.encode(value)
    if indent + lead + len(flat) <= width or not isinstance(value, dict | list) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        labels = [(key, _READABLE.encode(key) + ": ") for key in sorted(value)]
        lines = [
            pad + label + _format(value[key], indent + 2, len(label), width)
            for key, label in labels
        ]
        opening, closing = "{", "}"
    else:
        lines = [pad + _format(item, indent + 2, 0, width) for item in value]
        opening, closing = "[", "]"
    return opening + "\n" + ",\n".join(lines) + "\n" + " " * indent + closing
