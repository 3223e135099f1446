"""Whole tables read and written through the driver (``COPY`` on PostgreSQL, ``executemany``
on SQLite): the same rows either way, values as SQLAlchemy keeps them, the driver's errors
typed."""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest
import sqlalchemy as sa
from ledger_world import COMMUNITY

from neighborhood_pb.io.json import dataset_converter
from neighborhood_pb.io.store import Store, StoreUnavailableError
from neighborhood_pb.io.store.bulk import row_writer
from neighborhood_pb.io.store.schema import RECORD_TABLES
from neighborhood_pb.structure import Report


def test_a_table_dropped_by_hand_is_a_typed_error(store: Store) -> None:
    store.save(COMMUNITY)
    with store.writing() as connection:
        connection.execute(sa.text("DROP TABLE reports"))
    with pytest.raises(StoreUnavailableError) as caught:
        store.load()
    assert caught.value.rule == "store.unavailable"
    assert "reports" in str(caught.value)


def test_the_rows_read_as_sqlalchemy_reads_them(store: Store) -> None:
    store.save(COMMUNITY)
    table = next(t.table for t in RECORD_TABLES if t.name == "reports")
    with store.reading() as connection:
        rows = connection.execute(
            sa.select(table.c.channels, table.c.period_end).order_by(table.c.position)
        ).all()
    converter = dataset_converter(redact_personal=False)
    documents = [converter.unstructure(r, Report) for r in COMMUNITY.structure.reports]
    expected = [(d.get("channels"), d["period"].get("end")) for d in documents]
    assert [tuple(row) for row in rows] == expected
    assert any(channels is None for channels, _ in expected)
    assert any(channels is not None for channels, _ in expected)
    assert store.load() == COMMUNITY


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(store: Store, enabled: bool) -> None:
    seen = []
    original = Store.writing

    def watched(self: Store) -> object:
        seen.append(gc.isenabled())
        return original(self)

    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Store, "writing", watched)
            store.save(COMMUNITY)
        assert store.load() == COMMUNITY
        with store.writing() as connection:
            connection.execute(sa.text("DROP TABLE reports"))
        with pytest.raises(StoreUnavailableError):
            store.build()
        assert gc.isenabled() is enabled
        assert seen == [False]
    finally:
        gc.enable()


@pytest.mark.parametrize("order", ["nested", "interleaved"])
def test_overlapping_moves_turn_the_collector_back_on_after_the_last(order: str) -> None:
    from neighborhood_pb.io.store.store import bulk

    gc.enable()
    first, second = bulk(), bulk()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    ending = (second, first) if order == "nested" else (first, second)
    ending[0].__exit__(None, None, None)
    assert not gc.isenabled()  # another move is still under way
    ending[1].__exit__(None, None, None)
    assert gc.isenabled()


def test_postgresql_saves_through_copy_and_sqlite_through_executemany(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import neighborhood_pb.io.store.bulk as bulk_module

    copied: list[str] = []
    original = bulk_module.copy_rows

    def watched(connection: sa.Connection, table: str, *rest: Any) -> None:
        copied.append(table)
        original(connection, table, *rest)

    monkeypatch.setattr(bulk_module, "copy_rows", watched)
    store.save(COMMUNITY)
    postgres = store.engine.dialect.name == "postgresql"
    assert ("reports" in copied) is postgres
    assert ("ledger_entries" in copied) is postgres
    assert bool(copied) is postgres


def test_every_table_holds_the_same_rows_on_either_path(store: Store) -> None:
    store.save(COMMUNITY)
    converter = dataset_converter(redact_personal=False)
    for table in RECORD_TABLES:
        section, key = table.path
        part = getattr(COMMUNITY, section)
        records = part if key is None else getattr(part, key)
        if not records:
            continue
        assert table.record is not None
        write = row_writer(table.columns)
        expected = [
            (position, *write(converter.unstructure(record, table.record)))
            for position, record in enumerate(records)
        ]
        with store.reading() as connection:
            stored = connection.execute(
                sa.select(table.table).order_by(table.table.c.position)
            ).all()
        assert [tuple(row) for row in stored] == [_as_read(row) for row in expected]
    assert store.load() == COMMUNITY


def _as_read(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A written row as SQLAlchemy's column types read it back (JSON text parsed)."""
    return tuple(json.loads(v) if isinstance(v, str) and v[:1] in "[{" else v for v in row)
