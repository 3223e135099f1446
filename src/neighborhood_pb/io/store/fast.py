"""Records straight from rows (行直接成记录): the fast path of a whole-table load.

Loading a city spends most of its time turning rows into records. The strict path builds
each record's JSON data from its row and structures it with ``cattrs``; here a function per
table, generated once from the record's attrs fields, calls the very hooks ``cattrs`` would
call, field by field, on the fetched values and builds the record with them: no dictionary,
no generated ``cattrs`` code in between. A ``NULL`` column is left out (the field takes its
default), as the strict path does.

The fast path never decides what is valid: every value goes through the converter's own
hook and every record through its own validators. Anything it does not take as plainly valid
(a ``NULL`` where the field has no default, a value a hook refuses, a record that refuses
its fields) raises (:class:`Refused`, or the refusal itself); the caller then reads the
rows with the strict path, which accepts them or reports the error it always reported.
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import cattrs

from neighborhood_pb.io.builders import Refused, compile_builder, structured_value
from neighborhood_pb.io.json import dataset_converter
from neighborhood_pb.io.store.schema import Column, Kind

__all__ = ["RecordBuilder", "Refused", "record_builder"]

RecordBuilder = Callable[[Sequence[Any]], Any]
"""A fetched row (its leading key columns aside) to a record."""


@functools.cache
def _converter() -> cattrs.Converter:
    return dataset_converter(redact_personal=False, detailed_validation=False)


@functools.cache
def record_builder(
    cls: type, columns: tuple[Column, ...], dialect: str, skip: int = 0
) -> RecordBuilder:
    """A function from a row of ``cls``'s table, as ``dialect``'s driver returns it (its
    first ``skip`` values aside), to the record; for a row it does not take it raises
    :class:`Refused` or the error of the hook or validator that refused a value (no
    try block per row: the caller catches around the whole table).

    The values are read as :func:`~neighborhood_pb.io.store.bulk.record_reader` reads them
    (JSON text parsed on SQLite, days as ISO text, flags as booleans), then structured with
    the hook of the field's type.
    """
    converter = _converter()
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in attrs.fields(cls)}
    sqlite = dialect == "sqlite"
    names: dict[str, Any] = {
        "cls": cls,
        "json_value": json.loads,
        "day": _iso_day,
    }
    lines, at = ["def make(row):", "    kw = {}"], skip
    for n, column in enumerate(columns):
        field = fields[column.name]
        hint = hints[column.name]
        structured = structured_value(n, hint, converter, names)
        required = field.default is attrs.NOTHING
        key = repr(field.alias)
        if column.kind is Kind.PERIOD:
            start, end = f"row[{at}]", f"row[{at + 1}]"
            if not sqlite:
                start, end = f"day({start})", f"day({end})"
            names[f"p{n}"] = _periods(names[f"h{n}"], hint)
            lines += [
                f"    s, e = {start}, {end}",
                "    if s is not None or e is not None:",
                f"        kw[{key}] = p{n}(s, e)",
            ]
            if required:
                lines.append(f"    if {key} not in kw: refuse()")
            at += 2
            continue
        value = f"row[{at}]"
        if column.kind is Kind.JSON and sqlite:
            value = f"json_value(v) if (v := {value}) is not None else None"
        elif column.kind is Kind.BOOLEAN and sqlite:
            value = f"bool(v) if (v := {value}) is not None else None"
        elif column.kind is Kind.DATE and not sqlite:
            value = f"day({value})"
        lines.append(f"    v = {value}")
        lines += ["    if v is not None:", f"        kw[{key}] = {structured}"]
        if required:
            lines.append("    else: refuse()")
        at += 1
    lines.append("    return cls(**kw)")
    make: RecordBuilder = compile_builder(lines, names)
    return make


def _periods(hook: Any, hint: Any) -> Callable[[Any, Any], Any]:
    """A period from its two columns, through the period hook, remembered by its days
    (a city repeats a few periods across hundreds of thousands of rows)."""

    @functools.lru_cache(maxsize=4096)
    def period(start: Any, end: Any) -> Any:
        data = {"start": start} if end is None else {"start": start, "end": end}
        return hook(data, hint)

    return period


def _iso_day(value: Any) -> Any:
    """A day as the strict path reads it (``DATE`` values as ISO text)."""
    return value if value is None or type(value) is str else value.isoformat()
