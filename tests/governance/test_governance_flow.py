"""Deliberations command by command: the Tonghua flow, refusals that change nothing, what
is overdue, and the findings of the checks in zh-CN and en."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from governance_helpers import (
    CALENDAR,
    WORLD,
    a_matter,
    at,
    new_book,
    published_and_closed,
    through_review,
    vote,
)

from neighborhood_pb.calendar import DELIBERATION_DAY, Period
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    NotAuthorisedError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.governance import (
    YONGCHUN_FOUR_STEPS,
    ActorKind,
    Closure,
    Deadline,
    DeadlineKind,
    Decision,
    Deliberations,
    MatterClass,
    Meeting,
    MeetingKind,
    Party,
    Procedure,
    Publication,
    Rating,
    Resolution,
    Review,
    Step,
    StepActor,
    StepTaken,
    check_governance,
)


def _refused(
    book: Deliberations, error: type[NeighborhoodPBError], rule: str, command: object
) -> NeighborhoodPBError:
    before = book.records()
    with pytest.raises(error) as caught:
        command()  # type: ignore[operator]
    assert caught.value.rule == rule
    assert book.records() == before
    return caught.value


def test_a_tonghua_matter_from_proposal_to_publication() -> None:
    book = published_and_closed(through_review(new_book()))
    state = book.state("M1")
    assert state.taken == ("propose", "consult", "resolve", "review")
    assert state.closed
    assert state.ended
    assert not state.rejected
    assert [e.actor_id for e in book.history("M1")] == ["P-grid", "P-comm", "P-comm", "P-work"]
    assert book.history("M1")[1].references == ("联席会议纪要",)
    assert check_governance(book, "2026-06-30") == ()
    # as of an earlier instant the state is derived from the events up to then
    earlier = book.state("M1", at("2026-03-10"))
    assert earlier.taken == ("propose", "consult")
    assert earlier.next_steps == ("resolve",)
    assert earlier.due == pendulum.date(2026, 4, 3)  # 20 working days after 6 March
    rebuilt = Deliberations.from_records(book.records(), standing=WORLD.standing, calendar=CALENDAR)
    assert rebuilt.records() == book.records()


def test_steps_out_of_order_or_without_authority_are_refused_and_change_nothing() -> None:
    book = new_book()
    book.take_step(
        StepTaken(id="E1", matter_id="M1", step="propose", actor_id="P-grid", at=at("2026-03-02"))
    )
    _refused(
        book,
        RuleViolationError,
        "step.order",
        lambda: book.take_step(
            StepTaken(
                id="E2", matter_id="M1", step="review", actor_id="P-work", at=at("2026-03-03")
            )
        ),
    )
    error = _refused(
        book,
        NotAuthorisedError,
        "step.authority",
        lambda: book.take_step(
            StepTaken(id="E2", matter_id="M1", step="consult", actor_id="O1", at=at("2026-03-03"))
        ),
    )
    assert "社区党组织" in error_text(error)
    assert "O1" in error_text(error)
    _refused(
        book,
        ConflictError,
        "step.unique",
        lambda: book.take_step(
            StepTaken(
                id="E1", matter_id="M1", step="consult", actor_id="P-comm", at=at("2026-03-03")
            )
        ),
    )
    _refused(
        book,
        UnknownRecordError,
        "step.known",
        lambda: book.take_step(
            StepTaken(id="E2", matter_id="M1", step="nope", actor_id="P-comm", at=at("2026-03-03"))
        ),
    )
    _refused(
        book,
        UnknownRecordError,
        "matter.known",
        lambda: book.take_step(
            StepTaken(
                id="E2", matter_id="M9", step="consult", actor_id="P-comm", at=at("2026-03-03")
            )
        ),
    )
    _refused(
        book,
        RuleViolationError,
        "step.in_time",
        lambda: book.take_step(
            StepTaken(
                id="E2", matter_id="M1", step="consult", actor_id="P-comm", at=at("2026-03-01")
            )
        ),
    )
    _refused(
        book,
        RuleViolationError,
        "step.skippable",
        lambda: book.take_step(
            StepTaken(
                id="E2",
                matter_id="M1",
                step="consult",
                actor_id="P-comm",
                at=at("2026-03-03"),
                decision=Decision.SKIPPED,
            )
        ),
    )
    # the assembly acts only through a vote on this matter, with a quorum, matching it
    book.take_step(
        StepTaken(id="E2", matter_id="M1", step="consult", actor_id="P-comm", at=at("2026-03-06"))
    )
    _refused(
        book,
        NotAuthorisedError,
        "step.authority",
        lambda: book.take_step(
            StepTaken(
                id="E3", matter_id="M1", step="resolve", actor_id="P-comm", at=at("2026-03-21")
            )
        ),
    )
    _refused(
        book,
        RuleViolationError,
        "step.vote",
        lambda: book.take_step(
            StepTaken(
                id="E3",
                matter_id="M1",
                step="resolve",
                actor_id="P-comm",
                at=at("2026-03-21"),
                vote_id="V9",
            )
        ),
    )
    book.record_vote(vote("V-low", voters=3, yes=3))
    error = _refused(
        book,
        RuleViolationError,
        "step.quorum",
        lambda: book.take_step(
            StepTaken(
                id="E3",
                matter_id="M1",
                step="resolve",
                actor_id="P-comm",
                at=at("2026-03-21"),
                vote_id="V-low",
            )
        ),
    )
    assert "未达法定比例" in error_text(error)
    book.record_vote(vote("V-no", voters=5, yes=3))  # 3 of 5 is not three quarters
    _refused(
        book,
        RuleViolationError,
        "step.vote_result",
        lambda: book.take_step(
            StepTaken(
                id="E3",
                matter_id="M1",
                step="resolve",
                actor_id="P-comm",
                at=at("2026-03-21"),
                vote_id="V-no",
            )
        ),
    )
    book.take_step(
        StepTaken(
            id="E3",
            matter_id="M1",
            step="resolve",
            actor_id="P-comm",
            at=at("2026-03-21"),
            vote_id="V-no",
            decision=Decision.REJECTED,
        )
    )
    state = book.state("M1")
    assert state.rejected
    assert state.next_steps == ()
    assert state.due is None
    _refused(
        book,
        RuleViolationError,
        "step.order",
        lambda: book.take_step(
            StepTaken(
                id="E4", matter_id="M1", step="review", actor_id="P-work", at=at("2026-03-25")
            )
        ),
    )
    book.close(Closure(matter_id="M1", actor_id="P-comm", at=at("2026-03-22")))
    assert book.state("M1").closed
    # the steps not taken owe no publication; the consultation owes its process publication
    (missing,) = [f for f in check_governance(book, "2026-03-23") if f.subject == "M1"]
    assert missing.code == "governance.publication_missing"
    assert missing.params["what"] == "过程公开"


def test_a_vote_by_an_employee_on_the_companys_own_contract_names_the_appointment() -> None:
    book = new_book()
    error = _refused(
        book,
        NotAuthorisedError,
        "vote.conflict_of_interest",
        lambda: book.record_vote(
            vote("V2", voters=6, yes=6, contract_company_id="PM", matter_class=MatterClass.ORDINARY)
        ),
    )
    assert error.params["appointment"] == "A-pm"
    assert "A-pm" in error_text(error)
    assert "A-pm" in error_text(error, "en")
    result = book.record_vote(
        vote("V3", voters=5, yes=3, contract_company_id="PM", matter_class=MatterClass.ORDINARY)
    )
    assert result.passed
    assert book.vote("V3")[1] is result
    _refused(
        book,
        RuleViolationError,
        "step.vote",
        lambda: book.take_step(
            StepTaken(
                id="E1",
                matter_id="M1",
                step="propose",
                actor_id="P-grid",
                at=at("2026-03-21"),
                vote_id="V3",
            )
        ),
    )
    _refused(
        book, ConflictError, "vote.unique", lambda: book.record_vote(vote("V3", voters=1, yes=1))
    )
    _refused(
        book,
        UnknownRecordError,
        "matter.known",
        lambda: book.record_vote(vote("V4", voters=1, yes=1, matter_id="M9")),
    )
    _refused(book, UnknownRecordError, "vote.known", lambda: book.vote("V9"))


def test_closing_reviewing_and_publishing_guard_their_order() -> None:
    book = new_book()
    _refused(
        book,
        RuleViolationError,
        "matter.close",
        lambda: book.close(Closure(matter_id="M1", actor_id="P-comm", at=at("2026-03-03"))),
    )
    _refused(
        book,
        RuleViolationError,
        "review.after_closure",
        lambda: book.review(Review(matter_id="M1", actor_id="P-comm", at=at("2026-03-03"))),
    )
    _refused(
        book,
        InvalidRecordError,
        "publication.known",
        lambda: book.publish(
            Publication(
                actor_id="P-comm",
                id="PUB",
                matter_id="M1",
                what="plan",
                where="公告栏",
                period=Period(start="2026-03-03"),
            )
        ),
    )
    through_review(book)
    _refused(
        book,
        RuleViolationError,
        "matter.close_in_time",
        lambda: book.close(Closure(matter_id="M1", actor_id="P-comm", at=at("2026-03-24"))),
    )
    published_and_closed(book)
    _refused(
        book,
        ConflictError,
        "publication.unique",
        lambda: book.publish(
            Publication(
                actor_id="P-comm",
                id="PUB1",
                matter_id="M1",
                what="result",
                where="公告栏",
                period=Period(start="2026-04-03"),
            )
        ),
    )
    _refused(
        book,
        RuleViolationError,
        "matter.close",
        lambda: book.close(Closure(matter_id="M1", actor_id="P-comm", at=at("2026-04-05"))),
    )
    _refused(
        book,
        RuleViolationError,
        "review.after_closure",
        lambda: book.review(Review(matter_id="M1", actor_id="P-comm", at=at("2026-04-01"))),
    )
    assert [f.code for f in check_governance(book, "2026-07-01")] == ["governance.review_due"]
    book.review(Review(matter_id="M1", actor_id="P-comm", at=at("2026-07-01"), note="运行良好"))
    assert book.reviews("M1")[0].note == "运行良好"
    assert check_governance(book, "2026-07-02") == ()
    rebuilt = Deliberations.from_records(book.records(), standing=WORLD.standing, calendar=CALENDAR)
    assert rebuilt.reviews("M1") == book.reviews("M1")


def test_matters_are_proposed_once_under_a_known_procedure_with_its_roles() -> None:
    book = new_book()
    matter = book.matter("M1")
    _refused(book, ConflictError, "matter.unique", lambda: book.propose(matter))
    _refused(
        book,
        UnknownRecordError,
        "matter.procedure",
        lambda: book.propose(attrs.evolve(matter, id="M2", procedure="nope")),
    )
    _refused(
        book,
        InvalidRecordError,
        "matter.parties_known",
        lambda: book.propose(
            attrs.evolve(matter, id="M2", parties=(Party(role="department", org_id="D"),))
        ),
    )
    with pytest.raises(InvalidRecordError, match="twice"):
        attrs.evolve(matter, parties=(*WORLD.parties, WORLD.parties[0]))
    assert matter.party("owners_committee") is None
    assert matter.party("grid_branch") == "GB"
    assert book.matters() == (matter,)


def test_ratings_one_per_resident_of_the_territory_or_a_served_household() -> None:
    book = new_book()
    book.rate(Rating(matter_id="M1", resident_id="O1", at=at("2026-04-05"), satisfied=True))
    book.rate(Rating(matter_id="M1", resident_id="O2", at=at("2026-04-05"), satisfied=True))
    book.rate(
        Rating(matter_id="M1", resident_id="O6", at=at("2026-04-05"), satisfied=False)
    )  # H6 served
    assert book.satisfaction("M1").value == pytest.approx(2 / 3)
    assert str(book.satisfaction("M1")) == "2/3 (66.7%)"
    _refused(
        book,
        ConflictError,
        "rating.once",
        lambda: book.rate(
            Rating(matter_id="M1", resident_id="O1", at=at("2026-04-06"), satisfied=False)
        ),
    )
    error = _refused(
        book,
        NotAuthorisedError,
        "rating.resident",
        lambda: book.rate(
            Rating(matter_id="M1", resident_id="nobody", at=at("2026-04-06"), satisfied=False)
        ),
    )
    assert "不能评议" in error_text(error)
    _refused(book, UnknownRecordError, "matter.known", lambda: book.satisfaction("M9"))


def test_a_meeting_is_chaired_by_the_chair_of_the_day() -> None:
    book = new_book()
    day = pendulum.date(2026, 3, 2)

    class Rotation:
        def chair_of(self, meeting: object) -> str | None:
            return "P-comm"

    meeting = Meeting(
        id="MT1",
        kind=MeetingKind.JOINT,
        day=day,
        chair_id="P-comm",
        attendees={"P-comm", "P-grid", "P-work"},
        quorum=3,
        resolutions=(Resolution(matter_id="M1", text="同意提交业主大会"),),
    )
    _refused(
        book,
        RuleViolationError,
        "meeting.chair_of_the_day",
        lambda: book.hold_meeting(meeting, chair=lambda d: "P-grid" if d == day else None),
    )
    book.hold_meeting(meeting, chair=Rotation())
    assert book.meetings() == (meeting,)
    assert meeting.quorate
    _refused(book, ConflictError, "meeting.unique", lambda: book.hold_meeting(meeting))
    _refused(
        book,
        UnknownRecordError,
        "matter.known",
        lambda: book.hold_meeting(
            attrs.evolve(meeting, id="MT2", resolutions=(Resolution(matter_id="M9", text="x"),))
        ),
    )
    book.hold_meeting(attrs.evolve(meeting, id="MT3", attendees={"P-comm"}, resolutions=()))
    found = {f.subject: f for f in check_governance(book, "2026-03-03")}
    assert found["MT3"].code == "governance.meeting_quorum"
    assert (
        found["MT3"].render()
        == "联席会议（MT3）于2026年3月2日召开，到会1人，应到至少3人；形成决议0项"
    )


def test_overdue_steps_are_computed_when_asked() -> None:
    book = new_book()
    book.take_step(
        StepTaken(id="E1", matter_id="M1", step="propose", actor_id="P-grid", at=at("2026-03-02"))
    )
    # consult is due within 10 working days: by 16 March 2026
    assert book.overdue("2026-03-16") == ()
    (late,) = book.overdue("2026-03-17")
    assert (late.step, late.label_zh, late.due, late.since) == (
        "consult",
        "商议",
        pendulum.date(2026, 3, 16),
        pendulum.date(2026, 3, 2),
    )
    (finding,) = check_governance(book, "2026-03-17")
    assert (
        finding.render()
        == "更换电梯（M1）的“商议”环节应于2026年3月16日前办理（自2026年3月2日起算），至今未办"
    )
    assert (
        finding.render("en")
        == "更换电梯 (M1): step 商议 was due by 2026-03-16 (counted from 2026-03-02) "
        "and is not taken"
    )
    assert book.overdue("2026-03-01") == ()  # before the proposal nothing is due


def test_a_yongchun_matter_falls_due_on_the_next_deliberation_day() -> None:
    book = Deliberations(standing=WORLD.standing, calendar=CALENDAR)
    book.propose(
        a_matter(
            "Y1",
            title="楼道照明",
            proposer_id="O1",
            category="",
            procedure=YONGCHUN_FOUR_STEPS.code,
            proposed_at=at("2026-01-20"),
            parties=(Party(role="community_party_org", org_id="C"),),
            households=(),
        )
    )
    book.take_step(
        StepTaken(id="Y-E1", matter_id="Y1", step="propose", actor_id="O1", at=at("2026-01-20"))
    )
    state = book.state("Y1")
    assert state.due_step == "consult"
    assert state.due == pendulum.date(2026, 2, 2)
    assert DELIBERATION_DAY.code == "deliberation_day"


def test_publications_missing_or_short_and_votes_without_quorum_are_findings() -> None:
    book = through_review(new_book())
    book.record_vote(vote("V-low", voters=2, yes=2, at=at("2026-03-10")))
    book.publish(
        Publication(
            actor_id="P-comm",
            id="PUB2",
            matter_id="M1",
            what="result",
            where="公告栏",
            period=Period(start="2026-03-26", end="2026-03-29"),
        )
    )
    book.publish(
        Publication(
            actor_id="P-comm",
            id="PUB3",
            matter_id="M1",
            what="result",
            where="微信群",
            period=Period(start="2026-03-26"),
        )
    )
    book.close(Closure(matter_id="M1", actor_id="P-comm", at=at("2026-04-03")))
    found = {f.code: f for f in check_governance(book, "2026-04-04")}
    assert sorted(found) == ["governance.publication_missing", "governance.vote_quorum"]
    assert (
        found["governance.publication_missing"].render()
        == "更换电梯（M1）已办结，但“商议”环节应有的过程公开没有公开"
    )
    assert found["governance.vote_quorum"].params["area"] == "29.7%"
    assert check_governance(book, "2026-03-09") == ()
    short = through_review(new_book())
    short.publish(
        Publication(
            actor_id="P-comm",
            id="PUB1",
            matter_id="M1",
            what="process",
            where="公告栏",
            period=Period(start="2026-03-07", end="2026-03-14"),
        )
    )
    short.publish(
        Publication(
            actor_id="P-comm",
            id="PUB2",
            matter_id="M1",
            what="result",
            where="公告栏",
            period=Period(start="2026-03-26", end="2026-03-29"),
        )
    )
    short.close(Closure(matter_id="M1", actor_id="P-comm", at=at("2026-04-03")))
    (finding,) = check_governance(short, "2026-04-04")
    assert finding.render() == "更换电梯（M1）的结果公开仅公开3天，应至少7天"
    assert finding.render("en") == "更换电梯 (M1): 结果公开 was published for 3 day(s); 7 required"


def test_a_skippable_step_may_be_passed_over_or_skipped_explicitly() -> None:
    resident = StepActor(kind=ActorKind.RESIDENT)
    procedure = Procedure(
        code="short",
        source="test",
        steps=[
            Step(code="ask", actors=[resident]),
            Step(code="hear", actors=[resident], skippable=True),
            Step(
                code="act",
                actors=[resident],
                deadline=Deadline(kind=DeadlineKind.WORKING_DAYS, days=2),
            ),
        ],
    )
    book = Deliberations(standing=WORLD.standing, calendar=CALENDAR, procedures=[procedure])
    for matter_id in ("S1", "S2"):
        book.propose(
            a_matter(
                matter_id,
                title="楼道清理",
                proposer_id="O1",
                category="",
                procedure="short",
                proposed_at=at("2026-03-02"),
                parties=(),
                households=(),
            )
        )
        book.take_step(
            StepTaken(
                id=f"{matter_id}-1",
                matter_id=matter_id,
                step="ask",
                actor_id="O1",
                at=at("2026-03-02"),
            )
        )
    state = book.state("S1")
    assert state.next_steps == ("hear", "act")
    assert state.due_step == "act"
    assert state.due == pendulum.date(2026, 3, 4)
    book.take_step(
        StepTaken(id="S1-2", matter_id="S1", step="act", actor_id="O2", at=at("2026-03-03"))
    )
    book.take_step(
        StepTaken(
            id="S2-2",
            matter_id="S2",
            step="hear",
            actor_id="O2",
            at=at("2026-03-03"),
            decision=Decision.SKIPPED,
        )
    )
    assert book.state("S1").taken == ("ask", "act")
    assert book.state("S2").next_steps == ("act",)
