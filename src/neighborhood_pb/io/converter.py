"""The strict converter (转换器): a fresh ``cattrs`` converter for every public record type.

Dates are written as ISO strings, instants as ISO strings with their offset, enums by value,
sets as sorted lists, official notices in the shape of their files
(:mod:`neighborhood_pb.io.notices`); reading is strict (see :mod:`neighborhood_pb.io.hooks`)
and unknown keys are refused. Errors come out as
:class:`~neighborhood_pb.errors.StructuringError` with the JSON path of the first problem.
The global cattrs converter is never touched.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError, IterableValidationNote
from cattrs.preconf.json import make_converter as _make_json_converter

from neighborhood_pb.calendar.notices import OfficialNotice
from neighborhood_pb.errors import InvalidRecordError, NeighborhoodPBError, StructuringError
from neighborhood_pb.io.builders import buildable
from neighborhood_pb.io.hooks import register_strict_hooks
from neighborhood_pb.io.notices import notice_data, notice_from_data
from neighborhood_pb.io.writers import dict_writer
from neighborhood_pb.structure.people import Person, redact_phone

__all__ = ["make_converter", "structure", "structuring_error", "unstructure"]

T = TypeVar("T")


def make_converter(
    *, redact_personal: bool = True, omit_defaults: bool = False, detailed_validation: bool = True
) -> cattrs.Converter:
    """A fresh converter for every public record type.

    Args:
        redact_personal: Mask phone numbers on export (the default). Pass ``False`` for a
            lossless round trip of personal data, e.g. for a private backup.
        omit_defaults: Leave out fields that hold their default value (datasets use this to
            stay short and readable); structuring fills them in again.
        detailed_validation: Note where each error happened (the path :func:`structure`
            reports). Without, hooks run faster and errors carry no path: for a first
            attempt that is retried with a detailed converter when it fails.

    Returns:
        A ``cattrs`` converter; use ``unstructure`` to get JSON-ready data and ``structure``
        to build records (errors come out as :class:`StructuringError` via :func:`structure`).
    """
    converter = _make_json_converter(
        forbid_extra_keys=True,
        omit_if_default=omit_defaults,
        detailed_validation=detailed_validation,
    )
    register_strict_hooks(converter)
    converter.register_unstructure_hook_factory(buildable, dict_writer)
    converter.register_unstructure_hook(OfficialNotice, notice_data)
    converter.register_structure_hook(OfficialNotice, lambda value, _: notice_from_data(value))
    if redact_personal:
        base = converter.get_unstructure_hook(Person)

        def _person(person: Person) -> dict[str, Any]:
            data: dict[str, Any] = base(person)
            if "phone" in data:
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
            (e.g. ``$.orgs[3].period.start``) and the message says what was expected.
    """
    try:
        return (converter or make_converter(redact_personal=False)).structure(data, cls)
    except StructuringError:
        raise
    except Exception as exc:  # cattrs raises groups of many kinds; we report the first leaf
        raise structuring_error(exc) from exc


def structuring_error(exc: BaseException, path: str = "$") -> StructuringError:
    """Our error for an exception raised while structuring, with the path of its first leaf.

    Args:
        exc: What cattrs (or a record's validator) raised.
        path: The path of the value that was being structured.
    """
    path, leaf = _first_leaf(exc, path)
    error = _library_error(leaf)
    if isinstance(leaf, ForbiddenExtraKeysError):
        path += _key_step(sorted(leaf.extra_fields)[0])
    if error is None or error is leaf:
        message = str(leaf) or type(leaf).__name__
    else:  # said in the library's terms: its sentence, without the rule appended
        message = str(error.args[0])
    return StructuringError(message, path=path, error=error, more=_count_leaves(exc) - 1)


def _library_error(exc: BaseException) -> NeighborhoodPBError | None:
    """The library error a leaf is, or says in the library's terms (a missing or an unknown
    field), or ``None``."""
    if isinstance(exc, NeighborhoodPBError):
        return exc
    if isinstance(exc, KeyError):
        return InvalidRecordError(
            f"required field {exc.args[0]!r} is missing",
            rule="json.required",
            params={"field": str(exc.args[0])},
        )
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(sorted(exc.extra_fields))
        known = ", ".join(f.name for f in attrs.fields(exc.cl))
        return InvalidRecordError(
            f"unknown field {names} in {exc.cl.__name__} (its fields: {known})",
            rule="json.unknown_field",
            params={"field": names, "record": exc.cl.__name__, "known": known},
        )
    return None


def _count_leaves(exc: BaseException) -> int:
    if isinstance(exc, BaseExceptionGroup):
        return sum(_count_leaves(inner) for inner in exc.exceptions)
    return 1


def _first_leaf(exc: BaseException, path: str = "$") -> tuple[str, BaseException]:
    """Walk a cattrs exception group to its first leaf, building the JSON path.

    cattrs attaches a note to every sub-exception saying where it happened: an
    :class:`AttributeValidationNote` (``.name``) for a record's field, an
    :class:`IterableValidationNote` (``.index``) for an item of a list or a mapping's key.
    """
    while isinstance(exc, BaseExceptionGroup):
        inner = exc.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            step = _step_from_note(note)
            if step:
                path += step
                break
        exc = inner
    return path, exc


def _key_step(name: str) -> str:
    """``.name`` for a plain key, ``['odd key']`` for any other."""
    return f".{name}" if name.isidentifier() else f"[{name!r}]"


def _step_from_note(note: str) -> str:
    if isinstance(note, AttributeValidationNote):
        return _key_step(note.name)
    if isinstance(note, IterableValidationNote):  # an index of a list, or a key of a mapping
        return f"[{note.index!r}]"
    return ""
