"""The ledger guard (账本守护): a register change that would invalidate stored ledger entries
is refused before anything is written.

A change to the register (a membership ended, a report revoked, a whole dataset replaced)
can leave ledger entries that no longer validate: a claim by a member whose report was
revoked. The guard rebuilds the ledger leniently against the changed register with
:func:`~neighborhood_pb.dataset.build.reopen_ledger` — the reopening
``DatasetContext.build(..., ledger="lenient")`` does for its ``ledger_findings`` — and
refuses the change with a :class:`StoreLedgerError` listing the entries that would break,
unless the caller passes ``allow_broken_ledger=True``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.dataset.build import (
    DatasetRecordError,
    build_appointments,
    build_tree,
    reopen_ledger,
)
from neighborhood_pb.errors import Finding
from neighborhood_pb.io.store.errors import StoreLedgerError
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["check_ledger", "ledger_breaks"]


def ledger_breaks(dataset: Dataset, tree: OrgTree | None = None) -> tuple[Finding, ...]:
    """One finding per ledger entry of ``dataset`` that does not validate against its
    register (none when it has no entries); ``tree``, when given, is the dataset's tree
    already built.

    A dataset whose register, appointments or ledger is refused by itself gives none: that
    is not the guard's to judge, and :meth:`Store.build` reports it as before.
    """
    if not dataset.points.entries:
        return ()
    try:
        tree = build_tree(dataset) if tree is None else tree
        _, findings = reopen_ledger(dataset, tree, build_appointments(dataset, tree))
    except DatasetRecordError:
        return ()
    return findings


def check_ledger(
    changed: Dataset,
    before: Callable[[], Iterable[Finding]] = tuple,
    *,
    tree: OrgTree | None = None,
    allow_broken_ledger: bool = False,
) -> None:
    """Refuse ``changed`` when an entry of its ledger does not validate against its
    register, leaving out the entries ``before()`` names (broken before the change; asked
    only when some entry breaks); ``tree`` is ``changed``'s tree when already built.

    Raises:
        StoreLedgerError: entries would break (rule ``store.ledger_broken``).
    """
    if allow_broken_ledger:
        return
    broken = ledger_breaks(changed, tree)
    if broken:
        known = {finding.subject for finding in before()}
        broken = tuple(f for f in broken if f.subject not in known)
    if broken:
        raise StoreLedgerError(broken)
