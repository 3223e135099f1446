"""The reverse guard (登记变更影响): which ledger entries a register edit would invalidate.

A register edit (a report's start moved, a post ended, a member removed) is checked before it
is saved: :func:`ledger_impact` reopens the existing ledger against the edited dataset and
names every entry that held before and would no longer validate, with the edited records
of the people the entry concerns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from neighborhood_pb.dataset.build import (
    build_appointments,
    build_tree,
    ledger_records,
    reopen_ledger,
)
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import Finding
from neighborhood_pb.points.entries import Claim, Entry, Redemption
from neighborhood_pb.points.reopen import parent_key

__all__ = ["ledger_impact", "register_changes"]

_SECTIONS = (
    ("structure", "people"),
    ("structure", "memberships"),
    ("structure", "reports"),
    ("appointments", "appointments"),
)
"""The registers whose records name a person (by ``person_id``, or ``id`` for people)."""


def _records(dataset: Dataset, part: str, section: str) -> dict[str, Any]:
    records: Iterable[Any] = getattr(getattr(dataset, part), section)
    return {record.id: record for record in records}


def _person(record: object) -> str:
    return str(getattr(record, "person_id", getattr(record, "id", "")))


def _change(section: str, key: str, old: Any, new: Any) -> str:
    if old is None:
        return f"{section} {key} added"
    if new is None:
        return f"{section} {key} removed"
    fields = [
        f"{field.name} {getattr(old, field.name)} → {getattr(new, field.name)}"
        for field in attrs.fields(type(old))
        if getattr(old, field.name) != getattr(new, field.name)
    ]
    return f"{section} {key}: {'; '.join(fields)}"


def register_changes(before: Dataset, after: Dataset, people: Iterable[str]) -> tuple[str, ...]:
    """The edits from ``before`` to ``after`` of the people, memberships, reports and
    appointments of ``people``, each as one line (``reports R1: period … → …``)."""
    wanted = set(people)
    found: list[str] = []
    for part, section in _SECTIONS:
        old, new = _records(before, part, section), _records(after, part, section)
        for key in sorted(old.keys() | new.keys()):
            was, now = old.get(key), new.get(key)
            if was == now or not {_person(r) for r in (was, now) if r is not None} & wanted:
                continue
            found.append(_change(section, key, was, now))
    return tuple(found)


def _people(entry: Entry, members: dict[str, str]) -> tuple[str, ...]:
    """The member whose balance ``entry`` moves (if any) and its actor."""
    member = members.get(entry.key)
    return (entry.actor,) if member is None else (member, entry.actor)


def _members(entries: Iterable[Entry]) -> dict[str, str]:
    """The member of each entry, followed through the entries they act on."""
    members: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, Claim | Redemption):
            members[entry.key] = entry.member_id
            continue
        parent = parent_key(entry)
        if parent is not None and parent in members:
            members[entry.key] = members[parent]
    return members


def ledger_impact(before: Dataset, after: Dataset) -> tuple[Finding, ...]:
    """One ``ledger.register_impact`` finding per ledger entry of ``before`` that holds
    there but would no longer validate against the registers of ``after``, naming the
    register edits of the people it concerns (or, when none, the edited registers as a whole).

    Raises:
        DatasetRecordError: ``before`` or ``after`` has a record its own registers refuse.
    """
    records = ledger_records(before)
    held = _refused(before)
    tree = build_tree(after)
    edited = attrs.evolve(after, points=attrs.evolve(after.points, entries=records.entries))
    _, findings = reopen_ledger(edited, tree, build_appointments(after, tree))
    members = _members(records.entries)
    entries = {entry.key: entry for entry in records.entries}
    result: list[Finding] = []
    for finding in findings:
        if finding.subject in held:
            continue
        changes = register_changes(before, after, _people(entries[finding.subject], members))
        change = "; ".join(changes) or "other register edits"
        why = finding.params["why"]
        result.append(
            Finding(
                code="ledger.register_impact",
                severity=finding.severity,
                subject=finding.subject,
                message=f"the register change ({change}) would invalidate ledger entry "
                f"{finding.subject}: {why}",
                rule=finding.rule,
                params={**finding.params, "change": change},
            )
        )
    return tuple(result)


def _refused(dataset: Dataset) -> frozenset[str]:
    """The entries the dataset's own registers already refuse (not the edit's doing)."""
    tree = build_tree(dataset)
    _, findings = reopen_ledger(dataset, tree, build_appointments(dataset, tree))
    return frozenset(finding.subject for finding in findings)
