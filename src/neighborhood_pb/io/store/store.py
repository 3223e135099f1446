"""The store (数据库存储): a dataset kept in SQLite or PostgreSQL through SQLAlchemy Core.

:class:`Store` saves and loads a whole dataset, each in one transaction, and hands out
:class:`~neighborhood_pb.io.store.ledger.LedgerWriter` for incremental appends. A database
error comes out as a typed :class:`~neighborhood_pb.io.store.errors.StoreError`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Callable, Iterator
from types import TracebackType

import sqlalchemy as sa
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from neighborhood_pb.dataset import Dataset, DatasetContext, DatasetRecordError, LedgerMode
from neighborhood_pb.io.collector import bulk
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.io.progress import NO_PROGRESS, Progress
from neighborhood_pb.io.store.errors import StoreUnavailableError
from neighborhood_pb.io.store.guard import check_ledger, ledger_breaks
from neighborhood_pb.io.store.load import located, read_dataset
from neighborhood_pb.io.store.locks import LEDGER_LOCK, REGISTER_LOCK, take_locks
from neighborhood_pb.io.store.migrations import migrate
from neighborhood_pb.io.store.save import save_document
from neighborhood_pb.io.store.urls import WRITE, create_store_engine

__all__ = ["Store", "bulk", "translated"]


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Turn a database driver's error into a :class:`StoreUnavailableError`."""
    try:
        yield
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        lowered = detail.lower()
        if "locked" in lowered:
            rule = "store.locked"
        elif "not a database" in lowered or "malformed" in lowered:
            rule = "store.corrupt"
        else:
            rule = "store.unavailable"
        raise StoreUnavailableError(detail, rule=rule) from exc


class Store:
    """A dataset kept in a database (数据库存储).

    Every save and every append is one transaction: a refused or failed write leaves the
    database as it was. Nothing derived (balances, totals, ranks) is stored.

    Attributes:
        url: The database URL as given (``sqlite:///city.db``, ``postgresql://…``).
        engine: The SQLAlchemy engine (SQLite in WAL mode with a busy timeout).
    """

    def __init__(self, url: str | URL) -> None:
        """Open the store at ``url`` (nothing is created until the first save).

        Raises:
            StoreError: the URL is not one the store speaks (rule ``store.url``).
        """
        self.url = url
        self.engine = create_store_engine(url)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the engine's connections."""
        self.engine.dispose()

    @contextlib.contextmanager
    def writing(self) -> Iterator[sa.Connection]:
        """One write transaction (SQLite: ``BEGIN IMMEDIATE``), committed on success."""
        with translated(), self.engine.connect() as connection:
            connection = connection.execution_options(**{WRITE: True})
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """One read transaction, a consistent snapshot of the tables."""
        with translated(), self.engine.connect() as connection, connection.begin():
            yield connection

    def migrate(self) -> None:
        """Create the tables, or bring them up to this library's version.

        Raises:
            StoreVersionError: a newer library wrote the tables.
        """
        with self.writing() as connection:
            migrate(connection)

    def save(
        self,
        dataset: Dataset,
        *,
        allow_broken_ledger: bool = False,
        progress: Progress = NO_PROGRESS,
    ) -> None:
        """Replace the stored dataset with ``dataset``, creating or migrating the tables
        (``progress`` told of each table written).

        A dataset whose ledger entries do not all validate against its register is refused
        (the ledger guard), unless ``allow_broken_ledger`` is true.

        Raises:
            StoreLedgerError: ledger entries would not load; nothing was written.
            MaskedDatasetError: the dataset holds masked values.
            StoreVersionError: a newer library wrote the tables.
            StoreUnavailableError: the database cannot be reached, is locked or corrupt.
        """
        with bulk():
            check_ledger(dataset, allow_broken_ledger=allow_broken_ledger)
            with self.writing() as connection:
                take_locks(connection, LEDGER_LOCK, REGISTER_LOCK)
                migrate(connection)
                save_document(connection, dataset, progress)

    def update(
        self,
        change: Callable[[Dataset], Dataset | None],
        *,
        allow_broken_ledger: bool = False,
    ) -> Dataset | None:
        """Read the stored dataset and replace it with what ``change`` makes of it, in one
        write transaction (更新): no other writer comes between the read and the write, so
        nothing another writer stored meanwhile is lost. ``change`` returns ``None`` to
        write nothing; if it raises, nothing is written. A change that leaves ledger
        entries invalid which were valid before is refused (the ledger guard), unless
        ``allow_broken_ledger`` is true.

        Returns:
            What was written, or ``None``.

        Raises:
            StoreLedgerError: ledger entries would break; nothing was written.
            StoreError: nothing was saved (``store.empty``).
            StoreRowError: a row does not make a valid record.
            StoreVersionError: a newer library wrote the tables.
            StoreUnavailableError: the database cannot be reached, is locked or corrupt.
        """
        with bulk(), self.writing() as connection:
            take_locks(connection, LEDGER_LOCK, REGISTER_LOCK)
            current, _ = read_dataset(connection)
            changed = change(current)
            if changed is not None:
                if not allow_broken_ledger:
                    check_ledger(changed, lambda: ledger_breaks(current))
                migrate(connection)
                save_document(connection, changed)
        return changed

    def load(self, *, progress: Progress = NO_PROGRESS) -> Dataset:
        """The stored dataset, every record structured strictly (``progress`` told of each
        table read).

        Raises:
            StoreRowError: a row does not make a valid record (names table and row).
            StoreError: nothing was saved (``store.empty``).
            StoreVersionError: a newer library wrote the tables.
            StoreUnavailableError: the database cannot be reached, is locked or corrupt.
        """
        with bulk(), self.reading() as connection:
            dataset, _ = read_dataset(connection, progress)
        return dataset

    def build(
        self,
        on: _dt.date | str | None = None,
        *,
        ledger: LedgerMode = "strict",
        progress: Progress = NO_PROGRESS,
    ) -> DatasetContext:
        """The stored dataset with every aggregate built, as of ``on`` (else its ``as_of``;
        ``progress`` told of each table read). With ``ledger="lenient"``, ledger entries that
        no longer hold against the stored register are left out and listed in the context's
        ``ledger_findings`` (one per entry: entry, rule, why) instead of refused.

        Raises:
            StoreRowError: a row is refused by its aggregate (a duplicate id, an entry that
                refers to nothing, …); names table, row and rule.
            InvalidRecordError: no day is given and the dataset has none.
        """
        with bulk():
            with self.reading() as connection:
                dataset, positions = read_dataset(connection, progress)
            try:
                return DatasetContext.build(dataset, on, ledger=ledger)
            except DatasetRecordError as exc:
                found = located(exc.error, exc.path, positions)
                raise (exc if found is exc.error else found) from exc

    def dump(self, *, progress: Progress = NO_PROGRESS) -> str:
        """The stored dataset as JSON text, as :func:`~neighborhood_pb.io.json.dumps_dataset`
        writes it with personal data whole (``progress`` told of each table read)."""
        return dumps_dataset(self.load(progress=progress), redact_personal=False)
