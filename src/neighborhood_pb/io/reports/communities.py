"""The community (社区) a finding's subject belongs to, found through the dataset."""

from __future__ import annotations

from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.metrics import MetricTable, Scope, ScopeLevel
from neighborhood_pb.structure import OrgTree, Territory, TerritoryKind

__all__ = ["community_of", "scope_community"]

_COMMUNITIES = frozenset({TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE})


def _enclosing(tree: OrgTree, territory_id: str) -> Territory | None:
    """The community (or village) that is or encloses ``territory_id``."""
    territories = tree.territories
    current: str | None = territory_id
    while current is not None and current in territories:
        territory = territories.get(current)
        if territory.kind in _COMMUNITIES:
            return territory
        current = territory.parent_id
    return None


def _of_org(ctx: DatasetContext, org_id: str) -> Territory | None:
    """The community of the first territory the organisation or its nearest ancestor covers."""
    tree, on = ctx.tree, ctx.on
    if tree.version_at(org_id, on) is None:
        return None
    for org in (tree.org(org_id, on), *reversed(tree.ancestors(org_id, on))):
        for territory in tree.territories_covered(org.id, on):
            found = _enclosing(tree, territory.id)
            if found is not None:
                return found
    return None


def _of_person(ctx: DatasetContext, person_id: str) -> Territory | None:
    """The community of the person's organisation, else of their report (报到) in effect."""
    tree, on = ctx.tree, ctx.on
    try:
        tree.person(person_id)
    except UnknownRecordError:
        return None
    org = tree.formal_org_of(person_id, on)
    found = None if org is None else _of_org(ctx, org.id)
    if found is not None:
        return found
    for report in tree.reports_of(person_id):
        if report.period.contains(on):
            return _enclosing(tree, report.community_id)
    return None


def _of_cobuild(ctx: DatasetContext, subject: str) -> Territory | None:
    """The community of a need or resource (四项清单) by its territory, of a project by the
    first need it answers (else the first resource committed to it)."""
    if ctx.cobuild is None:
        return None
    lists = ctx.cobuild[0]
    places: list[str] = []
    try:
        places.append(lists.need(subject).territory_id)
    except UnknownRecordError:
        try:
            places.append(lists.resource(subject).territory_id)
        except UnknownRecordError:
            try:
                project = lists.project(subject)
            except UnknownRecordError:
                return None
            places += [lists.need(n).territory_id for n in sorted(project.need_ids)]
            places += [lists.resource(c.resource_id).territory_id for c in project.commitments]
    for place in places:
        found = _enclosing(ctx.tree, place)
        if found is not None:
            return found
    return None


def community_of(ctx: DatasetContext, subject: str) -> Territory | None:
    """The community (or village) a record belongs to on the dataset's day (所属社区).

    A territory is placed by its ancestors, an organisation by the territory it (or its
    nearest ancestor) covers, a person by their organisation or, failing that, the community
    they report to, a need, resource or project of the four lists by where it is; anything
    else (the whole area, a street, a ledger entry) by nothing.

    Args:
        ctx: The built dataset.
        subject: A record id, as a finding names it.

    Returns:
        The community territory, or ``None`` when the subject lies in none.
    """
    if subject in ctx.tree.territories:
        return _enclosing(ctx.tree, subject)
    return _of_org(ctx, subject) or _of_person(ctx, subject) or _of_cobuild(ctx, subject)


def scope_community(table: MetricTable, subject: str) -> Scope | None:
    """The community scope a metric finding's subject is or lies in (所属社区), read from the
    report's own scopes, so that every engine (and a Parquet directory without a dataset)
    places the report's findings alike: a grid or compound scope by its parents, the total,
    a street or anything that is not a scope (a member counted only in the total) by nothing.

    Args:
        table: The metrics whose findings are placed.
        subject: A finding's subject id.
    """
    scopes = {scope.id: scope for scope in table.scopes}
    current = scopes.get(subject)
    while current is not None and current.level is not ScopeLevel.COMMUNITY:
        current = None if current.parent_id is None else scopes.get(current.parent_id)
    return current
