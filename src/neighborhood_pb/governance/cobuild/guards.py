"""The refusals the co-building aggregates share: a taken id, an unknown one, a broken rule."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import NoReturn, TypeVar

from neighborhood_pb.errors import ConflictError, RuleViolationError, UnknownRecordError

__all__ = ["get", "refuse", "unique"]

_T = TypeVar("_T")


def unique(kind: str, record_id: str, taken: Mapping[str, object]) -> None:
    """Refuse an id that is taken (rule ``<kind>.unique``)."""
    if record_id in taken:
        raise ConflictError(
            f"{kind} {record_id} already exists", subject=record_id, rule=f"{kind}.unique"
        )


def get(kind: str, record_id: str, records: Mapping[str, _T]) -> _T:
    """The record with this id, or refuse it (rule ``<kind>.known``)."""
    try:
        return records[record_id]
    except KeyError:
        raise UnknownRecordError(
            f"no {kind} {record_id}", subject=record_id, rule=f"{kind}.known"
        ) from None


def refuse(message: str, subject: str, rule: str, **params: str | int | _dt.date) -> NoReturn:
    """Refuse a command that breaks ``rule``, with the figures of the case."""
    raise RuleViolationError(message, subject=subject, rule=rule, params=params)
