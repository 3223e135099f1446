"""The HTML writer without a browser: charts of large reports, escaping, and writing the
file whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from report_documents import large_document

from neighborhood_pb.cli import main
from neighborhood_pb.io.reports import html_page, render_html, report_model, write_atomically
from neighborhood_pb.io.reports.html import CHART_LIMIT, chart_rows
from neighborhood_pb.samples import sample_text


def test_a_large_report_charts_its_lowest_and_highest_scopes() -> None:
    report = report_model(large_document(3000))
    section = report.metrics[0]
    rows = chart_rows(section)
    assert len(rows) == CHART_LIMIT
    figures = sorted(row.figure for row in section.rows if row.figure is not None)
    shown = sorted(row.figure for row in rows if row.figure is not None)
    half = CHART_LIMIT // 2
    assert shown == [*figures[:half], *figures[-half:]]
    text = render_html(report)
    assert text.count('class="bar"') == CHART_LIMIT
    assert "共3001个范围，图中只显示数值最低和最高的各20个" in text
    assert '<details class="figures">' in text  # the long table starts folded
    assert text.count("<tr data-scope=") == 3001


def test_a_small_report_charts_every_scope() -> None:
    section = report_model(large_document(5)).metrics[0]
    assert chart_rows(section) == section.rows


def test_markup_in_names_is_escaped() -> None:
    document = large_document(2)
    document["metrics"][0]["values"][1]["name"] = '<b onclick="x()">A&B</b>\x07'
    document["title"] = "<i>城</i>"
    text = html_page(document)
    assert "<b onclick" not in text
    assert "&lt;b onclick=&#34;x()&#34;&gt;A&amp;B&lt;/b&gt;\\x07" in text
    assert "&lt;i&gt;城&lt;/i&gt;" in text
    assert "\x07" not in text


@pytest.fixture
def street(tmp_path: Path) -> Path:
    path = tmp_path / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["report", "validate"])
def test_html_needs_an_output_file(
    street: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert main([command, str(street), "--format", "html"]) == 2
    assert "--out FILE" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["report", "validate"])
def test_an_unwritable_output_is_refused_and_nothing_is_left(
    street: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    missing = folder / "no-such-folder" / "page.html"
    assert main([command, str(street), "--format", "html", "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"nbpb {command}: ")
    assert "无法写入" in err
    assert err.count("\n") == 1
    assert main([command, str(street), "--format", "html", "--out", str(folder)]) == 2
    assert "无法写入" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.html"
    page.write_text("old", encoding="utf-8")

    def full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full)
        with pytest.raises(OSError, match="No space"):
            write_atomically(page, "new")
    assert page.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    write_atomically(page, "new")
    assert page.read_text(encoding="utf-8") == "new"
    assert oct(os.stat(page).st_mode & 0o777) == "0o644"


def test_the_html_report_is_deterministic(street: Path, tmp_path: Path) -> None:
    pages = []
    for index in range(2):
        out = tmp_path / f"{index}.html"
        assert main(["report", str(street), "--format", "html", "--out", str(out)]) == 0
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    assert json.dumps(pages[0].decode("utf-8"))  # valid UTF-8 throughout
