"""The appointments aggregate against a naive model: random appoint, end and evaluate commands
(and ending bodies and contracts), valid and invalid.

The model keeps plain dictionaries and recomputes every rule from scratch with loops. For each
command it lists every rule the command would break; the aggregate must accept exactly the
commands the model finds nothing wrong with, reject the others naming one of the rules the
model found, and leave everything as it was when it rejects.
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.structure.posts.appointments import AppointmentRecords, Appointments
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
from neighborhood_pb.structure.posts.cross import cross_appointments, cross_appointments_of
from neighborhood_pb.structure.posts.evaluations import Evaluation
from neighborhood_pb.structure.posts.records import Appointment, EndReason
from neighborhood_pb.structure.records import Organisation
from neighborhood_pb.structure.tree import OrgTree
from neighborhood_pb.testing.appointments import (
    SAMPLE_DAYS,
    appointment_candidates,
    evaluation_candidates,
    sample_appointments,
)

UNITS = {BodyKind.RESIDENT_UNIT, BodyKind.SOCIAL_ORGANISATION}


def alive(period: Period, day: _dt.date) -> bool:
    return period.start <= day and (period.end is None or day < period.end)


def within(inner: Period, outer: Period) -> bool:
    if inner.start < outer.start:
        return False
    if outer.end is None:
        return True
    return inner.end is not None and inner.end <= outer.end


class NaiveModel:
    """Plain dictionaries and loops; reads the (unchanging) tree's records."""

    def __init__(self, world: Appointments) -> None:
        self.rules = world.rules
        self.tree: OrgTree = world.tree
        tree_records = self.tree.records()
        self.people = {p.id: p for p in tree_records.people}
        self.territories = {t.id: t for t in tree_records.territories}
        self.orgs: dict[str, list[Organisation]] = {}
        for org in tree_records.orgs:
            self.orgs.setdefault(org.id, []).append(org)
        self.coverage = tree_records.coverage
        self.memberships = {m.id: m for m in tree_records.memberships}
        self.reports = {r.id: r for r in tree_records.reports}
        records = world.records()
        self.bodies: dict[str, Body] = {b.id: b for b in records.bodies}
        self.contracts: dict[str, ServiceContract] = {c.id: c for c in records.contracts}
        self.appointments: dict[str, Appointment] = {}
        self.evaluations: dict[str, Evaluation] = {}

    def records(self) -> AppointmentRecords:
        return AppointmentRecords(
            bodies=tuple(self.bodies[k] for k in sorted(self.bodies)),
            contracts=tuple(self.contracts[k] for k in sorted(self.contracts)),
            appointments=tuple(self.appointments[k] for k in sorted(self.appointments)),
            evaluations=tuple(self.evaluations[k] for k in sorted(self.evaluations)),
        )

    def holds_post(self, person: str, org: str, day: _dt.date, skip: str = "") -> bool:
        return any(
            a.person_id == person and a.org_id == org and alive(a.period, day) and a.id != skip
            for a in self.appointments.values()
        )

    def _inside(self, territory_id: str) -> set[str]:
        result, current = set(), territory_id
        while current is not None:
            result.add(current)
            current = self.territories[current].parent_id
        return result

    def _places(self, a: Appointment) -> set[str]:
        start = a.period.start
        if a.org_id is not None:
            return {
                c.territory_id
                for c in self.coverage
                if c.org_id == a.org_id and alive(c.period, start)
            }
        body = self.bodies[a.body_id]  # type: ignore[index]
        if not alive(body.period, start):
            return set()
        if body.territory_id is not None:
            return {body.territory_id}
        return {
            c.compound_id
            for c in self.contracts.values()
            if c.company_id == body.id and alive(c.period, start)
        }

    def appoint(self, a: Appointment) -> set[str]:
        broken: set[str] = set()
        post, period, start = a.post, a.period, a.period.start
        if a.id in self.appointments:
            broken.add("id.unique")
        person = self.people.get(a.person_id)
        holder_known = True
        if person is None:
            broken.add("reference.exists")
        if a.org_id is not None:
            versions = self.orgs.get(a.org_id)
            if versions is None:
                broken.add("reference.exists")
                holder_known = False
            else:
                life = Period(start=versions[0].period.start, end=versions[-1].period.end)
                if not within(period, life):
                    broken.add("appointment.within_lifetime")
                for v in versions:
                    if v.period.overlaps(period) and v.form not in post.org_forms:
                        broken.add("post.org_form")
                if person is not None:
                    if post in self.rules.party_member_posts and not person.is_party_member(start):
                        broken.add("post.party_member")
                    if post in self.rules.full_member_posts and not person.is_full_member(start):
                        broken.add("post.full_member")
        else:
            body = self.bodies.get(a.body_id)  # type: ignore[arg-type]
            if body is None:
                broken.add("reference.exists")
                holder_known = False
            else:
                if body.kind not in post.body_kinds:
                    broken.add("post.body_kind")
                if not within(period, body.period):
                    broken.add("appointment.within_lifetime")
        if a.territory_id is not None:
            territory = self.territories.get(a.territory_id)
            if territory is None:
                broken.add("reference.exists")
            else:
                if territory.kind is not post.territory_kind:
                    broken.add("post.territory")
                if not within(period, territory.period):
                    broken.add("appointment.within_lifetime")
                if holder_known and not self._places(a) & self._inside(territory.id):
                    broken.add("post.territory_inside")
        basis = a.part_time
        if basis is not None:
            if basis.unit_id is not None:
                unit = self.bodies.get(basis.unit_id)
                if unit is None:
                    broken.add("reference.exists")
                elif unit.kind not in UNITS:
                    broken.add("part_time.unit")
            ties = []
            for tie_id, table in (
                (basis.appointment_id, self.appointments),
                (basis.membership_id, self.memberships),
                (basis.report_id, self.reports),
            ):
                if tie_id is None:
                    continue
                tie = table.get(tie_id)
                if tie is None:
                    broken.add("reference.exists")
                else:
                    ties.append(tie)
            for tie in ties:
                if tie.person_id != a.person_id:
                    broken.add("part_time.basis")
                if getattr(tie, "org_id", None) == a.org_id:
                    broken.add("part_time.outside")
                if not alive(tie.period, start):
                    broken.add("part_time.basis_in_effect")
        for other in self.appointments.values():
            if not other.period.overlaps(period):
                continue
            same_holder = (other.org_id, other.body_id) == (a.org_id, a.body_id)
            if other.person_id == a.person_id:
                if same_holder and other.post is post and other.territory_id == a.territory_id:
                    broken.add("appointment.unique")
                if (
                    a.org_id is not None
                    and same_holder
                    and post.is_committee_seat
                    and other.post.is_committee_seat
                ):
                    broken.add("post.one_seat_per_person")
            if post in self.rules.single_seat_posts and same_holder and other.post is post:
                broken.add("post.single_seat")
        return broken

    def end_appointment(self, appointment_id: str, day: pendulum.Date) -> set[str]:
        current = self.appointments.get(appointment_id)
        if current is None:
            return {"reference.exists"}
        broken = set()
        if day <= current.period.start or (
            current.period.end is not None and day >= current.period.end
        ):
            broken.add("history.end_dated")
        for other in self.appointments.values():
            basis = other.part_time
            if (
                basis is not None
                and basis.appointment_id == appointment_id
                and other.period.start >= day
            ):
                broken.add("part_time.basis_in_effect")
        if current.org_id is not None:
            for ev in self.evaluations.values():
                if (
                    ev.evaluator_id == current.person_id
                    and ev.org_id == current.org_id
                    and ev.evaluated_on >= day
                    and not self.holds_post(
                        current.person_id, current.org_id, ev.evaluated_on, appointment_id
                    )
                ):
                    broken.add("evaluation.evaluator_post")
        return broken

    def evaluate(self, e: Evaluation) -> set[str]:
        broken = set()
        if e.id in self.evaluations:
            broken.add("id.unique")
        person = self.people.get(e.person_id)
        if person is None or e.evaluator_id not in self.people:
            broken.add("reference.exists")
        versions = self.orgs.get(e.org_id, [])
        version = next((v for v in versions if alive(v.period, e.evaluated_on)), None)
        if version is None:
            broken.add("reference.exists")
        if e.evaluator_id == e.person_id:
            broken.add("evaluation.no_self")
        if not self.holds_post(e.evaluator_id, e.org_id, e.evaluated_on):
            broken.add("evaluation.evaluator_post")
        if version is not None:
            kinds = self.tree.schema.level(version.level).territory_kinds
            if not kinds & self.rules.evaluating_territory_kinds:
                broken.add("evaluation.evaluating_org")
        if e.score is not None and e.score > self.rules.evaluation_max_score:
            broken.add("evaluation.score_range")
        if person is not None and not person.is_party_member(e.period.start):
            broken.add("evaluation.party_member")
        for other in self.evaluations.values():
            if (
                other.person_id == e.person_id
                and other.org_id == e.org_id
                and other.period.overlaps(e.period)
            ):
                broken.add("evaluation.one_per_period")
        return broken

    def end_body(self, body_id: str, day: pendulum.Date) -> set[str]:
        body = self.bodies.get(body_id)
        if body is None:
            return {"reference.exists"}
        broken = set()
        if day <= body.period.start or (body.period.end is not None and day >= body.period.end):
            broken.add("history.end_dated")
        runs_past = lambda p: p.end is None or p.end > day  # noqa: E731
        if (
            any(a.body_id == body_id and runs_past(a.period) for a in self.appointments.values())
            or any(c.company_id == body_id and runs_past(c.period) for c in self.contracts.values())
            or any(b.parent_id == body_id and runs_past(b.period) for b in self.bodies.values())
        ):
            broken.add("body.no_orphans")
        return broken

    def end_contract(self, contract_id: str, day: pendulum.Date) -> set[str]:
        contract = self.contracts.get(contract_id)
        if contract is None:
            return {"reference.exists"}
        broken = set()
        if day <= contract.period.start or (
            contract.period.end is not None and day >= contract.period.end
        ):
            broken.add("history.end_dated")
        for a in self.appointments.values():
            if (
                a.body_id == contract.company_id
                and a.territory_id == contract.compound_id
                and a.period.start >= day
                and alive(contract.period, a.period.start)
            ):
                broken.add("post.territory_inside")
        return broken


class AppointmentsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.world = sample_appointments()
        self.model = NaiveModel(self.world)

    def _run(self, broken: set[str], command: object) -> bool:
        before = self.world.records()
        error: NeighborhoodPBError | None = None
        try:
            command()  # type: ignore[operator]
        except NeighborhoodPBError as raised:
            error = raised
        if error is None:
            assert not broken, f"accepted a command breaking {broken}"
            return True
        assert broken, f"refused a valid command: {error}"
        assert error.rule in broken, (error.rule, broken)
        assert error.subject
        assert self.world.records() == before
        return False

    @rule(data=st.data())
    def appoint(self, data: st.DataObject) -> None:
        self._appoint(data.draw(appointment_candidates(self.world)))

    @rule(data=st.data())
    def appoint_plausible(self, data: st.DataObject) -> None:
        self._appoint(data.draw(appointment_candidates(self.world, plausible=True)))

    def _appoint(self, candidate: Appointment) -> None:
        if self._run(self.model.appoint(candidate), lambda: self.world.appoint(candidate)):
            self.model.appointments[candidate.id] = candidate

    @precondition(lambda self: self.model.appointments)
    @rule(
        data=st.data(),
        day=st.sampled_from(SAMPLE_DAYS),
        reason=st.none() | st.sampled_from(EndReason),
    )
    def end_appointment(
        self, data: st.DataObject, day: pendulum.Date, reason: EndReason | None
    ) -> None:
        ids = [*sorted(self.model.appointments), "A-missing"]
        appointment_id = ids[data.draw(st.integers(0, len(ids) - 1))]
        current = self.model.appointments.get(appointment_id)
        inside = [
            d for d in SAMPLE_DAYS if current and d in current.period and d > current.period.start
        ]
        if inside and data.draw(st.booleans()):
            day = inside[data.draw(st.integers(0, len(inside) - 1))]
        broken = self.model.end_appointment(appointment_id, day)
        if self._run(broken, lambda: self.world.end_appointment(appointment_id, day, reason)):
            current = self.model.appointments[appointment_id]
            self.model.appointments[appointment_id] = attrs.evolve(
                current,
                period=Period(start=current.period.start, end=day),
                end_reason=reason or current.end_reason,
            )

    @rule(data=st.data())
    def evaluate(self, data: st.DataObject) -> None:
        candidate = data.draw(evaluation_candidates(self.world))
        if self._run(self.model.evaluate(candidate), lambda: self.world.evaluate(candidate)):
            self.model.evaluations[candidate.id] = candidate

    @rule(data=st.data(), day=st.sampled_from(SAMPLE_DAYS[5:]), body=st.booleans())
    def end_body_or_contract(self, data: st.DataObject, day: pendulum.Date, body: bool) -> None:
        if body:
            ids = [*sorted(self.model.bodies), "B-missing"]
            body_id = ids[data.draw(st.integers(0, len(ids) - 1))]
            if self._run(
                self.model.end_body(body_id, day), lambda: self.world.end_body(body_id, day)
            ):
                old = self.model.bodies[body_id]
                self.model.bodies[body_id] = attrs.evolve(
                    old, period=Period(start=old.period.start, end=day)
                )
            return
        ids = [*sorted(self.model.contracts), "SC-missing"]
        contract_id = ids[data.draw(st.integers(0, len(ids) - 1))]
        broken = self.model.end_contract(contract_id, day)
        if self._run(broken, lambda: self.world.end_contract(contract_id, day)):
            contract = self.model.contracts[contract_id]
            self.model.contracts[contract_id] = attrs.evolve(
                contract, period=Period(start=contract.period.start, end=day)
            )

    @invariant()
    def same_records_as_the_model(self) -> None:
        assert self.world.records() == self.model.records()

    @invariant()
    def queries_match_the_model(self) -> None:
        for day in SAMPLE_DAYS[1::3]:
            for person in self.model.people:
                for org in self.model.orgs:
                    assert self.world.holds_post(person, org, day) == self.model.holds_post(
                        person, org, day
                    )
            assert {a.id for a in self.world.appointments(day)} == {
                a.id for a in self.model.appointments.values() if alive(a.period, day)
            }

    @invariant()
    def no_duplicate_or_shared_seat(self) -> None:
        seen = list(self.world.appointments())
        for i, a in enumerate(seen):
            for b in seen[i + 1 :]:
                if not a.period.overlaps(b.period):
                    continue
                same_holder = (a.org_id, a.body_id) == (b.org_id, b.body_id)
                assert not (
                    same_holder
                    and a.person_id == b.person_id
                    and a.post is b.post
                    and a.territory_id == b.territory_id
                )
                assert not (
                    same_holder
                    and a.post is b.post
                    and a.post in self.world.rules.single_seat_posts
                )

    @invariant()
    def reloads_from_its_records(self) -> None:
        records = self.world.records()
        assert Appointments.from_records(self.world.tree, records).records() == records

    @invariant()
    def cross_view_is_consistent(self) -> None:
        day = SAMPLE_DAYS[5]
        whole = set(cross_appointments(self.world, day))
        assert whole == {
            c for p in self.model.people for c in cross_appointments_of(self.world, p, day)
        }
        for cross in whole:
            party = self.world.appointment(cross.party_appointment_id)
            body = self.world.appointment(cross.body_appointment_id)
            assert party.person_id == body.person_id == cross.person_id
            assert alive(party.period, day)
            assert alive(body.period, day)


AppointmentsMachine.TestCase.settings = settings(
    AppointmentsMachine.TestCase.settings, stateful_step_count=30
)
TestAppointments = AppointmentsMachine.TestCase
