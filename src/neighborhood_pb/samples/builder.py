"""A small helper that writes sample records the way a person would describe them.

It keeps the sample definitions in :mod:`neighborhood_pb.samples.build` short: ids are
readable, coverage is given with the organisation, membership, report, term, contract,
appointment and evaluation ids are numbered in order, and dates default to the day the
sample's story starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from neighborhood_pb.calendar.periods import Period, as_date, as_optional_date
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.people import EmploymentStatus, Person
from neighborhood_pb.structure.posts.appointments import AppointmentRecords
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
from neighborhood_pb.structure.posts.evaluations import Evaluation, Grade
from neighborhood_pb.structure.posts.records import (
    Appointment,
    EndReason,
    PartTimeBasis,
    PostKind,
)
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
    ReportChannel,
)
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import TreeRecords

__all__ = ["SampleBuilder"]


def _period(start: str, end: str | None) -> Period:
    return Period(start=as_date(start), end=as_optional_date(end))


class SampleBuilder:
    """Collects the records of one sample, in the order they are described.

    Args:
        since: Default start of every record (the day the sample's territory is set up).
        prefix: Prefix of generated membership, report and term ids (e.g. ``"QS"``).
    """

    def __init__(self, *, since: str, prefix: str) -> None:
        self.since = since
        self.prefix = prefix
        self.territories: list[Territory] = []
        self.people: list[Person] = []
        self.orgs: list[Organisation] = []
        self.coverage: list[Coverage] = []
        self.memberships: list[Membership] = []
        self.reports: list[Report] = []
        self.terms: list[ElectionTerm] = []
        self.bodies: list[Body] = []
        self.contracts: list[ServiceContract] = []
        self.appointments: list[Appointment] = []
        self.evaluations: list[Evaluation] = []

    def _id(self, kind: str, number: int) -> str:
        return f"{self.prefix}-{kind}{number:03d}"

    def territory(
        self,
        id: str,
        kind: TerritoryKind,
        name: str,
        *,
        parent: str | None = None,
        code: str | None = None,
        households: int | None = None,
    ) -> str:
        """Add a territory existing since :attr:`since`; returns its id."""
        self.territories.append(
            Territory(
                id=id,
                kind=kind,
                name=name,
                period=_period(self.since, None),
                parent_id=parent,
                code=code,
                households=households,
            )
        )
        return id

    def households(self, building: str, rooms: Iterable[str]) -> None:
        """Add the households ``building-room`` of a building, named "<room>室"."""
        for room in rooms:
            self.territory(
                f"{building}-{room}", TerritoryKind.HOUSEHOLD, f"{room}室", parent=building
            )

    def person(
        self,
        id: str,
        name: str,
        *,
        home: str | None = None,
        employment: EmploymentStatus = EmploymentStatus.RETIRED,
        admitted: str | None = None,
        full: str | None = None,
        phone: str | None = None,
    ) -> str:
        """Add a person (a party member when ``admitted`` is given); returns the id."""
        self.people.append(
            Person(
                id=id,
                name=name,
                household_id=home,
                employment=employment,
                admitted_on=as_optional_date(admitted),
                full_member_on=as_optional_date(full),
                phone=phone,
            )
        )
        return id

    def people_rows(
        self,
        rows: Iterable[tuple[str, str, str | None, EmploymentStatus, str | None, str | None]],
        *,
        phones: Mapping[str, str] | None = None,
    ) -> None:
        """Add people from rows ``(id, name, home, employment, admitted, full member from)``."""
        phones = phones or {}
        for id, name, home, employment, admitted, full in rows:
            self.person(
                id,
                name,
                home=home,
                employment=employment,
                admitted=admitted,
                full=full,
                phone=phones.get(id),
            )

    def org(
        self,
        id: str,
        name: str,
        form: OrgForm,
        level: str,
        *,
        parent: str | None = None,
        covers: Iterable[str] = (),
        start: str | None = None,
        end: str | None = None,
    ) -> str:
        """Add an organisation version and its coverage (for the same period); returns id."""
        period = _period(start or self.since, end)
        self.orgs.append(
            Organisation(id=id, name=name, form=form, level=level, period=period, parent_id=parent)
        )
        for territory in covers:
            self.cover(id, territory, start=start, end=end)
        return id

    def cover(
        self, org: str, territory: str, *, start: str | None = None, end: str | None = None
    ) -> None:
        """Add a coverage record."""
        self.coverage.append(
            Coverage(org_id=org, territory_id=territory, period=_period(start or self.since, end))
        )

    def member(
        self,
        person: str,
        org: str,
        *,
        kind: MembershipKind = MembershipKind.FORMAL,
        start: str | None = None,
        end: str | None = None,
        end_reason: str | None = None,
    ) -> str:
        """Add a membership with the next generated id; returns the id."""
        id = self._id("M", len(self.memberships) + 1)
        self.memberships.append(
            Membership(
                id=id,
                person_id=person,
                org_id=org,
                kind=kind,
                period=_period(start or self.since, end),
                end_reason=end_reason,
            )
        )
        return id

    def report(
        self,
        person: str,
        community: str,
        *,
        grid: str | None = None,
        start: str,
        end: str | None = None,
        channels: Iterable[ReportChannel] = (ReportChannel.ONLINE, ReportChannel.OFFLINE),
    ) -> str:
        """Add a residential report with the next generated id; returns the id."""
        id = self._id("R", len(self.reports) + 1)
        self.reports.append(
            Report(
                id=id,
                person_id=person,
                community_id=community,
                grid_id=grid,
                channels=frozenset(channels),
                period=_period(start, end),
            )
        )
        return id

    def term(self, org: str, *, start: str, seats: int, end: str | None = None) -> str:
        """Add an election term with the next generated id; returns the id."""
        id = self._id("T", len(self.terms) + 1)
        self.terms.append(ElectionTerm(id=id, org_id=org, period=_period(start, end), seats=seats))
        return id

    def body(
        self,
        id: str,
        kind: BodyKind,
        name: str,
        *,
        territory: str | None = None,
        parent: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> str:
        """Add a non-party body (居委会、业委会、物业服务企业 …); returns its id."""
        self.bodies.append(
            Body(
                id=id,
                kind=kind,
                name=name,
                period=_period(start or self.since, end),
                territory_id=territory,
                parent_id=parent,
            )
        )
        return id

    def contract(
        self, company: str, compound: str, *, start: str | None = None, end: str | None = None
    ) -> str:
        """Add a property-service contract with the next generated id; returns the id."""
        id = self._id("C", len(self.contracts) + 1)
        self.contracts.append(
            ServiceContract(
                id=id,
                company_id=company,
                compound_id=compound,
                period=_period(start or self.since, end),
            )
        )
        return id

    def appoint(
        self,
        person: str,
        post: PostKind,
        *,
        org: str | None = None,
        body: str | None = None,
        territory: str | None = None,
        start: str | None = None,
        end: str | None = None,
        end_reason: EndReason | None = None,
        part_time: PartTimeBasis | None = None,
    ) -> str:
        """Add an appointment with the next generated id; returns the id."""
        id = self._id("A", len(self.appointments) + 1)
        self.appointments.append(
            Appointment(
                id=id,
                person_id=person,
                post=post,
                period=_period(start or self.since, end),
                org_id=org,
                body_id=body,
                territory_id=territory,
                end_reason=end_reason,
                part_time=part_time,
            )
        )
        return id

    def evaluate(
        self,
        person: str,
        org: str,
        *,
        evaluator: str,
        period: Period,
        on: str,
        score: int | None = None,
        grade: Grade | None = None,
    ) -> str:
        """Add an evaluation outside working hours with the next generated id; returns it."""
        id = self._id("E", len(self.evaluations) + 1)
        self.evaluations.append(
            Evaluation(
                id=id,
                person_id=person,
                org_id=org,
                evaluator_id=evaluator,
                period=period,
                evaluated_on=as_date(on),
                score=score,
                grade=grade,
            )
        )
        return id

    def appointment(self, id: str) -> Appointment:
        """An appointment added before, by id."""
        return next(a for a in self.appointments if a.id == id)

    def appointment_records(self) -> AppointmentRecords:
        """Every body, contract, appointment and evaluation added so far."""
        return AppointmentRecords(
            bodies=tuple(self.bodies),
            contracts=tuple(self.contracts),
            appointments=tuple(self.appointments),
            evaluations=tuple(self.evaluations),
        )

    def records(self) -> TreeRecords:
        """Everything added so far."""
        return TreeRecords(
            territories=tuple(self.territories),
            people=tuple(self.people),
            orgs=tuple(self.orgs),
            coverage=tuple(self.coverage),
            memberships=tuple(self.memberships),
            reports=tuple(self.reports),
            terms=tuple(self.terms),
        )
