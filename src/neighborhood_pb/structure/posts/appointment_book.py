"""Appointments to posts (任职) of the appointments aggregate: their validation, indices and
queries.

:class:`AppointmentBook` owns the appointments and asks the organisation tree and the
:class:`~neighborhood_pb.structure.posts.body_book.BodyBook` below it; it knows nothing of
evaluations.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError, UnknownRecordError
from neighborhood_pb.history import Register
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.bodies import BodyKind, ServiceContract
from neighborhood_pb.structure.posts.body_book import BodyBook
from neighborhood_pb.structure.posts.lookups import find_person, find_territory, refuse, unknown
from neighborhood_pb.structure.posts.records import Appointment, EndReason
from neighborhood_pb.structure.posts.rules import AppointmentRules
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["AppointmentBook"]

_UNIT_KINDS = frozenset({BodyKind.RESIDENT_UNIT, BodyKind.SOCIAL_ORGANISATION})


class AppointmentBook:
    """Appointments (任职) by id, by person, by party organisation, by body and by person and
    organisation, with the part-time appointments resting on each.

    Invariants: an appointment names an existing person, and a party organisation or body
    that exists for the whole appointment and whose form or kind allows the post; a party
    post is held by a party member (a full member for elected seats) from its start; the
    territory a post answers for lies inside what its organisation covers or its body serves
    on the first day; a part-time member's (兼职委员) outside tie belongs to the same person,
    lies outside the committee and is in effect on the first day; no identical appointment
    twice at once; one committee seat per person and organisation; one holder at a time of
    a single-seat post (书记、主任).

    Attributes:
        register: The appointments.
    """

    def __init__(self, tree: OrgTree, rules: AppointmentRules, bodies: BodyBook) -> None:
        """Create an empty book over ``tree`` and ``bodies`` following ``rules``."""
        self._tree = tree
        self._rules = rules
        self._bodies = bodies
        self.register: Register[Appointment] = Register("appointment")
        self._by_person: dict[str, list[str]] = {}
        self._by_org: dict[str, list[str]] = {}
        self._by_body: dict[str, list[str]] = {}
        self._by_person_org: dict[tuple[str, str], list[str]] = {}
        self._dependants: dict[str, list[str]] = {}

    # == commands ===========================================================================

    def check(self, appointment: Appointment) -> None:
        """Validate a new appointment (see ``Appointments.appoint``)."""
        subject = appointment.id
        self.register.check_new(subject)
        person = find_person(self._tree, appointment.person_id, subject)
        if appointment.org_id is not None:
            self._check_org_post(appointment, appointment.org_id, person)
        else:
            assert appointment.body_id is not None
            self._check_body_post(appointment, appointment.body_id)
        self._check_territory(appointment)
        self._check_part_time(appointment)
        self._check_overlaps(appointment)

    def add(self, appointment: Appointment) -> None:
        """Store a validated appointment."""
        subject = appointment.id
        self.register.put(subject, appointment)
        self._by_person.setdefault(appointment.person_id, []).append(subject)
        if appointment.org_id is not None:
            self._by_org.setdefault(appointment.org_id, []).append(subject)
            key = (appointment.person_id, appointment.org_id)
            self._by_person_org.setdefault(key, []).append(subject)
        else:
            assert appointment.body_id is not None
            self._by_body.setdefault(appointment.body_id, []).append(subject)
        basis = appointment.part_time
        if basis is not None and basis.appointment_id is not None:
            self._dependants.setdefault(basis.appointment_id, []).append(subject)

    def _check_org_post(self, appointment: Appointment, org_id: str, person: Person) -> None:
        subject, post, period = appointment.id, appointment.post, appointment.period
        try:
            history = self._tree.history(org_id)
        except UnknownRecordError:
            raise unknown(
                f"appointment {subject}: no party organisation {org_id}", subject
            ) from None
        if not period.within(self._tree.lifetime(org_id)):
            raise refuse(
                f"appointment {subject} {period} falls outside the life of {org_id}",
                subject,
                "appointment.within_lifetime",
            )
        for version in history:
            if version.period.overlaps(period) and version.form not in post.org_forms:
                raise refuse(
                    f"appointment {subject}: a {version.form.label_zh} has no {post.label_zh}",
                    subject,
                    "post.org_form",
                )
        if post in self._rules.party_member_posts and not person.is_party_member(period.start):
            raise refuse(
                f"appointment {subject}: a {post.label_zh} of a party organisation must be a "
                f"party member; {person.id} is not one on {period.start}",
                subject,
                "post.party_member",
            )
        if post in self._rules.full_member_posts and not person.is_full_member(period.start):
            raise refuse(
                f"appointment {subject}: a {post.label_zh} is elected from full members "
                f"(正式党员); {person.id} is not one on {period.start}",
                subject,
                "post.full_member",
            )

    def _check_body_post(self, appointment: Appointment, body_id: str) -> None:
        subject, post = appointment.id, appointment.post
        body = self._bodies.body_for(body_id, subject)
        if body.kind not in post.body_kinds:
            raise refuse(
                f"appointment {subject}: a {body.kind.label_zh} has no {post.label_zh}",
                subject,
                "post.body_kind",
            )
        if not appointment.period.within(body.period):
            raise refuse(
                f"appointment {subject} {appointment.period} falls outside the life of "
                f"{body_id} {body.period}",
                subject,
                "appointment.within_lifetime",
            )

    def _check_territory(self, appointment: Appointment) -> None:
        if appointment.territory_id is None:
            return
        subject, post, start = appointment.id, appointment.post, appointment.period.start
        territory = find_territory(self._tree, appointment.territory_id, subject)
        if territory.kind is not post.territory_kind:
            raise refuse(
                f"appointment {subject}: a {post.label_zh} answers for a "
                f"{post.territory_kind.label_zh if post.territory_kind else '-'}, not the "
                f"{territory.kind.label_zh} {territory.id}",
                subject,
                "post.territory",
            )
        if not appointment.period.within(territory.period):
            raise refuse(
                f"appointment {subject} {appointment.period} falls outside the life of "
                f"{territory.id}",
                subject,
                "appointment.within_lifetime",
            )
        if appointment.org_id is not None:
            places = {t.id for t in self._tree.territories_covered(appointment.org_id, start)}
        else:
            assert appointment.body_id is not None
            places = set(self._bodies.served_territories(appointment.body_id, start))
        inside = {territory.id, *(t.id for t in self._tree.territories.ancestors(territory.id))}
        if not places & inside:
            raise refuse(
                f"appointment {subject}: {territory.id} lies outside what "
                f"{appointment.holder_id} covers or serves on {start}",
                subject,
                "post.territory_inside",
            )

    def _check_part_time(self, appointment: Appointment) -> None:
        basis = appointment.part_time
        if basis is None:
            return
        subject, start = appointment.id, appointment.period.start
        if basis.unit_id is not None:
            unit = self._bodies.body_for(basis.unit_id, subject)
            if unit.kind not in _UNIT_KINDS:
                raise refuse(
                    f"appointment {subject}: {unit.id} is a {unit.kind.label_zh}, not a resident "
                    "unit or social organisation",
                    subject,
                    "part_time.unit",
                )
        ties: list[tuple[str, str, str | None, Period]] = []
        if basis.appointment_id is not None:
            outside = self.register.find(basis.appointment_id)
            if outside is None:
                raise unknown(
                    f"appointment {subject}: no outside post {basis.appointment_id}", subject
                )
            ties.append((outside.id, outside.person_id, outside.org_id, outside.period))
        if basis.membership_id is not None:
            try:
                membership = self._tree.membership(basis.membership_id)
            except UnknownRecordError:
                raise unknown(
                    f"appointment {subject}: no membership {basis.membership_id}", subject
                ) from None
            ties.append((membership.id, membership.person_id, membership.org_id, membership.period))
        if basis.report_id is not None:
            try:
                report = self._tree.report(basis.report_id)
            except UnknownRecordError:
                raise unknown(
                    f"appointment {subject}: no report {basis.report_id}", subject
                ) from None
            ties.append((report.id, report.person_id, None, report.period))
        for tie_id, person_id, org_id, period in ties:
            if person_id != appointment.person_id:
                raise refuse(
                    f"appointment {subject}: {tie_id} belongs to {person_id}, not "
                    f"{appointment.person_id}",
                    subject,
                    "part_time.basis",
                )
            if org_id == appointment.org_id:
                raise refuse(
                    f"appointment {subject}: {tie_id} lies in {org_id} itself; a part-time "
                    "member comes from outside",
                    subject,
                    "part_time.outside",
                )
            if not period.contains(start):
                raise refuse(
                    f"appointment {subject}: {tie_id} {period} is not in effect on {start}",
                    subject,
                    "part_time.basis_in_effect",
                )

    def _check_overlaps(self, appointment: Appointment) -> None:
        subject, post = appointment.id, appointment.post
        for other_id in self._by_person.get(appointment.person_id, ()):
            other = self.register[other_id]
            if not other.period.overlaps(appointment.period):
                continue
            if (
                other.post is post
                and other.org_id == appointment.org_id
                and other.body_id == appointment.body_id
                and other.territory_id == appointment.territory_id
            ):
                raise ConflictError(
                    f"appointment {subject}: {appointment.person_id} already holds this "
                    f"{post.label_zh} in {appointment.holder_id} through {other_id}",
                    subject=subject,
                    rule="appointment.unique",
                )
            if (
                appointment.org_id is not None
                and other.org_id == appointment.org_id
                and post.is_committee_seat
                and other.post.is_committee_seat
            ):
                raise ConflictError(
                    f"appointment {subject}: {appointment.person_id} already holds a committee "
                    f"seat ({other.post.label_zh}) in {appointment.org_id} through {other_id}",
                    subject=subject,
                    rule="post.one_seat_per_person",
                )
        if post not in self._rules.single_seat_posts:
            return
        index = self._by_org if appointment.org_id is not None else self._by_body
        seated = self.register.overlapping(
            index.get(appointment.holder_id, ()),
            appointment.period,
            lambda other: other.post is post,
        )
        if seated is not None:
            raise ConflictError(
                f"appointment {subject}: {appointment.holder_id} already has a "
                f"{post.label_zh}, {seated.person_id}, through {seated.id} {seated.period}",
                subject=subject,
                rule="post.single_seat",
            )

    def check_end(self, appointment_id: str, day: _dt.date) -> Appointment:
        """Validate ending an appointment on ``day`` against the part-time appointments
        resting on it; returns the current record."""
        current = self.register.check_end(appointment_id, day)
        for dependant_id in self._dependants.get(appointment_id, ()):
            if self.register[dependant_id].period.start >= day:
                raise refuse(
                    f"appointment {appointment_id}: part-time appointment {dependant_id} rests "
                    f"on it from {self.register[dependant_id].period.start}",
                    appointment_id,
                    "part_time.basis_in_effect",
                )
        return current

    def end(self, appointment_id: str, day: _dt.date, reason: EndReason | None) -> Appointment:
        """End a validated appointment on ``day``; returns the ended record."""
        return self.register.end(appointment_id, day, end_reason=reason)

    def check_contract_end(self, contract: ServiceContract, day: _dt.date) -> None:
        """Refuse ending ``contract`` on ``day`` while a property manager of its company for
        its compound starts on or after ``day`` under it."""
        for appointment_id in self._by_body.get(contract.company_id, ()):
            appointment = self.register[appointment_id]
            start = appointment.period.start
            if (
                appointment.territory_id == contract.compound_id
                and start >= day
                and contract.period.contains(start)
            ):
                raise refuse(
                    f"contract {contract.id}: appointment {appointment_id} rests on it from "
                    f"{start}",
                    contract.id,
                    "post.territory_inside",
                )

    def running_in_body(self, body_id: str, day: _dt.date) -> list[str]:
        """Ids of the appointments in a body that still run after ``day``."""
        return [a for a in self._by_body.get(body_id, ()) if self.register[a].period.runs_past(day)]

    # == queries ============================================================================

    def select(self, ids: Iterable[str], on: _dt.date | None) -> tuple[Appointment, ...]:
        """The appointments ``ids`` (in effect on ``on``, if given)."""
        found = (self.register[i] for i in ids)
        if on is None:
            return tuple(found)
        return tuple(a for a in found if a.period.contains(on))

    def of_person(self, person_id: str, on: _dt.date | None) -> tuple[Appointment, ...]:
        """A person's appointments (in effect on ``on``, if given)."""
        return self.select(self._by_person.get(person_id, ()), on)

    def in_org(self, org_id: str, on: _dt.date | None) -> tuple[Appointment, ...]:
        """Appointments in a party organisation (in effect on ``on``, if given)."""
        return self.select(self._by_org.get(org_id, ()), on)

    def in_body(self, body_id: str, on: _dt.date | None) -> tuple[Appointment, ...]:
        """Appointments in a non-party body (in effect on ``on``, if given)."""
        return self.select(self._by_body.get(body_id, ()), on)

    def holds_post(self, person_id: str, org_id: str, on: _dt.date, skip: str | None) -> bool:
        """Whether ``person_id`` holds a post in ``org_id`` on ``on`` other than ``skip``."""
        for appointment_id in self._by_person_org.get((person_id, org_id), ()):
            if appointment_id != skip and self.register[appointment_id].period.contains(on):
                return True
        return False
