"""One table of a report workbook (工作表): typed columns, cells written by their type.

Text is always written with ``write_string`` (never as a formula, whatever it starts with),
numbers with ``write_number`` and the column's number format; a missing figure (``None``)
leaves its cell empty. Column widths fit the widest cell as shown, Chinese counting double.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from neighborhood_pb.io.reports.xlsx_cells import cell_text, column_width

__all__ = [
    "Cell",
    "Column",
    "ColumnKind",
    "Table",
    "number_formats",
    "shown",
    "widths",
    "write_table",
]

Cell = str | int | Decimal | None
"""What a cell holds: text, a count, a figure, or nothing (not applicable)."""


class ColumnKind(enum.Enum):
    """How a column's cells are written and shown (列类型)."""

    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"
    """A figure in percent (55.6) written as the number 0.556, shown as 55.6%."""
    DECIMAL = "decimal"
    """A figure in its own unit, shown with one decimal."""


_NUMBER_FORMATS = {
    ColumnKind.COUNT: "0",
    ColumnKind.PERCENT: "0.0%",
    ColumnKind.DECIMAL: "0.0",
}


@attrs.frozen
class Column:
    """A column: its header and the kind of its cells."""

    header: str
    kind: ColumnKind = ColumnKind.TEXT


@attrs.frozen
class Table:
    """Rows under a header row; ``kinds`` overrides a column's kind row by row (a metric's
    value is a percent for a share, a decimal for an average)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kinds: tuple[tuple[ColumnKind, ...], ...] | None = None

    def kind(self, row: int, column: int) -> ColumnKind:
        """The kind of one cell."""
        if self.kinds is None:
            return self.columns[column].kind
        return self.kinds[row][column]


def shown(cell: Cell, kind: ColumnKind) -> str:
    """A cell as Excel shows it, for its column's width."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell_text(cell)
    if kind is ColumnKind.PERCENT:
        return f"{Decimal(cell):.1f}%"
    if kind is ColumnKind.DECIMAL:
        return f"{Decimal(cell):.1f}"
    return str(cell)


def widths(tables: Sequence[Table]) -> list[int]:
    """The width of each column over every table stacked on one sheet."""
    cells: dict[int, list[str]] = {}
    for table in tables:
        for index, column in enumerate(table.columns):
            cells.setdefault(index, []).append(column.header)
        for row_index, row in enumerate(table.rows):
            for index, cell in enumerate(row):
                cells[index].append(shown(cell, table.kind(row_index, index)))
    return [column_width(cells[index]) for index in sorted(cells)]


def write_table(
    sheet: Any,
    first_row: int,
    table: Table,
    formats: Mapping[ColumnKind | str, Any],
    *,
    filters: bool = False,
) -> int:
    """Write ``table`` from ``first_row`` (its header in bold); returns the next free row.

    Args:
        sheet: Where to write (an xlsxwriter worksheet).
        first_row: The header's row (0-based).
        table: What to write.
        formats: The xlsxwriter format of each kind, and ``"header"`` for the header row.
        filters: Freeze the rows above the first data row and filter every column.
    """
    for index, column in enumerate(table.columns):
        sheet.write_string(first_row, index, cell_text(column.header), formats["header"])
    row = first_row
    for row_index, cells in enumerate(table.rows):
        row = first_row + 1 + row_index
        for index, cell in enumerate(cells):
            if cell is None:
                continue
            if isinstance(cell, str):
                sheet.write_string(row, index, cell_text(cell))
                continue
            kind = table.kind(row_index, index)
            number = float(cell / 100 if kind is ColumnKind.PERCENT else cell)
            sheet.write_number(row, index, number, formats[kind])
    if filters:
        sheet.freeze_panes(first_row + 1, 0)
        sheet.autofilter(first_row, 0, max(row, first_row), len(table.columns) - 1)
    return first_row + 1 + len(table.rows)


def number_formats() -> dict[ColumnKind | str, dict[str, object]]:
    """The cell format of each kind of number, and of a header."""
    formats: dict[ColumnKind | str, dict[str, object]] = {
        kind: {"num_format": code} for kind, code in _NUMBER_FORMATS.items()
    }
    formats["header"] = {"bold": True, "bottom": 1}
    formats["title"] = {"bold": True, "font_size": 14}
    return formats
