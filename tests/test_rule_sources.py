"""Rule sources (依据) are structured: every registered source reads Chinese under zh and
carries its English note under en; a note in one language only is refused; findings, the
``nbpb`` text and report documents show a source in the reader's language."""

import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from neighborhood_pb.cli.findings import finding_lines
from neighborhood_pb.errors import (
    LIBRARY_DEFAULT,
    InvalidRecordError,
    RuleSpec,
    Source,
    StructuringError,
    as_source,
    make_finding,
    source_text,
)
from neighborhood_pb.errors.registry import RULES, error_text, rule_spec
from neighborhood_pb.governance.cobuild.presets import CobuildRules
from neighborhood_pb.io.json import dumps_dataset, loads_dataset
from neighborhood_pb.io.reports.findings import finding_data
from neighborhood_pb.io.reports.model import report_model
from neighborhood_pb.samples import sample_text
from neighborhood_pb.testing.errors import rule_sources
from test_cli_one_language import english_words

SOURCES = sorted({spec.source for spec in RULES.values()}, key=lambda s: source_text(s, "en"))
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e“”‘’—]")


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: source_text(s, "en")[:40])
def test_every_registered_source_reads_chinese_under_zh(source: Source) -> None:
    text = source_text(source, "zh")
    assert english_words(text) == [], text
    assert text.startswith(source.cited)
    if source.note_zh:
        assert source.note_zh in text
    if source.library_default:
        assert "本库默认" in text


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: source_text(s, "en")[:40])
def test_every_registered_source_carries_its_english_note_under_en(source: Source) -> None:
    text = source_text(source, "en")
    assert text.startswith(source.cited)
    assert source.note_en in text
    assert ("library default" in text) == (
        source.library_default or "library default" in source.note_en
    )
    assert not _CJK.search(text.removeprefix(source.cited)), text


def test_registered_notes_come_in_both_languages() -> None:
    noted = [source for source in SOURCES if source.note_zh or source.note_en]
    assert len(noted) >= 8
    assert all(source.note_zh and source.note_en for source in noted)
    assert not [s for s in SOURCES if english_words(s.cited)], "English belongs in note_en"


@pytest.mark.parametrize(
    "parts",
    [
        {"note_en": "a note in English only"},
        {"note_zh": "只有中文的注释"},
        {"note_zh": "只有中文的注释", "note_en": "   "},
    ],
)
def test_a_note_in_one_language_is_refused(parts: dict[str, str]) -> None:
    with pytest.raises(InvalidRecordError, match="wording") as refused:
        Source(cited="盐城市: 项目有预算", **parts)
    assert refused.value.rule == "registry.note"
    spec = rule_spec("registry.note")
    assert spec is not None
    assert error_text(refused.value, "zh").startswith("规则依据的注释须同时有中文和英文")


def test_a_spec_refuses_a_one_language_note_before_registering() -> None:
    with pytest.raises(InvalidRecordError) as refused:
        RuleSpec(
            code="x.y",
            source=Source(cited="盐城市", note_en="english only"),
            zh="{subject}",
            en="{subject}",
        )
    assert refused.value.rule == "registry.note"
    with pytest.raises(InvalidRecordError) as plain:
        RuleSpec(code="x.y", source="盐城市 (english note)", zh="{subject}", en="{subject}")  # type: ignore[arg-type]
    assert plain.value.rule == "registry.source"


@pytest.mark.parametrize(
    "parts",
    [{}, {"cited": "  "}, {"cited": "盐城市 (library default)"}],
)
def test_an_empty_source_or_a_default_written_into_the_citation_is_refused(
    parts: dict[str, str],
) -> None:
    with pytest.raises(InvalidRecordError) as refused:
        Source(**parts)
    assert refused.value.rule == "registry.source"
    assert rule_spec("registry.source") is not None


def test_text_given_as_a_citation_is_shown_unchanged() -> None:
    assert source_text("永春县: 回家日", "zh") == "永春县: 回家日"
    assert source_text("永春县: 回家日", "en") == "永春县: 回家日"
    assert source_text(LIBRARY_DEFAULT, "en") == "library default"


@settings(max_examples=60)
@given(rule_sources())
def test_any_source_renders_its_parts_in_one_language(source: Source) -> None:
    zh, en = source_text(source, "zh"), source_text(source, "en")
    for text, note, default in (
        (zh, source.note_zh, "本库默认"),
        (en, source.note_en, "library default"),
    ):
        assert text.startswith(source.cited)
        assert note in text
        assert (
            default in text
            if source.library_default
            else default not in text[len(source.cited) :].replace(note, "")
        )


def test_findings_show_their_registered_source_in_the_readers_language() -> None:
    finding = make_finding("metric.report_rate.unplaced", "P1", {"scope": "S1"})
    assert finding.rule == RULES["metric.report_rate.unplaced"].source
    zh = "\n".join(finding_lines([finding], lang="zh"))
    en = "\n".join(finding_lines([finding], lang="en"))
    assert "无党员在不知不觉中被排除出分母；本库默认" in zh.replace("\n", "").replace(" ", "")
    assert "denominator" not in zh
    assert "unseen; library default)" in " ".join(en.split())


def test_the_json_finding_holds_the_rendered_source_and_its_parts() -> None:
    finding = make_finding(
        "cobuild.need_open", "N1", {"raised_on": "2026-01-01", "days": 40, "limit": 30}
    )
    zh, en = finding_data(finding, "zh"), finding_data(finding, "en")
    assert zh["rule"] == "通化县问卷调查→诉求台账（认领时限为本库默认值）"
    assert en["rule"] == "通化县问卷调查→诉求台账 (the deadline to claim: library default)"
    assert (
        zh["rule_source"]
        == en["rule_source"]
        == {
            "cited": "通化县问卷调查→诉求台账",
            "note_zh": "认领时限为本库默认值",
            "note_en": "the deadline to claim: library default",
            "library_default": False,
        }
    )
    plain = finding_data(make_finding("cobuild.need_open", "N1", zh["params"], rule="盐城市"), "zh")
    assert plain["rule"] == "盐城市"
    assert "rule_source" not in plain


def _findings_document(finding: dict[str, object]) -> dict[str, object]:
    return {
        "format": "neighborhood_pb.findings",
        "file": "street.json",
        "as_of": "2026-06-30",
        "counts": {"error": 0, "warning": 1, "info": 0},
        "findings": [finding],
    }


def test_report_documents_written_before_and_now_both_load() -> None:
    finding = make_finding("metric.report_rate.unplaced", "P1", {"scope": "S1"})
    now = finding_data(finding, "zh")
    before = {key: value for key, value in now.items() if key != "rule_source"}
    before["rule"] = (
        "永春县: 在职党员报到率100% "
        "(no member falls out of the denominator unseen; library default)"
    )
    read_now = report_model(_findings_document(now)).findings[0]
    read_before = report_model(_findings_document(before)).findings[0]
    assert read_now.rule == "永春县: 在职党员报到率100%（无党员在不知不觉中被排除出分母；本库默认）"
    assert read_before.rule == before["rule"]
    assert attrs.evolve(read_before, rule=read_now.rule) == read_now


def test_a_cobuild_source_written_as_text_before_is_read_and_written_as_text() -> None:
    dataset = loads_dataset(sample_text("street"))
    rules = CobuildRules(need_open_days=20, source="盐城市: 需求限时响应")
    old = attrs.evolve(dataset, cobuild=attrs.evolve(dataset.cobuild, rules=rules))
    text = dumps_dataset(old, redact_personal=False)
    assert '"source": "盐城市: 需求限时响应"' in text  # the form documents always had
    assert loads_dataset(text) == old
    noted = attrs.evolve(rules, source=RULES["metric.report_rate.unplaced"].source)
    with_note = attrs.evolve(dataset, cobuild=attrs.evolve(dataset.cobuild, rules=noted))
    for compact in (True, False):
        again = dumps_dataset(with_note, redact_personal=False, compact=compact)
        assert '"note_zh"' in again
        assert loads_dataset(again) == with_note


@pytest.mark.parametrize(
    "build",
    [
        lambda: as_source(None),  # type: ignore[arg-type]
        lambda: as_source(5),  # type: ignore[arg-type]
        lambda: Source(cited=5),  # type: ignore[arg-type]
        lambda: Source(cited="x", note_zh=3, note_en="y"),  # type: ignore[arg-type]
        lambda: Source(cited="x", library_default="yes"),  # type: ignore[arg-type]
        lambda: CobuildRules(need_open_days=30, source=None),  # type: ignore[arg-type]
    ],
)
def test_a_source_of_the_wrong_kind_is_a_typed_error(build: Any) -> None:
    with pytest.raises(InvalidRecordError) as refused:
        build()
    assert refused.value.rule == "registry.source"


def test_a_source_in_a_document_is_text_or_an_object() -> None:
    data = json.loads(dumps_dataset(loads_dataset(sample_text("street")), redact_personal=False))
    data["cobuild"]["rules"] = {"need_open_days": 20, "source": ["盐城市"]}
    with pytest.raises(StructuringError) as refused:
        loads_dataset(json.dumps(data, ensure_ascii=False))
    assert refused.value.path == "$.cobuild.rules.source"
    assert "a source: its citation as text, or an object" in str(refused.value)
