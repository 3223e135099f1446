"""``nbpb demo FILE``: the demo on the user's own dataset, and files it cannot use."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample, sample_text

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_file_is_shown_as_its_sample_is(capsys: Capture, tmp_path: Path, name: str) -> None:
    path = write(tmp_path, f"{name}.json", sample_text(name))
    status, out, err = run(capsys, "demo", path, "--lang", "en")
    assert (status, err) == (0, "")
    assert run(capsys, "demo", "--sample", name, "--lang", "en") == (0, out, "")
    assert load_sample(name).title in out


def test_no_file_shows_the_first_sample(capsys: Capture) -> None:
    status, out, _ = run(capsys, "demo")
    assert status == 0
    assert run(capsys, "demo", "--sample", SAMPLE_NAMES[0]) == (0, out, "")


def test_a_masked_file_is_shown_as_the_complete_one(capsys: Capture, tmp_path: Path) -> None:
    masked = write(tmp_path, "masked.json", dumps_dataset(load_sample("community")))
    status, out, err = run(capsys, "demo", masked)
    assert (status, err) == (0, "")
    assert run(capsys, "demo", "--sample", "community") == (0, out, "")  # phones always masked


def test_the_file_and_as_of(capsys: Capture, tmp_path: Path) -> None:
    path = write(tmp_path, "street.json", sample_text("street"))
    status, out, _ = run(capsys, "demo", path, "--as-of", "2024-01-01")
    assert status == 0
    assert "数据日期：  2024年1月1日" in out


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "neighborhood_pb.dataset",', "not JSON"),
        ('{"format": "something.else", "version": 1}', "not a neighborhood_pb dataset"),
        ("[]", "expected an object (a dataset)"),
    ],
)
def test_a_malformed_file_exits_two(capsys: Capture, tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, "bad.json", text)
    status, out, err = run(capsys, "demo", path, "--lang", "en")
    assert (status, out) == (2, "")
    assert err.startswith(f"nbpb demo: {path}: not a valid dataset: ")
    assert words in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_a_missing_file_or_a_folder_exits_two(capsys: Capture, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    assert run(capsys, "demo", missing) == (2, "", f"nbpb demo: {missing}：文件不存在\n")
    status, out, err = run(capsys, "demo", str(tmp_path))
    assert (status, out) == (2, "")
    assert "是目录" in err


def test_an_undated_file_needs_as_of(capsys: Capture, tmp_path: Path) -> None:
    undated = attrs.evolve(load_sample("street"), as_of=None)
    path = write(tmp_path, "undated.json", dumps_dataset(undated, redact_personal=False))
    status, out, err = run(capsys, "demo", path)
    assert (status, out) == (2, "")
    assert "数据集没有数据日期（as_of），请用 --as-of DATE 给出" in err
    status, out, _ = run(capsys, "demo", path, "--as-of", "2026-11-01")
    assert status == 0
    assert "数据日期：  2026年11月1日" in out


def test_a_record_the_tree_refuses_exits_two(capsys: Capture, tmp_path: Path) -> None:
    text = sample_text("community").replace('"parent_id": "QS-GC"', '"parent_id": "QS-NONE"', 1)
    assert text != sample_text("community")
    path = write(tmp_path, "dangling.json", text)
    status, out, err = run(capsys, "demo", path, "--lang", "en")
    assert (status, out) == (2, "")
    assert "not a valid dataset: $.structure" in err


def test_a_file_and_a_sample_together_are_a_usage_error(capsys: Capture, tmp_path: Path) -> None:
    status, out, err = run(capsys, "demo", str(tmp_path / "x.json"), "--sample", "street")
    assert (status, out) == (2, "")
    assert "不能与参数 FILE 同时使用" in err
