"""Errors and findings.

A single bad record or command raises a subclass of :class:`NeighborhoodPBError` at once.
Whole-model checks return :class:`Finding` records instead, so that an application can show
every problem together. Each error subclass also derives from the built-in exception that
fits, so callers may catch either.
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "CalendarDataError",
    "ConflictError",
    "Finding",
    "IntegrityError",
    "InvalidRecordError",
    "NeighborhoodPBError",
    "NotAuthorisedError",
    "RuleViolationError",
    "Severity",
    "StructuringError",
    "UnknownRecordError",
]


class NeighborhoodPBError(Exception):
    """Base of every error this library raises.

    Attributes:
        subject: Identifier of the record or command at fault ("" when none applies).
        rule: Short reference to the rule that was broken ("" when none applies).
        section: When a loader refused a record: the section it came from (e.g.
            ``"memberships"``), else ``None``.
        index: The refused record's index in that section, else ``None``.
    """

    section: str | None = None
    index: int | None = None

    def __init__(self, message: str, *, subject: str = "", rule: str = "") -> None:
        super().__init__(message)
        self.subject = subject
        self.rule = rule

    def locate(self, section: str, index: int) -> None:
        """Record where a loader found the refused record (its section and index)."""
        self.section = section
        self.index = index

    def __str__(self) -> str:
        text = str(self.args[0]) if self.args else ""
        parts = [text] if text else []
        if self.subject and self.subject not in text:
            parts.append(f"[{self.subject}]")
        if self.rule and self.rule not in text:
            parts.append(f"(rule: {self.rule})")
        return " ".join(parts)


class InvalidRecordError(NeighborhoodPBError, ValueError):
    """A record's own fields break a rule (e.g. a period that ends before it starts)."""


class UnknownRecordError(NeighborhoodPBError, KeyError):
    """A command or query names a record that does not exist (as of the date asked)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return NeighborhoodPBError.__str__(self)


class ConflictError(NeighborhoodPBError, ValueError):
    """A command would clash with an existing record (duplicate id, overlapping interval)."""


class RuleViolationError(NeighborhoodPBError, ValueError):
    """A command would break a structural rule (level order, allowed form, acyclicity)."""


class NotAuthorisedError(NeighborhoodPBError, PermissionError):
    """An actor lacks the post or standing a command requires."""


class IntegrityError(NeighborhoodPBError, ValueError):
    """A dataset as a whole is inconsistent (dangling reference, broken invariant)."""


class CalendarDataError(NeighborhoodPBError, LookupError):
    """No official working-day data is known for a year, and no provisional answer was asked."""


class StructuringError(NeighborhoodPBError, ValueError):
    """Input data could not be turned into records.

    Attributes:
        path: Where the bad value sits, e.g. ``$.orgs[3].period.start``.
    """

    def __init__(self, message: str, *, path: str = "$", subject: str = "") -> None:
        super().__init__(message, subject=subject, rule="structure")
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.args[0]}"


class Severity(enum.Enum):
    """How serious a finding is; ``ERROR`` findings make ``nbpb validate`` fail."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for sorting: errors first."""
        return {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}[self]


@attrs.frozen(kw_only=True)
class Finding:
    """One problem (or notice) found by a whole-model check (检查结果).

    Attributes:
        code: Stable machine-readable code, e.g. ``branch.below_minimum``.
        severity: How serious it is.
        subject: Identifier of the record concerned.
        message: Human-readable sentence naming the record and the figures.
        rule: Reference to the rule and its source.
    """

    code: str
    severity: Severity
    subject: str
    message: str
    rule: str = ""

    def sort_key(self) -> tuple[int, str, str]:
        """Key that orders findings: errors first, then by subject and code."""
        return (self.severity.rank, self.subject, self.code)
