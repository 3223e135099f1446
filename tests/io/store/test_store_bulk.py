"""Whole tables read and written through the driver: values as SQLAlchemy keeps them, and
the driver's errors typed."""

from __future__ import annotations

import gc

import pytest
import sqlalchemy as sa
from ledger_world import COMMUNITY

from neighborhood_pb.io.json import dataset_converter
from neighborhood_pb.io.store import Store, StoreUnavailableError
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
