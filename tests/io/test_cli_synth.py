"""``nbpb synth``: the streaming generator writes a directory that ``nbpb validate`` and
``nbpb report --engine duckdb`` take; bad counts and directories are refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from test_columnar_synthetic import TINY as TINY_SHAPE

from neighborhood_pb.cli import main
from neighborhood_pb.io.columnar import read_parquet, write_synthetic_parquet

SHAPE = TINY_SHAPE
TINY = ",".join(f"{name}={count}" for name, count in attrs.asdict(SHAPE).items())


def _fails(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err.count("\n")) == ("", 1)
    return captured.err


def test_synth_writes_what_the_generator_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli"
    args = ["--lang", "en", "synth", "--times", "2", "--shape", TINY, "--seed", "4"]
    assert main([*args, "--out", str(out)]) == 0
    line = capsys.readouterr().out
    assert line.startswith(f"{out}: 2 chunk(s), ")
    assert line.endswith("as of 2025-06-30\n")
    written = write_synthetic_parquet(tmp_path / "api", times=2, shape=SHAPE, seed=4)
    assert f"{sum(written.rows.values()):,} rows" in line
    theirs, ours = read_parquet(tmp_path / "api"), read_parquet(out)
    assert all(ours[name].equals(theirs[name]) for name in theirs if name != "metadata")
    assert ours["territories"].num_rows == 2 * SHAPE.territories
    assert main(["validate", str(out)]) == 0
    capsys.readouterr()
    assert main(["report", str(out), "--engine", "duckdb", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2025-06-30"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--shape", "grids=1"], "grids (1) fewer than communities (232)"),
        (["--shape", "towers=3"], "'towers=3' is not COUNT=N"),
        (["--shape", "streets=0"], "'streets=0' is not COUNT=N"),
        (["--times", "0", "--shape", TINY], "times must be a positive whole number"),
        (["--national", "--shape", TINY], "not the nation's"),
    ],
)
def test_bad_counts_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], said: str
) -> None:
    err = _fails(["--lang", "en", "synth", *extra, "--out", str(tmp_path / "x")], capsys)
    assert said in err
    assert not (tmp_path / "x" / "metadata.parquet").exists()


def test_an_unwritable_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    err = _fails(["synth", "--shape", TINY, "--out", str(blocker / "out")], capsys)
    assert "无法写入" in err
