"""JSON serialisation (序列化): the only module that knows wire formats.

:func:`make_converter` returns a fresh ``cattrs`` converter that handles every public record
type: dates as ISO strings, instants as ISO strings with their offset, enums by value, sets as
sorted lists. Records know nothing of JSON; the global cattrs converter is never touched.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any, TypeVar

import cattrs
import pendulum
from cattrs.preconf.json import make_converter as _make_json_converter

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import InvalidRecordError, StructuringError
from neighborhood_pb.structure.people import Person, redact_phone

__all__ = ["make_converter", "structure", "unstructure"]

T = TypeVar("T")


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        raise InvalidRecordError(
            f"expected an ISO date string, got {value!r}", rule="time.iso_date"
        )
    return as_date(value)


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise InvalidRecordError(
            f"expected an ISO instant string, got {value!r}", rule="time.aware_instant"
        )
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidRecordError(
            f"{value!r} is not an ISO instant", rule="time.aware_instant"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise InvalidRecordError(
            f"{value!r} has no UTC offset; instants must be aware (no zone is guessed)",
            rule="time.aware_instant",
        )
    return pendulum.instance(parsed)


def _unstructure_set(value: frozenset[Any] | set[Any], converter: cattrs.Converter) -> list[Any]:
    items = [converter.unstructure(item) for item in value]
    return sorted(items, key=lambda item: (str(type(item)), str(item)))


def make_converter(*, redact_personal: bool = True) -> cattrs.Converter:
    """A fresh converter for every public record type.

    Args:
        redact_personal: Mask phone numbers on export (the default). Pass ``False`` for a
            lossless round trip of personal data, e.g. for a private backup.

    Returns:
        A ``cattrs`` converter; use ``unstructure`` to get JSON-ready data and ``structure``
        to build records (errors come out as :class:`StructuringError` via :func:`structure`).
    """
    converter = _make_json_converter()
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", t) in (frozenset, set),
        lambda value: _unstructure_set(value, converter),
    )
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )
    if redact_personal:
        base = converter.get_unstructure_hook(Person)

        def _person(person: Person) -> dict[str, Any]:
            data: dict[str, Any] = base(person)
            data["phone"] = redact_phone(person.phone)
            return data

        converter.register_unstructure_hook(Person, _person)
    return converter


def unstructure(value: Any, converter: cattrs.Converter | None = None) -> Any:
    """JSON-ready data for ``value`` (records, tuples of records, …)."""
    return (converter or make_converter()).unstructure(value)


def structure(data: Any, cls: type[T], converter: cattrs.Converter | None = None) -> T:
    """Build a ``cls`` from JSON-ready data.

    Raises:
        StructuringError: the data does not fit; ``path`` names the bad field
            (e.g. ``$.orgs[3].period.start``).
    """
    try:
        return (converter or make_converter(redact_personal=False)).structure(data, cls)
    except Exception as exc:  # cattrs raises groups of many kinds; we report the first leaf
        path, leaf = _first_leaf(exc)
        raise StructuringError(_describe(leaf), path=path) from exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"required field {exc.args[0]!r} is missing"
    return str(exc) or type(exc).__name__


def _first_leaf(exc: BaseException, path: str = "$") -> tuple[str, BaseException]:
    """Walk a cattrs exception group to its first leaf, building the JSON path."""
    while isinstance(exc, BaseExceptionGroup):
        inner = exc.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            step = _step_from_note(note)
            if step:
                path += step
                break
        exc = inner
    return path, exc


def _step_from_note(note: str) -> str:
    # cattrs notes read "Structuring class X @ attribute y" or "... @ index 3" / "@ key 'k'".
    if "@ attribute " in note:
        return "." + note.rsplit("@ attribute ", 1)[1].strip()
    if "@ index " in note:
        return "[" + note.rsplit("@ index ", 1)[1].strip() + "]"
    if "@ key " in note:
        return "[" + note.rsplit("@ key ", 1)[1].strip() + "]"
    return ""
