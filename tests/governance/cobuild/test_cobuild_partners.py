"""Partnerships, responsibilities, matching and the co-building checks."""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
import pytest
from cobuild_helpers import YEAR, community, need, project, resource, territory_map

from neighborhood_pb.calendar import Period
from neighborhood_pb.errors import InvalidRecordError, NeighborhoodPBError
from neighborhood_pb.errors.registry import RULES
from neighborhood_pb.governance.cobuild import (
    COBUILD_CHECKS,
    NEED_RESPONSE,
    YANCHENG_SERVICE_FUND,
    Agreement,
    AgreementKind,
    Alliance,
    AllianceMember,
    CobuildRules,
    Commitment,
    CommitmentMet,
    CommunityEvaluation,
    FourLists,
    HardshipHousehold,
    MatchWeights,
    MilestoneReached,
    NeedEvent,
    NeedStatus,
    Pairing,
    PairingKind,
    Partnerships,
    PostHolders,
    ProjectDone,
    Proximity,
    ResourceKind,
    ResponsibilityBasis,
    Spending,
    UnitEvaluation,
    check_cobuild,
    check_need_quantities,
    list_responsibilities,
    match,
    yuan,
)

SINCE = Period(start="2025-01-01")


def _refused(book: Partnerships, command: object, rule: str) -> None:
    before = book.records()
    with pytest.raises(NeighborhoodPBError) as caught:
        command()  # type: ignore[operator]
    assert caught.value.rule == rule
    assert book.records() == before


def _agreement(**changes: object) -> Agreement:
    fields: dict[str, object] = {
        "id": "AG1",
        "kind": AgreementKind.PLEDGE,
        "title": "共驻共建责任书",
        "parties": {"C1", "U1"},
        "period": YEAR,
        "commitments": [
            Commitment(
                id="c1", party_id="U1", what="每季度义诊", due="2026-03-31", subjects={"N2"}
            ),
        ],
    }
    fields.update(changes)
    return Agreement(**fields)  # type: ignore[arg-type]


def partners() -> Partnerships:
    """Alliance A1 with U1 and U2, agreement AG1, households H1 and H2 in hardship."""
    book = Partnerships()
    book.found(
        Alliance(
            id="A1", name="新华街道党建联盟", lead_org_id="SWC", territory_id="S1", period=SINCE
        )
    )
    book.join(AllianceMember(id="M1", alliance_id="A1", unit_id="U1", period=SINCE))
    book.join(
        AllianceMember(id="M2", alliance_id="A1", unit_id="U2", period=Period(start="2025-06-01"))
    )
    book.sign(_agreement())
    for household in ("H1", "H2"):
        book.register_hardship(
            HardshipHousehold(household_id=household, territory_id="G1", reason="低保", period=YEAR)
        )
    return book


def test_alliances_are_effective_dated_and_never_lose_a_member() -> None:
    book = partners()
    assert book.members("A1", "2025-03-01") == ("U1",)
    left = book.leave("M2", "2026-02-01")
    assert left.period == Period(start="2025-06-01", end="2026-02-01")
    assert book.members("A1", "2026-01-31") == ("U1", "U2")
    assert book.members("A1", "2026-02-01") == ("U1",)
    assert len(book.records().members) == 2
    assert book.allied_units("2026-01-01") == {"U1", "U2"}
    assert (
        [a.id for a in book.alliances("2026-01-01")] == ["A1"] == [a.id for a in book.alliances()]
    )
    assert book.alliances("2024-01-01") == ()
    _refused(book, lambda: book.leave("M2", "2026-03-01"), "history.end_dated")
    _refused(book, lambda: book.leave("M1", "2025-01-01"), "history.end_dated")
    _refused(
        book,
        lambda: book.join(AllianceMember(id="M3", alliance_id="A1", unit_id="U1", period=YEAR)),
        "alliance_member.overlap",
    )
    _refused(
        book,
        lambda: book.join(AllianceMember(id="M1", alliance_id="A1", unit_id="U3", period=YEAR)),
        "alliance_member.unique",
    )
    _refused(
        book,
        lambda: book.join(AllianceMember(id="M3", alliance_id="A9", unit_id="U3", period=YEAR)),
        "alliance.known",
    )
    _refused(book, lambda: book.found(book.alliance("A1")), "alliance.unique")
    book.found(
        Alliance(id="A2", name="短期联盟", lead_org_id="SWC", territory_id="S1", period=YEAR)
    )
    _refused(
        book,
        lambda: book.join(AllianceMember(id="M3", alliance_id="A2", unit_id="U3", period=SINCE)),
        "alliance_member.period",
    )
    book.join(
        AllianceMember(id="M3", alliance_id="A1", unit_id="U2", period=Period(start="2026-03-01"))
    )
    assert book.members("A1", "2026-03-01") == ("U1", "U2")


def test_agreements_commitments_and_their_fulfilment() -> None:
    book = partners()
    assert AgreementKind.PROPOSAL.label_zh == "倡议书"
    _refused(book, lambda: book.sign(_agreement()), "agreement.unique")
    _refused(book, lambda: book.sign(_agreement(id="AG2")), "commitment.unique")
    _refused(
        book,
        lambda: book.fulfil(CommitmentMet(commitment_id="c1", day="2025-12-31")),
        "commitment.in_time",
    )
    _refused(
        book,
        lambda: book.fulfil(CommitmentMet(commitment_id="c9", day="2026-02-01")),
        "commitment.known",
    )
    assert book.met("c1") is None
    book.fulfil(CommitmentMet(commitment_id="c1", day="2026-02-01", note="义诊一次"))
    assert book.met("c1") is not None
    _refused(
        book,
        lambda: book.fulfil(CommitmentMet(commitment_id="c1", day="2026-02-02")),
        "commitment.once",
    )
    assert book.commitment("c1")[0].id == "AG1"
    assert book.agreements("2024-06-01") == ()
    with pytest.raises(InvalidRecordError) as caught:
        _agreement(commitments=[Commitment(id="c2", party_id="U9", what="x", due="2026-02-01")])
    assert caught.value.rule == "agreement.parties"


def test_pairings_need_a_household_in_hardship_and_end_dated() -> None:
    book = partners()
    assert PairingKind.DEPARTMENT_COMMUNITY.label_zh == "部门挂钩社区"
    book.pair(
        Pairing(
            id="PR1",
            kind=PairingKind.UNIT_HOUSEHOLD,
            unit_id="U1",
            partner_id="H1",
            period=Period(start="2026-01-05"),
        )
    )
    book.pair(
        Pairing(
            id="PR2",
            kind=PairingKind.DEPARTMENT_COMMUNITY,
            unit_id="D1",
            partner_id="C1",
            period=SINCE,
        )
    )
    _refused(
        book,
        lambda: book.pair(
            Pairing(
                id="PR3",
                kind=PairingKind.UNIT_HOUSEHOLD,
                unit_id="U1",
                partner_id="H9",
                period=YEAR,
            )
        ),
        "hardship.known",
    )
    _refused(
        book,
        lambda: book.pair(
            Pairing(
                id="PR3",
                kind=PairingKind.UNIT_HOUSEHOLD,
                unit_id="U1",
                partner_id="H2",
                period=Period(start="2027-02-01"),
            )
        ),
        "pairing.hardship",
    )
    _refused(book, lambda: book.pair(book.pairings()[0]), "pairing.unique")
    _refused(
        book, lambda: book.register_hardship(book.hardship("2026-06-01")[0]), "hardship.unique"
    )
    assert [p.id for p in book.paired("H1", "2026-02-01")] == ["PR1"]
    book.end_pairing("PR1", "2026-06-01")
    assert book.paired("H1", "2026-06-01") == ()
    assert [p.id for p in book.pairings("2026-06-01")] == ["PR2"]
    _refused(book, lambda: book.end_pairing("PR9", "2026-06-01"), "pairing.known")


def test_units_are_evaluated_once_a_year_and_the_book_rebuilds() -> None:
    book = partners()
    book.pair(
        Pairing(
            id="PR1", kind=PairingKind.UNIT_HOUSEHOLD, unit_id="U1", partner_id="H1", period=YEAR
        )
    )
    book.fulfil(CommitmentMet(commitment_id="c1", day="2026-02-01"))
    book.evaluate(UnitEvaluation(unit_id="U1", community_id="C1", year=2025, score=96))
    book.evaluate(UnitEvaluation(unit_id="U2", community_id="C1", year=2025, score=88))
    _refused(
        book,
        lambda: book.evaluate(UnitEvaluation(unit_id="U1", community_id="C1", year=2025, score=90)),
        "evaluation.once",
    )
    assert [e.score for e in book.evaluations("U1")] == [96]
    assert len(book.evaluations()) == 2
    with pytest.raises(InvalidRecordError):
        UnitEvaluation(unit_id="U1", community_id="C1", year=2025, score=101)
    book.evaluate_community(
        CommunityEvaluation(community_id="C1", unit_id="U1", year=2025, score=92)
    )
    book.evaluate_community(
        CommunityEvaluation(community_id="C1", unit_id="U1", year=2026, score=95)
    )
    _refused(
        book,
        lambda: book.evaluate_community(
            CommunityEvaluation(community_id="C1", unit_id="U1", year=2025, score=80)
        ),
        "community_evaluation.once",
    )
    assert [e.score for e in book.community_evaluations("C1")] == [92, 95]
    assert book.community_evaluations("C2") == ()
    assert [e.score for e in book.evaluations("U1")] == [96]  # the two halves stay apart
    records = book.records()
    assert len(records.community_evaluations) == 2
    assert Partnerships.from_records(records).records() == records


class _Posts:
    def holders(self, org_id: str, on: _dt.date) -> tuple[str, ...]:
        return ("secretary-wang",) if org_id == "WC" else ()


def test_responsibilities_are_derived_from_projects_agreements_and_posts() -> None:
    lists, book = community(), partners()
    assert isinstance(_Posts(), PostHolders)
    lines = list_responsibilities(lists, book, "2026-03-01", posts=_Posts())
    assert [(r.subject_id, r.holder_id, r.basis) for r in lines] == [
        ("N1", "WC", ResponsibilityBasis.OWNER),
        ("N1", "secretary-wang", ResponsibilityBasis.POST),
        ("N2", "U1", ResponsibilityBasis.AGREEMENT),
        ("P1", "WC", ResponsibilityBasis.OWNER),
        ("P1", "secretary-wang", ResponsibilityBasis.POST),
    ]
    assert ResponsibilityBasis.POST.label_zh == "岗位职责"
    assert {r.subject_id for r in list_responsibilities(lists, book, "2026-01-15")} == {"N2"}
    book.fulfil(CommitmentMet(commitment_id="c1", day="2026-02-01"))
    lists.complete(ProjectDone(project_id="P1", day="2026-04-01"))
    assert list_responsibilities(lists, book, "2026-04-01") == ()


def test_matching_ranks_by_category_distance_period_and_capacity_left() -> None:
    lists = community()
    tmap = territory_map()
    near = Proximity(tmap)
    assert [near("G1", x) for x in ("G1", "K1", "G2", "C2", "S2")] == [3, 3, 2, 1, 0]
    assert near("K1", "G1") == 3
    lists.offer(resource("R2", territory_id="C2", categories=set()))
    lists.offer(resource("R3", territory_id="S2"))
    lists.offer(resource("R4", territory_id="G2", period=Period(start="2026-09-01")))
    lists.offer(resource("R5", territory_id="G1", categories={"health"}))
    lists.offer(
        resource("R6", territory_id="G1", period=Period(start="2025-01-01", end="2026-01-01"))
    )
    lists.offer(resource("R7", territory_id="G1", capacity=10))
    lists.open_project(
        attrs.evolve(
            lists.project("P1"),
            id="P2",
            commitments=[attrs.evolve(lists.project("P1").commitments[0], resource_id="R7")],
        )
    )
    used = {r.id: lists.committed(r.id) for r in lists.resources()}
    ranked = match(lists.need("N1"), lists.resources(), near, "2026-06-01", committed=used)
    assert [m.resource_id for m in ranked] == ["R1", "R4", "R3", "F1", "R2"]
    first = ranked[0]
    assert first.explain() == {
        "category": 2,
        "distance": 3,
        "capacity_left": 30,
        "period": 2,
        "score": 10 * 2 + 3 * 3 + 1 * 2,
    }
    assert (ranked[1].period, ranked[2].distance, ranked[4].category) == (1, 0, 1)
    flat = match(
        lists.need("N1"),
        lists.resources(),
        tmap,
        "2026-06-01",
        committed=used,
        weights=MatchWeights(category=0, distance=0, period=0),
        limit=2,
    )
    assert [m.resource_id for m in flat] == ["F1", "R2"]  # capacity left, then the id
    with pytest.raises(InvalidRecordError):
        MatchWeights(distance=-1)
    assert lists.committed("R1") == 10  # matching committed nothing


def test_the_checks_find_every_kind_of_problem() -> None:
    lists, book = community(), partners()
    lists.spend(
        Spending(id="S1", project_id="P1", amount_fen=20_000_050, day="2026-03-01", approval="批复")
    )
    book.pair(
        Pairing(
            id="PR1", kind=PairingKind.UNIT_HOUSEHOLD, unit_id="U1", partner_id="H1", period=YEAR
        )
    )
    book.sign(
        _agreement(
            id="AG2",
            commitments=[Commitment(id="c2", party_id="C1", what="开放活动室", due="2026-02-01")],
        )
    )
    book.fulfil(CommitmentMet(commitment_id="c2", day="2026-03-01"))
    book.sign(
        _agreement(
            id="AG3",
            commitments=[Commitment(id="c3", party_id="U1", what="捐赠图书", due="2026-02-01")],
        )
    )
    book.fulfil(CommitmentMet(commitment_id="c3", day="2026-02-01"))  # met in time
    found = check_cobuild(lists, book, "2026-05-10")
    assert [(f.code, f.subject) for f in found] == [
        ("cobuild.fund_overspent", "F1"),
        ("cobuild.hardship_unpaired", "H2"),
        ("cobuild.need_open", "N1"),
        ("cobuild.need_open", "N2"),
        ("cobuild.milestone_overdue", "P1"),
        ("cobuild.project_over_budget", "P1"),
        ("cobuild.project_overdue", "P1"),
        ("cobuild.commitment_unmet", "c1"),
        ("cobuild.commitment_late", "c2"),
    ]
    for finding in found:  # a source is cited, never a bare rule code
        assert not (isinstance(finding.rule, str) and finding.rule in RULES), finding.code
    assert found[0].rule == RULES["cobuild.fund_overspent"].source
    over = found[0]
    assert over.params == {"spent": "200000.50", "amount": "200000.00"}
    assert over.render() == "2026年服务群众专项经费（F1）已支出200000.50元，超过额度200000.00元"
    assert (
        over.message
        == "2026年服务群众专项经费 (F1): 200000.50 yuan spent, above its 200000.00 yuan"
    )
    late = found[-1]
    assert late.params["met_on"] == pendulum.Date(2026, 3, 1)
    assert "met it late, on 2026-03-01" in late.message
    assert found[5].params == {"spent": "200000.50", "budget": "15000.00"}
    assert found[4].render() == (
        "加装扶手工程（P1）的节点“入户测量”应于2026年2月15日完成（责任主体WC），至今未完成"
    )
    assert found[2].render("en").startswith("加装扶手 (N1) was raised on 2026-01-10")
    assert len(COBUILD_CHECKS) == 8
    early = check_cobuild(lists, book, "2026-02-20")  # c2 not met yet: unmet, not late
    assert ("cobuild.commitment_unmet", "c2") in [(f.code, f.subject) for f in early]
    lenient = CobuildRules(need_open_days=365, source="test")
    assert not any(
        f.code == "cobuild.need_open"
        for f in check_cobuild(lists, book, "2026-05-10", rules=lenient)
    )
    lists.record(
        NeedEvent(need_id="N2", status=NeedStatus.MATCHED, day="2026-01-20", actor_id="li")
    )
    assert [f.subject for f in check_cobuild(lists, book, "2026-02-05")] == ["H2", "c2"]
    lists.reach(MilestoneReached(project_id="P1", code="survey", day="2026-02-10"))
    assert "cobuild.milestone_overdue" not in {
        f.code for f in check_cobuild(lists, book, "2026-05-10")
    }
    assert NEED_RESPONSE.need_open_days == 30
    assert (yuan(5), yuan(-12345), yuan(20_000_000)) == ("0.05", "-123.45", "200000.00")
    assert lists.resource("F1").kind is ResourceKind.FUND
    assert need("N9").category == "elderly_care"


def test_a_need_with_a_quantity_matches_resources_with_that_much_left() -> None:
    lists = community()  # R1: 40 places, 10 committed to P1; F1: the fund
    lists.offer(resource("R2", capacity=12))
    used = {r.id: lists.committed(r.id) for r in lists.resources()}
    big = need("N9", quantity=20)
    assert big.quantity == 20
    assert need("N8").quantity == 1
    ranked = match(big, lists.resources(), territory_map(), "2026-03-01", committed=used)
    assert [m.resource_id for m in ranked] == ["R1", "F1"]  # R2 has 12 left; a fund has money
    assert [m.capacity_left for m in ranked] == [30, 20_000_000]
    huge = need("N7", quantity=31)
    ranked = match(huge, lists.resources(), territory_map(), "2026-03-01", committed=used)
    assert [m.resource_id for m in ranked] == ["F1"]
    with pytest.raises(InvalidRecordError):
        need("N6", quantity=0)


def test_a_project_committing_less_than_its_needs_ask_is_found() -> None:
    lists = FourLists()
    lists.raise_need(need("N1", quantity=12))
    lists.raise_need(need("N2", quantity=3))
    lists.offer(resource())
    lists.offer(YANCHENG_SERVICE_FUND.fund(id="F1", community_id="C1", year=2026))
    lists.open_project(project(need_ids={"N1", "N2"}))  # 10 of R1 for 12 + 3 asked
    lists.open_project(project("P2", need_ids={"N1"}, commitments=()))  # money only
    short = check_need_quantities(lists, Partnerships(), NEED_RESPONSE, pendulum.Date(2026, 3, 1))
    assert [(f.subject, f.params["committed"], f.params["asked"]) for f in short] == [
        ("P1", 10, 15)
    ]
    assert short[0].render() == "加装扶手工程（P1）投入资源10，少于所回应需求的数量15"
    early = check_need_quantities(lists, Partnerships(), NEED_RESPONSE, pendulum.Date(2026, 1, 31))
    assert early == ()  # P1 starts on 1 February
