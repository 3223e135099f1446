"""Records as rows and rows as records (行与记录): the document's JSON values, column by
column, with nothing lost.

Fields left out of the document (their default) are ``NULL``; reading leaves a ``NULL``
field out again, so that the record takes its default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from neighborhood_pb.io.store.schema import Column, Kind

__all__ = ["record_maker", "row_maker"]

Row = dict[str, Any]


def row_maker(columns: tuple[Column, ...]) -> Callable[[Mapping[str, Any]], Row]:
    """A fast :func:`row_from_record` for many records of one kind."""
    plain = [column.name for column in columns if column.kind is not Kind.PERIOD]
    periods = [column.name for column in columns if column.kind is Kind.PERIOD]
    names = [(name, f"{name}_start", f"{name}_end") for name in periods]

    def make(record: Mapping[str, Any]) -> Row:
        get = record.get
        row = {name: get(name) for name in plain}
        for name, start, end in names:
            period = get(name)
            if period is None:
                row[start] = row[end] = None
            else:
                row[start] = period.get("start")
                row[end] = period.get("end")
        return row

    return make


def record_maker(columns: tuple[Column, ...]) -> Callable[[Mapping[Any, Any]], dict[str, Any]]:
    """The JSON data of a record from its row (``NULL`` columns left out)."""
    plain = [column.name for column in columns if column.kind is not Kind.PERIOD]
    names = [
        (column.name, f"{column.name}_start", f"{column.name}_end")
        for column in columns
        if column.kind is Kind.PERIOD
    ]

    def make(row: Mapping[Any, Any]) -> dict[str, Any]:
        record = {name: row[name] for name in plain if row[name] is not None}
        for name, start, end in names:
            if row[start] is not None or row[end] is not None:
                period = {"start": row[start]}
                if row[end] is not None:
                    period["end"] = row[end]
                record[name] = period
        return record

    return make
