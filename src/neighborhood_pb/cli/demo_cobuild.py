"""``nbpb demo``'s co-building section (四项清单): a community's needs, resources and projects
as they stand on the demo day, then one need followed from its match to the project that
answered it."""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.cli.text import day_text, heading, table
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


def followed_need(lists: FourLists) -> Need | None:
    """The need the demo follows: the first a project answers, else the first raised."""
    answered = {n for p in lists.projects() for n in p.need_ids}
    needs = lists.needs()
    return next((n for n in needs if n.id in answered), needs[0] if needs else None)


def _name(tree: OrgTree, territory_id: str) -> str:
    known = tree.territories.by_id.get(territory_id)
    return territory_id if known is None else f"{known.name} ({territory_id})"


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
        return [
            *heading("四项清单", "The four lists"),
            "  This dataset keeps no need (its cobuild section is empty).",
        ]
    lists = ctx.cobuild[0]
    tree, on = ctx.tree, ctx.on
    place = _community(tree, need.territory_id)
    needs = [n for n in lists.needs() if _within(tree, n.territory_id, place) and n.raised_on <= on]
    offered = [r for r in lists.resources(on) if _within(tree, r.territory_id, place)]
    shown = {n.id for n in needs}
    projects = [p for p in lists.projects() if p.need_ids & shown and p.start <= on]
    lines = [
        *heading("四项清单", f"The four lists of {_name(tree, place)} on {day_text(on, lang)}"),
        *table(
            [["需求", "提出日", "状态"], ["need", "raised", "status"]],
            [
                [
                    f"{n.title} ({n.id})",
                    day_text(n.raised_on, lang),
                    lists.status(n.id, on).label_zh,
                ]
                for n in needs
            ],
        ),
        *table(
            [["资源", "类别", "容量", "已投入"], ["resource", "kind", "capacity", "committed"]],
            [[f"{r.title} ({r.id})", r.kind.label_zh, *_use(lists, r, on)] for r in offered],
        ),
        *table(
            [
                ["项目", "责任主体", "完成时限", "预算(元)", "已支出(元)"],
                ["project", "owner", "due", "budget", "spent"],
            ],
            [
                [
                    f"{p.title} ({p.id})",
                    _owner(tree, p.owner_id, on),
                    day_text(p.due, lang),
                    yuan(p.budget_fen),
                    yuan(lists.spent_by(p.id, on)),
                ]
                for p in projects
            ],
        ),
    ]
    events = lists.events(need.id)
    matched = next((e for e in events if e.resource_id is not None), None)
    if matched is not None and matched.resource_id is not None:
        resource = lists.resource(matched.resource_id)
        ranked = match(need, [resource], tree.territories, need.raised_on)
        why = ", ".join(f"{k} {v}" for k, v in ranked[0].explain().items()) if ranked else "-"
        lines += [
            f"  {need.title} ({need.id}) on {day_text(matched.day, lang)}: matched to",
            f"    {resource.title} ({resource.id}); {why}",
        ]
    status = lists.status(need.id, on).label_zh
    for project in (p for p in projects if need.id in p.need_ids):
        lines.append(
            f"    answered by {project.title} ({project.id}) from {day_text(project.start, lang)}"
        )
    lines.append(f"    {status} on {day_text(on, lang)}")
    return lines


def _use(lists: FourLists, resource: Resource, on: _dt.date) -> list[str]:
    """Capacity and what is used of it: places committed, or a fund's yuan spent."""
    if resource.kind is ResourceKind.FUND:
        return [f"{yuan(resource.capacity)}元", f"{yuan(lists.spent(resource.id, on))}元"]
    return [str(resource.capacity), str(lists.committed(resource.id))]


def _owner(tree: OrgTree, owner_id: str, on: _dt.date) -> str:
    """The owner by name beside its id, when it is an organisation of the tree."""
    try:
        return f"{tree.org(owner_id, on).name} ({owner_id})"
    except UnknownRecordError:
        return owner_id
