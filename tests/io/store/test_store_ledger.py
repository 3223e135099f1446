"""Ledger entries appended one transaction at a time, by one writer or by several processes."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import attrs
import pytest
import sqlalchemy as sa
from ledger_world import COMMUNITY, append_many, approval, claim, writer

from neighborhood_pb import ConflictError, RuleViolationError
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.io.store import LedgerWriter, Store, StoreConflictError, StoreRowError
from neighborhood_pb.points import Ledger


def _count(store: Store) -> int:
    with store.reading() as connection:
        return int(connection.execute(sa.text("SELECT count(*) FROM ledger_entries")).scalar_one())


def _state(ledger: Ledger) -> object:
    return ledger.entries(), ledger.standings.snapshot()


def test_an_accepted_entry_is_stored_and_reloads(store: Store) -> None:
    store.save(COMMUNITY)
    pen = writer(store.url)  # type: ignore[arg-type]
    before = _count(store)
    pen.append(claim("new/1"))
    pen.append(approval("new/1"))
    assert _count(store) == before + 2
    reloaded = store.build().ledger
    assert reloaded is not None
    assert _state(reloaded) == _state(pen.ledger)
    assert reloaded.balance(claim("x").member_id) == pen.ledger.balance(claim("x").member_id)
    pen.store.close()


def test_a_resubmitted_entry_writes_nothing(store: Store) -> None:
    store.save(COMMUNITY)
    pen = writer(store.url)  # type: ignore[arg-type]
    first = pen.append(claim("new/1"))
    count = _count(store)
    assert pen.append(claim("new/1")) is first
    assert _count(store) == count
    with pytest.raises(ConflictError):
        pen.append(attrs.evolve(claim("new/1"), note="另一条"))
    assert _count(store) == count
    pen.store.close()


def test_a_refused_entry_writes_nothing_and_changes_nothing(store: Store) -> None:
    store.save(COMMUNITY)
    pen = writer(store.url)  # type: ignore[arg-type]
    before, count = _state(pen.ledger), _count(store)
    with pytest.raises(RuleViolationError):
        pen.append(attrs.evolve(claim("new/1"), member_id="nobody"))
    assert (_state(pen.ledger), _count(store)) == (before, count)
    pen.store.close()


def test_a_key_another_writer_took_is_a_typed_error(store: Store) -> None:
    store.save(COMMUNITY)
    mine, theirs = writer(store.url), writer(store.url)  # type: ignore[arg-type]
    theirs.append(claim("taken"))
    before = _state(mine.ledger)
    with pytest.raises(ConflictError):  # caught up first: the ledger refuses a changed entry
        mine.append(attrs.evolve(claim("taken"), note="mine"))
    assert mine.ledger.entry("taken") == claim("taken")  # caught up, not changed by the refusal
    assert len(mine.ledger.entries()) == len(before[0]) + 1  # type: ignore[index]
    mine.store.close()
    theirs.store.close()


def test_a_row_the_database_refuses_is_a_store_conflict(store: Store) -> None:
    store.save(COMMUNITY)
    pen = writer(store.url)  # type: ignore[arg-type]
    with store.writing() as connection:  # a writer that does not take the lock, same seq seen
        connection.execute(
            sa.text(
                "INSERT INTO ledger_entries (type, key, at, actor) VALUES ('Claim', 'k', '', '')"
            )
        )
    pen.seen += 1  # pretend the row was already applied, so the key clash reaches the database
    before = _state(pen.ledger)
    with pytest.raises(StoreConflictError) as caught:
        pen.append(claim("k"))
    assert (caught.value.table, caught.value.key, caught.value.rule) == (
        "ledger_entries",
        "k",
        "store.key_taken",
    )
    assert _state(pen.ledger) == before
    pen.store.close()


def test_a_stored_entry_the_ledger_refuses_names_its_row(store: Store) -> None:
    store.save(COMMUNITY)
    other = writer(store.url)  # type: ignore[arg-type]
    with store.writing() as connection:  # an approval of nothing, written by hand
        last = connection.execute(
            sa.text(
                "INSERT INTO ledger_entries (type, key, claim_key, at, actor) VALUES "
                "('Approval', 'a/nothing', 'nothing', '2026-10-30T09:00:00+08:00', 'QS-P01') "
                "RETURNING seq"
            )
        ).scalar_one()
    before = _state(other.ledger)
    with pytest.raises(StoreRowError) as caught:
        other.sync()
    assert (caught.value.table, caught.value.row, caught.value.rule) == (
        "ledger_entries",
        last,
        "store.row",
    )
    assert "nothing" in str(caught.value)
    assert _state(other.ledger) == before
    with pytest.raises(StoreRowError) as built:
        store.build()
    assert (built.value.table, built.value.row) == ("ledger_entries", last)
    other.store.close()


def test_an_empty_ledger_gets_its_first_entry(store: Store) -> None:
    dataset = attrs.evolve(COMMUNITY, points=attrs.evolve(COMMUNITY.points, entries=()))
    store.save(dataset)
    context = DatasetContext.build(dataset)
    ledger = Ledger(dataset.points.catalogue, context.tree, context.appointments)
    pen = LedgerWriter(store, ledger)
    assert pen.seen == 0
    pen.append(claim("first"))
    assert pen.seen == 1
    assert pen.sync() == 0


@pytest.mark.parametrize("processes", [2])
def test_parallel_writers_lose_nothing_and_count_nothing_twice(
    store: Store, processes: int
) -> None:
    store.save(COMMUNITY)
    count, shared = 15, 5
    context = multiprocessing.get_context("spawn")
    # An executor, not a Pool: a worker that dies or raises fails the test, never hangs it.
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = [
            pool.submit(append_many, store.url, f"p{n}", count, shared) for n in range(processes)
        ]
        results = [future.result(timeout=300) for future in futures]
    written = {key for keys in results for key in keys}
    assert len(written) == processes * count * 2 + shared
    ledger = store.build().ledger
    assert ledger is not None
    stored = [entry.key for entry in ledger.entries()]
    assert len(stored) == len(set(stored))
    assert written <= set(stored)
    assert _count(store) == len(COMMUNITY.points.entries) + len(written)
    recomputed = Ledger.from_entries(
        COMMUNITY.points.catalogue,
        ledger.tree,
        ledger.authority,
        [*COMMUNITY.points.entries, *_written_in_order(store, len(COMMUNITY.points.entries))],
        shelf=ledger.shelf,
    )
    assert recomputed.standings.snapshot() == ledger.standings.snapshot()
    assert ledger.audit() == ()
    member = claim("x").member_id
    base = DatasetContext.build(COMMUNITY).ledger
    assert base is not None
    points = ledger.catalogue.item(claim("x").item_code, claim("x").service_date).points
    assert ledger.balance(member) == base.balance(member) + processes * count * points


def _written_in_order(store: Store, skip: int) -> list[object]:
    dataset = store.load()
    return list(dataset.points.entries[skip:])


def test_a_ledger_built_before_another_writer_appended_catches_up(store: Store) -> None:
    store.save(COMMUNITY)
    ledger = store.build().ledger
    assert ledger is not None
    other = writer(store.url)  # type: ignore[arg-type]
    other.append(claim("shared/0"))  # after the ledger was built, before its writer opened
    late = LedgerWriter(store, ledger)
    assert late.seen == len(COMMUNITY.points.entries)
    assert late.append(claim("shared/0")) == other.ledger.entry("shared/0")
    assert _count(store) == len(COMMUNITY.points.entries) + 1
    assert _state(late.ledger) == _state(other.ledger)
    other.store.close()


def test_a_ledger_that_is_not_the_stored_prefix_is_refused(store: Store) -> None:
    store.save(COMMUNITY)
    pen = writer(store.url)  # type: ignore[arg-type]
    pen.ledger.append(claim("memory/only"))  # held in memory, never written
    with pytest.raises(StoreConflictError) as caught:
        LedgerWriter(store, pen.ledger)
    assert caught.value.rule == "store.ledger_not_stored"
    assert caught.value.key == "memory/only"
    assert "nothing" in str(caught.value)
    pen.store.close()


def test_a_writer_over_a_ledger_built_before_another_append_catches_up(store: Store) -> None:
    store.save(COMMUNITY)
    stale = store.build().ledger
    assert stale is not None
    first = writer(store.url)  # type: ignore[arg-type]
    first.append(claim("race/1"))
    late = LedgerWriter(store, stale)
    assert late.seen == first.seen - 1
    late.append(approval("race/1"))
    assert _state(late.ledger) == _state(store.build().ledger)  # type: ignore[arg-type]
    first.store.close()
