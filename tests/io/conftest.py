"""One Spark session for the whole run, and under CI no Spark test may be skipped."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

_SKIPPED_SPARK: list[str] = []


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local Spark session (local[2], no UI, UTC, two shuffle partitions), shared by every
    Spark test; skipped when pyspark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.skip("pyspark is not installed (extra: spark)")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: Spark needs a JVM")
    from neighborhood_pb.io.engines.spark import spark_session

    session = spark_session()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "spark" in report.nodeid:
        _SKIPPED_SPARK.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under ``CI=true`` a skipped Spark test fails the run: CI must test the real engine."""
    if os.environ.get("CI") == "true" and _SKIPPED_SPARK:
        print(f"\nCI: Spark tests were skipped: {', '.join(_SKIPPED_SPARK)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
