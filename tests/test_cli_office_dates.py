"""Under ``--lang zh`` (the default) what people read shows no ISO day or interval: the demo,
``nbpb validate`` and ``nbpb report`` (text and HTML) write days as 2026年11月1日 and periods
as 2026年10月1日—12月31日; ``n/a`` reads 不适用. The file path is the only place an ISO-looking
text may stand (it is the reader's own name for the file); the JSON format is machine output
and keeps ISO days in its fields."""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.errors.office import office_date, office_dates, office_period
from neighborhood_pb.samples import sample_text

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(params=["community", "street"])
def sample(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    # a path with a day in it: the only ISO text allowed in what people read
    path = tmp_path / "2026-11-01" / f"{request.param}.json"
    path.parent.mkdir()
    path.write_text(sample_text(request.param), encoding="utf-8")
    return path


def _read(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> str:
    main(list(argv))
    out = capsys.readouterr().out
    assert out.strip()
    return out.replace(str(path), "FILE")


@pytest.mark.parametrize(
    "argv",
    [("demo",), ("validate",), ("report",), ("report", "--compare", "2026-06-01")],
    ids=["demo", "validate", "report", "report-compare"],
)
def test_no_iso_day_in_zh_text(
    sample: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    out = _read(capsys, sample, argv[0], str(sample), *argv[1:])
    assert ISO_DAY.findall(out) == []
    assert "2026年11月1日" in out
    assert "n/a" not in out
    english = _read(capsys, sample, argv[0], str(sample), *argv[1:], "--lang", "en")
    assert "2026-11-01" in english


def test_no_iso_day_in_the_zh_html_page(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "report.html"
    assert main(["report", str(sample), "--format", "html", "--out", str(page)]) == 0
    text = page.read_text(encoding="utf-8").replace(str(sample), "FILE")
    assert ISO_DAY.findall(text) == []
    assert "n/a" not in text
    assert "分子：compounds" not in text
    assert "分母：当日存续的小区数" in text


def test_json_keeps_iso_figures_and_renders_zh_messages_office_style(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(sample), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert document["as_of"] == "2026-11-01"
    for finding in document["findings"]:
        assert ISO_DAY.findall(finding["message"]) == []


def test_office_dates_in_a_sentence() -> None:
    text = "回家日2026-07-26, 2026-08-30, 2026-09-27；季度[2026-10-01, 2027-01-01)"
    assert (
        office_dates(text)
        == "回家日2026年7月26日、2026年8月30日、2026年9月27日；季度2026年10月1日—12月31日"
    )
    assert office_dates("[2026-12-01, 2027-02-01)") == "2026年12月1日—2027年1月31日"
    assert office_dates("[2026-12-01, …)") == "2026年12月1日起"
    assert office_dates("[2026-12-01, 2026-12-02)") == "2026年12月1日"
    assert office_dates("QS-2026-13-45 at 2026-09-27T10:00") == "QS-2026-13-45 at 2026-09-27T10:00"
    assert office_date(_dt.date(2026, 1, 5)) == "2026年1月5日"
    assert office_period(_dt.date(2026, 1, 5), None) == "2026年1月5日起"


def test_ids_holding_a_day_are_left_alone() -> None:
    claim = "QS-P10/2026-02-10/volunteer_service"
    assert office_dates(f"台账记录{claim}，2026-02-10") == f"台账记录{claim}，2026年2月10日"
