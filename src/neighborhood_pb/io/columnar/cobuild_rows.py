"""The rows of the co-building tables (四项清单、共驻共建数据行): plain tuples in the
columns' order (see :mod:`.schema_cobuild`); no Arrow import here."""

from __future__ import annotations

import pendulum

from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.needs import NeedStatus
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.cobuild.resources import ResourceKind
from neighborhood_pb.io.columnar.aggregate_rows import Rows

__all__ = ["COBUILD_TABLES", "cobuild_rows"]

COBUILD_TABLES = (
    "cobuild_needs",
    "cobuild_resources",
    "cobuild_fund_projects",
    "cobuild_spendings",
    "cobuild_alliance_members",
    "cobuild_hardship",
    "cobuild_pairings",
)
"""The tables :func:`cobuild_rows` fills, in the schema's order."""


def _first(days: dict[str, pendulum.Date], key: str, day: pendulum.Date) -> None:
    if key not in days or day < days[key]:
        days[key] = day


def _lists_rows(lists: FourLists) -> dict[str, Rows]:
    answered: dict[str, pendulum.Date] = {}
    committed: dict[str, pendulum.Date] = {}
    for project in lists.projects():
        for need_id in project.need_ids:
            _first(answered, need_id, project.start)
        for commitment in project.commitments:
            _first(committed, commitment.resource_id, project.start)
    needs: Rows = []
    for need in lists.needs():
        met = [e.day for e in lists.events(need.id) if e.status is NeedStatus.MET]
        start = answered.get(need.id)
        days = None if start is None else max((start - need.raised_on).days, 0)
        needs.append(
            (need.id, need.territory_id, need.raised_on, min(met, default=None), start, days)
        )
    funds = {r.id: r for r in lists.resources() if r.kind is ResourceKind.FUND}
    resources: Rows = [
        (r.id, r.territory_id, r.kind.value, r.period.start, r.period.end, committed.get(r.id))
        for r in lists.resources()
        if r.kind is not ResourceKind.FUND
    ]
    fund_projects: Rows = [
        (
            p.id,
            p.fund_id,
            fund.territory_id,
            fund.period.start,
            fund.period.end,
            p.start,
            p.budget_fen,
        )
        for p in lists.projects()
        if p.fund_id is not None
        for fund in (funds[p.fund_id],)
    ]
    spendings: Rows = [(s.id, s.project_id, s.day, s.amount_fen) for s in lists.records().spendings]
    return {
        "cobuild_needs": needs,
        "cobuild_resources": resources,
        "cobuild_fund_projects": fund_projects,
        "cobuild_spendings": spendings,
    }


def cobuild_rows(books: tuple[FourLists, Partnerships] | None) -> dict[str, Rows]:
    """Every co-building table's rows, by name (:data:`COBUILD_TABLES`); empty tables
    without co-building records."""
    if books is None:
        return {name: [] for name in COBUILD_TABLES}
    lists, partners = books
    records = partners.records()
    return {
        **_lists_rows(lists),
        "cobuild_alliance_members": [
            (m.id, m.alliance_id, m.unit_id, m.period.start, m.period.end) for m in records.members
        ],
        "cobuild_hardship": [
            (h.household_id, h.territory_id, h.period.start, h.period.end) for h in records.hardship
        ],
        "cobuild_pairings": [
            (p.id, p.kind.value, p.unit_id, p.partner_id, p.period.start, p.period.end)
            for p in records.pairings
        ],
    }
