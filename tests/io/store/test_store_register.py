"""Memberships and reports (报到) added and end-dated one transaction at a time."""

from __future__ import annotations

import attrs
import pytest
import sqlalchemy as sa
from ledger_world import COMMUNITY

from neighborhood_pb import (
    ConflictError,
    Dataset,
    InvalidRecordError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.calendar import Period
from neighborhood_pb.io.store import RegisterWriter, Store, StoreConflictError
from neighborhood_pb.io.store.errors import StoreUnavailableError
from neighborhood_pb.structure import Membership, Report, ReportChannel

MEMBERSHIP = COMMUNITY.structure.memberships[0]
ENDED_REPORT = next(r for r in COMMUNITY.structure.reports if r.period.end is not None)
OPEN_REPORT = next(r for r in COMMUNITY.structure.reports if r.period.end is None)
OTHER_ORG = next(m.org_id for m in COMMUNITY.structure.memberships if m.org_id != MEMBERSHIP.org_id)


def moved(new_id: str = "QS-M100") -> Membership:
    """The first member's new membership in another branch, from 2026-11-02."""
    return attrs.evolve(MEMBERSHIP, id=new_id, org_id=OTHER_ORG, period=Period(start="2026-11-02"))


def reported(new_id: str = "QS-R100") -> Report:
    """A new report by the member whose report ended, from 2026-01-05."""
    return attrs.evolve(
        ENDED_REPORT,
        id=new_id,
        period=Period(start="2026-01-05"),
        channels=frozenset({ReportChannel.OFFLINE}),
    )


def register_writer(store: Store) -> RegisterWriter:
    """A writer over the tree built from ``store``."""
    return RegisterWriter(store, store.build().tree)


@pytest.fixture
def saved(store: Store) -> Store:
    store.save(COMMUNITY)
    return store


def test_accepted_commands_are_stored_and_reload_equal(saved: Store) -> None:
    pen = register_writer(saved)
    ended = pen.end_membership(MEMBERSHIP.id, "2026-11-02", "transfer")
    assert ended.period.end is not None
    assert ended.end_reason == "transfer"
    assert pen.add_membership(moved()) == moved()
    assert pen.add_report(reported()) == reported()
    revoked = pen.end_report(OPEN_REPORT.id, "2026-11-03")
    assert revoked.period.end is not None
    assert revoked.period.end.isoformat() == "2026-11-03"
    stored = saved.build().tree.records()
    assert stored == pen.tree.records()
    assert stored.memberships[-1] == moved()
    assert stored.reports[-1] == reported()
    assert stored != COMMUNITY.structure


@pytest.mark.parametrize(
    "command",
    [
        lambda pen: pen.add_membership(moved()),  # overlaps the open formal membership
        lambda pen: pen.add_membership(attrs.evolve(moved(), person_id="nobody")),
        lambda pen: pen.add_membership(attrs.evolve(moved(), id=MEMBERSHIP.id)),
        lambda pen: pen.add_report(attrs.evolve(reported(), period=ENDED_REPORT.period)),
        lambda pen: pen.end_membership(MEMBERSHIP.id, MEMBERSHIP.period.start),
        lambda pen: pen.end_membership("nothing", "2026-11-02"),
        lambda pen: pen.end_report(ENDED_REPORT.id, "2026-11-02"),
        lambda pen: pen.transfer(MEMBERSHIP.id, "QS-M100", "nowhere", "2026-11-02"),
        lambda pen: pen.transfer(MEMBERSHIP.id, MEMBERSHIP.id, OTHER_ORG, "2026-11-02"),
        lambda pen: pen.transfer("nothing", "QS-M100", OTHER_ORG, "2026-11-02"),
        lambda pen: pen.transfer(MEMBERSHIP.id, "", OTHER_ORG, "2026-11-02"),
    ],
    ids=[
        "overlap",
        "unknown-person",
        "id-taken",
        "report-overlap",
        "end-on-start",
        "unknown-id",
        "already-ended",
        "transfer-unknown-org",
        "transfer-id-taken",
        "transfer-unknown-membership",
        "transfer-empty-id",
    ],
)
def test_a_refused_command_writes_nothing(saved: Store, command: object) -> None:
    pen = register_writer(saved)
    before = pen.tree.records()
    refusals = (ConflictError, RuleViolationError, UnknownRecordError, InvalidRecordError)
    with pytest.raises(refusals) as caught:
        command(pen)  # type: ignore[operator]
    assert not isinstance(caught.value, StoreConflictError)
    assert pen.tree.records() == before
    assert saved.load() == COMMUNITY


def test_a_transfer_ends_one_membership_and_starts_the_next_in_one_write(saved: Store) -> None:
    pen = register_writer(saved)
    new = pen.transfer(MEMBERSHIP.id, "QS-M100", OTHER_ORG, "2026-11-02")
    assert new == moved()
    stored = saved.build().tree.records()
    assert stored == pen.tree.records()
    ended = next(m for m in stored.memberships if m.id == MEMBERSHIP.id)
    assert ended.end_reason == "transfer"
    assert ended.period.end is not None
    assert ended.period.end.isoformat() == "2026-11-02"
    assert stored.memberships[-1] == moved()


def test_a_transfer_of_a_membership_another_writer_ended_writes_nothing(saved: Store) -> None:
    first, second = register_writer(saved), register_writer(saved)
    first.end_membership(MEMBERSHIP.id, "2026-11-02")
    before = second.tree.records()
    with pytest.raises(StoreConflictError) as caught:
        second.transfer(MEMBERSHIP.id, "QS-M100", OTHER_ORG, "2026-11-05")
    assert caught.value.rule == "store.stale"
    assert second.tree.records() == before
    assert saved.build().tree.records() == first.tree.records()


def test_a_row_another_writer_ended_is_a_conflict(saved: Store) -> None:
    first, second = register_writer(saved), register_writer(saved)
    first.end_membership(MEMBERSHIP.id, "2026-11-02")
    first.end_report(OPEN_REPORT.id, "2026-11-02")
    before = second.tree.records()
    with pytest.raises(StoreConflictError) as caught:
        second.end_membership(MEMBERSHIP.id, "2026-11-05")
    assert caught.value.rule == "store.stale"
    assert caught.value.table == "memberships"
    with pytest.raises(StoreConflictError, match="reports"):
        second.end_report(OPEN_REPORT.id, "2026-11-05")
    assert second.tree.records() == before
    assert saved.build().tree.records() == first.tree.records()


def test_an_id_another_writer_stored_is_a_conflict(saved: Store) -> None:
    first, second = register_writer(saved), register_writer(saved)
    first.add_report(reported())
    before = second.tree.records()
    with pytest.raises(StoreConflictError) as caught:
        second.add_report(reported())
    assert (caught.value.rule, caught.value.key) == ("store.key_taken", "QS-R100")
    assert second.tree.records() == before
    assert saved.build().tree.records() == first.tree.records()


def test_a_write_the_database_refuses_leaves_the_tree_unchanged(
    saved: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import neighborhood_pb.io.store.register as register

    def failing(*_: object) -> None:
        raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

    pen = register_writer(saved)
    pen.end_membership(MEMBERSHIP.id, "2026-11-02")
    before = pen.tree.records()
    monkeypatch.setattr(register, "insert_rows", failing)
    with pytest.raises(StoreUnavailableError):
        pen.add_membership(moved())
    assert pen.tree.records() == before
    monkeypatch.undo()
    assert saved.build().tree.records() == before


def test_the_first_row_of_an_empty_table_takes_position_zero(store: Store) -> None:
    structure = attrs.evolve(COMMUNITY.structure, reports=())
    store.save(
        Dataset(
            title="no reports", schema=COMMUNITY.schema, structure=structure, as_of=COMMUNITY.as_of
        )
    )
    pen = register_writer(store)
    pen.add_report(attrs.evolve(reported(), period=ENDED_REPORT.period))
    with store.reading() as connection:
        positions = connection.execute(sa.text("SELECT position FROM reports")).scalars().all()
    assert positions == [0]
    assert store.build().tree.records() == pen.tree.records()


def test_version_1_tables_gain_the_id_indexes(saved: Store) -> None:
    with saved.writing() as connection:
        for name in ("memberships_id", "reports_id"):
            connection.execute(sa.text(f"DROP INDEX {name}"))
        connection.execute(sa.text("UPDATE schema_version SET version = 1"))
    saved.migrate()
    with saved.reading() as connection:
        inspector = sa.inspect(connection)
        indexed = {
            table: [index["column_names"] for index in inspector.get_indexes(table)]
            for table in ("memberships", "reports")
        }
        version = connection.execute(sa.text("SELECT version FROM schema_version")).scalar_one()
    assert indexed == {"memberships": [["id"]], "reports": [["id"]]}
    assert version == 2
    assert saved.load() == COMMUNITY
