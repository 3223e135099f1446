"""The database store (数据库存储): datasets in SQLite or PostgreSQL via SQLAlchemy Core.

Needs the ``store`` extra (``pip install 'neighborhood_pb[store]'``). :class:`Store` saves
and loads whole datasets; :class:`LedgerWriter` appends ledger entries one transaction at a
time; the tables are described in ``docs/store.md``.
"""

from __future__ import annotations

from neighborhood_pb.io.store.errors import (
    StoreConflictError,
    StoreError,
    StoreRowError,
    StoreUnavailableError,
    StoreVersionError,
)
from neighborhood_pb.io.store.ledger import LedgerWriter
from neighborhood_pb.io.store.schema import METADATA, SCHEMA_VERSION
from neighborhood_pb.io.store.store import Store
from neighborhood_pb.io.store.urls import is_database_url, store_url

__all__ = [
    "METADATA",
    "SCHEMA_VERSION",
    "LedgerWriter",
    "Store",
    "StoreConflictError",
    "StoreError",
    "StoreRowError",
    "StoreUnavailableError",
    "StoreVersionError",
    "is_database_url",
    "store_url",
]
