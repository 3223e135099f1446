"""Problems of a register as findings (问题): where each is, and what is wrong.

Every problem is a :class:`~neighborhood_pb.errors.Finding` whose ``params`` carry the
location (``file``, ``sheet``, ``row`` as the spreadsheet numbers it, ``column``) and the
value, so that it renders in zh-CN or en and an errors workbook can mark the row.
"""

from __future__ import annotations

from collections.abc import Iterable

from neighborhood_pb.errors import Finding, NeighborhoodPBError, Severity
from neighborhood_pb.errors.registry import RULES, error_text, render
from neighborhood_pb.errors.spec import ParamValue

__all__ = ["has_errors", "problem", "refusal", "row_of", "sheet_of"]

_SOURCE = "docs/registers.md"


def problem(code: str, subject: str = "", **params: ParamValue) -> Finding:
    """The finding of register rule ``code`` about ``subject`` with ``params``."""
    spec = RULES[code]
    severity = spec.severity or Severity.ERROR
    message = render(code, subject, params, "en") or code
    return Finding(
        code=code,
        severity=severity,
        subject=subject,
        message=message,
        rule=_SOURCE,
        params=params,
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding has error severity."""
    return any(finding.severity is Severity.ERROR for finding in findings)


def sheet_of(finding: Finding) -> str | None:
    """The sheet a problem names, if any."""
    sheet = finding.params.get("sheet")
    return sheet if isinstance(sheet, str) else None


def row_of(finding: Finding) -> int | None:
    """The spreadsheet row a problem names, if any (the header is row 1)."""
    row = finding.params.get("row")
    return row if isinstance(row, int) else None


def refusal(error: Exception, subject: str, sheet: str, row: int) -> Finding:
    """A record refused (by itself or by its aggregate), located at ``sheet`` and ``row``,
    with the refusal in both languages."""
    detail_zh = error_text(error, "zh") if isinstance(error, NeighborhoodPBError) else str(error)
    return problem(
        "register.record", subject, sheet=sheet, row=row, detail=str(error), detail_zh=detail_zh
    )
