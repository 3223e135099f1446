"""The error hierarchy, its messages, and findings."""

import pickle

import pytest

from neighborhood_pb.errors import (
    CalendarDataError,
    ConflictError,
    Finding,
    IntegrityError,
    InvalidRecordError,
    NeighborhoodPBError,
    NotAuthorisedError,
    RuleViolationError,
    Severity,
    StructuringError,
    UnknownRecordError,
)

BUILT_INS = [
    (InvalidRecordError, ValueError),
    (UnknownRecordError, KeyError),
    (ConflictError, ValueError),
    (RuleViolationError, ValueError),
    (NotAuthorisedError, PermissionError),
    (IntegrityError, ValueError),
    (CalendarDataError, LookupError),
    (StructuringError, ValueError),
]


@pytest.mark.parametrize(("error", "built_in"), BUILT_INS)
def test_each_error_is_ours_and_the_fitting_built_in(
    error: type[NeighborhoodPBError], built_in: type[Exception]
) -> None:
    assert issubclass(error, NeighborhoodPBError)
    assert issubclass(error, built_in)
    with pytest.raises(built_in):
        raise error("boom")


@pytest.mark.parametrize(
    ("error", "built_in"), [b for b in BUILT_INS if b[0] is not StructuringError]
)
def test_str_names_subject_and_rule(error: type[NeighborhoodPBError], built_in: type) -> None:
    exc = error("the branch is too small", subject="B-7", rule="branch.min")
    assert exc.subject == "B-7"
    assert exc.rule == "branch.min"
    assert str(exc) == "the branch is too small [B-7] (rule: branch.min)"


def test_str_does_not_repeat_what_the_message_already_says() -> None:
    exc = RuleViolationError("organisation B-7 breaks branch.min", subject="B-7", rule="branch.min")
    assert str(exc) == "organisation B-7 breaks branch.min"


def test_str_without_subject_or_rule_is_the_message() -> None:
    assert str(NeighborhoodPBError("plain")) == "plain"
    assert NeighborhoodPBError("plain").subject == ""
    assert NeighborhoodPBError("plain").rule == ""


def test_str_of_an_error_without_arguments_is_empty() -> None:
    exc = ConflictError("x", subject="S", rule="r")
    exc.args = ()
    assert str(exc) == "[S] (rule: r)"


def test_unknown_record_error_is_not_quoted_like_key_error() -> None:
    exc = UnknownRecordError("no person P-1", subject="P-1", rule="reference.exists")
    assert str(exc) == "no person P-1 (rule: reference.exists)"
    assert not str(exc).startswith("'")


def test_structuring_error_carries_path_and_fixed_rule() -> None:
    exc = StructuringError("not a date", path="$.orgs[3].period.start", subject="O3")
    assert exc.path == "$.orgs[3].period.start"
    assert exc.rule == "structure"
    assert exc.subject == "O3"
    assert str(exc) == "$.orgs[3].period.start: not a date"
    assert StructuringError("bad").path == "$"


def test_errors_survive_pickling_with_subject_rule_and_path() -> None:
    exc = pickle.loads(pickle.dumps(InvalidRecordError("bad record", subject="R", rule="r.x")))
    assert isinstance(exc, InvalidRecordError)
    assert (exc.subject, exc.rule, str(exc)) == ("R", "r.x", "bad record [R] (rule: r.x)")
    structuring = pickle.loads(pickle.dumps(StructuringError("bad", path="$.x")))
    assert str(structuring) == "$.x: bad"


def test_severity_rank_orders_errors_first() -> None:
    assert [s.rank for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)] == [0, 1, 2]
    assert {s.value for s in Severity} == {"error", "warning", "info"}


def _finding(code: str, severity: Severity, subject: str) -> Finding:
    return Finding(code=code, severity=severity, subject=subject, message=f"{subject}: {code}")


def test_findings_sort_errors_first_then_subject_then_code() -> None:
    findings = [
        _finding("b.code", Severity.INFO, "A"),
        _finding("z.code", Severity.WARNING, "A"),
        _finding("a.code", Severity.WARNING, "B"),
        _finding("a.code", Severity.WARNING, "A"),
        _finding("m.code", Severity.ERROR, "Z"),
    ]
    ordered = sorted(findings, key=Finding.sort_key)
    assert [(f.severity, f.subject, f.code) for f in ordered] == [
        (Severity.ERROR, "Z", "m.code"),
        (Severity.WARNING, "A", "a.code"),
        (Severity.WARNING, "A", "z.code"),
        (Severity.WARNING, "B", "a.code"),
        (Severity.INFO, "A", "b.code"),
    ]


def test_finding_is_a_frozen_value() -> None:
    finding = _finding("x", Severity.INFO, "S")
    assert finding.rule == ""
    assert finding == _finding("x", Severity.INFO, "S")
    assert hash(finding) == hash(_finding("x", Severity.INFO, "S"))
    with pytest.raises(AttributeError):
        finding.code = "y"  # type: ignore[misc]
