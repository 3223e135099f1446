"""Export then import gives the dataset back; templates and the errors workbook."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors.text import is_blank
from neighborhood_pb.io.registers import export_registers, read_registers, write_template
from neighborhood_pb.io.registers.errors_workbook import ERROR_HEADER, SUMMARY_SHEET
from neighborhood_pb.io.registers.layout import SHEETS
from neighborhood_pb.synthetic import CityScale, generate_city

names = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(lambda name: not is_blank(name))  # a soft hyphen alone is no name
)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    scale = CityScale(
        streets=1,
        communities=draw(st.integers(1, 2)),
        grids=draw(st.integers(2, 4)),
        compounds=draw(st.integers(1, 3)),
        buildings=draw(st.integers(3, 6)),
        households=draw(st.integers(6, 20)),
        members=draw(st.integers(1, 25)),
        central_households=1,
        ledger_entries=1,
    )
    city = generate_city(scale, seed=draw(st.integers(0, 10_000)))
    people = tuple(
        attrs.evolve(
            person,
            name=draw(names),
            phone=draw(st.none() | st.from_regex(r"1[3-9]\d{9}", fullmatch=True)),
        )
        for person in city.structure.people
    )
    structure = attrs.evolve(city.structure, people=people)
    return Dataset(title="模拟", schema=city.schema, structure=structure, as_of=city.as_of)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(), st.booleans())
def test_export_then_import_gives_the_dataset_back(dataset: Dataset, as_csv: bool) -> None:
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / ("csv" if as_csv else "city.xlsx")
        export_registers(dataset, out)
        paths = sorted(out.glob("*.csv")) if as_csv else [out]
        result = read_registers(paths, title=dataset.title, schema=dataset.schema)
    assert result.findings == ()
    assert result.dataset is not None
    assert result.dataset.structure == dataset.structure


def test_a_template_has_headers_an_example_and_drop_downs(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [sheet.name for sheet in SHEETS]
    people = book["人员"]
    assert [cell.value for cell in people[1]] == [c.header for c in SHEETS[1].columns]
    assert people["B2"].value == "张某某"
    lists = {str(v.sqref): v.formula1 for v in people.data_validations.dataValidation}
    assert lists == {"D2:D1001": '"在职党员,离退休党员,流动党员,其他"'}
    report_lists = [v.formula1 for v in book["报到"].data_validations.dataValidation]
    assert report_lists == ['"线上报到,线下报到,双报到"']


def test_the_errors_workbook_marks_the_rows(tmp_path: Path, street_xlsx: Path) -> None:
    book = openpyxl.load_workbook(street_xlsx)
    book["人员"]["D3"] = "临时工"
    book["人员"]["H1"] = "身份证号"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    result = read_registers([bad], title="x", schema="street_grid_five_level")
    out = result.write_errors(tmp_path / "errors.xlsx")
    marked = openpyxl.load_workbook(out)
    assert marked.sheetnames[0] == SUMMARY_SHEET
    people = marked["人员"]
    assert people.cell(1, 9).value == ERROR_HEADER
    assert people.cell(3, 9).value.startswith("人员表第3行「人员类别」：「临时工」不是允许的取值")
    assert people.cell(2, 9).value is None
    assert people.cell(3, 1).value == "XH-P02"
    summary = [[c.value for c in row] for row in marked[SUMMARY_SHEET].iter_rows(min_row=2)]
    assert [row[:3] for row in summary] == [["警告", "人员", None], ["错误", "人员", 3]]
    english = result.write_errors(tmp_path / "errors_en.xlsx", lang="en")
    assert "is not an allowed label" in openpyxl.load_workbook(english)["人员"].cell(3, 9).value
