"""Whole-model checks of the deliberations (议事检查): each returns a tuple of findings.

:data:`GOVERNANCE_CHECKS` is a list an application can extend; :func:`check_governance`
runs them all as of a day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import Finding, ParamValue, Severity, make_finding
from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import local_day
from neighborhood_pb.governance.outcomes import publication_gaps
from neighborhood_pb.governance.procedures import Procedure

__all__ = [
    "GOVERNANCE_CHECKS",
    "GovernanceCheck",
    "check_governance",
    "check_overdue_steps",
    "check_publications",
    "check_quorum",
    "check_reviews",
]

GovernanceCheck = Callable[[Deliberations, pendulum.Date], tuple[Finding, ...]]
"""A check: the deliberations and a day in, findings out."""


def check_overdue_steps(book: Deliberations, on: pendulum.Date) -> tuple[Finding, ...]:
    """A step past its deadline on a matter still open (超期未办)."""
    return tuple(
        make_finding(
            "governance.step_overdue",
            matter.id,
            {
                "step": late.label_zh or late.step,
                "due": late.due,
                "since": late.since,
                "procedure": matter.procedure,
            },
            subject_name=matter.title,
            rule=_procedure_rule(book.procedures[matter.procedure]),
        )
        for late in book.overdue(on)
        for matter in (book.matter(late.matter_id),)
    )


def _procedure_rule(procedure: Procedure) -> str:
    """What a finding on a procedure's step cites as its rule (依据): the procedure's Chinese
    name (its code when it has none) and its source."""
    return f"{procedure.label_zh or procedure.code}; {procedure.source}"


def check_quorum(book: Deliberations, on: pendulum.Date) -> tuple[Finding, ...]:
    """A meeting or an owners' assembly vote without its quorum (未达法定人数); a meeting
    that passed resolutions without it is an error."""
    found = [
        make_finding(
            "governance.meeting_quorum",
            meeting.id,
            {
                "day": meeting.day,
                "attended": len(meeting.attendees),
                "quorum": meeting.quorum,
                "resolutions": len(meeting.resolutions),
            },
            subject_name=meeting.kind.label_zh,
            rule="meeting.quorum",
            severity=Severity.ERROR if meeting.resolutions else None,
        )
        for meeting in book.meetings()
        if meeting.day <= on and not meeting.quorate
    ]
    for result in book.results():
        vote, _ = book.vote(result.vote_id)
        if result.quorum or local_day(vote.at) > on:
            continue
        found.append(
            make_finding(
                "governance.vote_quorum",
                vote.id,
                {
                    "area": result.turnout_area.format(),
                    "number": result.turnout_number.format(),
                    "needed": str(book.rules.participation),
                },
                subject_name=book.matter(vote.matter_id).title,
                rule=book.rules.source,
            )
        )
    return tuple(found)


def check_publications(book: Deliberations, on: pendulum.Date) -> tuple[Finding, ...]:
    """A closed matter without a required publication, or with one up for too short."""
    found = []
    for matter in book.matters():
        closure = book.closure(matter.id)
        if closure is None or local_day(closure.at) > on:
            continue
        source = book.procedures[matter.procedure].source
        for gap in publication_gaps(book, matter.id):
            label = gap.rule.label_zh or gap.rule.what
            if gap.days is None:
                code = "governance.publication_missing"
                params: dict[str, ParamValue] = {
                    "what": label,
                    "step": gap.step.label_zh or gap.step.code,
                }
            else:
                code = "governance.publication_short"
                params = {"what": label, "days": gap.days, "required": gap.rule.min_days}
            found.append(
                make_finding(code, matter.id, params, subject_name=matter.title, rule=source)
            )
    return tuple(found)


def check_reviews(book: Deliberations, on: pendulum.Date) -> tuple[Finding, ...]:
    """A closed matter whose review day has passed without a review (回头看逾期)."""
    return tuple(
        make_finding(
            "governance.review_due",
            matter.id,
            {"review_on": closure.review_on},
            subject_name=matter.title,
            rule="closure.review_on",
        )
        for matter in book.matters()
        for closure in (book.closure(matter.id),)
        if closure is not None
        and closure.review_on is not None
        and closure.review_on < on
        and not book.reviews(matter.id)
    )


GOVERNANCE_CHECKS: tuple[GovernanceCheck, ...] = (
    check_overdue_steps,
    check_quorum,
    check_publications,
    check_reviews,
)
"""Every governance check, in order."""


def check_governance(
    book: Deliberations,
    on: _dt.date | str,
    checks: tuple[GovernanceCheck, ...] = GOVERNANCE_CHECKS,
) -> tuple[Finding, ...]:
    """Run ``checks`` as of ``on``; findings most serious first."""
    day = as_date(on, "on")
    return tuple(sorted((f for check in checks for f in check(book, day)), key=Finding.sort_key))
