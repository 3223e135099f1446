"""``nbpb import --into EXISTING --effective DATE``: next month's registers update a dataset."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.io.json import dumps_dataset, load_dataset
from neighborhood_pb.io.store.store import Store
from neighborhood_pb.structure.tree import OrgTree

Capture = pytest.CaptureFixture[str]
SCHEMA = "street_grid_five_level"
DAY = "2026-12-01"

PREVIEW = [
    "city.json：自2026年12月1日起的变更",
    "新增人员 张新（XH-P30）（人员第31行）",
    "组织更名 清风第二网格党支部（XH-QF-W2-B），原名 清风第2网格党支部，"
    "自 2026年12月1日（党组织第7行）",
    "调整上级组织 清风苑1号楼党小组（XH-QF-W1-G1） 从 清风第1网格党支部（XH-QF-W1-B） "
    "到 清风第二网格党支部（XH-QF-W2-B），自 2026年12月1日（党组织第6行）",
    "党员减少 柏永福（XH-P10） 离开 清风第二网格党支部（XH-QF-W2-B），自 2026年12月1日",
    "新增党员 张新（XH-P30） 入 清风第二网格党支部（XH-QF-W2-B），"
    "自 2026年12月1日（组织关系第24行）",
    "合计：新增人员 1、组织更名 1、调整上级组织 1、党员减少 1、新增党员 1",
]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def month_one(capsys: Capture, street_xlsx: Path, into: Path | str) -> None:
    """Create the dataset from November's registers, as of 1 November."""
    status, _, err = run(capsys, "import", str(street_xlsx), "--into", str(into),
                         "--schema", SCHEMA, "--as-of", "2026-11-01")  # fmt: skip
    assert (status, err) == (0, "")


def month_two(street_xlsx: Path, out: Path) -> Path:
    """December's registers: a new member, a member who left, a renamed branch, a moved
    group."""
    book = openpyxl.load_workbook(street_xlsx)
    people, members, orgs = book["人员"], book["组织关系"], book["党组织"]
    people.append(["XH-P30", "张新", "XH-QF-LA-1-401", "在职党员",
                   _dt.datetime(2020, 7, 1), _dt.datetime(2021, 7, 1), None])  # fmt: skip
    members.append(["XH-M030", "XH-P30", "XH-QF-W2-B", "组织关系",
                    _dt.datetime(2026, 11, 20), None, None])  # fmt: skip
    assert members["A11"].value == "XH-M010"
    members.delete_rows(11)  # 柏永福 left
    assert orgs["A7"].value == "XH-QF-W2-B"
    orgs["B7"] = "清风第二网格党支部"
    assert orgs["A6"].value == "XH-QF-W1-G1"
    orgs["E6"] = "XH-QF-W2-B"
    book.save(out)
    return out


def refused(street_xlsx: Path, out: Path) -> Path:
    """Registers whose change of 范德胜's admission the history refuses: row 6 of 人员 says
    he joined in 2019, while he has been a member of his branch since 2018."""
    book = openpyxl.load_workbook(street_xlsx)
    assert book["人员"]["A6"].value == "XH-P05"
    book["人员"]["E6"] = _dt.datetime(2019, 1, 1)
    book["人员"]["F6"] = _dt.datetime(2020, 1, 1)
    book["组织关系"]["E6"] = _dt.datetime(2020, 1, 1)  # the register's own row is consistent
    book.save(out)
    return out


@pytest.fixture
def city(
    capsys: Capture, tmp_path: Path, street_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """November's dataset file, created by ``nbpb import``; the working directory is its
    folder, so that messages name it ``city.json``."""
    monkeypatch.chdir(tmp_path)
    month_one(capsys, street_xlsx, "city.json")
    return tmp_path / "city.json"


def test_next_month_updates_the_dataset_and_keeps_its_history(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    november = load_dataset(city)
    status, out, err = run(capsys, "import", str(december), "--into", "city.json",
                           "--effective", DAY)  # fmt: skip
    assert (status, err) == (0, "")
    assert out.splitlines() == PREVIEW
    updated = load_dataset(city)
    assert str(updated.as_of) == DAY
    assert (updated.title, updated.schema) == (november.title, november.schema)
    tree = OrgTree.from_records(updated.schema, updated.structure)
    assert tree.membership("XH-M010").period.end is not None
    assert str(tree.membership("XH-M010").period.end) == DAY
    assert tree.formal_org_of("XH-P10", "2026-11-30").id == "XH-QF-W2-B"
    assert tree.formal_org_of("XH-P10", DAY) is None
    assert tree.formal_org_of("XH-P30", "2026-11-30") is None
    assert tree.formal_org_of("XH-P30", DAY).id == "XH-QF-W2-B"
    assert tree.org("XH-QF-W2-B", "2026-11-30").name == "清风第2网格党支部"
    assert tree.org("XH-QF-W2-B", DAY).name == "清风第二网格党支部"
    assert tree.org("XH-QF-W1-G1", "2026-11-30").parent_id == "XH-QF-W1-B"
    assert tree.org("XH-QF-W1-G1", DAY).parent_id == "XH-QF-W2-B"
    assert updated.structure.people[-1].name == "张新"
    assert updated.points == november.points
    before = city.read_bytes()
    again = run(capsys, "import", str(december), "--into", "city.json", "--effective", DAY)
    assert again == (0, "city.json：自2026年12月1日起的变更\n合计：无变更\n", "")
    assert city.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_preview_writes_each_day_as_its_language_does(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    argv = ["import", str(december), "--into", "city.json", "--effective", DAY, "--dry-run"]
    status, chinese, _ = run(capsys, *argv)
    assert status == 0
    assert re.findall(r"\d{4}-\d{2}-\d{2}", chinese) == []
    assert chinese.count("自 2026年12月1日") == 4
    status, english, _ = run(capsys, *argv, "--lang", "en")
    assert status == 0
    assert "年" not in english
    assert english.count("from 2026-12-01") == 5


def test_english_preview(capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path) -> None:
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    status, out, _ = run(capsys, "--lang", "en", "import", str(december), "--into", "city.json",
                         "--effective", DAY, "--dry-run")  # fmt: skip
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "city.json: changes from 2026-12-01"
    assert lines[4] == (
        "Member 柏永福 (XH-P10) leaves 清风第二网格党支部 (XH-QF-W2-B), from 2026-12-01"
    )
    assert lines[5].endswith("from 2026-12-01 (组织关系 row 24)")
    assert lines[-1] == (
        "Total: new person 1, organisation renamed 1, organisation moved 1, member leaves 1, "
        "new member 1"
    )


def test_dry_run_leaves_the_file_byte_identical(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    before = city.read_bytes()
    status, out, err = run(capsys, "import", str(december), "--into", "city.json",
                           "--effective", DAY, "--dry-run")  # fmt: skip
    assert (status, err) == (0, "")
    assert out.splitlines() == PREVIEW
    assert city.read_bytes() == before


def test_a_refused_change_names_its_row_and_writes_nothing(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    bad = refused(street_xlsx, tmp_path / "bad.xlsx")
    before = city.read_bytes()
    errors = tmp_path / "errors.xlsx"
    status, out, err = run(capsys, "import", str(bad), "--into", "city.json", "--effective", DAY,
                           "--errors", str(errors))  # fmt: skip
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert lines[1] == "更新人员信息 范德胜（XH-P05）：admitted_on、full_member_on（人员第6行）"
    assert "  错误  reconcile.refused_row" in lines
    text = "".join(out.split())  # the finding is wrapped: compare it without spaces
    assert (
        "人员第6行，范德胜（XH-P05）：变更“更新人员信息”被拒绝（规则membership.party_member）"
        in text
    )
    assert "：只有党员才有组织关系（XH-P05:" in text  # the refusal in Chinese
    assert lines[-1] == "共1条检查结果：错误1条，警告0条，提示0条"
    assert city.read_bytes() == before
    marked = openpyxl.load_workbook(errors)
    assert marked["人员"].cell(6, 8).value.startswith("人员第6行，范德胜（XH-P05）")
    assert marked["问题汇总"]["B2"].value == "人员"
    status, out, _ = run(capsys, "--lang", "en", "import", str(bad), "--into", "city.json",
                         "--effective", DAY, "--dry-run")  # fmt: skip
    assert status == 1
    assert "人员 row 6, 范德胜 (XH-P05): the change “person updated” is refused" in " ".join(
        out.split()
    )
    assert city.read_bytes() == before


def test_problems_of_the_registers_exit_1_with_the_errors_workbook(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(street_xlsx)
    book["人员"]["D3"] = "临时工"
    book.save(tmp_path / "bad.xlsx")
    before = city.read_bytes()
    errors = tmp_path / "errors.xlsx"
    status, out, err = run(capsys, "import", str(tmp_path / "bad.xlsx"), "--into", "city.json",
                           "--effective", DAY, "--errors", str(errors))  # fmt: skip
    assert (status, err) == (1, "")
    assert "人员表第3行「人员类别」：「临时工」不是允许的取值" in out
    assert "变更" not in out  # no preview of registers that do not read
    assert openpyxl.load_workbook(errors)["人员"].cell(3, 8).value.startswith("人员表第3行")
    assert city.read_bytes() == before


@pytest.mark.parametrize("kind", ["read", "refused"])
def test_an_unwritable_errors_workbook_exits_2(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path, kind: str
) -> None:
    if kind == "read":
        book = openpyxl.load_workbook(street_xlsx)
        book["人员"]["D3"] = "临时工"
        bad = tmp_path / "bad.xlsx"
        book.save(bad)
    else:
        bad = refused(street_xlsx, tmp_path / "bad.xlsx")
    status, _, err = run(capsys, "import", str(bad), "--into", "city.json", "--effective", DAY,
                         "--errors", str(tmp_path / "no" / "errors.xlsx"))  # fmt: skip
    assert status == 2
    assert "无法写入" in err


def test_a_store_url_is_updated_in_one_save(
    capsys: Capture, tmp_path: Path, street_xlsx: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    month_one(capsys, street_xlsx, url)
    with Store(url) as store:
        assert str(store.load().as_of) == "2026-11-01"
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    status, out, _ = run(capsys, "import", str(december), "--into", url, "--effective", DAY,
                         "--dry-run")  # fmt: skip
    assert status == 0
    assert out.splitlines()[1:] == PREVIEW[1:]
    with Store(url) as store:
        assert str(store.load().as_of) == "2026-11-01"
    missing = run(capsys, "import", str(december), "--into", url)
    assert missing[0] == 2
    assert "已存在" in missing[2]
    assert run(capsys, "import", str(december), "--into", url, "--effective", DAY)[0] == 0
    city = tmp_path / "city.json"
    month_one(capsys, street_xlsx, city)
    assert run(capsys, "import", str(december), "--into", str(city), "--effective", DAY)[0] == 0
    with Store(url) as store:
        stored = store.load()
    assert stored == load_dataset(city)
    assert str(stored.as_of) == DAY
    status, _, err = run(capsys, "import", str(december), "--into", url, "--effective", DAY,
                         "--as-of", DAY)  # fmt: skip
    assert status == 2
    assert "--as-of 只用于新建" in err


def test_an_unusable_store_exits_2(capsys: Capture, tmp_path: Path, street_xlsx: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database at all, just some bytes" * 100)
    for url in (f"sqlite:///{corrupt}", "nosuch://host/db"):
        status, out, err = run(capsys, "import", str(street_xlsx), "--into", url,
                               "--effective", DAY)  # fmt: skip
        assert (status, out) == (2, "")
        assert err.startswith("nbpb import: ")
    assert corrupt.read_bytes().startswith(b"not a database")


def test_options_that_do_not_fit_exit_2(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    before = city.read_bytes()
    cases = {
        ("--effective", DAY, "--as-of", DAY): "--as-of 只用于新建",
        ("--effective", DAY, "--schema", "community_five_level"): (
            "层级方案是street_grid_five_level，而 --schema 给出的是community_five_level"
        ),
        ("--effective", "2026-10-01"): "比对生效日不得早于现有数据的截止日期",
        (): "已存在：更新已有数据集即月度核对（reconcile），请用 --effective DATE 给出生效日期",
    }
    for options, message in cases.items():
        status, out, err = run(capsys, "import", str(street_xlsx), "--into", "city.json",
                               *options)  # fmt: skip
        assert (status, out) == (2, ""), options
        assert message in err, options
    status, _, err = run(capsys, "--lang", "en", "import", str(street_xlsx), "--into",
                         "city.json")  # fmt: skip
    assert status == 2
    assert "city.json exists: updating a dataset is the monthly reconciliation" in err
    assert city.read_bytes() == before
    same = ("--effective", DAY, "--schema", SCHEMA)
    assert run(capsys, "import", str(street_xlsx), "--into", "city.json", *same)[0] == 0
    new = tmp_path / "new.json"
    for options, message in {
        ("--schema", SCHEMA, "--effective", DAY): "--effective 只用于更新已有数据集",
        (): "新建数据集须用 --schema 给出层级方案",
    }.items():
        status, out, err = run(capsys, "import", str(street_xlsx), "--into", str(new), *options)
        assert (status, out) == (2, "")
        assert message in err
        assert not new.exists()


def test_an_unusable_dataset_exits_2(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    document = json.loads(city.read_text(encoding="utf-8"))
    document["structure"]["memberships"][0]["org_id"] = "XH-NOPE"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    invalid = tmp_path / "invalid.json"
    invalid.write_text("{", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    renamed = tmp_path / "register.xlsx"
    renamed.write_text("plain text", encoding="utf-8")
    cases = [
        (street_xlsx, broken, "broken.json：数据文件无效"),
        (street_xlsx, invalid, "invalid.json：数据文件无效"),
        (street_xlsx, folder, "folder：无法读取（这是一个目录）"),
        (renamed, city, "文件register.xlsx无法作为登记表读取"),
    ]
    for register, into, message in cases:
        status, out, err = run(capsys, "import", str(register), "--into", str(into),
                               "--effective", DAY)  # fmt: skip
        assert (status, out) == (2, ""), into
        assert message in err, into
    unreadable = tmp_path / "unreadable.json"
    unreadable.write_bytes(b"\xff\xfe not utf-8")
    assert run(capsys, "import", str(street_xlsx), "--into", str(unreadable),
               "--effective", DAY)[0] == 2  # fmt: skip


def test_a_failed_write_leaves_the_dataset_and_no_temporary_file(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    before = city.read_bytes()

    def refuse(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    status, _, err = run(capsys, "import", str(december), "--into", "city.json",
                         "--effective", DAY)  # fmt: skip
    assert status == 2
    assert "city.json：无法写入" in err
    assert city.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "city.json",
        "december.xlsx",
        "street.xlsx",
    ]


def test_the_dataset_written_is_what_the_library_applies(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    from neighborhood_pb.io.registers import read_registers, reconcile

    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    november = load_dataset(city)
    read = read_registers([december], title=november.title, schema=november.schema)
    assert read.dataset is not None
    expected = reconcile(november, read.dataset, effective=DAY).apply()
    assert run(capsys, "import", str(december), "--into", "city.json", "--effective", DAY)[0] == 0
    assert city.read_text(encoding="utf-8") == dumps_dataset(expected, redact_personal=False)


def test_warnings_of_the_registers_come_before_the_preview(
    capsys: Capture, city: Path, street_xlsx: Path, tmp_path: Path
) -> None:
    december = month_two(street_xlsx, tmp_path / "december.xlsx")
    book = openpyxl.load_workbook(december)
    book["人员"]["H1"] = "备注"  # a column the layout does not know
    book.save(december)
    status, out, err = run(capsys, "import", str(december), "--into", "city.json",
                           "--effective", DAY)  # fmt: skip
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("register.column_unknown")
    assert lines[lines.index(PREVIEW[0]) - 1] == "共1条检查结果：错误0条，警告1条，提示0条"
    assert lines[-len(PREVIEW) :] == PREVIEW
    status, out, _ = run(capsys, "--lang", "en", "import", str(tmp_path / "december.xlsx"),
                         "--into", "city.json", "--effective", "2027-01-01")  # fmt: skip
    assert status == 0
    assert out.splitlines()[-1] == "Total: no change"
    assert str(load_dataset(city).as_of) == "2027-01-01"
