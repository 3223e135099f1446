"""``nbpb import`` and ``nbpb export --format registers``: exit codes, messages, files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.json import dumps_dataset, load_dataset

Capture = pytest.CaptureFixture[str]
SCHEMA = "street_grid_five_level"


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_creates_the_dataset(
    capsys: Capture, tmp_path: Path, street_xlsx: Path, street: Dataset
) -> None:
    into = tmp_path / "new.json"
    status, out, err = run(
        capsys, "import", str(street_xlsx), "--into", str(into), "--schema", SCHEMA,
        "--title", street.title, "--as-of", "2026-01-01",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "共0条检查结果：错误0条，警告0条，提示0条"
    created = load_dataset(into)
    assert created.structure == street.structure
    assert created.structure.people[0].phone == street.structure.people[0].phone
    assert str(created.as_of) == "2026-01-01"
    assert created.title == street.title


def test_dry_run_writes_nothing_and_an_existing_dataset_is_refused(
    capsys: Capture, tmp_path: Path, street_xlsx: Path
) -> None:
    into = tmp_path / "new.json"
    status, _, _ = run(capsys, "import", str(street_xlsx), "--into", str(into),
                       "--schema", SCHEMA, "--dry-run")  # fmt: skip
    assert status == 0
    assert not into.exists()
    into.write_text("{}", encoding="utf-8")
    status, out, err = run(capsys, "import", str(street_xlsx), "--into", str(into),
                           "--schema", SCHEMA)  # fmt: skip
    assert (status, out) == (2, "")
    assert "已存在" in err
    assert "reconcil" in err
    assert into.read_text(encoding="utf-8") == "{}"


def test_problems_exit_1_with_the_errors_workbook(
    capsys: Capture, tmp_path: Path, street_xlsx: Path
) -> None:
    book = openpyxl.load_workbook(street_xlsx)
    book["人员"]["D3"] = "临时工"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    into, errors = tmp_path / "new.json", tmp_path / "errors.xlsx"
    status, out, err = run(capsys, "import", str(bad), "--into", str(into), "--schema", SCHEMA,
                           "--errors", str(errors))  # fmt: skip
    assert (status, err) == (1, "")
    assert "人员表第3行「人员类别」：「临时工」不是允许的取值" in out
    assert not into.exists()
    assert openpyxl.load_workbook(errors)["人员"].cell(3, 8).value.startswith("人员表第3行")
    status, out, _ = run(capsys, "--lang", "en", "import", str(bad), "--into", str(into),
                         "--schema", SCHEMA)  # fmt: skip
    assert status == 1
    assert "sheet 人员, row 3, column 人员类别: '临时工' is not an allowed label" in out


def test_unusable_input_exits_2(capsys: Capture, tmp_path: Path) -> None:
    renamed = tmp_path / "register.xlsx"
    renamed.write_text("plain text", encoding="utf-8")
    into = tmp_path / "new.json"
    status, out, err = run(capsys, "import", str(renamed), "--into", str(into), "--schema", SCHEMA)
    assert (status, out) == (2, "")
    assert err.startswith("nbpb import: 文件register.xlsx无法作为登记表读取")
    assert not into.exists()


def test_export_registers(capsys: Capture, tmp_path: Path, street: Dataset) -> None:
    source = tmp_path / "street.json"
    source.write_text(dumps_dataset(street, redact_personal=False), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert run(capsys, "export", str(source), "--format", "registers", "--out", str(out)) == (
        0, "", "",
    )  # fmt: skip
    assert openpyxl.load_workbook(out)["人员"]["A2"].value == street.structure.people[0].id
    assert run(capsys, "export", str(source), "--format", "registers",
               "--out", str(tmp_path / "csv"))[0] == 0  # fmt: skip
    assert (tmp_path / "csv" / "人员.csv").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "文件不存在"), ("{", "数据"), ("", "数据")],
)
def test_export_of_an_unusable_dataset(
    capsys: Capture, tmp_path: Path, content: str | None, message: str
) -> None:
    source = tmp_path / "d.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "export", str(source), "--format", "registers",
                           "--out", str(tmp_path / "o.xlsx"))  # fmt: skip
    assert (status, out) == (2, "")
    assert message in err


def test_export_to_an_unwritable_place(capsys: Capture, tmp_path: Path, street: Dataset) -> None:
    source = tmp_path / "street.json"
    source.write_text(dumps_dataset(street, redact_personal=False), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    status, _, err = run(capsys, "export", str(source), "--format", "registers",
                         "--out", str(blocker / "out.xlsx"))  # fmt: skip
    assert status == 2
    assert "无法写入" in err


def test_an_unwritable_target_exits_2(capsys: Capture, tmp_path: Path, street_xlsx: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    status, _, err = run(capsys, "import", str(street_xlsx), "--into", str(missing / "d.json"),
                         "--schema", SCHEMA)  # fmt: skip
    assert status == 2
    assert "无法写入" in err
