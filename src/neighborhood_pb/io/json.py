"""JSON serialisation (序列化): the only module that knows wire formats.

:func:`make_converter` returns a fresh ``cattrs`` converter that handles every public record
type: dates as ISO strings, instants as ISO strings with their offset, enums by value, sets as
sorted lists. Records know nothing of JSON; the global cattrs converter is never touched.

Structuring is strict, because a validator that guesses hides mistakes: a number is never read
from a string (nor a string from a number), ``true`` is not 1, an object is needed where a
record is expected, a list where a tuple or set is expected, and unknown keys are refused (a
misspelt field name is an error, not a silently ignored value).
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import json
import os
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter as _make_json_converter
from cattrs.strategies import configure_tagged_union

from neighborhood_pb.calendar.periods import parse_date
from neighborhood_pb.dataset import DATASET_FORMAT, DATASET_VERSION, Dataset
from neighborhood_pb.errors import (
    InvalidRecordError,
    NeighborhoodPBError,
    Params,
    ParamValue,
    StructuringError,
)
from neighborhood_pb.points.entries import ENTRY_TYPES, Entry
from neighborhood_pb.structure.levels import SCHEMA_PRESETS, LevelSchema
from neighborhood_pb.structure.people import Person, redact_phone

__all__ = [
    "dataset_converter",
    "dumps_dataset",
    "format_json",
    "json_kind",
    "load_dataset",
    "loads_dataset",
    "make_converter",
    "parse_json",
    "structure",
    "structure_dataset",
    "structuring_error",
    "unstructure",
    "unstructure_dataset",
]

T = TypeVar("T")
_Hook = Callable[[Any, Any], Any]


def json_kind(value: Any) -> str:
    """Name of a JSON value's kind, for messages ("a string", "a number", "an object", …)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}" if len(value) <= 40 else "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _expected(what: str, value: Any, rule: str = "json.type") -> InvalidRecordError:
    return InvalidRecordError(f"expected {what}, got {json_kind(value)}", rule=rule)


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        raise _expected("an ISO date string (YYYY-MM-DD)", value, "time.iso_date")
    return _parse_date(value)


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> pendulum.Date:
    """Dates repeat a lot in a dataset (everything set up on one day); dates are immutable."""
    return parse_date(text)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _structure_params(value: Any, _: type) -> Params:
    """A finding's figures: text written exactly YYYY-MM-DD reads back as a date."""
    if not isinstance(value, Mapping):
        raise _expected("an object", value)
    items: dict[str, ParamValue] = {}
    for key, item in value.items():
        if isinstance(item, str) and _ISO_DATE.fullmatch(item):
            items[key] = _parse_date(item)
        elif isinstance(item, str | int | float) and not isinstance(item, bool):
            items[key] = item
        else:
            raise _expected("text, a number or a date", item)
    return Params(items)


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise _expected("an ISO instant string", value, "time.aware_instant")
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


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise _expected("a string", value)
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected("a whole number", value)
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _expected("a number", value)
    return float(value)


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value)
    return value


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _enum_factory(cls: type[enum.Enum], converter: cattrs.Converter) -> _Hook:
    by_value = {(type(member.value), member.value): member for member in cls}
    allowed = ", ".join(str(member.value) for member in cls)

    def hook(value: Any, _: Any) -> enum.Enum:
        try:
            return by_value[type(value), value]
        except (KeyError, TypeError):  # TypeError: an unhashable value (a list, an object)
            raise InvalidRecordError(
                f"{json_kind(value)} is not a valid {cls.__name__} (expected one of: {allowed})",
                rule="json.enum",
            ) from None

    return hook


def _is_collection(t: Any) -> bool:
    return get_origin(t) in (tuple, list, frozenset, set) and (
        get_origin(t) is not tuple or (len(get_args(t)) == 2 and get_args(t)[1] is ...)
    )


def _collection_factory(t: Any, converter: cattrs.Converter) -> _Hook:
    origin, item = get_origin(t), get_args(t)[0]
    if origin is list:
        inner = list_structure_factory(t, converter)
    else:
        inner = homogenous_tuple_structure_factory(tuple[item, ...], converter)  # type: ignore[valid-type]
    make: Callable[[Any], Any] = {frozenset: frozenset, set: set}.get(origin, lambda v: v)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _expected("a list", value)
        return make(inner(value, t))

    return hook


_INT_KEY = re.compile(r"-?(0|[1-9][0-9]*)")


def _is_int_keyed_mapping(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) in (dict, Mapping) and len(args) == 2 and args[0] is int


def _int_keyed_mapping_factory(t: Any, converter: cattrs.Converter) -> _Hook:
    """Mappings with whole-number keys: JSON object keys are always strings, so a key in
    canonical decimal form ("5", "-1") is read back as the number it was written from."""
    value_type = get_args(t)[1]

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _expected("an object", value)
        result = {}
        for key, item in value.items():
            if isinstance(key, str) and _INT_KEY.fullmatch(key):
                key = int(key)
            result[converter.structure(key, int)] = converter.structure(item, value_type)
        return result

    return hook


def _record_factory(cls: type, converter: cattrs.Converter) -> _Hook:
    inner: _Hook = make_dict_structure_fn(cls, converter)

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise _expected(f"an object ({cls.__name__})", value)
        return inner(value, cls)

    return hook


def _unstructure_set(value: frozenset[Any] | set[Any], converter: cattrs.Converter) -> list[Any]:
    items = [converter.unstructure(item) for item in value]
    return sorted(items, key=lambda item: (str(type(item)), str(item)))


def make_converter(
    *, redact_personal: bool = True, omit_defaults: bool = False
) -> cattrs.Converter:
    """A fresh converter for every public record type.

    Args:
        redact_personal: Mask phone numbers on export (the default). Pass ``False`` for a
            lossless round trip of personal data, e.g. for a private backup.
        omit_defaults: Leave out fields that hold their default value (datasets use this to
            stay short and readable); structuring fills them in again.

    Returns:
        A ``cattrs`` converter; use ``unstructure`` to get JSON-ready data and ``structure``
        to build records (errors come out as :class:`StructuringError` via :func:`structure`).
    """
    converter = _make_json_converter(forbid_extra_keys=True, omit_if_default=omit_defaults)
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Params, _structure_params)
    converter.register_structure_hook_factory(_is_enum, _enum_factory)
    converter.register_structure_hook_factory(_is_collection, _collection_factory)
    converter.register_structure_hook_factory(attrs.has, _record_factory)
    converter.register_structure_hook_factory(_is_int_keyed_mapping, _int_keyed_mapping_factory)
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", t) in (frozenset, set),
        lambda value: _unstructure_set(value, converter),
    )
    converter.register_unstructure_hook_func(_is_enum, lambda e: e.value)
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
    count = _count_leaves(exc)
    message = _describe(leaf)
    if count > 1:
        message += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    if isinstance(leaf, ForbiddenExtraKeysError):
        path += _key_step(sorted(leaf.extra_fields)[0])
    return StructuringError(message, path=path)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError) and not isinstance(exc, NeighborhoodPBError):
        return f"required field {exc.args[0]!r} is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(sorted(exc.extra_fields))
        known = ", ".join(f.name for f in attrs.fields(exc.cl))
        return f"unknown field {names} in {exc.cl.__name__} (its fields: {known})"
    return str(exc) or type(exc).__name__


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


# -- dataset documents ----------------------------------------------------------------------------


def dataset_converter(*, redact_personal: bool = True) -> cattrs.Converter:
    """A fresh converter for :class:`~neighborhood_pb.dataset.Dataset` documents.

    Defaults are left out on export so that a document stays short; ledger entries are
    tagged with their type (``{"type": "Claim", ...}``); the schema is written as
    its preset code when it is a preset (``"schema": "community_five_level"``) and in full
    otherwise; ``format`` and ``version`` are always written and checked first on reading.

    Args:
        redact_personal: Mask phone numbers on export (the default).
    """
    converter = make_converter(redact_personal=redact_personal, omit_defaults=True)
    configure_tagged_union(Entry, converter, tag_name="type")
    tagged: _Hook = converter.get_structure_hook(Entry)
    entry_types = {cls.__name__ for cls in ENTRY_TYPES}

    def entry_in(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _expected("an object (a ledger entry)", value)
        if value.get("type") not in entry_types:
            names = ", ".join(cls.__name__ for cls in ENTRY_TYPES)
            found = json_kind(value["type"]) if "type" in value else "no type"
            raise InvalidRecordError(
                f"a ledger entry needs a type, one of {names} ({found})", rule="entry.type"
            )
        return tagged(value, Entry)

    converter.register_structure_hook(Entry, entry_in)

    def schema_out(schema: LevelSchema) -> Any:
        if SCHEMA_PRESETS.get(schema.code) == schema:
            return schema.code
        return converter.unstructure(schema, LevelSchema)

    def schema_in(value: Any, _: Any) -> LevelSchema:
        if isinstance(value, str):
            if value not in SCHEMA_PRESETS:
                presets = ", ".join(sorted(SCHEMA_PRESETS))
                raise InvalidRecordError(
                    f"{value!r} is not a preset schema (presets: {presets}); give a preset "
                    "code or a whole schema object",
                    rule="dataset.schema",
                )
            return SCHEMA_PRESETS[value]
        if isinstance(value, Mapping):
            return converter.structure(value, LevelSchema)
        raise _expected("a preset code or a schema object", value, "dataset.schema")

    always = override(omit_if_default=False)
    converter.register_unstructure_hook(
        Dataset,
        make_dict_unstructure_fn(
            Dataset,
            converter,
            _cattrs_omit_if_default=True,
            format=always,
            version=always,
            structure=always,
            schema=override(unstruct_hook=schema_out),
        ),
    )
    inner: _Hook = make_dict_structure_fn(
        Dataset, converter, schema=override(struct_hook=schema_in)
    )

    def dataset_in(value: Any, _: Any) -> Dataset:
        if not isinstance(value, Mapping):
            raise StructuringError(f"expected an object (a dataset), got {json_kind(value)}")
        if value.get("format") != DATASET_FORMAT:
            found = f"format is {json_kind(value['format'])}" if "format" in value else "no format"
            raise StructuringError(
                f"not a neighborhood_pb dataset ({found}; expected {DATASET_FORMAT!r})",
                path="$.format",
            )
        version = value.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise StructuringError(
                f"expected the format version as a whole number, got {json_kind(version)}",
                path="$.version",
            )
        if not 1 <= version <= DATASET_VERSION:
            raise StructuringError(
                f"format version {version} is not one this library reads (1 to "
                f"{DATASET_VERSION}); a newer neighborhood_pb may read it",
                path="$.version",
            )
        result: Dataset = inner(value, Dataset)
        return result

    converter.register_structure_hook(Dataset, dataset_in)
    return converter


@functools.lru_cache(maxsize=2)
def _shared_dataset_converter(redact_personal: bool) -> cattrs.Converter:
    """One converter per setting for this module's own reading and writing: a converter
    generates its hooks on first use, which costs far more than a small document, so they
    are kept (never handed out; :func:`dataset_converter` gives callers a fresh one)."""
    return dataset_converter(redact_personal=redact_personal)


class _RefusedJSONError(ValueError):
    """JSON that the standard parser takes but a dataset must not contain."""


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RefusedJSONError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _RefusedJSONError(f"{name} is not a JSON number")


def parse_json(text: str) -> Any:
    """Parse JSON text strictly: no repeated keys in an object, no ``NaN`` or ``Infinity``.

    Raises:
        StructuringError: the text is not such JSON; the message gives line and column.
    """
    try:
        return json.loads(
            text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        raise StructuringError(
            f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except _RefusedJSONError as exc:
        raise StructuringError(f"not JSON this library accepts: {exc}") from None
    except RecursionError:
        raise StructuringError("not JSON this library accepts: nested too deeply") from None


def structure_dataset(data: Any) -> Dataset:
    """Build a dataset from parsed JSON.

    Raises:
        StructuringError: the data is not a valid dataset document; ``path`` says where.
    """
    return structure(data, Dataset, _shared_dataset_converter(False))


def unstructure_dataset(dataset: Dataset, *, redact_personal: bool = True) -> dict[str, Any]:
    """JSON-ready data for a dataset (phones masked unless ``redact_personal=False``)."""
    data: dict[str, Any] = _shared_dataset_converter(redact_personal).unstructure(dataset)
    return data


def loads_dataset(text: str) -> Dataset:
    """Read a dataset from JSON text.

    Raises:
        StructuringError: the text is not JSON or not a valid dataset document.
    """
    return structure_dataset(parse_json(text))


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset from a UTF-8 JSON file.

    Raises:
        OSError: the file cannot be read (missing, a directory, no permission).
        StructuringError: it is not UTF-8 text, not JSON, or not a valid dataset document.
    """
    with open(path, "rb") as stream:
        raw = stream.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StructuringError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
    return loads_dataset(text)


def dumps_dataset(dataset: Dataset, *, redact_personal: bool = True, compact: bool = False) -> str:
    """A dataset as JSON text: keys sorted, Chinese kept as is, one short record per line.

    The text is stable (the same dataset always gives the same text) and ends with a
    newline. Phones are masked unless ``redact_personal=False`` (use that for a private
    backup; ``loads_dataset(dumps_dataset(d, redact_personal=False)) == d``).

    Args:
        dataset: What to write.
        redact_personal: Mask phone numbers (the default).
        compact: Write everything on one line, without spaces: several times faster, for
            city-sized datasets that no one reads by eye.
    """
    data = unstructure_dataset(dataset, redact_personal=redact_personal)
    if compact:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    return format_json(data, width=120) + "\n"


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
