"""``nbpb report --engine duckdb|spark``: the same document as in memory, or one line and 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from engine_cases import PORTABLE, sample_table

from neighborhood_pb.cli import main
from neighborhood_pb.io.columnar import dataset_tables
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.io.reports import report_document
from neighborhood_pb.metrics import target_findings
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample, sample_text


@pytest.fixture
def street(tmp_path: Path) -> Path:
    path = tmp_path / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_json_document_is_identical_byte_for_byte(name: str) -> None:
    dataset = load_sample(name)
    assert dataset.as_of is not None
    engine = DuckDBEngine(dataset_tables(dataset))
    texts = []
    for table in (
        sample_table(dataset, dataset.as_of),
        engine.compute_metrics(dataset.as_of, metrics=PORTABLE),
    ):
        findings = (*target_findings(table), *table.findings)
        document = report_document(f"{name}.json", table, None, None, findings, "zh")
        texts.append(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2))
    assert texts[0] == texts[1]
    assert '"report_rate"' in texts[0]


@pytest.mark.parametrize("output", ["json", "text"])
def test_the_report_on_duckdb_prints_what_python_prints(
    street: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    printed = []
    for engine in ("python", "duckdb"):
        assert main(["report", str(street), "--engine", engine, "--format", output]) == 0
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1]
    assert "owners_committee_party_share" in printed[0] or "业委会党员比例" in printed[0]


def test_finer_levels_are_refused_in_english(
    street: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--lang", "en", "report", str(street), "--engine", "duckdb", "--level", "grid"]
    assert main(args) == 2
    assert "levels below the community are computed in memory only" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("engine", "module", "extra"),
    [("duckdb", "duckdb", "columnar"), ("spark", "pyspark", "spark"), ("duckdb", "pyarrow", "")],
)
def test_a_missing_engine_names_its_extra(
    street: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    engine: str,
    module: str,
    extra: str,
) -> None:
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)
    for name in ("neighborhood_pb.io.engines.duckdb", "neighborhood_pb.io.engines.spark"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert main(["--lang", "en", "report", str(street), "--engine", engine]) == 2
    err = capsys.readouterr().err
    assert f"needs {module}" in err
    assert f"neighborhood_pb[{extra or 'columnar'}]" in err


def test_the_report_on_spark_prints_what_python_prints(
    spark: Any, street: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["report", str(street), "--format", "json", "--spark-master", "local[1]"]
    assert main([*args, "--engine", "spark"]) == 0
    on_spark = capsys.readouterr().out
    assert main([*args, "--engine", "python"]) == 0
    assert on_spark == capsys.readouterr().out
