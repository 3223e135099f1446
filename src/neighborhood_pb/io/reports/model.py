"""The report model (报告模型): a typed, frozen view of a report or findings document.

:func:`report_model` reads the document that ``nbpb report --format json`` (or ``nbpb
validate --format json``) prints, so that the text, HTML and workbook formats show exactly
the JSON's figures: per metric its labels, unit, target and one row per scope; the findings
grouped by kind and by community, with counts.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from neighborhood_pb.calendar import office_day
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.ratio import shown_in

__all__ = [
    "FindingGroup",
    "MetricSection",
    "ReportFinding",
    "ReportModel",
    "ScopeRow",
    "report_model",
]


@attrs.frozen(kw_only=True)
class ScopeRow:
    """One scope's figures for one metric (范围数据).

    Attributes:
        scope_id: The scope (``*`` for the whole area).
        scope_name: Its name.
        level: Its roll-up level (``total``, ``street``, ``community``, ``grid``, ``compound``).
        parent_id: The enclosing scope, ``None`` for the whole area.
        numerator: Counted above the line (an average's total).
        denominator: Counted below it (an average's count).
        display: The value as printed, e.g. ``5/9 (55.6%)``.
        figure: The figure charted: percent for a share, the average's own unit otherwise;
            ``None`` when not applicable.
        shortfall: How far the figure falls below the target (0 when it meets it); ``None``
            without a target or a figure.
        change: The change since the comparison day as printed, ``None`` without one.
    """

    scope_id: str
    scope_name: str
    level: str
    parent_id: str | None
    numerator: int
    denominator: int
    display: str
    figure: Decimal | None
    shortfall: Decimal | None = None
    change: str | None = None

    def shown(self, lang: str) -> str:
        """The value as printed for readers of ``lang`` (不适用 for ``n/a`` under ``zh``)."""
        return shown_in(self.display, lang)

    def change_shown(self, lang: str) -> str | None:
        """The change likewise, ``None`` without one."""
        return None if self.change is None else shown_in(self.change, lang)


@attrs.frozen(kw_only=True)
class MetricSection:
    """One metric of the report with a row per scope (指标).

    Attributes:
        id: The metric id.
        label_zh: Its Chinese label.
        label: Its English label.
        kind: ``share`` or ``average``.
        unit: ``%`` for a share, ``""`` for an average.
        target: The target in the figures' unit, ``None`` without one.
        target_display: The target as printed (``100.0%``), ``""`` without one.
        source: Where the metric is published.
        numerator_text: What the numerator counts.
        denominator_text: What the denominator counts.
        rows: One row per scope, in the report's order.
        numerator_text_zh: What the numerator counts, in Chinese ("" when the document
            gives none).
        denominator_text_zh: What the denominator counts, in Chinese.
        source_zh: The source note in Chinese.
    """

    id: str
    label_zh: str
    label: str
    kind: str
    unit: str
    target: Decimal | None
    target_display: str
    source: str
    numerator_text: str
    denominator_text: str
    rows: tuple[ScopeRow, ...]
    numerator_text_zh: str = ""
    denominator_text_zh: str = ""
    source_zh: str = ""

    def numerator_in(self, lang: str) -> str:
        """What the numerator counts, for readers of ``lang`` (``zh`` or ``en``)."""
        return (
            self.numerator_text_zh or self.numerator_text if lang == "zh" else self.numerator_text
        )

    def denominator_in(self, lang: str) -> str:
        """What the denominator counts, for readers of ``lang``."""
        zh = self.denominator_text_zh
        return zh or self.denominator_text if lang == "zh" else self.denominator_text

    def source_in(self, lang: str) -> str:
        """The source note, for readers of ``lang``."""
        return self.source_zh or self.source if lang == "zh" else self.source

    def row(self, scope_id: str) -> ScopeRow:
        """The row of a scope.

        Raises:
            KeyError: the report has no such scope.
        """
        return {row.scope_id: row for row in self.rows}[scope_id]


@attrs.frozen(kw_only=True)
class ReportFinding:
    """One finding as the report lists it (检查结果).

    Attributes:
        code: Its rule code, the kind it is grouped by.
        severity: ``error``, ``warning`` or ``info``.
        subject: The record's id.
        subject_name: The record's name ("" when it has none).
        message: The sentence, in the document's language.
        rule: The rule and its source.
        community_id: The community the subject lies in, ``None`` when none.
        community_name: That community's name ("" when none).
    """

    code: str
    severity: str
    subject: str
    subject_name: str
    message: str
    rule: str
    community_id: str | None = None
    community_name: str = ""


@attrs.frozen(kw_only=True)
class FindingGroup:
    """Findings of one kind or of one community, with their count (分类汇总).

    Attributes:
        key: The code, or the community id (``None``: in no community).
        name: The community's name ("" for a kind or for no community).
        findings: The findings, in list order.
    """

    key: str | None
    name: str
    findings: tuple[ReportFinding, ...]

    @property
    def count(self) -> int:
        """How many findings the group holds."""
        return len(self.findings)


@attrs.frozen(kw_only=True)
class ReportModel:
    """A report or findings document as typed, frozen records (报告).

    Attributes:
        format: The document's ``format`` (metrics report or findings).
        file: The file or store reported on.
        title: The dataset's title ("" when the document names none).
        as_of: The day reported on.
        compare: The earlier day compared with, ``None`` without one.
        metrics: The metrics, in the document's order (none for a findings document).
        findings: Every finding, in list order.
        counts: How many findings of each severity.
        by_kind: The findings grouped by code, largest group first.
        by_community: The findings grouped by community, largest first, no community last.
    """

    format: str
    file: str
    title: str
    as_of: _dt.date
    compare: _dt.date | None
    metrics: tuple[MetricSection, ...]
    findings: tuple[ReportFinding, ...]
    counts: Mapping[str, int]
    by_kind: tuple[FindingGroup, ...]
    by_community: tuple[FindingGroup, ...]

    @property
    def as_of_zh(self) -> str:
        """The day reported on as a Chinese office writes it (2026年11月1日)."""
        return office_day(self.as_of)

    @property
    def compare_zh(self) -> str:
        """The comparison day likewise, ``""`` without one."""
        return "" if self.compare is None else office_day(self.compare)

    def metric(self, metric_id: str) -> MetricSection:
        """The section of a metric.

        Raises:
            KeyError: the report has no such metric.
        """
        return {section.id: section for section in self.metrics}[metric_id]


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _row(data: Mapping[str, Any]) -> ScopeRow:
    return ScopeRow(
        scope_id=data["scope"],
        scope_name=data["name"],
        level=str(data["level"]),
        parent_id=data["parent"],
        numerator=data["numerator"],
        denominator=data["denominator"],
        display=data["display"],
        figure=_decimal(data.get("figure")),
        shortfall=_decimal(data.get("shortfall")),
        change=data.get("change"),
    )


def _section(data: Mapping[str, Any]) -> MetricSection:
    return MetricSection(
        id=data["id"],
        label_zh=data["label_zh"],
        label=data.get("label", data["id"]),
        kind=data["kind"],
        unit=data.get("unit", "%" if data["kind"] == "share" else ""),
        target=_decimal(data.get("target")),
        target_display=data.get("target_display") or "",
        source=data["source"],
        numerator_text=data.get("numerator_text", ""),
        denominator_text=data.get("denominator_text", ""),
        rows=tuple(_row(row) for row in data["values"]),
        numerator_text_zh=data.get("numerator_text_zh", ""),
        denominator_text_zh=data.get("denominator_text_zh", ""),
        source_zh=data.get("source_zh", ""),
    )


def _findings(document: Mapping[str, Any]) -> tuple[ReportFinding, ...]:
    places: dict[int, tuple[str | None, str]] = {}
    for group in document.get("groups", {}).get("by_community", ()):
        for index in group["findings"]:
            places[index] = (group["community"], group["name"])
    return tuple(
        ReportFinding(
            code=data["code"],
            severity=data["severity"],
            subject=data["subject"],
            subject_name=data.get("subject_name", ""),
            message=data["message"],
            rule=data.get("rule", ""),
            community_id=places.get(index, (None, ""))[0],
            community_name=places.get(index, (None, ""))[1],
        )
        for index, data in enumerate(document["findings"])
    )


def _groups(
    groups: list[dict[str, Any]], key: str, findings: tuple[ReportFinding, ...]
) -> tuple[FindingGroup, ...]:
    return tuple(
        FindingGroup(
            key=group[key],
            name=group.get("name", ""),
            findings=tuple(findings[index] for index in group["findings"]),
        )
        for group in groups
    )


def report_model(document: Mapping[str, Any]) -> ReportModel:
    """The typed view of a report (``nbpb report --format json``) or findings document
    (``nbpb validate --format json``).

    Raises:
        InvalidRecordError: the document lacks a field every such document has (rule
            ``report.document``, naming the field).
    """
    try:
        return _model(document)
    except KeyError as exc:
        key = str(exc.args[0]) if exc.args else ""
        raise InvalidRecordError(
            f"the report document lacks the field {key}",
            subject=str(document.get("file", "")),
            rule="report.document",
            params={"key": key},
        ) from None


def _model(document: Mapping[str, Any]) -> ReportModel:
    findings = _findings(document)
    groups = document.get("groups", {})
    compare = document.get("compare")
    return ReportModel(
        format=document["format"],
        file=document["file"],
        title=document.get("title", ""),
        as_of=_dt.date.fromisoformat(document["as_of"]),
        compare=None if compare is None else _dt.date.fromisoformat(compare),
        metrics=tuple(_section(metric) for metric in document.get("metrics", ())),
        findings=findings,
        counts=dict(document["counts"]),
        by_kind=_groups(groups.get("by_kind", []), "code", findings),
        by_community=_groups(groups.get("by_community", []), "community", findings),
    )
