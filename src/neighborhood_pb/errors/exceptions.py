"""The library's exceptions (错误): one base, typed subclasses on the built-ins that fit."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from neighborhood_pb.errors.text import mask_personal

__all__ = [
    "CalendarDataError",
    "ConflictError",
    "IntegrityError",
    "InvalidRecordError",
    "NeighborhoodPBError",
    "NotAuthorisedError",
    "ParamValue",
    "RuleViolationError",
    "StructuringError",
    "UnknownRecordError",
]


ParamValue = str | int | float | _dt.date
"""What a parameter of an error or a finding may hold: text, a number or a day."""


class NeighborhoodPBError(Exception):
    """Base of every error this library raises.

    Attributes:
        subject: Identifier of the record or command at fault ("" when none applies).
        rule: Short reference to the rule that was broken ("" when none applies).
        params: Figures of the case, for the rule's templates (empty when none were given).
        section: When a loader refused a record: the section it came from (e.g.
            ``"memberships"``), else ``None``.
        index: The refused record's index in that section, else ``None``.
    """

    section: str | None = None
    index: int | None = None

    def __init__(
        self,
        message: str,
        *,
        subject: str = "",
        rule: str = "",
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(mask_personal(message))
        self.subject = subject
        self.rule = rule
        self.params: Mapping[str, ParamValue] = dict(params or {})

    def locate(self, section: str, index: int) -> None:
        """Record where a loader found the refused record (its section and index)."""
        self.section = section
        self.index = index

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by the fields, not by ``__init__``: an error crosses process boundaries
        (worker pools, Spark executors) whatever its subclass's constructor takes."""
        return _rebuild, (type(self), self.args, dict(self.__dict__))

    def __str__(self) -> str:
        text = str(self.args[0]) if self.args else ""
        parts = [text] if text else []
        if self.subject and self.subject not in text:
            parts.append(f"[{mask_personal(self.subject)}]")
        if self.rule and self.rule not in text:
            parts.append(f"(rule: {self.rule})")
        return " ".join(parts)


def _rebuild(
    cls: type[NeighborhoodPBError], args: tuple[object, ...], state: dict[str, object]
) -> NeighborhoodPBError:
    """An error of class ``cls`` with ``args`` and attributes ``state``, its ``__init__``
    not called (see :meth:`NeighborhoodPBError.__reduce__`)."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


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
        error: The library error the bad value raised (a record's validator, a hook), which
            ``message`` describes, or ``None``; shown in the reader's language.
        more: How many more problems the data holds besides this one (rule
            ``structure.more`` when any).
    """

    path: str = "$"
    error: NeighborhoodPBError | None = None

    def __init__(
        self,
        message: str,
        *,
        path: str = "$",
        subject: str = "",
        error: NeighborhoodPBError | None = None,
        more: int = 0,
    ) -> None:
        params: dict[str, ParamValue] = {"path": path, "detail": message}
        if more:
            params["more"] = more
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        rule = "structure.more" if more else "structure"
        super().__init__(message, subject=subject, rule=rule, params=params)
        self.path = path
        self.error = error

    @classmethod
    def breaking(
        cls, message: str, rule: str, params: Mapping[str, ParamValue], *, path: str = "$"
    ) -> StructuringError:
        """The error for data that breaks ``rule`` where it is read, as the library error
        it names (``error``), which carries ``params`` for the reader's language."""
        error = InvalidRecordError(message, rule=rule, params=params)
        return cls(message, path=path, error=error)

    def __str__(self) -> str:
        return f"{self.path}: {self.args[0]}"
