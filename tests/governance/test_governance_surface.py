"""The governance surface loads lazily and every name resolves, in the package and at the top."""

from __future__ import annotations

import importlib
import json
import os
import pathlib
import subprocess
import sys

import neighborhood_pb
import neighborhood_pb.governance as governance

SRC = pathlib.Path(neighborhood_pb.__file__).parents[1]


def test_lazy_table_and_all_agree_sorted_and_every_name_resolves() -> None:
    assert set(governance.__all__) == set(governance._LAZY)
    for public, module in governance._LAZY.items():
        assert getattr(importlib.import_module(module), public) is getattr(governance, public)

    def group(n: str) -> tuple[int, str]:
        if n.isupper():
            return 0, n
        return (1, n) if n[0].isupper() else (2, n)

    assert governance.__all__ == sorted(governance.__all__, key=group)
    assert neighborhood_pb.Deliberations is governance.Deliberations
    assert neighborhood_pb.TONGHUA_THREE_DELIBERATIONS is governance.TONGHUA_THREE_DELIBERATIONS


def test_importing_the_package_loads_no_governance_module() -> None:
    code = (
        "import neighborhood_pb, neighborhood_pb.governance, json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('neighborhood_pb.gov'))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert json.loads(run.stdout) == ["neighborhood_pb.governance"]
