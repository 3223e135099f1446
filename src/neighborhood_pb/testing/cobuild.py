"""Hypothesis strategies for co-building: needs, resources, projects, publications,
alliances, agreements, pairings and whole record sets (共建测试数据).

The record strategies draw from small pools of ids so that generated commands refer to one
another (a project answers needs that exist, a pairing names a household in hardship) and
also, often enough, to records that do not exist: the invalid commands a stateful test needs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset.cobuild_section import CobuildRecords
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.needs import Need, NeedEvent, NeedOrigin, NeedStatus
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.cobuild.partnerships import (
    Agreement,
    AgreementKind,
    Alliance,
    AllianceMember,
    Commitment,
    CommitmentMet,
    CommunityEvaluation,
    HardshipHousehold,
    Pairing,
    PairingKind,
    UnitEvaluation,
)
from neighborhood_pb.governance.cobuild.presets import CobuildRules
from neighborhood_pb.governance.cobuild.projects import (
    Milestone,
    MilestoneReached,
    Project,
    ProjectDone,
    ResourceCommitment,
    Spending,
)
from neighborhood_pb.governance.cobuild.records import FourListsRecords, PartnershipRecords
from neighborhood_pb.governance.cobuild.resources import Resource, ResourceKind, ServiceFundRule
from neighborhood_pb.governance.cobuild.snapshots import (
    ListComment,
    ListEntry,
    ListKind,
    ListSnapshot,
)

__all__ = [
    "CATEGORIES",
    "FUND_IDS",
    "NEED_IDS",
    "PROJECT_IDS",
    "RESOURCE_IDS",
    "START",
    "TERRITORY_IDS",
    "agreements",
    "alliance_members",
    "alliances",
    "cobuild_rules",
    "cobuild_sections",
    "commitments",
    "commitments_met",
    "community_evaluations",
    "four_lists_records",
    "hardship_households",
    "list_comments",
    "list_entries",
    "list_snapshots",
    "milestones",
    "milestones_reached",
    "need_events",
    "needs",
    "pairings",
    "partnership_records",
    "project_completions",
    "projects",
    "resource_commitments",
    "resources",
    "service_fund_rules",
    "spendings",
    "unit_evaluations",
]

START = pendulum.Date(2026, 1, 1)
"""The first day the strategies draw."""
NEED_IDS = ("N0", "N1", "N2", "N3")
RESOURCE_IDS = ("R0", "R1", "R2")
FUND_IDS = ("F0", "F1")
PROJECT_IDS = ("P0", "P1", "P2")
TERRITORY_IDS = ("G1", "G2", "C1", "S1")
CATEGORIES = ("elderly_care", "environment", "health")
_UNITS = ("U0", "U1", "U2")
_HOUSEHOLDS = ("H0", "H1", "H2")

_R = TypeVar("_R")
_text = st.sampled_from(("加装扶手", "楼道清理", "义诊", "助餐", "修路灯"))
_people = st.sampled_from(("wang", "li", "zhang"))


def _days(low: int = 0, high: int = 120) -> st.SearchStrategy[pendulum.Date]:
    return st.integers(low, high).map(lambda n: START.add(days=n))


@st.composite
def _periods(draw: st.DrawFn, *, open_end: bool | None = None) -> Period:
    start = draw(_days(0, 60))
    if open_end if open_end is not None else draw(st.booleans()):
        return Period(start=start)
    return Period(start=start, end=start.add(days=draw(st.integers(1, 400))))


def needs(ids: tuple[str, ...] = NEED_IDS) -> st.SearchStrategy[Need]:
    """Needs raised in the first months of 2026."""
    return st.builds(
        Need,
        id=st.sampled_from(ids),
        title=_text,
        raised_by=st.sampled_from(_HOUSEHOLDS),
        origin=st.sampled_from(NeedOrigin),
        origin_ref=st.sampled_from(("2026Q1", "W7", "M1")),
        territory_id=st.sampled_from(TERRITORY_IDS),
        category=st.sampled_from(CATEGORIES),
        raised_on=_days(0, 60),
        quantity=st.integers(1, 5),
    )


@st.composite
def need_events(draw: st.DrawFn, ids: tuple[str, ...] = NEED_IDS) -> NeedEvent:
    """Events moving a need on (a declined one always gives its reason)."""
    status = draw(st.sampled_from([s for s in NeedStatus if s is not NeedStatus.OPEN]))
    return NeedEvent(
        need_id=draw(st.sampled_from(ids)),
        status=status,
        day=draw(_days(0, 200)),
        actor_id=draw(_people),
        reason="超出社区职责范围"
        if status is NeedStatus.DECLINED
        else draw(st.sampled_from(("", "已对接"))),
        resource_id=draw(st.none() | st.sampled_from(RESOURCE_IDS)),
    )


def resources(ids: tuple[str, ...] = RESOURCE_IDS) -> st.SearchStrategy[Resource]:
    """Resources of every kind but funds."""
    return st.builds(
        Resource,
        id=st.sampled_from(ids),
        title=_text,
        kind=st.sampled_from([k for k in ResourceKind if k is not ResourceKind.FUND]),
        provider_id=st.sampled_from(_UNITS),
        territory_id=st.sampled_from(TERRITORY_IDS),
        categories=st.frozensets(st.sampled_from(CATEGORIES), max_size=2),
        capacity=st.integers(1, 50),
        period=_periods(),
    )


def service_fund_rules() -> st.SearchStrategy[ServiceFundRule]:
    """Yearly service-fund rules."""
    return st.builds(
        ServiceFundRule,
        amount_fen=st.integers(1, 50_000_000),
        source=st.sampled_from(("盐城市", "library default")),
    )


def resource_commitments() -> st.SearchStrategy[ResourceCommitment]:
    """Shares of a resource committed to a project."""
    return st.builds(
        ResourceCommitment,
        resource_id=st.sampled_from(RESOURCE_IDS),
        quantity=st.integers(1, 30),
    )


def milestones() -> st.SearchStrategy[Milestone]:
    """Milestones of a project."""
    return st.builds(Milestone, code=st.sampled_from(("m1", "m2")), title=_text, due=_days(30, 200))


@st.composite
def projects(draw: st.DrawFn, ids: tuple[str, ...] = PROJECT_IDS) -> Project:
    """Projects answering some needs with some resources (references may be unknown)."""
    start = draw(_days(0, 90))
    parts = draw(st.lists(resource_commitments(), max_size=2, unique_by=lambda c: c.resource_id))
    marks = draw(st.lists(milestones(), max_size=2, unique_by=lambda m: m.code))
    return Project(
        id=draw(st.sampled_from(ids)),
        title=draw(_text),
        owner_id=draw(st.sampled_from(("WC", *_UNITS))),
        need_ids=draw(st.frozensets(st.sampled_from(NEED_IDS), max_size=2)),
        commitments=parts,
        budget_fen=draw(st.integers(0, 2_000_000)),
        fund_id=draw(st.none() | st.sampled_from((*FUND_IDS, "R0"))),
        start=start,
        due=start.add(days=draw(st.integers(0, 200))),
        milestones=marks,
    )


def milestones_reached() -> st.SearchStrategy[MilestoneReached]:
    """Milestones reached (the project or the code may be unknown)."""
    return st.builds(
        MilestoneReached,
        project_id=st.sampled_from(PROJECT_IDS),
        code=st.sampled_from(("m1", "m2", "m9")),
        day=_days(0, 250),
    )


def project_completions() -> st.SearchStrategy[ProjectDone]:
    """Projects completed."""
    return st.builds(
        ProjectDone, project_id=st.sampled_from(PROJECT_IDS), day=_days(0, 300), outcome=_text
    )


def spendings(ids: tuple[str, ...] = ("S0", "S1", "S2", "S3")) -> st.SearchStrategy[Spending]:
    """Spending, with or without an approval."""
    return st.builds(
        Spending,
        id=st.sampled_from(ids),
        project_id=st.sampled_from(PROJECT_IDS),
        amount_fen=st.integers(1, 1_500_000),
        day=_days(0, 400),
        approval=st.none() | st.just("批复〔2026〕1号"),
        note=st.just(""),
    )


def list_entries() -> st.SearchStrategy[ListEntry]:
    """Lines of a published list."""
    return st.builds(
        ListEntry,
        list=st.sampled_from(ListKind),
        record_id=st.sampled_from((*NEED_IDS, *PROJECT_IDS)),
        title=_text,
        detail=st.sampled_from(("", "待认领", "办理中")),
    )


def list_snapshots() -> st.SearchStrategy[ListSnapshot]:
    """Published snapshots."""
    return st.builds(
        ListSnapshot,
        id=st.sampled_from(("PUB0", "PUB1")),
        territory_id=st.just("C1"),
        day=_days(),
        where=st.just("社区公示栏"),
        entries=st.lists(list_entries(), max_size=4),
    )


def list_comments() -> st.SearchStrategy[ListComment]:
    """Residents' comments."""
    return st.builds(
        ListComment,
        id=st.sampled_from(("K0", "K1")),
        snapshot_id=st.sampled_from(("PUB0", "PUB1")),
        resident_id=st.sampled_from(_HOUSEHOLDS),
        day=_days(),
        text=_text,
        record_id=st.none() | st.sampled_from(NEED_IDS),
    )


def alliances() -> st.SearchStrategy[Alliance]:
    """Party-building alliances."""
    return st.builds(
        Alliance,
        id=st.sampled_from(("A0", "A1")),
        name=st.just("党建联盟"),
        lead_org_id=st.just("SWC"),
        territory_id=st.just("S1"),
        period=_periods(),
    )


def alliance_members() -> st.SearchStrategy[AllianceMember]:
    """Memberships of alliances."""
    return st.builds(
        AllianceMember,
        id=st.sampled_from(("AM0", "AM1", "AM2", "AM3")),
        alliance_id=st.sampled_from(("A0", "A1", "A9")),
        unit_id=st.sampled_from(_UNITS),
        period=_periods(),
    )


def commitments(party_ids: tuple[str, ...] = ("C1", *_UNITS)) -> st.SearchStrategy[Commitment]:
    """Commitments made by one of ``party_ids``."""
    return st.builds(
        Commitment,
        id=st.sampled_from(("c0", "c1", "c2")),
        party_id=st.sampled_from(party_ids),
        what=_text,
        due=_days(0, 300),
        subjects=st.frozensets(st.sampled_from((*NEED_IDS, *PROJECT_IDS)), max_size=2),
    )


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    """Co-building agreements whose commitments are made by their parties."""
    parties = draw(st.frozensets(st.sampled_from(("C1", *_UNITS)), min_size=1, max_size=3))
    return Agreement(
        id=draw(st.sampled_from(("AG0", "AG1"))),
        kind=draw(st.sampled_from(AgreementKind)),
        title=draw(st.just("共驻共建协议书")),
        parties=parties,
        commitments=draw(
            st.lists(commitments(tuple(sorted(parties))), max_size=2, unique_by=lambda c: c.id)
        ),
        period=draw(_periods()),
    )


def commitments_met() -> st.SearchStrategy[CommitmentMet]:
    """Commitments met."""
    return st.builds(
        CommitmentMet, commitment_id=st.sampled_from(("c0", "c1", "c2")), day=_days(0, 300)
    )


def hardship_households() -> st.SearchStrategy[HardshipHousehold]:
    """Households in hardship."""
    return st.builds(
        HardshipHousehold,
        household_id=st.sampled_from(_HOUSEHOLDS),
        territory_id=st.sampled_from(TERRITORY_IDS),
        reason=st.sampled_from(("低保", "独居老人", "残疾")),
        period=_periods(),
    )


def pairings() -> st.SearchStrategy[Pairing]:
    """Pairings of units with communities or households."""
    return st.builds(
        Pairing,
        id=st.sampled_from(("PR0", "PR1", "PR2")),
        kind=st.sampled_from(PairingKind),
        unit_id=st.sampled_from(_UNITS),
        partner_id=st.sampled_from(("C1", *_HOUSEHOLDS)),
        period=_periods(),
    )


def unit_evaluations() -> st.SearchStrategy[UnitEvaluation]:
    """Communities' yearly evaluations of units."""
    return st.builds(
        UnitEvaluation,
        unit_id=st.sampled_from(_UNITS),
        community_id=st.just("C1"),
        year=st.integers(2024, 2027),
        score=st.integers(0, 100),
    )


def community_evaluations() -> st.SearchStrategy[CommunityEvaluation]:
    """Units' yearly evaluations of communities."""
    return st.builds(
        CommunityEvaluation,
        community_id=st.just("C1"),
        unit_id=st.sampled_from(_UNITS),
        year=st.integers(2024, 2027),
        score=st.integers(0, 100),
    )


def cobuild_rules() -> st.SearchStrategy[CobuildRules]:
    """Rules of the co-building checks."""
    return st.builds(CobuildRules, need_open_days=st.integers(1, 120), source=st.just("test"))


def _apply(command: Callable[[_R], object], record: _R) -> None:
    with contextlib.suppress(NeighborhoodPBError):
        command(record)


@st.composite
def four_lists_records(draw: st.DrawFn) -> FourListsRecords:
    """Records of a valid :class:`FourLists`: random commands, the refused ones dropped."""
    lists = FourLists()
    for need in draw(st.lists(needs(), max_size=4)):
        _apply(lists.raise_need, need)
    for fund_id in draw(st.lists(st.sampled_from(FUND_IDS), max_size=2, unique=True)):
        _apply(
            lists.offer,
            ServiceFundRule(amount_fen=2_000_000, source="test").fund(
                id=fund_id, community_id="C1", year=2026
            ),
        )
    for resource in draw(st.lists(resources(), max_size=3)):
        _apply(lists.offer, resource)
    for project in draw(st.lists(projects(), max_size=3)):
        _apply(lists.open_project, project)
    for event in draw(st.lists(need_events(), max_size=4)):
        _apply(lists.record, event)
    for reached in draw(st.lists(milestones_reached(), max_size=2)):
        _apply(lists.reach, reached)
    for done in draw(st.lists(project_completions(), max_size=2)):
        _apply(lists.complete, done)
    for spending in draw(st.lists(spendings(), max_size=3)):
        _apply(lists.spend, spending)
    if draw(st.booleans()):
        lists.publish(id="PUB0", territory_id="C1", day=draw(_days()), where="社区公示栏")
        for comment in draw(st.lists(list_comments(), max_size=2)):
            _apply(lists.comment, comment)
    return lists.records()


@st.composite
def partnership_records(draw: st.DrawFn) -> PartnershipRecords:
    """Records of valid :class:`Partnerships`: random commands, the refused ones dropped."""
    book = Partnerships()
    for alliance in draw(st.lists(alliances(), max_size=2)):
        _apply(book.found, alliance)
    for member in draw(st.lists(alliance_members(), max_size=4)):
        _apply(book.join, member)
    for agreement in draw(st.lists(agreements(), max_size=2)):
        _apply(book.sign, agreement)
    for met in draw(st.lists(commitments_met(), max_size=2)):
        _apply(book.fulfil, met)
    for household in draw(st.lists(hardship_households(), max_size=3)):
        _apply(book.register_hardship, household)
    for pairing in draw(st.lists(pairings(), max_size=3)):
        _apply(book.pair, pairing)
    for evaluation in draw(st.lists(unit_evaluations(), max_size=2)):
        _apply(book.evaluate, evaluation)
    for judged in draw(st.lists(community_evaluations(), max_size=2)):
        _apply(book.evaluate_community, judged)
    return book.records()


def cobuild_sections() -> st.SearchStrategy[CobuildRecords]:
    """A dataset's co-building section (:class:`~neighborhood_pb.dataset.CobuildRecords`):
    valid lists and partnerships, and any check rules."""
    return st.builds(
        CobuildRecords,
        lists=four_lists_records(),
        partnerships=partnership_records(),
        rules=cobuild_rules(),
    )
