"""The fairness report and the rotation checks."""

from __future__ import annotations

import pendulum

from neighborhood_pb import ROTATION_CHECKS, DutyRotation, Eligibility, run_rotation_checks
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import Severity
from neighborhood_pb.structure import (
    ChairRotation,
    check_fairness,
    check_vacancies,
    fairness_report,
)

D = pendulum.Date
YEAR = Period(start="2025-01-01", end="2026-01-01")


def rotation(order: str = "ABCD", **kw: object) -> DutyRotation:
    eligibility = kw.pop(
        "eligibility", [Eligibility(person_id=p, period=Period(start="2024-01-01")) for p in order]
    )
    return DutyRotation.create(
        id="duty",
        anchor="2025-01-01",
        term_months=1,
        order=tuple(order),
        eligibility=eligibility,  # type: ignore[arg-type]
    )


def test_report_counts_turns_terms_and_days() -> None:
    rot = rotation()
    rot.swap(D(2025, 1, 1), D(2025, 2, 1))  # A takes February (28 days), B January (31)
    rot.override("C", Period(start="2025-04-01", end="2025-04-21"), "D is away")
    report = fairness_report(rot, YEAR)
    a, b, c, d = (report.count(p) for p in "ABCD")
    assert (a.turns, a.terms, a.days) == (3, 3, 28 + 31 + 30)  # February, May, September
    assert (b.turns, b.terms, b.days) == (3, 3, 31 + 30 + 31)  # January, June, October
    # C covers 20 of April's 30 days: that turn counts as C's, not D's.
    assert (c.turns, c.terms, c.days, c.substitute_days) == (4, 3, 31 + 31 + 30 + 20, 20)
    assert (d.turns, d.terms, d.days, d.substitute_days) == (2, 3, 10 + 31 + 31, 0)
    assert report.count("Z").turns == 0
    assert sum(entry.days for entry in report.counts) == 365
    assert [entry.person_id for entry in report.counts] == list("ABCD")


def test_no_overrides_is_fair_and_repeated_cover_is_not() -> None:
    rot = rotation()
    assert check_fairness(rot, YEAR) == ()
    for month in (1, 5, 9):
        rot.override("B", Period(start=D(2025, month, 1), end=D(2025, month, 25)), "A is away")
    (finding,) = check_fairness(rot, YEAR)
    assert finding.code == "rotation.unfair"
    assert finding.severity is Severity.WARNING
    assert finding.subject == "duty"
    assert "B had 6 turns but A only 0" in finding.message


def test_fairness_is_judged_per_order_and_on_those_eligible_throughout() -> None:
    eligibility = [
        Eligibility(person_id="A", period=Period(start="2024-01-01")),
        Eligibility(person_id="B", period=Period(start="2024-01-01", end="2025-04-01")),
        Eligibility(person_id="C", period=Period(start="2024-01-01")),
    ]
    rot = rotation(order="ABC", eligibility=eligibility)
    rot.reorder(("C", "B", "A"), "2025-07-01")
    assert check_fairness(rot, YEAR) == ()
    assert check_fairness(rot, Period(start="2025-02-15", end="2025-08-10")) == ()


def test_vacancies_are_findings() -> None:
    eligibility = [Eligibility(person_id="A", period=Period(start="2024-01-01", end="2025-03-10"))]
    rot = rotation(order="A", eligibility=eligibility)
    findings = check_vacancies(rot, Period(start="2025-01-01", end="2025-05-01"))
    assert [f.code for f in findings] == ["rotation.vacant"] * 2
    assert "[2025-03-10, 2025-04-01)" in findings[0].message
    assert run_rotation_checks(rot, Period(start="2025-01-01", end="2025-05-01")) == findings
    assert len(ROTATION_CHECKS) == 2


def test_checks_work_for_the_chair_too() -> None:
    eligibility = [Eligibility(person_id=p, period=Period(start="2024-01-01")) for p in "AB"]
    rot = ChairRotation.create(
        id="chair",
        order=("A", "B"),
        eligibility=eligibility,
        meetings=[D(2025, m, 10) for m in range(1, 13)],
    )
    assert run_rotation_checks(rot, YEAR) == ()
    for month in (1, 3, 5):
        rot.override("B", D(2025, month, 10), "A is away")
    report = fairness_report(rot, YEAR)
    assert (report.count("A").turns, report.count("B").turns) == (3, 9)
    assert [f.code for f in run_rotation_checks(rot, YEAR)] == ["rotation.unfair"]


def test_report_clips_to_the_horizon_and_small_covers_keep_the_turn() -> None:
    eligibility = [
        Eligibility(person_id="A", period=Period(start="2024-01-01")),
        Eligibility(person_id="B", period=Period(start="2024-01-01")),
        Eligibility(person_id="C", period=Period(start="2024-01-01", end="2025-02-01")),
    ]
    rot = rotation(order="ABC", eligibility=eligibility)
    rot.override("B", Period(start="2025-01-01", end="2025-01-10"), "A away")
    rot.override("C", Period(start="2025-01-10", end="2025-01-20"), "A away")
    assert fairness_report(rot, Period(start="2025-01-01", end="2025-02-01")).count("A").turns == 1
    # A horizon starting mid-January: January is not counted as a turn, only its days.
    report = fairness_report(rot, Period(start="2025-01-15", end="2025-04-01"))
    a, b, c = (report.count(p) for p in "ABC")
    assert (a.turns, a.days) == (1, 12 + 31)  # from 20 January, and March
    assert (b.turns, b.days) == (1, 28)
    assert (c.turns, c.days, c.substitute_days) == (0, 5, 5)
    assert sum(e.days for e in report.counts) == 17 + 28 + 31


def test_report_leaves_vacant_terms_uncounted() -> None:
    eligibility = [Eligibility(person_id="A", period=Period(start="2025-03-01"))]
    rot = rotation(order="A", eligibility=eligibility)
    report = fairness_report(rot, Period(start="2025-01-01", end="2025-05-01"))
    assert report.counts == (report.count("A"),)
    assert (report.count("A").turns, report.count("A").terms, report.count("A").days) == (2, 2, 61)
