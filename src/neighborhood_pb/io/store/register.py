"""Incremental register writes (名册逐条写入): memberships and reports (报到) added and
end-dated one transaction at a time.

:class:`RegisterWriter` writes a command to the store and applies it to the organisation
tree in memory together, like :class:`~neighborhood_pb.io.store.ledger.LedgerWriter`: take
the write lock (SQLite ``BEGIN IMMEDIATE``; PostgreSQL a transaction-scoped advisory lock),
write the row, then apply the command in memory — the tree validates it completely before
changing anything — and commit. A command the tree refuses rolls the write back, so nothing
is written; a write the database refuses raises
:class:`~neighborhood_pb.io.store.errors.StoreConflictError` before the tree is touched.

The writer keeps one register's rows in step with one tree: a row another writer added or
ended meanwhile is refused as a conflict (``store.key_taken``, ``store.stale``); rebuild the
tree from the store then.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import sqlalchemy as sa

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset.build import build_tree
from neighborhood_pb.errors import NeighborhoodPBError, UnknownRecordError
from neighborhood_pb.io.json import dataset_converter
from neighborhood_pb.io.store.bulk import insert_rows, row_writer
from neighborhood_pb.io.store.errors import StoreConflictError
from neighborhood_pb.io.store.guard import check_ledger, ledger_breaks
from neighborhood_pb.io.store.load import read_dataset
from neighborhood_pb.io.store.locks import LEDGER_LOCK, REGISTER_LOCK, take_locks
from neighborhood_pb.io.store.schema import ENTRIES, RECORD_TABLES, RecordTable
from neighborhood_pb.io.store.store import Store
from neighborhood_pb.structure.records import Membership, Report
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["REGISTER_LOCK", "RegisterWriter"]


Command = Callable[[OrgTree], Any]
"""A register command, applied to a tree."""

_TABLES = {table.name: table for table in RECORD_TABLES}
MEMBERSHIPS = _TABLES["memberships"]
REPORTS = _TABLES["reports"]


@functools.cache
def _converter() -> cattrs.Converter:
    return dataset_converter(redact_personal=False)


def _day(on: _dt.date | str) -> str:
    return on if isinstance(on, str) else on.isoformat()


class RegisterWriter:
    """Writes a tree's memberships and reports to a store as they are accepted (名册写入器).

    Attributes:
        store: Where the rows are written.
        tree: The organisation tree in memory, built from the store (e.g. with
            :meth:`Store.build`).
    """

    def __init__(self, store: Store, tree: OrgTree, *, allow_broken_ledger: bool = False) -> None:
        """A writer for ``tree``, which holds the store's memberships and reports.

        Every command is first checked against the stored ledger (the ledger guard): one
        that would leave stored entries invalid is refused with
        :class:`~neighborhood_pb.io.store.errors.StoreLedgerError`, unless
        ``allow_broken_ledger`` is true.
        """
        self.store = store
        self.tree = tree
        self.allow_broken_ledger = allow_broken_ledger

    def add_membership(self, membership: Membership) -> Membership:
        """Write a new membership and add it to the tree, in one transaction.

        Raises:
            StoreConflictError: another writer stored a membership with this id.
            NeighborhoodPBError: the tree refused it (see
                :meth:`~neighborhood_pb.structure.tree.OrgTree.add_membership`); nothing
                was written.
        """
        self._add(MEMBERSHIPS, membership, Membership, lambda tree: tree.add_membership(membership))
        return membership

    def add_report(self, report: Report) -> Report:
        """Write a new report (报到) and add it to the tree, in one transaction.

        Raises:
            StoreConflictError: another writer stored a report with this id.
            NeighborhoodPBError: the tree refused it (see
                :meth:`~neighborhood_pb.structure.tree.OrgTree.add_report`); nothing was
                written.
        """
        self._add(REPORTS, report, Report, lambda tree: tree.add_report(report))
        return report

    def end_membership(
        self, membership_id: str, on: _dt.date | str, reason: str | None = None
    ) -> Membership:
        """End an open membership on ``on`` with an optional reason, in one transaction.

        Raises:
            StoreConflictError: the stored row is not open (another writer ended it).
            NeighborhoodPBError: the tree refused (see
                :meth:`~neighborhood_pb.structure.tree.OrgTree.end_membership`); nothing
                was written.
        """
        changes = {"period_end": _day(on), "end_reason": reason}

        def command(tree: OrgTree) -> Membership:
            return tree.end_membership(membership_id, on, reason)

        ended: Membership = self._end(MEMBERSHIPS, membership_id, changes, command)
        return ended

    def transfer(
        self, membership_id: str, new_membership_id: str, org_id: str, on: _dt.date | str
    ) -> Membership:
        """Move a member's formal membership to ``org_id`` on ``on`` (转接组织关系): the
        open membership ends (reason ``transfer``) and ``new_membership_id`` starts, both
        rows in one transaction.

        Returns:
            The new membership.

        Raises:
            StoreConflictError: the stored row is not open (``store.stale``), or another
                writer stored ``new_membership_id`` (``store.key_taken``).
            NeighborhoodPBError: the tree refused the transfer (see
                :meth:`~neighborhood_pb.structure.tree.OrgTree.transfer`); nothing was
                written.
        """

        def command(tree: OrgTree) -> Membership:
            return tree.transfer(membership_id, new_membership_id, org_id, on)

        def apply() -> Membership:
            return command(self.tree)

        with self.store.writing() as connection:
            self._begin(connection)
            try:
                current = self.tree.membership(membership_id)
                start = Period(start=on)
                new = attrs.evolve(
                    current, id=new_membership_id, org_id=org_id, period=start, end_reason=None
                )
            except NeighborhoodPBError:
                apply()  # the tree refuses it the same way, in its own order
                raise
            self._require_free(connection, MEMBERSHIPS, new.id, apply)
            self._guard(connection, command, current.person_id)
            changes = {"period_end": _day(on), "end_reason": "transfer"}
            self._end_row(connection, MEMBERSHIPS, membership_id, changes)
            _insert(connection, MEMBERSHIPS, new, Membership)
            return apply()  # the tree's refusal rolls both rows back

    def end_report(self, report_id: str, on: _dt.date | str) -> Report:
        """Revoke (end-date) a report on ``on``, in one transaction.

        Raises:
            StoreConflictError: the stored row is not open (another writer ended it).
            NeighborhoodPBError: the tree refused (see
                :meth:`~neighborhood_pb.structure.tree.OrgTree.end_report`); nothing was
                written.
        """

        def command(tree: OrgTree) -> Report:
            return tree.end_report(report_id, on)

        ended: Report = self._end(REPORTS, report_id, {"period_end": _day(on)}, command)
        return ended

    def _begin(self, connection: sa.Connection) -> None:
        """Take the register's write lock, and the ledger's too when the guard reads the
        ledger, so that no entry is appended between the check and the commit."""
        if self.allow_broken_ledger:
            take_locks(connection, REGISTER_LOCK)
        else:
            take_locks(connection, LEDGER_LOCK, REGISTER_LOCK)

    def _guard(self, connection: sa.Connection, command: Command, person_id: str) -> None:
        """Refuse ``command`` when it would leave stored ledger entries invalid that are
        valid now: it is tried on a tree built from the stored dataset, and the ledger
        reopened against the changed register (a command that tree refuses is left to the
        writer's tree to refuse).

        A command changes one person's memberships or reports, which only that person's
        entries rest on (as member or as actor): when the ledger holds none, there is
        nothing to check and nothing more is read.
        """
        if self.allow_broken_ledger:
            return
        columns = ENTRIES.table.c
        concerned = sa.or_(columns.member_id == person_id, columns.actor == person_id)
        if connection.execute(sa.select(columns.seq).where(concerned).limit(1)).first() is None:
            return
        dataset, _ = read_dataset(connection)
        try:
            scratch = build_tree(dataset)
            command(scratch)
        except NeighborhoodPBError:
            return
        changed = attrs.evolve(dataset, structure=scratch.records())
        check_ledger(changed, lambda: ledger_breaks(dataset), tree=scratch)

    def _add(self, table: RecordTable, record: Any, cls: type, command: Command) -> None:
        """Insert ``record``'s row and apply ``command`` to the tree, in one transaction."""
        with self.store.writing() as connection:
            self._begin(connection)
            self._require_free(connection, table, record.id, lambda: command(self.tree))
            self._guard(connection, command, record.person_id)
            _insert(connection, table, record, cls)
            command(self.tree)  # the tree's refusal rolls the insert back

    def _require_free(
        self, connection: sa.Connection, table: RecordTable, record_id: str, apply: Any
    ) -> None:
        """Refuse an id another writer stored: the tree's own refusal when the tree holds it
        too, else ``store.key_taken``."""
        taken = connection.execute(
            sa.select(sa.func.count()).where(table.table.c.id == record_id)
        ).scalar_one()
        if taken:
            if _known(table, self.tree, record_id):
                apply()  # the tree's own refusal: the id is taken
            raise StoreConflictError(
                table.name, record_id, "the id is stored already", rule="store.key_taken"
            )

    def _end(
        self, table: RecordTable, record_id: str, changes: dict[str, Any], command: Command
    ) -> Any:
        """Update the open row ``record_id`` with ``changes`` and apply ``command`` to the
        tree, in one transaction."""
        with self.store.writing() as connection:
            self._begin(connection)
            if _known(table, self.tree, record_id):  # else the tree refuses it below
                person_id = _lookup(table, self.tree, record_id).person_id
                self._guard(connection, command, person_id)
            self._end_row(connection, table, record_id, changes)
            return command(self.tree)  # the tree's refusal (already ended, …) rolls it back

    def _end_row(
        self, connection: sa.Connection, table: RecordTable, record_id: str, changes: Any
    ) -> None:
        """End the open row ``record_id``; a row the tree holds open but the store does not
        is ``store.stale`` (an id the tree does not hold: its own refusal)."""
        columns = table.table.c
        updated = connection.execute(
            sa.update(table.table)
            .where(columns.id == record_id, columns.period_end.is_(None))
            .values(**changes)
        ).rowcount
        if updated != 1:
            current = _lookup(table, self.tree, record_id)  # UnknownRecordError
            if current.period.end is None:
                raise StoreConflictError(
                    table.name, record_id, "the stored row is not open", rule="store.stale"
                )


def _insert(connection: sa.Connection, table: RecordTable, record: Any, cls: type) -> None:
    """Insert ``record``'s row after the table's last."""
    row = row_writer(table.columns)(_converter().unstructure(record, cls))
    last = connection.execute(sa.select(sa.func.max(table.table.c.position))).scalar()
    names = [column.name for column in table.table.columns]
    insert_rows(connection, table.name, names, [(_next(last), *row)])


def _known(table: RecordTable, tree: OrgTree, record_id: str) -> bool:
    try:
        _lookup(table, tree, record_id)
    except UnknownRecordError:
        return False
    return True


def _lookup(table: RecordTable, tree: OrgTree, record_id: str) -> Any:
    return tree.membership(record_id) if table is MEMBERSHIPS else tree.report(record_id)


def _next(last: int | None) -> int:
    return 0 if last is None else last + 1
