"""``nbpb report FILE``: metrics by level, the change between two days, and refusals."""

import json
from pathlib import Path

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.metrics import compute_metrics
from neighborhood_pb.ratio import Ratio
from neighborhood_pb.samples import load_sample, sample_text


@pytest.fixture
def community(tmp_path: Path) -> Path:
    path = tmp_path / "community.json"
    path.write_text(sample_text("community"), encoding="utf-8")
    return path


def test_json_matches_the_metrics(community: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(community), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "neighborhood_pb.metrics_report"
    ctx = DatasetContext.build(load_sample("community"))
    table = compute_metrics(metric_inputs(ctx), ctx.on)
    assert document["as_of"] == ctx.on.isoformat()
    assert [m["id"] for m in document["metrics"]] == [m.id for m in table.metrics]
    for entry in document["metrics"]:
        for row in entry["values"]:
            value = table.value(entry["id"], row["scope"])
            assert row["display"] == value.format()
            if isinstance(value, Ratio):
                assert (row["numerator"], row["denominator"]) == (
                    value.numerator,
                    value.denominator,
                )
                assert row["numerator"] <= row["denominator"]


def test_text_and_compare(community: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(community), "--compare", "2024-01-01"]) == 0
    out = capsys.readouterr().out
    assert "对比日期：2024年1月1日" in out
    assert "小区党组织覆盖率（compound_org_coverage）" in out
    assert "变化(百分点)" in out
    assert "分母：当日存续的小区数" in out
    assert main(["report", str(community), "--compare", "2024-01-01", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "change since 2024-01-01" in out
    assert "compounds existing on the day" in out
    assert "compound_org_coverage (小区党组织覆盖率)" in out
    assert "\n  total " in out  # the whole area's scope, 合计 under zh
    assert main(["report", str(community), "--compare", "2024-01-01", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["compare"] == "2024-01-01"
    assert all("change" in row for m in document["metrics"] for row in m["values"])


def test_refusals_exit_2(
    community: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "missing.json")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["report", str(community), "--compare", "2030-01-01"]) == 2
    assert "须早于" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "x"}', encoding="utf-8")
    assert main(["report", str(broken)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["report", str(tmp_path)]) == 2
    capsys.readouterr()


def test_demo_ends_with_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    tail = out[out.index("覆盖率报告（截至2026年11月1日）") :]
    assert "compound_org_coverage" in tail
    assert "owners_committee_party_share" in tail


def test_levels_units_and_unplaced_members(
    community: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(community), "--compare", "2024-01-01", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "change (pp)" in out  # a share changes in percentage points
    # In-service members without a household record are counted in the total and named.
    assert "QS-P31" in out
    street = tmp_path / "street.json"
    street.write_text(sample_text("street"), encoding="utf-8")
    args = ["report", str(street), "--level", "compound", "--level", "grid"]
    assert main([*args, "--compare", "2024-01-01", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = {row["scope"]: row for m in document["metrics"] for row in m["values"]}
    assert {row["level"] for row in rows.values()} == {
        "total",
        "street",
        "community",
        "grid",
        "compound",
    }
    assert rows["XH-QF-QFY"]["parent"] == "XH-QF-W1"
    units = {m["id"]: m["change_unit"] for m in document["metrics"]}
    assert units["compound_org_coverage"] == "percentage_points"
    assert units["central_household_ratio"] == "value"
    unplaced = [f for f in document["findings"] if f["code"] == "metric.report_rate.unplaced"]
    assert {f["subject"] for f in unplaced} == {"XH-P26", "XH-P27", "XH-P28", "XH-P29"}
    assert main(["report", str(street), "--level", "street"]) == 2
    assert "无效的选项值：'street'" in capsys.readouterr().err


def test_street_sample_compounds_are_covered_through_their_grid_branches() -> None:
    ctx = DatasetContext.build(load_sample("street"))
    table = compute_metrics(metric_inputs(ctx), ctx.on)
    assert table.value("compound_org_coverage") == Ratio(4, 4)
