"""The bundled samples, written as code; ``python -m neighborhood_pb.samples.build`` writes
their JSON next to this file.

Every name, place, grid code and phone number is invented. The shapes follow the sources:
the community sample the five-level community tree of 通化县 (社区党工委 — 社区大党委 —
小区党支部 — 楼栋党小组 — 党群示范户), the street sample the street/grid tree of 盐城市
(街道党工委 — 社区党总支 — 网格党支部 — 楼栋党小组 — 党员中心户). Each is small enough to
read and holds a few situations the checks report: a branch short of full members, a
committee too large for its branch, terms falling due or overdue, an owners' committee below
the party-member share and a compound without cross-appointment. The community sample has
no error-severity finding; the street sample has one. The tests check that the shipped JSON
is exactly what this module writes, so edit the samples here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pendulum

from neighborhood_pb.calendar.civic_presets import civic_year
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.samples.builder import SampleBuilder
from neighborhood_pb.samples.cobuild import with_cobuild
from neighborhood_pb.samples.governance import community_governance
from neighborhood_pb.samples.ledger import community_points
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL, STREET_GRID_FIVE_LEVEL
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.posts.evaluations import Grade
from neighborhood_pb.structure.posts.records import (
    EndReason,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)
from neighborhood_pb.structure.records import ReportChannel
from neighborhood_pb.structure.rotations.records import (
    ChairRotationRecords,
    ChairRotationSetup,
    DutyOverride,
    DutyRotationRecords,
    DutyRotationSetup,
    Eligibility,
    Meeting,
    RotationEdit,
    TermSwap,
)
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["SAMPLE_BUILDERS", "community_sample", "main", "render", "street_sample"]

_K = TerritoryKind
_F = OrgForm
_B = BodyKind
_P = PostKind
_S = PartTimeSource
_E = EndReason
_IN_SERVICE = EmploymentStatus.IN_SERVICE
_RETIRED = EmploymentStatus.RETIRED
_OTHER = EmploymentStatus.OTHER
_COMPOUND_STYLE = MembershipKind.COMPOUND_STYLE
_ONLINE = (ReportChannel.ONLINE,)
_OFFLINE = (ReportChannel.OFFLINE,)


def community_sample() -> Dataset:
    """青松社区: one community in the five-level community shape (通化县)."""
    b = SampleBuilder(since="2015-01-01", prefix="QS")
    community = b.territory("QS", _K.COMMUNITY, "青松社区")
    for code, name, buildings in (
        ("LJ", "丽景小区", {"1": 48, "2": 60, "3": 36}),
        ("HY", "和园小区", {"1": 32, "2": 40}),
        ("ST", "松涛苑", {"1": 24}),
        ("FL", "枫林里", {"1": 18}),
    ):
        compound = b.territory(f"QS-{code}", _K.COMPOUND, name, parent=community)
        for building, households in buildings.items():
            b.territory(
                f"{compound}-{building}",
                _K.BUILDING,
                f"{name}{building}栋",
                parent=compound,
                households=households,
            )
    b.households("QS-LJ-1", ("101", "302", "502", "601"))
    b.households("QS-LJ-2", ("101", "201", "301", "502"))
    b.households("QS-LJ-3", ("101", "202", "402"))
    b.households("QS-HY-1", ("101", "201"))
    b.households("QS-HY-2", ("101", "602"))
    b.households("QS-LJ-1", ("701",))
    b.households("QS-LJ-2", ("602",))
    b.households("QS-HY-1", ("302",))
    b.households("QS-HY-2", ("402",))
    b.households("QS-ST-1", ("101", "202"))
    b.households("QS-FL-1", ("102", "301"))

    # Party members (id, name, home, situation, admitted, full member from). Retired members
    # keep their formal relation (组织关系) in the community; in-service members keep it at
    # work and report to the community where they live.
    b.people_rows(
        (
            ("QS-P01", "周明华", "QS-LJ-1-101", _RETIRED, "1988-06-01", "1989-06-01"),
            ("QS-P02", "吴桂兰", "QS-LJ-1-302", _RETIRED, "1992-07-01", "1993-07-01"),
            ("QS-P03", "陈建平", "QS-LJ-1-601", _RETIRED, "1985-03-01", "1986-03-01"),
            ("QS-P04", "郑国强", "QS-LJ-2-201", _RETIRED, "1990-05-01", "1991-05-01"),
            ("QS-P05", "孙丽萍", "QS-LJ-2-502", _OTHER, "2008-11-01", "2009-11-01"),
            ("QS-P06", "褚晓雯", "QS-LJ-2-301", _OTHER, "2026-03-01", None),
            ("QS-P07", "钱志远", "QS-LJ-3-101", _RETIRED, "1983-10-01", "1984-10-01"),
            ("QS-P08", "冯淑芬", "QS-LJ-3-402", _RETIRED, "1995-12-01", "1996-12-01"),
            ("QS-P09", "卫志强", "QS-LJ-1-502", _IN_SERVICE, "2006-07-01", "2007-07-01"),
            ("QS-P10", "蒋雨桐", "QS-LJ-3-202", _IN_SERVICE, "2014-06-01", "2015-06-01"),
            ("QS-P11", "沈德福", "QS-HY-1-101", _RETIRED, "1987-07-01", "1988-07-01"),
            ("QS-P12", "韩秀云", "QS-HY-1-201", _RETIRED, "1999-06-01", "2000-06-01"),
            ("QS-P13", "杨帆", "QS-HY-2-101", _OTHER, "2025-12-01", None),
            ("QS-P14", "朱立新", "QS-HY-2-602", _IN_SERVICE, "2003-05-01", "2004-05-01"),
            ("QS-P15", "秦玉珍", "QS-ST-1-101", _RETIRED, "1986-04-01", "1987-04-01"),
            ("QS-P16", "尤建华", "QS-ST-1-202", _RETIRED, "1991-09-01", "1992-09-01"),
            ("QS-P17", "许国华", "QS-FL-1-301", _RETIRED, "1989-01-01", "1990-01-01"),
            ("QS-P18", "何婉清", "QS-FL-1-102", _OTHER, "2012-05-01", "2013-05-01"),
            ("QS-P19", "吕红梅", None, _OTHER, "2005-07-01", "2006-07-01"),
            ("QS-P20", "施振东", None, _OTHER, "2011-06-01", "2012-06-01"),
            ("QS-P21", "张思远", None, _OTHER, "2016-06-01", "2017-06-01"),
            ("QS-P22", "孔令辉", "QS-LJ-2-101", _IN_SERVICE, "2010-12-01", "2011-12-01"),
            ("QS-P23", "曹静", None, _IN_SERVICE, "2026-01-10", None),
            ("QS-P24", "严文博", None, _IN_SERVICE, "2001-07-01", "2002-07-01"),
            # Residents who are not party members: owners' committees, property, 居委会.
            ("QS-P25", "林小芳", "QS-LJ-1-701", _OTHER, None, None),
            ("QS-P26", "黄大伟", "QS-LJ-2-602", _IN_SERVICE, None, None),
            ("QS-P27", "刘春华", "QS-HY-1-302", _RETIRED, None, None),
            ("QS-P28", "马文斌", "QS-HY-2-402", _IN_SERVICE, None, None),
            ("QS-P29", "王建军", None, _OTHER, None, None),
            ("QS-P30", "赵海燕", None, _OTHER, None, None),
            # Party secretaries of resident units (驻区单位), part-time members of the 大党委.
            ("QS-P31", "欧阳明", None, _IN_SERVICE, "1998-06-01", "1999-06-01"),
            ("QS-P32", "钟丽华", None, _IN_SERVICE, "2003-07-01", "2004-07-01"),
            ("QS-P33", "段志勇", None, _IN_SERVICE, "2000-12-01", "2001-12-01"),
        ),
        phones={"QS-P01": "13900000101", "QS-P09": "13900000201", "QS-P14": "13900000301"},
    )

    # The tree.
    wc = b.org(
        "QS-WC",
        "青松社区党工委",
        _F.WORKING_COMMITTEE,
        "community_working_committee",
        covers=[community],
        start="2019-01-01",
    )
    gc = b.org(
        "QS-GC",
        "青松社区大党委",
        _F.GRAND_COMMITTEE,
        "community_grand_committee",
        parent=wc,
        covers=[community],
        start="2019-01-01",
    )
    lj_branch = b.org(
        "QS-LJ-B",
        "丽景小区党支部",
        _F.BRANCH,
        "compound_branch",
        parent=gc,
        covers=["QS-LJ"],
        start="2019-03-01",
    )
    lj_groups = [
        b.org(
            f"QS-LJ-G{n}",
            f"丽景小区{n}栋党小组",
            _F.PARTY_GROUP,
            "building_group",
            parent=lj_branch,
            covers=[f"QS-LJ-{n}"],
            start="2019-03-01",
        )
        for n in (1, 2, 3)
    ]
    hy_branch = b.org(
        "QS-HY-B",
        "和园小区党支部",
        _F.BRANCH,
        "compound_branch",
        parent=gc,
        covers=["QS-HY"],
        start="2020-07-01",
    )
    hy_group = b.org(
        "QS-HY-G1",
        "和园小区1栋党小组",
        _F.PARTY_GROUP,
        "building_group",
        parent=hy_branch,
        covers=["QS-HY-1"],
        start="2020-07-01",
    )
    # 松涛苑 had two full members of its own; in 2024 it joined 枫林里 in a joint branch.
    joint = b.org(
        "QS-SF-B",
        "松涛苑党支部",
        _F.BRANCH,
        "compound_branch",
        parent=gc,
        start="2019-06-01",
        end="2024-03-20",
    )
    b.org(
        joint,
        "松涛苑·枫林里联合党支部",
        _F.JOINT_BRANCH,
        "compound_branch",
        parent=gc,
        start="2024-03-20",
    )
    b.cover(joint, "QS-ST", start="2019-06-01")
    b.cover(joint, "QS-FL", start="2024-03-20")
    for number, (parent, home, name) in enumerate(
        (
            (lj_groups[0], "QS-LJ-1-101", "周明华"),
            (lj_groups[1], "QS-LJ-2-201", "郑国强"),
            (lj_groups[2], "QS-LJ-3-101", "钱志远"),
            (hy_group, "QS-HY-1-101", "沈德福"),
            (joint, "QS-ST-1-101", "秦玉珍"),
        ),
        1,
    ):
        b.org(
            f"QS-H{number}",
            f"{name}党群示范户",
            _F.CONTACT_HOUSEHOLD,
            "model_household",
            parent=parent,
            covers=[home],
            start="2021-07-01",
        )

    # Formal relations: in the building group where there is one, else in the branch.
    for org, start, people in (
        (lj_groups[0], "2019-03-01", ("QS-P01", "QS-P02", "QS-P03")),
        (lj_groups[1], "2019-03-01", ("QS-P04", "QS-P05")),
        (lj_groups[1], "2026-03-01", ("QS-P06",)),
        (lj_groups[2], "2019-03-01", ("QS-P07", "QS-P08")),
        (hy_group, "2020-07-01", ("QS-P11", "QS-P12")),
        (hy_branch, "2025-12-01", ("QS-P13",)),
        (joint, "2019-06-01", ("QS-P15", "QS-P16")),
        (joint, "2024-03-20", ("QS-P17", "QS-P18")),
        (gc, "2019-01-01", ("QS-P19", "QS-P20", "QS-P21")),
    ):
        for person in people:
            b.member(person, org, start=start)
    # In-service members take part where they live (兼合式) and report to the community.
    b.member("QS-P09", lj_branch, kind=_COMPOUND_STYLE, start="2023-04-01")
    b.member("QS-P10", lj_branch, kind=_COMPOUND_STYLE, start="2024-09-01")
    b.member("QS-P14", hy_branch, kind=_COMPOUND_STYLE, start="2022-05-10")
    reports = {
        "QS-P09": b.report("QS-P09", community, start="2023-04-01"),
        "QS-P10": b.report("QS-P10", community, start="2024-09-01", channels=_ONLINE),
        "QS-P14": b.report("QS-P14", community, start="2022-05-10"),
        "QS-P22": b.report("QS-P22", community, start="2025-03-15", channels=_OFFLINE),
        "QS-P23": b.report("QS-P23", community, start="2026-02-20", channels=_ONLINE),
        "QS-P24": b.report("QS-P24", community, start="2021-03-01", end="2025-08-01"),
    }

    # Elections (换届): the grand committee for five years, branches for three.
    b.term(gc, start="2022-04-15", seats=9)
    b.term(lj_branch, start="2020-12-10", end="2023-12-15", seats=3)
    b.term(lj_branch, start="2023-12-15", seats=3)
    b.term(hy_branch, start="2024-06-28", seats=1)
    b.term(joint, start="2019-06-01", end="2024-03-20", seats=1)
    b.term(joint, start="2024-03-20", seats=3)
    part_time = _community_posts(b, reports)
    return Dataset(
        title="青松社区（示例）",
        description="虚构的示例社区，按通化县“社区党工委—社区大党委—小区党支部—楼栋党小组—"
        "党群示范户”五级组织体系构建，含居委会、业委会、物业服务企业、驻区单位兼职委员，"
        "以及永春县式的轮值家长与联席会议轮值主席；人名、地名、单位、电话均为虚构。",
        schema=COMMUNITY_FIVE_LEVEL,
        as_of="2026-11-01",
        structure=b.records(),
        appointments=b.appointment_records(),
        duty_rotations=(_duty_rotation(b, part_time),),
        chair_rotations=(_chair_rotation(b, part_time),),
        points=community_points(),
        governance=community_governance(),
    )


def _community_posts(b: SampleBuilder, reports: Mapping[str, str]) -> dict[str, str]:
    """青松社区's bodies and posts; returns the part-time appointments of the 大党委 by person.

    丽景小区 shows two-way entry both ways: the branch secretary entered the owners'
    committee, and the committee's director was elected to the branch committee; 3 of its 5
    members are party members, 通化县's 60 %. 和园小区's newer committee has 1 party member in
    3 and nobody on both sides yet, which the checks report.
    """
    b.body("QS-RC", _B.RESIDENTS_COMMITTEE, "青松社区居委会", territory="QS")
    b.body(
        "QS-LJ-OA", _B.OWNERS_ASSEMBLY, "丽景小区业主大会", territory="QS-LJ", start="2018-05-01"
    )
    b.body(
        "QS-LJ-OC",
        _B.OWNERS_COMMITTEE,
        "丽景小区业委会",
        territory="QS-LJ",
        parent="QS-LJ-OA",
        start="2021-05-01",
    )
    b.body(
        "QS-HY-OA", _B.OWNERS_ASSEMBLY, "和园小区业主大会", territory="QS-HY", start="2020-09-01"
    )
    b.body(
        "QS-HY-OC",
        _B.OWNERS_COMMITTEE,
        "和园小区业委会",
        territory="QS-HY",
        parent="QS-HY-OA",
        start="2023-09-01",
    )
    b.body("QS-PC1", _B.PROPERTY_COMPANY, "青松物业服务有限公司")
    b.body("QS-PC2", _B.PROPERTY_COMPANY, "松林物业管理有限公司", start="2018-01-01")
    b.contract("QS-PC1", "QS-LJ", start="2016-01-01")
    b.contract("QS-PC1", "QS-HY", start="2020-01-01")
    b.contract("QS-PC2", "QS-ST", start="2018-01-01")
    b.contract("QS-PC2", "QS-FL", start="2018-01-01")
    units = {
        "QS-P31": b.body("QS-RU1", _B.RESIDENT_UNIT, "县第一中学", territory="QS"),
        "QS-P32": b.body("QS-RU2", _B.RESIDENT_UNIT, "县供电公司城区供电所", territory="QS"),
        "QS-P33": b.body("QS-RU3", _B.RESIDENT_UNIT, "县人民医院", territory="QS"),
    }

    # Party posts: secretaries and committee members.
    b.appoint("QS-P20", _P.SECRETARY, org="QS-WC", start="2019-01-01")
    b.appoint("QS-P19", _P.SECRETARY, org="QS-GC", start="2022-04-15")
    b.appoint("QS-P21", _P.DEPUTY_SECRETARY, org="QS-GC", start="2022-04-15")
    b.appoint("QS-P01", _P.SECRETARY, org="QS-LJ-B", start="2019-03-01")
    b.appoint("QS-P03", _P.COMMITTEE_MEMBER, org="QS-LJ-B", start="2023-12-15")
    b.appoint("QS-P05", _P.COMMITTEE_MEMBER, org="QS-LJ-B", start="2023-12-15")
    b.appoint("QS-P11", _P.SECRETARY, org="QS-HY-B", start="2020-07-01")
    b.appoint("QS-P15", _P.SECRETARY, org="QS-SF-B", start="2019-06-01")
    # Party-member building heads (党员楼栋长), one per building.
    for person, org, building, start in (
        ("QS-P02", "QS-LJ-G1", "QS-LJ-1", "2021-07-01"),
        ("QS-P04", "QS-LJ-G2", "QS-LJ-2", "2021-07-01"),
        ("QS-P08", "QS-LJ-G3", "QS-LJ-3", "2021-07-01"),
        ("QS-P12", "QS-HY-G1", "QS-HY-1", "2021-07-01"),
        ("QS-P13", "QS-HY-B", "QS-HY-2", "2026-01-01"),
        ("QS-P16", "QS-SF-B", "QS-ST-1", "2021-07-01"),
        ("QS-P17", "QS-SF-B", "QS-FL-1", "2024-04-01"),
    ):
        b.appoint(person, _P.BUILDING_HEAD, org=org, territory=building, start=start)

    # The residents' committee: its director and deputy also sit on the 大党委.
    b.appoint("QS-P19", _P.DIRECTOR, body="QS-RC", start="2021-06-01")
    b.appoint("QS-P21", _P.DEPUTY_DIRECTOR, body="QS-RC", start="2022-04-15")
    b.appoint("QS-P30", _P.BODY_MEMBER, body="QS-RC", start="2021-06-01")
    b.appoint(
        "QS-P08",
        _P.PROPERTY_SUPERVISION_MEMBER,
        body="QS-RC",
        territory="QS-LJ",
        start="2022-01-01",
    )
    # Owners' committees and the property company.
    b.appoint("QS-P05", _P.DIRECTOR, body="QS-LJ-OC", start="2021-05-01")
    b.appoint("QS-P01", _P.DEPUTY_DIRECTOR, body="QS-LJ-OC", start="2022-06-01")
    for person in ("QS-P04", "QS-P25", "QS-P26"):
        b.appoint(person, _P.BODY_MEMBER, body="QS-LJ-OC", start="2021-05-01")
    b.appoint("QS-P27", _P.DIRECTOR, body="QS-HY-OC", start="2023-09-01")
    for person in ("QS-P28", "QS-P12"):
        b.appoint(person, _P.BODY_MEMBER, body="QS-HY-OC", start="2023-09-01")
    b.appoint("QS-P29", _P.PROPERTY_MANAGER, body="QS-PC1", territory="QS-LJ", start="2016-01-01")

    # Part-time members of the 大党委 (兼职委员): resident units' secretaries and in-service
    # members who report to the community.
    part_time: dict[str, str] = {}
    for person, unit in units.items():
        head = b.appoint(person, _P.DIRECTOR, body=unit, start="2019-01-01")
        basis = PartTimeBasis(source=_S.RESIDENT_UNIT, unit_id=unit, appointment_id=head)
        part_time[person] = b.appoint(
            person, _P.PART_TIME_MEMBER, org="QS-GC", start="2022-04-15", part_time=basis
        )
    for person, start, end in (
        ("QS-P24", "2022-04-15", "2025-08-01"),
        ("QS-P14", "2022-06-01", None),
        ("QS-P09", "2023-06-01", None),
        ("QS-P22", "2025-04-01", None),
    ):
        basis = PartTimeBasis(source=_S.IN_SERVICE_MEMBER, report_id=reports[person])
        part_time[person] = b.appoint(
            person,
            _P.PART_TIME_MEMBER,
            org="QS-GC",
            start=start,
            end=end,
            end_reason=_E.TRANSFERRED if end else None,
            part_time=basis,
        )

    # Evaluation outside working hours (8小时以外考核): the year-end evaluation by the
    # working committee, the half-year one by the 大党委.
    year = Period.year(2025)
    for person, score, grade in (
        ("QS-P09", 92, Grade.EXCELLENT),
        ("QS-P14", 85, Grade.GOOD),
        ("QS-P22", 80, Grade.GOOD),
    ):
        b.evaluate(
            person,
            "QS-WC",
            evaluator="QS-P20",
            period=year,
            on="2025-12-22",
            score=score,
            grade=grade,
        )
    b.evaluate(
        "QS-P09",
        "QS-GC",
        evaluator="QS-P19",
        period=Period.half_year(2026, 1),
        on="2026-06-15",
        score=88,
    )
    return part_time


def _eligibility(
    b: SampleBuilder, people: Iterable[str], part_time: Mapping[str, str]
) -> tuple[Eligibility, ...]:
    """Each person may take a turn while their part-time appointment lasts."""
    found = []
    for person in people:
        appointment = b.appointment(part_time[person])
        found.append(
            Eligibility(
                person_id=person, period=appointment.period, basis=f"兼职委员 {appointment.id}"
            )
        )
    return tuple(found)


def _duty_rotation(b: SampleBuilder, part_time: Mapping[str, str]) -> DutyRotationRecords:
    """The 大党委's part-time members take turns as duty head (轮值家长) for two months
    (永春县: one to three). 严文博 left in August 2025, mid-term: 段志勇 covered the rest of
    it; 孔令辉, a part-time member since April 2025, joined the order in May."""
    first = ("QS-P31", "QS-P09", "QS-P32", "QS-P24", "QS-P14", "QS-P33")
    return DutyRotationRecords(
        setup=DutyRotationSetup(
            id="QS-GC-DUTY", anchor="2025-01-01", term_months=2, order=first, org_id="QS-GC"
        ),
        eligibility=_eligibility(b, (*first, "QS-P22"), part_time),
        edits=(
            RotationEdit(
                id="QS-GC-DUTY-E1",
                effective_from="2025-05-01",
                order=(*first, "QS-P22"),
                reason="孔令辉 2025年4月起任兼职委员",
            ),
        ),
        overrides=(
            DutyOverride(
                id="QS-GC-DUTY-O1",
                substitute_id="QS-P33",
                absent_id="QS-P24",
                period=Period(start="2025-08-01", end="2025-09-01"),
                reason="严文博调离，兼职委员职务终止",
            ),
        ),
    )


def _chair_rotation(b: SampleBuilder, part_time: Mapping[str, str]) -> ChairRotationRecords:
    """The resident units' secretaries chair the joint meeting (联席会议轮值主席, 盐城市) in
    turn; it meets on each month's deliberation day (议事日, 永春县) of 2025 and 2026. One
    meeting was cancelled, and two secretaries swapped their turns."""
    order = ("QS-P31", "QS-P32", "QS-P33")
    days = [m.deliberation.day for year in (2025, 2026) for m in civic_year(year)]
    meetings = tuple(
        Meeting(
            day=day,
            cancelled_reason="春节前安全检查，议题并入三月联席会议"
            if day == pendulum.Date(2026, 2, 2)
            else None,
        )
        for day in days
    )
    return ChairRotationRecords(
        setup=ChairRotationSetup(id="QS-GC-CHAIR", order=order, org_id="QS-GC"),
        meetings=meetings,
        eligibility=_eligibility(b, order, part_time),
        swaps=(
            TermSwap(
                id="QS-GC-CHAIR-S1",
                first_start=days[8],
                first_person="QS-P33",
                second_start=days[10],
                second_person="QS-P32",
                reason="段志勇九月外出培训，与钟丽华互换",
            ),
        ),
    )


def street_sample() -> Dataset:
    """新河街道: one street in the street/grid shape (盐城市), two communities with grids."""
    b = SampleBuilder(since="2012-01-01", prefix="XH")
    street = b.territory("XH", _K.STREET, "新河街道")
    grids: dict[str, str] = {}
    for community_code, community_name, layout in (
        ("QF", "清风社区", {1: ("QFY", "清风苑", (1, 2)), 2: ("LA", "柳岸小区", (1,))}),
        ("MH", "明湖社区", {1: ("MHHY", "明湖花园", (1, 2)), 2: ("HBXC", "湖滨新村", (1,))}),
    ):
        community = b.territory(f"XH-{community_code}", _K.COMMUNITY, community_name, parent=street)
        for number, (code, name, buildings) in layout.items():
            grid = b.territory(
                f"{community}-W{number}",
                _K.GRID,
                f"{community_name}第{number}网格",
                parent=community,
                code=f"XH-{community_code}-{number:02d}",
            )
            grids[f"{community_code}{number}"] = grid
            compound = b.territory(f"{community}-{code}", _K.COMPOUND, name, parent=grid)
            for building in buildings:
                b.territory(
                    f"{compound}-{building}",
                    _K.BUILDING,
                    f"{name}{building}号楼",
                    parent=compound,
                    households=72,
                )
    b.households("XH-QF-QFY-1", ("101", "203", "402", "601"))
    b.households("XH-QF-QFY-2", ("102", "301", "502"))
    b.households("XH-QF-LA-1", ("201", "302", "401"))
    b.households("XH-MH-MHHY-1", ("101", "202", "303"))
    b.households("XH-MH-MHHY-2", ("201", "402"))
    b.households("XH-MH-HBXC-1", ("101", "202", "301", "402"))

    b.people_rows(
        (
            ("XH-P01", "顾长林", "XH-QF-QFY-1-101", _RETIRED, "1984-05-01", "1985-05-01"),
            ("XH-P02", "陆秀英", "XH-QF-QFY-1-203", _RETIRED, "1990-06-01", "1991-06-01"),
            ("XH-P03", "葛建新", "XH-QF-QFY-1-402", _RETIRED, "1993-03-01", "1994-03-01"),
            ("XH-P04", "潘玉梅", "XH-QF-QFY-1-601", _RETIRED, "1998-07-01", "1999-07-01"),
            ("XH-P05", "范德胜", "XH-QF-QFY-2-102", _RETIRED, "1986-11-01", "1987-11-01"),
            ("XH-P06", "邵文静", "XH-QF-QFY-2-301", _OTHER, "2009-06-01", "2010-06-01"),
            ("XH-P07", "戴志国", "XH-QF-QFY-2-502", _RETIRED, "1992-10-01", "1993-10-01"),
            ("XH-P08", "姜小雨", "XH-QF-QFY-1-601", _OTHER, "2026-05-01", None),
            ("XH-P09", "袁桂芝", "XH-QF-LA-1-201", _RETIRED, "1982-08-01", "1983-08-01"),
            ("XH-P10", "柏永福", "XH-QF-LA-1-302", _RETIRED, "1979-04-01", "1980-04-01"),
            ("XH-P11", "鲁国庆", "XH-MH-MHHY-1-101", _RETIRED, "1988-09-01", "1989-09-01"),
            ("XH-P12", "韦淑华", "XH-MH-MHHY-1-202", _RETIRED, "1991-12-01", "1992-12-01"),
            ("XH-P13", "马振华", "XH-MH-MHHY-1-303", _RETIRED, "1995-06-01", "1996-06-01"),
            ("XH-P14", "苗兰芳", "XH-MH-MHHY-2-201", _RETIRED, "1987-02-01", "1988-02-01"),
            ("XH-P15", "方宏伟", "XH-MH-MHHY-2-402", _OTHER, "2007-07-01", "2008-07-01"),
            ("XH-P16", "任晓东", None, _OTHER, "2008-06-01", "2009-06-01"),
            ("XH-P17", "岑雪梅", None, _OTHER, "2013-07-01", "2014-07-01"),
            ("XH-P18", "薛志刚", None, _OTHER, "2004-07-01", "2005-07-01"),
            ("XH-P19", "雷芳", None, _OTHER, "2012-06-01", "2013-06-01"),
            ("XH-P20", "汤海燕", None, _OTHER, "2016-06-01", "2017-06-01"),
            ("XH-P21", "殷俊", "XH-MH-HBXC-1-101", _IN_SERVICE, "2011-07-01", "2012-07-01"),
            ("XH-P22", "罗佳怡", "XH-MH-HBXC-1-202", _IN_SERVICE, "2016-05-01", "2017-05-01"),
            ("XH-P23", "毕文涛", "XH-MH-HBXC-1-301", _IN_SERVICE, "2009-12-01", "2010-12-01"),
            ("XH-P24", "郝明", "XH-QF-QFY-2-502", _IN_SERVICE, "2014-10-01", "2015-10-01"),
            ("XH-P25", "邬静", "XH-QF-LA-1-401", _IN_SERVICE, "2019-06-01", "2020-06-01"),
            # Party secretaries of resident units (驻区单位), part-time members of the 大工委.
            ("XH-P26", "沈国栋", None, _IN_SERVICE, "1996-07-01", "1997-07-01"),
            ("XH-P27", "龚晓燕", None, _IN_SERVICE, "2002-06-01", "2003-06-01"),
            ("XH-P28", "贺建军", None, _IN_SERVICE, "1999-10-01", "2000-10-01"),
            ("XH-P29", "田志明", None, _IN_SERVICE, "2005-05-01", "2006-05-01"),
        ),
        phones={"XH-P01": "13900001001", "XH-P21": "13900002001"},
    )

    wc = b.org(
        "XH-WC",
        "新河街道党工委",
        _F.WORKING_COMMITTEE,
        "street_working_committee",
        covers=[street],
        start="2017-03-01",
    )
    qf = b.org(
        "XH-QF-Z",
        "清风社区党总支",
        _F.GENERAL_BRANCH,
        "community_general_branch",
        parent=wc,
        covers=["XH-QF"],
        start="2017-03-01",
    )
    mh = b.org(
        "XH-MH-Z",
        "明湖社区党委",
        _F.COMMITTEE,
        "community_general_branch",
        parent=wc,
        covers=["XH-MH"],
        start="2017-03-01",
    )
    qf1_branch = b.org(
        "XH-QF-W1-B",
        "清风第1网格党支部",
        _F.BRANCH,
        "grid_branch",
        parent=qf,
        covers=[grids["QF1"]],
        start="2018-06-01",
    )
    qf1_group = b.org(
        "XH-QF-W1-G1",
        "清风苑1号楼党小组",
        _F.PARTY_GROUP,
        "building_group",
        parent=qf1_branch,
        covers=["XH-QF-QFY-1"],
        start="2018-06-01",
    )
    qf2_branch = b.org(
        "XH-QF-W2-B",
        "清风第2网格党支部",
        _F.BRANCH,
        "grid_branch",
        parent=qf,
        covers=[grids["QF2"]],
        start="2018-06-01",
    )
    mh1_branch = b.org(
        "XH-MH-W1-B",
        "明湖第1网格党支部",
        _F.BRANCH,
        "grid_branch",
        parent=mh,
        covers=[grids["MH1"]],
        start="2018-06-01",
    )
    mh2_branch = b.org(
        "XH-MH-W2-B",
        "湖滨新村兼合式党支部",
        _F.COMPOUND_STYLE_BRANCH,
        "grid_branch",
        parent=mh,
        covers=["XH-MH-HBXC"],
        start="2022-05-01",
    )
    for number, (parent, home, name) in enumerate(
        (
            (qf1_group, "XH-QF-QFY-1-101", "顾长林"),
            (qf1_branch, "XH-QF-QFY-2-102", "范德胜"),
            (mh1_branch, "XH-MH-MHHY-1-101", "鲁国庆"),
            (mh2_branch, "XH-MH-HBXC-1-101", "殷俊"),
        ),
        1,
    ):
        b.org(
            f"XH-H{number}",
            f"{name}党员中心户",
            _F.CONTACT_HOUSEHOLD,
            "central_household",
            parent=parent,
            covers=[home],
            start="2022-06-01",
        )

    for org, start, people in (
        (qf1_group, "2018-06-01", ("XH-P01", "XH-P02", "XH-P03", "XH-P04")),
        (qf1_branch, "2018-06-01", ("XH-P05", "XH-P06", "XH-P07")),
        (qf1_branch, "2026-05-01", ("XH-P08",)),
        (qf2_branch, "2018-06-01", ("XH-P09", "XH-P10")),
        (mh1_branch, "2018-06-01", ("XH-P11", "XH-P12", "XH-P13", "XH-P14", "XH-P15")),
        (qf, "2017-03-01", ("XH-P16", "XH-P17")),
        (mh, "2017-03-01", ("XH-P18", "XH-P19", "XH-P20")),
    ):
        for person in people:
            b.member(person, org, start=start)
    for person in ("XH-P21", "XH-P22", "XH-P23"):
        b.member(person, mh2_branch, kind=_COMPOUND_STYLE, start="2022-05-01")
    reports = {
        "XH-P21": b.report("XH-P21", "XH-MH", grid=grids["MH2"], start="2022-05-01"),
        "XH-P22": b.report(
            "XH-P22", "XH-MH", grid=grids["MH2"], start="2022-06-15", channels=_ONLINE
        ),
        "XH-P23": b.report("XH-P23", "XH-MH", grid=grids["MH2"], start="2023-03-01"),
        "XH-P24": b.report("XH-P24", "XH-QF", grid=grids["QF1"], start="2024-04-01"),
        "XH-P25": b.report(
            "XH-P25", "XH-QF", grid=grids["QF2"], start="2025-09-01", channels=_OFFLINE
        ),
    }

    b.term(qf, start="2023-05-20", seats=5)
    b.term(mh, start="2021-04-10", seats=7)
    b.term(qf1_branch, start="2024-09-12", seats=3)
    b.term(qf2_branch, start="2024-10-08", seats=1)
    b.term(mh1_branch, start="2021-06-18", seats=3)
    b.term(mh2_branch, start="2025-05-10", seats=1)
    _street_posts(b, grids, reports)
    return Dataset(
        title="新河街道（示例）",
        description="虚构的示例街道，按盐城市“街道党工委—社区党总支—网格党支部—楼栋党小组—"
        "党员中心户”五级组织体系构建，含居委会、网格员和驻区单位兼职委员；"
        "人名、地名、单位、网格编码、电话均为虚构。",
        schema=STREET_GRID_FIVE_LEVEL,
        as_of="2026-11-01",
        structure=b.records(),
        appointments=b.appointment_records(),
    )


def _street_posts(b: SampleBuilder, grids: Mapping[str, str], reports: Mapping[str, str]) -> None:
    """新河街道's residents' committees, grid workers and part-time members (兼职委员): four
    resident units' secretaries on the street's 大工委 (盐城市), in-service members on the
    community and grid committees (永春县)."""
    for code, name, director in (
        ("QF", "清风社区居委会", "XH-P16"),
        ("MH", "明湖社区居委会", "XH-P18"),
    ):
        committee = b.body(f"XH-{code}-RC", _B.RESIDENTS_COMMITTEE, name, territory=f"XH-{code}")
        b.appoint(director, _P.DIRECTOR, body=committee, start="2021-07-01")
    b.appoint("XH-P16", _P.SECRETARY, org="XH-QF-Z", start="2023-05-20")
    b.appoint("XH-P18", _P.SECRETARY, org="XH-MH-Z", start="2021-04-10")
    for person, committee, grid in (
        ("XH-P17", "XH-QF-RC", "QF1"),
        ("XH-P19", "XH-MH-RC", "MH1"),
        ("XH-P20", "XH-MH-RC", "MH2"),
    ):
        b.appoint(person, _P.GRID_WORKER, body=committee, territory=grids[grid], start="2022-01-01")
    for number, (person, name) in enumerate(
        (
            ("XH-P26", "市供电公司新河供电所"),
            ("XH-P27", "新河中学"),
            ("XH-P28", "市第二人民医院"),
            ("XH-P29", "新河派出所"),
        ),
        1,
    ):
        unit = b.body(f"XH-RU{number}", _B.RESIDENT_UNIT, name, territory="XH")
        head = b.appoint(person, _P.DIRECTOR, body=unit, start="2020-01-01")
        b.appoint(
            person,
            _P.PART_TIME_MEMBER,
            org="XH-WC",
            start="2023-03-01",
            part_time=PartTimeBasis(source=_S.RESIDENT_UNIT, unit_id=unit, appointment_id=head),
        )
    for person, org, start in (
        ("XH-P25", "XH-QF-Z", "2025-10-01"),
        ("XH-P21", "XH-MH-Z", "2022-06-01"),
        ("XH-P23", "XH-MH-Z", "2023-04-01"),
        ("XH-P24", "XH-QF-W1-B", "2024-06-01"),
        ("XH-P22", "XH-MH-W2-B", "2022-07-01"),
    ):
        basis = PartTimeBasis(source=_S.IN_SERVICE_MEMBER, report_id=reports[person])
        b.appoint(person, _P.PART_TIME_MEMBER, org=org, start=start, part_time=basis)


SAMPLE_BUILDERS: Mapping[str, Callable[[], Dataset]] = {
    "community": community_sample,
    "street": lambda: with_cobuild(street_sample()),
}
"""Each bundled sample's name and the function that builds it."""


def render(name: str) -> str:
    """The JSON text of a sample, exactly as shipped (phones kept: they are invented)."""
    return dumps_dataset(SAMPLE_BUILDERS[name](), redact_personal=False)


def main(directory: Path | None = None) -> None:
    """Write every sample's JSON into ``directory`` (default: this package)."""
    target = directory or Path(__file__).resolve().parent
    for name in SAMPLE_BUILDERS:
        (target / f"{name}.json").write_text(render(name), encoding="utf-8")
        sys.stdout.write(f"wrote {target / f'{name}.json'}\n")


if __name__ == "__main__":  # pragma: no cover
    main()
