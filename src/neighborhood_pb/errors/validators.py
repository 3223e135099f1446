"""Shared attrs validators (校验): one function per constraint, one rule code each.

They sit on the lowest floor, beside the errors they raise, so that records and rule presets
of every floor (calendar, structure, posts, rotations, points, governance, metrics) use these
instead of private copies, so that one constraint is refused with one
message and one rule code wherever it appears. A preset that a caller catches by an older
code passes that code as ``rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from neighborhood_pb.errors import InvalidRecordError, ParamValue
from neighborhood_pb.errors.text import is_blank

__all__ = [
    "IN_RANGE",
    "NON_EMPTY",
    "NON_NEGATIVE",
    "PLAINLY_VALID",
    "POSITIVE",
    "Validator",
    "is_whole",
    "non_empty_text",
    "non_negative_int",
    "positive_int",
    "whole_in_range",
]

NON_EMPTY = "record.non_empty"
"""Rule code of a text field that is empty or only blanks."""
POSITIVE = "record.positive"
"""Rule code of a whole number that must be at least 1."""
NON_NEGATIVE = "record.non_negative"
"""Rule code of a whole number that must not be negative."""
IN_RANGE = "record.range"
"""Rule code of a whole number outside its closed range."""

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""The signature attrs calls a validator with: instance, attribute, value."""


def _field(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def non_empty_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but text with a visible character (rule ``record.non_empty``).

    Blanks and invisible format characters (U+200B, U+FEFF …) alone count as empty.
    """
    if type(value) is str and value.isprintable() and value and not value.isspace():
        return  # the common case: printable text with a visible character
    if not isinstance(value, str) or is_blank(value):
        field = _field(instance, attribute)
        raise InvalidRecordError(
            f"{field} must not be empty", rule=NON_EMPTY, params={"field": field}
        )


PLAINLY_VALID: dict[Validator, str] = {
    non_empty_text: "type({v}) is str and {v}.isprintable() and {v} and not {v}.isspace()",
}
"""For a validator, an expression of a value ``{v}`` that is true only of values it takes
(its own first test): generated code that makes records by the thousand
(:mod:`neighborhood_pb.io.mirrors`) calls the validator only where the expression is false."""


def is_whole(value: object) -> bool:
    """Whether ``value`` is a whole number: an ``int`` that is not a ``bool``.

    ``True``, ``1.0`` and ``"3"`` are not: a count written so is a mistake, and a record
    holding one could not be written back as a whole number.
    """
    return isinstance(value, int) and not isinstance(value, bool)


def _bounds(low: int | None, high: int | None) -> str:
    if high is None:
        return "not be negative" if low == 0 else f"be at least {low}"
    if low is None:
        return f"be at most {high}"
    return f"be a whole number {low}–{high}"


def whole_in_range(low: int | None, high: int | None, *, rule: str = IN_RANGE) -> Validator:
    """A validator for a whole number in ``[low, high]`` (either end may be open).

    A ``bool`` is refused although Python counts it as an ``int``: ``True`` is never a count.

    Args:
        low: The smallest value allowed, or ``None``.
        high: The largest value allowed, or ``None``.
        rule: The rule code of the error.
    """
    must = _bounds(low, high)
    bounds = {"low": low, "high": high}
    templated = rule in (POSITIVE, NON_NEGATIVE, IN_RANGE)  # others' templates take no figures

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (
            not is_whole(value)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            field = _field(instance, attribute)
            params: dict[str, ParamValue] = {}
            if templated:
                params = {key: bound for key, bound in bounds.items() if bound is not None}
                params |= {"field": field, "value": value if is_whole(value) else repr(value)}
            raise InvalidRecordError(
                f"{field} must {must} (got {value!r})", rule=rule, params=params
            )

    return check


def positive_int(*, rule: str = POSITIVE) -> Validator:
    """A validator for a whole number of at least 1 (rule ``record.positive``)."""
    return whole_in_range(1, None, rule=rule)


def non_negative_int(*, rule: str = NON_NEGATIVE) -> Validator:
    """A validator for a whole number of at least 0 (rule ``record.non_negative``)."""
    return whole_in_range(0, None, rule=rule)
