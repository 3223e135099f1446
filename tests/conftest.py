"""Test configuration: hypothesis profiles chosen by NBPB_HYPOTHESIS_PROFILE."""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "fast", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI's profile: 300 examples of each property (a test that costs more per example bounds its
# own count), and a failure prints the blob that replays it (@reproduce_failure).
settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("NBPB_HYPOTHESIS_PROFILE", "fast"))


# -- PostgreSQL store tests: run when NBPB_TEST_POSTGRES_URL is set, and say so when not ------

_POSTGRES_TESTS = {"passed": 0, "skipped": 0}
_BROWSER_TESTS = {"passed": 0, "skipped": 0}


def _count(counts: dict[str, int], report: pytest.TestReport) -> None:
    if report.outcome == "skipped":
        counts["skipped"] += 1
    elif report.when == "call" and report.outcome == "passed":
        counts["passed"] += 1


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the PostgreSQL store tests and the browser tests that passed and were skipped."""
    if "[postgresql" in report.nodeid:
        _count(_POSTGRES_TESTS, report)
    if "browser" in report.keywords:
        _count(_BROWSER_TESTS, report)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI with a server named, fail the run when a PostgreSQL test did not run; write
    the count to NBPB_TEST_POSTGRES_REPORT when it names a file (``.ci/run`` checks it)."""
    browser_report = os.environ.get("NBPB_TEST_BROWSER_REPORT")
    if browser_report:
        with open(browser_report, "w", encoding="utf-8") as stream:
            stream.write(f"{_BROWSER_TESTS['passed']} {_BROWSER_TESTS['skipped']}\n")
    report = os.environ.get("NBPB_TEST_POSTGRES_REPORT")
    if report:
        with open(report, "w", encoding="utf-8") as stream:
            stream.write(f"{_POSTGRES_TESTS['passed']} {_POSTGRES_TESTS['skipped']}\n")
    if os.environ.get("CI") == "true" and _BROWSER_TESTS["skipped"] and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    required = os.environ.get("CI") == "true" and os.environ.get("NBPB_TEST_POSTGRES_URL")
    if required and _POSTGRES_TESTS["skipped"] and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line saying whether the PostgreSQL store tests ran, one for the browser tests."""
    write_line = terminalreporter.write_line
    if _BROWSER_TESTS["skipped"]:
        write_line(
            f"Browser tests skipped ({_BROWSER_TESTS['skipped']}): they need Chromium "
            "(apt-get install chromium; NBPB_TEST_CHROMIUM names another binary) and playwright"
        )
    elif _BROWSER_TESTS["passed"]:
        write_line(f"Browser tests (headless Chromium): {_BROWSER_TESTS['passed']} passed")
    if os.environ.get("NBPB_TEST_POSTGRES_URL"):
        passed, skipped = _POSTGRES_TESTS["passed"], _POSTGRES_TESTS["skipped"]
        write_line(f"PostgreSQL store tests: {passed} passed, {skipped} skipped")
    elif _POSTGRES_TESTS["skipped"]:
        write_line(
            f"PostgreSQL store tests skipped ({_POSTGRES_TESTS['skipped']}): set "
            "NBPB_TEST_POSTGRES_URL=postgresql://USER@HOST:PORT/DB to run them (.ci/run does)"
        )
