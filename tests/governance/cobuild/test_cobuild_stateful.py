"""The four lists and the partnerships against naive models, command by command."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import cobuild_naive as naive
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from neighborhood_pb.calendar import Period
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.governance.cobuild import (
    FourLists,
    MilestoneReached,
    Need,
    NeedEvent,
    Partnerships,
    Project,
    ProjectDone,
    Resource,
    ServiceFundRule,
    Spending,
    need_status,
)
from neighborhood_pb.governance.cobuild.partnerships import (
    Agreement,
    Alliance,
    AllianceMember,
    CommitmentMet,
    CommunityEvaluation,
    HardshipHousehold,
    Pairing,
    PairingKind,
)
from neighborhood_pb.testing import cobuild as cs

FUND_RULE = ServiceFundRule(amount_fen=2_000_000, source="test")


class FourListsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.lists = FourLists()
        self.model = naive.NaiveLists()

    def _run(self, accepted: bool, command: Callable[[], object]) -> bool:
        before = self.lists.records()
        refusal: NeighborhoodPBError | None = None
        try:
            command()
        except NeighborhoodPBError as error:
            refusal = error
        if refusal is not None:
            assert not accepted, f"refused a command the model accepts: {refusal}"
            assert refusal.rule, "every refusal names its rule"
            assert self.lists.records() == before, "a refused command changed the lists"
            return False
        assert accepted, "accepted a command the model refuses"
        return True

    @rule(need=cs.needs())
    def raise_need(self, need: Need) -> None:
        if self._run(need.id not in self.model.needs, lambda: self.lists.raise_need(need)):
            self.model.needs[need.id] = need
            self.model.events[need.id] = []

    @rule(resource=cs.resources())
    def offer(self, resource: Resource) -> None:
        if self._run(resource.id not in self.model.resources, lambda: self.lists.offer(resource)):
            self.model.resources[resource.id] = resource

    @rule(fund_id=st.sampled_from(cs.FUND_IDS))
    def offer_fund(self, fund_id: str) -> None:
        fund = FUND_RULE.fund(id=fund_id, community_id="C1", year=2026)
        if self._run(fund_id not in self.model.resources, lambda: self.lists.offer(fund)):
            self.model.resources[fund_id] = fund

    @rule(project=cs.projects())
    def open_project(self, project: Project) -> None:
        accepted = self.model.accepts_project(project)
        if self._run(accepted, lambda: self.lists.open_project(project)):
            self.model.projects[project.id] = project

    @rule(event=cs.need_events())
    def record(self, event: NeedEvent) -> None:
        if self._run(self.model.accepts_event(event), lambda: self.lists.record(event)):
            self.model.events[event.need_id].append(event)

    @rule(reached=cs.milestones_reached())
    def reach(self, reached: MilestoneReached) -> None:
        if self._run(self.model.accepts_reached(reached), lambda: self.lists.reach(reached)):
            self.model.reached.add((reached.project_id, reached.code))

    @rule(done=cs.project_completions())
    def complete(self, done: ProjectDone) -> None:
        if self._run(self.model.accepts_done(done), lambda: self.lists.complete(done)):
            self.model.done.add(done.project_id)

    @rule(spending=cs.spendings())
    def spend(self, spending: Spending) -> None:
        if self._run(self.model.accepts_spending(spending), lambda: self.lists.spend(spending)):
            self.model.spendings[spending.id] = spending

    @precondition(lambda self: self.model.needs)
    @rule(data=st.data())
    def answer_a_need(self, data: st.DataObject) -> None:
        """A project most likely valid: open needs, resources with room, a fund or none."""
        project = data.draw(cs.projects())
        needs = sorted(n for n in self.model.needs if self.model.last(n).value != "met")
        funds = [r for r in cs.FUND_IDS if r in self.model.resources]
        parts = [
            attrs.evolve(c, quantity=1)
            for c in project.commitments
            if c.resource_id in self.model.resources
            and project.start in self.model.resources[c.resource_id].period
        ]
        project = attrs.evolve(
            project,
            need_ids=data.draw(
                st.frozensets(st.sampled_from(needs), max_size=2) if needs else st.just(frozenset())
            ),
            fund_id=data.draw(st.sampled_from([None, *funds])),
            commitments=parts,
        )
        self.open_project(project)

    @precondition(lambda self: self.model.needs)
    @rule(data=st.data(), status=st.sampled_from(list(naive.ORDER)[1:]), days=st.integers(0, 30))
    def move_a_need(self, data: st.DataObject, status: naive.NeedStatus, days: int) -> None:
        need_id = data.draw(st.sampled_from(sorted(self.model.needs)))
        events = self.model.events[need_id]
        last = events[-1].day if events else self.model.needs[need_id].raised_on
        reason = "不属于社区职责" if status is naive.NeedStatus.DECLINED else ""
        event = NeedEvent(
            need_id=need_id, status=status, day=last.add(days=days), actor_id="li", reason=reason
        )
        self.record(event)

    @precondition(lambda self: self.model.projects)
    @rule(data=st.data(), days=st.integers(0, 200))
    def work_on_a_project(self, data: st.DataObject, days: int) -> None:
        project = self.model.projects[data.draw(st.sampled_from(sorted(self.model.projects)))]
        day = project.start.add(days=days)
        for mark in project.milestones:
            self.reach(MilestoneReached(project_id=project.id, code=mark.code, day=day))
        amount = data.draw(st.integers(1, 1_500_000))
        approval = data.draw(st.none() | st.just("批复"))
        spending_id = data.draw(st.sampled_from(("S0", "S1", "S2", "S3", "S4", "S5")))
        self.spend(
            Spending(
                id=spending_id,
                project_id=project.id,
                amount_fen=amount,
                day=day,
                approval=approval,
            )
        )
        if data.draw(st.booleans()):
            self.complete(ProjectDone(project_id=project.id, day=day))

    @rule(
        resource_id=st.sampled_from([*cs.RESOURCE_IDS, *cs.FUND_IDS]),
        days=st.integers(0, 400),
    )
    def withdraw(self, resource_id: str, days: int) -> None:
        day = cs.START.add(days=days)
        accepted = self.model.accepts_withdrawal(resource_id, day)
        if self._run(accepted, lambda: self.lists.withdraw(resource_id, day)):
            resource = self.model.resources[resource_id]
            ended = attrs.evolve(resource, period=resource.period.ended_on(day))
            self.model.resources[resource_id] = ended

    @invariant()
    def agrees_with_the_model(self) -> None:
        assert {r.id: r for r in self.lists.resources()} == self.model.resources
        assert {n.id for n in self.lists.needs()} == set(self.model.needs)
        assert {p.id for p in self.lists.projects()} == set(self.model.projects)
        for resource_id in self.model.resources:
            assert self.lists.committed(resource_id) == self.model.committed(resource_id)
        for need_id, events in self.model.events.items():
            assert self.lists.events(need_id) == tuple(events)
            assert self.lists.status(need_id, "2030-01-01") is self.model.last(need_id)
            for event in events:
                assert self.lists.status(need_id, event.day) is need_status(events, event.day)
        for fund_id in cs.FUND_IDS:
            if fund_id in self.model.resources:
                assert self.lists.spent(fund_id) == self.model.spent(fund_id)
                over = self.model.spent(fund_id) > FUND_RULE.amount_fen
                assert not over or any(s.approval for s in self.model.spendings.values())

    @precondition(lambda self: len(self.model.needs) > 1)
    @invariant()
    def rebuilds_from_its_records(self) -> None:
        records = self.lists.records()
        assert FourLists.from_records(records).records() == records


class PartnershipsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.book = Partnerships()
        self.alliances: dict[str, Alliance] = {}
        self.members: dict[str, AllianceMember] = {}
        self.met: set[str] = set()
        self.commitments: dict[str, Agreement] = {}
        self.hardship: dict[str, HardshipHousehold] = {}
        self.pairings: dict[str, Pairing] = {}
        self.unbound: set[str] = set()
        self.judged: dict[tuple[str, str, int], CommunityEvaluation] = {}

    def _run(self, accepted: bool, command: Callable[[], object]) -> bool:
        before = self.book.records()
        try:
            command()
        except NeighborhoodPBError:
            assert not accepted
            assert self.book.records() == before
            return False
        assert accepted
        return True

    @rule(alliance=cs.alliances())
    def found(self, alliance: Alliance) -> None:
        if self._run(alliance.id not in self.alliances, lambda: self.book.found(alliance)):
            self.alliances[alliance.id] = alliance

    @rule(member=cs.alliance_members())
    def join(self, member: AllianceMember) -> None:
        alliance = self.alliances.get(member.alliance_id)
        accepted = (
            member.id not in self.members
            and alliance is not None
            and member.period.within(alliance.period)
            and not any(
                (o.alliance_id, o.unit_id) == (member.alliance_id, member.unit_id)
                and o.period.overlaps(member.period)
                for o in self.members.values()
            )
        )
        if self._run(accepted, lambda: self.book.join(member)):
            self.members[member.id] = member

    @rule(member_id=st.sampled_from(("AM0", "AM1", "AM9")), days=st.integers(0, 500))
    def leave(self, member_id: str, days: int) -> None:
        """End a membership ``days`` after the first day the strategies draw."""
        day = cs.START.add(days=days)
        member = self.members.get(member_id)
        accepted = member is not None and day > member.period.start and day in member.period
        if self._run(accepted, lambda: self.book.leave(member_id, day)):
            assert member is not None
            self.members[member_id] = attrs.evolve(member, period=member.period.ended_on(day))

    @rule(agreement=cs.agreements())
    def sign(self, agreement: Agreement) -> None:
        signed = {a.id for a in self.commitments.values()} | self.unbound
        accepted = agreement.id not in signed and not any(
            c.id in self.commitments for c in agreement.commitments
        )
        if self._run(accepted, lambda: self.book.sign(agreement)):
            self.unbound.add(agreement.id)
            for c in agreement.commitments:
                self.commitments[c.id] = agreement

    @rule(met=cs.commitments_met())
    def fulfil(self, met: CommitmentMet) -> None:
        agreement = self.commitments.get(met.commitment_id)
        accepted = (
            agreement is not None
            and met.commitment_id not in self.met
            and met.day >= agreement.period.start
        )
        if self._run(accepted, lambda: self.book.fulfil(met)):
            self.met.add(met.commitment_id)

    @rule(household=cs.hardship_households())
    def register(self, household: HardshipHousehold) -> None:
        accepted = household.household_id not in self.hardship
        if self._run(accepted, lambda: self.book.register_hardship(household)):
            self.hardship[household.household_id] = household

    @rule(pairing=cs.pairings())
    def pair(self, pairing: Pairing) -> None:
        accepted = pairing.id not in self.pairings
        if pairing.kind is PairingKind.UNIT_HOUSEHOLD:
            household = self.hardship.get(pairing.partner_id)
            accepted = (
                accepted and household is not None and pairing.period.overlaps(household.period)
            )
        if self._run(accepted, lambda: self.book.pair(pairing)):
            self.pairings[pairing.id] = pairing

    @precondition(lambda self: self.alliances)
    @rule(data=st.data(), unit=st.sampled_from(("U0", "U1", "U2")), days=st.integers(0, 90))
    def join_an_alliance(self, data: st.DataObject, unit: str, days: int) -> None:
        alliance = self.alliances[data.draw(st.sampled_from(sorted(self.alliances)))]
        start = alliance.period.start.add(days=days)
        end = alliance.period.end
        if end is not None and start >= end:
            start = alliance.period.start
        member_id = data.draw(st.sampled_from(("AM0", "AM1", "AM2", "AM3", "AM4")))
        self.join(
            AllianceMember(
                id=member_id,
                alliance_id=alliance.id,
                unit_id=unit,
                period=Period(start=start, end=end),
            )
        )

    @precondition(lambda self: self.members)
    @rule(data=st.data(), days=st.integers(1, 120))
    def leave_an_alliance(self, data: st.DataObject, days: int) -> None:
        member = self.members[data.draw(st.sampled_from(sorted(self.members)))]
        self.leave(member.id, (member.period.start.add(days=days) - cs.START).days)

    @rule(evaluation=cs.community_evaluations())
    def evaluate_a_community(self, evaluation: CommunityEvaluation) -> None:
        key = (evaluation.community_id, evaluation.unit_id, evaluation.year)
        accepted = key not in self.judged
        if self._run(accepted, lambda: self.book.evaluate_community(evaluation)):
            self.judged[key] = evaluation

    @precondition(lambda self: self.commitments)
    @rule(data=st.data(), days=st.integers(-5, 60))
    def meet_a_commitment(self, data: st.DataObject, days: int) -> None:
        commitment_id = data.draw(st.sampled_from(sorted(self.commitments)))
        day = self.commitments[commitment_id].period.start.add(days=days)
        self.fulfil(CommitmentMet(commitment_id=commitment_id, day=day))

    @invariant()
    def agrees_with_the_model(self) -> None:
        for alliance_id in self.alliances:
            for day in (cs.START, cs.START.add(days=200)):
                expected = sorted(
                    m.unit_id
                    for m in self.members.values()
                    if m.alliance_id == alliance_id and day in m.period
                )
                assert list(self.book.members(alliance_id, day)) == expected
        assert set(self.book.pairings()) == set(self.pairings.values())
        assert self.book.community_evaluations() == tuple(self.judged.values())
        records = self.book.records()
        assert Partnerships.from_records(records).records() == records


TestFourLists = FourListsMachine.TestCase
TestFourLists.settings = settings(max_examples=40, stateful_step_count=30)
TestPartnerships = PartnershipsMachine.TestCase
TestPartnerships.settings = settings(max_examples=30, stateful_step_count=25)
