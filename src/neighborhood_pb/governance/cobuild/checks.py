"""Whole-model checks of co-building (共建检查): each returns a tuple of findings.

:data:`COBUILD_CHECKS` is a list an application can extend; :func:`check_cobuild` runs
them all as of a day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import Finding, Severity
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
    "check_open_needs",
    "check_overdue_projects",
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
    found = []
    for need in lists.needs():
        days = (on - need.raised_on).days
        if days <= rules.need_open_days or lists.status(need.id, on) is not NeedStatus.OPEN:
            continue
        found.append(
            Finding(
                code="cobuild.need_open",
                severity=Severity.WARNING,
                subject=need.id,
                subject_name=need.title,
                message=f"need {need.id} raised on {need.raised_on} is still open after "
                f"{days} days; {rules.need_open_days} allowed",
                rule=rules.source,
                params={"raised_on": need.raised_on, "days": days, "limit": rules.need_open_days},
            )
        )
    return tuple(found)


def check_overdue_projects(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A project past its due date and not complete (项目逾期)."""
    return tuple(
        Finding(
            code="cobuild.project_overdue",
            severity=Severity.WARNING,
            subject=project.id,
            subject_name=project.title,
            message=f"project {project.id} was due on {project.due} and is not complete on {on}",
            rule="project.due",
            params={"due": project.due, "owner": project.owner_id},
        )
        for project in lists.projects()
        if project.due < on and lists.done(project.id, on) is None
    )


def check_funds(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A fund spent above its amount (with an approval, or it would have been refused)."""
    found = []
    for fund in lists.resources():
        if fund.kind is not ResourceKind.FUND:
            continue
        spent = lists.spent(fund.id, on)
        if spent <= fund.capacity:
            continue
        found.append(
            Finding(
                code="cobuild.fund_overspent",
                severity=Severity.ERROR,
                subject=fund.id,
                subject_name=fund.title,
                message=f"fund {fund.id}: {spent} fen spent of {fund.capacity}",
                rule="spending.within_fund",
                params={"spent": yuan(spent), "amount": yuan(fund.capacity)},
            )
        )
    return tuple(found)


def check_commitments(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """An agreement's commitment not met by its date (承诺未按期兑现)."""
    found = []
    for agreement in partners.agreements():
        for commitment in agreement.commitments:
            if commitment.due >= on:
                continue
            met = partners.met(commitment.id)
            if met is not None and met.day <= commitment.due:
                continue
            found.append(
                Finding(
                    code="cobuild.commitment_unmet",
                    severity=Severity.WARNING,
                    subject=commitment.id,
                    subject_name=commitment.what,
                    message=f"commitment {commitment.id} of {commitment.party_id} in "
                    f"agreement {agreement.id} was due on {commitment.due}"
                    + ("" if met is None else f" and met late, on {met.day}"),
                    rule=agreement.kind.label_zh,
                    params={
                        "party": commitment.party_id,
                        "agreement": agreement.title,
                        "due": commitment.due,
                    },
                )
            )
    return tuple(found)


def check_hardship_pairings(
    lists: FourLists, partners: Partnerships, rules: CobuildRules, on: pendulum.Date
) -> tuple[Finding, ...]:
    """A household in hardship that no unit is paired with (困难家庭未结对)."""
    paired = {p.partner_id for p in partners.pairings(on) if p.kind is PairingKind.UNIT_HOUSEHOLD}
    return tuple(
        Finding(
            code="cobuild.hardship_unpaired",
            severity=Severity.WARNING,
            subject=household.household_id,
            message=f"household {household.household_id} in hardship ({household.reason}) "
            f"has no unit paired with it on {on}",
            rule="pairing.hardship",
            params={"reason": household.reason, "territory": household.territory_id},
        )
        for household in partners.hardship(on)
        if household.household_id not in paired
    )


COBUILD_CHECKS: tuple[CobuildCheck, ...] = (
    check_open_needs,
    check_overdue_projects,
    check_funds,
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
