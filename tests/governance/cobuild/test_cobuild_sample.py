"""The street sample's co-building: 通化县's 8 alliances of 112 resident units and 盐城市's
104 units paired with 688 households in hardship, as ``nbpb report`` prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.samples import load_sample
from neighborhood_pb.samples.cobuild import (
    ALLIANCES,
    HARDSHIP,
    PAIRED_UNITS,
    RESIDENT_UNITS,
    with_cobuild,
)

DATASET = with_cobuild(load_sample("street"))


def _rows(text: str, metric_id: str) -> dict[str, list[str]]:
    """The rows of one metric's table in the report: scope name → its figures."""
    block = text.split(f" {metric_id}\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split() for line in block.splitlines()[4:]]
    return {row[0]: row[1:] for row in rows}


def test_the_sample_holds_the_sources_figures() -> None:
    section = DATASET.cobuild.partnerships
    assert (ALLIANCES, RESIDENT_UNITS, PAIRED_UNITS, HARDSHIP) == (8, 112, 104, 688)
    assert len(section.alliances) == 8
    assert len({m.unit_id for m in section.members}) == 112
    assert len({p.unit_id for p in section.pairings}) == 104
    assert len({p.partner_id for p in section.pairings}) == 688
    assert with_cobuild(load_sample("street")) == DATASET  # generated deterministically
    found = {f.code for f in check_dataset(DatasetContext.build(DATASET))}
    assert "cobuild.hardship_unpaired" not in found
    assert "cobuild.milestone_overdue" in found  # 安装完成 was due on 30 September


def test_report_prints_the_alliances_and_pairings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "street.json"
    path.write_text(dumps_dataset(DATASET, compact=True), encoding="utf-8")
    assert main(["report", str(path)]) == 0
    text = capsys.readouterr().out
    allied = _rows(text, "alliance_unit_coverage")
    assert allied["合计"] == ["112", "112", "100.0%"]
    paired = _rows(text, "pairing_coverage")
    assert paired["合计"] == ["688", "688", "100.0%"]
    assert paired["清风社区"] == ["344", "344", "100.0%"]
    assert _rows(text, "fund_execution")["清风社区"] == ["2400000", "3600000", "66.7%"]
    assert _rows(text, "need_to_project_median_days")["合计"] == ["22", "1", "22.0"]
    assert _rows(text, "needs_met_rate")["合计"] == ["1", "3", "33.3%"]
