"""The shared validators: one constraint, one message, one rule code."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.registry import error_text
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


@pytest.mark.parametrize(
    ("change", "zh"),
    [
        ({"name": ""}, "`Sample.name`不能为空（规则：record.non_empty）"),
        ({"count": 0}, "`Sample.count`须为不小于1的整数（实为`0`）（规则：record.positive）"),
        ({"count": 2.0}, "`Sample.count`须为不小于1的整数（实为`2.0`）（规则：record.positive）"),
        ({"size": -1}, "`Sample.size`须为不小于0的整数（实为`-1`）（规则：record.non_negative）"),
        (
            {"share": 101},
            "`Sample.share`须为0至100之间的整数（实为`101`）（规则：record.range）",
        ),
        ({"cap": 10}, "Sample.cap must be at most 9 (got 10) (rule: sample.cap)"),  # no spec
    ],
)
def test_each_constraint_reads_in_chinese_with_its_figures(change: dict[str, Any], zh: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        Sample(**change)
    assert error_text(info.value, "zh") == zh
    assert error_text(info.value, "en") == str(info.value)


def test_an_open_range_or_another_rule_keeps_its_english_detail() -> None:
    @attrs.frozen
    class Capped:
        cap: int = attrs.field(validator=whole_in_range(None, 9))

    with pytest.raises(InvalidRecordError) as info:
        Capped(cap=10)
    assert error_text(info.value, "zh") == f"数值超出允许范围（{info.value}）"  # the brief
    assert info.value.params == {"high": 9, "field": "Capped.cap", "value": 10}
