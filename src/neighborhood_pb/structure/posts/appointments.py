"""The appointments aggregate (任职): non-party bodies, service contracts, appointments to
posts, and evaluations outside working hours, over an organisation tree.

Design: the aggregate owns its bodies, contracts, appointments and evaluations, and holds a
reference to the :class:`~neighborhood_pb.structure.tree.OrgTree` that owns territory, people,
party organisations and memberships. Bodies live here rather than in the tree because nothing
in the tree refers to them while appointments do: the aggregate that validates appointments
must see both ends of every reference. Every reference into the tree is checked when a
command runs; the tree may change later (an organisation dissolved, a territory ended), which
:func:`~neighborhood_pb.structure.posts.checks.check_references` reports as findings.

The aggregate is a facade over three components, each knowing only those below it: the
:class:`~neighborhood_pb.structure.posts.body_book.BodyBook` (bodies and contracts), the
:class:`~neighborhood_pb.structure.posts.appointment_book.AppointmentBook` (appointments) and
the :class:`~neighborhood_pb.structure.posts.evaluation_book.EvaluationBook` (evaluations).
Its commands validate across the components before any of them changes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import attrs

from neighborhood_pb.calendar.periods import as_date, as_optional_date
from neighborhood_pb.history import load_section, locating
from neighborhood_pb.structure.posts.appointment_book import AppointmentBook
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
from neighborhood_pb.structure.posts.body_book import BodyBook
from neighborhood_pb.structure.posts.evaluation_book import EvaluationBook
from neighborhood_pb.structure.posts.evaluations import Evaluation, YearlySummary
from neighborhood_pb.structure.posts.lookups import refuse
from neighborhood_pb.structure.posts.records import Appointment, EndReason, PostKind
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES, AppointmentRules
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["AppointmentRecords", "Appointments"]


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
        self._bodies = BodyBook(tree)
        self._appointments = AppointmentBook(tree, rules, self._bodies)
        self._evaluations = EvaluationBook(tree, rules, self._appointments)

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
        return (
            basis.appointment_id in waiting
            and basis.appointment_id not in self._appointments.register
        )

    def records(self) -> AppointmentRecords:
        """Every record, sorted by id: the same records give the same value, whatever the
        order they were added in (for export and for comparing states)."""
        return AppointmentRecords(
            bodies=tuple(sorted(self._bodies.bodies, key=_by_id)),
            contracts=tuple(sorted(self._bodies.contracts, key=_by_id)),
            appointments=tuple(sorted(self._appointments.register, key=_by_id)),
            evaluations=tuple(sorted(self._evaluations.register, key=_by_id)),
        )

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
        self._bodies.check_body(body)
        self._bodies.add_body(body)

    def end_body(self, body_id: str, on: _dt.date | str) -> Body:
        """End (dissolve) a body on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such body.
            RuleViolationError: ``on`` is not inside its life, or appointments, contracts or
                an owners' committee under it still run after ``on`` (end them first).
        """
        day = as_date(on, "on")
        self._bodies.bodies.check_end(body_id, day)
        dependants = [
            *self._appointments.running_in_body(body_id, day),
            *self._bodies.dependants(body_id, day),
        ]
        if dependants:
            raise refuse(
                f"body {body_id}: {', '.join(dependants)} still run after {day}",
                body_id,
                "body.no_orphans",
            )
        return self._bodies.bodies.end(body_id, day)

    def body(self, body_id: str) -> Body:
        """The body with this id.

        Raises:
            UnknownRecordError: no such body.
        """
        return self._bodies.body_for(body_id, body_id)

    def bodies(self, on: _dt.date | str, kind: BodyKind | None = None) -> Iterator[Body]:
        """Bodies in effect on ``on`` (of one kind, if given)."""
        day = as_date(on, "on")
        return self._bodies.in_effect(day, kind)

    def bodies_serving(self, territory_id: str, on: _dt.date | str) -> tuple[Body, ...]:
        """Bodies serving a territory on ``on``: those sitting on it, and the property
        companies with a contract for it."""
        on = as_date(on, "on")
        return self._bodies.serving(territory_id, on)

    def served_territories(self, body_id: str, on: _dt.date | str) -> tuple[str, ...]:
        """Ids of the territories a body serves on ``on`` (empty when it does not exist)."""
        on = as_date(on, "on")
        return self._bodies.served_territories(body_id, on)

    # == service contracts ==================================================================

    def add_contract(self, contract: ServiceContract) -> None:
        """Record that a property-service company serves a compound.

        Raises:
            ConflictError: the id is taken or the same company already serves the compound.
            UnknownRecordError: the company or compound does not exist.
            RuleViolationError: the body is not a property company, the territory not a
                compound, or the contract falls outside either's life.
        """
        self._bodies.check_contract(contract)
        self._bodies.add_contract(contract)

    def end_contract(self, contract_id: str, on: _dt.date | str) -> ServiceContract:
        """End a contract on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such contract.
            RuleViolationError: ``on`` is not inside it, or a property manager of the company
                for that compound starts on or after ``on`` without another contract.
        """
        day = as_date(on, "on")
        current = self._bodies.contracts.check_end(contract_id, day)
        self._appointments.check_contract_end(current, day)
        return self._bodies.contracts.end(contract_id, day)

    def contract(self, contract_id: str) -> ServiceContract:
        """The contract with this id.

        Raises:
            UnknownRecordError: no such contract.
        """
        return self._bodies.contracts.get(contract_id)

    def contracts_of(self, company_id: str) -> tuple[ServiceContract, ...]:
        """Every contract of a property company, past and present."""
        return self._bodies.contracts_of(company_id)

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
        self._appointments.check(appointment)
        self._appointments.add(appointment)

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
        self._evaluations.check_post_end(current, day)
        reason = reason if reason is not None else current.end_reason
        return self._appointments.end(appointment_id, day, reason)

    # == appointments: queries ==============================================================

    def appointment(self, appointment_id: str) -> Appointment:
        """The appointment with this id.

        Raises:
            UnknownRecordError: no such appointment.
        """
        return self._appointments.register.get(appointment_id)

    def appointments(self, on: _dt.date | str | None = None) -> tuple[Appointment, ...]:
        """Every appointment (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._appointments.select(self._appointments.register.ids(), on)

    def appointments_of(
        self, person_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """A person's appointments (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._appointments.of_person(person_id, on)

    def appointments_in_org(
        self, org_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """Appointments in a party organisation (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._appointments.in_org(org_id, on)

    def appointments_in_body(
        self, body_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """Appointments in a non-party body (in effect on ``on``, if given)."""
        on = as_optional_date(on, "on")
        return self._appointments.in_body(body_id, on)

    def holds_post(self, person_id: str, org_id: str, on: _dt.date | str) -> bool:
        """Whether ``person_id`` holds any post in the party organisation ``org_id`` on ``on``
        (e.g. to decide who may review or evaluate on its behalf)."""
        on = as_date(on, "on")
        return self._appointments.holds_post(person_id, org_id, on, None)

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
        self._evaluations.check(evaluation)
        self._evaluations.add(evaluation)

    def evaluation(self, evaluation_id: str) -> Evaluation:
        """The evaluation with this id.

        Raises:
            UnknownRecordError: no such evaluation.
        """
        return self._evaluations.register.get(evaluation_id)

    def evaluations_of(self, person_id: str) -> tuple[Evaluation, ...]:
        """Every evaluation of a person, in order of their periods."""
        return self._evaluations.of_person(person_id)

    def yearly_summary(self, person_id: str, year: int) -> YearlySummary:
        """A person's evaluations whose period starts in ``year``, summarised."""
        return YearlySummary.of(person_id, year, self.evaluations_of(person_id))
