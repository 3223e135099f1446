"""DuckDB over a Parquet directory through views, with its configuration; ``nbpb validate``
and ``nbpb report`` take the directory and the DuckDB options."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from engine_cases import assert_same

from neighborhood_pb.cli import main
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar import export_parquet, read_parquet
from neighborhood_pb.io.engines.duckdb import DuckDBConfig, DuckDBEngine
from neighborhood_pb.samples import load_sample


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("street") / "tables"
    export_parquet(load_sample("street"), out)
    return out


def test_views_over_the_files_give_the_figures_of_the_loaded_tables(street: Path) -> None:
    views = DuckDBEngine.from_parquet(street)
    loaded = DuckDBEngine(read_parquet(street))
    kinds = {row[0] for row in views.query("SELECT table_type FROM information_schema.tables")}
    assert kinds == {"VIEW"}
    day = views.facts["as_of"]
    assert_same(loaded.compute_metrics(day), views.compute_metrics(day))
    assert views.compute_metrics(day).value("report_rate").denominator > 0


def test_the_configuration_reaches_duckdb(street: Path) -> None:
    config = DuckDBConfig(memory_limit="512MiB", threads=1)
    engine = DuckDBEngine.from_parquet(street, config, references=False)
    limit, threads, order = engine.query(
        "SELECT current_setting('memory_limit'), current_setting('threads'), "
        "current_setting('preserve_insertion_order')"
    )[0]
    assert (limit, threads, order) == ("512.0 MiB", 1, False)
    assert DuckDBConfig().settings() == {
        "memory_limit": "3GB",
        "preserve_insertion_order": "false",
    }
    assert DuckDBConfig(memory_limit=None).settings() == {"preserve_insertion_order": "false"}


@pytest.mark.parametrize(
    ("setting", "value"), [("memory_limit", "lots"), ("memory_limit", "3"), ("threads", 0)]
)
def test_a_setting_duckdb_cannot_take_is_refused(setting: str, value: object) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        DuckDBConfig(**{setting: value})  # type: ignore[arg-type]
    assert caught.value.rule == "columnar.engine_setting"
    assert caught.value.params == {"setting": setting, "value": str(value)}


def test_a_dangling_id_is_found_in_duckdb_as_in_arrow(street: Path, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    for path in street.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    path = folder / "reports.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[-1]["person_id"] = "NOBODY"
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(path)), path)
    with pytest.raises(InvalidRecordError) as arrow:
        read_parquet(folder)
    with pytest.raises(InvalidRecordError) as duck:
        DuckDBEngine.from_parquet(folder)
    assert (duck.value.params, str(duck.value)) == (arrow.value.params, str(arrow.value))
    assert duck.value.params["row"] == len(rows) - 1
    DuckDBEngine.from_parquet(folder, references=False).close()


def test_report_takes_the_duckdb_options(street: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["report", str(street), "--engine", "duckdb", "--format", "json"]
    assert main(base) == 0
    default = json.loads(capsys.readouterr().out)
    assert main([*base, "--duckdb-memory", "1GB", "--duckdb-threads", "1"]) == 0
    assert json.loads(capsys.readouterr().out) == default
    assert main(["--lang", "en", *base, "--duckdb-memory", "lots"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "setting memory_limit cannot be lots" in captured.err


def test_validate_takes_a_parquet_directory(
    street: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "validate", str(street)]) == 0
    out = capsys.readouterr().out
    title = load_sample("street").title
    assert out.startswith(f"{street}: {title} (Parquet v")
    assert "0 findings" in out
    assert main(["validate", str(street), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["ok"], document["title"], document["findings"]) == (True, title, [])
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "metadata.parquet").write_bytes(b"not parquet at all")
    assert main(["--lang", "en", "validate", str(broken)]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err.count("\n")) == ("", 1)
    assert "cannot read it as Parquet" in captured.err
    (broken / "metadata.parquet").write_bytes((street / "metadata.parquet").read_bytes())
    assert main(["--lang", "en", "validate", str(broken)]) == 2
    assert "table territories is missing" in capsys.readouterr().err
