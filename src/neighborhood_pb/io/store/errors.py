"""Errors of the database store (数据库存储错误): each names its table, row and rule."""

from __future__ import annotations

from collections.abc import Mapping

from neighborhood_pb.errors import (
    ConflictError,
    Finding,
    IntegrityError,
    NeighborhoodPBError,
    ParamValue,
)
from neighborhood_pb.errors.source import source_text

__all__ = [
    "StoreConflictError",
    "StoreError",
    "StoreLedgerError",
    "StoreRowError",
    "StoreUnavailableError",
    "StoreVersionError",
]


class StoreError(NeighborhoodPBError):
    """A database could not be used as a store (bad URL, nothing saved, refused write).

    Attributes:
        detail: What happened, in the words of the database or the library.
    """

    def __init__(
        self,
        detail: str,
        *,
        rule: str,
        subject: str = "",
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(
            detail, subject=subject, rule=rule, params={"detail": detail, **(params or {})}
        )
        self.detail = detail


class StoreUnavailableError(StoreError, OSError):
    """The database cannot be opened: unreachable, locked, or not a database (``rule``
    ``store.unavailable``, ``store.locked`` or ``store.corrupt``)."""

    def __str__(self) -> str:  # OSError would add its own fields
        return NeighborhoodPBError.__str__(self)


class StoreVersionError(StoreError, ValueError):
    """The database was written by a newer schema version than this library knows."""


class StoreRowError(IntegrityError):
    """A row of a table does not make a valid record (edited by hand, or half-migrated).

    Attributes:
        table: The table's name, e.g. ``ledger_entries``.
        row: The row's position (``seq`` for ledger entries).
        error: The typed error the record raised, also the ``__cause__``.
    """

    def __init__(self, table: str, row: int, error: NeighborhoodPBError) -> None:
        detail = str(error)
        super().__init__(
            f"table {table}, row {row}: {detail}",
            subject=error.subject or f"{table}[{row}]",
            rule="store.row",
            params={"table": table, "row": row, "detail": detail},
        )
        self.table = table
        self.row = row
        self.error = error


class StoreConflictError(ConflictError):
    """The database refused a write: another writer took the idempotency key first, or a
    constraint failed. Nothing was written and the aggregate in memory is unchanged.

    Attributes:
        table: The table written to.
        key: The idempotency key (or what identifies the refused row).
    """

    def __init__(self, table: str, key: str, detail: str, *, rule: str) -> None:
        super().__init__(
            f"table {table}, {key}: {detail}",
            subject=key,
            rule=rule,
            params={"table": table, "row": key, "detail": detail},
        )
        self.table = table
        self.key = key


class StoreLedgerError(StoreError, ValueError):
    """A register change refused because stored ledger entries would no longer validate
    against the changed register (账本记录会失效); nothing was written.

    Pass ``allow_broken_ledger=True`` to write it anyway (``Store.build`` then refuses the
    ledger until it is put right; ``Store.build(ledger="lenient")`` lists the entries).

    Attributes:
        findings: One per entry that would break: ``subject`` the entry's key, ``rule`` the
            rule it would break, ``message`` why (``ledger.entry_refused`` or
            ``ledger.entry_dependent``).
    """

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        shown = "; ".join(finding.message for finding in findings[:3])
        more = f"; and {len(findings) - 3} more" if len(findings) > 3 else ""
        detail = f"{len(findings)} ledger entries would break: {shown}{more}"
        first = findings[0]
        super().__init__(
            detail,
            subject=first.subject,
            rule="store.ledger_broken",
            params={
                "count": len(findings),
                "entry": first.subject,
                "broken": source_text(first.rule, "en"),
            },
        )
        self.findings = findings

    @property
    def entries(self) -> tuple[tuple[str, str, str], ...]:
        """The entries that would break: (entry key, rule, why)."""
        return tuple((f.subject, source_text(f.rule, "en"), f.message) for f in self.findings)
