"""The report and its findings as an Excel workbook (报告工作簿), for Excel and WPS.

:func:`write_report_xlsx` writes a :class:`~neighborhood_pb.io.reports.ReportModel` (read
from the JSON document of ``nbpb report`` or ``nbpb validate``, so every figure is the
JSON's): a summary sheet, one sheet per metric (scope, name, level, numerator, denominator,
value as a number shown as a percentage, target, shortfall) and a findings sheet, each table
with frozen headers and filters. The file appears whole or not at all: the workbook is
written to a temporary file beside it, then renamed over it.

Requires xlsxwriter (the ``registers`` extra).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from neighborhood_pb.errors import Severity
from neighborhood_pb.io.files import replace_atomically
from neighborhood_pb.io.progress import NO_PROGRESS, Progress
from neighborhood_pb.io.registers.export import close_book
from neighborhood_pb.io.reports.document import REPORT_FORMAT
from neighborhood_pb.io.reports.model import MetricSection, ReportModel, ScopeRow
from neighborhood_pb.io.reports.xlsx_cells import SheetNames
from neighborhood_pb.io.reports.xlsx_sheet import (
    Cell,
    Column,
    ColumnKind,
    Table,
    number_formats,
    widths,
    write_table,
)
from neighborhood_pb.metrics import ScopeLevel

__all__ = ["CONSTANT_MEMORY_ROWS", "write_report_xlsx", "write_xlsx_atomically"]

CONSTANT_MEMORY_ROWS = 50_000
"""Above this many rows in all, the workbook is written row by row in constant memory."""

_T = {
    "zh": {
        "summary": "摘要",
        "findings": "检查结果",
        "report": "覆盖率报告",
        "file": "文件",
        "title": "数据集",
        "as_of": "日期",
        "compare": "对比日期",
        "item": "项目",
        "content": "内容",
        "metric": "指标",
        "id": "编号",
        "sheet": "工作表",
        "scope": "范围编号",
        "scope_name": "范围名称",
        "level": "层级",
        "numerator": "分子",
        "denominator": "分母",
        "value": "数值",
        "display": "显示",
        "target": "目标",
        "shortfall": "差距",
        "change": "变化",
        "kind": "类别",
        "count": "条数",
        "community": "社区",
        "severity": "严重程度",
        "subject_name": "对象名称",
        "subject": "对象编号",
        "message": "内容",
        "rule": "依据",
        "none": "（不在社区内）",
        "numerator_text": "分子口径",
        "denominator_text": "分母口径",
        "source": "来源",
    },
    "en": {
        "summary": "Summary",
        "findings": "Findings",
        "report": "Metrics report",
        "file": "file",
        "title": "dataset",
        "as_of": "as of",
        "compare": "compared with",
        "item": "item",
        "content": "content",
        "metric": "metric",
        "id": "id",
        "sheet": "sheet",
        "scope": "scope",
        "scope_name": "scope name",
        "level": "level",
        "numerator": "numerator",
        "denominator": "denominator",
        "value": "value",
        "display": "shown as",
        "target": "target",
        "shortfall": "shortfall",
        "change": "change",
        "kind": "kind",
        "count": "count",
        "community": "community",
        "severity": "severity",
        "subject_name": "subject name",
        "subject": "subject id",
        "message": "message",
        "rule": "rule",
        "none": "(in no community)",
        "numerator_text": "numerator counts",
        "denominator_text": "denominator counts",
        "source": "source",
    },
}

_TEXT, _COUNT = ColumnKind.TEXT, ColumnKind.COUNT


def _label(kind: type[ScopeLevel] | type[Severity], code: str, lang: str) -> str:
    """A level's or severity's Chinese name in zh, its code in en (an unknown code as is)."""
    try:
        known = kind(code)
    except ValueError:
        return code
    return known.label_zh if lang == "zh" else known.value


def _level(level: str, lang: str) -> str:
    return _label(ScopeLevel, level, lang)


def _severity(severity: str, lang: str) -> str:
    return _label(Severity, severity, lang)


def _figure_kind(section: MetricSection) -> ColumnKind:
    return ColumnKind.PERCENT if section.unit == "%" else ColumnKind.DECIMAL


def _total(section: MetricSection) -> ScopeRow | None:
    for row in section.rows:
        if row.level == ScopeLevel.TOTAL.value:
            return row
    return section.rows[0] if section.rows else None


def metric_table(section: MetricSection, lang: str, compared: bool) -> Table:
    """One metric's sheet: a row per scope, the value a number in the metric's unit."""
    t = _T[lang]
    figure = _figure_kind(section)
    names = ["scope", "scope_name", "level", "numerator", "denominator", "value", "target"]
    kinds = [_TEXT, _TEXT, _TEXT, _COUNT, _COUNT, figure, figure, figure, _TEXT]
    names += ["shortfall", "display"]
    if compared:
        names.append("change")
        kinds.append(_TEXT)
    rows = []
    for row in section.rows:
        cells: list[Cell] = [
            row.scope_id,
            row.scope_name,
            _level(row.level, lang),
            row.numerator,
            row.denominator,
            row.figure,
            section.target,
            row.shortfall,
            row.shown(lang),
        ]
        if compared:
            cells.append(row.change_shown(lang))
        rows.append(tuple(cells))
    columns = tuple(Column(t[name], kind) for name, kind in zip(names, kinds, strict=True))
    return Table(columns, tuple(rows))


def findings_table(model: ReportModel, lang: str) -> Table:
    """The findings sheet: kind, severity, subject name and id, community, message, rule."""
    t = _T[lang]
    names = ["kind", "severity", "subject_name", "subject", "community", "message", "rule"]
    rows = tuple(
        (
            finding.code,
            _severity(finding.severity, lang),
            finding.subject_name,
            finding.subject,
            finding.community_name,
            finding.message,
            finding.rule,
        )
        for finding in model.findings
    )
    return Table(tuple(Column(t[name]) for name in names), rows)


def summary_tables(model: ReportModel, lang: str, sheets: Mapping[str, str]) -> list[Table]:
    """The summary sheet's tables: what was reported on and the counts, each metric for the
    whole area (with its sheet's name), and the findings by kind and by community."""
    t = _T[lang]
    about: list[tuple[Cell, ...]] = [
        (t["file"], model.file),
        (t["title"], model.title),
        (t["as_of"], model.as_of_zh if lang == "zh" else model.as_of.isoformat()),
    ]
    if model.compare is not None:
        compare = model.compare_zh if lang == "zh" else model.compare.isoformat()
        about.append((t["compare"], compare))
    kinds = [(_TEXT, _TEXT)] * len(about)
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        about.append((_severity(severity.value, lang), model.counts.get(severity.value, 0)))
        kinds.append((_TEXT, _COUNT))
    tables = [Table((Column(t["item"]), Column(t["content"])), tuple(about), tuple(kinds))]
    if model.metrics:
        tables.append(_overview(model, lang, sheets))
    if model.findings:
        by_kind = tuple((group.key or "", group.count) for group in model.by_kind)
        tables.append(Table((Column(t["kind"]), Column(t["count"], _COUNT)), by_kind))
        by_community = tuple(
            (group.name or t["none"], group.key or "", group.count) for group in model.by_community
        )
        columns = (Column(t["community"]), Column(t["id"]), Column(t["count"], _COUNT))
        tables.append(Table(columns, by_community))
    return tables


def _overview(model: ReportModel, lang: str, sheets: Mapping[str, str]) -> Table:
    t = _T[lang]
    names = ["metric", "id", "sheet", "numerator", "denominator", "value", "target", "shortfall"]
    names += ["numerator_text", "denominator_text", "source"]
    rows: list[tuple[Cell, ...]] = []
    kinds = []
    for section in model.metrics:
        total = _total(section)
        label = section.label_zh if lang == "zh" else section.label
        figures: tuple[Cell, ...] = (None, None, None, section.target, None)
        if total is not None:
            figures = (
                total.numerator,
                total.denominator,
                total.figure,
                section.target,
                total.shortfall,
            )
        texts = (section.numerator_in(lang), section.denominator_in(lang), section.source_in(lang))
        rows.append((label, section.id, sheets[section.id], *figures, *texts))
        figure = _figure_kind(section)
        kinds.append((_TEXT, _TEXT, _TEXT, _COUNT, _COUNT, figure, figure, figure, *[_TEXT] * 3))
    return Table(tuple(Column(t[name]) for name in names), tuple(rows), tuple(kinds))


def write_report_xlsx(
    model: ReportModel,
    out: str | os.PathLike[str],
    *,
    lang: str = "zh",
    progress: Progress = NO_PROGRESS,
    constant_memory: bool | None = None,
) -> Path:
    """Write ``model`` as a workbook at ``out``, whole or not at all.

    Args:
        model: The report or findings document, as read by ``report_model``.
        out: The ``.xlsx`` file to write (replaced if it exists).
        lang: The language of sheet names and headers (``zh`` or ``en``); the findings'
            sentences are in the document's own language.
        progress: Told of each sheet written.
        constant_memory: Write row by row in constant memory; ``None`` does so above
            :data:`CONSTANT_MEMORY_ROWS` rows.

    Returns:
        The file written.

    Raises:
        OSError: the file (or a temporary file beside it) cannot be written; nothing is left.
    """
    t = _T[lang]
    rows = sum(len(section.rows) for section in model.metrics) + len(model.findings)
    big = rows > CONSTANT_MEMORY_ROWS if constant_memory is None else constant_memory
    names = SheetNames()
    summary_name = names.name(t["summary"])
    sheets = {
        section.id: names.name(section.label_zh if lang == "zh" else section.label, section.id)
        for section in model.metrics
    }
    findings_name = names.name(t["findings"])
    compared = model.compare is not None
    pages: list[tuple[str, list[Table], bool]] = [
        (summary_name, summary_tables(model, lang, sheets), False)
    ]
    pages += [
        (sheets[section.id], [metric_table(section, lang, compared)], True)
        for section in model.metrics
    ]
    pages.append((findings_name, [findings_table(model, lang)], True))
    title = t["report"] if model.format == REPORT_FORMAT else t["findings"]
    if model.title:
        title = f"{model.title} {title}"

    def write(path: str) -> None:
        _write_pages(path, pages, title, big, progress)

    return write_xlsx_atomically(out, write)


def _write_pages(
    path: str, pages: list[tuple[str, list[Table], bool]], title: str, big: bool, progress: Progress
) -> None:
    import xlsxwriter  # type: ignore[import-untyped]  # the ``registers`` extra

    options = {
        "constant_memory": big,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    book = xlsxwriter.Workbook(path, options)
    task = progress.task("写入工作簿 workbook", len(pages))
    try:
        formats: dict[ColumnKind | str, Any] = {
            kind: book.add_format(spec) for kind, spec in number_formats().items()
        }
        for number, (name, tables, filters) in enumerate(pages):
            sheet = book.add_worksheet(name)
            for index, width in enumerate(widths(tables)):
                sheet.set_column(index, index, width)
            row = 0
            if number == 0:
                sheet.write_string(0, 0, title, formats["title"])
                row = 2
            for table in tables:
                row = write_table(sheet, row, table, formats, filters=filters) + 1
            task.advance()
    finally:
        task.close()
        close_book(book)


def write_xlsx_atomically(out: str | os.PathLike[str], write: Callable[[str], None]) -> Path:
    """Have ``write`` write a workbook beside ``out``, then rename it to ``out``
    (:func:`~neighborhood_pb.io.files.replace_atomically`).

    Raises:
        OSError: the directory cannot take the file, or ``out`` is a directory.
    """
    return replace_atomically(out, write)
