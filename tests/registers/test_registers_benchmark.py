"""The register import benchmark runs at small sizes too, and prints the target with both
figures and their ratio."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from neighborhood_pb.synthetic import generate_city

_SCRIPT = Path(__file__).parents[2] / "benchmarks" / "registers_import.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("registers_import_benchmark", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("members", [1, 7, 2_000, 100_000])
def test_the_benchmark_city_nests_at_every_size(members: int) -> None:
    scale = _benchmark().city_scale(members)
    assert scale.members == members
    assert scale.compounds <= scale.buildings <= scale.households
    assert scale.central_households <= scale.households


def test_a_small_benchmark_runs_and_prints_the_target(capsys: pytest.CaptureFixture[str]) -> None:
    members = 2_000
    city = generate_city(_benchmark().city_scale(members), seed=1)
    assert len(city.structure.people) == members
    assert _benchmark().main(["--members", str(members), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert f"workbook: {members:,} members" in out
    target = out.splitlines()[-1]
    assert target.startswith("target: at most 5 s for 100,000 members; ours ")
    assert "openpyxl " in target
    assert "ratio " in target
    assert target.endswith("not judged below 100,000 members")
