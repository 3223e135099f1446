"""The ledger guard: a register change that would invalidate stored ledger entries is refused
before anything is written, and listed, unless the caller allows it."""

from __future__ import annotations

import attrs
import pytest
from ledger_world import CLAIM, COMMUNITY, REPORT, REVOKED_ON
from ledger_world import revoked as _revoked

from neighborhood_pb import DatasetContext
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.store import RegisterWriter, Store, StoreLedgerError, StoreRowError


def _assert_lists_the_claim(error: StoreLedgerError) -> None:
    assert error.rule == "store.ledger_broken"
    keys = [entry for entry, _, _ in error.entries]
    assert CLAIM.key in keys
    _, rule, why = next(item for item in error.entries if item[0] == CLAIM.key)
    assert rule == "claim.reported_member"
    assert CLAIM.member_id in why
    assert CLAIM.key in str(error)
    assert "台账" in error_text(error, "zh")


@pytest.fixture
def saved(store: Store) -> Store:
    store.save(COMMUNITY)
    return store


def test_a_register_command_that_breaks_entries_is_refused_and_writes_nothing(
    saved: Store,
) -> None:
    pen = RegisterWriter(saved, saved.build().tree)
    before = pen.tree.records()
    assert REPORT.period.end is None
    with pytest.raises(StoreLedgerError) as caught:
        pen.end_report(REPORT.id, REVOKED_ON)
    _assert_lists_the_claim(caught.value)
    assert pen.tree.records() == before
    assert saved.load() == COMMUNITY


def test_a_command_that_breaks_nothing_is_written(saved: Store) -> None:
    pen = RegisterWriter(saved, saved.build().tree)
    ended = pen.end_report(REPORT.id, "2026-12-31")  # after every entry of the claimant
    assert ended.period.end is not None
    assert saved.build().tree.records() == pen.tree.records()


def test_a_command_for_a_person_without_entries_reads_nothing_more(
    saved: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = {e.member_id for e in COMMUNITY.points.entries if hasattr(e, "member_id")}
    people |= {e.actor for e in COMMUNITY.points.entries}
    quiet = next(
        m
        for m in COMMUNITY.structure.memberships
        if m.person_id not in people and m.period.end is None
    )
    pen = RegisterWriter(saved, saved.build().tree)

    def refuse(*_: object) -> None:
        raise AssertionError("the guard read the whole dataset")

    monkeypatch.setattr("neighborhood_pb.io.store.register.read_dataset", refuse)
    ended = pen.end_membership(quiet.id, "2026-12-31")
    assert ended.period.end is not None
    with pytest.raises(AssertionError, match="whole dataset"):
        pen.end_report(REPORT.id, REVOKED_ON)  # the claimant's entries are checked


def test_allowed_the_command_is_written_and_the_lenient_build_lists_the_entries(
    saved: Store,
) -> None:
    pen = RegisterWriter(saved, saved.build().tree, allow_broken_ledger=True)
    pen.end_report(REPORT.id, REVOKED_ON)
    with pytest.raises(StoreRowError):
        saved.build()
    context = DatasetContext.build(saved.load(), ledger="lenient")
    assert CLAIM.key in {finding.subject for finding in context.ledger_findings}


def test_an_update_that_breaks_entries_is_refused_unless_allowed(saved: Store) -> None:
    with pytest.raises(StoreLedgerError) as caught:
        saved.update(_revoked)
    _assert_lists_the_claim(caught.value)
    assert saved.load() == COMMUNITY
    written = saved.update(_revoked, allow_broken_ledger=True)
    assert written == _revoked(COMMUNITY)
    assert saved.load() == written


def test_an_update_is_not_refused_for_entries_broken_before_it(saved: Store) -> None:
    saved.update(_revoked, allow_broken_ledger=True)
    retitled = saved.update(lambda current: attrs.evolve(current, title="清风社区"))
    assert retitled is not None
    assert saved.load().title == "清风社区"


def test_a_save_with_a_broken_ledger_is_refused_unless_allowed(store: Store) -> None:
    with pytest.raises(StoreLedgerError) as caught:
        store.save(_revoked(COMMUNITY))
    _assert_lists_the_claim(caught.value)
    with store.reading() as connection:
        assert not connection.dialect.has_table(connection, "settings")
    store.save(_revoked(COMMUNITY), allow_broken_ledger=True)
    assert store.load() == _revoked(COMMUNITY)
