"""The HTML pages opened in headless Chromium: every metric with its figures, one chart per
metric with a bar per scope, nothing requested beyond the file, nothing logged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_pages import IMAGES, UPDATE, open_page
from report_documents import large_document

from neighborhood_pb.cli import main
from neighborhood_pb.io.reports import report_model, write_html
from neighborhood_pb.io.reports.html import CHART_LIMIT
from neighborhood_pb.ratio import shown_in
from neighborhood_pb.samples import sample_text

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n"


def _sample(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(sample_text(name), encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    main([*argv, "--format", "json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def _clean(rendered: Any, page: Path) -> None:
    assert rendered.requests == (page.resolve().as_uri(),)
    assert rendered.console == ()
    assert rendered.errors == ()
    assert rendered.dom["scripts"] == 0
    assert rendered.screenshot.startswith(PNG)


@pytest.mark.parametrize("name", ["community", "street"])
def test_the_report_page_shows_the_json_figures(
    browser: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # the page names the file as given: samples/NAME.json
    (tmp_path / "samples").mkdir()
    source = Path("samples") / f"{name}.json"
    source.write_text(sample_text(name), encoding="utf-8")
    document = _json(capsys, "report", str(source))
    page = tmp_path / f"{name}.html"
    assert main(["report", str(source), "--format", "html", "--out", str(page)]) == 0
    shot = IMAGES / f"report-{name}.png" if UPDATE else None
    rendered = open_page(browser, page, shot)
    _clean(rendered, page)
    dom = rendered.dom
    assert dom["asOf"] == "{}年{}月{}日".format(*map(int, document["as_of"].split("-")))
    assert [m["id"] for m in dom["metrics"]] == [m["id"] for m in document["metrics"]]
    for shown, metric in zip(dom["metrics"], document["metrics"], strict=True):
        assert metric["label_zh"] in shown["title"]
        assert shown["charts"] == 1
        assert shown["bars"] == len(metric["values"])
        assert shown["target"] == (metric["target"] is not None)
        figures = [
            (row["scope"], row["numerator"], row["denominator"], row["value"])
            for row in shown["rows"]
        ]
        want = [
            (v["scope"], str(v["numerator"]), str(v["denominator"]), shown_in(v["display"], "zh"))
            for v in metric["values"]
        ]
        assert figures == want
        names = [row["name"] for row in shown["rows"]]
        assert names == [f"{v['name']} {v['scope']}" for v in metric["values"]]
    kinds = {kind["code"]: kind["items"] for kind in dom["kinds"]}
    want_kinds = {g["code"]: g["count"] for g in document["groups"]["by_kind"]}
    assert kinds == want_kinds
    assert all(kind["open"] for kind in dom["kinds"])
    assert f"共{len(document['findings'])}条" in dom["counts"]
    assert dom["width"] <= 900  # no sideways scrolling on the screen


def test_the_findings_page_of_validate(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _sample(tmp_path, "street")
    document = _json(capsys, "validate", str(source))
    page = tmp_path / "findings.html"
    assert main(["validate", str(source), "--format", "html", "--out", str(page)]) == 1
    rendered = open_page(browser, page)
    _clean(rendered, page)
    assert rendered.dom["metrics"] == []
    kinds = {kind["code"]: kind["items"] for kind in rendered.dom["kinds"]}
    assert kinds == {g["code"]: g["count"] for g in document["groups"]["by_kind"]}
    for group in document["groups"]["by_community"]:
        assert f"{group['name']} {group['community']}" in rendered.dom["bodyText"]


def test_names_with_markup_are_shown_not_run(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(sample_text("street"))
    hostile = '<script>alert("x")</script><img src="http://example.invalid/a.png">\x1b[2J'
    for territory in data["structure"]["territories"]:
        if territory["id"] == "XH-QF":
            territory["name"] = hostile
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page = tmp_path / "hostile.html"
    assert main(["report", str(source), "--format", "html", "--out", str(page)]) == 0
    rendered = open_page(browser, page)
    _clean(rendered, page)
    assert '<script>alert("x")</script>' in rendered.dom["bodyText"]
    assert "\\x1b[2J" in rendered.dom["bodyText"]
    assert "\x1b" not in page.read_text(encoding="utf-8")


def test_a_report_of_thousands_of_scopes_stays_usable(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "large.html"
    write_html(report_model(large_document(3000)), page)
    rendered = open_page(browser, page)
    _clean(rendered, page)
    (metric,) = rendered.dom["metrics"]
    assert metric["charts"] == 1
    assert metric["bars"] == CHART_LIMIT
    assert len(metric["rows"]) == 3001
    assert rendered.dom["width"] <= 900


def test_the_calendar_page_gives_each_months_days(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calendar", "2026", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    page = tmp_path / "2026.html"
    assert main(["calendar", "2026", "--format", "html", "--out", str(page)]) == 0
    rendered = open_page(browser, page)
    _clean(rendered, page)
    text = rendered.dom["bodyText"]
    assert rendered.dom["heading"] == "2026年 议事日与回家日"
    for month in document["months"]:
        for key in ("deliberation_day", "home_day"):
            year, number, day = map(int, month[key]["day"].split("-"))
            assert f"{year}年{number}月{day}日" in text
    assert "2026年1月4日（星期日）" in text  # an adjusted working day (调休上班)


def test_the_report_prints_on_a4(browser: Any, tmp_path: Path) -> None:
    source = _sample(tmp_path, "street")
    page_file = tmp_path / "street.html"
    assert main(["report", str(source), "--format", "html", "--out", str(page_file)]) == 0
    page = browser.new_page()
    try:
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        pdf = page.pdf(prefer_css_page_size=True)  # under the context's default timeout
    finally:
        page.close()
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes
    for width, height in boxes:  # A4: 210 x 297 mm = 595 x 842 points
        assert round(float(width)) == 595
        assert round(float(height)) == 842
