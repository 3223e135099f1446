"""The store's own migrations (迁移): each step takes the tables one version up.

The library migrates its tables itself rather than through Alembic: a store is a handful of
tables that an application embeds, with no migration folder or ``alembic.ini`` of its own to
ship, and each step is a function run in the caller's transaction, so a migration that fails
changes nothing. An application that runs Alembic for its own tables can leave these out of
its autogeneration (they all live in :data:`~neighborhood_pb.io.store.schema.METADATA`).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from neighborhood_pb.io.store.errors import StoreError, StoreVersionError
from neighborhood_pb.io.store.schema import ID_INDEXES, METADATA, SCHEMA_VERSION, VERSION_TABLE

__all__ = ["MIGRATIONS", "migrate", "require_current", "stored_version"]


def _create_version_1(connection: sa.Connection) -> None:
    """Version 1: every table of :mod:`~neighborhood_pb.io.store.schema`."""
    METADATA.create_all(connection)


def _index_ids_version_2(connection: sa.Connection) -> None:
    """Version 2: an index on the ``id`` of memberships and reports, which
    :class:`~neighborhood_pb.io.store.register.RegisterWriter` looks up one at a time."""
    for index in ID_INDEXES:
        index.create(connection, checkfirst=True)


MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (
    _create_version_1,
    _index_ids_version_2,
)
"""Step ``i`` takes the tables from version ``i`` to ``i + 1`` (0: no tables yet)."""


def stored_version(connection: sa.Connection) -> int:
    """The version of the tables in the database (0 when it holds none of them).

    Raises:
        StoreVersionError: a newer library wrote the tables.
    """
    if not sa.inspect(connection).has_table(VERSION_TABLE.name):
        return 0
    version = connection.execute(sa.select(sa.func.max(VERSION_TABLE.c.version))).scalar()
    if version is None:
        return 0
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"the tables are at version {version}, written by a newer neighborhood_pb; this "
            f"one reads versions up to {SCHEMA_VERSION}",
            rule="store.version",
            params={"version": int(version), "known": SCHEMA_VERSION},
        )
    return int(version)


def migrate(connection: sa.Connection) -> None:
    """Bring the tables up to :data:`SCHEMA_VERSION`, in the caller's transaction.

    Raises:
        StoreVersionError: a newer library wrote the tables.
    """
    version = stored_version(connection)
    if version == SCHEMA_VERSION:
        return
    for step in MIGRATIONS[version:]:
        step(connection)
    connection.execute(sa.delete(VERSION_TABLE))
    connection.execute(sa.insert(VERSION_TABLE).values(version=SCHEMA_VERSION))


def require_current(connection: sa.Connection) -> None:
    """Refuse a database without the store's tables, or with tables of another version.

    Raises:
        StoreError: there are no tables (rule ``store.empty``).
        StoreVersionError: a newer library wrote the tables.
    """
    if stored_version(connection) == 0:
        raise StoreError("nothing has been saved in this database", rule="store.empty")
