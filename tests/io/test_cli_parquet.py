"""``nbpb export --format parquet`` and a Parquet directory as the SOURCE of ``nbpb report``:
the same report, and bad tables refused in one line with status 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.io.columnar import TABLES
from neighborhood_pb.samples import sample_text


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("parquet")
    source = folder / "community.json"
    source.write_text(sample_text("community"), encoding="utf-8")
    out = folder / "tables"
    assert main(["export", str(source), "--format", "parquet", "--out", str(out)]) == 0
    return source, out


def _copy(out: Path, to: Path) -> Path:
    to.mkdir()
    for path in out.iterdir():
        (to / path.name).write_bytes(path.read_bytes())
    return to


def _fails(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    return captured.err


def test_export_writes_every_table(exported: tuple[Path, Path]) -> None:
    _, out = exported
    assert sorted(p.stem for p in out.iterdir()) == sorted(TABLES)


def test_the_report_of_the_tables_is_the_report_of_the_file(
    exported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = exported
    assert main(["report", str(out), "--engine", "duckdb", "--format", "json"]) == 0
    from_tables = json.loads(capsys.readouterr().out)
    assert main(["report", str(source), "--format", "json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_tables.pop("file") == str(out)
    assert from_file.pop("file") == str(source)
    assert from_tables == from_file
    assert main(["report", str(out), "--engine", "duckdb", "--compare", "2026-01-01"]) == 0
    assert "对比日期：2026年1月1日" in capsys.readouterr().out


def test_export_from_a_store(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = exported
    url = f"sqlite:///{tmp_path / 'city.db'}"
    assert main(["store", "save", str(source), url]) == 0
    again = tmp_path / "again"
    assert main(["export", url, "--format", "parquet", "--out", str(again)]) == 0
    for name in TABLES:
        assert pq.read_table(again / f"{name}.parquet").equals(
            pq.read_table(out / f"{name}.parquet")
        )


def test_a_later_day_writes_later_duty_terms(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = exported
    out = tmp_path / "later"
    args = ["export", str(source), "--format", "parquet", "--out", str(out)]
    assert main([*args, "--as-of", "2030-06-01"]) == 0
    assert main(["report", str(out), "--engine", "duckdb", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2030-06-01"


def test_a_missing_table(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(exported[1], tmp_path / "t")
    (folder / "duty_terms.parquet").unlink()
    err = _fails(["--lang", "en", "report", str(folder), "--engine", "duckdb"], capsys)
    assert "table duty_terms is missing" in err


def test_a_column_of_the_wrong_type(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(exported[1], tmp_path / "t")
    path = folder / "claim_awards.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("points")
    pq.write_table(table.set_column(index, "points", table.column(index).cast(pa.string())), path)
    err = _fails(["report", str(folder), "--engine", "duckdb"], capsys)
    assert "数据表claim_awards的列points缺失或类型不符" in err


def test_a_newer_schema_version(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(exported[1], tmp_path / "t")
    path = folder / "metadata.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    for row in rows:
        if row["key"] == "schema_version":
            row["value"] = "99"
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    err = _fails(["--lang", "en", "report", str(folder), "--engine", "duckdb"], capsys)
    assert "schema version 99" in err


def test_a_row_naming_an_organisation_that_does_not_exist(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(exported[1], tmp_path / "t")
    path = folder / "memberships.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[3]["org_id"] = "NO-SUCH-ORG"
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(path)), path)
    err = _fails(["report", str(folder), "--engine", "duckdb"], capsys)
    assert "数据表memberships第3行：org_id指向的organisations记录不存在" in err
    err = _fails(["--lang", "en", "report", str(folder), "--engine", "duckdb"], capsys)
    assert "row 3 of the table memberships: org_id NO-SUCH-ORG names no record" in err


def test_the_python_engine_and_a_missing_day_are_refused(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = exported[1]
    err = _fails(["report", str(out)], capsys)
    assert "--engine duckdb 或 spark" in err
    err = _fails(["report", str(out), "--engine", "duckdb", "--compare", "2027-01-01"], capsys)
    assert "须早于" in err
    folder = _copy(out, tmp_path / "t")
    path = folder / "metadata.parquet"
    table = pq.read_table(path)
    rows = [row for row in table.to_pylist() if row["key"] != "as_of"]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    err = _fails(["report", str(folder), "--engine", "duckdb"], capsys)
    assert "没有数据日期" in err
    assert main(["report", str(folder), "--engine", "duckdb", "--as-of", "2026-11-01"]) == 0


def test_an_unreadable_file_and_an_unwritable_directory(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = exported
    folder = _copy(out, tmp_path / "t")
    (folder / "people.parquet").write_bytes(b"not parquet")
    err = _fails(["report", str(folder), "--engine", "duckdb"], capsys)
    assert "无法作为 Parquet 读取" in err
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    err = _fails(["export", str(source), "--format", "parquet", "--out", str(blocker)], capsys)
    assert "无法写入" in err
    err = _fails(
        ["export", str(tmp_path / "none.json"), "--format", "parquet", "--out", "x"], capsys
    )
    assert "文件不存在" in err


def test_an_option_the_engine_lacks(
    exported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--lang", "en", "report", str(exported[1]), "--engine", "duckdb", "--level", "grid"]
    assert "levels below the community are computed in memory only" in _fails(args, capsys)


def test_without_pyarrow_parquet_names_its_extra(
    exported: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, out = exported
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    for name in [m for m in sys.modules if m.startswith("neighborhood_pb.io.columnar.")]:
        monkeypatch.delitem(sys.modules, name)
    err = _fails(["report", str(out), "--engine", "duckdb"], capsys)
    assert "neighborhood_pb[columnar]" in err
    err = _fails(["export", str(source), "--format", "parquet", "--out", str(tmp_path)], capsys)
    assert "neighborhood_pb[columnar]" in err
