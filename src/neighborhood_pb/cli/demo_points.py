"""``nbpb demo``'s points section: a community's quarterly standings (积分排行) as of the
demo day, and who falls short of compliance, read from the points package's own queries."""

from __future__ import annotations

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.cli.findings import finding_lines
from neighborhood_pb.cli.text import (
    Wording,
    day_text,
    heading,
    note,
    period_text,
    say,
    table,
    term,
)
from neighborhood_pb.dataset import DatasetContext, points_org_ids
from neighborhood_pb.errors import Finding
from neighborhood_pb.points import RankedMember, must_visit_tallies, run_compliance
from neighborhood_pb.points.instants import cycle

__all__ = ["points_rows", "points_section", "standings_quarter"]

_TEXT: Wording = {
    "standings": ("{org}积分排行（{period}）", "Points standings (积分排行) of {org}, {period}"),
    "ties": (
        "并列者名次相同（1、1、3）；等级按累计所得积分评定。",
        "Ties share a rank (1, 1, 3); the level is on points earned so far.",
    ),
    "visits": ("  四必访（{period}）：{tallies}", "  Must-visits (四必访) in {period}: {tallies}"),
    "compliance": ("积分合规：截至{day}未达标者", "Who falls short (积分合规) as of {day}"),
}
"""This module's headings and notes, in Chinese and in English."""


def standings_quarter(ctx: DatasetContext) -> Period:
    """The calendar quarter containing the demo day."""
    return cycle(PeriodKind.QUARTER, ctx.on)


def points_rows(
    ctx: DatasetContext, org_id: str, lang: str = "zh"
) -> list[tuple[RankedMember, int, str, str]]:
    """Each member's line: ranking line, balance, level (its name; under ``en`` its code with
    the name in brackets) and points to the next level."""
    standings, scale = ctx.ledger.standings, ctx.dataset.points.levels
    rows = []
    for line in standings.org_ranking(org_id, standings_quarter(ctx), ctx.on):
        level = standings.level(line.member_id, scale)
        rows.append(
            (
                line,
                standings.balance(line.member_id),
                "-" if level.level is None else term(level.level.name, level.level.code, lang),
                "-" if level.points_to_next is None else str(level.points_to_next),
            )
        )
    return rows


def _name(ctx: DatasetContext, person_id: str) -> str:
    return ctx.tree.person(person_id).name


def points_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Quarterly standings with ties, balances and levels; must-visit tallies; and the
    compliance findings (quarterly service, "1+10", must-visits, home days)."""
    if ctx.dataset.points.is_empty:
        return []
    quarter = standings_quarter(ctx)
    lines: list[str] = []
    findings: list[Finding] = []
    for org_id in points_org_ids(ctx):
        org = ctx.tree.org(org_id, ctx.on)
        rows = [
            [
                str(line.rank),
                _name(ctx, line.member_id),
                str(line.points),
                str(balance),
                level,
                to_next,
            ]
            for line, balance, level, to_next in points_rows(ctx, org_id, lang)
        ]
        headers = [
            ["名次", "党员", "本季度", "余额", "等级", "距下一级"],
            ["rank", "member", "quarter", "balance", "level", "to next"],
        ]
        compliance = ctx.compliance(org_id)
        tallies = [f"{_name(ctx, t.member_id)} {t.total}" for t in must_visit_tallies(compliance)]
        findings += run_compliance(compliance)
        lines += [
            *heading(
                say(_TEXT, "standings", lang, org=org.name, period=period_text(quarter, lang))
            ),
            *table(headers, rows, lang=lang),
            "",
            *note(say(_TEXT, "ties", lang)),
            say(
                _TEXT,
                "visits",
                lang,
                period=period_text(compliance.quarter, lang),
                tallies=("、" if lang == "zh" else ", ").join(tallies) or "-",
            ),
        ]
    return [
        *lines,
        *heading(say(_TEXT, "compliance", lang, day=day_text(ctx.on, lang))),
        *finding_lines(tuple(sorted(findings, key=Finding.sort_key)), lang=lang),
    ]
