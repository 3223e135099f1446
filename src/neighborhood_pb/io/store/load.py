"""Loading a whole dataset (读取数据集) from the store's tables.

The tables are read back into the document they were saved from and structured strictly,
like a JSON file; a row that does not make a valid record is a
:class:`~neighborhood_pb.io.store.errors.StoreRowError` naming its table and row.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.io.json import structure_dataset
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.io.store.bulk import record_reader, select_rows, sql_names
from neighborhood_pb.io.store.errors import StoreRowError
from neighborhood_pb.io.store.migrations import require_current
from neighborhood_pb.io.store.schema import ENTRIES, RECORD_TABLES, SETTINGS, RecordTable

__all__ = ["Positions", "load_document", "located", "read_dataset"]

Positions = dict[tuple[str, str | None], tuple[str, list[int]]]
"""Where each list of the document came from: its table and the rows' keys, by index."""

_PATH = re.compile(r"^\$\.(\w+)(?:\.(\w+))?\[(\d+)\]")


def _place(document: dict[str, Any], table: RecordTable, records: list[Any]) -> None:
    section, key = table.path
    if key is None:
        document[section] = records
    else:
        document.setdefault(section, {})[key] = records


def load_document(
    connection: sa.Connection, progress: Progress = NO_PROGRESS
) -> tuple[dict[str, Any], Positions]:
    """The dataset document the tables hold, and where each record came from
    (``progress`` told of each table read).

    Raises:
        StoreError: nothing was saved in the database.
        StoreVersionError: a newer library wrote the tables.
    """
    require_current(connection)
    document: dict[str, Any] = {
        row.name: row.value for row in connection.execute(sa.select(SETTINGS))
    }
    positions: Positions = {}
    dialect = connection.dialect.name
    tables = (*RECORD_TABLES, ENTRIES)
    for table in tracked(progress, tables, "读取 loading", len(tables)):
        key, extra = ("seq", ["type"]) if table is ENTRIES else ("position", [])
        names = [key, *extra, *sql_names(table.columns)]
        rows = select_rows(connection, table.name, names, key)
        if not rows:
            continue
        read = record_reader(table.columns, dialect, 1 + len(extra))
        records = [read(row) for row in rows]
        if table is ENTRIES:
            for record, row in zip(records, rows, strict=True):
                record["type"] = row[1]
        _place(document, table, records)
        positions[table.path] = (table.name, [row[0] for row in rows])
    return document, positions


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
    document, positions = load_document(connection, progress)
    try:
        return structure_dataset(document), positions
    except StructuringError as exc:
        raise located(exc, exc.path, positions) from exc
