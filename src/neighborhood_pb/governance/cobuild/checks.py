"""Whole-model checks of co-building (共建检查): each returns a tuple of findings.

:data:`COBUILD_CHECKS` is a list an application can extend; :func:`check_cobuild` runs
them all as of a day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import Finding, ParamValue, make_finding
from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.needs import NeedStatus
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.cobuild.partnerships import PairingKind
from neighborhood_pb.governance.cobuild.presets import NEED_RESPONSE, CobuildRules
from neighborhood_pb.governance.cobuild.resources import ResourceKind

__all__ = [
    "COBUILD_CHECKS",
    "CobuildCheck",
    "check_cobuild",
    "check_commitments",
    "check_funds",
    "check_hardship_pairings",
    "check_need_quantities",
    "check_open_needs",
    "check_overdue_milestones",
    "check_overdue_projects",
    "check_project_budgets",
    "yuan",
]

CobuildCheck = Callable[[FourLists, Partnerships, CobuildRules, pendulum.Date], tuple[Finding, ...]]
"""A check: the lists, the partnerships, the rules and a day in, findings out."""


def yuan(fen: int) -> str:
    """An amount in fen written in yuan with two decimals (12345 → "123.45")."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def check_open_needs(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A need still open (unclaimed) past the days the rules allow (需求超期未认领)."""
    return tuple(
        make_finding(
            "cobuild.need_open",
            need.id,
            {"raised_on": need.raised_on, "days": days, "limit": rules.need_open_days},
            subject_name=need.title,
            rule=rules.source,
        )
        for need in lists.needs()
        for days in (on.toordinal() - need.raised_on.toordinal(),)
        if days > rules.need_open_days and lists.status(need.id, on) is NeedStatus.OPEN
    )


def check_overdue_projects(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A project past its due date and not complete (项目逾期)."""
    return tuple(
        make_finding(
            "cobuild.project_overdue",
            project.id,
            {"due": project.due, "owner": project.owner_id},
            subject_name=project.title,
        )
        for project in lists.projects()
        if project.due < on and lists.done(project.id, on) is None
    )


def check_overdue_milestones(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A milestone past its day and not reached by ``on`` (项目节点逾期)."""
    return tuple(
        make_finding(
            "cobuild.milestone_overdue",
            project.id,
            {"milestone": milestone.title, "due": milestone.due, "owner": project.owner_id},
            subject_name=project.title,
        )
        for project in lists.projects()
        for reached in ({r.code for r in lists.reached(project.id) if r.day <= on},)
        for milestone in project.milestones
        if milestone.due < on and milestone.code not in reached
    )


def check_funds(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A fund spent above its amount (with an approval, or it would have been refused)."""
    return tuple(
        make_finding(
            "cobuild.fund_overspent",
            fund.id,
            {"spent": yuan(spent), "amount": yuan(fund.capacity)},
            subject_name=fund.title,
        )
        for fund in lists.resources()
        if fund.kind is ResourceKind.FUND
        for spent in (lists.spent(fund.id, on),)
        if spent > fund.capacity
    )


def check_project_budgets(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A project that has spent more than its own budget (项目超预算)."""
    return tuple(
        make_finding(
            "cobuild.project_over_budget",
            project.id,
            {"spent": yuan(spent), "budget": yuan(project.budget_fen)},
            subject_name=project.title,
        )
        for project in lists.projects()
        for spent in (lists.spent_by(project.id, on),)
        if spent > project.budget_fen
    )


def check_need_quantities(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A project started that commits less than its needs ask for (资源投入不足): the
    quantities of the resources it commits (funds apart) against its needs' quantities; a
    project committing only money is not compared."""
    found = []
    for project in lists.projects():
        committed = sum(
            c.quantity
            for c in project.commitments
            if lists.resource(c.resource_id).kind is not ResourceKind.FUND
        )
        asked = sum(lists.need(n).quantity for n in project.need_ids)
        if project.start <= on and 0 < committed < asked:
            found.append(
                make_finding(
                    "cobuild.need_short",
                    project.id,
                    {"committed": committed, "asked": asked},
                    subject_name=project.title,
                )
            )
    return tuple(found)


def check_commitments(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """An agreement's commitment not met by its date (承诺未按期兑现), or met late."""
    found = []
    for agreement in partners.agreements():
        for commitment in agreement.commitments:
            met = partners.met(commitment.id)
            if commitment.due >= on or (met is not None and met.day <= commitment.due):
                continue
            params: dict[str, ParamValue] = {
                "party": commitment.party_id,
                "agreement": agreement.title,
                "due": commitment.due,
            }
            code = "cobuild.commitment_unmet"
            if met is not None and met.day <= on:
                code, params["met_on"] = "cobuild.commitment_late", met.day
            found.append(
                make_finding(
                    code,
                    commitment.id,
                    params,
                    subject_name=commitment.what,
                    rule=agreement.kind.label_zh,
                )
            )
    return tuple(found)


def check_hardship_pairings(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A household in hardship that no unit is paired with (困难家庭未结对)."""
    paired = {p.partner_id for p in partners.pairings(on) if p.kind is PairingKind.UNIT_HOUSEHOLD}
    return tuple(
        make_finding(
            "cobuild.hardship_unpaired",
            household.household_id,
            {"reason": household.reason, "territory": household.territory_id},
        )
        for household in partners.hardship(on)
        if household.household_id not in paired
    )


COBUILD_CHECKS: tuple[CobuildCheck, ...] = (
    check_open_needs,
    check_overdue_projects,
    check_overdue_milestones,
    check_funds,
    check_project_budgets,
    check_need_quantities,
    check_commitments,
    check_hardship_pairings,
)
"""Every co-building check, in order."""


def check_cobuild(
    lists: FourLists,
    partners: Partnerships,
    on: _dt.date | str,
    *,
    rules: CobuildRules = NEED_RESPONSE,
    checks: tuple[CobuildCheck, ...] = COBUILD_CHECKS,
) -> tuple[Finding, ...]:
    """Run ``checks`` as of ``on``; findings most serious first."""
    day = as_date(on, "on")
    return tuple(
        sorted(
            (f for check in checks for f in check(lists, partners, rules, day)),
            key=Finding.sort_key,
        )
    )
