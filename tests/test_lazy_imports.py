"""The public surface loads lazily (PEP 562): one import, every name, nothing heavy up front."""

import importlib
import json
import os
import pathlib
import subprocess
import sys
import types

import pytest

import neighborhood_pb
import neighborhood_pb.errors.surface

LAZY_PACKAGES = (
    "neighborhood_pb",
    "neighborhood_pb.calendar",
    "neighborhood_pb.errors",
    "neighborhood_pb.io.reports",
    "neighborhood_pb.metrics",
    "neighborhood_pb.points",
    "neighborhood_pb.structure",
)
AGGREGATE_PACKAGES = ("structure", "points", "metrics", "dataset", "io")
SRC = pathlib.Path(neighborhood_pb.__file__).parents[1]


def _fresh_modules(statement: str) -> list[str]:
    """The package modules loaded by ``statement`` in a fresh interpreter."""
    code = (
        f"{statement}\nimport json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('neighborhood_pb'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    loaded: list[str] = json.loads(run.stdout)
    return loaded


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_lazy_table_and_all_agree_and_every_name_resolves(name: str) -> None:
    package = importlib.import_module(name)
    table: dict[str, str] = package._LAZY
    exported = set(package.__all__) - {"__version__"}
    assert exported == set(table)
    assert len(package.__all__) == len(set(package.__all__))
    for public, module in table.items():
        value = getattr(package, public)
        assert getattr(importlib.import_module(module), public) is value
    assert set(package.__all__) <= set(dir(package))


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_all_is_sorted_constants_classes_then_functions(name: str) -> None:
    names = importlib.import_module(name).__all__

    def group(n: str) -> tuple[int, str]:
        if n.isupper():
            return 0, n
        return (1, n) if n[0].isupper() else (2, n)

    assert names == sorted(names, key=group)


def test_every_public_name_is_importable_from_the_package() -> None:
    namespace: dict[str, object] = {}
    exec("from neighborhood_pb import *", namespace)
    assert set(neighborhood_pb.__all__) <= set(namespace)
    assert namespace["OrgTree"] is importlib.import_module("neighborhood_pb.structure.tree").OrgTree


def test_unknown_names_raise_attribute_error_and_submodules_still_load() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = neighborhood_pb.no_such_name
    with pytest.raises(AttributeError, match="_private"):
        _ = neighborhood_pb._private
    assert isinstance(neighborhood_pb.metrics, types.ModuleType)
    assert neighborhood_pb.metrics.passes.COMPUTED


def test_importing_the_package_loads_no_submodule() -> None:
    # Only the surface's own plumbing, which every lazy __init__ shares, is loaded.
    assert _fresh_modules("import neighborhood_pb") == [
        "neighborhood_pb",
        "neighborhood_pb.errors",
        "neighborhood_pb.errors.surface",
    ]


def test_importing_errors_loads_no_aggregate() -> None:
    loaded = _fresh_modules("import neighborhood_pb.errors")
    assert "neighborhood_pb.errors" in loaded
    heavy = [m for m in loaded if m.split(".")[1:2] and m.split(".")[1] in AGGREGATE_PACKAGES]
    assert heavy == []


def test_one_name_loads_only_what_it_needs() -> None:
    loaded = _fresh_modules("from neighborhood_pb import Period")
    assert "neighborhood_pb.calendar.periods" in loaded
    assert not {"neighborhood_pb.calendar.china", "neighborhood_pb.dataset"} & set(loaded)
    assert not [m for m in loaded if m.startswith("neighborhood_pb.structure")]


SUBMODULES = {
    "neighborhood_pb": "ratio",
    "neighborhood_pb.calendar": "workdays",
    "neighborhood_pb.errors": "registry",
    "neighborhood_pb.io.reports": "model",
    "neighborhood_pb.metrics": "passes",
    "neighborhood_pb.points": "ranking",
    "neighborhood_pb.structure": "rules",
}


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_module_getattr_loads_submodules_and_refuses_unknown_names(name: str) -> None:
    package = importlib.import_module(name)
    submodule = package.__getattr__(SUBMODULES[name])
    assert submodule is importlib.import_module(f"{name}.{SUBMODULES[name]}")
    with pytest.raises(AttributeError, match="not_a_name"):
        package.__getattr__("not_a_name")
    with pytest.raises(AttributeError, match="_hidden"):
        package.__getattr__("_hidden")


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_a_missing_dependency_inside_a_submodule_is_not_hidden(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = importlib.import_module(name)

    def missing(module: str) -> types.ModuleType:
        raise ModuleNotFoundError("No module named 'absent_dependency'", name="absent_dependency")

    monkeypatch.setattr(neighborhood_pb.errors.surface.importlib, "import_module", missing)
    with pytest.raises(ModuleNotFoundError, match="absent_dependency"):
        package.__getattr__("some_submodule")
