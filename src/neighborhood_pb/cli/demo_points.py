"""``nbpb demo``'s points section: a community's quarterly standings (积分排行) as of the
demo day, and who falls short of compliance, read from the points package's own queries."""

from __future__ import annotations

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.cli.findings import finding_lines
from neighborhood_pb.cli.text import day_text, heading, period_text, table
from neighborhood_pb.dataset import DatasetContext, points_org_ids
from neighborhood_pb.errors import Finding
from neighborhood_pb.points import RankedMember, must_visit_tallies, run_compliance
from neighborhood_pb.points.instants import cycle

__all__ = ["points_rows", "points_section", "standings_quarter"]


def standings_quarter(ctx: DatasetContext) -> Period:
    """The calendar quarter containing the demo day."""
    return cycle(PeriodKind.QUARTER, ctx.on)


def points_rows(ctx: DatasetContext, org_id: str) -> list[tuple[RankedMember, int, str, str]]:
    """Each member's line: ranking line, balance, level name and points to the next level."""
    standings, scale = ctx.ledger.standings, ctx.dataset.points.levels
    rows = []
    for line in standings.org_ranking(org_id, standings_quarter(ctx), ctx.on):
        level = standings.level(line.member_id, scale)
        rows.append(
            (
                line,
                standings.balance(line.member_id),
                level.level.name if level.level is not None else "-",
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
            for line, balance, level, to_next in points_rows(ctx, org_id)
        ]
        headers = [
            ["名次", "党员", "本季度", "余额", "等级", "距下一级"],
            ["rank", "member", "quarter", "balance", "level", "to next"],
        ]
        compliance = ctx.compliance(org_id)
        tallies = [f"{_name(ctx, t.member_id)} {t.total}" for t in must_visit_tallies(compliance)]
        findings += run_compliance(compliance)
        lines += [
            *heading("积分排行", f"Points standings of {org.name}, {period_text(quarter, lang)}"),
            *table(headers, rows),
            "",
            "  Ties share a rank (1, 1, 3); the level is on points earned so far.",
            f"  四必访 in {period_text(compliance.quarter, lang)}: " + ("、".join(tallies) or "-"),
        ]
    return [
        *lines,
        *heading("积分合规", f"Who falls short as of {day_text(ctx.on, lang)}"),
        *finding_lines(tuple(sorted(findings, key=Finding.sort_key)), lang=lang),
    ]
