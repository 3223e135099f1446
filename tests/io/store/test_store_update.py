"""Store.update: read, change and write the whole dataset in one write transaction, with
every other writer kept out until it ends."""

from __future__ import annotations

import threading

import attrs
import pytest
import sqlalchemy as sa
from ledger_world import COMMUNITY, claim, writer

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.store import Store, StoreError


def _count(store: Store) -> int:
    with store.reading() as connection:
        return int(connection.execute(sa.text("SELECT count(*) FROM ledger_entries")).scalar_one())


def test_the_change_is_written_and_nothing_when_it_gives_none_or_raises(store: Store) -> None:
    store.save(COMMUNITY)
    retitled = store.update(lambda current: attrs.evolve(current, title="清风社区（更新）"))
    assert retitled is not None
    assert store.load() == retitled
    assert store.load().title == "清风社区（更新）"
    seen: list[Dataset] = []
    assert store.update(lambda current: seen.append(current)) is None
    assert seen == [retitled]
    assert store.load() == retitled

    def refuse(current: Dataset) -> Dataset:
        raise ValueError("不写")

    with pytest.raises(ValueError, match="不写"):
        store.update(refuse)
    assert store.load() == retitled


def test_an_empty_store_is_refused_and_stays_empty(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.update(lambda current: current)
    assert caught.value.rule == "store.empty"
    with pytest.raises(StoreError):
        store.load()


def test_another_writer_waits_until_the_update_ends_and_nothing_is_lost(store: Store) -> None:
    store.save(COMMUNITY)
    pen = writer(store.url)  # type: ignore[arg-type]
    before = _count(store)
    appended = threading.Event()
    failure: list[BaseException] = []

    def append() -> None:
        try:
            pen.append(claim("during/1"))
            appended.set()
        except BaseException as exc:  # reported to the test below
            failure.append(exc)

    def change(current: Dataset) -> Dataset:
        thread.start()
        assert not appended.wait(1.0)  # kept out while the update holds the write lock
        return attrs.evolve(current, title="清风社区（月度更新）")

    thread = threading.Thread(target=append)
    store.update(change)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert failure == []
    assert appended.is_set()
    after = store.load()
    assert after.title == "清风社区（月度更新）"
    assert _count(store) == before + 1
    assert after.points.entries[-1].key == "during/1"
    pen.store.close()
