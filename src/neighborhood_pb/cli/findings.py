"""Findings as text and as a JSON document, shared by ``nbpb demo``, ``validate`` and
``report``; each renders in zh (the command's default) or en."""

from __future__ import annotations

from collections.abc import Sequence

from neighborhood_pb.cli.text import WIDTH, display_width, pad, wrap
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.io.reports.findings import (
    finding_data,
    finding_text,
    findings_data,
    severity_counts,
)

__all__ = [
    "SEVERITY_LABELS",
    "count_line",
    "finding_data",
    "finding_lines",
    "finding_text",
    "findings_data",
    "severity_counts",
]

SEVERITY_LABELS = {severity: f"{severity.label_zh} {severity.value}" for severity in Severity}
"""How each severity is shown: Chinese, then the code."""


def count_line(findings: Sequence[Finding], lang: str = "en") -> str:
    """ "3 findings: 0 errors, 2 warnings, 1 info", or in zh "共3条检查结果：错误0条，…"."""
    counts = severity_counts(findings)
    total = len(findings)
    errors, warnings = counts["error"], counts["warning"]
    if lang == "zh":
        return f"共{total}条检查结果：错误{errors}条，警告{warnings}条，提示{counts['info']}条"
    return (
        f"{total} finding{'' if total == 1 else 's'}: "
        f"{errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, {counts['info']} info"
    )


def finding_lines(
    findings: Sequence[Finding], indent: int = 2, width: int = WIDTH, lang: str = "en"
) -> list[str]:
    """Each finding as a line with its severity and code, then its sentence in ``lang``
    (which names the subject) and its rule, wrapped to ``width``."""
    if not findings:
        return [" " * indent + ("无检查结果。" if lang == "zh" else "No findings.")]
    severity_width = max(display_width(SEVERITY_LABELS[f.severity]) for f in findings)
    body = indent + 4
    rule_label = "依据：" if lang == "zh" else "rule: "
    lines = []
    for finding in findings:
        label = pad(SEVERITY_LABELS[finding.severity], severity_width)
        lines.append(f"{' ' * indent}{label}  {finding.code}")
        message = wrap(finding_text(finding, lang), width, indent=body)
        lines += [" " * body + message[0], *message[1:]]
        if finding.rule:
            rule = wrap(f"{rule_label}{finding.rule}", width, indent=body + 6, first=body)
            lines += [" " * body + rule[0], *rule[1:]]
    return lines
