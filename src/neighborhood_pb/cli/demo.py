"""``nbpb demo [FILE]``: a bundled sample, or the user's own dataset, shown section by section.

Each section is a function of the built dataset returning lines of text; :data:`DEMO_SECTIONS`
lists them in order, and later capabilities add their own (before the findings, which come
last). The sections on posts are in :mod:`neighborhood_pb.cli.demo_posts`, those on rotations
and civic days in :mod:`neighborhood_pb.cli.demo_duty`.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections.abc import Callable

import attrs

from neighborhood_pb.cli.command import Subcommand, add_as_of, read_dataset, write_lines
from neighborhood_pb.cli.demo_cobuild import cobuild_section
from neighborhood_pb.cli.demo_duty import civic_section, duty_section
from neighborhood_pb.cli.demo_governance import governance_section
from neighborhood_pb.cli.demo_points import points_section
from neighborhood_pb.cli.demo_posts import cross_appointment_section, part_time_section
from neighborhood_pb.cli.findings import count_line, finding_lines
from neighborhood_pb.cli.report import report_section
from neighborhood_pb.cli.text import (
    WIDTH,
    Wording,
    day_text,
    display_width,
    heading,
    labelled,
    note,
    say,
    table,
    term,
    wrap,
)
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.people import redact_phone
from neighborhood_pb.structure.records import Organisation, ReportChannel
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "COMMAND",
    "DEMO_SECTIONS",
    "DemoSection",
    "MemberCounts",
    "civic_section",
    "cross_appointment_section",
    "duty_section",
    "findings_section",
    "levels_section",
    "member_counts",
    "overview_section",
    "part_time_section",
    "points_section",
    "reports_section",
    "run",
    "territory_section",
    "tree_section",
]

_TEXT: Wording = {
    "schema": ("层级体系：  {code}", "level schema:  {code}"),
    "as_of": ("数据日期：  {day}", "as of:         {day}"),
    "levels": ("组织层级", "Levels"),
    "total": ("合计", "total"),
    "levels_note": (
        "党员按其组织关系或兼合式参与所在的层级计数；预备党员不计入正式党员。",
        "Members are counted at the level where their formal relation (组织关系) or "
        "compound-style participation (兼合式) is held; probationary members (预备党员) do "
        "not count as full members.",
    ),
    "territory": ("辖区", "Territory"),
    "tree": ("组织树（各子树的党员）", "Tree (members of each subtree)"),
    "tree_note": (
        "每行计其整个子树。报到：向该子树覆盖的社区或网格报到的在职党员。",
        "Each line counts its whole subtree. Reported (报到): in-service members reported to "
        "a community or grid that the subtree covers.",
    ),
    "reports": ("在职党员报到", "Residential reports (在职党员报到)"),
    "reports_note": (
        "本库打印或导出电话号码时一律打码（138****5678）。",
        "Phone numbers are masked (138****5678) wherever the library prints or exports them.",
    ),
    "findings": ("检查结果（截至{day}）", "Findings as of {day}"),
}
"""The demo's own headings and notes, in Chinese and in English."""


DemoSection = Callable[[DatasetContext, str], list[str]]
"""One part of the demo: the built dataset and the language (``zh`` or ``en``) in, lines of
text out."""


@attrs.frozen(kw_only=True)
class MemberCounts:
    """Members of an organisation (or of its subtree) on a day.

    Attributes:
        formal: Formal relations (组织关系), full and probationary.
        full: Full members (正式党员) among them.
        compound_style: Compound-style participants (兼合式).
    """

    formal: int
    full: int
    compound_style: int

    @property
    def probationary(self) -> int:
        """Probationary members (预备党员) among the formal ones."""
        return self.formal - self.full


def member_counts(tree: OrgTree, org_id: str, on: _dt.date, *, subtree: bool) -> MemberCounts:
    """Formal (full / probationary) and compound-style members of an org or its subtree."""
    formal = tree.memberships(org_id, on, subtree=subtree)
    compound = tree.memberships(org_id, on, kind=MembershipKind.COMPOUND_STYLE, subtree=subtree)
    return MemberCounts(
        formal=len(formal),
        full=tree.full_member_count(org_id, on, subtree=subtree),
        compound_style=len(compound),
    )


def overview_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Title, description, schema and day."""
    dataset, schema = ctx.dataset, ctx.dataset.schema
    lines = [dataset.title, "=" * display_width(dataset.title)]
    if dataset.description:
        lines += wrap(dataset.description, WIDTH)
    lines += [
        say(_TEXT, "schema", lang, code=term(schema.label_zh, schema.code, lang)),
        say(_TEXT, "as_of", lang, day=day_text(ctx.on, lang)),
    ]
    return lines


def levels_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Organisations and members held at each level, in schema order."""
    tree, on = ctx.tree, ctx.on
    by_level = tree.counts_by_level(on)
    rows = []
    totals = [0, 0, 0, 0, 0]
    for position, level in enumerate(tree.schema.levels, 1):
        orgs = [org for org in tree.orgs(on) if org.level == level.code]
        counts = [member_counts(tree, org.id, on, subtree=False) for org in orgs]
        figures = [
            by_level[level.code],
            sum(c.formal for c in counts),
            sum(c.full for c in counts),
            sum(c.probationary for c in counts),
            sum(c.compound_style for c in counts),
        ]
        totals = [t + f for t, f in zip(totals, figures, strict=True)]
        rows.append(
            [str(position), *labelled(level.label_zh, level.code, lang), *map(str, figures)]
        )
    total = say(_TEXT, "total", lang)
    rows.append(["", total, *([""] if lang == "zh" else []), *map(str, totals)])
    headers = [
        ["#", "层级", "代码", "组织", "组织关系", "正式", "预备", "兼合"],
        ["#", "level", "orgs", "formal", "full", "prob.", "compound"],
    ]
    return [
        *heading(say(_TEXT, "levels", lang)),
        *table(headers, rows, align="lllrrrrr" if lang == "zh" else "llrrrrr", lang=lang),
        "",
        *note(say(_TEXT, "levels_note", lang)),
    ]


def territory_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Territory by kind, and the grids with their codes."""
    tree, on = ctx.tree, ctx.on
    counts = tree.territories.count_by_kind(on)
    rows = [
        [kind.label_zh if lang == "zh" else term(kind.label_zh, kind.value, lang), str(count)]
        for kind, count in sorted(counts.items(), key=lambda item: item[0].rank)
        if count
    ]
    headers = [["类型", "数量"], ["kind", "count"]]
    lines = [*heading(say(_TEXT, "territory", lang)), *table(headers, rows, "lr", lang=lang)]
    grids = [t for t in tree.territories if t.kind is TerritoryKind.GRID and t.period.contains(on)]
    if grids:
        grid_rows = [[g.name, g.code or "", g.id] for g in grids]
        grid_headers = [["网格", "编码", "编号"], ["grid", "code", "id"]]
        lines += ["", *table(grid_headers, grid_rows, lang=lang)]
    return lines


def _form_label(tree: OrgTree, org: Organisation, lang: str) -> str:
    if org.form is OrgForm.CONTACT_HOUSEHOLD:  # the schema names its leaf (党群示范户, 党员中心户)
        return term(tree.schema.level(org.level).label_zh, org.level, lang)
    return term(org.form.label_zh, org.form.value, lang)


def tree_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """The tree, one organisation a line, with the members of each subtree."""
    tree, on = ctx.tree, ctx.on
    rows: list[list[str]] = []

    def walk(org_id: str | None, depth: int) -> None:
        for org in tree.children(org_id, on):
            counts = member_counts(tree, org.id, on, subtree=True)
            reported = len(tree.reported_members(org.id, on))
            rows.append(
                [
                    "  " * depth + org.name,
                    org.id,
                    _form_label(tree, org, lang),
                    str(counts.formal),
                    str(counts.full),
                    str(counts.probationary),
                    str(counts.compound_style),
                    str(reported),
                ]
            )
            walk(org.id, depth + 1)

    walk(None, 0)
    headers = [
        ["组织", "编号", "形式", "组织关系", "正式", "预备", "兼合", "报到"],
        ["organisation", "id", "form", "formal", "full", "prob.", "compound", "reported"],
    ]
    return [
        *heading(say(_TEXT, "tree", lang)),
        *table(headers, rows, align="lllrrrrr", lang=lang),
        "",
        *note(say(_TEXT, "tree_note", lang)),
    ]


def reports_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """In-service members reported to their residential community (到社区报到)."""
    tree, on = ctx.tree, ctx.on
    rows = []
    for root in tree.roots(on):
        for report in sorted(tree.reported_members(root.id, on), key=lambda r: r.id):
            person = tree.person(report.person_id)
            place = tree.territories.get(report.grid_id or report.community_id).name
            joined = [
                tree.org(m.org_id, on).name
                for m in tree.memberships_of(person.id)
                if m.kind is MembershipKind.COMPOUND_STYLE and m.period.contains(on)
            ]
            rows.append(
                [
                    person.name,
                    term(person.employment.label_zh, person.employment.value, lang),
                    place,
                    ("、" if lang == "zh" else "+").join(
                        c.label_zh if lang == "zh" else c.value
                        for c in ReportChannel
                        if c in report.channels
                    ),
                    day_text(report.period.start, lang),
                    "、".join(joined) or "-",
                    redact_phone(person.phone) or "-",
                ]
            )
    headers = [
        ["党员", "身份", "报到", "方式", "日期", "兼合", "电话"],
        ["member", "status", "community or grid", "channels", "since", "takes part in", "phone"],
    ]
    return [
        *heading(say(_TEXT, "reports", lang)),
        *table(headers, rows, lang=lang),
        "",
        *note(say(_TEXT, "reports_note", lang)),
    ]


def findings_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Every check's findings, errors first."""
    findings = check_dataset(ctx)
    return [
        *heading(say(_TEXT, "findings", lang, day=day_text(ctx.on, lang))),
        *finding_lines(findings, lang=lang),
        "",
        "  " + count_line(findings, lang),
    ]


DEMO_SECTIONS: tuple[DemoSection, ...] = (
    overview_section,
    levels_section,
    territory_section,
    tree_section,
    reports_section,
    cross_appointment_section,
    part_time_section,
    duty_section,
    civic_section,
    governance_section,
    cobuild_section,
    points_section,
    findings_section,
    report_section,
)
"""The demo's sections, in order: the findings, which cover everything, then the report."""


_HELP: Wording = {
    "command": (
        "展示内置样例或数据文件：组织树、党员、职务、轮值、活动日和检查结果",
        "show a bundled sample or a dataset file: its tree, members, posts, rotations, civic"
        " days and findings",
    ),
    "file": (
        "要展示的数据文件（JSON，由 dumps_dataset 写出），代替样例",
        "a dataset document (JSON, as written by dumps_dataset) to show instead of a sample",
    ),
    "sample": (
        "要展示的内置样例（默认：{default}）",
        "which bundled sample to show (default: {default})",
    ),
    "as_of": ("展示数据集", "show the dataset"),
}
"""The subcommand's help, in Chinese and in English."""


def _add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("file", metavar="FILE", nargs="?", help=say(_HELP, "file", lang))
    source.add_argument(
        "--sample",
        choices=SAMPLE_NAMES,
        help=say(_HELP, "sample", lang, default=SAMPLE_NAMES[0]),
    )
    add_as_of(parser, lang, _HELP["as_of"])


def run(args: argparse.Namespace) -> int:
    """Print every section of the demo for ``args.file`` or the chosen sample.

    Exit status: 0 with the demo; 2, with a one-line message, when the file cannot be used
    (as for ``nbpb validate``).
    """
    if args.file is None:
        ctx = DatasetContext.build(load_sample(args.sample or SAMPLE_NAMES[0]), args.as_of)
    else:
        read = read_dataset("demo", args.file, args.as_of, args.lang)
        if isinstance(read, int):
            return read
        ctx = read
    lines: list[str] = []
    for section in DEMO_SECTIONS:
        lines += section(ctx, args.lang)
    write_lines(lines)
    return 0


COMMAND = Subcommand(
    name="demo",
    help=_HELP["command"],
    add_arguments=_add_arguments,
    run=run,
)
