"""One finding built from its rule's spec (检查结果生成): a check gives the code, the record
and the figures; the severity, the source and the English message come from the registry."""

from __future__ import annotations

from collections.abc import Mapping

from neighborhood_pb.errors.exceptions import UnknownRecordError
from neighborhood_pb.errors.finding import Finding
from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import Source
from neighborhood_pb.errors.spec import ParamValue, fill, subject_label

__all__ = ["make_finding"]


def make_finding(
    code: str,
    subject: str,
    params: Mapping[str, ParamValue],
    *,
    subject_name: str = "",
    rule: str | Source = "",
    severity: Severity | None = None,
) -> Finding:
    """The finding ``code`` about ``subject`` with its figures (检查结果).

    Args:
        code: A registered finding code (its spec gives the severity and the templates).
        subject: The record's id.
        params: The figures the code's templates use.
        subject_name: The record's name ("" when it has none).
        rule: The rule or source the finding cites (default: the spec's source).
        severity: A severity other than the spec's, where the case makes it worse.

    Raises:
        UnknownRecordError: ``code`` has no spec with a severity (rule ``finding.code``).
        KeyError: the English template uses a figure ``params`` lacks.
    """
    from neighborhood_pb.errors.registry import RULES  # the registry loads on first use

    spec = RULES.get(code)
    if spec is None or spec.severity is None:
        raise UnknownRecordError(
            f"{code} is not a registered finding code", subject=code, rule="finding.code"
        )
    label = subject_label(subject, subject_name, "en")
    return Finding(
        code=code,
        severity=severity or spec.severity,
        subject=subject,
        subject_name=subject_name,
        message=fill(spec.en, {**params, "subject": label}, "en"),
        rule=rule or spec.source,
        params=params,
    )
