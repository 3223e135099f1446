"""新河街道's co-building (共驻共建), generated for the street sample (示例).

The figures are the sources': 通化县's 8 party-building alliances with 112 resident units
(驻区单位), and 盐城市's 104 units paired with 688 households in hardship (结对帮扶困难家庭),
here all in one invented street. The street's own 4 resident units are joined by 108 more;
unit *i* belongs to alliance *i* mod 8, and household *j* is paired with unit *j* mod 104. The
records are built here in a fixed order rather than kept as JSON: 688 households and their
pairings would be most of the file. 清风社区 keeps its four lists: three needs, a unit's
volunteers, a venue and the year's service fund, and one project answering the handrails.
"""

from __future__ import annotations

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset.cobuild_section import CobuildRecords
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.governance.cobuild.needs import Need, NeedEvent, NeedOrigin, NeedStatus
from neighborhood_pb.governance.cobuild.partnerships import (
    Alliance,
    AllianceMember,
    HardshipHousehold,
    Pairing,
    PairingKind,
)
from neighborhood_pb.governance.cobuild.projects import (
    Milestone,
    MilestoneReached,
    Project,
    ResourceCommitment,
    Spending,
)
from neighborhood_pb.governance.cobuild.records import FourListsRecords, PartnershipRecords
from neighborhood_pb.governance.cobuild.resources import (
    YANCHENG_SERVICE_FUND,
    Resource,
    ResourceKind,
)
from neighborhood_pb.structure.posts.bodies import Body, BodyKind

__all__ = ["ALLIANCES", "HARDSHIP", "PAIRED_UNITS", "RESIDENT_UNITS", "four_lists", "with_cobuild"]

ALLIANCES, RESIDENT_UNITS = 8, 112
"""通化县: 8个党建联盟, 112家驻区单位."""
PAIRED_UNITS, HARDSHIP = 104, 688
"""盐城市: 104家单位结对帮扶688户困难家庭."""

_SINCE = Period(start="2024-01-01")
_YEAR = Period.year(2026)
_GRIDS = ("XH-QF-W1", "XH-QF-W2", "XH-MH-W1", "XH-MH-W2")
_KINDS = ("中学", "医院", "供电所", "银行网点", "税务分局", "派出所", "邮政支局", "燃气公司")
_REASONS = ("低保", "残疾", "独居老人", "大病")


def _units(dataset: Dataset) -> tuple[tuple[Body, ...], tuple[str, ...]]:
    """The street's resident units and the 108 added, by id in order."""
    own = [b for b in dataset.appointments.bodies if b.kind is BodyKind.RESIDENT_UNIT]
    added = tuple(
        Body(
            id=f"XH-RU{n:03d}",
            kind=BodyKind.RESIDENT_UNIT,
            name=f"新河{_KINDS[n % len(_KINDS)]}{n:03d}",
            period=_SINCE,
            territory_id="XH",
        )
        for n in range(len(own) + 1, RESIDENT_UNITS + 1)
    )
    return added, (*(b.id for b in own), *(b.id for b in added))


def _partnerships(units: tuple[str, ...]) -> PartnershipRecords:
    alliances = [
        Alliance(
            id=f"XH-A{k + 1}",
            name=f"新河街道第{k + 1}党建联盟",
            lead_org_id="XH-WC",
            territory_id="XH",
            period=_SINCE,
        )
        for k in range(ALLIANCES)
    ]
    members = [
        AllianceMember(
            id=f"XH-AM{i + 1:03d}", alliance_id=f"XH-A{i % ALLIANCES + 1}", unit_id=u, period=_SINCE
        )
        for i, u in enumerate(units)
    ]
    households = [
        HardshipHousehold(
            household_id=f"XH-KN{j + 1:03d}",
            territory_id=_GRIDS[j % len(_GRIDS)],
            reason=_REASONS[j % len(_REASONS)],
            period=_YEAR,
        )
        for j in range(HARDSHIP)
    ]
    pairings = [
        Pairing(
            id=f"XH-JD{j + 1:03d}",
            kind=PairingKind.UNIT_HOUSEHOLD,
            unit_id=units[j % PAIRED_UNITS],
            partner_id=h.household_id,
            period=_YEAR,
        )
        for j, h in enumerate(households)
    ]
    return PartnershipRecords(
        alliances=alliances, members=members, hardship=households, pairings=pairings
    )


def _need(need_id: str, title: str, grid: str, category: str, day: str) -> Need:
    return Need(
        id=need_id,
        title=title,
        raised_by="XH-QF-H101",
        origin=NeedOrigin.SURVEY,
        origin_ref="2026Q2",
        territory_id=grid,
        category=category,
        raised_on=day,
    )


def _event(need_id: str, status: NeedStatus, day: str, resource_id: str | None = None) -> NeedEvent:
    return NeedEvent(
        need_id=need_id, status=status, day=day, actor_id="XH-P01", resource_id=resource_id
    )


def four_lists() -> FourListsRecords:
    """清风社区's four lists: the handrails matched to the volunteers and answered by a
    project paid from the service fund."""
    resource = Resource(
        id="XH-QF-R1",
        title="供电所党员志愿维修队",
        kind=ResourceKind.UNIT,
        provider_id="XH-RU1",
        territory_id="XH-QF",
        categories={"elderly_care", "repair"},
        capacity=40,
        period=_YEAR,
    )
    venue = Resource(
        id="XH-QF-R2",
        title="新河中学运动场周末开放",
        kind=ResourceKind.VENUE,
        provider_id="XH-RU2",
        territory_id="XH-QF",
        categories={"sports"},
        capacity=52,
        period=_YEAR,
    )
    fund = YANCHENG_SERVICE_FUND.fund(id="XH-QF-F2026", community_id="XH-QF", year=2026)
    project = Project(
        id="XH-QF-P1",
        title="老旧楼道加装扶手",
        owner_id="XH-QF-Z",
        need_ids={"XH-QF-N1"},
        commitments=[ResourceCommitment(resource_id=resource.id, quantity=12)],
        budget_fen=3_600_000,
        fund_id=fund.id,
        start="2026-06-01",
        due="2026-12-31",
        milestones=[
            Milestone(code="survey", title="入户测量", due="2026-06-20"),
            Milestone(code="install", title="安装完成", due="2026-09-30"),
        ],
    )
    return FourListsRecords(
        needs=[
            _need("XH-QF-N1", "老楼楼道加装扶手", "XH-QF-W1", "elderly_care", "2026-05-10"),
            _need("XH-QF-N2", "周末运动场地", "XH-QF-W2", "sports", "2026-06-15"),
            _need("XH-QF-N3", "助餐点", "XH-QF-W1", "elderly_meals", "2026-09-01"),
        ],
        need_events=[
            _event("XH-QF-N1", NeedStatus.MATCHED, "2026-05-20", resource.id),
            _event("XH-QF-N1", NeedStatus.IN_PROGRESS, "2026-06-01"),
            _event("XH-QF-N1", NeedStatus.MET, "2026-10-15"),
            _event("XH-QF-N2", NeedStatus.MATCHED, "2026-06-20", venue.id),
        ],
        resources=[resource, venue, fund],
        projects=[project],
        milestones=[MilestoneReached(project_id=project.id, code="survey", day="2026-06-18")],
        spendings=[
            Spending(id="XH-QF-S1", project_id=project.id, amount_fen=2_400_000, day="2026-07-15")
        ],
    )


def with_cobuild(dataset: Dataset) -> Dataset:
    """The street sample with its co-building: 112 resident units in 8 alliances, 104 of them
    paired with 688 households in hardship, and 清风社区's four lists."""
    added, units = _units(dataset)
    appointments = attrs.evolve(dataset.appointments, bodies=(*dataset.appointments.bodies, *added))
    section = CobuildRecords(lists=four_lists(), partnerships=_partnerships(units))
    return attrs.evolve(dataset, appointments=appointments, cobuild=section)
