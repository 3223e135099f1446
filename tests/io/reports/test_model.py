"""The report model: the JSON documents of ``nbpb report`` and ``nbpb validate`` read back as
frozen records with the same figures, findings grouped by kind and by community."""

import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.reports import (
    ReportModel,
    community_of,
    report_model,
    scope_community,
    target_figure,
)
from neighborhood_pb.metrics import DEFAULT_TARGETS, compute_metrics, metric
from neighborhood_pb.ratio import Ratio
from neighborhood_pb.samples import load_sample, sample_text


def _document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, *options: str
) -> dict[str, object]:
    path = tmp_path / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    main([command, str(path), "--format", "json", *options])
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


@pytest.fixture
def street() -> DatasetContext:
    return DatasetContext.build(load_sample("street"))


def test_the_model_holds_the_json_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], street: DatasetContext
) -> None:
    report = report_model(_document(tmp_path, capsys, "report", "--compare", "2026-06-01"))
    table = compute_metrics(metric_inputs(street), street.on)
    assert report.as_of == street.on
    assert report.compare is not None
    assert report.compare.isoformat() == "2026-06-01"
    assert report.as_of_zh == f"{street.on.year}年{street.on.month}月{street.on.day}日"
    assert [section.id for section in report.metrics] == [m.id for m in table.metrics]
    for section in report.metrics:
        assert [row.scope_id for row in section.rows] == [scope.id for scope in table.scopes]
        for row in section.rows:
            value = table.value(section.id, row.scope_id)
            assert row.display == value.format()
            assert row.change is not None
            if isinstance(value, Ratio):
                assert (row.numerator, row.denominator) == (value.numerator, value.denominator)
                assert row.figure == value.percent()
                assert section.unit == "%"
    rate = report.metric("report_rate")
    assert rate.target == Decimal("100.0")
    assert rate.target_display == "100.0%"
    assert set(DEFAULT_TARGETS) >= {s.id for s in report.metrics if s.target is not None}
    total = rate.row("*")
    assert total.figure is not None
    assert total.shortfall == Decimal(100) - total.figure > 0
    assert rate.row("XH").scope_name == "新河街道"
    with pytest.raises(KeyError):
        rate.row("no-such-scope")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.title = "changed"  # type: ignore[misc]


def test_findings_are_grouped_by_kind_and_community(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], street: DatasetContext
) -> None:
    report = report_model(_document(tmp_path, capsys, "validate", "--lang", "zh"))
    findings = check_dataset(street)
    assert isinstance(report, ReportModel)
    assert [f.code for f in report.findings] == [f.code for f in findings]
    assert sum(group.count for group in report.by_kind) == len(findings)
    assert sum(group.count for group in report.by_community) == len(findings)
    assert sum(report.counts.values()) == len(findings)
    counts = [group.count for group in report.by_kind]
    assert counts == sorted(counts, reverse=True)
    for group in report.by_kind:
        assert {finding.code for finding in group.findings} == {group.key}
    places = {group.key: group.name for group in report.by_community}
    assert places == {"XH-MH": "明湖社区", "XH-QF": "清风社区"}
    for finding in report.findings:
        place = community_of(street, finding.subject)
        assert finding.community_id == (None if place is None else place.id)


@pytest.mark.parametrize(
    ("subject", "community"),
    [
        ("XH-QF-QFY-1", "XH-QF"),  # a building: its enclosing community
        ("XH-MH", "XH-MH"),  # the community itself
        ("XH-MH-W1-B", "XH-MH"),  # a grid branch: the territory it covers
        ("XH-P01", "XH-QF"),  # a member: their branch's community
        ("XH", None),  # the street lies in no community
        ("XH-WC", None),  # the street's working committee neither
        ("*", None),
        ("no-such-record", None),
    ],
)
def test_community_of_a_subject(
    street: DatasetContext, subject: str, community: str | None
) -> None:
    place = community_of(street, subject)
    assert (None if place is None else place.id) == community


def test_unplaced_findings_form_the_last_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = report_model(_document(tmp_path, capsys, "report"))
    assert report.findings
    assert report.by_community[-1].key is None
    unplaced = {f.subject for f in report.by_community[-1].findings}
    assert "XH-P26" in unplaced  # a member with no household on the day


def test_report_findings_are_placed_by_the_reports_scopes(street: DatasetContext) -> None:
    table = compute_metrics(metric_inputs(street), street.on, levels=["grid"])
    grids = [scope for scope in table.scopes if scope.level == "grid"]
    assert grids
    for grid in grids:
        place = scope_community(table, grid.id)
        assert place is not None
        assert place.id == grid.parent_id
    assert scope_community(table, "XH-MH") is not None
    assert [scope_community(table, s) for s in ("*", "XH", "XH-P26")] == [None, None, None]


def test_targets_are_shown_in_the_figures_unit() -> None:
    assert target_figure(metric("report_rate"), Fraction(3, 5)) == (Decimal("60.0"), "60.0%")
    average = target_figure(metric("central_household_ratio"), Fraction(21, 2))
    assert average == (Decimal("10.5"), "10.5")


def test_a_findings_document_without_findings_or_a_comparison_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "community.json"
    path.write_text(sample_text("community"), encoding="utf-8")
    assert main(["validate", str(path), "--format", "json", "--as-of", "2020-01-01"]) == 0
    report = report_model(json.loads(capsys.readouterr().out))
    assert report.compare is None
    assert report.compare_zh == ""
    assert report.metrics == ()
    assert sum(group.count for group in report.by_kind) == len(report.findings)


def test_the_page_writer_is_not_loaded_with_the_commands() -> None:
    code = "import sys, neighborhood_pb.cli.report; print('jinja2' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("drop", "key"), [((), "format"), (("metrics", 0), "label_zh"), (("findings", 0), "code")]
)
def test_a_malformed_document_is_a_typed_error_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], drop: tuple[object, ...], key: str
) -> None:
    document = _document(tmp_path, capsys, "report")
    assert document["findings"]
    holder: dict[str, object] = document
    for step in drop:
        holder = holder[step]  # type: ignore[index]
    del holder[key]
    with pytest.raises(InvalidRecordError) as caught:
        report_model(document)
    assert caught.value.rule == "report.document"
    assert caught.value.params == {"key": key}
    assert error_text(caught.value, "zh").endswith(
        f"报告文档缺少字段“{key}”（规则：report.document）"
    )
    assert f"lacks the field {key}" in error_text(caught.value, "en")
