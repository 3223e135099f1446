"""Reading registers: the samples round trip, and every bad input is a located problem."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import Finding, Severity, UnknownRecordError
from neighborhood_pb.io.registers import RegisterRead, export_registers, read_registers
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample

Alter = Callable[[Callable[[openpyxl.Workbook], None]], Path]
"""A copy of the street workbook changed by a function (the ``altered`` fixture)."""


def read(paths: list[Path], dataset: Dataset, **options: object) -> RegisterRead:
    return read_registers(paths, title=dataset.title, schema=dataset.schema, **options)  # type: ignore[arg-type]


def same_registers(a: Dataset, b: Dataset) -> bool:
    return a.structure == b.structure and (
        a.appointments.bodies,
        a.appointments.contracts,
        a.appointments.appointments,
    ) == (b.appointments.bodies, b.appointments.contracts, b.appointments.appointments)


def only(result: RegisterRead, code: str) -> Finding:
    assert result.dataset is None
    found = [f for f in result.findings if f.code == code]
    assert found, [f.render() for f in result.findings]
    return found[0]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_each_bundled_register_imports_into_its_sample(name: str) -> None:
    sample = load_sample(name)
    bundled = resources.files("neighborhood_pb.samples").joinpath(f"registers/{name}.xlsx")
    with resources.as_file(bundled) as path:
        result = read([path], sample, as_of=sample.as_of)
    assert result.ok
    assert result.findings == ()
    assert result.dataset is not None
    assert same_registers(result.dataset, sample)
    assert result.dataset.as_of == sample.as_of
    assert result.origins["people"][0] == ("人员", 2)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_csv_registers_round_trip(tmp_path: Path, name: str) -> None:
    sample = load_sample(name)
    directory = export_registers(sample, tmp_path / "csv")
    result = read(sorted(directory.glob("*.csv")), sample)
    assert result.dataset is not None
    assert same_registers(result.dataset, sample)


def test_gb18030_csv_is_detected_or_named(tmp_path: Path, street: Dataset) -> None:
    directory = export_registers(street, tmp_path / "csv")
    for path in directory.glob("*.csv"):
        path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gb18030"))
    files = sorted(directory.glob("*.csv"))
    assert read(files, street).ok
    assert read(files, street, encoding="gb18030").ok
    wrong = read(files, street, encoding="utf-8")
    assert only(wrong, "register.file").render().startswith("文件")


def test_a_csv_kind_by_mapping(tmp_path: Path, street: Dataset) -> None:
    directory = export_registers(street, tmp_path / "csv")
    (directory / "人员.csv").rename(directory / "members.csv")
    files = sorted(directory.glob("*.csv"))
    unmapped = read(files, street)
    assert any(f.code == "register.sheet_unknown" for f in unmapped.findings)
    assert not unmapped.ok  # memberships name people no sheet holds
    mapped = read(files, street, kinds={"members.csv": "people"})
    assert mapped.ok


def test_unusable_files(tmp_path: Path, street: Dataset) -> None:
    renamed = tmp_path / "notes.xlsx"
    renamed.write_text("not a workbook", encoding="utf-8")
    assert "不是有效的电子表格" in only(read([renamed], street), "register.file").render()
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "加密" in only(read([encrypted], street), "register.file").render()
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "文件为空" in only(read([empty], street), "register.file").render()
    missing = tmp_path / "none.xlsx"
    assert "无法打开" in only(read([missing], street), "register.file").render()
    assert "不是文件" in only(read([tmp_path], street), "register.file").render()
    text = tmp_path / "people.txt"
    text.write_text("x", encoding="utf-8")
    assert ".csv" in only(read([text], street), "register.file").render()
    binary = tmp_path / "人员.csv"
    binary.write_bytes(b"a\0b")
    assert "空字符" in only(read([binary], street), "register.file").render()


def test_size_and_row_ceilings(street_xlsx: Path, street: Dataset) -> None:
    big = only(read([street_xlsx], street, max_bytes=1000), "register.too_large")
    assert big.render() == "文件street.xlsx超过导入上限（0 MiB），请分批导入"
    rows = only(read([street_xlsx], street, max_rows=3), "register.too_large")
    assert "3行" in rows.render()


def test_a_workbook_without_a_known_sheet(tmp_path: Path, street: Dataset) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "blank.xlsx")
    result = read([tmp_path / "blank.xlsx"], street)
    assert "人员" in only(result, "register.no_sheet").render()
    assert [f.code for f in result.findings] == ["register.sheet_unknown", "register.no_sheet"]


def test_a_sheet_given_twice(street_xlsx: Path, street: Dataset) -> None:
    result = read([street_xlsx, street_xlsx], street)
    assert only(result, "register.sheet_twice").params["sheet"] == "辖区"


def test_missing_required_column_names_the_closest(altered: Alter, street: Dataset) -> None:
    path = altered(lambda book: book["人员"].cell(1, 2, "姓 名称"))
    finding = only(read([path], street), "register.column_missing")
    assert finding.render() == "人员表缺少必填列「姓名」（最接近的表头：姓名称）"
    assert finding.render("en").startswith("sheet 人员 lacks the required column 姓名")


def test_unknown_and_sensitive_columns_are_dropped(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        people = book["人员"]
        people.cell(1, 8, "身份证号")
        people.cell(1, 9, "备注")
        people.cell(2, 8, "110101199001011234")
        book["任职"].cell(1, 15, "联系电话")

    result = read([altered(change)], street)
    assert result.dataset is not None
    assert same_registers(result.dataset, street)
    codes = [(f.code, f.params["column"], f.severity) for f in result.findings]
    assert codes == [
        ("register.column_sensitive", "身份证号", Severity.WARNING),
        ("register.column_unknown", "备注", Severity.WARNING),
        ("register.column_sensitive", "联系电话", Severity.WARNING),
    ]
    assert "110101199001011234" not in repr(result.dataset)


def test_a_column_map_and_aliases(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["人员"].cell(1, 2, "党员姓名")
        book["人员"].cell(1, 4, "类别")

    path = altered(change)
    unmapped = read([path], street)
    assert [f.params["column"] for f in unmapped.findings] == ["类别"]
    assert unmapped.dataset is not None
    assert unmapped.dataset.structure.people != street.structure.people  # 类别 was dropped
    result = read([path], street, column_map={"类别": "人员类别"})
    assert result.dataset is not None
    assert same_registers(result.dataset, street)


def test_every_problem_of_every_row_is_collected(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        people = book["人员"]
        people.cell(3, 2).value = None  # 姓名 blank
        people.cell(3, 4, "临时工")  # 人员类别: not a label
        people.cell(3, 5, "去年")  # 入党日期: not a day
        orgs = book["党组织"]
        orgs.cell(3, 5, "XH-NOPE")  # 上级组织编号: no such organisation
        book["辖区"].cell(5, 1).value = book["辖区"].cell(3, 1).value  # a duplicated id
        book["组织关系"].cell(2, 2, "P-NOBODY")  # a membership of an unknown person

    result = read([altered(change)], street)
    assert result.dataset is None
    seen = {(f.code, f.params.get("sheet"), f.params.get("row")) for f in result.findings}
    assert {
        ("register.required", "人员", 3),
        ("register.label", "人员", 3),
        ("register.cell", "人员", 3),
        ("register.reference", "党组织", 3),
        ("register.duplicate_id", "辖区", 5),
        ("register.reference", "组织关系", 2),
    } <= seen
    label = only(result, "register.label")
    assert label.render() == (
        "人员表第3行「人员类别」：「临时工」不是允许的取值（可选：在职党员、离退休党员、流动党员、其他）"
    )
    org_ref = next(f for f in result.findings if f.params.get("value") == "XH-NOPE")
    assert org_ref.render() == "党组织表第3行「上级组织编号」：党组织表中没有编号XH-NOPE"


def test_a_person_in_two_branches_at_once(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["组织关系"]
        first = [cell.value for cell in sheet[2]]
        other_org = next(
            row[2].value for row in sheet.iter_rows(min_row=3) if row[2].value != first[2]
        )
        sheet.append(["M-EXTRA", first[1], other_org, "组织关系", *first[4:]])

    finding = only(read([altered(change)], street), "register.two_branches")
    assert finding.params["other_row"] == 2
    assert "同时在两个党组织" in finding.render()


def test_merged_cells_and_formulas(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["人员"].merge_cells("D2:D3")
        book["辖区"]["C2"] = '=CONCAT("x","y")'  # no cached value: reads as blank

    result = read([altered(change)], street)
    merged = [f for f in result.findings if f.code == "register.merged"]
    assert [(f.params["sheet"], f.params["row"], f.params["column"]) for f in merged] == [
        ("人员", 2, "人员类别"),
        ("人员", 3, "人员类别"),
    ]
    blank = only(result, "register.required")
    assert (blank.params["sheet"], blank.params["row"], blank.params["column"]) == (
        "辖区",
        2,
        "名称",
    )


def test_a_record_refused_by_itself_or_by_its_aggregate(altered: Alter, street: Dataset) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["人员"]["F2"] = "1980-01-01"  # full member before admission

    refused = only(read([altered(change)], street), "register.record")
    assert (refused.params["sheet"], refused.params["row"]) == ("人员", 2)

    def early(book: openpyxl.Workbook) -> None:
        book["组织关系"]["E3"] = "1960-01-01"  # before the member was admitted

    located = only(read([altered(early)], street), "register.record")
    assert (located.params["sheet"], located.params["row"]) == ("组织关系", 3)
    assert located.render().startswith("组织关系表第3行：记录不成立：")
    assert "XH-P02 is not a party member on 1960-01-01" in located.render("en")


def test_an_unknown_schema_is_refused(street_xlsx: Path) -> None:
    with pytest.raises(UnknownRecordError, match="no schema preset"):
        read_registers([street_xlsx], title="x", schema="nope")
    assert read_registers([street_xlsx], title="x", schema="street_grid_five_level").ok


def test_a_sheet_kind_by_mapping_and_a_bad_encoding_name(
    altered: Alter, street: Dataset, tmp_path: Path
) -> None:
    path = altered(lambda book: setattr(book["人员"], "title", "党员信息"))
    assert not read([path], street).ok
    assert read([path], street, kinds={"党员信息": "people"}).ok
    csv = export_registers(street, tmp_path / "csv")
    result = read(sorted(csv.glob("*.csv")), street, encoding="no-such-codec")
    assert "no-such-codec" in only(result, "register.file").render()


def test_a_csv_field_too_large_is_a_problem(tmp_path: Path, street: Dataset) -> None:
    path = tmp_path / "人员.csv"
    path.write_text("编号,姓名\nP1," + "x" * 200_000 + "\n", encoding="utf-8")
    assert "CSV格式有误" in only(read([path], street), "register.file").render()
