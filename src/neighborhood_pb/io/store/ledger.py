"""Incremental ledger writes (台账逐条写入): one entry, one transaction, nothing else.

:class:`LedgerWriter` appends an accepted entry to ``ledger_entries`` and to the ledger in
memory together. The order is: take the ledger's write lock (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: a transaction-scoped advisory lock), bring the ledger in memory up to date with
the entries other writers committed meanwhile, insert the new row, then apply the entry in
memory — the ledger validates it completely before changing anything — and commit. A row the
database refuses (the idempotency key taken, a constraint) raises
:class:`~neighborhood_pb.io.store.errors.StoreConflictError` before the ledger is touched; an
entry the ledger refuses rolls the insert back. Only a failed ``COMMIT`` itself (the
connection lost at that instant) leaves memory ahead of the database: rebuild the ledger
from the store then.

Since every writer appends under the lock after catching up, ``seq`` is the order in which
the entries were validated, and reloading the ledger gives the same figures.
"""

from __future__ import annotations

import functools

import cattrs
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError

from neighborhood_pb.errors import NeighborhoodPBError, UnknownRecordError
from neighborhood_pb.io.converter import structure
from neighborhood_pb.io.json import dataset_converter
from neighborhood_pb.io.store.errors import StoreConflictError, StoreRowError
from neighborhood_pb.io.store.locks import LEDGER_LOCK, take_locks
from neighborhood_pb.io.store.rows import record_maker
from neighborhood_pb.io.store.save import entry_row
from neighborhood_pb.io.store.schema import ENTRIES
from neighborhood_pb.io.store.store import Store
from neighborhood_pb.points.entries import Entry
from neighborhood_pb.points.ledger import Ledger

__all__ = ["LEDGER_LOCK", "LedgerWriter"]


_SEQ = ENTRIES.table.c.seq
_NEWER = sa.select(ENTRIES.table).where(sa.bindparam("seen") < _SEQ).order_by(_SEQ)
_INSERT = sa.insert(ENTRIES.table).returning(_SEQ)


@functools.cache
def _converter() -> cattrs.Converter:
    return dataset_converter(redact_personal=False)


class LedgerWriter:
    """Appends a ledger's entries to a store as they are accepted (台账写入器).

    Attributes:
        store: Where the entries are written.
        ledger: The ledger in memory; it holds exactly the entries up to :attr:`seen`.
        seen: The ``seq`` of the last stored entry the ledger in memory holds.
    """

    def __init__(self, store: Store, ledger: Ledger, *, seen: int | None = None) -> None:
        """A writer for ``ledger``, which holds the store's entries up to ``seen`` (default:
        the stored rows its entries are, e.g. a ledger built with :meth:`Store.build`, even
        when other writers have appended since).

        Raises:
            StoreConflictError: ``seen`` is not given and the ledger's entries are not the
                first rows stored (rule ``store.ledger_not_stored``).
        """
        self.store = store
        self.ledger = ledger
        if seen is None:
            with store.reading() as connection:
                seen = self._prefix_end(connection)
        self.seen: int = seen
        self._record = record_maker(ENTRIES.columns)

    def _prefix_end(self, connection: sa.Connection) -> int:
        """The ``seq`` of the stored row the ledger's last entry is (0 for an empty ledger).

        The ledger holds the stored entries up to some row: found by position, not by the
        largest ``seq`` now stored, which another writer may have raised since the ledger
        was built.

        Raises:
            StoreConflictError: the ledger's entries are not the first rows stored.
        """
        held = len(self.ledger)
        if not held:
            return 0
        last = self.ledger.entries()[-1].key
        row = connection.execute(
            sa.select(_SEQ, ENTRIES.table.c.key).order_by(_SEQ).offset(held - 1).limit(1)
        ).first()
        if row is None or row.key != last:
            stored = "nothing" if row is None else row.key
            raise StoreConflictError(
                ENTRIES.name,
                last,
                f"#{held} ≠ {stored}",
                rule="store.ledger_not_stored",
            )
        return int(row.seq)

    def sync(self) -> int:
        """Apply the entries other writers stored since :attr:`seen`; returns how many.

        Raises:
            StoreRowError: a stored entry is refused by the ledger (names its ``seq``).
        """
        with self.store.reading() as connection:
            return self._catch_up(connection)

    def _catch_up(self, connection: sa.Connection) -> int:
        count = 0
        for row in connection.execute(_NEWER, {"seen": self.seen}).mappings():
            record = self._record(row)
            record["type"] = row["type"]
            try:
                self.ledger.append(structure(record, Entry, _converter()))  # type: ignore[arg-type]
            except NeighborhoodPBError as exc:
                raise StoreRowError(ENTRIES.name, row["seq"], exc) from exc
            self.seen = row["seq"]
            count += 1
        return count

    def _holds(self, key: str) -> bool:
        try:
            self.ledger.entry(key)
        except UnknownRecordError:
            return False
        return True

    def append(self, entry: Entry) -> Entry:
        """Write ``entry`` and apply it to the ledger, in one transaction.

        Resubmitting an entry equal to the one its key names returns that one and writes
        nothing.

        Raises:
            StoreConflictError: the database refused the row; nothing changed.
            NeighborhoodPBError: the ledger refused the entry (see
                :meth:`~neighborhood_pb.points.ledger.Ledger.append`); nothing was written.
        """
        data = _converter().unstructure(entry, Entry)
        with self.store.writing() as connection:
            take_locks(connection, LEDGER_LOCK)
            self._catch_up(connection)
            if self._holds(entry.key):
                return self.ledger.append(entry)
            try:
                result = connection.execute(_INSERT, entry_row(data))
            except DatabaseIntegrityError as exc:
                detail = str(exc.orig).strip().splitlines()[0]
                raise StoreConflictError(
                    ENTRIES.name, entry.key, detail, rule="store.key_taken"
                ) from exc
            appended = self.ledger.append(entry)
            seq = int(result.scalar_one())
        self.seen = seq
        return appended
