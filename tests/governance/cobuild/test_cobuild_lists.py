"""The four lists: needs and their status, resources, projects, spending and publication."""

from __future__ import annotations

import attrs
import pytest
from cobuild_helpers import YEAR, community, need, project, resource

from neighborhood_pb.calendar import Period
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.governance.cobuild import (
    YANCHENG_SERVICE_FUND,
    FourLists,
    ListComment,
    ListKind,
    Milestone,
    MilestoneReached,
    NeedEvent,
    NeedOrigin,
    NeedStatus,
    ProjectDone,
    ResourceCommitment,
    ResourceKind,
    Responsibility,
    ResponsibilityBasis,
    Spending,
    need_status,
)


def _refused(lists: FourLists, command: object, rule: str) -> NeighborhoodPBError:
    before = lists.records()
    with pytest.raises(NeighborhoodPBError) as caught:
        command()  # type: ignore[operator]
    assert caught.value.rule == rule
    assert lists.records() == before
    return caught.value


def test_a_need_status_is_derived_from_its_events_on_any_day() -> None:
    lists = community()
    lists.record(
        NeedEvent(
            need_id="N1",
            status=NeedStatus.MATCHED,
            day="2026-01-20",
            actor_id="li",
            resource_id="R1",
        )
    )
    lists.record(
        NeedEvent(need_id="N1", status=NeedStatus.IN_PROGRESS, day="2026-02-01", actor_id="li")
    )
    lists.record(NeedEvent(need_id="N1", status=NeedStatus.MET, day="2026-04-01", actor_id="li"))
    lists.record(
        NeedEvent(
            need_id="N2",
            status=NeedStatus.DECLINED,
            day="2026-01-15",
            actor_id="li",
            reason="属物业职责",
        )
    )
    assert [
        lists.status("N1", d) for d in ("2026-01-19", "2026-01-20", "2026-03-01", "2026-04-01")
    ] == [
        NeedStatus.OPEN,
        NeedStatus.MATCHED,
        NeedStatus.IN_PROGRESS,
        NeedStatus.MET,
    ]
    assert lists.status("N2", "2026-02-01") is NeedStatus.DECLINED
    assert lists.events("N2")[0].reason == "属物业职责"
    assert need_status((), lists.need("N1").raised_on) is NeedStatus.OPEN
    assert NeedStatus.MET.final
    assert not NeedStatus.MATCHED.final
    assert NeedStatus.DECLINED.label_zh == "不予办理"
    assert NeedOrigin.DELIBERATION.label_zh == "议事协商"


def test_need_events_move_forward_and_never_back_in_time() -> None:
    lists = community()
    _refused(
        lists,
        lambda: lists.record(
            NeedEvent(need_id="N1", status=NeedStatus.MET, day="2026-01-20", actor_id="li")
        ),
        "need_event.transition",
    )
    error = _refused(
        lists,
        lambda: lists.record(
            NeedEvent(need_id="N1", status=NeedStatus.MATCHED, day="2026-01-09", actor_id="li")
        ),
        "need_event.in_time",
    )
    assert error.params["last"] == lists.need("N1").raised_on
    _refused(
        lists,
        lambda: lists.record(
            NeedEvent(need_id="N9", status=NeedStatus.MATCHED, day="2026-01-20", actor_id="li")
        ),
        "need.known",
    )
    _refused(
        lists,
        lambda: lists.record(
            NeedEvent(
                need_id="N1",
                status=NeedStatus.MATCHED,
                day="2026-01-20",
                actor_id="li",
                resource_id="R9",
            )
        ),
        "resource.known",
    )
    with pytest.raises(InvalidRecordError, match="reason") as caught:
        NeedEvent(need_id="N1", status=NeedStatus.DECLINED, day="2026-01-20", actor_id="li")
    assert caught.value.rule == "need_event.reason"
    with pytest.raises(InvalidRecordError) as caught:
        NeedEvent(need_id="N1", status=NeedStatus.OPEN, day="2026-01-20", actor_id="li")
    assert caught.value.rule == "need_event.status"


def test_ids_are_unique_and_references_known() -> None:
    lists = community()
    assert isinstance(
        _refused(lists, lambda: lists.raise_need(need()), "need.unique"), ConflictError
    )
    _refused(lists, lambda: lists.offer(resource()), "resource.unique")
    _refused(lists, lambda: lists.open_project(project()), "project.unique")
    assert isinstance(
        _refused(lists, lambda: lists.project("P9"), "project.known"), UnknownRecordError
    )
    _refused(lists, lambda: lists.resource("R9"), "resource.known")
    _refused(lists, lambda: lists.snapshot("PUB9"), "snapshot.known")
    _refused(lists, lambda: lists.open_project(project("P2", need_ids={"N9"})), "need.known")


def test_a_project_commits_no_more_than_is_left_within_the_period_offered() -> None:
    lists = community()
    assert lists.committed("R1") == 10
    error = _refused(
        lists,
        lambda: lists.open_project(
            project("P2", commitments=[ResourceCommitment(resource_id="R1", quantity=31)])
        ),
        "project.capacity",
    )
    assert error.params == {"resource": "R1", "quantity": 31, "left": 30}
    lists.offer(resource("R2", period=Period(start="2026-06-01", end="2026-09-01")))
    _refused(
        lists,
        lambda: lists.open_project(
            project("P2", commitments=[ResourceCommitment(resource_id="R2", quantity=1)])
        ),
        "project.resource_period",
    )
    _refused(
        lists,
        lambda: lists.open_project(project("P2", fund_id="R1", commitments=())),
        "project.fund",
    )
    lists.record(
        NeedEvent(
            need_id="N2", status=NeedStatus.DECLINED, day="2026-01-15", actor_id="li", reason="重复"
        )
    )
    _refused(
        lists,
        lambda: lists.open_project(project("P2", need_ids={"N2"}, commitments=())),
        "project.need_open",
    )
    lists.open_project(
        project("P2", commitments=[ResourceCommitment(resource_id="R1", quantity=30)])
    )
    assert lists.committed("R1") == 40
    assert [p.id for p in lists.projects()] == ["P1", "P2"]


def test_project_records_refuse_their_own_contradictions() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        project(start="2026-05-01", due="2026-04-30")
    assert caught.value.rule == "project.dates"
    with pytest.raises(InvalidRecordError) as caught:
        project(milestones=[Milestone(code="a", title="x", due="2026-03-01")] * 2)
    assert caught.value.rule == "project.unique_parts"
    with pytest.raises(InvalidRecordError):
        project(budget_fen=1.5)
    with pytest.raises(InvalidRecordError):
        resource(capacity=0)


def test_milestones_and_completion() -> None:
    lists = community()
    lists.reach(MilestoneReached(project_id="P1", code="survey", day="2026-02-10"))
    assert [r.code for r in lists.reached("P1")] == ["survey"]
    _refused(
        lists,
        lambda: lists.reach(MilestoneReached(project_id="P1", code="survey", day="2026-02-11")),
        "milestone.once",
    )
    _refused(
        lists,
        lambda: lists.reach(MilestoneReached(project_id="P1", code="build", day="2026-02-11")),
        "milestone.known",
    )
    lists2 = community()
    _refused(
        lists2,
        lambda: lists2.reach(MilestoneReached(project_id="P1", code="survey", day="2026-01-31")),
        "project.in_time",
    )
    _refused(
        lists,
        lambda: lists.complete(ProjectDone(project_id="P1", day="2026-01-01")),
        "project.in_time",
    )
    lists.complete(ProjectDone(project_id="P1", day="2026-04-20", outcome="装好32处扶手"))
    assert lists.done("P1", "2026-04-19") is None
    assert lists.done("P1", "2026-04-20") is not None
    _refused(
        lists,
        lambda: lists.complete(ProjectDone(project_id="P1", day="2026-04-21")),
        "project.done_once",
    )


def test_spending_never_exceeds_the_fund_without_an_approval() -> None:
    lists = community()
    assert YANCHENG_SERVICE_FUND.amount_fen == 20_000_000
    assert "20万元" in YANCHENG_SERVICE_FUND.source
    lists.spend(Spending(id="S1", project_id="P1", amount_fen=19_000_000, day="2026-03-01"))
    error = _refused(
        lists,
        lambda: lists.spend(
            Spending(id="S2", project_id="P1", amount_fen=1_000_001, day="2026-03-02")
        ),
        "spending.within_fund",
    )
    assert isinstance(error, RuleViolationError)
    assert error.subject == "P1"
    assert error.params == {"fund": "F1", "spent": 20_000_001, "amount": 20_000_000}
    lists.spend(
        Spending(
            id="S2",
            project_id="P1",
            amount_fen=1_000_001,
            day="2026-03-02",
            approval="街道批复〔2026〕3号",
        )
    )
    assert lists.spent("F1") == 20_000_001
    assert lists.spent("F1", "2026-03-01") == 19_000_000
    assert lists.spent_by("P1") == 20_000_001
    _refused(
        lists,
        lambda: lists.spend(Spending(id="S2", project_id="P1", amount_fen=1, day="2026-03-02")),
        "spending.unique",
    )
    _refused(
        lists,
        lambda: lists.spend(Spending(id="S3", project_id="P1", amount_fen=1, day="2027-01-01")),
        "spending.period",
    )
    lists.open_project(project("P2", fund_id=None, commitments=()))
    _refused(
        lists,
        lambda: lists.spend(Spending(id="S3", project_id="P2", amount_fen=1, day="2026-03-02")),
        "spending.fund",
    )


def test_resources_of_a_day_and_a_fund_from_its_rule() -> None:
    lists = community()
    lists.offer(resource("R2", kind=ResourceKind.VENUE, period=Period(start="2027-01-01")))
    assert [r.id for r in lists.resources("2026-06-01")] == ["R1", "F1"]
    assert [r.id for r in lists.resources()] == ["R1", "F1", "R2"]
    fund = lists.resource("F1")
    assert (fund.kind, fund.period, fund.title) == (
        ResourceKind.FUND,
        YEAR,
        "2026年服务群众专项经费",
    )
    assert ResourceKind.MEMBER_SKILL.label_zh == "在职党员特长"


def test_a_snapshot_keeps_what_residents_saw_and_takes_their_comments() -> None:
    lists = community()
    duty = Responsibility(
        subject_id="N1", holder_id="WC", basis=ResponsibilityBasis.OWNER, source_id="P1"
    )
    shown = lists.publish(
        id="PUB1", territory_id="C1", day="2026-01-31", where="公示栏", responsibilities=[duty]
    )
    lists.record(
        NeedEvent(need_id="N1", status=NeedStatus.MATCHED, day="2026-02-01", actor_id="li")
    )
    assert lists.snapshot("PUB1") == shown
    assert [(e.record_id, e.detail) for e in shown.of(ListKind.NEEDS)] == [
        ("N1", "待认领"),
        ("N2", "待认领"),
    ]
    assert [e.record_id for e in shown.of(ListKind.RESOURCES)] == ["R1", "F1"]
    assert shown.of(ListKind.PROJECTS) == ()  # P1 starts on 1 February
    assert [(e.record_id, e.title) for e in shown.of(ListKind.RESPONSIBILITIES)] == [("N1", "WC")]
    assert ListKind.RESPONSIBILITIES.label_zh == "责任清单"
    lists.complete(ProjectDone(project_id="P1", day="2026-04-01"))
    later = lists.publish(id="PUB2", territory_id="C1", day="2026-04-02", where="公示栏")
    assert later.of(ListKind.PROJECTS)[0].detail.endswith("已完成")
    _refused(
        lists,
        lambda: lists.publish(id="PUB1", territory_id="C1", day="2026-04-02", where="公示栏"),
        "snapshot.unique",
    )
    comment = ListComment(
        id="K1",
        snapshot_id="PUB1",
        resident_id="H1",
        day="2026-02-02",
        text="扶手何时装？",
        record_id="N1",
    )
    lists.comment(comment)
    assert lists.comments("PUB1") == (comment,)
    assert lists.comments("PUB2") == ()
    _refused(lists, lambda: lists.comment(comment), "comment.unique")
    _refused(
        lists,
        lambda: lists.comment(attrs.evolve(comment, id="K2", day="2026-01-30")),
        "comment.in_time",
    )
    _refused(
        lists, lambda: lists.comment(attrs.evolve(comment, id="K2", record_id="P9")), "comment.line"
    )
    _refused(
        lists,
        lambda: lists.comment(attrs.evolve(comment, id="K2", snapshot_id="X")),
        "snapshot.known",
    )


def test_the_lists_rebuild_from_their_records() -> None:
    lists = community()
    lists.record(
        NeedEvent(need_id="N1", status=NeedStatus.MATCHED, day="2026-01-20", actor_id="li")
    )
    lists.reach(MilestoneReached(project_id="P1", code="survey", day="2026-02-10"))
    lists.complete(ProjectDone(project_id="P1", day="2026-04-20"))
    lists.spend(Spending(id="S1", project_id="P1", amount_fen=100, day="2026-03-01"))
    lists.publish(id="PUB1", territory_id="C1", day="2026-03-01", where="公示栏")
    lists.comment(
        ListComment(id="K1", snapshot_id="PUB1", resident_id="H1", day="2026-03-02", text="好")
    )
    records = lists.records()
    again = FourLists.from_records(records)
    assert again.records() == records
    assert again.status("N1", "2026-02-01") is NeedStatus.MATCHED
    assert again.spent("F1") == 100
    with pytest.raises(ConflictError):
        FourLists.from_records(attrs.evolve(records, needs=records.needs * 2))


def test_a_resource_withdrawn_early_is_end_dated_never_deleted() -> None:
    lists = community()  # P1 commits R1 from 1 February; F1 is the 2026 fund
    lists.spend(Spending(id="S1", project_id="P1", amount_fen=100, day="2026-05-01"))
    _refused(lists, lambda: lists.withdraw("R1", "2026-02-01"), "resource.withdraw_in_use")
    refused = _refused(
        lists, lambda: lists.withdraw("F1", "2026-05-01"), "resource.withdraw_in_use"
    )
    assert refused.params["user"] == "S1"
    _refused(lists, lambda: lists.withdraw("R1", "2026-01-01"), "history.end_dated")
    _refused(lists, lambda: lists.withdraw("R1", "2027-01-01"), "history.end_dated")
    _refused(lists, lambda: lists.withdraw("R9", "2026-03-01"), "resource.known")
    ended = lists.withdraw("R1", "2026-03-01")
    assert ended.period == Period(start="2026-01-01", end="2026-03-01")
    assert lists.resource("R1") == ended
    assert [r.id for r in lists.resources("2026-02-28")] == ["R1", "F1"]
    assert [r.id for r in lists.resources("2026-03-01")] == ["F1"]
    assert lists.committed("R1") == 10  # what was committed before stays
    later = project("P2", start="2026-03-01", need_ids=set(), fund_id=None)
    _refused(lists, lambda: lists.open_project(later), "project.resource_period")
    assert FourLists.from_records(lists.records()).records() == lists.records()
    _refused(lists, lambda: lists.withdraw("R1", "2026-03-05"), "history.end_dated")
