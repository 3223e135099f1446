"""``nbpb validate SOURCE``: read a dataset, build it, run every check, report the findings.

SOURCE may also be a directory of Parquet tables (``nbpb export --format parquet``): its
tables are checked against the schema and every id a row names must exist.

Ledger entries that no longer validate against the registers (edited after they were made)
are reported as findings, one per entry, and the rest of the ledger is checked.

Exit status: 0 when no finding has error severity, 1 when some do, 2 when the file cannot be
used at all (missing, unreadable, not JSON, not a valid dataset, not Parquet of the schema,
no day to check as of), with a one-line message naming the problem and where it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial

from neighborhood_pb.cli.columnar import is_parquet_dir, read_tables
from neighborhood_pb.cli.command import (
    Subcommand,
    add_as_of,
    fail,
    progress_of,
    read_dataset,
    refusal,
    write_lines,
)
from neighborhood_pb.cli.findings import (
    add_limit,
    count_line,
    findings_data,
    grouped_finding_lines,
)
from neighborhood_pb.cli.pages import add_page_options, missing_output, write_page
from neighborhood_pb.cli.text import Wording, day_text, say
from neighborhood_pb.cli.workbook import write_workbook
from neighborhood_pb.dataset import check_dataset
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.io.columnar.tables import metadata_facts
from neighborhood_pb.io.progress import stage
from neighborhood_pb.io.reports import CommunityOf, community_of, html_page

__all__ = ["COMMAND", "REPORT_FORMAT", "run"]

REPORT_FORMAT = "neighborhood_pb.findings"
"""The ``format`` named by the JSON that ``nbpb validate --format json`` prints."""


_HELP: Wording = {
    "command": (
        "检查数据文件：无错误则退出码 0，有错误为 1，无法使用为 2",
        "check a dataset file: exit 0 if no error finding, 1 if any, 2 if it is unusable",
    ),
    "file": (
        "数据集文件（JSON）、数据库 URL 或 Parquet 数据表目录",
        "a dataset document (JSON), a store URL or a directory of Parquet tables",
    ),
    "as_of": ("检查", "check"),
}
"""The subcommand's help, in Chinese and in English."""


def _add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", metavar="SOURCE", help=say(_HELP, "file", lang))
    add_page_options(parser, lang)
    add_limit(parser, lang)
    add_as_of(parser, lang, _HELP["as_of"])


_TEXT: Wording = {
    "header": (
        "{path}：{title}（{kind}），统计日期：{day}",
        "{path}: {title} ({kind}), as of {day}",
    ),
}
"""This module's sentences, in Chinese and in English."""


def _parquet(path: str, args: argparse.Namespace) -> tuple[str, str, str] | int:
    """The header's title and day of a Parquet directory whose tables fit the schema and
    whose rows name only records that exist; its records were checked when written."""
    tables = read_tables("validate", path, args.lang)
    if isinstance(tables, int):
        return tables
    facts = metadata_facts(tables)
    on = args.as_of.isoformat() if args.as_of is not None else facts.get("as_of", "")
    if not on:
        return fail("validate", refusal("tables_no_as_of", args.lang, path=path))
    return facts.get("title", path), f"Parquet v{facts['schema_version']}", on


def run(args: argparse.Namespace) -> int:
    """Validate ``args.file``; see the module's docstring for the exit status."""
    path: str = args.file
    missing = missing_output("validate", args)
    if missing is not None:
        return missing
    community: CommunityOf | None = None
    if is_parquet_dir(path):
        checked = _parquet(path, args)
        if isinstance(checked, int):
            return checked
        title, kind, on = checked
        findings: tuple[Finding, ...] = ()
    else:
        progress = progress_of(args)
        ctx = read_dataset(
            "validate", path, args.as_of, args.lang, ledger="lenient", progress=progress
        )
        if isinstance(ctx, int):
            return ctx
        title, kind, on = ctx.dataset.title, ctx.dataset.schema.code, ctx.on.isoformat()
        with stage(progress, "检查 checking"):
            findings = check_dataset(ctx)
        community = partial(community_of, ctx)
    status = 1 if any(f.severity is Severity.ERROR for f in findings) else 0
    if args.format in ("json", "html", "xlsx"):
        document = {
            "as_of": on,
            "file": path,
            "format": REPORT_FORMAT,
            "ok": status == 0,
            "title": title,
            "version": 1,
            **findings_data(findings, args.lang, community),
        }
        if args.format == "html":
            written = write_page("validate", args.out, partial(html_page, document), args.lang)
            return written or status
        if args.format == "xlsx":
            return write_workbook("validate", document, args) or status
        sys.stdout.write(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
    else:
        header = say(
            _TEXT,
            "header",
            args.lang,
            path=path,
            title=title,
            kind=kind,
            day=day_text(on, args.lang),
        )
        listed = grouped_finding_lines(findings, args.lang, args.limit, community)
        write_lines([header, *listed, count_line(findings, args.lang)])
    return status


COMMAND = Subcommand(
    name="validate",
    help=_HELP["command"],
    add_arguments=_add_arguments,
    run=run,
)
