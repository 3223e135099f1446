"""``nbpb report FILE``: every metric by level with numerator, denominator and percentage.

``--compare DATE`` adds the change since that day. ``--engine duckdb|spark`` computes the
metrics as SQL over the dataset's columnar tables instead of in memory (identical figures;
``--spark-master URL`` names a Spark cluster). Exit status: 0 with the report; 2, with a
one-line message, when the file cannot be used (as for ``nbpb validate``) or the engine
cannot compute a metric or option asked for.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from functools import partial
from typing import Any

from neighborhood_pb.cli.columnar import is_parquet_dir, open_parquet
from neighborhood_pb.cli.command import (
    Subcommand,
    add_as_of,
    day_type,
    error_text,
    fail,
    invalid_dataset,
    progress_of,
    read_dataset,
    reason_text,
    refusal,
    write_lines,
)
from neighborhood_pb.cli.engines import add_engine_options, engine_tables, sql_tables
from neighborhood_pb.cli.findings import add_limit, count_line, grouped_finding_lines
from neighborhood_pb.cli.pages import add_page_options, missing_output, write_page
from neighborhood_pb.cli.text import Wording, day_text, heading, labelled, note, say, table
from neighborhood_pb.cli.workbook import write_workbook
from neighborhood_pb.dataset import DatasetContext, resolve_as_of
from neighborhood_pb.errors import (
    Finding,
    InvalidRecordError,
    NeighborhoodPBError,
    StructuringError,
)
from neighborhood_pb.io.json import load_dataset
from neighborhood_pb.io.progress import stage
from neighborhood_pb.io.reports import (
    REPORT_FORMAT,
    html_page,
    report_document,
    scope_community,
    value_counts,
)
from neighborhood_pb.io.store.names import is_database_url
from neighborhood_pb.metrics import (
    MetricChange,
    MetricInputs,
    MetricKind,
    MetricTable,
    ScopeLevel,
    compare,
    compute_metrics,
    target_findings,
)
from neighborhood_pb.ratio import NOT_APPLICABLE, shown_in

__all__ = ["COMMAND", "REPORT_FORMAT", "metric_inputs", "report_lines", "report_section", "run"]


_TEXT: Wording = {
    "metric": ("{label}（{id}）", "{id} ({label})"),
    "numerator": ("分子：{text}", "numerator: {text}"),
    "denominator": ("分母：{text}", "denominator: {text}"),
    "source": ("来源：{text}", "source: {text}"),
    "report": ("覆盖率报告（截至{day}）", "Report as of {day}"),
    "not_applicable": (
        "不适用：样例中没有该指标所计的对象（分母为零不等于0%）。"
        "`nbpb report FILE` 按层级列出每项指标，加 --compare DATE 列出变化。",
        "n/a: the sample has none of what the metric counts (a zero denominator is not 0 %). "
        "`nbpb report FILE` shows every metric by level, and --compare DATE the change.",
    ),
    "title": (
        "{path}：{title}（统计日期：{day}{compare}）",
        "{path}: {title}, as of {day}{compare}",
    ),
    "compare": ("，对比日期：{day}", ", change since {day}"),
    "targets": ("目标检查", "Targets"),
}
"""This module's headings and sentences, in Chinese and in English."""

_INDENT = {
    ScopeLevel.TOTAL: "",
    ScopeLevel.STREET: "  ",
    ScopeLevel.COMMUNITY: "    ",
    ScopeLevel.GRID: "      ",
    ScopeLevel.COMPOUND: "        ",
}
_OPTIONAL_LEVELS = (ScopeLevel.GRID.value, ScopeLevel.COMPOUND.value)
ENGINES = ("python", "duckdb", "spark")
"""The engines ``--engine`` chooses from."""


def metric_inputs(ctx: DatasetContext) -> MetricInputs:
    """What the metrics read from a built dataset; a dataset without ledger entries or
    household links leaves the points metrics not applicable rather than at 0 %."""
    points = ctx.dataset.points
    return MetricInputs(
        tree=ctx.tree,
        appointments=ctx.appointments,
        duty_rotations=ctx.duty_rotations,
        ledger=ctx.ledger if points.entries else None,
        household_links=ctx.household_links if points.household_links else None,
        deliberations=ctx.deliberations,
        cobuild=ctx.cobuild,
    )


_HELP: Wording = {
    "command": (
        "按层级列出每项覆盖率指标（分子、分母、百分比），截至某日",
        "every coverage metric by level (numerator, denominator, percentage), as of a day",
    ),
    "file": (
        "数据集文件（JSON）、数据库 URL 或 Parquet 目录",
        "a dataset document (JSON), a store URL or a Parquet directory",
    ),
    "as_of": ("统计", "report"),
    "compare": (
        "同时列出自这个较早日期以来的变化，YYYY-MM-DD",
        "also show the change since this earlier day, YYYY-MM-DD",
    ),
    "level": (
        "同时汇总到社区以下的这一层级（grid 网格或 compound 小区；可重复）",
        "also roll up to this level below the community (grid or compound; repeatable)",
    ),
    "engine": (
        "在内存中计算（python，默认），或在 duckdb、spark 上以 SQL 计算（须安装 `columnar`、"
        "`spark` 扩展）",
        "compute in memory (python, default) or as SQL on duckdb or spark (extras columnar, spark)",
    ),
    "spark_master": (
        "--engine spark 所用的 Spark 主节点（默认：`local[2]`）",
        "the Spark master for --engine spark (default: local[2])",
    ),
}
"""The subcommand's help, in Chinese and in English."""


def _add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", metavar="FILE", help=say(_HELP, "file", lang))
    add_as_of(parser, lang, _HELP["as_of"])
    parser.add_argument(
        "--compare", type=day_type(lang), metavar="DATE", help=say(_HELP, "compare", lang)
    )
    parser.add_argument(
        "--level",
        dest="levels",
        action="append",
        choices=_OPTIONAL_LEVELS,
        default=[],
        help=say(_HELP, "level", lang),
    )
    add_page_options(parser, lang)
    add_limit(parser, lang)
    parser.add_argument(
        "--engine", choices=ENGINES, default="python", help=say(_HELP, "engine", lang)
    )
    parser.add_argument(
        "--spark-master", metavar="URL", default=None, help=say(_HELP, "spark_master", lang)
    )
    add_engine_options(parser, lang)


def report_lines(
    table_now: MetricTable,
    changes: dict[tuple[str, str], MetricChange] | None = None,
    lang: str = "en",
) -> list[str]:
    """The report as text: one table per metric, scopes indented by level; what the metric
    counts, its source and ``n/a`` (不适用) in ``lang``."""
    lines: list[str] = []
    for definition in table_now.metrics:
        lines += heading(say(_TEXT, "metric", lang, label=definition.label_zh, id=definition.id))
        header = [["范围", "分子", "分母", "数值"], ["scope", "numerator", "denominator", "value"]]
        if changes is not None:
            share = definition.kind is MetricKind.SHARE
            header[0].append("变化(百分点)" if share else "变化")
            header[1].append("change (pp)" if share else "change")
        rows = []
        for scope in table_now.scopes:
            value = table_now.value(definition.id, scope.id)
            numerator, denominator = value_counts(value)
            row = [
                _INDENT[scope.level] + (scope.name if lang == "zh" else scope.name_en),
                str(numerator),
                str(denominator),
                shown_in(value.format(), lang),
            ]
            if changes is not None:
                change = changes.get((definition.id, scope.id))
                row.append(shown_in(NOT_APPLICABLE if change is None else change.format(), lang))
            rows.append(row)
        lines += table(header, rows, align="lrrrr", lang=lang)
        lines += note(say(_TEXT, "numerator", lang, text=definition.numerator_in(lang)))
        lines += note(say(_TEXT, "denominator", lang, text=definition.denominator_in(lang)))
        lines += note(say(_TEXT, "source", lang, text=definition.source_in(lang)))
    return lines


def report_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """The demo's last section: every metric for the whole sample, as of its day."""
    table_now = compute_metrics(metric_inputs(ctx), ctx.on)
    rows = []
    for definition in table_now.metrics:
        value = table_now.value(definition.id)
        numerator, denominator = value_counts(value)
        rows.append(
            [
                *labelled(definition.label_zh, definition.id, lang),
                str(numerator),
                str(denominator),
                shown_in(value.format(), lang),
            ]
        )
    lines = heading(say(_TEXT, "report", lang, day=day_text(ctx.on, lang)))
    lines += table(
        [
            ["指标", "编号", "分子", "分母", "数值"],
            ["metric", "numerator", "denominator", "value"],
        ],
        rows,
        align="llrrr" if lang == "zh" else "lrrr",
        lang=lang,
    )
    return [*lines, "", *note(say(_TEXT, "not_applicable", lang))]


def _read(path: str, args: argparse.Namespace) -> DatasetContext | int:
    """The built dataset of the file or database ``path``, or exit status 2."""
    lang = args.lang
    if is_database_url(path):
        ctx = read_dataset("report", path, args.as_of, lang)
        if isinstance(ctx, int) or args.compare is None or args.compare < ctx.on:
            return ctx
        return _compare_too_late(args, ctx.on)
    try:
        dataset = load_dataset(path)
    except FileNotFoundError:
        return fail("report", refusal("no_such_file", lang, path=path))
    except OSError as exc:
        return fail(
            "report", refusal("cannot_read", lang, path=path, reason=reason_text(exc, lang))
        )
    except StructuringError as exc:
        return fail("report", invalid_dataset(path, exc, lang))
    try:
        on = resolve_as_of(dataset, args.as_of)
    except InvalidRecordError:
        return fail("report", refusal("no_as_of", lang, path=path))
    if args.compare is not None and not args.compare < on:
        return _compare_too_late(args, on)
    try:
        ctx = DatasetContext.build(dataset, on)
    except NeighborhoodPBError as exc:
        return fail("report", invalid_dataset(path, exc, args.lang))
    return ctx


def _compare_too_late(args: argparse.Namespace, on: _dt.date) -> int:
    return fail("report", refusal("compare_before", args.lang, compare=args.compare, day=on))


def _parquet(path: str, args: argparse.Namespace) -> tuple[str, _dt.date, Any, Any] | int:
    """The title, day and metric tables of a Parquet directory, computed by an SQL engine."""
    if args.engine == "python":
        return fail("report", refusal("parquet_engine", args.lang, path=path))
    engine = open_parquet("report", path, args)
    if isinstance(engine, int):
        return engine
    facts = engine.facts
    on = args.as_of
    if on is None:
        if "as_of" not in facts:
            return fail("report", refusal("tables_no_as_of", args.lang, path=path))
        on = _dt.date.fromisoformat(facts["as_of"])
    if args.compare is not None and not args.compare < on:
        return _compare_too_late(args, on)
    try:
        now, before = engine_tables(engine, args, on)
    except NeighborhoodPBError as exc:
        return fail("report", error_text(exc, args.lang))
    return facts.get("title", path), on, now, before


def run(args: argparse.Namespace) -> int:
    """Report on ``args.file``; see the module's docstring for the exit status."""
    path: str = args.file
    progress = progress_of(args)
    missing = missing_output("report", args)
    if missing is not None:
        return missing
    if is_parquet_dir(path):
        computed = _parquet(path, args)
        if isinstance(computed, int):
            return computed
        title_name, on, table_now, before = computed
    else:
        with stage(progress, "读取 reading"):
            read = _read(path, args)
        if isinstance(read, int):
            return read
        ctx, dataset, on = read, read.dataset, read.on
        title_name = dataset.title
        if args.engine == "python":
            inputs = metric_inputs(ctx)
            with stage(progress, "计算 computing"):
                table_now = compute_metrics(inputs, on, levels=args.levels)
            before = None
            if args.compare is not None:
                before = compute_metrics(inputs, args.compare, levels=args.levels)
        else:
            try:
                table_now, before = sql_tables(dataset, args, on)
            except NeighborhoodPBError as exc:
                return fail("report", error_text(exc, args.lang))
    community = partial(scope_community, table_now)
    changes = None
    if before is not None:
        changes = {(c.metric_id, c.scope_id): c for c in compare(before, table_now)}
    findings = tuple(
        sorted((*target_findings(table_now), *table_now.findings), key=Finding.sort_key)
    )
    if args.format in ("json", "html", "xlsx"):
        document = report_document(
            path,
            table_now,
            changes,
            args.compare,
            findings,
            args.lang,
            title=title_name,
            community=community,
        )
        if args.format == "xlsx":
            return write_workbook("report", document, args)
        if args.format == "html":
            return write_page("report", args.out, partial(html_page, document), args.lang)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
        return 0
    lang = args.lang
    since = ""
    if args.compare is not None:
        since = say(_TEXT, "compare", lang, day=day_text(args.compare, lang))
    title = say(
        _TEXT, "title", lang, path=path, title=title_name, day=day_text(on, lang), compare=since
    )
    lines = [title, *report_lines(table_now, changes, lang)]
    lines += heading(say(_TEXT, "targets", lang))
    listed = grouped_finding_lines(findings, args.lang, args.limit, community)
    lines += [*listed, count_line(findings, args.lang)]
    write_lines(lines)
    return 0


COMMAND = Subcommand(
    name="report",
    help=_HELP["command"],
    add_arguments=_add_arguments,
    run=run,
)
