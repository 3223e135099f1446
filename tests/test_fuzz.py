"""Fuzzing ``nbpb``: mutated datasets through every subcommand that reads one (``validate``,
``report``, ``demo FILE``).

A mutation changes a value's type, puts a boundary number, date or hostile text in its place,
deletes a field, repeats a list item (duplicated ids) or points a reference at nothing; a case
stacks up to four. Whatever the input, ``nbpb`` answers with a status it documents: 0 or 1
with a report, or 2 with exactly one line on standard error. An internal error (status 3) or
an exception escaping ``main`` fails the test. The thorough profile runs 2,000 cases
and draws each place a mutation hits from every place in the bundled sample.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborhood_pb.cli import main
from neighborhood_pb.samples import sample_text

THOROUGH = os.environ.get("NBPB_HYPOTHESIS_PROFILE") == "thorough"
CASES = 2_000 if THOROUGH else 60

Path_ = tuple[str | int, ...]

HOSTILE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.5,
    99_999,
    10**17,
    -(10**17),
    2**63,
    10**18,
    1e308,
    "",
    " ",
    "\u200b\ufeff",
    "\x1b[2J0 errors",
    "\u202e",
    "x" * 2_000,
    "0001-01-01",
    "1899-12-31",
    "2026-02-30",
    "9999-12-31",
    "2026-01-01T00:00:00",
    "9999-12-31T23:59:59+14:00",
    "13900000101",
    13900000101,
    "NOPE",
    [],
    {},
    [None],
    {"id": "NOPE"},
)


def _paths(value: Any, at: Path_ = ()) -> Iterator[Path_]:
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*at, index))


def _resolve(document: Any, path: Path_) -> tuple[Any, str | int]:
    """The parent and the key of ``path`` in ``document``, or of its deepest step still
    there when an earlier mutation deleted, moved or replaced what lay below."""
    parent, key = document, path[0]
    for step in path[1:]:
        child = parent[key]
        in_dict = isinstance(child, dict) and step in child
        in_list = isinstance(child, list) and isinstance(step, int) and step < len(child)
        if not (in_dict or in_list):
            break
        parent, key = child, step
    return parent, key


def _mutate(document: Any, path: Path_, data: st.DataObject) -> Any:
    if path[0] not in document:  # an earlier mutation deleted the whole section
        return document
    parent, key = _resolve(document, path)
    kind = data.draw(st.sampled_from(["replace", "delete", "repeat", "dangle"]), label="kind")
    if kind == "replace":
        parent[key] = copy.deepcopy(data.draw(st.sampled_from(HOSTILE), label="value"))
    elif kind == "delete":
        del parent[key]
    elif kind == "repeat" and isinstance(parent, list):
        parent.insert(int(key), copy.deepcopy(parent[key]))
    elif isinstance(parent[key], str):  # dangle: a reference to nothing
        parent[key] = parent[key] + "-missing"
    else:
        parent[key] = data.draw(st.text(max_size=8), label="text")
    return document


TEXTS = {name: sample_text(name) for name in ("street", "community")}
SAMPLES = {name: json.loads(text) for name, text in TEXTS.items()}
PATHS = {name: [path for path in _paths(sample) if path] for name, sample in SAMPLES.items()}
"""Every place in each sample a mutation may hit, listed once: a case draws its places
from the sample as bundled and parses a fresh copy (cheaper than copying it deeply)."""


def _run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, err.getvalue()


@settings(
    max_examples=CASES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_datasets_never_break_nbpb(data: st.DataObject, tmp_path: Path) -> None:
    name = data.draw(st.sampled_from(sorted(SAMPLES)), label="sample")
    document = json.loads(TEXTS[name])
    places = st.sampled_from(PATHS[name])
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        document = _mutate(document, data.draw(places, label="path"), data)
    path = tmp_path / "fuzzed.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8", errors="replace")
    command = data.draw(st.sampled_from(["validate", "report", "demo"]), label="command")
    status, err = _run([command, str(path)])
    assert status in (0, 1, 2), err
    if status == 2:
        assert err.count("\n") == 1, err
        assert err.startswith(f"nbpb {command}: ")
    else:
        assert err == ""


# == bounded cost ===========================================================================

LIMIT_BYTES = 1 << 30  # 1 GiB of address space for one run
LIMIT_SECONDS = 60


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def _huge(document: dict[str, Any]) -> str:
    for territory in document["structure"]["territories"]:
        territory["households"] = 10**17
    return json.dumps(document, ensure_ascii=False)


def _deep(document: dict[str, Any]) -> str:
    document["description"] = "DEEP"
    nested = "[" * 100_000 + '"x"' + "]" * 100_000
    return json.dumps(document, ensure_ascii=False).replace('"DEEP"', nested, 1)


def _wide(document: dict[str, Any]) -> str:
    document["structure"]["people"] *= 200
    return json.dumps(document, ensure_ascii=False)


@pytest.mark.parametrize("write", [_huge, _deep, _wide])
def test_a_run_stays_within_a_gigabyte_and_a_minute(tmp_path: Path, write: Any) -> None:
    path = tmp_path / "big.json"
    path.write_text(write(copy.deepcopy(SAMPLES["street"])), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "neighborhood_pb.cli", "report", str(path)],
        capture_output=True,
        timeout=LIMIT_SECONDS,
        preexec_fn=_limited,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count(b"\n") == 1
