"""Bad databases and bad URLs: typed errors naming table, row and rule; nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import attrs
import pytest
import sqlalchemy as sa
from ledger_world import COMMUNITY

from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.io.json import dumps_dataset, load_dataset, loads_dataset
from neighborhood_pb.io.store import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    StoreRowError,
    StoreUnavailableError,
    StoreVersionError,
    is_database_url,
    store_url,
)

STREET = load_dataset(Path(__file__).parents[3] / "src/neighborhood_pb/samples/street.json")


def test_postgresql_urls_are_read_as_psycopg() -> None:
    assert store_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert store_url("sqlite:///x.db").drivername == "sqlite+pysqlite"
    assert is_database_url("sqlite:///x.db")
    assert not is_database_url("city.json")


@pytest.mark.parametrize("url", ["mysql://u@h/db", "oracle+cx://u@h", "not a url"])
def test_an_unknown_dialect_is_refused(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert caught.value.rule == "store.url"


def test_an_unreachable_server_is_a_typed_error() -> None:
    with pytest.raises(StoreUnavailableError) as caught:
        Store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2").load()
    assert caught.value.rule == "store.unavailable"
    assert isinstance(caught.value, NeighborhoodPBError)


def test_a_file_that_is_not_a_database_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "city.db"
    path.write_bytes(b"this is not a database at all, just some text" * 100)
    with pytest.raises(StoreUnavailableError) as caught:
        Store(f"sqlite:///{path}").load()
    assert caught.value.rule == "store.corrupt"


def test_a_locked_file_is_a_typed_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "city.db"
    Store(f"sqlite:///{path}").save(STREET)
    monkeypatch.setattr("neighborhood_pb.io.store.urls.BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailableError) as caught:
            Store(f"sqlite:///{path}").save(COMMUNITY)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.rule == "store.locked"
    assert Store(f"sqlite:///{path}").load() == STREET


def test_an_empty_database_holds_no_dataset(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.load()
    assert caught.value.rule == "store.empty"


def test_a_newer_schema_version_is_refused(store: Store) -> None:
    store.save(STREET)
    with store.writing() as connection:
        connection.execute(
            sa.text("UPDATE schema_version SET version = :v"), {"v": SCHEMA_VERSION + 1}
        )
    for action in (store.load, lambda: store.save(STREET), store.migrate):
        with pytest.raises(StoreVersionError) as caught:
            action()
        assert caught.value.rule == "store.version"


def test_a_migrated_store_is_left_alone(store: Store) -> None:
    store.migrate()
    store.migrate()
    store.save(STREET)
    assert store.load() == STREET


def test_a_duplicate_key_edited_in_names_table_and_row(store: Store) -> None:
    store.save(STREET)
    with store.writing() as connection:
        first = connection.execute(sa.text("SELECT id FROM territories WHERE position = 0"))
        connection.execute(
            sa.text("UPDATE territories SET id = :id WHERE position = 3"),
            {"id": first.scalar_one()},
        )
    assert store.load().structure.territories[3].id == STREET.structure.territories[0].id
    with pytest.raises(StoreRowError) as caught:
        store.build()
    assert (caught.value.table, caught.value.row) == ("territories", 3)
    assert caught.value.error.rule


def test_a_row_that_makes_no_record_names_table_and_row(store: Store) -> None:
    store.save(STREET)
    with store.writing() as connection:
        connection.execute(sa.text("UPDATE people SET name = NULL WHERE position = 2"))
    with pytest.raises(StoreRowError) as caught:
        store.load()
    assert (caught.value.table, caught.value.row, caught.value.rule) == ("people", 2, "store.row")
    assert "name" in str(caught.value)


def test_a_refused_save_writes_nothing(store: Store) -> None:
    store.save(STREET)
    masked = loads_dataset(dumps_dataset(COMMUNITY))  # phones masked: not saved as whole
    with pytest.raises(NeighborhoodPBError):
        store.save(masked)
    assert store.load() == STREET


def test_a_save_failing_half_way_writes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(STREET)
    import neighborhood_pb.io.store.save as save

    calls = []

    def failing(connection: sa.Connection, table: sa.Table, rows: list[object]) -> None:
        calls.append(table.name)
        if table.name == "ledger_entries":
            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        original(connection, table, rows)  # type: ignore[arg-type]

    original = save._insert
    monkeypatch.setattr(save, "_insert", failing)
    with pytest.raises(StoreUnavailableError):
        store.save(attrs.evolve(COMMUNITY))
    assert "territories" in calls
    monkeypatch.undo()
    assert store.load() == STREET
