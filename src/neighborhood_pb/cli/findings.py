"""Findings as text and as a JSON document, shared by ``nbpb demo`` and ``nbpb validate``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neighborhood_pb.cli.text import WIDTH, display_width, pad, wrap
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.io.json import unstructure

__all__ = ["SEVERITY_LABELS", "count_line", "finding_lines", "findings_data", "severity_counts"]

SEVERITY_LABELS = {
    Severity.ERROR: "错误 error",
    Severity.WARNING: "警告 warning",
    Severity.INFO: "提示 info",
}
"""How each severity is shown: Chinese, then the code."""


def severity_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity, keyed by the severity's code."""
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def count_line(findings: Sequence[Finding]) -> str:
    """ "3 findings: 0 errors, 2 warnings, 1 info"."""
    counts = severity_counts(findings)
    total = len(findings)
    errors, warnings = counts["error"], counts["warning"]
    return (
        f"{total} finding{'' if total == 1 else 's'}: "
        f"{errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, {counts['info']} info"
    )


def finding_lines(findings: Sequence[Finding], indent: int = 2, width: int = WIDTH) -> list[str]:
    """Each finding as a line with its severity and code, then its message (which names the
    subject) and its rule, wrapped to ``width``."""
    if not findings:
        return [" " * indent + "No findings."]
    severity_width = max(display_width(SEVERITY_LABELS[f.severity]) for f in findings)
    body = indent + 4
    lines = []
    for finding in findings:
        label = pad(SEVERITY_LABELS[finding.severity], severity_width)
        lines.append(f"{' ' * indent}{label}  {finding.code}")
        message = wrap(finding.message, width, indent=body)
        lines += [" " * body + message[0], *message[1:]]
        if finding.rule:
            rule = wrap(f"rule: {finding.rule}", width, indent=body + 6, first=body)
            lines += [" " * body + rule[0], *rule[1:]]
    return lines


def findings_data(findings: Sequence[Finding]) -> dict[str, Any]:
    """Counts and findings as JSON-ready data (each finding: code, severity, subject,
    message, rule)."""
    return {"counts": severity_counts(findings), "findings": unstructure(list(findings))}
