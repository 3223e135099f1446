"""Database URLs (数据库地址) and the engines made from them.

``sqlite:///city.db`` (a file; ``sqlite://`` in memory) and ``postgresql+psycopg://…``
(``postgresql://`` is read as psycopg 3, the driver the ``store`` extra installs). SQLite
files are opened in WAL mode with ``synchronous=NORMAL`` (a commit is durable once the WAL
is checkpointed; a power cut may lose the last commits but never corrupts the file) and a
busy timeout, so that several processes can append to one ledger.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from neighborhood_pb.io.store.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "WRITE", "create_store_engine", "store_url"]

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite connection waits for another writer's lock before giving up."""

WRITE = "nbpb_write"
"""Execution option marking a connection whose transaction will write (SQLite takes the write
lock at ``BEGIN IMMEDIATE`` then, so that two writers never deadlock on an upgrade)."""

_DRIVERS = {
    "sqlite": "sqlite+pysqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def store_url(url: str | URL) -> URL:
    """The URL with its driver made explicit (``postgresql://`` → ``postgresql+psycopg://``).

    Raises:
        StoreError: not a URL, or a dialect the store does not speak (rule ``store.url``).
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"{url!r} is not a database URL", rule="store.url") from None
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise StoreError(
            f"{parsed.drivername!r} is not a dialect the store speaks "
            "(sqlite:///FILE or postgresql://USER@HOST/DB)",
            rule="store.url",
        )
    return parsed.set(drivername=driver)


def create_store_engine(url: str | URL) -> sa.Engine:
    """An engine for ``url``, with SQLite set up for several writers.

    Raises:
        StoreError: the URL is not one the store speaks.
    """
    parsed = store_url(url)
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(parsed, json_serializer=_json_text, pool_pre_ping=False)
    engine = sa.create_engine(parsed, json_serializer=_json_text)
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _sqlite_connect(dbapi_connection: Any, _: Any) -> None:
    """WAL, ``synchronous=NORMAL`` and a busy timeout; transactions begun by us."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
