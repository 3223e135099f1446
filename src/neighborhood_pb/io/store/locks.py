"""The store's write locks (写锁) on PostgreSQL: transaction-scoped advisory locks.

On SQLite every write transaction begins ``IMMEDIATE`` and so excludes every other writer. On
PostgreSQL, an append to the ledger takes :data:`LEDGER_LOCK`, a register write
:data:`REGISTER_LOCK` (and the ledger's too while the ledger guard checks it), and a write
of the whole dataset (a save, an update) takes both, in
ascending order, so that no writer waits for one lock while holding another a waiter holds.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["LEDGER_LOCK", "REGISTER_LOCK", "take_locks"]

LEDGER_LOCK = 0x6E627062
"""The PostgreSQL advisory lock key of ledger appends (``nbpb`` in ASCII)."""
REGISTER_LOCK = 0x6E627072
"""The PostgreSQL advisory lock key of register writes (``nbpr`` in ASCII)."""


def take_locks(connection: sa.Connection, *keys: int) -> None:
    """Take the advisory locks ``keys`` (in ascending order) until the transaction ends; on
    SQLite nothing: its write transactions already exclude each other."""
    if connection.dialect.name != "postgresql":
        return
    for key in sorted(keys):
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
