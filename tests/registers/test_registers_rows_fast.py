"""Rows read column by column give what reading them cell by cell gives: the same records,
the same problems in the same order, the same refused ids; and the collector is paused."""

from __future__ import annotations

import datetime as _dt
import enum
import gc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import Finding, NeighborhoodPBError
from neighborhood_pb.io import collector
from neighborhood_pb.io.registers import build, read_registers
from neighborhood_pb.io.registers import rows as rows_module
from neighborhood_pb.io.registers.labels import allowed_labels
from neighborhood_pb.io.registers.layout import CHANNELS, SHEETS, Column, Sheet
from neighborhood_pb.io.registers.problems import problem, refusal, row_of
from neighborhood_pb.io.registers.read import RawSheet
from neighborhood_pb.io.registers.rows import Located, read_rows
from neighborhood_pb.structure.posts import PostKind


def _pool(column: Column) -> list[object]:
    """Good, blank and bad cells for ``column``."""
    kind = column.kind
    if kind == "day":
        return ["2015-07-01", "2015/7/1", 42_000, 42_000.0, _dt.date(2016, 1, 1), None, "", "昨天"]
    if kind == "count":
        return [3, 3.0, "1,200", 2.5, None, "许多"]
    if kind == CHANNELS:
        return ["线上", "双报到", "线下", None, "乱写"]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return [*allowed_labels(kind)[:3], None, "乱写"]
    return ["P1", "P2", " P1 ", "O1", "T1", 12.0, None, ""]


def _by_cell(raw: RawSheet, columns: list[tuple[int, Column]]) -> tuple[Any, ...]:
    """The rows read one cell at a time, as a plain model of ``read_rows``."""
    records: list[Located] = []
    findings: list[Finding] = []
    refused: set[object] = set()
    merged = set(raw.merged)
    periods: dict[object, Any] = {}
    for number, cells in raw.rows:
        fields: dict[str, object] = {}
        bad = False
        for position, column in columns:
            value = cells[position] if position < len(cells) else None
            if (number, position) in merged:
                bad = True
                findings.append(
                    problem(
                        "register.merged",
                        raw.sheet.name,
                        sheet=raw.sheet.name,
                        row=number,
                        column=column.header,
                    )
                )
                continue
            try:
                fields[column.field] = rows_module._cell(column, value)
            except (rows_module.CellError, rows_module._LabelError) as exc:
                bad = True
                findings.append(
                    rows_module._cell_problem(exc, raw.sheet.name, number, column, value)
                )
        for _, column in columns:
            if column.required and column.field in fields and fields[column.field] is None:
                bad = True
                subject = str(fields.get("id") or raw.sheet.name)
                findings.append(
                    problem(
                        "register.required",
                        subject,
                        sheet=raw.sheet.name,
                        row=number,
                        column=column.header,
                    )
                )
        if bad:
            refused.add(fields.get("id"))
            continue
        try:
            record = rows_module._record(raw.sheet.key, fields, periods)
        except (NeighborhoodPBError, ValueError) as exc:
            findings.append(
                refusal(exc, str(fields.get("id") or raw.sheet.name), raw.sheet.name, number)
            )
            refused.add(fields.get("id"))
            continue
        records.append(Located(record=record, sheet=raw.sheet.name, row=number, fields=fields))
    return records, findings, refused


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[RawSheet, list[tuple[int, Column]]]:
    sheet: Sheet = draw(st.sampled_from(SHEETS))
    columns = list(enumerate(sheet.columns))
    count = draw(st.integers(min_value=0, max_value=12))
    rows = []
    for number in range(2, count + 2):
        cells = [draw(st.sampled_from(_pool(column))) for _, column in columns]
        cut = draw(st.integers(min_value=1, max_value=len(cells)))  # CSV rows may be short
        rows.append((number, cells[:cut] if draw(st.booleans()) else cells))
    merged = draw(
        st.lists(st.tuples(st.integers(2, count + 1), st.integers(0, len(columns) - 1)), max_size=2)
        if count
        else st.just([])
    )
    raw = RawSheet(sheet=sheet, file="x.xlsx", headers=(), rows=tuple(rows), merged=tuple(merged))
    return raw, columns


@settings(max_examples=80, deadline=None)
@given(_sheets())
def test_column_by_column_is_cell_by_cell(drawn: tuple[RawSheet, list[tuple[int, Column]]]) -> None:
    raw, columns = drawn
    assert read_rows(raw, columns) == _by_cell(raw, columns)


def test_a_sheet_without_rows_or_columns() -> None:
    raw = RawSheet(sheet=SHEETS[0], file="x.csv", headers=(), rows=())
    assert read_rows(raw, []) == ([], [], set())


@pytest.mark.parametrize("enabled", [True, False])
def test_registers_are_read_with_the_collector_paused(
    street_xlsx: Path, street: Dataset, enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    original = build.read_rows

    def watched(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return original(*args)

    monkeypatch.setattr(build, "read_rows", watched)
    (gc.enable if enabled else gc.disable)()
    try:
        result = read_registers([street_xlsx], title=street.title, schema=street.schema)
        assert result.dataset is not None
        assert result.dataset.structure == street.structure
        assert seen
        assert not any(seen)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_overlapping_pauses_end_after_the_last() -> None:
    gc.enable()
    with collector.bulk():
        with collector.bulk():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_record_refused_among_good_cells_is_found_in_its_place() -> None:
    people = next(sheet for sheet in SHEETS if sheet.key == "people")
    columns = list(enumerate(people.columns))
    fields = [column.field for column in people.columns]

    def row(pid: str, admitted: object, full: object, household: object = None) -> list[object]:
        values = {"id": pid, "name": "张三", "admitted_on": admitted, "full_member_on": full}
        values["household_id"] = household
        return [values.get(field) for field in fields]

    rows = (
        (2, row("P1", "2015-07-01", "2016-07-01", "H1")),
        (3, row("P2", "2016-07-01", "2015-07-01")),  # a full member before admission
        (4, row("P3", "2015-07-01", None)),
    )
    raw = RawSheet(sheet=people, file="x.xlsx", headers=(), rows=rows)
    records, findings, refused = read_rows(raw, columns)
    assert (records, findings, refused) == _by_cell(raw, columns)
    assert [item.row for item in records] == [2, 4]
    assert [(finding.code, row_of(finding)) for finding in findings] == [("register.record", 3)]
    assert refused == {"P2"}


def test_a_part_time_tie_without_its_source_is_a_row_problem_not_a_crash() -> None:
    sheet = next(s for s in SHEETS if s.key == "appointments")
    columns = list(enumerate(sheet.columns))
    values = {
        "id": "A1",
        "person_id": "P1",
        "post": allowed_labels(PostKind)[0],
        "org_id": "O1",
        "start": "2015-07-01",
        "part_time.unit_id": "U1",
    }
    cells = [values.get(column.field) for _, column in columns]
    raw = RawSheet(sheet=sheet, file="x.xlsx", headers=(), rows=((2, cells),))
    records, findings, refused = read_rows(raw, columns)
    assert records == []
    assert refused == {"A1"}
    assert [(f.code, f.params["row"]) for f in findings] == [("register.record", 2)]
    assert "part_time.basis" in str(findings[0].params["detail"]) or "兼职来源" in str(
        findings[0].params["detail"]
    )
    assert (records, findings, refused) == _by_cell(raw, columns)
