"""The bundled samples, written as code; ``python -m neighborhood_pb.samples.build`` writes
their JSON next to this file.

Every name, place, grid code and phone number is invented. The shapes follow the sources:
the community sample the five-level community tree of 通化县 (社区党工委 — 社区大党委 —
小区党支部 — 楼栋党小组 — 党群示范户), the street sample the street/grid tree of 盐城市
(街道党工委 — 社区党总支 — 网格党支部 — 楼栋党小组 — 党员中心户). Each is small enough to
read and holds a few situations the checks report: a branch short of full members, a
committee too large for its branch, terms falling due or overdue. The tests check that the
shipped JSON is exactly what this module writes, so edit the samples here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.samples.builder import SampleBuilder
from neighborhood_pb.serde import dumps_dataset
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL, STREET_GRID_FIVE_LEVEL
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.records import ReportChannel
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = ["SAMPLE_BUILDERS", "community_sample", "main", "render", "street_sample"]

_K = TerritoryKind
_F = OrgForm
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
    b.report("QS-P09", community, start="2023-04-01")
    b.report("QS-P10", community, start="2024-09-01", channels=_ONLINE)
    b.report("QS-P14", community, start="2022-05-10")
    b.report("QS-P22", community, start="2025-03-15", channels=_OFFLINE)
    b.report("QS-P23", community, start="2026-02-20", channels=_ONLINE)
    b.report("QS-P24", community, start="2021-03-01", end="2025-08-01")

    # Elections (换届): the grand committee for five years, branches for three.
    b.term(gc, start="2022-04-15", seats=9)
    b.term(lj_branch, start="2020-12-10", end="2023-12-15", seats=3)
    b.term(lj_branch, start="2023-12-15", seats=3)
    b.term(hy_branch, start="2024-06-28", seats=1)
    b.term(joint, start="2019-06-01", end="2024-03-20", seats=1)
    b.term(joint, start="2024-03-20", seats=3)
    return Dataset(
        title="青松社区（示例）",
        description="虚构的示例社区，按通化县“社区党工委—社区大党委—小区党支部—楼栋党小组—"
        "党群示范户”五级组织体系构建；人名、地名、电话均为虚构。",
        schema=COMMUNITY_FIVE_LEVEL,
        as_of="2026-11-01",
        structure=b.records(),
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
    b.report("XH-P21", "XH-MH", grid=grids["MH2"], start="2022-05-01")
    b.report("XH-P22", "XH-MH", grid=grids["MH2"], start="2022-06-15", channels=_ONLINE)
    b.report("XH-P23", "XH-MH", grid=grids["MH2"], start="2023-03-01")
    b.report("XH-P24", "XH-QF", grid=grids["QF1"], start="2024-04-01")
    b.report("XH-P25", "XH-QF", grid=grids["QF2"], start="2025-09-01", channels=_OFFLINE)

    b.term(qf, start="2023-05-20", seats=5)
    b.term(mh, start="2021-04-10", seats=7)
    b.term(qf1_branch, start="2024-09-12", seats=3)
    b.term(qf2_branch, start="2024-10-08", seats=1)
    b.term(mh1_branch, start="2021-06-18", seats=3)
    b.term(mh2_branch, start="2025-05-10", seats=1)
    return Dataset(
        title="新河街道（示例）",
        description="虚构的示例街道，按盐城市“街道党工委—社区党总支—网格党支部—楼栋党小组—"
        "党员中心户”五级组织体系构建；人名、地名、网格编码、电话均为虚构。",
        schema=STREET_GRID_FIVE_LEVEL,
        as_of="2026-11-01",
        structure=b.records(),
    )


SAMPLE_BUILDERS: Mapping[str, Callable[[], Dataset]] = {
    "community": community_sample,
    "street": street_sample,
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
