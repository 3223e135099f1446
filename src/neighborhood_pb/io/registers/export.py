"""Datasets to registers (导出) and blank templates (模板).

:func:`export_registers` writes every section registers carry in the layout
:func:`~neighborhood_pb.io.registers.build.read_registers` reads: one ``.xlsx`` with a sheet
per kind, or a directory of CSV files (UTF-8 with a BOM, so that Excel opens them). Nothing
is masked: registers are the platform's own data. :func:`write_template` writes the headers,
one example row and a drop-down list for every labelled column.
"""

from __future__ import annotations

import csv
import datetime as _dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.io.registers.labels import allowed_labels, label_of
from neighborhood_pb.io.registers.layout import CHANNELS, SHEETS, Column, Sheet
from neighborhood_pb.io.registers.rows import BOTH_CHANNELS
from neighborhood_pb.structure.records import ReportChannel

__all__ = ["EXAMPLE_ROWS", "close_book", "export_registers", "sheet_rows", "write_template"]

Cell = str | int | _dt.date | None


def _records(dataset: Dataset, key: str) -> Sequence[Any]:
    if key in ("bodies", "contracts", "appointments"):
        return getattr(dataset.appointments, key)  # type: ignore[no-any-return]
    return getattr(dataset.structure, key)  # type: ignore[no-any-return]


def _value(record: Any, field: str) -> object:
    if field in ("start", "end"):
        return getattr(record.period, field)
    if field.startswith("part_time."):
        basis = record.part_time
        return None if basis is None else getattr(basis, field.partition(".")[2])
    return getattr(record, field)


def _cell(column: Column, value: object) -> Cell:
    if value is None:
        return None
    if column.kind == CHANNELS:
        channels = frozenset(value)  # type: ignore[call-overload]
        if channels == frozenset(ReportChannel):
            return BOTH_CHANNELS
        return "、".join(label_of(member) for member in ReportChannel if member in channels)
    if isinstance(value, enum.Enum):
        return label_of(value)
    if isinstance(value, _dt.date):
        return _dt.date(value.year, value.month, value.day)
    if isinstance(value, int):
        return value
    return str(value)


def sheet_rows(dataset: Dataset, sheet: Sheet) -> Iterator[list[Cell]]:
    """The rows of ``sheet`` for ``dataset``'s records, in the dataset's order."""
    for record in _records(dataset, sheet.key):
        yield [_cell(column, _value(record, column.field)) for column in sheet.columns]


def _used(dataset: Dataset) -> list[Sheet]:
    return [sheet for sheet in SHEETS if _records(dataset, sheet.key)]


def _write_xlsx(
    path: Path, sheets: Iterable[tuple[Sheet, Iterator[list[Cell]]]], *, lists: bool
) -> None:
    import xlsxwriter  # type: ignore[import-untyped]  # the ``registers`` extra

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        bold = book.add_format({"bold": True})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for sheet, rows in sheets:
            page = book.add_worksheet(sheet.name)
            page.write_row(0, 0, [column.header for column in sheet.columns], bold)
            count = 0
            for count, row in enumerate(rows, start=1):
                for position, value in enumerate(row):
                    if isinstance(value, _dt.date):
                        page.write_datetime(count, position, value, day)
                    elif isinstance(value, str):
                        page.write_string(count, position, value)
                    elif value is not None:
                        page.write_number(count, position, value)
            if lists:
                _drop_downs(page, sheet, max(count, 1000))
    finally:
        close_book(book)


def close_book(book: Any) -> None:
    """Close an xlsxwriter workbook (which writes it); a file that cannot be created is an
    :class:`OSError` like any other."""
    from xlsxwriter.exceptions import FileCreateError  # type: ignore[import-untyped]

    try:
        book.close()
    except FileCreateError as exc:
        raise OSError(str(exc)) from exc


def _drop_downs(page: Any, sheet: Sheet, last: int) -> None:
    for position, column in enumerate(sheet.columns):
        if column.kind == CHANNELS:
            labels = [*allowed_labels(ReportChannel), BOTH_CHANNELS]
        elif isinstance(column.kind, type):
            labels = list(allowed_labels(column.kind))
        else:
            continue
        page.data_validation(1, position, last, position, {"validate": "list", "source": labels})


def _write_csv(directory: Path, sheets: Iterable[tuple[Sheet, Iterator[list[Cell]]]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for sheet, rows in sheets:
        with (directory / f"{sheet.name}.csv").open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([column.header for column in sheet.columns])
            for row in rows:
                writer.writerow(
                    [
                        "" if v is None else v.isoformat() if isinstance(v, _dt.date) else v
                        for v in row
                    ]
                )


def export_registers(
    dataset: Dataset, out: str | Path, *, progress: Progress = NO_PROGRESS
) -> Path:
    """Write ``dataset``'s registers: one workbook when ``out`` ends in ``.xlsx``, else a
    directory of CSV files (one per kind, named by the sheet). Nothing is masked;
    ``progress`` is told of each sheet written.

    Returns:
        ``out`` as a path.
    """
    path = Path(out)
    used = _used(dataset)
    sheets = tracked(
        progress, ((s, sheet_rows(dataset, s)) for s in used), "导出 export", len(used)
    )
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, sheets, lists=False)
    else:
        _write_csv(path, sheets)
    return path


EXAMPLE_ROWS: dict[str, list[Cell]] = {
    "territories": [
        "GRID-01",
        "网格",
        "第一网格",
        "COM-01",
        "320902001001",
        None,
        _dt.date(2020, 1, 1),
        None,
    ],
    "people": [
        "P001",
        "张某某",
        "HH-0101",
        "在职党员",
        _dt.date(2015, 7, 1),
        _dt.date(2016, 7, 1),
        None,
    ],
    "orgs": ["B-01", "第一网格党支部", "党支部", "grid", "C-01", _dt.date(2020, 1, 1), None],
    "coverage": ["B-01", "GRID-01", _dt.date(2020, 1, 1), None],
    "memberships": ["M001", "P001", "B-01", "组织关系", _dt.date(2020, 1, 1), None, None],
    "reports": ["R001", "P001", "COM-01", "GRID-01", BOTH_CHANNELS, _dt.date(2021, 3, 1), None],
    "terms": ["T-01", "B-01", 3, _dt.date(2021, 6, 18), None],
    "bodies": [
        "RC-01",
        "居委会",
        "第一社区居委会",
        "COM-01",
        None,
        None,
        _dt.date(2020, 1, 1),
        None,
    ],
    "contracts": ["K-01", "PC-01", "CP-01", _dt.date(2022, 1, 1), None],
    "appointments": [
        "A001",
        "P001",
        "书记",
        "B-01",
        None,
        None,
        _dt.date(2021, 6, 18),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ],
}
"""One example row per sheet, as a template shows it."""


def write_template(path: str | Path) -> Path:
    """Write a blank register workbook: every sheet's headers, one example row and a
    drop-down list (data validation) for every labelled column.

    Returns:
        ``path`` as a path.
    """
    out = Path(path)
    _write_xlsx(out, [(sheet, iter([EXAMPLE_ROWS[sheet.key]])) for sheet in SHEETS], lists=True)
    return out
