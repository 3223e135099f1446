"""Progress on long work: the protocol, the operations that report to it, and the bars that
``nbpb`` draws on a terminal only (a pseudo-terminal here), never on a pipe or with --quiet."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pytest

from neighborhood_pb.io.progress import (
    DELAY_VARIABLE,
    NO_PROGRESS,
    progress_delay,
    stage,
    terminal_progress,
    tracked,
)
from neighborhood_pb.io.progress_tqdm import TqdmProgress
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.testing.progress import RecordingProgress as Recorder

SRC = Path(__file__).resolve().parents[2] / "src"


def _complete(recorder: Recorder) -> None:
    assert recorder.tasks
    for task in recorder.tasks:
        assert task.complete, task


def test_tracked_counts_each_item_and_closes() -> None:
    recorder = Recorder()
    assert list(tracked(recorder, "abc", "letters", 3)) == ["a", "b", "c"]
    assert [(t.label, t.steps, t.closed) for t in recorder.tasks] == [("letters", 3, True)]
    assert list(tracked(NO_PROGRESS, range(4), "quiet")) == [0, 1, 2, 3]


def test_a_stage_that_fails_still_closes_its_task() -> None:
    recorder = Recorder()
    with pytest.raises(ZeroDivisionError), stage(recorder, "dividing"):
        _ = 1 // 0
    (task,) = recorder.tasks
    assert (task.steps, task.closed) == (0, True)


def test_no_bars_off_a_terminal_or_when_quiet(tmp_path: Path) -> None:
    assert terminal_progress(io.StringIO()) is NO_PROGRESS
    with open(tmp_path / "log", "w", encoding="utf-8") as stream:
        assert terminal_progress(stream) is NO_PROGRESS
    closed = io.StringIO()
    closed.close()
    assert terminal_progress(closed) is NO_PROGRESS
    primary, secondary = pty.openpty()
    try:
        with open(secondary, "w", encoding="utf-8", closefd=False) as terminal:
            assert isinstance(terminal_progress(terminal), TqdmProgress)
            assert terminal_progress(terminal, quiet=True) is NO_PROGRESS
    finally:
        os.close(primary)
        os.close(secondary)


@pytest.mark.parametrize(
    ("text", "delay"), [("", 1.0), ("0", 0.0), ("2.5", 2.5), ("-1", 1.0), ("soon", 1.0)]
)
def test_delay_from_the_environment(text: str, delay: float) -> None:
    assert progress_delay({DELAY_VARIABLE: text}) == delay


def test_tqdm_bars_draw_and_go() -> None:
    stream = io.StringIO()
    progress = TqdmProgress(stream, delay=0.0)
    for _ in tracked(progress, range(3), "rows", 3):
        pass
    assert "rows" in stream.getvalue()


def test_parquet_export_and_synthetic_report_each_table(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from neighborhood_pb.io.columnar.parquet import export_parquet
    from neighborhood_pb.io.columnar.shapes import CityShape
    from neighborhood_pb.io.columnar.synthetic import write_synthetic_parquet

    recorder = Recorder()
    written = export_parquet(load_sample("community"), tmp_path / "out", progress=recorder)
    _complete(recorder)
    assert recorder.tasks[0].total == len(written)
    recorder = Recorder()
    shape = CityShape(
        streets=1,
        communities=2,
        grids=3,
        compounds=3,
        buildings=4,
        households=10,
        members=6,
        central_households=2,
    )
    made = write_synthetic_parquet(tmp_path / "synthetic", times=2, shape=shape, progress=recorder)
    _complete(recorder)
    assert recorder.tasks[0].total == made.chunks == 2


def test_synthetic_city_reports_each_member() -> None:
    from neighborhood_pb.synthetic import CityScale, generate_city

    scale = CityScale(
        streets=1,
        communities=2,
        grids=3,
        compounds=3,
        buildings=4,
        households=10,
        members=7,
        central_households=2,
    )
    recorder = Recorder()
    city = generate_city(scale, seed=3, progress=recorder)
    _complete(recorder)
    assert recorder.tasks[0].total == len(city.structure.people) == 7
    assert city == generate_city(scale, seed=3)  # the same records with or without progress


def test_store_save_and_load_report_each_table(tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy")
    from neighborhood_pb.io.store.schema import RECORD_TABLES
    from neighborhood_pb.io.store.store import Store

    dataset = load_sample("street")
    with Store(f"sqlite:///{tmp_path / 'city.db'}") as store:
        saving = Recorder()
        store.save(dataset, progress=saving)
        loading = Recorder()
        assert store.load(progress=loading) == dataset
        building = Recorder()
        store.build(progress=building)
    for recorder in (saving, loading, building):
        _complete(recorder)
    assert saving.tasks[0].total == len(RECORD_TABLES)
    assert loading.tasks[0].total == len(RECORD_TABLES) + 1  # and the ledger


def test_register_import_and_export_report_each_file_and_sheet(tmp_path: Path) -> None:
    from neighborhood_pb.io.registers import export_registers, read_registers
    from neighborhood_pb.io.registers.read import read_files

    street = load_sample("street")
    workbook = export_registers(street, tmp_path / "street.xlsx")
    recorder = Recorder()
    read = read_registers(
        [workbook], title="t", schema=street.schema, as_of=street.as_of, progress=recorder
    )
    assert read.dataset is not None
    _complete(recorder)
    assert recorder.tasks[0].total == 1
    exporting = Recorder()
    export_registers(street, tmp_path / "again.xlsx", progress=exporting)
    _complete(exporting)
    assert exporting.tasks[0].total == len(read_files([workbook])[0])


# -- nbpb on a pseudo-terminal ---------------------------------------------------------------


def _nbpb(args: list[str], *, terminal: bool) -> tuple[bytes, bytes]:
    """Run ``nbpb ARGS``: standard output to a pipe, standard error to a pseudo-terminal (or a
    pipe); returns both, each read to its end, within 120 seconds."""
    env = {**os.environ, DELAY_VARIABLE: "0", "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "neighborhood_pb.cli", *args]
    if not terminal:
        done = subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
        return done.stdout, done.stderr
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    # standard output goes to a file: a pipe nobody reads while the terminal is read would
    # stall the child once it fills (64 KiB), and the loop below would wait out its deadline
    with (
        tempfile.TemporaryFile() as stdout,
        subprocess.Popen(command, stdout=stdout, stderr=secondary, env=env) as child,
    ):
        os.close(secondary)
        err = bytearray()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 1.0)
            if not ready:
                if child.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        child.wait(timeout=10)
        stdout.seek(0)
        out = stdout.read()
    os.close(primary)
    return out, bytes(err)


@pytest.mark.parametrize("command", ["validate", "report"])
def test_bars_on_a_terminal_only_and_stdout_unchanged(tmp_path: Path, command: str) -> None:
    path = tmp_path / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    args = ["--lang", "en", command, str(path), "--format", "json"]
    piped_out, piped_err = _nbpb(args, terminal=False)
    bar_out, bar_err = _nbpb(args, terminal=True)
    quiet_out, quiet_err = _nbpb(["--quiet", *args], terminal=True)
    after_out, after_err = _nbpb([*args, "-q"], terminal=True)
    assert piped_out.startswith(b"{")
    assert piped_out == bar_out == quiet_out == after_out
    assert b"reading" in bar_err
    assert b"it/s" in bar_err or b"%" in bar_err
    for silent in (piped_err, quiet_err, after_err):
        assert b"reading" not in silent
        assert b"%" not in silent
