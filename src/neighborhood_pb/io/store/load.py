"""Loading a whole dataset (读取数据集) from the store's tables.

Every table is fetched once. The records are first built straight from their rows
(:mod:`~neighborhood_pb.io.store.fast`); when anything is not plainly valid, the tables are
read back into the document they were saved from and structured strictly, like a JSON
file, so that a row that does not make a valid record is a
:class:`~neighborhood_pb.io.store.errors.StoreRowError` naming its table and row, as it
always was.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import sqlalchemy as sa

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.io.json import structure_dataset
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.io.store.bulk import record_reader, select_rows, sql_names
from neighborhood_pb.io.store.errors import StoreRowError
from neighborhood_pb.io.store.fast import record_builder
from neighborhood_pb.io.store.migrations import require_current
from neighborhood_pb.io.store.schema import ENTRIES, RECORD_TABLES, SETTINGS, RecordTable

__all__ = [
    "Fetched",
    "Positions",
    "document_of",
    "fast_dataset",
    "fetch_tables",
    "load_document",
    "located",
    "read_dataset",
]

Positions = dict[tuple[str, str | None], tuple[str, list[int]]]
"""Where each list of the document came from: its table and the rows' keys, by index."""

_PATH = re.compile(r"^\$\.(\w+)(?:\.(\w+))?\[(\d+)\]")


def _place(document: dict[str, Any], table: RecordTable, records: list[Any]) -> None:
    section, key = table.path
    if key is None:
        document[section] = records
    else:
        document.setdefault(section, {})[key] = records


Fetched = list[tuple[RecordTable, list[Any]]]
"""Every non-empty table's rows as the driver fetched them: key, (type,) then the columns."""


def fetch_tables(
    connection: sa.Connection, progress: Progress = NO_PROGRESS
) -> tuple[dict[str, Any], Fetched, Positions]:
    """The ``settings`` rows by name, every table's rows, and where each record came from
    (``progress`` told of each table read).

    Raises:
        StoreError: nothing was saved in the database.
        StoreVersionError: a newer library wrote the tables.
    """
    require_current(connection)
    settings: dict[str, Any] = {
        row.name: row.value for row in connection.execute(sa.select(SETTINGS))
    }
    fetched: Fetched = []
    positions: Positions = {}
    tables = (*RECORD_TABLES, ENTRIES)
    for table in tracked(progress, tables, "读取 loading", len(tables)):
        key, extra = ("seq", ["type"]) if table is ENTRIES else ("position", [])
        rows = select_rows(connection, table.name, [key, *extra, *sql_names(table.columns)], key)
        if rows:
            fetched.append((table, rows))
            positions[table.path] = (table.name, [row[0] for row in rows])
    return settings, fetched, positions


def _data(table: RecordTable, rows: list[Any], dialect: str) -> list[dict[str, Any]]:
    """The JSON data of a table's records, as the strict path structures them."""
    if table is not ENTRIES:
        read = record_reader(table.columns, dialect, 1)
        return [read(row) for row in rows]
    read = record_reader(table.columns, dialect, 2)
    records = []
    for row in rows:
        record = read(row)
        record["type"] = row[1]
        records.append(record)
    return records


def document_of(settings: dict[str, Any], fetched: Fetched, dialect: str) -> dict[str, Any]:
    """The dataset document of fetched tables: every record as its JSON data."""
    document = dict(settings)
    for table, rows in fetched:
        _place(document, table, _data(table, rows, dialect))
    return document


def load_document(
    connection: sa.Connection, progress: Progress = NO_PROGRESS
) -> tuple[dict[str, Any], Positions]:
    """The dataset document the tables hold, and where each record came from
    (``progress`` told of each table read).

    Raises:
        StoreError: nothing was saved in the database.
        StoreVersionError: a newer library wrote the tables.
    """
    settings, fetched, positions = fetch_tables(connection, progress)
    return document_of(settings, fetched, connection.dialect.name), positions


def fast_dataset(settings: dict[str, Any], fetched: Fetched, dialect: str) -> Dataset | None:
    """The dataset of fetched tables with every record built straight from its row
    (:mod:`~neighborhood_pb.io.store.fast`), or ``None`` when anything is not plainly
    valid: the strict path then reads it and says why."""
    built: dict[tuple[str, str | None], tuple[Any, ...]] = {}
    rest = []
    for table, rows in fetched:
        if table.record is None:
            rest.append((table, rows))
            continue
        build = record_builder(table.record, table.columns, dialect, 1)
        try:
            built[table.path] = tuple([build(row) for row in rows])
        except Exception:  # Refused, or a hook's or a validator's refusal
            return None
    try:
        dataset = structure_dataset(document_of(settings, rest, dialect))
        sections: dict[str, dict[str, tuple[Any, ...]]] = {}
        top: dict[str, Any] = {}
        for (section, key), records in built.items():
            if key is None:
                top[section] = records
            else:
                sections.setdefault(section, {})[key] = records
        for section, changes in sections.items():
            top[section] = attrs.evolve(getattr(dataset, section), **changes)
        return attrs.evolve(dataset, **top)
    except Exception:  # the strict path reads the document again and says what is wrong
        return None


def located(error: NeighborhoodPBError, path: str, positions: Positions) -> NeighborhoodPBError:
    """``error`` as a :class:`StoreRowError` when ``path`` names a record of a table."""
    match = _PATH.match(path)
    if match is None:
        return error
    section, key, index = match.group(1), match.group(2), int(match.group(3))
    place = positions.get((section, key)) or positions.get((section, None))
    if place is None or index >= len(place[1]):
        return error
    table, rows = place
    return StoreRowError(table, rows[index], error)


def read_dataset(
    connection: sa.Connection, progress: Progress = NO_PROGRESS
) -> tuple[Dataset, Positions]:
    """The dataset the tables hold, structured strictly (``progress`` told of each table).

    Raises:
        StoreRowError: a row does not make a valid record.
        StoreError: nothing was saved.
    """
    settings, fetched, positions = fetch_tables(connection, progress)
    dialect = connection.dialect.name
    dataset = fast_dataset(settings, fetched, dialect)
    if dataset is not None:
        return dataset, positions
    document = document_of(settings, fetched, dialect)
    try:
        return structure_dataset(document), positions
    except StructuringError as exc:
        raise located(exc, exc.path, positions) from exc
