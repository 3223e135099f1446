"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when
NBPB_TEST_POSTGRES_URL names a server (one engine for the session)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from neighborhood_pb.io.store import METADATA, Store
from neighborhood_pb.io.store.urls import create_store_engine

POSTGRES_URL = os.environ.get("NBPB_TEST_POSTGRES_URL", "")


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[sa.Engine]:
    """One engine on the test server for the whole session."""
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL store tests need NBPB_TEST_POSTGRES_URL")
    engine = create_store_engine(POSTGRES_URL)
    yield engine
    engine.dispose()


def empty_postgres(engine: sa.Engine) -> None:
    """Drop every table of the store, so that a test starts from an empty database."""
    with engine.begin() as connection:
        METADATA.drop_all(connection)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL with nothing in it: a SQLite file, or the emptied test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'city.db'}"
    empty_postgres(request.getfixturevalue("postgres_engine"))
    return POSTGRES_URL


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A store on an empty database."""
    with Store(store_url) as opened:
        yield opened
