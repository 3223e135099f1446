"""``nbpb demo``'s co-building section (四项清单): a community's needs, resources and projects
as they stand on the demo day, then one need followed from its match to the project that
answered it."""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.cli.text import Wording, day_text, heading, named, say, table, term
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.governance.cobuild.checks import yuan
from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.matching import match
from neighborhood_pb.governance.cobuild.needs import Need
from neighborhood_pb.governance.cobuild.resources import Resource, ResourceKind
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["cobuild_section", "followed_need"]

_TEXT: Wording = {
    "empty_title": ("四项清单", "The four lists (四项清单)"),
    "empty": (
        "  本数据集没有群众需求（其共建部分为空）。",
        "  This dataset keeps no need (its cobuild section is empty).",
    ),
    "title": ("{place}的四项清单（{day}）", "The four lists (四项清单) of {place} on {day}"),
    "matched": ("  {need}于{day}匹配到", "  {need} on {day}: matched to"),
    "resource": ("    {resource}；{why}", "    {resource}; {why}"),
    "answered": ("    由{project}自{day}起承接", "    answered by {project} from {day}"),
    "status": ("    {day}：{status}", "    {status} on {day}"),
    "yuan": ("{amount}元", "{amount} yuan (元)"),
    "category": ("类别", "category"),
    "distance": ("距离", "distance"),
    "capacity_left": ("剩余容量", "capacity_left"),
    "period": ("时段", "period"),
    "score": ("得分", "score"),
}
"""This module's headings and sentences, in Chinese and in English."""


def followed_need(lists: FourLists) -> Need | None:
    """The need the demo follows: the first a project answers, else the first raised."""
    answered = {n for p in lists.projects() for n in p.need_ids}
    needs = lists.needs()
    return next((n for n in needs if n.id in answered), needs[0] if needs else None)


def _name(tree: OrgTree, territory_id: str, lang: str) -> str:
    known = tree.territories.by_id.get(territory_id)
    return territory_id if known is None else named(known.name, territory_id, lang)


def _community(tree: OrgTree, territory_id: str) -> str:
    """The community a territory lies in (itself when it is one, or unknown to the tree)."""
    if territory_id not in tree.territories.by_id:
        return territory_id
    above = tree.territories.ancestors(territory_id)
    return next((t.id for t in above if t.kind is TerritoryKind.COMMUNITY), territory_id)


def _within(tree: OrgTree, territory_id: str, place: str) -> bool:
    if territory_id == place:
        return True
    if territory_id not in tree.territories.by_id:
        return False
    return any(t.id == place for t in tree.territories.ancestors(territory_id))


def cobuild_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """The four lists of the followed need's community, and that need's way to its project
    (a line saying there is none when the dataset keeps no need)."""
    need = None if ctx.cobuild is None else followed_need(ctx.cobuild[0])
    if ctx.cobuild is None or need is None:
        return [*heading(say(_TEXT, "empty_title", lang)), say(_TEXT, "empty", lang)]
    lists = ctx.cobuild[0]
    tree, on = ctx.tree, ctx.on
    place = _community(tree, need.territory_id)
    needs = [n for n in lists.needs() if _within(tree, n.territory_id, place) and n.raised_on <= on]
    offered = [r for r in lists.resources(on) if _within(tree, r.territory_id, place)]
    shown = {n.id for n in needs}
    projects = [p for p in lists.projects() if p.need_ids & shown and p.start <= on]
    lines = [
        *heading(say(_TEXT, "title", lang, place=_name(tree, place, lang), day=day_text(on, lang))),
        *table(
            [["需求", "提出日", "状态"], ["need", "raised", "status"]],
            [
                [
                    named(n.title, n.id, lang),
                    day_text(n.raised_on, lang),
                    _status(lists, n.id, on, lang),
                ]
                for n in needs
            ],
            lang=lang,
        ),
        *table(
            [["资源", "类别", "容量", "已投入"], ["resource", "kind", "capacity", "committed"]],
            [
                [
                    named(r.title, r.id, lang),
                    term(r.kind.label_zh, r.kind.value, lang),
                    *_use(lists, r, on, lang),
                ]
                for r in offered
            ],
            lang=lang,
        ),
        *table(
            [
                ["项目", "责任主体", "完成时限", "预算(元)", "已支出(元)"],
                ["project", "owner", "due", "budget (yuan)", "spent (yuan)"],
            ],
            [
                [
                    named(p.title, p.id, lang),
                    _owner(tree, p.owner_id, on, lang),
                    day_text(p.due, lang),
                    yuan(p.budget_fen),
                    yuan(lists.spent_by(p.id, on)),
                ]
                for p in projects
            ],
            lang=lang,
        ),
    ]
    events = lists.events(need.id)
    matched = next((e for e in events if e.resource_id is not None), None)
    if matched is not None and matched.resource_id is not None:
        resource = lists.resource(matched.resource_id)
        ranked = match(need, [resource], tree.territories, need.raised_on)
        parts = ranked[0].explain().items() if ranked else ()
        why = ("，" if lang == "zh" else ", ").join(
            f"{say(_TEXT, part, lang)} {value}" for part, value in parts
        )
        day = day_text(matched.day, lang)
        lines += [
            say(_TEXT, "matched", lang, need=named(need.title, need.id, lang), day=day),
            say(
                _TEXT, "resource", lang, resource=named(resource.title, resource.id, lang), why=why
            ),
        ]
    status = _status(lists, need.id, on, lang)
    for project in (p for p in projects if need.id in p.need_ids):
        answered = named(project.title, project.id, lang)
        day = day_text(project.start, lang)
        lines.append(say(_TEXT, "answered", lang, project=answered, day=day))
    lines.append(say(_TEXT, "status", lang, status=status, day=day_text(on, lang)))
    return lines


def _status(lists: FourLists, need_id: str, on: _dt.date, lang: str) -> str:
    status = lists.status(need_id, on)
    return term(status.label_zh, status.value, lang)


def _use(lists: FourLists, resource: Resource, on: _dt.date, lang: str) -> list[str]:
    """Capacity and what is used of it: places committed, or a fund's yuan spent."""
    if resource.kind is ResourceKind.FUND:
        spent = yuan(lists.spent(resource.id, on))
        return [
            say(_TEXT, "yuan", lang, amount=yuan(resource.capacity)),
            say(_TEXT, "yuan", lang, amount=spent),
        ]
    return [str(resource.capacity), str(lists.committed(resource.id))]


def _owner(tree: OrgTree, owner_id: str, on: _dt.date, lang: str) -> str:
    """The owner by name beside its id, when it is an organisation of the tree."""
    try:
        return named(tree.org(owner_id, on).name, owner_id, lang)
    except UnknownRecordError:
        return owner_id
