"""The comparison behind :func:`~neighborhood_pb.io.registers.reconcile.reconcile`: last
month's records against this month's registers, section by section (台账比对).

Records are matched by what identifies them in a register, not by generated ids: territories,
people and organisations by id; a formal membership by its person (a change of organisation
is a transfer); another membership by person, kind and organisation; a residential report
by its person; an appointment by person, post, organisation or body and territory; coverage
by organisation and territory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.io.registers.changes import Change, ChangeKind, RowSource
from neighborhood_pb.structure.forms import MembershipKind
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.records import Appointment
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory

__all__ = ["Sources", "diff"]

Sources = Mapping[tuple[str, str], RowSource]
"""Register rows by section and record id, e.g. ``("memberships", "M1")``."""

D = TypeVar("D", Territory, Coverage, Membership, Report, Appointment, Organisation)
K = TypeVar("K")

_ORG_FIELDS = (
    ("name", ChangeKind.RENAME_ORG),
    ("parent_id", ChangeKind.MOVE_ORG),
    ("form", ChangeKind.REFORM_ORG),
)


def _listed(records: Iterable[D], day: pendulum.Date) -> list[D]:
    """Records that still run on ``day`` or later."""
    return [record for record in records if record.period.runs_past(day)]


def _starting(record: D, day: pendulum.Date, **changes: Any) -> D:
    """``record`` started no earlier than ``day`` (the rule for new records)."""
    period = record.period
    if period.start < day:
        period = Period(start=day, end=period.end)
    return attrs.evolve(record, period=period, **changes)


def _fresh_id(record_id: str, taken: Mapping[str, object], day: pendulum.Date) -> str:
    """``record_id``, or it suffixed with the day when last month's records use it."""
    return record_id if record_id not in taken else f"{record_id}-{day.strftime('%Y%m%d')}"


class _Diff:
    """One comparison's state: the day, the names it shows and what it found."""

    def __init__(
        self, current: Dataset, incoming: Dataset, day: pendulum.Date, sources: Sources
    ) -> None:
        self.current, self.incoming, self.day, self.sources = current, incoming, day, sources
        self.changes: list[Change] = []
        self.findings: list[Finding] = []
        self.people = {p.id: p for p in current.structure.people}
        self.people.update((p.id, p) for p in incoming.structure.people)
        self.org_names: dict[str, str] = {}
        for org in (*current.structure.orgs, *_listed(incoming.structure.orgs, day)):
            self.org_names[org.id] = org.name
        for body in (*current.appointments.bodies, *incoming.appointments.bodies):
            self.org_names[body.id] = body.name
        self._places: dict[str, str] | None = None
        self.dissolved: set[str] = set()

    def place(self, territory_id: str | None) -> str:
        """A territory's name, from the registers or else last month's data ("": none)."""
        if self._places is None:  # built on first use: most months name no territory
            self._places = {t.id: t.name for t in self.current.structure.territories}
            self._places.update((t.id, t.name) for t in self.incoming.structure.territories)
        return self._places.get(territory_id or "", "")

    def person(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return "" if person is None else person.name

    def holder(self, record: Membership | Appointment) -> tuple[str, str]:
        """The organisation or body a record belongs to, with its name."""
        org_id = record.org_id if record.org_id is not None else getattr(record, "body_id", "")
        return org_id or "", self.org_names.get(org_id or "", "")

    def add(
        self,
        kind: ChangeKind,
        subject: str,
        name: str,
        section: str,
        *,
        on: pendulum.Date | None = None,
        listed_id: str | None = None,
        **fields: Any,
    ) -> None:
        """Record a change; its register row is looked up by ``listed_id`` (the id the
        registers give the record), else by the id of the record after or before."""
        record = fields.get("after") or fields.get("before")
        record_id = str(getattr(record, "id", subject)) if listed_id is None else listed_id
        if on is None:  # a start takes effect when its record starts
            period = getattr(fields.get("after"), "period", None)
            on = self.day if period is None else period.start
        self.changes.append(
            Change(
                kind=kind,
                subject_id=subject,
                subject_name=name,
                on=on,
                source=self.sources.get((section, record_id)),
                **fields,
            )
        )

    def future(self, subject: str, name: str, start: pendulum.Date) -> None:
        self.findings.append(
            Finding(
                code="reconcile.future_record",
                severity=Severity.ERROR,
                subject=subject,
                subject_name=name,
                message=f"{subject} starts on {start}, not before the effective day, and is "
                "no longer in the registers",
                rule="reconcile.future_record",
                params={"start": start},
            )
        )

    def end_or_refuse(
        self, kind: ChangeKind, record: D, subject: str, name: str, section: str, **fields: Any
    ) -> None:
        """End ``record`` on the day, unless it starts then or later."""
        if record.period.start >= self.day:
            self.future(subject, name, record.period.start)
        else:
            self.add(kind, subject, name, section, before=record, **fields)

    def ends_later(self, old: D, new: D, kind: ChangeKind, subject: str, section: str) -> None:
        """End ``old`` on the end ``new`` gives it, when the registers date one."""
        end = new.period.end
        if end is not None and old.period.end is None:
            self.add(kind, subject, self.subject_name(subject), section, before=old, on=end)

    def subject_name(self, subject: str) -> str:
        return self.person(subject) or self.org_names.get(subject, "")


def diff(
    current: Dataset, incoming: Dataset, day: pendulum.Date, sources: Sources
) -> tuple[list[Change], list[Finding]]:
    """The changes that turn ``current`` into what ``incoming`` says from ``day``, in the
    order of application, and the findings of changes that cannot be expressed."""
    state = _Diff(current, incoming, day, sources)
    _territories(state)
    _people(state)
    _orgs(state)
    _coverage(state)
    _memberships(state)
    _reports(state)
    _appointments(state)
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


def _territories(state: _Diff) -> None:
    known = {t.id for t in state.current.structure.territories}
    for territory in state.incoming.structure.territories:
        if territory.id not in known and territory.period.runs_past(state.day):
            state.add(
                ChangeKind.ADD_TERRITORY,
                territory.id,
                territory.name,
                "territories",
                after=_starting(territory, state.day),
                target_id=territory.parent_id or "",
                target_name=state.place(territory.parent_id),
            )


def _people(state: _Diff) -> None:
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


def _by_key(records: Iterable[D], key: Callable[[D], K]) -> dict[K, D]:
    result: dict[K, D] = {}
    for record in records:
        result.setdefault(key(record), record)
    return result


def _org_id(org: Organisation) -> str:
    return org.id


def _orgs(state: _Diff) -> None:
    day = state.day
    versions = sorted(state.current.structure.orgs, key=lambda o: o.period.start)
    known = {o.id for o in versions}
    current = _by_key(_listed(versions, day), _org_id)
    listed = sorted(_listed(state.incoming.structure.orgs, day), key=lambda o: o.period.start)
    incoming = _by_key(listed, _org_id)
    ends = {org.id: org.period.end for org in listed}  # the last listed version's end
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
                after=_starting(start, day),
                target_id=parent[0],
                target_name=parent[1],
            )
            continue
        _revise(state, old, new)
    for org_id, old in current.items():
        if org_id not in incoming:
            state.dissolved.add(org_id)
            state.end_or_refuse(ChangeKind.DISSOLVE_ORG, old, org_id, old.name, "orgs")


def _revise(state: _Diff, old: Organisation, new: Organisation) -> None:
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


def _coverage(state: _Diff) -> None:
    day = state.day
    current = _by_key(_listed(state.current.structure.coverage, day), _coverage_key)
    incoming = _by_key(_listed(state.incoming.structure.coverage, day), _coverage_key)
    for key, new in incoming.items():
        if key not in current:
            state.add(
                ChangeKind.COVER,
                new.org_id,
                state.org_names.get(new.org_id, ""),
                "coverage",
                after=_starting(new, day),
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


def _membership_key(membership: Membership) -> tuple[str, str, str]:
    if membership.kind is MembershipKind.FORMAL:
        return membership.person_id, membership.kind.value, ""
    return membership.person_id, membership.kind.value, membership.org_id


def _memberships(state: _Diff) -> None:
    day = state.day
    taken = {m.id: m for m in state.current.structure.memberships}
    current = _by_key(_listed(state.current.structure.memberships, day), _membership_key)
    incoming = _by_key(_listed(state.incoming.structure.memberships, day), _membership_key)
    for key, new in incoming.items():
        old = current.get(key)
        person = new.person_id
        org = state.holder(new)
        if old is None:
            after = _starting(new, day, id=_fresh_id(new.id, taken, day))
            state.add(
                ChangeKind.START_MEMBERSHIP,
                person,
                state.person(person),
                "memberships",
                listed_id=new.id,
                after=after,
                target_id=org[0],
                target_name=org[1],
            )
        elif old.org_id != new.org_id:
            fresh = _fresh_id(new.id, taken, day)
            after = attrs.evolve(old, id=fresh, org_id=new.org_id, period=Period(start=day))
            origin = state.holder(old)
            state.add(
                ChangeKind.TRANSFER,
                person,
                state.person(person),
                "memberships",
                listed_id=new.id,
                before=old,
                after=after,
                target_id=org[0],
                target_name=org[1],
                origin_id=origin[0],
                origin_name=origin[1],
            )
        else:
            state.ends_later(old, new, ChangeKind.END_MEMBERSHIP, person, "memberships")
    for key, old in current.items():
        if key not in incoming:
            origin = state.holder(old)
            state.end_or_refuse(
                ChangeKind.END_MEMBERSHIP,
                old,
                old.person_id,
                state.person(old.person_id),
                "memberships",
                origin_id=origin[0],
                origin_name=origin[1],
            )


def _report_key(report: Report) -> str:
    return report.person_id


def _reports(state: _Diff) -> None:
    day = state.day
    taken = {r.id: r for r in state.current.structure.reports}
    current = _by_key(_listed(state.current.structure.reports, day), _report_key)
    incoming = _by_key(_listed(state.incoming.structure.reports, day), _report_key)
    for person, new in incoming.items():
        old = current.get(person)
        place = new.grid_id or new.community_id
        same = old is not None and (old.community_id, old.grid_id, old.channels) == (
            new.community_id,
            new.grid_id,
            new.channels,
        )
        if old is not None and same:
            state.ends_later(old, new, ChangeKind.END_REPORT, person, "reports")
            continue
        if old is not None:
            state.end_or_refuse(ChangeKind.END_REPORT, old, person, state.person(person), "reports")
        state.add(
            ChangeKind.START_REPORT,
            person,
            state.person(person),
            "reports",
            listed_id=new.id,
            after=_starting(new, day, id=_fresh_id(new.id, taken, day)),
            target_id=place,
            target_name=state.place(place),
        )
    for person, old in current.items():
        if person not in incoming:
            state.end_or_refuse(ChangeKind.END_REPORT, old, person, state.person(person), "reports")


def _appointment_key(a: Appointment) -> tuple[object, ...]:
    return a.person_id, a.post, a.org_id, a.body_id, a.territory_id


def _appointments(state: _Diff) -> None:
    day = state.day
    taken = {a.id: a for a in state.current.appointments.appointments}
    current = _by_key(_listed(state.current.appointments.appointments, day), _appointment_key)
    incoming = _by_key(_listed(state.incoming.appointments.appointments, day), _appointment_key)
    for key, new in incoming.items():
        old = current.get(key)
        holder = state.holder(new)
        if old is None:
            state.add(
                ChangeKind.APPOINT,
                new.person_id,
                state.person(new.person_id),
                "appointments",
                listed_id=new.id,
                after=_starting(new, day, id=_fresh_id(new.id, taken, day)),
                target_id=holder[0],
                target_name=holder[1],
                detail=new.post.label_zh,
            )
        else:
            state.ends_later(old, new, ChangeKind.END_APPOINTMENT, new.person_id, "appointments")
    for key, old in current.items():
        if key not in incoming:
            holder = state.holder(old)
            state.end_or_refuse(
                ChangeKind.END_APPOINTMENT,
                old,
                old.person_id,
                state.person(old.person_id),
                "appointments",
                origin_id=holder[0],
                origin_name=holder[1],
                detail=old.post.label_zh,
            )
