"""Findings as text and as a JSON document, shared by ``nbpb demo``, ``validate`` and
``report``; each renders in zh (the command's default) or en."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Sequence
from typing import Any

from neighborhood_pb.cli.text import WIDTH, Wording, display_width, pad, say, table, wrap
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.errors.source import source_text
from neighborhood_pb.errors.spec import subject_label
from neighborhood_pb.io.reports.findings import (
    CommunityOf,
    finding_data,
    finding_groups,
    finding_text,
    findings_data,
    severity_counts,
)

__all__ = [
    "add_limit",
    "count_line",
    "finding_data",
    "finding_lines",
    "finding_text",
    "findings_data",
    "grouped_finding_lines",
    "severity_counts",
    "severity_label",
    "summary_lines",
]

_TEXT: Wording = {
    "none": ("无检查结果。", "No findings."),
    "rule": ("依据：", "rule: "),
    "by_kind": ("按类别汇总：", "By kind:"),
    "by_community": ("按社区汇总：", "By community:"),
    "kind": ("类别", "kind"),
    "community": ("社区", "community"),
    "count": ("条数", "count"),
    "no_community": ("未归入社区", "in no community"),
    "group": ("{code}（{count}条）", "{code} ({count})"),
    "more": (
        "  ……另有{hidden}条未列出（--limit {limit}）",
        "  … {hidden} more not listed (--limit {limit})",
    ),
}
"""This module's words, in Chinese and in English (the count line is :func:`count_line`)."""


def severity_label(severity: Severity, lang: str) -> str:
    """How a severity is shown: 错误、警告、提示 under ``zh``; error, warning, info under
    ``en``."""
    return severity.label_zh if lang == "zh" else severity.label_en


def count_line(findings: Sequence[Finding], lang: str = "en") -> str:
    """ "3 findings: 0 errors, 2 warnings, 1 info", or in zh "共3条检查结果：错误0条，…"."""
    counts = severity_counts(findings)
    total = len(findings)
    errors, warnings = counts["error"], counts["warning"]
    if lang == "zh":
        return f"共{total}条检查结果：错误{errors}条，警告{warnings}条，提示{counts['info']}条"
    return (
        f"{total} finding{'' if total == 1 else 's'}: "
        f"{errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, {counts['info']} info"
    )


def finding_lines(
    findings: Sequence[Finding], indent: int = 2, width: int = WIDTH, lang: str = "en"
) -> list[str]:
    """Each finding as a line with its severity and code, then its sentence in ``lang``
    (which names the subject) and its rule, wrapped to ``width``."""
    if not findings:
        return [" " * indent + say(_TEXT, "none", lang)]
    severity_width = max(display_width(severity_label(f.severity, lang)) for f in findings)
    body = indent + 4
    rule_label = say(_TEXT, "rule", lang)
    lines = []
    for finding in findings:
        label = pad(severity_label(finding.severity, lang), severity_width)
        lines.append(f"{' ' * indent}{label}  {finding.code}")
        message = wrap(finding_text(finding, lang), width, indent=body)
        lines += [" " * body + message[0], *message[1:]]
        if finding.rule:
            rule = wrap(
                f"{rule_label}{source_text(finding.rule, lang)}",
                width,
                indent=body + 6,
                first=body,
            )
            lines += [" " * body + rule[0], *rule[1:]]
    return lines


_LIMIT: Wording = {
    "help": (
        "文本输出：每类检查结果至多列出 N 条（汇总仍计全部）",
        "text output: list at most N findings of each kind (the summary counts all)",
    ),
    "not_whole": ("{text!r} 不是整数", "{text!r} is not a whole number"),
    "below_one": ("{text} 小于 1", "{text} is not at least 1"),
}
"""``--limit``'s help and refusals, in Chinese and in English."""


def add_limit(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--limit N``: list at most N findings of each kind in text output (help and
    refusals in ``lang``)."""
    parser.add_argument(
        "--limit",
        type=functools.partial(_positive, lang=lang),
        metavar="N",
        default=None,
        help=say(_LIMIT, "help", lang),
    )


def _positive(text: str, lang: str = "zh") -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(_LIMIT, "not_whole", lang, text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(say(_LIMIT, "below_one", lang, text=text))
    return value


def _place(group: dict[str, Any], lang: str) -> str:
    if group["community"] is None:
        return say(_TEXT, "no_community", lang)
    return subject_label(group["community"], group["name"], lang)


def summary_lines(groups: dict[str, list[dict[str, Any]]], lang: str = "en") -> list[str]:
    """The findings counted by kind and by community (分类汇总), as two small tables."""
    kinds = [[group["code"], str(group["count"])] for group in groups["by_kind"]]
    places = [[_place(group, lang), str(group["count"])] for group in groups["by_community"]]
    count = say(_TEXT, "count", lang)
    return [
        say(_TEXT, "by_kind", lang),
        *table([[say(_TEXT, "kind", lang), count]], kinds, align="lr"),
        say(_TEXT, "by_community", lang),
        *table([[say(_TEXT, "community", lang), count]], places, align="lr"),
    ]


def grouped_finding_lines(
    findings: Sequence[Finding],
    lang: str = "en",
    limit: int | None = None,
    community: CommunityOf | None = None,
) -> list[str]:
    """The summary by kind and by community, then the findings kind by kind (largest kind
    first), at most ``limit`` of each with a line saying how many more there are."""
    if not findings:
        return finding_lines(findings, lang=lang)
    groups = finding_groups(findings, community)
    lines = summary_lines(groups, lang)
    for group in groups["by_kind"]:
        count = group["count"]
        lines += ["", say(_TEXT, "group", lang, code=group["code"], count=count)]
        shown = group["findings"][:limit]
        lines += finding_lines([findings[index] for index in shown], lang=lang)
        hidden = count - len(shown)
        if hidden:
            lines.append(say(_TEXT, "more", lang, hidden=hidden, limit=limit))
    return lines
