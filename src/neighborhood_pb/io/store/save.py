"""Saving a whole dataset (保存数据集) into the store's tables, in the caller's transaction.

The document is the one :func:`~neighborhood_pb.io.json.unstructure_dataset` writes with
personal data whole (a masked dataset is refused: a masked phone is not a phone); each list
of records goes to its table in bulk (the driver's ``executemany`` of plain tuples), the rest
to ``settings``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.json import unstructure_dataset
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.io.store.bulk import insert_rows, row_writer
from neighborhood_pb.io.store.rows import row_maker
from neighborhood_pb.io.store.schema import ENTRIES, METADATA, RECORD_TABLES, SETTINGS, RecordTable

__all__ = ["entry_row", "save_document"]


def _take(document: dict[str, Any], table: RecordTable) -> list[Any]:
    """Remove the table's records from ``document`` and return them."""
    section, key = table.path
    if key is None:
        records: list[Any] = document.pop(section, [])
        return records
    part = document.get(section)
    if not isinstance(part, dict):
        return []
    taken: list[Any] = part.pop(key, [])
    return taken


def save_document(
    connection: sa.Connection, dataset: Dataset, progress: Progress = NO_PROGRESS
) -> None:
    """Replace whatever the tables hold with ``dataset`` (``progress`` told of each table).

    Raises:
        MaskedDatasetError: the dataset holds masked values.
    """
    document = unstructure_dataset(dataset, redact_personal=False)
    for table in reversed(METADATA.sorted_tables):
        if table.name != "schema_version":
            connection.execute(sa.delete(table))
    tables = tracked(progress, RECORD_TABLES, "保存 saving", len(RECORD_TABLES))
    for record_table in tables:
        write = row_writer(record_table.columns)
        rows = [
            (position, *write(record))
            for position, record in enumerate(_take(document, record_table))
        ]
        _insert(connection, record_table.table, rows)
    write = row_writer(ENTRIES.columns)
    rows = [
        (seq, record["type"], *write(record))
        for seq, record in enumerate(_take(document, ENTRIES), start=1)
    ]
    _insert(connection, ENTRIES.table, rows)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('ledger_entries', 'seq'), "
            "(SELECT coalesce(max(seq), 0) + 1 FROM ledger_entries), false)"
        )
    settings = [{"name": name, "value": value} for name, value in document.items()]
    if settings:
        connection.execute(sa.insert(SETTINGS), settings)


def _insert(connection: sa.Connection, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows``, tuples of every column of ``table`` in its order."""
    insert_rows(connection, table.name, [column.name for column in table.columns], rows)


_ENTRY_ROW = row_maker(ENTRIES.columns)


def entry_row(record: dict[str, Any]) -> dict[str, Any]:
    """The ``ledger_entries`` row of one entry's JSON data (``seq`` left to the database)."""
    row = _ENTRY_ROW(record)
    row["type"] = record["type"]
    return row
