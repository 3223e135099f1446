"""Sheet names Excel accepts, cell text shown as it is, column widths that fit Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.io.reports import report_model
from neighborhood_pb.io.reports.xlsx import write_report_xlsx
from neighborhood_pb.io.reports.xlsx_cells import (
    MAX_COLUMN_WIDTH,
    MAX_SHEET_NAME,
    SheetNames,
    cell_text,
    column_width,
    text_columns,
)
from neighborhood_pb.testing.progress import RecordingProgress

FORBIDDEN = set("[]:*?/\\")


def _valid(name: str) -> bool:
    return (
        0 < len(name) <= MAX_SHEET_NAME
        and not FORBIDDEN & set(name)
        and not name.startswith("'")
        and not name.endswith("'")
        and name.isprintable()
    )


def test_sheet_names_are_cleaned_cut_and_unique() -> None:
    names = SheetNames()
    assert names.name("覆盖率[2026]: a/b*c?") == "覆盖率_2026__ a_b_c_"
    long = "党员中心户户均联系户数" * 4
    first = names.name(long)
    assert first == long[:31]
    second = names.name(long)
    assert (len(second), second.endswith("~2")) == (31, True)
    assert names.name("摘要") == "摘要"
    assert names.name("摘要") == "摘要~2"
    assert names.name("SUMMARY") == "SUMMARY"
    assert names.name("summary") == "summary~2"  # Excel compares names without case
    assert names.name("History") == "History~2"  # a name Excel keeps for itself
    assert names.name("''", "m1") == "m1"
    assert names.name("\x00\x01", "m2") == "__"


@settings(max_examples=150)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=12))
def test_any_names_become_valid_and_distinct(wanted: list[str]) -> None:
    names = SheetNames()
    given_names = [names.name(text, f"m{i}") for i, text in enumerate(wanted)]
    assert all(_valid(name) for name in given_names), given_names
    assert len({name.casefold() for name in given_names}) == len(given_names)


def test_cell_text_shows_control_characters() -> None:
    assert cell_text("=1+1") == "=1+1"
    assert cell_text("第一行\n第二行\t完") == "第一行\n第二行\t完"
    assert cell_text("a\x1b[2Jb\u202ec\r") == "a\\x1b[2Jb\\u202ec\\r"


def test_widths_count_chinese_double() -> None:
    assert text_columns("社区abc") == 7
    assert text_columns("一行\n更长的一行") == 10
    assert text_columns("e\u0301") == 1
    assert column_width(["社区"]) == 6
    assert column_width(["清风社区党支部委员会"]) == 22
    assert column_width(["长" * 200]) == MAX_COLUMN_WIDTH
    assert column_width([]) == 6


def test_writing_reports_each_sheet(tmp_path: Path) -> None:
    document = {
        "format": "neighborhood_pb.findings",
        "file": "f.json",
        "title": "",
        "as_of": "2026-11-01",
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }
    progress = RecordingProgress()
    out = write_report_xlsx(report_model(document), tmp_path / "f.xlsx", progress=progress)
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["摘要", "检查结果"]
    assert list(book["检查结果"].iter_rows(values_only=True)) == [
        ("类别", "严重程度", "对象名称", "对象编号", "社区", "内容", "依据")
    ]
    ((task,),) = [progress.tasks]
    assert (task.total, task.complete) == (2, True)
    assert "workbook" in task.label
