"""Whole-model checks of the deliberations (议事检查): each returns a tuple of findings.

:data:`GOVERNANCE_CHECKS` is a list an application can extend; :func:`check_governance`
runs them all as of a day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import local_day
from neighborhood_pb.governance.outcomes import publication_gaps

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
    found = []
    for late in book.overdue(on):
        matter = book.matter(late.matter_id)
        found.append(
            Finding(
                code="governance.step_overdue",
                severity=Severity.WARNING,
                subject=matter.id,
                subject_name=matter.title,
                message=f"matter {matter.title} ({matter.id}): step {late.label_zh or late.step} "
                f"({late.step}) was due by {late.due} "
                f"(counted from {late.since}) and is not taken on {on}",
                rule=matter.procedure,
                params={"step": late.label_zh or late.step, "due": late.due, "since": late.since},
            )
        )
    return tuple(found)


def check_quorum(book: Deliberations, on: pendulum.Date) -> tuple[Finding, ...]:
    """A meeting or an owners' assembly vote without its quorum (未达法定人数)."""
    found = []
    for meeting in book.meetings():
        if meeting.day > on or meeting.quorate:
            continue
        resolved = bool(meeting.resolutions)
        found.append(
            Finding(
                code="governance.meeting_quorum",
                severity=Severity.ERROR if resolved else Severity.WARNING,
                subject=meeting.id,
                subject_name=meeting.kind.label_zh,
                message=f"{meeting.kind.label_zh} ({meeting.id}) on {meeting.day}: "
                f"{len(meeting.attendees)} "
                f"attended, {meeting.quorum} needed"
                + (f"; it passed {len(meeting.resolutions)} resolution(s)" if resolved else ""),
                rule="meeting.quorum",
                params={
                    "day": meeting.day,
                    "attended": len(meeting.attendees),
                    "quorum": meeting.quorum,
                    "resolutions": len(meeting.resolutions),
                },
            )
        )
    for result in book.results():
        vote, _ = book.vote(result.vote_id)
        if result.quorum or local_day(vote.at) > on:
            continue
        found.append(
            Finding(
                code="governance.vote_quorum",
                severity=Severity.WARNING,
                subject=vote.id,
                subject_name=book.matter(vote.matter_id).title,
                message=f"vote {vote.id} on {book.matter(vote.matter_id).title} "
                f"({vote.matter_id}): turnout by area {result.turnout_area}, by number "
                f"{result.turnout_number}; {book.rules.participation} of both needed",
                rule=book.rules.source,
                params={
                    "area": result.turnout_area.format(),
                    "number": result.turnout_number.format(),
                    "needed": str(book.rules.participation),
                },
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
            step, rule = gap.step, gap.rule
            label = rule.label_zh or rule.what
            if gap.days is None:
                found.append(
                    Finding(
                        code="governance.publication_missing",
                        severity=Severity.ERROR,
                        subject=matter.id,
                        subject_name=matter.title,
                        message=f"matter {matter.title} ({matter.id}) is closed without "
                        f"publication {label} ({rule.what}) of step {step.code}",
                        rule=source,
                        params={"what": label, "step": step.label_zh or step.code},
                    )
                )
                continue
            found.append(
                Finding(
                    code="governance.publication_short",
                    severity=Severity.WARNING,
                    subject=matter.id,
                    subject_name=matter.title,
                    message=f"matter {matter.title} ({matter.id}): publication {label} "
                    f"({rule.what}) stayed up "
                    f"{gap.days} day(s); {rule.min_days} required",
                    rule=source,
                    params={"what": label, "days": gap.days, "required": rule.min_days},
                )
            )
    return tuple(found)


def check_reviews(book: Deliberations, on: pendulum.Date) -> tuple[Finding, ...]:
    """A closed matter whose review day has passed without a review (回头看逾期)."""
    found = []
    for matter in book.matters():
        closure = book.closure(matter.id)
        if closure is None or closure.review_on is None or closure.review_on >= on:
            continue
        if book.reviews(matter.id):
            continue
        found.append(
            Finding(
                code="governance.review_due",
                severity=Severity.WARNING,
                subject=matter.id,
                subject_name=matter.title,
                message=f"matter {matter.title} ({matter.id}) was to be reviewed by "
                f"{closure.review_on}; "
                f"no review on {on}",
                rule="closure.review_on",
                params={"review_on": closure.review_on},
            )
        )
    return tuple(found)


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
