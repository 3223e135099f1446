"""The shared validators: one constraint, one message, one rule code."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import (
    IN_RANGE,
    NON_EMPTY,
    NON_NEGATIVE,
    POSITIVE,
    non_empty_text,
    non_negative_int,
    positive_int,
    whole_in_range,
)


@attrs.frozen(kw_only=True)
class Sample:
    name: str = attrs.field(default="x", validator=non_empty_text)
    count: int = attrs.field(default=1, validator=positive_int())
    size: int = attrs.field(default=0, validator=non_negative_int())
    share: int = attrs.field(default=50, validator=whole_in_range(0, 100))
    cap: int = attrs.field(default=5, validator=whole_in_range(None, 9, rule="sample.cap"))


def test_valid_values_pass() -> None:
    sample = Sample(name=" 青松 ", count=3, size=0, share=100, cap=-4)
    assert (sample.count, sample.size, sample.share, sample.cap) == (3, 0, 100, -4)


@pytest.mark.parametrize(
    ("change", "rule", "words"),
    [
        ({"name": ""}, NON_EMPTY, "Sample.name must not be empty"),
        ({"name": " \t"}, NON_EMPTY, "Sample.name must not be empty"),
        ({"name": 3}, NON_EMPTY, "Sample.name must not be empty"),
        ({"count": 0}, POSITIVE, "Sample.count must be at least 1 (got 0)"),
        ({"count": True}, POSITIVE, "Sample.count must be at least 1 (got True)"),
        ({"count": 2.0}, POSITIVE, "Sample.count must be at least 1 (got 2.0)"),
        ({"size": -1}, NON_NEGATIVE, "Sample.size must not be negative (got -1)"),
        ({"size": False}, NON_NEGATIVE, "Sample.size must not be negative (got False)"),
        ({"share": 101}, IN_RANGE, "Sample.share must be a whole number 0–100 (got 101)"),
        ({"share": -1}, IN_RANGE, "Sample.share must be a whole number 0–100 (got -1)"),
        ({"share": "50"}, IN_RANGE, "Sample.share must be a whole number 0–100 (got '50')"),
        ({"cap": 10}, "sample.cap", "Sample.cap must be at most 9 (got 10)"),
    ],
)
def test_each_constraint_has_one_code_and_one_message(
    change: dict[str, Any], rule: str, words: str
) -> None:
    with pytest.raises(InvalidRecordError) as info:
        Sample(**change)
    assert info.value.rule == rule
    assert words in str(info.value)
