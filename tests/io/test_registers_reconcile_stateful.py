"""Stateful test: random register edits month after month against a naive model.

The model is what the registers say: each member's branch, each org's name, each in-service
member's grid, the committee seats and the people. Each month the registers are written out
as a snapshot dataset and reconciled into the dataset. After each month the dataset as of
that month equals the registers, the dataset as of every earlier month is unchanged,
reconciling the same registers again finds nothing, and a refused change changes nothing.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from registers_world import CITY, city_dataset

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import RuleViolationError
from neighborhood_pb.io.registers import reconcile
from neighborhood_pb.structure.forms import MembershipKind
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts import Appointment, AppointmentRecords, PostKind
from neighborhood_pb.structure.records import Membership, Report

FIRST = pendulum.Date(2025, 7, 1)
BRANCHES = sorted(o.id for o in CITY.structure.orgs if o.id.startswith("OG"))
GRIDS = {t.id: t.parent_id for t in CITY.structure.territories if t.id.startswith("G")}
NAMES = ("幸福网格党支部", "和谐网格党支部", "阳光网格党支部")

View = tuple[object, ...]


def view(dataset: Dataset, day: pendulum.Date) -> View:
    """What the dataset says on ``day``: branches, org names, reports and committee seats."""
    s = dataset.structure
    formal = {
        m.person_id: m.org_id
        for m in s.memberships
        if m.kind is MembershipKind.FORMAL and m.period.contains(day)
    }
    names = {o.id: o.name for o in s.orgs if o.period.contains(day)}
    reports = {
        r.person_id: (r.community_id, r.grid_id) for r in s.reports if r.period.contains(day)
    }
    seats = {
        (a.person_id, a.org_id) for a in dataset.appointments.appointments if a.period.contains(day)
    }
    return formal, names, reports, seats


class Registers(RuleBasedStateMachine):
    """The registers as a naive model, reconciled into a dataset month after month."""

    def __init__(self) -> None:
        super().__init__()
        self.dataset = city_dataset()
        self.month = 0
        s = self.dataset.structure
        self.people = {p.id: p for p in s.people}
        self.formal = {m.person_id: m.org_id for m in s.memberships}
        self.names = {o.id: o.name for o in s.orgs}
        self.reports = {r.person_id: (r.community_id, r.grid_id) for r in s.reports}
        self.seats: set[tuple[str, str]] = set()
        self.views = {self.dataset.as_of: view(self.dataset, self.dataset.as_of)}
        self.checked: Dataset | None = None
        self.added = 0

    @property
    def effective(self) -> pendulum.Date:
        return FIRST.add(months=self.month)

    def snapshot(self, extra: tuple[Person, ...] = ()) -> Dataset:
        """The registers as a dataset; every record gives a start ten days before the
        effective day (registers name the day someone joined, not the day of the update)."""
        since = Period(start=self.effective.subtract(days=10))
        s = self.dataset.structure
        orgs = tuple(
            attrs.evolve(o, name=self.names[o.id], period=Period(start="2021-01-01"))
            for o in s.orgs
            if o.period.contains(self.effective) or o.period.start >= self.effective
        )
        memberships = tuple(
            Membership(id=f"M-{p}", person_id=p, org_id=org, period=since)
            for p, org in sorted(self.formal.items())
        )
        reports = tuple(
            Report(id=f"R-{p}", person_id=p, community_id=c, grid_id=g, period=since)
            for p, (c, g) in sorted(self.reports.items())
        )
        seats = tuple(
            Appointment(
                id=f"A-{p}-{org}",
                person_id=p,
                post=PostKind.COMMITTEE_MEMBER,
                org_id=org,
                period=since,
            )
            for p, org in sorted(self.seats)
        )
        structure = attrs.evolve(
            s,
            people=(*self.people.values(), *extra),
            orgs=orgs,
            memberships=(
                *memberships,
                *(
                    Membership(id=f"M-{p.id}", person_id=p.id, org_id=BRANCHES[0], period=since)
                    for p in extra
                ),
            ),
            reports=reports,
        )
        return attrs.evolve(
            self.dataset,
            structure=structure,
            appointments=AppointmentRecords(appointments=seats),
        )

    def full_members(self) -> list[str]:
        return sorted(p for p in self.formal if self.people[p].full_member_on is not None)

    # -- register edits ---------------------------------------------------------------------

    @rule(branch=st.sampled_from(BRANCHES))
    def add_member(self, branch: str) -> None:
        self.added += 1
        person = Person(
            id=f"N{self.added}",
            name=f"新党员{self.added}",
            admitted_on="2020-01-01",
            full_member_on="2021-01-01",
        )
        self.people[person.id] = person
        self.formal[person.id] = branch

    @precondition(lambda self: self.formal)
    @rule(data=st.data())
    def remove_member(self, data: st.DataObject) -> None:
        person = data.draw(st.sampled_from(sorted(self.formal)))
        del self.formal[person]
        self.seats = {seat for seat in self.seats if seat[0] != person}

    @precondition(lambda self: self.formal)
    @rule(data=st.data(), branch=st.sampled_from(BRANCHES))
    def transfer(self, data: st.DataObject, branch: str) -> None:
        self.formal[data.draw(st.sampled_from(sorted(self.formal)))] = branch

    @rule(branch=st.sampled_from(BRANCHES), name=st.sampled_from(NAMES))
    def rename(self, branch: str, name: str) -> None:
        self.names[branch] = name

    @precondition(lambda self: self.formal)
    @rule(data=st.data(), grid=st.sampled_from(sorted(GRIDS)))
    def add_report(self, data: st.DataObject, grid: str) -> None:
        person = data.draw(st.sampled_from(sorted(self.formal)))
        self.reports[person] = (GRIDS[grid], grid)

    @precondition(lambda self: self.reports)
    @rule(data=st.data())
    def end_report(self, data: st.DataObject) -> None:
        del self.reports[data.draw(st.sampled_from(sorted(self.reports)))]

    @precondition(lambda self: self.full_members())
    @rule(data=st.data(), branch=st.sampled_from(BRANCHES))
    def appoint(self, data: st.DataObject, branch: str) -> None:
        self.seats.add((data.draw(st.sampled_from(self.full_members())), branch))

    @precondition(lambda self: self.seats)
    @rule(data=st.data())
    def end_post(self, data: st.DataObject) -> None:
        self.seats.discard(data.draw(st.sampled_from(sorted(self.seats))))

    @rule(data=st.data(), name=st.sampled_from(("张三", "李四")))
    def edit_person(self, data: st.DataObject, name: str) -> None:
        person = data.draw(st.sampled_from(sorted(self.people)))
        self.people[person] = attrs.evolve(self.people[person], name=name)

    # -- months -------------------------------------------------------------------------------

    @rule()
    def next_month(self) -> None:
        incoming = self.snapshot()
        result = reconcile(self.dataset, incoming, effective=self.effective)
        assert result.findings == ()
        applied = result.apply()
        assert reconcile(applied, incoming, effective=self.effective).changes == ()
        self.dataset = applied
        self.views[self.effective] = view(applied, self.effective)
        formal, names, reports, seats = self.views[self.effective]  # type: ignore[misc]
        assert formal == self.formal
        assert {k: v for k, v in names.items() if k in self.names} == self.names  # type: ignore[attr-defined]
        assert reports == self.reports
        assert seats == self.seats
        assert {p.id: p for p in applied.structure.people} == self.people
        self.month += 1

    @rule()
    def refused_month(self) -> None:
        before = self.dataset
        outsider = Person(id="X1", name="群众")  # not a party member: no membership allowed
        result = reconcile(before, self.snapshot((outsider,)), effective=self.effective)
        assert [f.subject for f in result.findings] == ["X1"]
        with pytest.raises(RuleViolationError):
            result.apply()
        assert self.dataset is before

    @invariant()
    def earlier_months_are_unchanged(self) -> None:
        if self.dataset is self.checked:  # a refused month leaves the very same dataset
            return
        self.checked = self.dataset
        for day, seen in self.views.items():
            assert view(self.dataset, day) == seen


# Each month reconciles the whole city twice: 200 runs at most, even under the thorough
# profile.
Registers.TestCase.settings = settings(
    Registers.TestCase.settings, max_examples=min(settings.default.max_examples, 200)
)
TestRegisters = Registers.TestCase
