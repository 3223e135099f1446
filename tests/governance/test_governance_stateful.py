"""The deliberations against a naive model, command by command (valid and invalid)."""

from __future__ import annotations

import attrs
import governance_naive as naive
import pendulum
from governance_helpers import CALENDAR, WORLD, a_matter
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from neighborhood_pb.calendar import Period
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.governance import (
    Ballot,
    Choice,
    Closure,
    Decision,
    Deliberations,
    MatterClass,
    Publication,
    Rating,
    StepTaken,
    Vote,
)

MATTERS = ("M0", "M1", "M2", "M9")
EVENT_IDS = tuple(f"E{i}" for i in range(12))
VOTE_IDS = ("V0", "V1", "V2", "V3")
START = pendulum.datetime(2026, 1, 5, 9, tz="Asia/Shanghai")
AREAS = {o.owner_id: o.area for o in WORLD.owners}


class DeliberationsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.book = Deliberations(standing=WORLD.standing, calendar=CALENDAR)
        self.clock = START
        self.matters: dict[str, naive.NaiveMatter] = {}
        self.events: set[str] = set()
        self.votes: dict[str, tuple[str, bool, bool]] = {}
        self.publications: set[str] = set()

    def _instant(self, hours: int) -> pendulum.DateTime:
        return self.clock.add(hours=hours)

    def _run(self, accepted: bool, command: object, at: pendulum.DateTime) -> bool:
        before = self.book.records()
        try:
            command()  # type: ignore[operator]
        except NeighborhoodPBError:
            assert not accepted
            assert self.book.records() == before
            return False
        assert accepted
        self.clock = max(self.clock, at)
        return True

    @rule(matter_id=st.sampled_from(MATTERS[:3]), hours=st.integers(0, 48), served=st.booleans())
    def propose(self, matter_id: str, hours: int, served: bool) -> None:
        at = self._instant(hours)
        households = frozenset({"H6"}) if served else frozenset()
        matter = a_matter(
            matter_id, title="议题", category="", proposed_at=at, households=households
        )
        if self._run(matter_id not in self.matters, lambda: self.book.propose(matter), at):
            self.matters[matter_id] = naive.NaiveMatter(proposed_at=at, households=households)

    @rule(
        event_id=st.sampled_from(EVENT_IDS),
        matter_id=st.sampled_from(MATTERS),
        step=st.sampled_from((*naive.STEPS, "nope")),
        actor=st.sampled_from(WORLD.people),
        hours=st.integers(-24, 72),
        vote_id=st.none() | st.sampled_from(VOTE_IDS),
        decision=st.sampled_from(Decision),
    )
    def take_step(
        self,
        event_id: str,
        matter_id: str,
        step: str,
        actor: str,
        hours: int,
        vote_id: str | None,
        decision: Decision,
    ) -> None:
        at = self._instant(hours)
        event = StepTaken(
            id=event_id,
            matter_id=matter_id,
            step=step,
            actor_id=actor,
            at=at,
            decision=decision,
            vote_id=vote_id,
        )
        self._step(event)

    @rule(
        event_id=st.sampled_from(EVENT_IDS),
        matter_id=st.sampled_from(MATTERS),
        hours=st.integers(0, 48),
        vote_id=st.sampled_from(VOTE_IDS),
        reject=st.integers(0, 5),
    )
    def take_next_step(
        self, event_id: str, matter_id: str, hours: int, vote_id: str, reject: int
    ) -> None:
        """Mostly valid: the next step, by its holder (or through a vote)."""
        model = self.matters.get(matter_id)
        step = naive.STEPS[min(len(model.taken), 3)] if model else "propose"
        own = sorted(v for v, (m, quorate, _) in self.votes.items() if m == matter_id and quorate)
        if own and reject:
            vote_id = own[0]
        known = self.votes.get(vote_id)
        if step == "resolve" and known is not None:
            decision = Decision.ADOPTED if known[2] else Decision.REJECTED
        else:
            decision = Decision.REJECTED if reject == 0 else Decision.ADOPTED
        event = StepTaken(
            id=event_id,
            matter_id=matter_id,
            step=step,
            actor_id=naive.HOLDER.get(step, "P-comm"),
            at=self._instant(hours),
            decision=decision,
            vote_id=vote_id if step == "resolve" else None,
        )
        self._step(event)

    def _step(self, event: StepTaken) -> None:
        model = self.matters.get(event.matter_id)
        step, decision, vote_id = event.step, event.decision, event.vote_id
        ok = (
            event.id not in self.events
            and model is not None
            and step in naive.STEPS
            and not (model.rejected or model.closed)
            and naive.STEPS.index(step) == len(model.taken)
            and event.at >= model.latest
            and decision is not Decision.SKIPPED
        )
        if ok and vote_id is not None:
            known = self.votes.get(vote_id)
            ok = (
                step == "resolve"
                and known is not None
                and known[0] == event.matter_id
                and known[1]
                and known[2] == (decision is Decision.ADOPTED)
            )
        elif ok:
            ok = naive.HOLDER.get(step) == event.actor_id
        if self._run(ok, lambda: self.book.take_step(event), event.at):
            assert model is not None
            self.events.add(event.id)
            model.taken.append(step)
            model.last = event.at
            model.rejected = decision is Decision.REJECTED

    @rule(
        vote_id=st.sampled_from(VOTE_IDS),
        matter_id=st.sampled_from(MATTERS),
        voters=st.lists(st.sampled_from(sorted(AREAS)), unique=True),
        yes=st.integers(0, 6),
        special=st.booleans(),
        contract=st.booleans(),
        hours=st.integers(0, 24),
    )
    def record_vote(
        self,
        vote_id: str,
        matter_id: str,
        voters: list[str],
        yes: int,
        special: bool,
        contract: bool,
        hours: int,
    ) -> None:
        at = self._instant(hours)
        vote = Vote(
            id=vote_id,
            matter_id=matter_id,
            at=at,
            matter_class=MatterClass.SPECIAL if special else MatterClass.ORDINARY,
            owners=WORLD.owners,
            ballots=[
                Ballot(owner_id=v, choice=Choice.FOR if i < yes else Choice.AGAINST)
                for i, v in enumerate(voters)
            ],
            contract_company_id="PM" if contract else None,
        )
        ok = (
            vote_id not in self.votes
            and matter_id in self.matters
            and not (contract and naive.EMPLOYEE in voters)
        )
        if self._run(ok, lambda: self.book.record_vote(vote), at):
            quorum, passed = naive.counts(AREAS, voters, voters[:yes], special)
            self.votes[vote_id] = (matter_id, quorum, passed)
            result = self.book.vote(vote_id)[1]
            assert (result.quorum, result.passed) == (quorum, passed)

    @rule(vote_id=st.sampled_from(VOTE_IDS), matter_id=st.sampled_from(MATTERS[:3]))
    def pass_vote(self, vote_id: str, matter_id: str) -> None:
        """Mostly valid: every owner votes for."""
        self.record_vote(vote_id, matter_id, sorted(AREAS), 6, True, False, 1)

    @rule(matter_id=st.sampled_from(MATTERS), hours=st.integers(-24, 48))
    def close(self, matter_id: str, hours: int) -> None:
        at = self._instant(hours)
        model = self.matters.get(matter_id)
        ok = (
            model is not None
            and not model.closed
            and (model.rejected or len(model.taken) == len(naive.STEPS))
            and at >= model.latest
        )
        closure = Closure(matter_id=matter_id, actor_id="P-comm", at=at)
        if self._run(ok, lambda: self.book.close(closure), at):
            assert model is not None
            model.closed = True

    @rule(
        publication_id=st.sampled_from(("PUB0", "PUB1", "PUB2")),
        matter_id=st.sampled_from(MATTERS),
        what=st.sampled_from(("process", "result", "plan")),
    )
    def publish(self, publication_id: str, matter_id: str, what: str) -> None:
        start = self.clock.date()
        publication = Publication(
            actor_id="P-comm",
            id=publication_id,
            matter_id=matter_id,
            what=what,
            where="公告栏",
            period=Period(start=start, end=start.add(days=7)),
        )
        ok = (
            publication_id not in self.publications
            and matter_id in self.matters
            and what in naive.PUBLISHED
        )
        if self._run(ok, lambda: self.book.publish(publication), self.clock):
            self.publications.add(publication_id)

    @rule(
        matter_id=st.sampled_from(MATTERS),
        resident=st.sampled_from(WORLD.people),
        satisfied=st.booleans(),
    )
    def rate(self, matter_id: str, resident: str, satisfied: bool) -> None:
        rating = Rating(
            matter_id=matter_id, resident_id=resident, at=self.clock, satisfied=satisfied
        )
        model = self.matters.get(matter_id)
        ok = (
            model is not None
            and resident not in model.ratings
            and (resident in naive.RESIDENTS or (resident == "O6" and "H6" in model.households))
        )
        if self._run(ok, lambda: self.book.rate(rating), self.clock):
            assert model is not None
            model.ratings[resident] = satisfied

    @invariant()
    def agrees_with_the_model(self) -> None:
        records = self.book.records()
        assert {m.id for m in records.matters} == set(self.matters)
        assert {s.id for s in records.steps} == self.events
        assert {v.id for v in records.votes} == set(self.votes)
        assert {p.id for p in records.publications} == self.publications
        for matter_id, model in self.matters.items():
            state = self.book.state(matter_id)
            assert list(state.taken) == model.taken
            assert state.rejected == model.rejected
            assert state.closed == model.closed
            ratio = self.book.satisfaction(matter_id)
            assert (ratio.numerator, ratio.denominator) == (
                sum(model.ratings.values()),
                len(model.ratings),
            )
            expected = () if model.rejected or model.closed else naive.STEPS[len(model.taken) :]
            assert state.next_steps == expected[:1]

    @invariant()
    def rebuilds_from_its_records(self) -> None:
        records = self.book.records()
        rebuilt = Deliberations.from_records(records, standing=WORLD.standing, calendar=CALENDAR)
        assert rebuilt.records() == attrs.evolve(records)


TestDeliberations = DeliberationsMachine.TestCase
