"""Every error pickles: it crosses process boundaries (worker pools, Spark executors)."""

import importlib
import pickle
import pkgutil

import pytest

import neighborhood_pb
from neighborhood_pb.dataset.build import DatasetRecordError
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.io.store import StoreRowError


def _library_errors() -> list[type[NeighborhoodPBError]]:
    for module in pkgutil.walk_packages(neighborhood_pb.__path__, "neighborhood_pb."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: list[type[NeighborhoodPBError]] = []
    pending = [NeighborhoodPBError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


ERRORS = _library_errors()


def test_the_walk_sees_the_library_errors() -> None:
    names = {cls.__name__ for cls in ERRORS}
    assert {"StoreUnavailableError", "StoreRowError", "StructuringError"} <= names
    assert len(ERRORS) >= 15


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.__name__)
def test_each_error_class_survives_a_pickle_round_trip(cls: type[NeighborhoodPBError]) -> None:
    error = cls.__new__(cls, "楼栋党小组 QS-B1 已存在")
    error.args = ("楼栋党小组 QS-B1 已存在",)
    error.subject, error.rule, error.params = "QS-B1", "org.duplicate_id", {"count": 3}
    error.locate("orgs", 7)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert copy.args == error.args
    assert vars(copy) == vars(error)
    assert repr(copy) == repr(error)


def test_errors_built_by_their_constructors_round_trip() -> None:
    cause = StructuringError("not a date", path="$.orgs[3].period.start", subject="QS-P22")
    row = StoreRowError("ledger_entries", 12, cause)
    refused = DatasetRecordError(cause, path="$.structure.orgs[3]")
    copy = pickle.loads(pickle.dumps(refused))
    assert (str(copy), copy.path, str(copy.error)) == (str(refused), refused.path, str(cause))
    copy = pickle.loads(pickle.dumps(cause))
    assert (type(copy), str(copy), vars(copy)) == (type(cause), str(cause), vars(cause))
    copy = pickle.loads(pickle.dumps(row))
    assert (type(copy), str(copy), copy.params) == (type(row), str(row), row.params)
    assert (copy.table, copy.row, copy.subject) == ("ledger_entries", 12, "QS-P22")
    assert str(copy.error) == str(cause)
    assert copy.error.path == "$.orgs[3].period.start"
