"""Rows in bulk (批量读写): whole tables written and read as plain tuples, straight through the
database driver.

Saving and loading a city moves hundreds of thousands of rows (written with ``COPY`` on
PostgreSQL, ``executemany`` on SQLite); SQLAlchemy's per-row parameter
and result processing would cost more than the database itself. Here each table gets two
functions generated once from its columns: one turns a record's JSON data into the tuple of
its row, the other a fetched tuple back into the JSON data (``NULL`` columns left out, so
that the record takes its default). The values are those SQLAlchemy would have written and
read: days as ISO text (``DATE`` on PostgreSQL), lists and nested records as JSON text,
``NULL`` for a field left out.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from neighborhood_pb.io.store.schema import Column, Kind

__all__ = ["copy_rows", "insert_rows", "record_reader", "row_writer", "select_rows"]

RowWriter = Callable[[Mapping[str, Any]], tuple[Any, ...]]
RecordReader = Callable[[Sequence[Any]], dict[str, Any]]

CHUNK = 50_000
"""Rows sent in one ``executemany``: large enough to be fast, small enough to stay lean."""

_NO_PERIOD: Mapping[str, Any] = {}


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_value(text: Any) -> Any:
    return None if text is None else json.loads(text)


def _boolean(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _day(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    return str(_dt.date.isoformat(value))


def sql_names(columns: tuple[Column, ...]) -> list[str]:
    """The SQL columns of record columns, in table order (a period gives two)."""
    names: list[str] = []
    for column in columns:
        if column.kind is Kind.PERIOD:
            names += [f"{column.name}_start", f"{column.name}_end"]
        else:
            names.append(column.name)
    return names


@functools.cache
def row_writer(columns: tuple[Column, ...]) -> RowWriter:
    """A function from a record's JSON data to the values of its row's columns, in
    :func:`sql_names` order."""
    lines, values = ["def write(record):", "    get = record.get"], []
    for n, column in enumerate(columns):
        name = repr(column.name)
        if column.kind is Kind.PERIOD:
            lines.append(f"    p{n} = get({name}) or NO_PERIOD")
            values += [f"p{n}.get('start')", f"p{n}.get('end')"]
        elif column.kind is Kind.JSON:
            values.append(f"json_text(get({name}))")
        else:
            values.append(f"get({name})")
    lines.append(f"    return ({', '.join(values)},)")
    write: RowWriter = _compiled(lines, "write", {"NO_PERIOD": _NO_PERIOD, "json_text": _json_text})
    return write


@functools.cache
def record_reader(columns: tuple[Column, ...], dialect: str, skip: int = 0) -> RecordReader:
    """A function from a fetched row (its first ``skip`` values aside) to the record's JSON
    data, as ``dialect``'s driver returns the values."""
    sqlite = dialect == "sqlite"
    convert = {
        Kind.JSON: "json_value" if sqlite else "",
        Kind.BOOLEAN: "boolean" if sqlite else "",
        Kind.DATE: "" if sqlite else "day",
    }
    lines, at = ["def read(row):", "    record = {}"], skip
    for column in columns:
        name = repr(column.name)
        if column.kind is Kind.PERIOD:
            start, end = (
                (f"row[{at}]", f"row[{at + 1}]")
                if sqlite
                else (
                    f"day(row[{at}])",
                    f"day(row[{at + 1}])",
                )
            )
            lines += [
                f"    start, end = {start}, {end}",
                "    if end is not None:",
                f"        record[{name}] = {{'start': start, 'end': end}}",
                "    elif start is not None:",
                f"        record[{name}] = {{'start': start}}",
            ]
            at += 2
        else:
            lines += [
                f"    value = {convert.get(column.kind, '')}(row[{at}])",
                "    if value is not None:",
                f"        record[{name}] = value",
            ]
            at += 1
    lines.append("    return record")
    names = {"json_value": _json_value, "boolean": _boolean, "day": _day}
    read: RecordReader = _compiled(lines, "read", names)
    return read


def _compiled(lines: list[str], name: str, names: dict[str, Any]) -> Any:
    namespace = dict(names)
    exec("\n".join(lines), namespace)
    return namespace[name]


def _quoted(connection: sa.Connection, names: Iterable[str]) -> str:
    quote = connection.dialect.identifier_preparer.quote
    return ", ".join(quote(name) for name in names)


def insert_rows(
    connection: sa.Connection, table: str, names: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples of the ``names`` columns) into ``table``: through ``COPY`` on
    PostgreSQL (:func:`copy_rows`), with the driver's ``executemany`` elsewhere."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table, names, rows)
        return
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {_quoted(connection, [table])} ({_quoted(connection, names)}) "
        f"VALUES ({', '.join(mark for _ in names)})"
    )
    for start in range(0, len(rows), CHUNK):
        connection.exec_driver_sql(statement, rows[start : start + CHUNK])


def copy_rows(
    connection: sa.Connection, table: str, names: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Send ``rows`` to ``table`` with PostgreSQL's ``COPY … FROM STDIN`` (psycopg 3's
    ``cursor.copy``), in the connection's transaction; the values are those ``executemany``
    would bind (days and JSON as text the server parses). A driver's error comes out as
    SQLAlchemy's."""
    statement = f"COPY {_quoted(connection, [table])} ({_quoted(connection, names)}) FROM STDIN"
    driver: Any = connection.connection.driver_connection  # a psycopg connection
    with (
        _driver_errors(connection, statement),
        driver.cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(row)


@contextlib.contextmanager
def _driver_errors(connection: sa.Connection, statement: str) -> Iterator[None]:
    """A driver's error raised inside as SQLAlchemy's ``DBAPIError`` for ``statement``."""
    dbapi = connection.dialect.loaded_dbapi
    try:
        yield
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(statement, None, exc, dbapi.Error) from exc


def select_rows(
    connection: sa.Connection, table: str, names: Sequence[str], order: str
) -> list[Any]:
    """Every row of ``table``: plain tuples of the ``names`` columns, in ``order``, fetched
    with the driver's own cursor (a driver's error comes out as SQLAlchemy's)."""
    statement = (
        f"SELECT {_quoted(connection, names)} FROM {_quoted(connection, [table])} "
        f"ORDER BY {_quoted(connection, [order])}"
    )
    cursor = connection.connection.cursor()
    try:
        with _driver_errors(connection, statement):
            cursor.execute(statement)
            return list(cursor.fetchall())
    finally:
        cursor.close()
