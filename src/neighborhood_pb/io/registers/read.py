"""Reading register files into rows (读取): ``.xlsx`` workbooks and ``.csv`` files.

Workbooks are read with python-calamine (the fastest reader of the ones tried; it gives
native dates and the cached value of a formula); CSV with the standard library, UTF-8 with
or without a BOM, else GB18030, or the encoding named. fastexcel (Arrow columns, on the same
parser) converts a 100,000-member workbook about a third faster, but it gives one type per
column: in a column of mixed cells a date cell becomes text with a time (``2015-07-01
00:00:00``, no longer a day) and ``True`` becomes ``true``; and it gives no merged ranges,
which would need the sheet parsed a second time. It is not used.

Every problem of a file is a finding; nothing here raises for bad input.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from neighborhood_pb.errors import Finding
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.io.registers.layout import SHEETS, Sheet, sheet_for
from neighborhood_pb.io.registers.problems import has_errors, problem

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "WORKBOOK_SUFFIXES",
    "RawSheet",
    "read_files",
]

MAX_BYTES = 40 * 1024 * 1024
"""Largest register file read (40 MiB): a larger one is refused with a clear message."""

MAX_ROWS = 500_000
"""Most data rows one sheet may hold."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
"""File endings read as workbooks; ``.csv`` is read as one sheet."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@attrs.frozen(kw_only=True)
class RawSheet:
    """A sheet as read: its layout, where it came from, its headers and its rows.

    Attributes:
        sheet: The layout it was recognised as.
        file: The file it came from (its name, for messages).
        headers: The header row as written.
        rows: ``(row number as the spreadsheet shows it, cells)`` for each non-blank row
            (a blank cell is ``None`` or ``""``).
        merged: Spreadsheet rows and 0-based columns of merged cells below the header.
    """

    sheet: Sheet
    file: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, Sequence[object]], ...]
    merged: tuple[tuple[int, int], ...] = ()


def _blank(cells: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _raw(
    sheet: Sheet,
    file: str,
    table: Sequence[Sequence[object]],
    merged: tuple[tuple[int, int], ...],
    max_rows: int,
) -> RawSheet | Finding:
    if len(table) - 1 > max_rows:
        return problem("register.too_large", file, file=file, limit=f"{max_rows}行")
    headers = tuple("" if cell is None else str(cell) for cell in table[0]) if table else ()
    rows = tuple(  # a first cell with text decides, the common case; else every cell
        (number, cells)
        for number, cells in enumerate(table[1:], start=2)
        if (type(first := cells[0] if cells else None) is str and first.strip())
        or not _blank(cells)
    )
    return RawSheet(sheet=sheet, file=file, headers=headers, rows=rows, merged=merged)


def _merged(ranges: object) -> tuple[tuple[int, int], ...]:
    cells: list[tuple[int, int]] = []
    for (top, left), (bottom, right) in ranges or ():  # type: ignore[attr-defined]
        for row in range(max(top, 1), bottom + 1):
            cells.extend((row + 1, column) for column in range(left, right + 1))
    return tuple(cells)


def _workbook(
    path: Path, kinds: Mapping[str, str], max_rows: int
) -> tuple[list[RawSheet], list[Finding]]:
    import python_calamine  # an optional dependency: the ``registers`` extra

    file = path.name
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        return [], [problem("register.file", file, file=file, detail="工作簿已加密，请先解除密码")]
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        with path.open("rb") as handle:
            encrypted = handle.read(8) == _OLE and path.suffix.lower() != ".xls"
        detail = (
            "工作簿已加密或不是xlsx格式，请解除密码后另存为xlsx"
            if encrypted
            else (f"不是有效的电子表格（{type(exc).__name__}: {exc}）")
        )
        return [], [problem("register.file", file, file=file, detail=detail)]
    sheets: list[RawSheet] = []
    findings: list[Finding] = []
    for name in book.sheet_names:
        sheet = sheet_for(kinds.get(name, name))
        if sheet is None:
            findings.append(problem("register.sheet_unknown", file, file=file, sheet=name))
            continue
        data = book.get_sheet_by_name(name)
        raw = _raw(
            sheet,
            file,
            data.to_python(skip_empty_area=False),
            _merged(data.merged_cell_ranges),
            max_rows,
        )
        (sheets if isinstance(raw, RawSheet) else findings).append(raw)  # type: ignore[arg-type]
    return sheets, findings


def _decode(data: bytes, encoding: str | None) -> str:
    if encoding is not None:
        return data.decode(encoding)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _csv(path: Path, sheet: Sheet, encoding: str | None, max_rows: int) -> RawSheet | Finding:
    file = path.name
    try:
        text = _decode(path.read_bytes(), encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return problem(
            "register.file",
            file,
            file=file,
            detail=f"无法按{encoding or 'UTF-8/GB18030'}解码（{exc}）",
        )
    if "\x00" in text:
        return problem("register.file", file, file=file, detail="不是文本文件（含空字符）")
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:  # e.g. a field over the csv module's size limit
        return problem("register.file", file, file=file, detail=f"CSV格式有误（{exc}）")
    return _raw(sheet, file, table, (), max_rows)


def _check_size(path: Path, max_bytes: int) -> Finding | None:
    file = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        return problem("register.file", file, file=file, detail=f"无法打开（{exc.strerror}）")
    if not path.is_file():
        return problem("register.file", file, file=file, detail="不是文件")
    if size == 0:
        return problem("register.file", file, file=file, detail="文件为空")
    if size > max_bytes:
        return problem("register.too_large", file, file=file, limit=f"{max_bytes // 2**20} MiB")
    return None


def read_files(
    paths: Sequence[str | Path],
    *,
    kinds: Mapping[str, str] | None = None,
    encoding: str | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
    progress: Progress = NO_PROGRESS,
) -> tuple[list[RawSheet], list[Finding]]:
    """Read register files into raw sheets, with every file-level problem as a finding.

    Args:
        paths: Workbooks (one sheet per kind) and CSV files (one kind each).
        kinds: The kind of a CSV file by file name or path (``{"members.csv": "people"}``),
            or of a workbook's sheet by its name (``{"党员信息": "people"}``); otherwise the
            file's stem or the sheet's name says it (``人员.csv``, ``people.csv``, 人员).
        encoding: The CSV encoding; ``None`` tries UTF-8 (BOM or not), then GB18030.
        max_rows: Most data rows per sheet.
        max_bytes: Largest file size.
        progress: Told of each file read (读取登记表).
    """
    sheets: list[RawSheet] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for given in tracked(progress, paths, "读取登记表 registers", len(paths)):
        path = Path(given)
        file = path.name
        refused = _check_size(path, max_bytes)
        if refused is not None:
            findings.append(refused)
            continue
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            read, found = _workbook(path, kinds or {}, max_rows)
            findings += found
        elif suffix == ".csv":
            named = (kinds or {}).get(str(given)) or (kinds or {}).get(file) or path.stem
            sheet = sheet_for(named)
            if sheet is None:
                findings.append(problem("register.sheet_unknown", file, file=file, sheet=named))
                continue
            raw = _csv(path, sheet, encoding, max_rows)
            if not isinstance(raw, RawSheet):
                findings.append(raw)
                continue
            read = [raw]
        else:
            detail = "只能读取.xlsx工作簿或.csv文件"
            findings.append(problem("register.file", file, file=file, detail=detail))
            continue
        for raw in read:
            if raw.sheet.key in seen:
                findings.append(
                    problem("register.sheet_twice", raw.sheet.name, file=file, sheet=raw.sheet.name)
                )
                continue
            seen[raw.sheet.key] = file
            sheets.append(raw)
    if not sheets and not has_errors(findings):
        expected = "、".join(sheet.name for sheet in SHEETS)
        files = "、".join(Path(given).name for given in paths)
        findings.append(problem("register.no_sheet", files, file=files, expected=expected))
    return sheets, findings
