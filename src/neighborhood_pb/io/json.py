"""JSON serialisation (序列化): the only module that knows wire formats.

:func:`make_converter` returns a fresh ``cattrs`` converter that handles every public record
type: dates as ISO strings, instants as ISO strings with their offset, enums by value, sets as
sorted lists. Records know nothing of JSON; the global cattrs converter is never touched.

Structuring is strict, because a validator that guesses hides mistakes: a number is never read
from a string (nor a string from a number), ``true`` is not 1, an object is needed where a
record is expected, a list where a tuple or set is expected, and unknown keys are refused (a
misspelt field name is an error, not a silently ignored value).

This module reads and writes dataset documents and is the one place callers import from; the
parts live beside it: the strict hooks in :mod:`neighborhood_pb.io.hooks`, the converter and
its error paths in :mod:`neighborhood_pb.io.converter`, strict parsing and readable layout of
JSON text in :mod:`neighborhood_pb.io.json_text`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from neighborhood_pb.dataset import DATASET_FORMAT, DATASET_VERSION, Dataset
from neighborhood_pb.dataset.masking import (
    MASKABLE_FIELDS,
    TEXT_ID_CARDS,
    mask_free_text,
    maskable_fields,
    require_complete,
)
from neighborhood_pb.errors import InvalidRecordError, StructuringError
from neighborhood_pb.io.builders import buildable, dict_builder
from neighborhood_pb.io.converter import make_converter, structure, structuring_error, unstructure
from neighborhood_pb.io.hooks import Hook, expected, json_kind, value_text
from neighborhood_pb.io.json_text import compact_json, format_json, parse_json
from neighborhood_pb.points.entries import ENTRY_TYPES, Entry
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.levels import SCHEMA_PRESETS, LevelSchema

if TYPE_CHECKING:
    from neighborhood_pb.io.json_typed import DatasetCodec

__all__ = [
    "compact_json",
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
    "typed_codec",
    "unstructure",
    "unstructure_dataset",
]


def dataset_converter(
    *, redact_personal: bool = True, detailed_validation: bool = True
) -> cattrs.Converter:
    """A fresh converter for :class:`~neighborhood_pb.dataset.Dataset` documents.

    Defaults are left out on export so that a document stays short; ledger entries are
    tagged with their type (``{"type": "Claim", ...}``); the schema is written as
    its preset code when it is a preset (``"schema": "community_five_level"``) and in full
    otherwise; ``format`` and ``version`` are always written and checked first on reading.

    A masked export says so: ``"masked": ["structure.people.phone"]`` lists the fields whose
    values it masked. Reading checks the marker's names and leaves it out of the record: a
    masked value is known by itself (:mod:`neighborhood_pb.dataset.masking`).

    Args:
        redact_personal: Mask phone numbers on export (the default). With ``False``, a
            dataset holding masked values is refused
            (:class:`~neighborhood_pb.dataset.masking.MaskedDatasetError`).
        detailed_validation: Note where each error happened (see :func:`make_converter`).
    """
    converter = make_converter(
        redact_personal=redact_personal,
        omit_defaults=True,
        detailed_validation=detailed_validation,
    )
    return _configure_dataset(converter, redact_personal)


def _configure_dataset(converter: cattrs.Converter, redact_personal: bool) -> cattrs.Converter:
    """Register the hooks of a dataset document on a converter (see
    :func:`dataset_converter`)."""
    configure_tagged_union(Entry, converter, tag_name="type")
    tagged: Hook = converter.get_structure_hook(Entry)
    entry_types = {cls.__name__ for cls in ENTRY_TYPES}

    def entry_in(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise expected("an object (a ledger entry)", value, zh="对象（积分台账条目）")
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
        raise expected("a preset code or a schema object", value, "dataset.schema")

    always = override(omit_if_default=False)
    dataset_out: Callable[[Dataset], dict[str, Any]] = make_dict_unstructure_fn(
        Dataset,
        converter,
        _cattrs_omit_if_default=True,
        format=always,
        version=always,
        structure=always,
        schema=override(unstruct_hook=schema_out),
    )

    def marked_out(dataset: Dataset) -> dict[str, Any]:
        if not redact_personal:
            require_complete(dataset)
        data = dataset_out(dataset)
        if redact_personal:
            fields = list(maskable_fields(dataset))
            if mask_free_text(data):
                fields.append(TEXT_ID_CARDS)
            if fields:
                data["masked"] = fields
        return data

    converter.register_unstructure_hook(Dataset, marked_out)
    inner: Hook = make_dict_structure_fn(Dataset, converter, schema=override(struct_hook=schema_in))

    def dataset_in(value: Any, _: Any) -> Dataset:
        if not isinstance(value, Mapping):
            raise StructuringError(f"expected an object (a dataset), got {json_kind(value)}")
        if value.get("format") != DATASET_FORMAT:
            found = f"format is {json_kind(value['format'])}" if "format" in value else "no format"
            message = f"not a neighborhood_pb dataset ({found}; expected {DATASET_FORMAT!r})"
            written = {"found": value_text(value.get("format")), "expected": DATASET_FORMAT}
            raise StructuringError.breaking(message, "dataset.format", written, path="$.format")
        version = value.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise StructuringError(
                f"expected the format version as a whole number, got {json_kind(version)}",
                path="$.version",
            )
        if not 1 <= version <= DATASET_VERSION:
            message = (
                f"format version {version} is not one this library reads (1 to "
                f"{DATASET_VERSION}); a newer neighborhood_pb may read it"
            )
            read = {"version": version, "newest": DATASET_VERSION}
            raise StructuringError.breaking(message, "dataset.version", read, path="$.version")
        if "masked" in value:
            _check_marker(value["masked"])
            value = {key: item for key, item in value.items() if key != "masked"}
        result: Dataset = inner(value, Dataset)
        return result

    converter.register_structure_hook(Dataset, dataset_in)
    return converter


def _check_marker(marker: Any) -> None:
    """Refuse a ``masked`` marker that is not a list of maskable field names."""
    if not isinstance(marker, list) or not all(isinstance(name, str) for name in marker):
        raise StructuringError(
            f"expected the masked fields as a list of names, got {json_kind(marker)}",
            path="$.masked",
        )
    for index, name in enumerate(marker):
        if name not in MASKABLE_FIELDS:
            raise StructuringError(
                f"{name!r} is not a field that an export masks "
                f"(one of {', '.join(MASKABLE_FIELDS)})",
                path=f"$.masked[{index}]",
            )


@functools.lru_cache(maxsize=4)
def _shared_dataset_converter(
    redact_personal: bool, detailed_validation: bool = True
) -> cattrs.Converter:
    """One converter per setting for this module's own reading and writing: a converter
    generates its hooks on first use, which costs far more than a small document, so they
    are kept (never handed out; :func:`dataset_converter` gives callers a fresh one).

    The converter without detailed validation is the first attempt of
    :func:`structure_dataset`: its records are read by generated builders
    (:mod:`neighborhood_pb.io.builders`), which raise on anything they do not take plainly.
    """
    converter = make_converter(
        redact_personal=redact_personal,
        omit_defaults=True,
        detailed_validation=detailed_validation,
    )
    if not detailed_validation:
        converter.register_structure_hook_factory(buildable, dict_builder)
    return _configure_dataset(converter, redact_personal)


def structure_dataset(data: Any) -> Dataset:
    """Build a dataset from parsed JSON.

    Raises:
        StructuringError: the data is not a valid dataset document; ``path`` says where.
    """
    try:  # the fast hooks first; a document they refuse is read again to say where
        with collector_paused():
            dataset: Dataset = _shared_dataset_converter(False, False).structure(data, Dataset)
        return dataset
    except Exception:  # any refusal: the detailed converter reports it with its path
        return structure(data, Dataset, _shared_dataset_converter(False))


def unstructure_dataset(dataset: Dataset, *, redact_personal: bool = True) -> dict[str, Any]:
    """JSON-ready data for a dataset (phones masked unless ``redact_personal=False``).

    Raises:
        MaskedDatasetError: ``redact_personal=False`` and the dataset holds masked values.
    """
    with collector_paused():
        data: dict[str, Any] = _shared_dataset_converter(redact_personal).unstructure(dataset)
    return data


@functools.lru_cache(maxsize=1)
def typed_codec() -> DatasetCodec | None:
    """The codec :func:`loads_dataset` and :func:`dumps_dataset` read and write compact text
    with first (:mod:`neighborhood_pb.io.json_typed`); ``None`` without msgspec (the ``fast``
    extra)."""
    try:
        from neighborhood_pb.io.json_typed import DatasetCodec
    except ImportError:
        return None
    return DatasetCodec(_shared_dataset_converter(False, False), _shared_dataset_converter(False))


def _read_typed(text: str) -> Dataset | None:
    codec = typed_codec()
    if codec is None:
        return None
    try:
        return codec.read(text)
    except Exception:  # any refusal: the generic path reads the text and says where
        return None


def loads_dataset(text: str) -> Dataset:
    """Read a dataset from JSON text.

    Compact text is read through mirrors of its records when msgspec (the ``fast`` extra) is
    installed (:mod:`neighborhood_pb.io.json_typed`); the result is the same.

    Raises:
        StructuringError: the text is not JSON or not a valid dataset document.
    """
    with collector_paused():  # one pause: the parsed data is dropped before the collector
        dataset = _read_typed(text)  # runs again, so that it walks only records
        return structure_dataset(parse_json(text)) if dataset is None else dataset


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
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise StructuringError.breaking(message, "text.utf8", {"offset": exc.start}) from None
    return loads_dataset(text)


def dumps_dataset(dataset: Dataset, *, redact_personal: bool = True, compact: bool = False) -> str:
    """A dataset as JSON text: keys sorted, Chinese kept as is, one short record per line.

    The text is stable (the same dataset always gives the same text) and ends with a
    newline. Phones are masked unless ``redact_personal=False`` (use that for a private
    backup; ``loads_dataset(dumps_dataset(d, redact_personal=False)) == d``). A masked text
    names the fields it masked (``"masked": ["structure.people.phone"]``).

    Args:
        dataset: What to write.
        redact_personal: Mask phone numbers (the default).
        compact: Write everything on one line, without spaces: several times faster, for
            city-sized datasets that no one reads by eye.

    Raises:
        MaskedDatasetError: ``redact_personal=False`` and the dataset holds masked values
            (e.g. it was read from a masked document): masked values are not numbers.
    """
    # the collector rests; the data is dropped before it runs again, so it never walks it
    with collector_paused():
        codec = typed_codec() if compact and not redact_personal else None
        written = None if codec is None else codec.write(dataset)
        if written is not None:
            return written
        data = unstructure_dataset(dataset, redact_personal=redact_personal)
        text = compact_json(data) if compact else format_json(data, width=120)
        del data
    return text + "\n"
