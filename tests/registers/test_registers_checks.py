"""Cross-row checks give what a plain row-by-row model gives: duplicated ids (one field or
several) and references to ids no sheet holds, each in its row's place."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.io.registers import checks
from neighborhood_pb.io.registers.layout import SHEETS, Sheet
from neighborhood_pb.io.registers.rows import Located

_KEYED = [sheet for sheet in SHEETS if sheet.unique]
_IDS = ["A", "B", "C", None]


def _model_duplicates(sheet: Sheet, rows: list[Located]) -> list[tuple[object, ...]]:
    """(row, first row, value) of each row repeating an earlier row's key."""
    first: dict[object, int] = {}
    found = []
    for item in rows:
        key = tuple(item.fields.get(field) for field in sheet.unique)
        earlier = first.setdefault(key, item.row)
        if earlier != item.row:
            found.append((item.row, earlier, str(key[0])))
    return found


@st.composite
def _rows(draw: st.DrawFn) -> tuple[Sheet, list[Located]]:
    sheet = draw(st.sampled_from(_KEYED))
    count = draw(st.integers(min_value=0, max_value=8))
    rows = []
    for number in range(2, count + 2):
        fields = {column.field: draw(st.sampled_from(_IDS)) for column in sheet.columns}
        rows.append(Located(record=None, sheet=sheet.name, row=number, fields=fields))
    return sheet, rows


@settings(max_examples=60, deadline=None)
@given(_rows())
def test_duplicates_are_found_as_row_by_row(drawn: tuple[Sheet, list[Located]]) -> None:
    sheet, rows = drawn
    found = checks._duplicates(sheet, rows)
    assert [(f.params["row"], f.params["first_row"], f.params["value"]) for f in found] == (
        _model_duplicates(sheet, rows)
    )
    header = sheet.column(sheet.unique[0]).header
    assert all(f.code == "register.duplicate_id" and f.params["column"] == header for f in found)


@settings(max_examples=60, deadline=None)
@given(_rows(), st.sets(st.sampled_from(_IDS)))
def test_references_are_found_as_row_by_row(
    drawn: tuple[Sheet, list[Located]], known: set[object]
) -> None:
    sheet, rows = drawn
    ids = {other.key: known for other in SHEETS}
    expected = [
        (item.row, column.header)
        for item in rows
        for column in sheet.columns
        if column.ref is not None
        and item.fields.get(column.field) is not None
        and item.fields.get(column.field) not in known
    ]
    found = checks._references(sheet, rows, ids)
    assert [(f.params["row"], f.params["column"]) for f in found] == expected
    assert all(f.code == "register.reference" for f in found)
