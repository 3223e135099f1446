"""The database store (数据库存储): datasets in SQLite or PostgreSQL via SQLAlchemy Core.

Needs the ``store`` extra (``pip install 'neighborhood_pb[store]'``); SQLAlchemy is imported
only when a name that needs it is first used. :class:`Store` saves and loads whole datasets;
:class:`LedgerWriter` appends ledger entries and :class:`RegisterWriter` adds and end-dates
memberships and reports, one transaction at a time; the tables are
described in ``docs/store.md``.
"""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False

if TYPE_CHECKING:
    from neighborhood_pb.io.store.errors import (
        StoreConflictError,
        StoreError,
        StoreLedgerError,
        StoreRowError,
        StoreUnavailableError,
        StoreVersionError,
    )
    from neighborhood_pb.io.store.ledger import LedgerWriter
    from neighborhood_pb.io.store.names import is_database_url, shown_url
    from neighborhood_pb.io.store.register import RegisterWriter
    from neighborhood_pb.io.store.schema import METADATA, SCHEMA_VERSION
    from neighborhood_pb.io.store.store import Store
    from neighborhood_pb.io.store.urls import store_url

_LAZY: dict[str, str] = {
    "METADATA": "neighborhood_pb.io.store.schema",
    "SCHEMA_VERSION": "neighborhood_pb.io.store.schema",
    "LedgerWriter": "neighborhood_pb.io.store.ledger",
    "RegisterWriter": "neighborhood_pb.io.store.register",
    "Store": "neighborhood_pb.io.store.store",
    "StoreConflictError": "neighborhood_pb.io.store.errors",
    "StoreError": "neighborhood_pb.io.store.errors",
    "StoreLedgerError": "neighborhood_pb.io.store.errors",
    "StoreRowError": "neighborhood_pb.io.store.errors",
    "StoreUnavailableError": "neighborhood_pb.io.store.errors",
    "StoreVersionError": "neighborhood_pb.io.store.errors",
    "is_database_url": "neighborhood_pb.io.store.names",
    "shown_url": "neighborhood_pb.io.store.names",
    "store_url": "neighborhood_pb.io.store.urls",
}

__all__ = [
    "METADATA",
    "SCHEMA_VERSION",
    "LedgerWriter",
    "RegisterWriter",
    "Store",
    "StoreConflictError",
    "StoreError",
    "StoreLedgerError",
    "StoreRowError",
    "StoreUnavailableError",
    "StoreVersionError",
    "is_database_url",
    "shown_url",
    "store_url",
]

__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
