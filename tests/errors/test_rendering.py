"""Findings and errors rendered in zh-CN and en from the registry's templates."""

import datetime as _dt

import attrs
import cattrs
import pendulum
import pytest

from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.errors import (
    LIBRARY_DEFAULT,
    Finding,
    InvalidRecordError,
    Params,
    RuleSpec,
    Severity,
    StructuringError,
)
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.json import unstructure
from neighborhood_pb.samples import load_sample


@pytest.fixture(scope="module")
def street() -> tuple[Finding, ...]:
    return check_dataset(DatasetContext.build(load_sample("street")))


def test_a_finding_names_its_subject_and_writes_dates_the_chinese_way(
    street: tuple[Finding, ...],
) -> None:
    overdue = next(f for f in street if f.code == "term.overdue")
    assert overdue.subject_name == "明湖第1网格党支部"
    assert overdue.params["tolerance"] == 1
    assert overdue.params["due"] == pendulum.date(2024, 6, 18)
    zh = overdue.render("zh")
    assert zh.startswith("明湖第1网格党支部（XH-MH-W1-B）：")
    assert "应于2024年6月18日换届" in zh
    assert "2025年6月18日" in zh
    assert overdue.render() == zh  # zh is the default
    assert overdue.render("en") == overdue.message


def test_every_structure_finding_renders_today_s_message_in_english(
    street: tuple[Finding, ...],
) -> None:
    structure = [f for f in street if f.code.startswith(("term.", "committee.", "branch."))]
    assert len(structure) >= 4
    for finding in structure:
        assert finding.render("en") == finding.message
        assert str(finding.params.get("minimum", "")) in finding.render("zh")


def test_points_findings_carry_the_member_s_name_and_figures() -> None:
    findings = check_dataset(DatasetContext.build(load_sample("community")))
    links = next(f for f in findings if f.code == "points.household_links")
    assert links.subject_name == "曹静"
    assert links.render("zh") == "曹静（QS-P23）截至2026年11月1日联系6户群众；应至少10户"
    assert links.render("en") == "曹静 (QS-P23) links 6 household(s) on 2026-11-01; 10 required"


def test_a_finding_without_a_template_or_a_figure_falls_back_to_its_message() -> None:
    unknown = Finding(code="x.y", severity=Severity.INFO, subject="s", message="m")
    assert unknown.render("zh") == "m"
    short = Finding(
        code="term.due_soon", severity=Severity.INFO, subject="B1", message="m", params={}
    )
    assert short.render("zh") == "m"
    assert short.subject_label("en") == "B1"


def test_params_are_frozen_hashable_and_serialisable() -> None:
    finding = Finding(
        code="term.due_soon",
        severity=Severity.INFO,
        subject="B1",
        subject_name="幸福社区党支部",
        message="m",
        params={"due": _dt.date(2026, 1, 1), "elected": pendulum.date(2023, 1, 1)},
    )
    assert (
        finding.render("zh")
        == "幸福社区党支部（B1）：2023年1月1日选举产生的班子将于2026年1月1日届满"
    )
    assert isinstance(finding.params, Params)
    assert hash(finding) == hash(attrs.evolve(finding, params=dict(finding.params)))
    assert attrs.evolve(finding, params=dict(finding.params)) == finding
    assert finding.params == {"due": _dt.date(2026, 1, 1), "elected": pendulum.date(2023, 1, 1)}
    assert "Params(" in repr(finding.params)
    assert len(finding.params) == 2
    data = unstructure(finding)
    assert data["params"] == {"due": "2026-01-01", "elected": "2023-01-01"}
    assert data["subject_name"] == "幸福社区党支部"
    with pytest.raises(InvalidRecordError, match="must be text, a number or a date"):
        Finding(code="c", severity=Severity.INFO, subject="s", message="m", params={"x": [1]})
    with pytest.raises(InvalidRecordError):
        Params({"flag": True})


def test_an_error_renders_in_chinese_with_its_detail() -> None:
    error = InvalidRecordError(
        "period ends before it starts", subject="P1", rule="period.half_open"
    )
    assert error_text(error, "en") == str(error)
    zh = error_text(error, "zh")
    assert zh.startswith("时段的结束日须晚于开始日（")
    assert "period ends before it starts" in zh
    bad = StructuringError("not JSON", path="$.orgs[0]")
    assert bad.params == {"path": "$.orgs[0]", "detail": "not JSON"}
    assert error_text(bad, "zh") == "数据无法转换为记录：$.orgs[0]：not JSON"
    plain = InvalidRecordError("odd", rule="no.such.rule")
    assert error_text(plain, "zh") == "odd (rule: no.such.rule)"


def test_a_wrapped_error_shows_in_chinese_with_how_many_more() -> None:
    inner = InvalidRecordError(
        "Territory.name must not be empty",
        rule="record.non_empty",
        params={"field": "Territory.name"},
    )
    bad = StructuringError(str(inner), path="$.territories[0]", error=inner, more=2)
    assert bad.rule == "structure.more"
    assert str(bad) == (
        "$.territories[0]: Territory.name must not be empty (rule: record.non_empty) "
        "(and 2 more problems)"
    )
    assert error_text(bad, "en") == str(bad)
    assert error_text(bad, "zh") == (
        "数据无法转换为记录：$.territories[0]：`Territory.name`不能为空（规则：record.non_empty）"
        "（另有2处问题）"
    )
    one = StructuringError("bad", error=inner, more=1)
    assert str(one) == "$: bad (and 1 more problem)"
    assert StructuringError("bad", error=inner).rule == "structure"


def test_an_error_without_its_template_s_params_gets_the_brief() -> None:
    open_end = InvalidRecordError("an open period has no length", rule="period.half_open")
    assert error_text(open_end, "zh") == f"时段的结束日须晚于开始日（{open_end}）"
    reversed_ = InvalidRecordError(
        "period ends on 2020-01-01 but starts on 2030-01-01",
        rule="period.half_open",
        params={"start": _dt.date(2030, 1, 1), "end": _dt.date(2020, 1, 1)},
    )
    assert error_text(reversed_, "zh").startswith("时段止于2020年1月1日，却始于2030年1月1日：")
    no_brief = InvalidRecordError("required field 'id' is missing", rule="json.required")
    assert error_text(no_brief, "zh") == str(no_brief)  # no brief: the message itself


def test_a_brief_is_plain_text_in_both_languages() -> None:
    def spec(**briefs: str) -> RuleSpec:
        return RuleSpec(code="x.y", source=LIBRARY_DEFAULT, zh="甲", en="a", **briefs)

    with pytest.raises(InvalidRecordError, match="brief"):
        spec(brief_zh="摘要")  # zh only
    with pytest.raises(InvalidRecordError, match="brief"):
        spec(brief_zh="{x}", brief_en="{x}")
    briefed = spec(brief_zh="摘要", brief_en="brief")
    assert (briefed.brief("zh"), briefed.brief("en")) == ("摘要", "brief")
    assert spec().brief("zh") == ""


def test_severities_have_labels() -> None:
    assert [s.label_zh for s in Severity] == ["提示", "警告", "错误"]
    assert Severity.ERROR.label_en == "error"


def test_every_enum_users_see_has_a_chinese_label() -> None:
    from neighborhood_pb.calendar.civic import DayRequirement, DaySelector, MovePolicy
    from neighborhood_pb.calendar.periods import PeriodKind
    from neighborhood_pb.metrics.definitions import MetricKind
    from neighborhood_pb.structure.forms import MembershipKind, OrgForm
    from neighborhood_pb.structure.posts.bodies import BodyKind
    from neighborhood_pb.structure.posts.records import PostKind
    from neighborhood_pb.structure.records import ReportChannel
    from neighborhood_pb.structure.territory import TerritoryKind

    kinds = [
        DayRequirement,
        DaySelector,
        MovePolicy,
        PeriodKind,
        MetricKind,
        MembershipKind,
        OrgForm,
        BodyKind,
        PostKind,
        ReportChannel,
        TerritoryKind,
        Severity,
    ]
    for kind in kinds:
        labels = [member.label_zh for member in kind]
        assert all(labels), kind
        assert len(set(labels)) == len(labels), kind
        assert all(any("\u4e00" <= c <= "\u9fff" for c in label) for label in labels), kind


def test_a_finding_survives_a_json_round_trip() -> None:
    from neighborhood_pb.io.json import make_converter

    converter = make_converter()
    finding = Finding(
        code="points.household_links",
        severity=Severity.WARNING,
        subject="QS-P23",
        subject_name="曹静",
        message="m",
        params={"linked": 6, "on": pendulum.date(2026, 11, 1), "share": 0.5, "unit": "户"},
    )
    assert converter.structure(converter.unstructure(finding), Finding) == finding
    for bad in ([1], {"x": True}, {"x": None}):
        data = {**converter.unstructure(finding), "params": bad}
        with pytest.raises(cattrs.BaseValidationError) as caught:
            converter.structure(data, Finding)
        assert "expected" in str(caught.value.exceptions[0])


def test_a_subject_label_shows_what_it_has() -> None:
    from neighborhood_pb.errors.spec import subject_label

    assert subject_label("", "幸福社区", "zh") == "幸福社区"
    assert subject_label("B1", "B1", "zh") == "B1"
    assert subject_label("B1", "幸福社区", "en") == "幸福社区 (B1)"


def test_a_dataset_record_error_keeps_the_figures_of_the_error_it_wraps() -> None:
    from neighborhood_pb.dataset import DatasetRecordError

    inner = InvalidRecordError("bad", subject="T1", rule="term.seats", params={"seats": 0})
    wrapped = DatasetRecordError(inner, path="$.structure.terms[0]")
    assert wrapped.params == {"seats": 0}
    assert wrapped.rule == "term.seats"
