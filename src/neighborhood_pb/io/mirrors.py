"""Record mirrors (记录镜像): msgspec reads and writes records' JSON in their own shape.

The generic path has JSON parsed into dicts and lists and every dict turned into a record. A
*mirror* is a ``msgspec.Struct`` generated once from a record class's attrs fields: its fields
have the record's names, in sorted order, and hold each value as JSON has it (text for a date,
a mirror for a nested record, plain data for anything else), with ``UNSET`` for a field that
was left out. msgspec (the ``fast`` extra) reads JSON text straight into mirrors and writes
mirrors straight to text, in C.

A generated *reader* per class makes the record from its mirror through the record's own
``__init__``, so every converter, validator and check runs; each value is taken as the
converter's hook would take it (text, numbers and enum members as msgspec checked them; dates,
instants and anything without a mirror through the hook itself). A generated *writer* makes the
mirror of a record, leaving out what the converter's writer leaves out, so that msgspec writes
the very text the converter's data gives.

Only classes the converters build and write with their generated functions
(:mod:`neighborhood_pb.io.builders`, :mod:`neighborhood_pb.io.writers`) and whose
``__init__`` a reader may do itself (:func:`constructible`) have mirrors, and periods (kept
by their text, as the converter keeps them); a value of any other type is plain data in its
mirror and goes through the converter's hooks.

Nothing here decides what is valid: a reader raises on anything it does not take (a set
holding an item twice, a record that refuses), and callers fall back to the generic path.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import msgspec
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors.validators import PLAINLY_VALID
from neighborhood_pb.io.builders import compile_builder, generated_for, refuse
from neighborhood_pb.io.hooks import KNOWN_PERIODS

__all__ = ["UNSET", "Mirrors", "constructible", "held_default"]

UNSET = msgspec.UNSET
"""A mirror's field that the text left out."""


@attrs.frozen
class _Kind:
    """How a field's type is mirrored: the mirror's type, and the expressions (with ``{v}``
    for the value) that read a mirror's value and write a record's value; ``None`` keeps it."""

    mirror: Any
    read: str | None = None
    write: str | None = None


def _apply(template: str | None, value: str) -> str:
    return value if template is None else template.format(v=value)


class Mirrors:
    """The mirrors, readers and writers of record classes, generated on first use.

    Args:
        read: The converter whose structure hooks the readers follow (records built by
            :func:`~neighborhood_pb.io.builders.dict_builder`).
        write: The converter whose unstructure hooks the writers follow (records written by
            :func:`~neighborhood_pb.io.writers.dict_writer`, defaults left out, phones kept).
    """

    def __init__(self, read: cattrs.Converter, write: cattrs.Converter) -> None:
        self._read, self._write = read, write
        self._structs: dict[type, Any] = {}
        self._kinds: dict[Any, _Kind] = {}
        self._known_periods: dict[Any, Period] = {}
        self._readers: dict[type, Callable[[Any], Any]] = {Period: self._period_reader()}
        self._writers: dict[type, Callable[[Any], Any]] = {}
        self._names: dict[str, Any] = {
            "UNSET": UNSET,
            "new": object.__new__,
        }
        self._count = 0

    def has(self, cls: Any) -> bool:
        """Whether the class ``cls`` has a mirror: one that :func:`constructible` allows and
        both converters build and write with their generated functions (periods, which the
        converter reads in its own way, are mirrored wherever a field holds one)."""
        return (
            isinstance(cls, type)
            and constructible(cls)
            and generated_for(self._read.get_structure_hook(cls)) is cls
            and generated_for(self._write.get_unstructure_hook(cls)) is cls
        )

    def struct(self, cls: type) -> Any:
        """The mirror of the class ``cls`` (see :meth:`has`)."""
        if cls not in self._structs:
            self._generate(cls)
        return self._structs[cls]

    def reader(self, cls: type) -> Callable[[Any], Any]:
        """The function that makes a ``cls`` record from its mirror."""
        if cls not in self._readers:
            self._generate(cls)
        return self._readers[cls]

    def writer(self, cls: type) -> Callable[[Any], Any]:
        """The function that makes the mirror of a ``cls`` record."""
        if cls not in self._writers:
            self._generate(cls)
        return self._writers[cls]

    def _name(self, prefix: str, value: Any) -> str:
        """A fresh name for ``value`` in the generated code's scope."""
        self._count += 1
        name = f"{prefix}{self._count}"
        self._names[name] = value
        return name

    def kind(self, hint: Any) -> _Kind:
        """How a value of type ``hint`` is mirrored, read and written."""
        if hint not in self._kinds:
            self._kinds[hint] = self._kind(hint)
        return self._kinds[hint]

    def _kind(self, hint: Any) -> _Kind:
        if hint in (str, int, bool):
            return _Kind(hint)
        if _plain_enum(hint, self._read, self._write):  # written by the converter's table,
            table = self._name("e", {member: member.value for member in hint})  # so that
            return _Kind(hint, None, f"{table}[{{v}}]")  # a value of another type raises
        if hint is pendulum.Date:
            hook = self._name("h", self._read.get_structure_hook(hint))
            return _Kind(str, f"{hook}({{v}}, {self._name('t', hint)})", "iso({v})")
        if hint is Period:
            return self._period_kind()
        if self.has(hint):
            reader, writer = self._name("r", self.reader(hint)), self._name("w", self.writer(hint))
            return _Kind(self.struct(hint), f"{reader}({{v}})", f"{writer}({{v}})")
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is tuple and len(args) == 2 and args[1] is ...:
            inner = self.kind(args[0])
            return _Kind(_tuple_of(inner.mirror), _each(inner.read, "tuple"), _each(inner.write))
        if origin is frozenset and len(args) == 1 and self.kind(args[0]).read is None:
            made = self._name("s", _set_reader)
            written = self._name("u", self._write.get_unstructure_hook(hint))
            return _Kind(
                _tuple_of(self.kind(args[0]).mirror), f"{made}({{v}})", f"{written}({{v}})"
            )
        if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            (other,) = (arg for arg in args if arg is not type(None))
            inner = self.kind(other)
            read = inner.read and f"None if {{v}} is None else {inner.read}"
            write = inner.write and f"None if {{v}} is None else {inner.write}"
            return _Kind(inner.mirror | None, read, write)
        hook = self._name("h", self._read.get_structure_hook(hint))
        written = self._name("u", self._write.get_unstructure_hook(hint))
        return _Kind(Any, f"{hook}({{v}}, {self._name('t', hint)})", f"{written}({{v}})")

    def _period_kind(self) -> _Kind:
        """Periods: a city shares a few of them, so a period read is kept by its mirror (as
        the converter keeps one by its text) and a mirror written is kept by the period's id,
        beside the period itself, so that the id is no other object's."""
        known = self._name("k", self._known_periods)
        reader = self._name("r", self.reader(Period))
        write = self.writer(Period)
        written: dict[int, tuple[Period, Any]] = {}

        def mirror(period: Period) -> Any:
            made = write(period)
            if len(written) >= KNOWN_PERIODS:
                written.clear()
            written[id(period)] = (period, made)
            return made

        memo, writer = self._name("k", written), self._name("w", mirror)
        return _Kind(
            self.struct(Period),
            f"({known}.get({{v}}) or {reader}({{v}}))",
            f"(e[1] if (e := {memo}.get(id({{v}}))) is not None else {writer}({{v}}))",
        )

    def _generate(self, cls: type) -> None:
        hints = typing.get_type_hints(cls)
        fields: list[tuple[str, Any, Any]] = []
        values: dict[str, str] = {}  # a field's name: the expression of its value as given
        write = ["def make(o):", "    return mirror("]
        for field in sorted(attrs.fields(cls), key=lambda f: f.name):
            kind = self.kind(hints[field.name])
            if field.default is attrs.NOTHING:
                fields.append((field.name, kind.mirror, msgspec.NODEFAULT))
                values[field.name] = _apply(kind.read, f"m.{field.name}")
                write.append(f"        {field.name}={_apply(kind.write, f'o.{field.name}')},")
                continue
            fields.append((field.name, kind.mirror | msgspec.UnsetType, UNSET))
            values[field.name] = (
                f"{self._given(field)} if (v := m.{field.name}) is UNSET "
                f"else {_apply(kind.read, 'v')}"
            )
            held = held_default(field)
            test = "is None" if held is None else f"== {self._name('d', held)}"
            write.append(
                f"        {field.name}=UNSET if (v := o.{field.name}) {test} "
                f"else {_apply(kind.write, 'v')},"
            )
        mirror = msgspec.defstruct(
            f"{cls.__name__}Mirror",
            fields,
            kw_only=True,
            forbid_unknown_fields=True,
            frozen=True,  # hashable: a period is kept by its mirror
            gc=False,
        )
        self._structs[cls] = mirror
        names = {"cls": cls, "iso": _dt.date.isoformat, "mirror": mirror}
        if cls not in self._readers:  # (periods are read in their own way)
            read = self._construct(cls, values)
            self._readers[cls] = compile_builder(read, {**self._names, **names})
        self._writers[cls] = compile_builder([*write, "    )"], {**self._names, **names})

    def _construct(self, cls: type, values: dict[str, str]) -> list[str]:
        """The reader that does what the class's attrs ``__init__`` does (see
        :func:`constructible`) while validators run: set every field, its converter applied;
        then run each field's validator (not where the value is plainly valid, see
        :data:`~neighborhood_pb.errors.validators.PLAINLY_VALID`); then
        ``__attrs_post_init__``. With attrs' validators disabled, records are read the
        generic way (:meth:`~neighborhood_pb.io.json_typed.DatasetCodec.read`)."""
        lines = ["def make(m):", "    o = new(cls)"]
        checks: list[str] = []
        for field in attrs.fields(cls):
            value = values[field.name]
            if field.converter is not None:
                value = f"{self._name('c', field.converter)}({value})"
            setter = self._name("set", _slot(cls, field.name))  # what object.__setattr__ finds
            lines.append(f"    {setter}(o, {value})")
            if field.validator is None:
                continue
            check = f"{self._name('val', field.validator)}(o, {self._name('a', field)}, v)"
            plain = PLAINLY_VALID.get(field.validator)
            test = f"if not ({plain.format(v='v')}): " if plain else ""
            checks += [f"    v = o.{field.name}", f"    {test}{check}"]
        lines += checks  # once every field is set, as attrs runs them
        if hasattr(cls, "__attrs_post_init__"):
            lines.append(f"    {self._name('post', cls.__attrs_post_init__)}(o)")
        return [*lines, "    return o"]

    def _given(self, field: attrs.Attribute[Any]) -> str:
        """The expression that gives a field left out its default, as ``__init__`` would
        take it (a factory called each time; a converter then applied by ``__init__``)."""
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return f"{self._name('f', default.factory)}()"
        return self._name("d", default)

    def _period_reader(self) -> Callable[[Any], Period]:
        """A period from its mirror, kept by its mirror as the converter keeps periods by their
        text (a few periods recur across a whole city)."""
        date = self._read.get_structure_hook(pendulum.Date)
        known = self._known_periods

        def read(m: Any) -> Period:
            end = None if m.end is UNSET or m.end is None else date(m.end, pendulum.Date)
            period = Period(start=date(m.start, pendulum.Date), end=end)
            if len(known) >= KNOWN_PERIODS:
                known.clear()
            known[m] = period
            return period

        return read


def held_default(field: attrs.Attribute[Any]) -> Any:
    """A field's default as its record holds it (a factory called, a converter applied): the
    writers of :mod:`neighborhood_pb.io.writers` leave out a value equal to it."""
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    if field.converter is not None and not isinstance(field.converter, attrs.Converter):
        default = field.converter(default)
    return default


def _plain_enum(hint: Any, read: cattrs.Converter, write: cattrs.Converter) -> bool:
    """Whether msgspec reads and writes members of ``hint`` as the converters do: an enum of
    distinct text values, read from its value and written as it."""
    if not (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return False
    members = list(hint)
    structure, unstructure = read.get_structure_hook(hint), write.get_unstructure_hook(hint)
    return (
        all(type(m.value) is str for m in members)
        and len({m.value for m in members}) == len(members)
        and all(structure(m.value, hint) is m and unstructure(m) == m.value for m in members)
    )


def _set_reader(items: tuple[Any, ...]) -> frozenset[Any]:
    """A set from its items, refused when one is there twice (the converter says which)."""
    made = frozenset(items)
    if len(made) != len(items):
        refuse()
    return made


def _each(template: str | None, into: str = "") -> str | None:
    """The expression that applies ``template`` to each item of ``{v}`` (a function named by
    itself mapped over them), the items gathered ``into`` a tuple or a list."""
    if template is None:
        return None
    name = template.removesuffix("({v})")
    if name.isidentifier():
        return f"{into or 'list'}(map({name}, {{v}}))"
    return f"{into}([{_apply(template, 'x')} for x in {{v}}])"


def _tuple_of(item: Any) -> Any:
    """The type ``tuple[item, ...]``."""
    return tuple.__class_getitem__((item, ...))


def constructible(cls: type) -> bool:
    """Whether a reader may do what ``cls.__init__`` does instead of calling it: a frozen
    attrs class whose fields are all slots and whose ``__init__`` attrs generated, without
    ``__attrs_pre_init__``, a cached hash, a converter that takes the instance or the field,
    or a default made from the instance."""
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    return (
        attrs.has(cls)
        and "__slots__" in vars(cls)
        and getattr(cls.__setattr__, "__name__", "") == "_frozen_setattrs"
        and init is not None
        and init.co_filename.startswith("<attrs generated")
        and not hasattr(cls, "__attrs_pre_init__")
        and "_attrs_cached_hash" not in getattr(cls, "__slots__", ())
        and all(
            field.init
            and not isinstance(field.converter, attrs.Converter)
            and not getattr(field.default, "takes_self", False)
            and _slot(cls, field.name) is not None
            for field in attrs.fields(cls)
        )
    )


def _slot(cls: type, name: str) -> Any:
    """The slot ``name`` of ``cls`` (its ``__set__`` sets it), or ``None`` when there is none."""
    for klass in cls.__mro__:
        found = vars(klass).get(name)
        if isinstance(found, types.MemberDescriptorType):
            return found.__set__
    return None
