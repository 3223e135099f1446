"""Every catalogue metric says in Chinese what it counts (指标口径), for readers under zh."""

from __future__ import annotations

import re

import attrs
import pytest

from neighborhood_pb.metrics import CATALOGUE, MetricDefinition, metric

_HAN = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_WORDS = re.compile(r"(?<![A-Za-z_.])[a-z]{3,}(?![A-Za-z_.])")
_CODE = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


@pytest.mark.parametrize("definition", CATALOGUE, ids=lambda d: d.id)
def test_every_metric_has_chinese_numerator_and_denominator(definition: MetricDefinition) -> None:
    for text in (definition.numerator_zh, definition.denominator_zh):
        assert _HAN.search(text), f"{definition.id} lacks a Chinese description"
        # an English word may appear only in a finding code (cobuild.project_over_budget)
        words = _ENGLISH_WORDS.findall(_CODE.sub("", text))
        assert words == [], f"{definition.id}: {words}"
    assert definition.numerator_in("zh") == definition.numerator_zh
    assert definition.numerator_in("en") == definition.numerator
    assert definition.denominator_in("en") == definition.denominator


@pytest.mark.parametrize("definition", CATALOGUE, ids=lambda d: d.id)
def test_every_source_note_reads_as_chinese(definition: MetricDefinition) -> None:
    note = definition.source_in("zh")
    # names of the library's own settings stay as they are
    words = _ENGLISH_WORDS.findall(note.replace("MetricSettings", ""))
    assert words == [], f"{definition.id}: {words}"
    assert definition.source_in("en") == definition.source


def test_a_metric_without_chinese_falls_back_to_english() -> None:
    bare = attrs.evolve(metric("report_rate"), numerator_zh="", denominator_zh="", source_zh="")
    assert bare.numerator_in("zh") == bare.numerator
    assert bare.denominator_in("zh") == bare.denominator
    assert bare.source_in("zh") == bare.source
