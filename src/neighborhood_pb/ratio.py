"""Exact ratios (比率) with their numerator and denominator.

A published figure such as 小区党组织覆盖率 92.9 % is kept as ``Ratio(78, 84)``: no float
drift, traceable to its records, and summed part by part when rolled up. A zero denominator
means "not applicable", never 0 % and never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from neighborhood_pb.errors import InvalidRecordError

__all__ = ["NOT_APPLICABLE", "NOT_APPLICABLE_ZH", "Average", "Ratio", "shown_in"]

NOT_APPLICABLE = "n/a"
"""How a ratio with a zero denominator is displayed (不适用)."""

NOT_APPLICABLE_ZH = "不适用"
"""The same in Chinese."""


def shown_in(display: str, lang: str) -> str:
    """A display form (``92.9%``, ``+3.5``, ``n/a``) for readers of ``lang``: under ``zh``
    ``n/a`` reads 不适用, anything else is unchanged."""
    return NOT_APPLICABLE_ZH if lang == "zh" and display == NOT_APPLICABLE else display


def _non_negative(instance: Ratio | Average, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidRecordError(
            f"Ratio.{attribute.name} must be a whole number >= 0, got {value!r}",
            rule="ratio.non_negative",
        )


@attrs.frozen(kw_only=False, order=False)
class Ratio:
    """``numerator`` out of ``denominator``: a part of a whole, so never above 100 %.

    Attributes:
        numerator: How many meet the definition (e.g. compounds covered).
        denominator: How many could (e.g. all compounds); 0 means not applicable.
    """

    numerator: int = attrs.field(validator=_non_negative)
    denominator: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.numerator > self.denominator:
            raise InvalidRecordError(
                f"Ratio {self.numerator}/{self.denominator}: a part cannot exceed its whole",
                rule="ratio.part_of_whole",
            )

    @property
    def applicable(self) -> bool:
        """Whether the denominator is positive."""
        return self.denominator > 0

    @property
    def value(self) -> Fraction | None:
        """The exact value, or ``None`` when not applicable."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    def percent(self, places: int = 1) -> Decimal | None:
        """The percentage rounded half up (78 of 84 → ``Decimal('92.9')``), or ``None``."""
        if not self.denominator:
            return None
        return _rounded(Fraction(self.numerator * 100, self.denominator), places)

    def format(self, places: int = 1) -> str:
        """Display form: ``"92.9%"``, or ``"n/a"`` when not applicable."""
        percent = self.percent(places)
        return NOT_APPLICABLE if percent is None else f"{percent}%"

    def meets(self, target: Fraction) -> bool | None:
        """Whether the ratio reaches ``target`` (exactly), or ``None`` when not applicable."""
        value = self.value
        return None if value is None else value >= target

    def __add__(self, other: Ratio) -> Ratio:
        """Roll two parts up: numerators and denominators add."""
        if not isinstance(other, Ratio):
            return NotImplemented
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} ({self.format()})"

    @classmethod
    def total(cls, parts: Iterable[Ratio]) -> Ratio:
        """Sum of any iterable of ratios (``Ratio(0, 0)`` for none)."""
        numerator = denominator = 0
        for part in parts:
            numerator += part.numerator
            denominator += part.denominator
        return cls(numerator, denominator)


def _rounded(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@attrs.frozen(kw_only=False, order=False)
class Average:
    """``total`` spread over ``count`` (e.g. households per central household, 户均).

    Unlike a :class:`Ratio`, the total may exceed the count. Averages roll up by adding
    totals and counts, so a street's average is exact, not an average of averages.

    Attributes:
        total: The summed quantity (e.g. households).
        count: What it is spread over (e.g. central households); 0 means not applicable.
    """

    total: int = attrs.field(validator=_non_negative)
    count: int = attrs.field(validator=_non_negative)

    @property
    def applicable(self) -> bool:
        """Whether the count is positive."""
        return self.count > 0

    @property
    def value(self) -> Fraction | None:
        """The exact value, or ``None`` when not applicable."""
        return Fraction(self.total, self.count) if self.count else None

    def rounded(self, places: int = 1) -> Decimal | None:
        """The value rounded half up (552000 over 4305 → ``Decimal('128.2')``), or ``None``."""
        value = self.value
        return None if value is None else _rounded(value, places)

    def format(self, places: int = 1) -> str:
        """Display form: ``"128.2"``, or ``"n/a"`` when not applicable."""
        rounded = self.rounded(places)
        return NOT_APPLICABLE if rounded is None else str(rounded)

    def __add__(self, other: Average) -> Average:
        """Roll two parts up: totals and counts add."""
        if not isinstance(other, Average):
            return NotImplemented
        return Average(self.total + other.total, self.count + other.count)

    def __str__(self) -> str:
        return f"{self.total}/{self.count} ({self.format()})"
