"""Report and findings workbooks: read back (openpyxl, python-calamine), every figure is the
JSON report's; text stays text; a workbook appears whole or not at all."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.io.reports import report_model
from neighborhood_pb.io.reports.xlsx import write_report_xlsx, write_xlsx_atomically
from neighborhood_pb.io.reports.xlsx_cells import text_columns
from neighborhood_pb.ratio import shown_in
from neighborhood_pb.samples import sample_text

openpyxl = pytest.importorskip("openpyxl")
calamine = pytest.importorskip("python_calamine")

SAMPLES = ("community", "street")


def _sample(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(sample_text(name), encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, dict[str, Any]]:
    status = main([*args, "--format", "json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return status, document


def _both(
    capsys: pytest.CaptureFixture[str], args: list[str], out: Path
) -> tuple[int, int, dict[str, Any]]:
    """``nbpb ARGS`` as JSON, then as a workbook at ``out``: both exit statuses, the JSON."""
    status, document = _json(capsys, args)
    written = main([*args, "--format", "xlsx", "--out", str(out)])
    assert capsys.readouterr().out == ""
    return status, written, document


def _rows(book: Any, name: str) -> list[list[Any]]:
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def _table(rows: list[list[Any]]) -> list[dict[str, Any]]:
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _figure(cell: Any, unit: str) -> Decimal | None:
    """A number read back, in the JSON's unit (percent for a share), to one decimal."""
    if cell is None:
        return None
    value = Decimal(repr(cell)) * (100 if unit == "%" else 1)
    return value.quantize(Decimal("0.1"))


def _overview(summary: list[list[Any]]) -> dict[str, list[Any]]:
    """The summary's metric table: id → row (metric, id, sheet, figures…)."""
    start = next(i for i, row in enumerate(summary) if row[:3] == ["指标", "编号", "工作表"])
    rows = {}
    for row in summary[start + 1 :]:
        if row[0] is None:
            break
        rows[row[1]] = row
    return rows


@pytest.mark.parametrize("name", SAMPLES)
def test_report_workbook_has_every_figure_of_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / "report.xlsx"
    _, written, document = _both(capsys, ["report", str(_sample(tmp_path, name))], out)
    assert written == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "摘要"
    assert book.sheetnames[-1] == "检查结果"
    summary = _rows(book, "摘要")
    overview = _overview(summary)
    assert list(overview) == [metric["id"] for metric in document["metrics"]]
    for metric in document["metrics"]:
        sheet = overview[metric["id"]][2]
        assert sheet in book.sheetnames
        rows = _table(_rows(book, sheet))
        assert len(rows) == len(metric["values"])
        unit = metric["unit"]
        target = None if metric["target"] is None else Decimal(metric["target"])
        for row, value in zip(rows, metric["values"], strict=True):
            assert row["范围编号"] == value["scope"]
            assert row["范围名称"] == value["name"]
            assert (row["分子"], row["分母"]) == (value["numerator"], value["denominator"])
            figure = None if value["figure"] is None else Decimal(value["figure"])
            assert _figure(row["数值"], unit) == figure
            assert _figure(row["目标"], unit) == target
            shortfall = None if value["shortfall"] is None else Decimal(value["shortfall"])
            assert _figure(row["差距"], unit) == shortfall
            assert row["显示"] == shown_in(value["display"], "zh")
            assert (row["显示"] == "不适用") == (value["display"] == "n/a")
        total = overview[metric["id"]]
        assert total[0] == metric["label_zh"]
        texts = ("numerator_text_zh", "denominator_text_zh", "source_zh")
        assert list(total[8:11]) == [metric[key] for key in texts]
        assert "counted" not in total[8]
        assert "分母" not in total[9]
        assert (total[3], total[4]) == (
            metric["values"][0]["numerator"],
            metric["values"][0]["denominator"],
        )
        for cell in book[sheet]["F"][1:]:
            if cell.value is not None:
                assert cell.number_format == ("0.0%" if unit == "%" else "0.0")
    findings = _table(_rows(book, "检查结果"))
    assert len(findings) == len(document["findings"])
    for row, finding in zip(findings, document["findings"], strict=True):
        assert row["类别"] == finding["code"]
        assert row["对象编号"] == finding["subject"]
        assert (row["对象名称"] or "") == finding["subject_name"]
        assert row["内容"] == finding["message"]
        assert (row["依据"] or "") == finding["rule"]
    counts = {row[0]: row[1] for row in summary if row[0] in ("错误", "警告", "提示")}
    assert counts == {
        "错误": document["counts"]["error"],
        "警告": document["counts"]["warning"],
        "提示": document["counts"]["info"],
    }


@pytest.mark.parametrize("name", SAMPLES)
def test_calamine_reads_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    args = ["--lang", "en", "report", str(_sample(tmp_path, name)), "--compare", "2026-06-01"]
    out = tmp_path / "report.xlsx"
    _, written, document = _both(capsys, args, out)
    assert written == 0
    book = calamine.CalamineWorkbook.from_path(str(out))
    names = book.sheet_names
    assert (names[0], names[-1]) == ("Summary", "Findings")
    assert len(names) == len(set(names)) == len(document["metrics"]) + 2
    for sheet, metric in zip(names[1:-1], document["metrics"], strict=True):
        rows = book.get_sheet_by_name(sheet).to_python()
        assert rows[0][-1] == "change"
        for row, value in zip(rows[1:], metric["values"], strict=True):
            assert row[0] == value["scope"]
            assert (int(row[3]), int(row[4])) == (value["numerator"], value["denominator"])
            figure = None if value["figure"] is None else Decimal(value["figure"])
            assert _figure(row[5] if row[5] != "" else None, metric["unit"]) == figure
            assert (row[9] or None) == value["change"]


@pytest.mark.parametrize("name", SAMPLES)
def test_validate_workbook_lists_the_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / "findings.xlsx"
    status, written, document = _both(capsys, ["validate", str(_sample(tmp_path, name))], out)
    assert written == status
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["摘要", "检查结果"]
    findings = _table(_rows(book, "检查结果"))
    assert [row["类别"] for row in findings] == [f["code"] for f in document["findings"]]
    assert [row["内容"] for row in findings] == [f["message"] for f in document["findings"]]
    by_community = {g["community"]: g["name"] for g in document["groups"]["by_community"]}
    for row in findings:
        assert row["严重程度"] in ("错误", "警告", "提示")
        if row["社区"]:
            assert row["社区"] in by_community.values()


def test_sheets_filter_freeze_and_fit_chinese_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sample(tmp_path, "street")
    out = tmp_path / "report.xlsx"
    assert main(["report", str(path), "--format", "xlsx", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        last = sheet.max_column
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, last).column_letter}{sheet.max_row}"
    findings = book["检查结果"]
    messages = [cell.value for cell in findings["F"][1:]]
    widest = max(text_columns(message) for message in messages)
    assert any("社区" in message for message in messages)  # Chinese, two columns a character
    assert findings.column_dimensions["F"].width >= min(80, widest)
    assert findings.column_dimensions["F"].width > 2 * max(len(m) for m in messages) * 0.5


def _hostile(document: dict[str, Any]) -> dict[str, Any]:
    """The report with names that look like formulas or hold control characters."""
    names = ["=1+1", "+SUM(A1:A2)", "-2", "@cmd", "tab\tand\x01bell", '=HYPERLINK("x")']
    for metric in document["metrics"]:
        for value, name in zip(metric["values"], names * 100, strict=False):
            value["name"] = name
    for finding, name in zip(document["findings"], names * 100, strict=False):
        finding["subject_name"] = name
    return document


@pytest.mark.parametrize("constant_memory", [False, True])
def test_formula_like_names_are_text_never_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], constant_memory: bool
) -> None:
    path = _sample(tmp_path, "street")
    _, document = _json(capsys, ["report", str(path)])
    model = report_model(_hostile(document))
    out = write_report_xlsx(model, tmp_path / "x.xlsx", constant_memory=constant_memory)
    with zipfile.ZipFile(out) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member), member
    book = openpyxl.load_workbook(out)
    metric = document["metrics"][0]
    sheet = book.worksheets[1]
    for row, value in zip(sheet.iter_rows(min_row=2), metric["values"], strict=True):
        assert row[1].data_type == "s"
        assert row[1].value == value["name"].replace("\x01", "\\x01")
    findings = book["检查结果"]
    for row, finding in zip(findings.iter_rows(min_row=2), document["findings"], strict=True):
        assert row[2].value == finding["subject_name"].replace("\x01", "\\x01")
        assert row[2].data_type == "s"


def test_constant_memory_gives_the_same_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sample(tmp_path, "street")
    _, document = _json(capsys, ["report", str(path)])
    model = report_model(document)
    small = write_report_xlsx(model, tmp_path / "small.xlsx", constant_memory=False)
    big = write_report_xlsx(model, tmp_path / "big.xlsx", constant_memory=True)
    books = [openpyxl.load_workbook(path) for path in (small, big)]
    assert books[0].sheetnames == books[1].sheetnames
    for name in books[0].sheetnames:
        assert _rows(books[0], name) == _rows(books[1], name)


def test_unwritable_output_exits_2_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sample(tmp_path, "community")
    missing = tmp_path / "no such directory" / "report.xlsx"
    assert main(["report", str(path), "--format", "xlsx", "--out", str(missing)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("nbpb report: ")
    assert str(missing) in error
    assert "无法写入（文件或目录不存在" in error
    assert ".tmp" not in error
    assert not missing.parent.exists()
    directory = tmp_path / "taken"
    directory.mkdir()
    assert main(["validate", str(path), "--format", "xlsx", "--out", str(directory)]) == 2
    assert "无法写入（这是一个目录" in capsys.readouterr().err
    assert list(directory.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["community.json", "taken"]


def test_xlsx_needs_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _sample(tmp_path, "community")
    assert main(["report", str(path), "--format", "xlsx"]) == 2
    assert "请用 --out FILE 给出" in capsys.readouterr().err


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the old workbook")

    def half(temporary: str) -> None:
        Path(temporary).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_xlsx_atomically(out, half)
    assert out.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
