"""``nbpb demo`` sections on posts: cross-appointments (双向进入、交叉任职) per compound and
community, and part-time committee members (兼职委员) per committee and tier, with their
evaluation outside working hours (8小时以外考核)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from neighborhood_pb.cli.text import (
    Wording,
    day_text,
    heading,
    note,
    say,
    table,
    term,
)
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.structure.posts.cross import CrossAppointment, cross_appointments_at
from neighborhood_pb.structure.posts.evaluations import YearlySummary
from neighborhood_pb.structure.posts.part_time import (
    PART_TIME_REFERENCES,
    CommitteeTier,
    part_time_summary,
)
from neighborhood_pb.structure.posts.records import PartTimeSource
from neighborhood_pb.structure.territory import Territory, TerritoryKind

__all__ = [
    "cross_appointment_section",
    "format_average",
    "neighbourhoods",
    "part_time_section",
]

_TEXT: Wording = {
    "cross": ("交叉任职（双向进入、交叉任职）", "Cross-appointments (双向进入、交叉任职)"),
    "cross_note": (
        "交叉任职：同一人既在党组织班子任职，又在服务同一小区或社区的业委会、物业公司或居委会任职；"
        "先任的职务决定方向。",
        "A cross-appointment: one person with a party committee seat and a post in the owners'"
        " committee (业委会), property company (物业公司) or residents' committee (居委会) serving"
        " the same place; the post held first gives the direction.",
    ),
    "part_time": ("兼职委员（截至{day}）", "Part-time committee members (兼职委员) as of {day}"),
    "evaluations": (
        "  8小时以外考核，按年度：",
        "  Evaluation outside working hours (8小时以外考核), by year:",
    ),
}
"""This module's headings and notes, in Chinese and in English."""

_NEIGHBOURHOODS = (TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE, TerritoryKind.COMPOUND)


def neighbourhoods(ctx: DatasetContext) -> Iterator[Territory]:
    """The communities, villages and compounds in effect on the day, in the dataset's order."""
    for territory in ctx.tree.territories:
        if territory.kind in _NEIGHBOURHOODS and territory.period.contains(ctx.on):
            yield territory


def format_average(value: Fraction | None) -> str:
    """An exact average for people: ``4``, ``3.96``, or ``-`` when there is none."""
    if value is None:
        return "-"
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}"


def _post(ctx: DatasetContext, cross: CrossAppointment, lang: str) -> tuple[str, str]:
    org = ctx.tree.org(cross.org_id, ctx.on).name
    body = ctx.appointments.body(cross.body_id).name
    party, other = cross.party_post, cross.body_post
    return (
        f"{org} {term(party.label_zh, party.value, lang)}",
        f"{body} {term(other.label_zh, other.value, lang)}",
    )


def cross_appointment_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Each compound's and community's cross-appointments: who, which party post, which post
    in a non-party body serving the same place, and which way they crossed."""
    rows: list[list[str]] = []
    for place in neighbourhoods(ctx):
        found = cross_appointments_at(ctx.appointments, place.id, ctx.on)
        if not found:
            rows.append([place.name, "-", "-", "-", "-"])
        for cross in found:
            party, body = _post(ctx, cross, lang)
            direction = term(cross.label_zh, cross.direction.value, lang)
            rows.append([place.name, ctx.tree.person(cross.person_id).name, party, body, direction])
    headers = [
        ["小区/社区", "人员", "党内职务", "非党组织职务", "方向"],
        ["place", "person", "party post", "non-party post", "direction"],
    ]
    return [
        *heading(say(_TEXT, "cross", lang)),
        *table(headers, rows, lang=lang),
        "",
        *note(say(_TEXT, "cross_note", lang)),
    ]


_SOURCES = (
    PartTimeSource.RESIDENT_UNIT,
    PartTimeSource.IN_SERVICE_MEMBER,
    PartTimeSource.TWO_NEW_ORGANISATION,
    PartTimeSource.OTHER,
)


def _references(tier: CommitteeTier) -> str:
    return "; ".join(
        f"{ref.place} {format_average(ref.average)}"
        for ref in PART_TIME_REFERENCES.values()
        if ref.tier is tier
    )


def _evaluation_rows(ctx: DatasetContext, lang: str) -> list[list[str]]:
    made = [e for e in ctx.appointments.records().evaluations if e.evaluated_on <= ctx.on]
    keys = sorted({(e.person_id, e.period.start.year) for e in made})
    rows = []
    for person_id, year in keys:
        summary = YearlySummary.of(person_id, year, made)
        grade = summary.lowest_grade
        rows.append(
            [
                ctx.tree.person(person_id).name,
                str(year),
                str(summary.count),
                format_average(summary.average_score),
                term(grade.label_zh, grade.value, lang) if grade else "-",
            ]
        )
    return rows


def part_time_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """Part-time members per committee (by where they come from) and per tier (with the
    sources' figures), and their yearly evaluation outside working hours."""
    summary = part_time_summary(ctx.appointments, ctx.on)
    rows = []
    for committee in summary.committees:
        counts = dict(committee.by_source)
        rows.append(
            [
                ctx.tree.org(committee.org_id, ctx.on).name,
                committee.org_id,
                term(committee.tier.label_zh, committee.tier.value, lang),
                str(committee.members),
                *(str(counts.get(source, 0)) for source in _SOURCES),
            ]
        )
    headers = [
        ["委员会", "编号", "层级", "兼职委员", "驻区单位", "在职党员", "两新组织", "其他"],
        ["committee", "id", "tier", "members", "unit", "in-service", "two new", "other"],
    ]
    tier_rows = [
        [
            term(tier.tier.label_zh, tier.tier.value, lang),
            str(tier.committees),
            str(tier.members),
            format_average(tier.average),
            _references(tier.tier),
        ]
        for tier in summary.tiers
    ]
    tier_headers = [
        ["层级", "委员会", "兼职委员", "平均", "参考"],
        ["tier", "committees", "members", "average", "sources' average"],
    ]
    lines = [
        *heading(say(_TEXT, "part_time", lang, day=day_text(ctx.on, lang))),
        *table(headers, rows, align="lllrrrrr", lang=lang),
        "",
        *table(tier_headers, tier_rows, align="lrrrl", lang=lang),
    ]
    evaluations = _evaluation_rows(ctx, lang)
    if evaluations:
        evaluation_headers = [
            ["党员", "年度", "考核次数", "平均分", "最低等次"],
            ["member", "year", "evaluations", "average", "lowest grade"],
        ]
        lines += [
            "",
            say(_TEXT, "evaluations", lang),
            *table(evaluation_headers, evaluations, align="lrrrl", lang=lang),
        ]
    return lines
