"""The comparison behind :func:`~neighborhood_pb.io.registers.reconcile.reconcile`: last
month's records against this month's registers, section by section (台账比对).

Records are matched by what identifies them in a register, not by generated ids: territories,
people and organisations by id; a formal membership by its person (a change of organisation
is a transfer); another membership by person, kind and organisation; a residential report
by its person; an appointment by person, post, organisation or body and territory; coverage
by organisation and territory.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.io.registers.changes import Change, ChangeKind
from neighborhood_pb.io.registers.reconcile_members import appointments, memberships, reports
from neighborhood_pb.io.registers.reconcile_state import (
    DiffState,
    Sources,
    by_key,
    listed,
    starting,
)
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import Coverage, Organisation
from neighborhood_pb.structure.territory import Territory

__all__ = ["Sources", "diff"]

_ORG_FIELDS = (
    ("name", ChangeKind.RENAME_ORG),
    ("parent_id", ChangeKind.MOVE_ORG),
    ("form", ChangeKind.REFORM_ORG),
)


def diff(
    current: Dataset, incoming: Dataset, day: pendulum.Date, sources: Sources
) -> tuple[list[Change], list[Finding]]:
    """The changes that turn ``current`` into what ``incoming`` says from ``day``, in the
    order of application, and the findings of changes that cannot be expressed."""
    state = DiffState(current, incoming, day, sources)
    _territories(state)
    _people(state)
    _orgs(state)
    _coverage(state)
    memberships(state)
    reports(state)
    appointments(state)
    positions = {level.code: n for n, level in enumerate(current.schema.levels)}
    state.changes.sort(key=lambda change: _order(change, positions))
    return state.changes, state.findings


def _order(change: Change, positions: Mapping[str, int]) -> tuple[int, int]:
    record = change.after or change.before
    depth = 0
    if isinstance(record, Organisation):
        depth = positions.get(record.level, len(positions))
        if change.kind is ChangeKind.DISSOLVE_ORG:
            depth = -depth
    elif change.kind is ChangeKind.ADD_TERRITORY:
        assert isinstance(record, Territory)
        depth = record.kind.rank
    return change.kind.rank, depth


def _territories(state: DiffState) -> None:
    known = {t.id for t in state.current.structure.territories}
    for territory in state.incoming.structure.territories:
        if territory.id not in known and territory.period.runs_past(state.day):
            state.add(
                ChangeKind.ADD_TERRITORY,
                territory.id,
                territory.name,
                "territories",
                after=starting(territory, state.day),
                target_id=territory.parent_id or "",
                target_name=state.place(territory.parent_id),
            )


def _people(state: DiffState) -> None:
    known = {p.id: p for p in state.current.structure.people}
    for person in state.incoming.structure.people:
        old = known.get(person.id)
        if old is None:
            state.add(ChangeKind.ADD_PERSON, person.id, person.name, "people", after=person)
        elif old != person:
            fields = [
                f.name
                for f in attrs.fields(Person)
                if getattr(old, f.name) != getattr(person, f.name)
            ]
            state.add(
                ChangeKind.UPDATE_PERSON,
                person.id,
                person.name,
                "people",
                before=old,
                after=person,
                detail="、".join(fields),
            )


def _org_id(org: Organisation) -> str:
    return org.id


def _orgs(state: DiffState) -> None:
    day = state.day
    versions = sorted(state.current.structure.orgs, key=lambda o: o.period.start)
    known = {o.id for o in versions}
    current = by_key(listed(versions, day), _org_id)
    rows = sorted(listed(state.incoming.structure.orgs, day), key=lambda o: o.period.start)
    incoming = by_key(rows, _org_id)
    ends = {org.id: org.period.end for org in rows}  # the last listed version's end
    for org_id, first in incoming.items():
        # the version in effect (or the first to come), over the org's whole listed life
        new = attrs.evolve(first, period=Period(start=first.period.start, end=ends[org_id]))
        old = current.get(org_id)
        parent = (new.parent_id or "", state.org_names.get(new.parent_id or "", ""))
        if old is None:
            start = new if org_id not in known else attrs.evolve(new, period=Period(start=day))
            state.add(
                ChangeKind.FOUND_ORG,
                org_id,
                new.name,
                "orgs",
                after=starting(start, day),
                target_id=parent[0],
                target_name=parent[1],
            )
            continue
        _revise(state, old, new)
    for org_id, old in current.items():
        if org_id not in incoming:
            state.dissolved.add(org_id)
            state.end_or_refuse(ChangeKind.DISSOLVE_ORG, old, org_id, old.name, "orgs")


def _revise(state: DiffState, old: Organisation, new: Organisation) -> None:
    changed = [
        (name, kind) for name, kind in _ORG_FIELDS if getattr(old, name) != getattr(new, name)
    ]
    if len(changed) > 1:
        fields = "、".join(name for name, _ in changed)
        state.findings.append(
            Finding(
                code="reconcile.several_org_changes",
                severity=Severity.ERROR,
                subject=new.id,
                subject_name=new.name,
                message=f"organisation {new.id}: several attributes change on one day ({fields})",
                rule="reconcile.several_org_changes",
                params={"fields": fields},
            )
        )
        return
    if changed:
        name, kind = changed[0]
        after = attrs.evolve(old, **{name: getattr(new, name)}, period=Period(start=state.day))
        detail = {
            ChangeKind.RENAME_ORG: old.name,
            ChangeKind.REFORM_ORG: f"{old.form.label_zh} → {new.form.label_zh}",
        }.get(kind, "")
        state.add(
            kind,
            new.id,
            new.name,
            "orgs",
            before=old,
            after=after,
            detail=detail,
            origin_id=old.parent_id or "",
            origin_name=state.org_names.get(old.parent_id or "", ""),
            target_id=new.parent_id or "",
            target_name=state.org_names.get(new.parent_id or "", ""),
        )
    state.ends_later(old, new, ChangeKind.DISSOLVE_ORG, new.id, "orgs")


def _coverage_key(coverage: Coverage) -> tuple[str, str]:
    return coverage.org_id, coverage.territory_id


def _coverage(state: DiffState) -> None:
    day = state.day
    current = by_key(listed(state.current.structure.coverage, day), _coverage_key)
    incoming = by_key(listed(state.incoming.structure.coverage, day), _coverage_key)
    for key, new in incoming.items():
        if key not in current:
            state.add(
                ChangeKind.COVER,
                new.org_id,
                state.org_names.get(new.org_id, ""),
                "coverage",
                after=starting(new, day),
                target_id=new.territory_id,
                target_name=state.place(new.territory_id),
            )
    for key, old in current.items():
        if key not in incoming and old.org_id not in state.dissolved:
            state.end_or_refuse(
                ChangeKind.UNCOVER,
                old,
                old.org_id,
                state.org_names.get(old.org_id, ""),
                "coverage",
                target_id=old.territory_id,
                target_name=state.place(old.territory_id),
            )
