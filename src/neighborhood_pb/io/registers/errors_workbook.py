"""The errors workbook (错误清单): a copy of the registers with a 错误 column.

Every sheet read is copied as it was, with one more column, 错误, on the rows a problem
names (its messages, one per line, in zh-CN or en); problems of no row (a missing column,
a file that cannot be read) go to a first sheet, 问题汇总, with every problem listed.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

from neighborhood_pb.errors import Finding
from neighborhood_pb.io.registers.export import close_book
from neighborhood_pb.io.registers.problems import row_of, sheet_of
from neighborhood_pb.io.registers.read import read_files

__all__ = ["ERROR_HEADER", "SUMMARY_SHEET", "write_errors_workbook"]

ERROR_HEADER = "错误"
"""The header of the added column."""

SUMMARY_SHEET = "问题汇总"
"""The sheet listing every problem."""


def _text(finding: Finding, lang: str) -> str:
    return finding.render(lang)


def write_errors_workbook(
    files: Sequence[Path], findings: Sequence[Finding], out: str | Path, *, lang: str = "zh"
) -> Path:
    """Write the registers in ``files`` with the problems in ``findings`` marked.

    Returns:
        ``out`` as a path.
    """
    import xlsxwriter  # type: ignore[import-untyped]  # the ``registers`` extra

    path = Path(out)
    marks: dict[tuple[str, int], list[str]] = {}
    for finding in findings:
        sheet, row = sheet_of(finding), row_of(finding)
        if sheet and row:
            marks.setdefault((sheet, row), []).append(_text(finding, lang))
    raws, _ = read_files(files)
    book = xlsxwriter.Workbook(str(path))
    try:
        bold = book.add_format({"bold": True})
        red = book.add_format({"font_color": "#C00000", "text_wrap": True})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        summary = book.add_worksheet(SUMMARY_SHEET)
        summary.write_row(0, 0, ["级别", "工作表", "行", "问题"], bold)
        for number, finding in enumerate(findings, start=1):
            row = row_of(finding)
            summary.write_row(
                number,
                0,
                [
                    finding.severity.label_zh,
                    sheet_of(finding) or "",
                    row if row else "",
                    _text(finding, lang),
                ],
            )
        for raw in raws:
            page = book.add_worksheet(raw.sheet.name)
            page.write_row(0, 0, [*raw.headers, ERROR_HEADER], bold)
            width = len(raw.headers)
            for number, cells in raw.rows:
                for position, value in enumerate(cells):
                    if isinstance(value, _dt.date):
                        page.write_datetime(number - 1, position, value, day)
                    elif value is not None:
                        page.write(number - 1, position, value)
                mark = marks.get((raw.sheet.name, number))
                if mark:
                    page.write_string(number - 1, width, "\n".join(mark), red)
    finally:
        close_book(book)
    return path
