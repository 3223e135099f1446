"""Governance records refuse what breaks their own rules; votes count exactly."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest
from governance_helpers import CALENDAR, WORLD, at

from neighborhood_pb.calendar import DELIBERATION_DAY, QUARTERLY_REVIEW, Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.governance import (
    CIVIL_CODE_278,
    PRESETS,
    SIX_DELIBERATIONS,
    TONGHUA_THREE_DELIBERATIONS,
    WHISTLE_RESPONSE,
    ActorKind,
    Ballot,
    Choice,
    Deadline,
    DeadlineKind,
    Decision,
    Employment,
    ExplicitStanding,
    MatterClass,
    Meeting,
    MeetingKind,
    OwnerShare,
    PostHolding,
    Procedure,
    PublicationRule,
    Residence,
    Standing,
    Step,
    StepActor,
    Threshold,
    Vote,
    chair_on,
    next_deliberation_day,
    tally,
)


def _vote(areas: list[int], voters: int, yes: int, cls: MatterClass = MatterClass.SPECIAL) -> Vote:
    owners = [OwnerShare(owner_id=f"O{i}", area=a) for i, a in enumerate(areas)]
    ballots = [
        Ballot(owner_id=f"O{i}", choice=Choice.FOR if i < yes else Choice.ABSTAIN)
        for i in range(voters)
    ]
    return Vote(
        id="V", matter_id="M", at=at("2026-03-01"), matter_class=cls, owners=owners, ballots=ballots
    )


def test_civil_code_278_counts_exact_fractions() -> None:
    # exactly two thirds take part by area and number: a quorum
    result = tally(_vote([100] * 9, voters=6, yes=6))
    assert result.quorum
    assert result.turnout_number.value == Fraction(2, 3)
    assert result.passed
    # one owner short of two thirds by number: no quorum, nothing passes
    assert not tally(_vote([100] * 9, voters=5, yes=5)).quorum
    assert not tally(_vote([100] * 9, voters=5, yes=5)).passed
    # special matter: exactly three quarters of participants passes, less does not
    assert tally(_vote([100] * 8, voters=8, yes=6)).passed
    assert not tally(_vote([100] * 8, voters=8, yes=5)).passed
    # ordinary matter: more than half, so exactly half fails
    assert not tally(_vote([100] * 6, voters=6, yes=3, cls=MatterClass.ORDINARY)).passed
    assert tally(_vote([100] * 6, voters=6, yes=4, cls=MatterClass.ORDINARY)).passed
    # by area too: many small owners cannot outvote the area
    lopsided = tally(_vote([100, 100, 100, 1000], voters=3, yes=3, cls=MatterClass.ORDINARY))
    assert lopsided.turnout_number.value == Fraction(3, 4)
    assert lopsided.turnout_area.value == Fraction(300, 1300)
    assert not lopsided.quorum
    assert CIVIL_CODE_278.majority(MatterClass.ORDINARY) is CIVIL_CODE_278.ordinary
    assert str(CIVIL_CODE_278.participation) == ">=2/3"
    assert str(CIVIL_CODE_278.ordinary) == ">1/2"
    assert not Threshold(numerator=0, denominator=1).met_by(tally(_vote([100], 0, 0)).approval_area)


def test_votes_and_thresholds_refuse_bad_shapes() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        Threshold(numerator=4, denominator=3)
    assert caught.value.rule == "vote.threshold"
    with pytest.raises(InvalidRecordError, match=r"> 0"):
        OwnerShare(owner_id="O", area=0)
    owners = [OwnerShare(owner_id="O1", area=1)]
    with pytest.raises(InvalidRecordError) as caught:
        Vote(
            id="V",
            matter_id="M",
            at=at("2026-03-01"),
            matter_class=MatterClass.SPECIAL,
            owners=owners,
            ballots=[Ballot(owner_id="O2", choice=Choice.FOR)],
        )
    assert caught.value.rule == "vote.owner"
    with pytest.raises(InvalidRecordError) as caught:
        Vote(
            id="V",
            matter_id="M",
            at=at("2026-03-01"),
            matter_class=MatterClass.SPECIAL,
            owners=owners * 2,
            ballots=[],
        )
    assert caught.value.rule == "vote.one_owner_one_ballot"
    assert MatterClass.SPECIAL.label_zh == "特别事项"
    assert MatterClass.ORDINARY.label_zh == "一般事项"


def test_procedures_refuse_inconsistent_steps_and_deadlines() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        StepActor(kind=ActorKind.POST)
    assert caught.value.rule == "procedure.actor_role"
    with pytest.raises(InvalidRecordError):
        StepActor(kind=ActorKind.RESIDENT, role="x")
    for kwargs in (
        {"kind": DeadlineKind.WORKING_DAYS},
        {"kind": DeadlineKind.NONE, "days": 3},
        {"kind": DeadlineKind.NEXT_DELIBERATION_DAY},
        {"kind": DeadlineKind.NONE, "civic_day": DELIBERATION_DAY},
    ):
        with pytest.raises(InvalidRecordError) as caught:
            Deadline(**kwargs)  # type: ignore[arg-type]
        assert caught.value.rule == "procedure.deadline"
    with pytest.raises(InvalidRecordError) as caught:
        PublicationRule(what="x", min_days=-1)
    assert caught.value.rule == "procedure.non_negative"
    with pytest.raises(InvalidRecordError) as caught:
        Step(code="s", actors=())
    assert caught.value.rule == "procedure.step_actors"
    resident = StepActor(kind=ActorKind.RESIDENT)
    with pytest.raises(InvalidRecordError) as caught:
        Procedure(code="p", source="s", steps=[Step(code="a", actors=[resident])] * 2)
    assert caught.value.rule == "procedure.steps"
    with pytest.raises(InvalidRecordError) as caught:
        TONGHUA_THREE_DELIBERATIONS.index("nope")
    assert caught.value.rule == "procedure.step_known"
    assert TONGHUA_THREE_DELIBERATIONS.publication("nope") is None
    assert Deadline().due(pendulum.date(2026, 3, 2), CALENDAR) is None


def test_presets_cite_their_sources_and_the_six_deliberations_mark_their_assumption() -> None:
    assert [p.label_zh for p in PRESETS] == [
        "提议—商议—践议—议评",
        "三议一审两公开",
        "六议三公开",
        "吹哨报到",
    ]
    assert all(p.source for p in PRESETS)
    assert SIX_DELIBERATIONS.assumption.startswith("步骤由本库假定")
    assert len(SIX_DELIBERATIONS.steps) == 6
    assert sum(len(s.publications) for s in SIX_DELIBERATIONS.steps) == 3
    assert [p.assumption for p in PRESETS if p is not SIX_DELIBERATIONS] == ["", "", ""]
    tonghua = TONGHUA_THREE_DELIBERATIONS
    assert sum(len(s.publications) for s in tonghua.steps) == 2
    assert tonghua.steps[2].actors[0].kind is ActorKind.OWNERS_ASSEMBLY
    assert tonghua.roles == {
        "grid_branch",
        "owners_committee",
        "property_company",
        "community_party_org",
        "community_working_committee",
    }
    assert [s.label_zh for s in WHISTLE_RESPONSE.steps] == ["群众吹哨", "街居响应", "部门报到"]
    assert [k.label_zh for k in ActorKind] == ["任职人员", "业主大会", "居民"]
    assert [d.label_zh for d in Decision] == ["通过", "不通过", "略过"]
    assert [k.label_zh for k in MeetingKind] == ["联席会议", "四方会议", "议事日"]


def test_next_deliberation_day_and_working_day_deadlines() -> None:
    # 2026-01-04 is a Sunday worked in lieu of New Year: the first working day of January
    assert next_deliberation_day(DELIBERATION_DAY, CALENDAR, "2025-12-31") == pendulum.date(
        2026, 1, 4
    )
    assert next_deliberation_day(DELIBERATION_DAY, CALENDAR, "2026-01-04") == pendulum.date(
        2026, 2, 2
    )
    within = Deadline(kind=DeadlineKind.WORKING_DAYS, days=3)
    # a quarterly day: the next one after New Year is the last working day of March
    assert next_deliberation_day(QUARTERLY_REVIEW, CALENDAR, "2026-01-01") == pendulum.date(
        2026, 3, 31
    )
    # National Day: 1-7 October off; 8 and 9 October worked, and Saturday 10 October in lieu
    assert within.due(pendulum.date(2026, 9, 30), CALENDAR) == pendulum.date(2026, 10, 10)


def test_meetings_need_their_chair_among_the_attendees_and_a_positive_quorum() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        Meeting(
            id="MT", kind=MeetingKind.FOUR_PARTY, day="2026-03-02", chair_id="A", attendees={"B"}
        )
    assert caught.value.rule == "meeting.chair_attends"
    with pytest.raises(InvalidRecordError) as caught:
        Meeting(
            id="MT",
            kind=MeetingKind.FOUR_PARTY,
            day="2026-03-02",
            chair_id="A",
            attendees={"A"},
            quorum=0,
        )
    assert caught.value.rule == "meeting.quorum"
    assert chair_on(lambda day: f"chair-{day.day}", "2026-03-02") == "chair-2"


def test_explicit_standing_answers_by_period() -> None:
    standing = ExplicitStanding(
        posts=[
            PostHolding(
                person_id="P", org_id="C", period=Period(start="2026-01-01", end="2026-07-01")
            )
        ],
        residences=[
            Residence(
                person_id="R", territory_id="X", period=Period(start="2026-01-01"), household_id="H"
            )
        ],
        employments=[
            Employment(
                appointment_id="A",
                person_id="R",
                company_id="PM",
                period=Period(start="2026-01-01"),
            )
        ],
    )
    assert isinstance(standing, Standing)
    assert isinstance(WORLD.standing, Standing)
    june, july = pendulum.date(2026, 6, 30), pendulum.date(2026, 7, 1)
    assert standing.holds_post("P", "C", june)
    assert not standing.holds_post("P", "C", july)
    assert standing.resides_in("R", "X", july)
    assert not standing.resides_in("R", "Y", july)
    assert standing.household_of("R", july) == "H"
    assert standing.household_of("P", july) is None
    assert standing.employment("R", "PM", july) == "A"
    assert standing.employment("R", "other", july) is None
