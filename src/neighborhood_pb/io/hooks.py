"""Strict structuring hooks (结构化钩子): how JSON values become dates, numbers, enums, records.

A validator that guesses hides mistakes, so every hook here refuses what does not fit: a
number is never read from a string (nor a string from a number), ``true`` is not 1, an object
is needed where a record is expected and a list where a tuple or set is expected. The hooks
know nothing of datasets; :mod:`neighborhood_pb.io.converter` registers them on a converter.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import json
import re
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from neighborhood_pb.calendar.periods import Period, parse_date
from neighborhood_pb.errors import InvalidRecordError, Params, ParamValue
from neighborhood_pb.errors.source import Source, as_source
from neighborhood_pb.errors.text import mask_personal

__all__ = [
    "KNOWN_PERIODS",
    "Hook",
    "OptionalWriter",
    "expected",
    "json_kind",
    "json_kind_zh",
    "register_strict_hooks",
    "value_text",
]

Hook = Callable[[Any, Any], Any]
"""A cattrs structure hook: ``(value, type) -> structured value``."""


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


def value_text(value: Any, limit: int = 40) -> str:
    """A JSON value as compact text for an error's parameters (``"城堡"``, ``3``, ``["a"]``):
    personal numbers masked as in messages, cut to ``limit`` characters (a long value ends
    with …); a value JSON cannot hold as its ``repr``."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    text = mask_personal(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_kind_zh(value: Any) -> str:
    """:func:`json_kind` in Chinese, the value itself as JSON writes it (masked, cut)."""
    if value is None or isinstance(value, bool):
        return f"`{value_text(value)}`"
    if isinstance(value, int | float):
        return f"数字`{value_text(value)}`"
    if isinstance(value, str):
        return f"文本`{value_text(value)}`"
    if isinstance(value, Mapping):
        return "对象"
    if isinstance(value, list | tuple):
        return "列表"
    return f"`{type(value).__name__}`"


def expected(what: str, value: Any, rule: str = "json.type", *, zh: str = "") -> InvalidRecordError:
    """The error for a JSON value of the wrong kind: ``expected <what>, got <kind>``.

    Args:
        what: What was expected, in English ("a whole number").
        value: What was found.
        rule: The rule broken (``json.type`` unless a rule of its own names the case).
        zh: What was expected, in Chinese ("整数"): the error of ``json.type`` then carries
            the parameters of its templates, and reads wholly in Chinese under zh.
    """
    got = json_kind(value)
    params: dict[str, ParamValue] = {}
    if rule == "json.type" and zh:
        params = {"expected": what, "got": got, "expected_zh": zh, "got_zh": json_kind_zh(value)}
    elif rule == "time.iso_date":
        params = {"value": value_text(value)}
    return InvalidRecordError(f"expected {what}, got {got}", rule=rule, params=params)


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        raise expected("an ISO date string (YYYY-MM-DD)", value, "time.iso_date")
    return _parse_date(value)


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> pendulum.Date:
    """Dates repeat a lot in a dataset (everything set up on one day); dates are immutable."""
    return parse_date(text)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _structure_params(value: Any, _: type) -> Params:
    """A finding's figures: text written exactly YYYY-MM-DD reads back as a date."""
    if not isinstance(value, Mapping):
        raise expected("an object", value, zh="对象")
    items: dict[str, ParamValue] = {}
    for key, item in value.items():
        if isinstance(item, str) and _ISO_DATE.fullmatch(item):
            items[key] = _parse_date(item)
        elif isinstance(item, str | int | float) and not isinstance(item, bool):
            items[key] = item
        else:
            raise expected("text, a number or a date", item, zh="文本、数字或日期")
    return Params(items)


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise expected("an ISO instant string", value, "time.aware_instant")
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
    if _FINER_THAN_MICROSECONDS.search(value):
        raise InvalidRecordError(
            f"{value!r} is finer than a microsecond, which an instant cannot keep",
            rule="time.aware_instant",
        )
    return pendulum.instance(parsed)


_FINER_THAN_MICROSECONDS = re.compile(r"[.,][0-9]{7,}")


def _structure_str(value: Any, _: type) -> str:
    if type(value) is str and value.isascii():  # the usual case, at once
        return value
    if not isinstance(value, str):
        raise expected("a string", value, zh="文本")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate (\ud800) loads but never saves
        raise InvalidRecordError(
            f"the text holds the lone surrogate U+{ord(value[exc.start]):04X} at "
            f"character {exc.start}, which no UTF-8 file can hold",
            rule="json.text",
        ) from None
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise expected("a whole number", value, zh="整数")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise expected("a number", value, zh="数字")
    return float(value)


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise expected("true or false", value, zh="true或false")
    return value


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _enum_factory(cls: type[enum.Enum], converter: cattrs.Converter) -> Hook:
    by_value = {(type(member.value), member.value): member for member in cls}
    allowed = ", ".join(str(member.value) for member in cls)

    def hook(value: Any, _: Any) -> enum.Enum:
        try:
            return by_value[type(value), value]
        except (KeyError, TypeError):  # TypeError: an unhashable value (a list, an object)
            raise InvalidRecordError(
                f"{json_kind(value)} is not a valid {cls.__name__} (expected one of: {allowed})",
                rule="json.enum",
                params={"value": value_text(value), "kind": cls.__name__, "allowed": allowed},
            ) from None

    return hook


def _is_optional(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_factory(t: Any, converter: cattrs.Converter) -> Hook:
    """``X | None``: ``null`` is ``None``, anything else goes to ``X``'s hook, found once."""
    (other,) = (arg for arg in get_args(t) if arg is not type(None))
    inner = converter.get_structure_hook(other)

    def hook(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, other)

    return hook


class OptionalWriter:
    """The hook that writes ``X | None``: ``None`` as it is, a value with ``X``'s hook
    (:attr:`inner`), which generated writers call themselves after their own test for
    ``None``."""

    __slots__ = ("inner",)

    def __init__(self, inner: Callable[[Any], Any]) -> None:
        self.inner = inner

    def __call__(self, value: Any) -> Any:
        return None if value is None else self.inner(value)


def _optional_out_factory(t: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """``X | None`` written: ``X``'s hook for a value; where that leaves a value as it is (text,
    numbers), that one, so that generated code writes the field without a call."""
    (other,) = (arg for arg in get_args(t) if arg is not type(None))
    inner: Callable[[Any], Any] = converter.get_unstructure_hook(other)
    if inner is identity:
        return identity
    return OptionalWriter(inner)


def _enum_out_factory(cls: type[enum.Enum]) -> Callable[[enum.Enum], Any]:
    """An enum member written as its value, looked up (faster than the ``value`` property)."""
    return {member: member.value for member in cls}.__getitem__


def _is_collection(t: Any) -> bool:
    return get_origin(t) in (tuple, list, frozenset, set) and (
        get_origin(t) is not tuple or (len(get_args(t)) == 2 and get_args(t)[1] is ...)
    )


def _collection_factory(t: Any, converter: cattrs.Converter) -> Hook:
    origin, item = get_origin(t), get_args(t)[0]
    if origin is list:
        inner = list_structure_factory(t, converter)
    else:
        inner = homogenous_tuple_structure_factory(tuple[item, ...], converter)  # type: ignore[valid-type]
    make: Callable[[Any], Any] = {frozenset: frozenset, set: set}.get(origin, lambda v: v)
    is_set = origin in (frozenset, set)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise expected("a list", value, zh="列表")
        items = inner(value, t)
        made = make(items)
        if is_set and len(made) != len(items):
            repeated = next(item for n, item in enumerate(items) if item in items[:n])
            written = converter.unstructure(repeated)
            raise InvalidRecordError(
                f"{json_kind(written)} appears twice in a set",
                rule="json.unique_items",
                params={"value": value_text(written)},
            )
        return made

    return hook


def _is_sequence(t: Any) -> bool:
    return get_origin(t) is list or (
        get_origin(t) is tuple and len(get_args(t)) == 2 and get_args(t)[1] is ...
    )


def _sequence_out_factory(t: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    """A tuple or list written as a list: the items' hook mapped over it, found once (faster
    than a generator per item); the list itself where the items are written as they are."""
    inner: Callable[[Any], Any] = converter.get_unstructure_hook(get_args(t)[0])
    if inner is identity:
        return list
    return lambda value: list(map(inner, value))


_INT_KEY = re.compile(r"-?(0|[1-9][0-9]*)")


def _is_int_keyed_mapping(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) in (dict, Mapping) and len(args) == 2 and args[0] is int


def _int_keyed_mapping_factory(t: Any, converter: cattrs.Converter) -> Hook:
    """Mappings with whole-number keys: JSON object keys are always strings, so a key in
    canonical decimal form ("5", "-1") is read back as the number it was written from."""
    value_type = get_args(t)[1]

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise expected("an object", value, zh="对象")
        result = {}
        for key, item in value.items():
            if isinstance(key, str) and _INT_KEY.fullmatch(key):
                key = int(key)
            result[converter.structure(key, int)] = converter.structure(item, value_type)
        return result

    return hook


def _record_factory(cls: type, converter: cattrs.Converter) -> Hook:
    inner: Hook = make_dict_structure_fn(cls, converter)

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise expected(f"an object ({cls.__name__})", value, zh=f"对象（`{cls.__name__}`）")
        return inner(value, cls)

    return hook


def _period_hook(converter: cattrs.Converter) -> Hook:
    """Periods, kept by their text: a dataset repeats a few periods (everything set up on
    one day) across hundreds of thousands of records, and a period is immutable. An object of
    a ``start`` text and an ``end`` text or ``null`` (or no ``end``) that was read before is
    the period read then; anything else goes through the strict record hook."""
    record: list[Hook] = []  # generated on first use, when every hook is registered
    known: dict[tuple[Any, Any], Period] = {}  # (start, end) texts, end None when left out

    def hook(value: Any, _: Any) -> Period:
        plain = type(value) is dict and len(value) == 1 + ("end" in value)
        if plain:
            try:
                period = known.get((value.get("start"), value.get("end")))
            except TypeError:  # an unhashable start or end (a list, an object)
                period = None
            if period is not None:
                return period
        if not record:
            record.append(_record_factory(Period, converter))
        result: Period = record[0](value, Period)
        if plain and not attrs.validators.get_disabled():  # read and checked, so its start
            if len(known) >= KNOWN_PERIODS:  # is text and its end text or null
                known.clear()
            known[value["start"], value.get("end")] = result
        return result

    return hook


KNOWN_PERIODS = 4096
"""Periods a converter keeps by their text (it forgets them all when this many are kept)."""


def _source_hooks(converter: cattrs.Converter) -> tuple[Hook, Callable[[Source], Any]]:
    """How a rule's source is read and written: a citation with nothing else as its text (the
    form documents always had), a source with a note or the library-default flag as an
    object; either form is read."""
    record: list[Hook] = []  # generated on first use, when every hook is registered
    written: list[Callable[[Source], Any]] = []

    def structure(value: Any, _: Any) -> Source:
        if isinstance(value, str):
            return as_source(_structure_str(value, str))
        if isinstance(value, Mapping):
            if not record:
                record.append(_record_factory(Source, converter))
            result: Source = record[0](value, Source)
            return result
        raise expected("a source: its citation as text, or an object", value, "registry.source")

    def unstructure(source: Source) -> Any:
        if not (source.note_zh or source.note_en or source.library_default):
            return source.cited
        if not written:
            written.append(
                make_dict_unstructure_fn(
                    Source, converter, _cattrs_omit_if_default=converter.omit_if_default
                )
            )
        return written[0](source)

    return structure, unstructure


def _unstructure_set(value: frozenset[Any] | set[Any], converter: cattrs.Converter) -> list[Any]:
    items = [converter.unstructure(item) for item in value]
    return sorted(items, key=lambda item: (str(type(item)), str(item)))


def register_strict_hooks(converter: cattrs.Converter) -> None:
    """Register the strict structuring hooks, and the unstructuring of dates, instants, sets
    and enums, on ``converter``.

    Args:
        converter: A fresh converter (made with ``forbid_extra_keys=True``); hooks registered
            on it later take precedence over these.
    """
    converter.register_unstructure_hook(pendulum.Date, _dt.date.isoformat)
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Params, _structure_params)
    converter.register_structure_hook(Period, _period_hook(converter))
    source_in, source_out = _source_hooks(converter)
    converter.register_structure_hook(Source, source_in)
    converter.register_unstructure_hook(Source, source_out)
    converter.register_structure_hook_factory(_is_enum, _enum_factory)
    converter.register_structure_hook_factory(_is_collection, _collection_factory)
    converter.register_structure_hook_factory(attrs.has, _record_factory)
    converter.register_structure_hook_factory(_is_int_keyed_mapping, _int_keyed_mapping_factory)
    converter.register_structure_hook_factory(_is_optional, _optional_factory)
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", t) in (frozenset, set),
        lambda value: _unstructure_set(value, converter),
    )
    converter.register_unstructure_hook_factory(_is_sequence, _sequence_out_factory)
    converter.register_unstructure_hook_factory(_is_enum, _enum_out_factory)
    converter.register_unstructure_hook_factory(_is_optional, _optional_out_factory)
