"""The state of one comparison of last month's records with this month's registers
(台账比对): the day, the names changes show, the changes and findings so far, and the rules
every section shares (which records are listed, when a new one starts, fresh ids).
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
from neighborhood_pb.structure.posts.records import Appointment
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory

__all__ = ["DiffState", "Sources", "by_key", "fresh_id", "listed", "starting"]

Sources = Mapping[tuple[str, str], RowSource]
"""Register rows by section and record id, e.g. ``("memberships", "M1")``."""

D = TypeVar("D", Territory, Coverage, Membership, Report, Appointment, Organisation)
K = TypeVar("K")


def listed(records: Iterable[D], day: pendulum.Date) -> list[D]:
    """Records that still run on ``day`` or later."""
    return [record for record in records if record.period.runs_past(day)]


def starting(record: D, day: pendulum.Date, **changes: Any) -> D:
    """``record`` started no earlier than ``day`` (the rule for new records)."""
    period = record.period
    if period.start < day:
        period = Period(start=day, end=period.end)
    return attrs.evolve(record, period=period, **changes)


def fresh_id(record_id: str, taken: Mapping[str, object], day: pendulum.Date) -> str:
    """``record_id``, or it suffixed with the day when last month's records use it."""
    return record_id if record_id not in taken else f"{record_id}-{day.strftime('%Y%m%d')}"


class DiffState:
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
        for org in (*current.structure.orgs, *listed(incoming.structure.orgs, day)):
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


def by_key(records: Iterable[D], key: Callable[[D], K]) -> dict[K, D]:
    result: dict[K, D] = {}
    for record in records:
        result.setdefault(key(record), record)
    return result
