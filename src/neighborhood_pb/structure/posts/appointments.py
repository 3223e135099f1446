"""The appointments aggregate (任职): non-party bodies, service contracts, appointments to
posts, and evaluations outside working hours, over an organisation tree.

Design: the aggregate owns its bodies, contracts, appointments and evaluations, and holds a
reference to the :class:`~neighborhood_pb.structure.tree.OrgTree` that owns territory, people,
party organisations and memberships. Bodies live here rather than in the tree because nothing
in the tree refers to them while appointments do: the aggregate that validates appointments
must see both ends of every reference. Every reference into the tree is checked when a
command runs; the tree may change later (an organisation dissolved, a territory ended), which
:func:`~neighborhood_pb.structure.posts.checks.check_references` reports as findings.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator

import attrs

from neighborhood_pb.calendar.periods import Period, as_date, as_optional_date
from neighborhood_pb.errors import (
    ConflictError,
    NotAuthorisedError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.history import Register, load_section, locating
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
from neighborhood_pb.structure.posts.evaluations import Evaluation, YearlySummary
from neighborhood_pb.structure.posts.records import Appointment, EndReason, PostKind
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES, AppointmentRules
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["AppointmentRecords", "Appointments"]

_UNIT_KINDS = frozenset({BodyKind.RESIDENT_UNIT, BodyKind.SOCIAL_ORGANISATION})


@attrs.frozen(kw_only=True)
class AppointmentRecords:
    """Every record of an :class:`Appointments` aggregate, as plain tuples.

    Attributes:
        bodies: Non-party bodies.
        contracts: Property-service contracts.
        appointments: Appointments to posts.
        evaluations: Evaluations outside working hours.
    """

    bodies: tuple[Body, ...] = ()
    contracts: tuple[ServiceContract, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()


def _refuse(message: str, subject: str, rule: str) -> RuleViolationError:
    return RuleViolationError(message, subject=subject, rule=rule)


def _unknown(message: str, subject: str) -> UnknownRecordError:
    return UnknownRecordError(message, subject=subject, rule="reference.exists")


def _by_id(record: Body | ServiceContract | Appointment | Evaluation) -> str:
    return record.id


class Appointments:
    """Who holds which post where, inside and outside the party, over an organisation tree.

    Every command validates completely before changing anything: a rejected command raises a
    subclass of :class:`~neighborhood_pb.errors.NeighborhoodPBError` naming the record and
    the rule, and leaves the aggregate exactly as it was. Ending a body, contract or
    appointment sets its end; nothing is deleted; every query is asked as of a day.

    Invariants:
        * every body sits on a territory of the kind its kind requires, for its whole life;
          one residents' committee per community, one owners' assembly and one owners'
          committee per compound at a time; an owners' committee lies within the life of its
          owners' assembly on the same compound;
        * a contract joins a property company and a compound, within both lives;
        * an appointment names an existing person, and a party organisation or body that
          exists for the whole appointment and whose form or kind allows the post; a party
          post is held by a party member (a full member for elected seats) from its start;
        * the territory a post answers for lies inside what its organisation covers or its
          body serves on the first day; a part-time member's outside tie belongs to the same
          person, lies outside the committee and is in effect on the first day;
        * no identical appointment twice at once; one committee seat per person and
          organisation; one holder at a time of a single-seat post (书记、主任);
        * every evaluation was made by someone holding a post in the evaluating
          organisation that day, never by the person evaluated, at most one per person,
          organisation and period.
    """

    def __init__(self, tree: OrgTree, rules: AppointmentRules = DEFAULT_APPOINTMENT_RULES) -> None:
        """Create an empty aggregate over ``tree`` following ``rules``."""
        self.tree = tree
        self.rules = rules
        self._bodies: Register[Body] = Register("body")
        self._bodies_by_territory: dict[str, list[str]] = {}
        self._child_bodies: dict[str, list[str]] = {}
        self._contracts: Register[ServiceContract] = Register("contract")
        self._contracts_by_company: dict[str, list[str]] = {}
        self._contracts_by_compound: dict[str, list[str]] = {}
        self._appointments: Register[Appointment] = Register("appointment")
        self._by_person: dict[str, list[str]] = {}
        self._by_org: dict[str, list[str]] = {}
        self._by_body: dict[str, list[str]] = {}
        self._by_person_org: dict[tuple[str, str], list[str]] = {}
        self._dependants: dict[str, list[str]] = {}
        self._evaluations: Register[Evaluation] = Register("evaluation")
        self._evaluations_by_person: dict[str, list[str]] = {}
        self._evaluations_by_evaluator: dict[str, list[str]] = {}

    # == loading ============================================================================

    @classmethod
    def from_records(
        cls,
        tree: OrgTree,
        records: AppointmentRecords,
        rules: AppointmentRules = DEFAULT_APPOINTMENT_RULES,
    ) -> Appointments:
        """Build the aggregate from its records, validating each as a command would.

        Records may come in any order: owners' assemblies are added before their committees,
        an outside post before the part-time appointment resting on it.

        Raises:
            NeighborhoodPBError: the first record that breaks a rule, marked with its
                ``section`` (e.g. ``"appointments"``) and its ``index`` there.
        """
        result = cls(tree, rules)
        load_section(
            "bodies", records.bodies, result.add_body, order=lambda b: b.parent_id is not None
        )
        load_section("contracts", records.contracts, result.add_contract)
        appointments = records.appointments
        for index, appointment in enumerate(appointments):
            if appointment.part_time is None:
                with locating("appointments", index):
                    result.appoint(appointment)
        pending = [i for i, a in enumerate(appointments) if a.part_time is not None]
        while pending:
            waiting = {appointments[i].id for i in pending}
            ready = [i for i in pending if not result._waits(appointments[i], waiting)]
            for index in ready or pending[:1]:
                with locating("appointments", index):
                    result.appoint(appointments[index])
            done = set(ready or pending[:1])
            pending = [i for i in pending if i not in done]
        load_section("evaluations", records.evaluations, result.evaluate)
        return result

    def _waits(self, appointment: Appointment, waiting: set[str]) -> bool:
        basis = appointment.part_time
        assert basis is not None
        return basis.appointment_id in waiting and basis.appointment_id not in self._appointments

    def records(self) -> AppointmentRecords:
        """Every record, sorted by id: the same records give the same value, whatever the
        order they were added in (for export and for comparing states)."""
        return AppointmentRecords(
            bodies=tuple(sorted(self._bodies, key=_by_id)),
            contracts=tuple(sorted(self._contracts, key=_by_id)),
            appointments=tuple(sorted(self._appointments, key=_by_id)),
            evaluations=tuple(sorted(self._evaluations, key=_by_id)),
        )

    # == lookups used in messages ===========================================================

    def _person(self, person_id: str, subject: str) -> Person:
        try:
            return self.tree.person(person_id)
        except UnknownRecordError:
            raise _unknown(f"{subject}: no person {person_id}", subject) from None

    def _territory(self, territory_id: str, subject: str) -> Territory:
        try:
            return self.tree.territories.get(territory_id)
        except UnknownRecordError:
            raise _unknown(f"{subject}: no territory {territory_id}", subject) from None

    def _body_for(self, body_id: str, subject: str) -> Body:
        body = self._bodies.find(body_id)
        if body is None:
            raise _unknown(f"{subject}: no body {body_id}", subject)
        return body

    # == bodies =============================================================================

    def add_body(self, body: Body) -> None:
        """Add a non-party body.

        Raises:
            ConflictError: the id is taken, or the territory already has a body of that kind
                meanwhile (residents' committee, owners' assembly, owners' committee).
            UnknownRecordError: the territory, owners' assembly or party organisation does not
                exist.
            RuleViolationError: the territory is of the wrong kind or does not exist for the
                body's whole life; the parent is not the owners' assembly of the same compound
                for the committee's whole life.
        """
        subject = f"body {body.id}"
        self._bodies.check_new(body.id)
        if body.territory_id is not None:
            territory = self._territory(body.territory_id, body.id)
            if territory.kind not in body.kind.territory_kinds:
                raise _refuse(
                    f"{subject}: a {body.kind.label_zh} cannot sit in a "
                    f"{territory.kind.label_zh} ({territory.id})",
                    body.id,
                    "body.territory",
                )
            if not body.period.within(territory.period):
                raise _refuse(
                    f"{subject} {body.period} falls outside the life of {territory.id} "
                    f"{territory.period}",
                    body.id,
                    "body.within_territory",
                )
        if body.parent_id is not None:
            parent = self._body_for(body.parent_id, body.id)
            if (
                parent.kind is not BodyKind.OWNERS_ASSEMBLY
                or parent.territory_id != body.territory_id
                or not body.period.within(parent.period)
            ):
                raise _refuse(
                    f"{subject}: {parent.id} is not the owners' assembly (业主大会) of "
                    f"{body.territory_id} for {body.period}",
                    body.id,
                    "body.owners_assembly",
                )
        if body.party_org_id is not None:
            try:
                self.tree.history(body.party_org_id)
            except UnknownRecordError:
                raise _unknown(
                    f"{subject}: no party organisation {body.party_org_id}", body.id
                ) from None
        if body.kind in (
            BodyKind.RESIDENTS_COMMITTEE,
            BodyKind.OWNERS_ASSEMBLY,
            BodyKind.OWNERS_COMMITTEE,
        ):
            assert body.territory_id is not None
            for other_id in self._bodies_by_territory.get(body.territory_id, ()):
                other = self._bodies[other_id]
                if other.kind is body.kind and other.period.overlaps(body.period):
                    raise ConflictError(
                        f"{subject}: {body.territory_id} already has the {body.kind.label_zh} "
                        f"{other_id} {other.period}",
                        subject=body.id,
                        rule="body.one_per_territory",
                    )
        self._bodies.put(body.id, body)
        if body.territory_id is not None:
            self._bodies_by_territory.setdefault(body.territory_id, []).append(body.id)
        if body.parent_id is not None:
            self._child_bodies.setdefault(body.parent_id, []).append(body.id)

    def end_body(self, body_id: str, on: _dt.date | str) -> Body:
        """End (dissolve) a body on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such body.
            RuleViolationError: ``on`` is not inside its life, or appointments, contracts or
                an owners' committee under it still run after ``on`` (end them first).
        """
        day = as_date(on, "on")
        self._bodies.check_end(body_id, day)
        dependants = [
            *(a for a in self._by_body.get(body_id, ()) if self._runs_past(a, day)),
            *(
                c
                for c in self._contracts_by_company.get(body_id, ())
                if self._contracts[c].period.runs_past(day)
            ),
            *(
                b
                for b in self._child_bodies.get(body_id, ())
                if self._bodies[b].period.runs_past(day)
            ),
        ]
        if dependants:
            raise _refuse(
                f"body {body_id}: {', '.join(dependants)} still run after {day}",
                body_id,
                "body.no_orphans",
            )
        return self._bodies.end(body_id, day)

    def _runs_past(self, appointment_id: str, day: _dt.date) -> bool:
        return self._appointments[appointment_id].period.runs_past(day)

    def body(self, body_id: str) -> Body:
        """The body with this id.

        Raises:
            UnknownRecordError: no such body.
        """
        return self._body_for(body_id, body_id)

    def bodies(self, on: _dt.date | str, kind: BodyKind | None = None) -> Iterator[Body]:
        """Bodies in effect on ``on`` (of one kind, if given)."""
        day = as_date(on, "on")
        return (
            body
            for body in self._bodies
            if (kind is None or body.kind is kind) and body.period.contains(day)
        )

    def bodies_serving(self, territory_id: str, on: _dt.date | str) -> tuple[Body, ...]:
        """Bodies serving a territory on ``on``: those sitting on it, and the property
        companies with a contract for it."""
        on = as_date(on, "on")
        result = [
            self._bodies[b]
            for b in self._bodies_by_territory.get(territory_id, ())
            if self._bodies[b].period.contains(on)
        ]
        for contract_id in self._contracts_by_compound.get(territory_id, ()):
            contract = self._contracts[contract_id]
            company = self._bodies[contract.company_id]
            if contract.period.contains(on) and company not in result:
                result.append(company)
        return tuple(result)

    def served_territories(self, body_id: str, on: _dt.date | str) -> tuple[str, ...]:
        """Ids of the territories a body serves on ``on`` (empty when it does not exist)."""
        on = as_date(on, "on")
        body = self.body(body_id)
        if not body.period.contains(on):
            return ()
        if body.territory_id is not None:
            return (body.territory_id,)
        return tuple(
            dict.fromkeys(
                self._contracts[c].compound_id
                for c in self._contracts_by_company.get(body_id, ())
                if self._contracts[c].period.contains(on)
            )
        )

    # == service contracts ==================================================================

    def add_contract(self, contract: ServiceContract) -> None:
        """Record that a property-service company serves a compound.

        Raises:
            ConflictError: the id is taken or the same company already serves the compound.
            UnknownRecordError: the company or compound does not exist.
            RuleViolationError: the body is not a property company, the territory not a
                compound, or the contract falls outside either's life.
        """
        subject = contract.id
        self._contracts.check_new(subject)
        company = self._body_for(contract.company_id, subject)
        compound = self._territory(contract.compound_id, subject)
        if (
            company.kind is not BodyKind.PROPERTY_COMPANY
            or compound.kind is not TerritoryKind.COMPOUND
        ):
            raise _refuse(
                f"contract {subject}: a contract joins a property company (物业服务企业) and a "
                f"compound, not a {company.kind.label_zh} and a {compound.kind.label_zh}",
                subject,
                "contract.parties",
            )
        for party, period in ((company.id, company.period), (compound.id, compound.period)):
            if not contract.period.within(period):
                raise _refuse(
                    f"contract {subject} {contract.period} falls outside the life of {party}",
                    subject,
                    "contract.within_lifetime",
                )
        for other_id in self._contracts_by_compound.get(compound.id, ()):
            other = self._contracts[other_id]
            if other.company_id == company.id and other.period.overlaps(contract.period):
                raise ConflictError(
                    f"contract {subject}: {company.id} already serves {compound.id} under "
                    f"{other_id}",
                    subject=subject,
                    rule="contract.unique",
                )
        self._contracts.put(subject, contract)
        self._contracts_by_company.setdefault(company.id, []).append(subject)
        self._contracts_by_compound.setdefault(compound.id, []).append(subject)

    def end_contract(self, contract_id: str, on: _dt.date | str) -> ServiceContract:
        """End a contract on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such contract.
            RuleViolationError: ``on`` is not inside it, or a property manager of the company
                for that compound starts on or after ``on`` without another contract.
        """
        day = as_date(on, "on")
        current = self._contracts.check_end(contract_id, day)
        for appointment_id in self._by_body.get(current.company_id, ()):
            appointment = self._appointments[appointment_id]
            start = appointment.period.start
            if (
                appointment.territory_id == current.compound_id
                and start >= day
                and current.period.contains(start)
            ):
                raise _refuse(
                    f"contract {contract_id}: appointment {appointment_id} rests on it from "
                    f"{start}",
                    contract_id,
                    "post.territory_inside",
                )
        return self._contracts.end(contract_id, day)

    def contract(self, contract_id: str) -> ServiceContract:
        """The contract with this id.

        Raises:
            UnknownRecordError: no such contract.
        """
        return self._contracts.get(contract_id)

    def contracts_of(self, company_id: str) -> tuple[ServiceContract, ...]:
        """Every contract of a property company, past and present."""
        return tuple(self._contracts[c] for c in self._contracts_by_company.get(company_id, ()))

    # == appointments: commands =============================================================

    def appoint(self, appointment: Appointment) -> None:
        """Record an appointment to a post.

        Raises:
            ConflictError: the id is taken; the same person already holds the same post there
                meanwhile, or another committee seat in the same organisation; a single-seat
                post is taken meanwhile.
            UnknownRecordError: the person, organisation, body, territory or outside tie does
                not exist.
            RuleViolationError: the organisation or body does not exist for the whole period,
                its form or kind does not allow the post; the holder of a party post is not a
                party member (full member for elected seats) on the first day; the territory is
                of the wrong kind or outside what the holder covers; the part-time basis does
                not fit.
        """
        subject = appointment.id
        self._appointments.check_new(subject)
        person = self._person(appointment.person_id, subject)
        if appointment.org_id is not None:
            self._check_org_post(appointment, appointment.org_id, person)
        else:
            assert appointment.body_id is not None
            self._check_body_post(appointment, appointment.body_id)
        self._check_territory(appointment)
        self._check_part_time(appointment)
        self._check_overlaps(appointment)
        self._appointments.put(subject, appointment)
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
            history = self.tree.history(org_id)
        except UnknownRecordError:
            raise _unknown(
                f"appointment {subject}: no party organisation {org_id}", subject
            ) from None
        if not period.within(self.tree.lifetime(org_id)):
            raise _refuse(
                f"appointment {subject} {period} falls outside the life of {org_id}",
                subject,
                "appointment.within_lifetime",
            )
        for version in history:
            if version.period.overlaps(period) and version.form not in post.org_forms:
                raise _refuse(
                    f"appointment {subject}: a {version.form.label_zh} has no {post.label_zh}",
                    subject,
                    "post.org_form",
                )
        if post in self.rules.party_member_posts and not person.is_party_member(period.start):
            raise _refuse(
                f"appointment {subject}: a {post.label_zh} of a party organisation must be a "
                f"party member; {person.id} is not one on {period.start}",
                subject,
                "post.party_member",
            )
        if post in self.rules.full_member_posts and not person.is_full_member(period.start):
            raise _refuse(
                f"appointment {subject}: a {post.label_zh} is elected from full members "
                f"(正式党员); {person.id} is not one on {period.start}",
                subject,
                "post.full_member",
            )

    def _check_body_post(self, appointment: Appointment, body_id: str) -> None:
        subject, post = appointment.id, appointment.post
        body = self._body_for(body_id, subject)
        if body.kind not in post.body_kinds:
            raise _refuse(
                f"appointment {subject}: a {body.kind.label_zh} has no {post.label_zh}",
                subject,
                "post.body_kind",
            )
        if not appointment.period.within(body.period):
            raise _refuse(
                f"appointment {subject} {appointment.period} falls outside the life of "
                f"{body_id} {body.period}",
                subject,
                "appointment.within_lifetime",
            )

    def _check_territory(self, appointment: Appointment) -> None:
        if appointment.territory_id is None:
            return
        subject, post, start = appointment.id, appointment.post, appointment.period.start
        territory = self._territory(appointment.territory_id, subject)
        if territory.kind is not post.territory_kind:
            raise _refuse(
                f"appointment {subject}: a {post.label_zh} answers for a "
                f"{post.territory_kind.label_zh if post.territory_kind else '-'}, not the "
                f"{territory.kind.label_zh} {territory.id}",
                subject,
                "post.territory",
            )
        if not appointment.period.within(territory.period):
            raise _refuse(
                f"appointment {subject} {appointment.period} falls outside the life of "
                f"{territory.id}",
                subject,
                "appointment.within_lifetime",
            )
        if appointment.org_id is not None:
            places = {t.id for t in self.tree.territories_covered(appointment.org_id, start)}
        else:
            assert appointment.body_id is not None
            places = set(self.served_territories(appointment.body_id, start))
        inside = {territory.id, *(t.id for t in self.tree.territories.ancestors(territory.id))}
        if not places & inside:
            raise _refuse(
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
            unit = self._body_for(basis.unit_id, subject)
            if unit.kind not in _UNIT_KINDS:
                raise _refuse(
                    f"appointment {subject}: {unit.id} is a {unit.kind.label_zh}, not a resident "
                    "unit or social organisation",
                    subject,
                    "part_time.unit",
                )
        ties: list[tuple[str, str, str | None, Period]] = []
        if basis.appointment_id is not None:
            outside = self._appointments.find(basis.appointment_id)
            if outside is None:
                raise _unknown(
                    f"appointment {subject}: no outside post {basis.appointment_id}", subject
                )
            ties.append((outside.id, outside.person_id, outside.org_id, outside.period))
        if basis.membership_id is not None:
            try:
                membership = self.tree.membership(basis.membership_id)
            except UnknownRecordError:
                raise _unknown(
                    f"appointment {subject}: no membership {basis.membership_id}", subject
                ) from None
            ties.append((membership.id, membership.person_id, membership.org_id, membership.period))
        if basis.report_id is not None:
            try:
                report = self.tree.report(basis.report_id)
            except UnknownRecordError:
                raise _unknown(
                    f"appointment {subject}: no report {basis.report_id}", subject
                ) from None
            ties.append((report.id, report.person_id, None, report.period))
        for tie_id, person_id, org_id, period in ties:
            if person_id != appointment.person_id:
                raise _refuse(
                    f"appointment {subject}: {tie_id} belongs to {person_id}, not "
                    f"{appointment.person_id}",
                    subject,
                    "part_time.basis",
                )
            if org_id == appointment.org_id:
                raise _refuse(
                    f"appointment {subject}: {tie_id} lies in {org_id} itself; a part-time "
                    "member comes from outside",
                    subject,
                    "part_time.outside",
                )
            if not period.contains(start):
                raise _refuse(
                    f"appointment {subject}: {tie_id} {period} is not in effect on {start}",
                    subject,
                    "part_time.basis_in_effect",
                )

    def _check_overlaps(self, appointment: Appointment) -> None:
        subject, post = appointment.id, appointment.post
        for other_id in self._by_person.get(appointment.person_id, ()):
            other = self._appointments[other_id]
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
        if post not in self.rules.single_seat_posts:
            return
        index = self._by_org if appointment.org_id is not None else self._by_body
        for other_id in index.get(appointment.holder_id, ()):
            other = self._appointments[other_id]
            if other.post is post and other.period.overlaps(appointment.period):
                raise ConflictError(
                    f"appointment {subject}: {appointment.holder_id} already has a "
                    f"{post.label_zh}, {other.person_id}, through {other_id} {other.period}",
                    subject=subject,
                    rule="post.single_seat",
                )

    def end_appointment(
        self, appointment_id: str, on: _dt.date | str, reason: EndReason | None = None
    ) -> Appointment:
        """End an appointment on ``on`` (or bring a planned end forward), with a reason.

        Raises:
            UnknownRecordError: no such appointment.
            RuleViolationError: ``on`` is not inside the appointment; a part-time appointment
                resting on it starts on or after ``on``; or the holder made an evaluation on
                or after ``on`` by virtue of this post alone.
        """
        day = as_date(on, "on")
        current = self._appointments.check_end(appointment_id, day)
        for dependant_id in self._dependants.get(appointment_id, ()):
            if self._appointments[dependant_id].period.start >= day:
                raise _refuse(
                    f"appointment {appointment_id}: part-time appointment {dependant_id} rests "
                    f"on it from {self._appointments[dependant_id].period.start}",
                    appointment_id,
                    "part_time.basis_in_effect",
                )
        if current.org_id is not None:
            for evaluation_id in self._evaluations_by_evaluator.get(current.person_id, ()):
                evaluation = self._evaluations[evaluation_id]
                if (
                    evaluation.org_id == current.org_id
                    and evaluation.evaluated_on >= day
                    and not self._holds_post(
                        current.person_id, current.org_id, evaluation.evaluated_on, appointment_id
                    )
                ):
                    raise _refuse(
                        f"appointment {appointment_id}: evaluation {evaluation_id} of "
                        f"{evaluation.evaluated_on} was made by virtue of it",
                        appointment_id,
                        "evaluation.evaluator_post",
                    )
        reason = reason if reason is not None else current.end_reason
        return self._appointments.end(appointment_id, day, end_reason=reason)

    # == appointments: queries ==============================================================

    def appointment(self, appointment_id: str) -> Appointment:
        """The appointment with this id.

        Raises:
            UnknownRecordError: no such appointment.
        """
        return self._appointments.get(appointment_id)

    def appointments(self, on: _dt.date | str | None = None) -> tuple[Appointment, ...]:
        """Every appointment (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._select(self._appointments.ids(), on)

    def appointments_of(
        self, person_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """A person's appointments (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._select(self._by_person.get(person_id, ()), on)

    def appointments_in_org(
        self, org_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """Appointments in a party organisation (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._select(self._by_org.get(org_id, ()), on)

    def appointments_in_body(
        self, body_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """Appointments in a non-party body (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._select(self._by_body.get(body_id, ()), on)

    def _select(self, ids: Iterable[str], on: _dt.date | None) -> tuple[Appointment, ...]:
        found = (self._appointments[i] for i in ids)
        if on is None:
            return tuple(found)
        return tuple(a for a in found if a.period.contains(on))

    def holds_post(self, person_id: str, org_id: str, on: _dt.date | str) -> bool:
        """Whether ``person_id`` holds any post in the party organisation ``org_id`` on ``on``
        (e.g. to decide who may review or evaluate on its behalf)."""
        on = as_date(on, "on")
        return self._holds_post(person_id, org_id, on, None)

    def _holds_post(self, person_id: str, org_id: str, on: _dt.date, skip: str | None) -> bool:
        for appointment_id in self._by_person_org.get((person_id, org_id), ()):
            if appointment_id != skip and self._appointments[appointment_id].period.contains(on):
                return True
        return False

    def holders(self, org_id: str, post: PostKind, on: _dt.date | str) -> tuple[str, ...]:
        """Ids of the people holding ``post`` in a party organisation on ``on``."""
        on = as_date(on, "on")
        return tuple(a.person_id for a in self.appointments_in_org(org_id, on) if a.post is post)

    # == evaluations ========================================================================

    def evaluate(self, evaluation: Evaluation) -> None:
        """Record an evaluation outside working hours (8小时以外考核).

        Raises:
            ConflictError: the id is taken, or the person already has an evaluation by the
                same organisation for an overlapping period.
            UnknownRecordError: the person, evaluator or organisation does not exist.
            NotAuthorisedError: the evaluator evaluates themselves or holds no post in the
                evaluating organisation on the day of the evaluation.
            RuleViolationError: the organisation is neither a township (street) committee nor
                a community organisation; the score is above the maximum; the person is not a
                party member when the period starts.
        """
        subject = evaluation.id
        self._evaluations.check_new(subject)
        person = self._person(evaluation.person_id, subject)
        self._person(evaluation.evaluator_id, subject)
        org = self.tree.version_at(evaluation.org_id, evaluation.evaluated_on)
        if org is None:
            raise _unknown(
                f"evaluation {subject}: no party organisation {evaluation.org_id} on "
                f"{evaluation.evaluated_on}",
                subject,
            )
        if evaluation.evaluator_id == evaluation.person_id:
            raise NotAuthorisedError(
                f"evaluation {subject}: {evaluation.person_id} cannot evaluate themselves",
                subject=subject,
                rule="evaluation.no_self",
            )
        if not self.holds_post(evaluation.evaluator_id, org.id, evaluation.evaluated_on):
            raise NotAuthorisedError(
                f"evaluation {subject}: {evaluation.evaluator_id} holds no post in {org.id} on "
                f"{evaluation.evaluated_on}",
                subject=subject,
                rule="evaluation.evaluator_post",
            )
        kinds = self.tree.schema.level(org.level).territory_kinds
        if not kinds & self.rules.evaluating_territory_kinds:
            raise _refuse(
                f"evaluation {subject}: {org.id} ({org.form.label_zh}) is neither a township "
                "(street) committee nor a community organisation",
                subject,
                "evaluation.evaluating_org",
            )
        if evaluation.score is not None and evaluation.score > self.rules.evaluation_max_score:
            raise _refuse(
                f"evaluation {subject}: score {evaluation.score} above the maximum "
                f"{self.rules.evaluation_max_score}",
                subject,
                "evaluation.score_range",
            )
        if not person.is_party_member(evaluation.period.start):
            raise _refuse(
                f"evaluation {subject}: {person.id} is not a party member on "
                f"{evaluation.period.start}",
                subject,
                "evaluation.party_member",
            )
        for other_id in self._evaluations_by_person.get(person.id, ()):
            other = self._evaluations[other_id]
            if other.org_id == org.id and other.period.overlaps(evaluation.period):
                raise ConflictError(
                    f"evaluation {subject}: {org.id} already evaluated {person.id} for "
                    f"{other.period} ({other_id})",
                    subject=subject,
                    rule="evaluation.one_per_period",
                )
        self._evaluations.put(subject, evaluation)
        self._evaluations_by_person.setdefault(person.id, []).append(subject)
        self._evaluations_by_evaluator.setdefault(evaluation.evaluator_id, []).append(subject)

    def evaluation(self, evaluation_id: str) -> Evaluation:
        """The evaluation with this id.

        Raises:
            UnknownRecordError: no such evaluation.
        """
        return self._evaluations.get(evaluation_id)

    def evaluations_of(self, person_id: str) -> tuple[Evaluation, ...]:
        """Every evaluation of a person, in order of their periods."""
        return tuple(
            sorted(
                (self._evaluations[e] for e in self._evaluations_by_person.get(person_id, ())),
                key=lambda e: (e.period.start, e.id),
            )
        )

    def yearly_summary(self, person_id: str, year: int) -> YearlySummary:
        """A person's evaluations whose period starts in ``year``, summarised."""
        return YearlySummary.of(person_id, year, self.evaluations_of(person_id))
