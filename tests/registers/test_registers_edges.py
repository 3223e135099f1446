"""Edges of register reading: blank headers and rows, report channels, odd paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.registers import read_registers
from neighborhood_pb.structure.records import ReportChannel

Alter = Callable[[Callable[[openpyxl.Workbook], None]], Path]
"""A copy of the street workbook changed by a function (the ``altered`` fixture)."""


def read(path: Path, street: Dataset) -> tuple[Dataset | None, list[str]]:
    result = read_registers([path], title="x", schema=street.schema)
    return result.dataset, [f.code for f in result.findings]


def test_blank_headers_and_rows_are_skipped(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        people = book["人员"]
        people.insert_cols(3)
        people.insert_rows(3)
        people.cell(3, 1).value = "\u3000"

    dataset, codes = read(altered(change), street)
    assert codes == []
    assert dataset is not None
    assert dataset.structure.people == street.structure.people


@pytest.mark.parametrize(
    ("written", "channels"),
    [
        ("线上报到", {ReportChannel.ONLINE}),
        ("线下", {ReportChannel.OFFLINE}),
        ("线上、线下", set(ReportChannel)),
        ("线上+线下", set(ReportChannel)),
        (None, set(ReportChannel)),
    ],
)
def test_report_channels(
    altered: Alter, street: Dataset, written: str | None, channels: set[ReportChannel]
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["报到"]["E2"] = written

    dataset, codes = read(altered(change), street)
    assert codes == []
    assert dataset is not None
    assert dataset.structure.reports[0].channels == channels


@pytest.mark.parametrize("written", ["电话报到", "线上、电话", "、"])
def test_an_unknown_channel_lists_the_allowed_ones(
    altered: Alter, street: Dataset, written: str
) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["报到"]["E2"] = written

    result = read_registers([altered(change)], title="x", schema=street.schema)
    [finding] = result.findings
    assert finding.code == "register.label"
    assert finding.params["allowed"] == "线上报到、线下报到、双报到"


def test_export_of_a_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["export", str(tmp_path), "--format", "registers", "--out", "o.xlsx"])
    assert status == 2
    assert "无法读取" in capsys.readouterr().err


def test_a_refusal_no_record_is_marked_with_is_reported_without_a_row() -> None:
    from neighborhood_pb.dataset.build import DatasetRecordError
    from neighborhood_pb.errors import ConflictError
    from neighborhood_pb.io.registers.build import _refused

    error = ConflictError("two roots", subject="T1", rule="tree.single_root")
    finding = _refused(DatasetRecordError(error, path="$.structure"), {})
    assert (finding.subject, finding.params["row"]) == ("T1", 0)
    assert finding.render("en").startswith("sheet $.structure, row 0: the record is refused: two")
