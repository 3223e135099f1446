"""The street sample's co-building: 通化县's 8 alliances of 112 resident units and 盐城市's
104 units paired with 688 households in hardship, as ``nbpb report`` prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.cli.text import WIDTH, display_width
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.samples import load_sample
from neighborhood_pb.samples.build import street_sample
from neighborhood_pb.samples.cobuild import (
    ALLIANCES,
    HARDSHIP,
    PAIRED_UNITS,
    RESIDENT_UNITS,
    with_cobuild,
)

DATASET = load_sample("street")  # the shipped street sample keeps its co-building


@pytest.fixture
def street(tmp_path: Path) -> Path:
    path = tmp_path / "street.json"
    path.write_text(dumps_dataset(DATASET, compact=True), encoding="utf-8")
    return path


def _rows(text: str, metric_id: str) -> dict[str, list[str]]:
    """The rows of one metric's table in the report: scope name → its figures."""
    block = text.split(f"（{metric_id}）\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split() for line in block.splitlines()[3:]]
    return {row[0]: row[1:] for row in rows}


def test_the_sample_holds_the_sources_figures() -> None:
    section = DATASET.cobuild.partnerships
    assert (ALLIANCES, RESIDENT_UNITS, PAIRED_UNITS, HARDSHIP) == (8, 112, 104, 688)
    assert len(section.alliances) == 8
    assert len({m.unit_id for m in section.members}) == 112
    assert len({p.unit_id for p in section.pairings}) == 104
    assert len({p.partner_id for p in section.pairings}) == 688
    assert with_cobuild(street_sample()) == DATASET  # generated deterministically
    found = {f.code for f in check_dataset(DatasetContext.build(DATASET))}
    assert "cobuild.hardship_unpaired" not in found
    assert "cobuild.milestone_overdue" in found  # 安装完成 was due on 30 September


def test_report_prints_the_alliances_and_pairings(
    street: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(street)]) == 0
    text = capsys.readouterr().out
    allied = _rows(text, "alliance_unit_coverage")
    assert allied["合计"] == ["112", "112", "100.0%"]
    paired = _rows(text, "pairing_coverage")
    assert paired["合计"] == ["688", "688", "100.0%"]
    assert paired["清风社区"] == ["344", "344", "100.0%"]
    assert _rows(text, "fund_execution")["清风社区"] == ["2400000", "3600000", "66.7%"]
    assert _rows(text, "need_to_project_median_days")["合计"] == ["22", "1", "22.0"]
    assert _rows(text, "needs_met_rate")["合计"] == ["1", "3", "33.3%"]


def test_demo_shows_the_four_lists_and_one_need_to_its_project(
    street: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", str(street)]) == 0
    text = capsys.readouterr().out
    section = text.split("清风社区（XH-QF）的四项清单（2026年11月1日）\n", 1)[1]
    lines = section.split("\n\n", 1)[0].splitlines()
    assert all(display_width(line) <= WIDTH for line in lines)
    assert any(line.split()[-1:] == ["待认领"] for line in lines)  # 助餐点, raised, unclaimed
    assert "200000.00元" in section
    assert "清风社区党总支（XH-QF-Z）" in section
    assert lines[-4:] == [
        "  老楼楼道加装扶手（XH-QF-N1）于2026年5月20日匹配到",
        "    供电所党员志愿维修队（XH-QF-R1）；类别 2，距离 2，剩余容量 40，时段 2，得分 28",
        "    由老旧楼道加装扶手（XH-QF-P1）自2026年6月1日起承接",
        "    2026年11月1日：已办结",
    ]
    assert main(["demo", str(street), "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "The four lists (四项清单) of 清风社区 (XH-QF) on 2026-11-01" in english
    assert (
        "    供电所党员志愿维修队 (XH-QF-R1); category 2, distance 2, capacity_left 40, period 2, "
        "score 28" in english
    )
    assert "    met (已办结) on 2026-11-01" in english
    assert main(["demo", "--sample", "street"]) == 0  # the bundled street sample keeps them
    assert capsys.readouterr().out == text


def test_a_file_without_four_lists_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "community.json"
    path.write_text(dumps_dataset(load_sample("community"), compact=True), encoding="utf-8")
    assert main(["demo", str(path)]) == 0
    assert "  本数据集没有群众需求（其共建部分为空）。" in capsys.readouterr().out
    assert main(["demo", str(path), "--lang", "en"]) == 0
    assert "  This dataset keeps no need (its cobuild section is empty)." in capsys.readouterr().out
