"""``nbpb validate``, ``report`` and ``demo`` on the community sample's deliberations."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.cli.demo_governance import followed_matter, governance_section
from neighborhood_pb.cli.text import display_width
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.governance import Deliberations
from neighborhood_pb.samples import load_sample, sample_text

Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("governance") / "community.json"
    path.write_text(sample_text("community"), encoding="utf-8")
    return path


def _run(capsys: Capture, *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_validate_reports_the_overdue_step_in_chinese_and_english(
    capsys: Capture, community: Path
) -> None:
    zh = _run(capsys, "validate", str(community))
    assert "警告  governance.step_overdue" in zh
    assert "依据：提议—商议—践议—议评;永春县近邻党建:每月第一个工作日为社区“议事日”" in "".join(
        zh.split()
    )
    assert "非机动车棚加装充电桩（9月议事日）（QS-M1001）的“践议”环节应于2026年9月29日前办理" in zh
    en = _run(capsys, "--lang", "en", "validate", str(community))
    assert "非机动车棚加装充电桩（9月议事日） (QS-M1001): step 践议 was due by 2026-09-29" in en
    early = _run(capsys, "validate", str(community), "--as-of", "2026-09-29")
    assert "governance.step_overdue" not in early


def test_report_shows_the_deliberation_metrics(capsys: Capture, community: Path) -> None:
    text = _run(capsys, "report", str(community))
    assert "议题采纳率（deliberation_adoption_rate）" in text
    assert "社区年度议事会议数（deliberation_meetings_per_community）" in text
    document = json.loads(_run(capsys, "report", str(community), "--format", "json"))
    values = {m["id"]: m["values"][0] for m in document["metrics"]}
    assert (values["deliberation_meetings_per_community"]["numerator"]) == 13
    adopted = values["deliberation_adoption_rate"]
    assert (adopted["numerator"], adopted["denominator"]) == (33, 37)
    closed = values["deliberation_on_time_rate"]
    assert (closed["numerator"], closed["denominator"]) == (29, 30)


def test_demo_follows_the_lift_through_every_step(capsys: Capture) -> None:
    out = _run(capsys, "demo", "--lang", "en")
    start = out.index("Deliberation (议事): 丽景小区2栋加装电梯 (QS-LIFT)")
    lines = out[start:].split("\n\n")[0].splitlines()
    steps = [line.split()[:2] for line in lines[5:9]]
    assert steps == [
        ["propose", "(提议)"],
        ["consult", "(商议)"],
        ["resolve", "(决议)"],
        ["review", "(审核)"],
    ]
    assert "施振东 (QS-P20)" in lines[8]
    assert any("QS-V01: turnout" in line and "79.8%" in line for line in lines)
    assert any(line.startswith("  As of 2026-11-01: closed") for line in lines)
    late = (
        "    非机动车棚加装充电桩（9月议事日） (QS-M1001): step implement (践议) due by 2026-09-29"
    )
    assert late in lines
    zh = _run(capsys, "demo")
    zh_lines = zh[zh.index("议事：丽景小区2栋加装电梯（QS-LIFT）") :].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in zh_lines[5:9]] == ["提议", "商议", "决议", "审核"]
    assert (
        "    非机动车棚加装充电桩（9月议事日）（QS-M1001）：“践议”环节应于2026年9月29日前办理"
        in zh_lines
    )
    assert max(display_width(line) for line in lines) <= 100


def test_the_demo_follows_a_closed_or_the_first_matter_without_a_vote() -> None:
    ctx = DatasetContext.build(load_sample("community"))
    book = ctx.deliberations
    assert book is not None
    assert followed_matter(book).id == "QS-LIFT"
    assert followed_matter(_without_lift(book, closed={"QS-M0102"})).id == "QS-M0102"
    assert followed_matter(_without_lift(book, closed=set())).id == "QS-M0000"
    assert governance_section(DatasetContext.build(load_sample("street"))) == []
    opened = _without_lift(book, closed=set())
    visitor = attrs.evolve(opened.matter("QS-M0000"), proposer_id="visitor")
    records = opened.records()
    records = attrs.evolve(records, matters=(visitor, *records.matters[1:]))
    again = Deliberations.from_records(records, standing=book.standing, calendar=book.calendar)
    lines = governance_section(attrs.evolve(ctx, deliberations=again))
    assert "proposed by visitor on 2025-11-02" in lines[3]
    assert not any("办结" in line or "vote" in line for line in lines)
    assert any(line.startswith("  As of 2026-11-01: open") for line in lines)


def _without_lift(book: Deliberations, *, closed: set[str]) -> Deliberations:
    """The book without the lift's vote and matter, only ``closed`` matters closed."""
    records = book.records()
    kept = attrs.evolve(
        records,
        matters=[m for m in records.matters if m.id != "QS-LIFT"],
        steps=[s for s in records.steps if s.matter_id != "QS-LIFT"],
        votes=(),
        meetings=[m for m in records.meetings if m.id != "QS-JM01"],
        publications=[p for p in records.publications if p.matter_id != "QS-LIFT"],
        closures=[c for c in records.closures if c.matter_id in closed],
        reviews=(),
        ratings=(),
    )
    return Deliberations.from_records(kept, standing=book.standing, calendar=book.calendar)
