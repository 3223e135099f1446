"""The ledger's log (积分流水): entries in the order appended, each under its key.

:class:`EntryLog` is the lowest component of :class:`~neighborhood_pb.points.ledger.Ledger`:
it only records entries and looks them up; every rule is checked by the components above
it before they append. :func:`refuse` and :func:`conflict` build the errors they raise.
"""

from __future__ import annotations

from collections.abc import Iterator

from neighborhood_pb.errors import ConflictError, RuleViolationError, UnknownRecordError
from neighborhood_pb.points.entries import Entry

__all__ = ["EntryLog", "conflict", "refuse"]


def refuse(message: str, subject: str, rule: str) -> RuleViolationError:
    """A rule violation of the entry ``subject`` (a command refused before any change)."""
    return RuleViolationError(message, subject=subject, rule=rule)


def conflict(key: str, existing: Entry) -> ConflictError:
    """The error for an idempotency key submitted again with other content."""
    return ConflictError(
        f"key {key} already names a {type(existing).__name__.lower()} with other content; an "
        "idempotency key is submitted again only with the same content",
        subject=key,
        rule="entry.idempotency_key",
    )


class EntryLog:
    """Append-only log of ledger entries (积分流水), each idempotency key naming one entry.

    The log checks nothing: the ledger and its components validate an entry completely
    before they call :meth:`append`.
    """

    __slots__ = ("_by_key", "_entries")

    def __init__(self) -> None:
        """An empty log."""
        self._entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in the order appended."""
        return tuple(self._entries)

    def get(self, key: str) -> Entry | None:
        """The entry with this idempotency key, if any."""
        return self._by_key.get(key)

    def entry(self, key: str) -> Entry:
        """The entry with this idempotency key.

        Raises:
            UnknownRecordError: no such entry.
        """
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownRecordError(
                f"no ledger entry {key}", subject=key, rule="reference.exists"
            ) from None

    def typed(self, key: str, kind: type[Entry], label: str) -> Entry:
        """The entry with this key, which must be a ``kind`` (named ``label`` in errors).

        Raises:
            UnknownRecordError: no such entry of that kind.
        """
        found = self._by_key.get(key)
        if not isinstance(found, kind):
            raise UnknownRecordError(f"no {label} {key}", subject=key, rule="reference.exists")
        return found

    def append(self, entry: Entry) -> None:
        """Record an entry already validated."""
        self._entries.append(entry)
        self._by_key[entry.key] = entry
