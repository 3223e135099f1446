"""The co-building surface: lazy re-exports from cobuild, governance and the root package."""

from __future__ import annotations

import importlib
import json
import os
import pathlib
import subprocess
import sys

import neighborhood_pb
import neighborhood_pb.governance
import neighborhood_pb.governance.cobuild as cobuild

SRC = pathlib.Path(neighborhood_pb.__file__).parents[1]


def test_every_name_resolves_and_all_is_sorted() -> None:
    table: dict[str, str] = cobuild._LAZY
    assert set(cobuild.__all__) == set(table)
    for name, module in table.items():
        assert getattr(cobuild, name) is getattr(importlib.import_module(module), name)
        assert getattr(neighborhood_pb.governance, name) is getattr(cobuild, name)
    root = [name for name in cobuild.__all__ if name in neighborhood_pb.__all__]
    assert {"FourLists", "Partnerships", "match", "check_cobuild"} <= set(root)
    for name in root:
        assert getattr(neighborhood_pb, name) is getattr(cobuild, name)

    def group(n: str) -> tuple[int, str]:
        if n.isupper():
            return 0, n
        return (1, n) if n[0].isupper() else (2, n)

    assert cobuild.__all__ == sorted(cobuild.__all__, key=group)
    assert set(cobuild.__all__) <= set(dir(cobuild))


def test_importing_the_package_loads_none_of_its_modules() -> None:
    code = (
        "import neighborhood_pb.governance.cobuild, json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('neighborhood_pb'))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    loaded = json.loads(run.stdout)
    assert "neighborhood_pb.governance.cobuild" in loaded
    assert not [m for m in loaded if m.startswith("neighborhood_pb.governance.cobuild.")]
