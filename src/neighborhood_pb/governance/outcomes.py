"""What became of a matter (议事成效): adopted or not, on time or not, published in full or
not. The checks and the metrics ask the same questions, so they are answered once here."""

from __future__ import annotations

import datetime as _dt

import attrs

from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import Decision, StepTaken, local_day
from neighborhood_pb.governance.procedures import PublicationRule, Step

__all__ = ["PublicationGap", "is_adopted", "late_steps", "publication_gaps"]


def is_adopted(book: Deliberations, matter_id: str, at: _dt.datetime | None = None) -> bool:
    """Whether a suggestion was taken up by ``at`` (采纳): a step after its procedure's first
    decided to go on, and no step refused it (all its events when ``at`` is ``None``)."""
    first = book.procedures[book.matter(matter_id).procedure].steps[0].code
    seen = [s for s in book.history(matter_id) if at is None or s.at <= at]
    if any(s.decision is Decision.REJECTED for s in seen):
        return False
    return any(s.decision is Decision.ADOPTED and s.step != first for s in seen)


def late_steps(book: Deliberations, matter_id: str) -> tuple[StepTaken, ...]:
    """The steps taken after their deadline (超时办理), each counted from the event before
    it (the proposal for the first), on the official working-day calendar."""
    matter = book.matter(matter_id)
    procedure = book.procedures[matter.procedure]
    anchor = matter.proposed_at
    late = []
    for event in book.history(matter_id):
        step = procedure.steps[procedure.index(event.step)]
        due = step.deadline.due(local_day(anchor), book.calendar)
        if due is not None and local_day(event.at) > due:
            late.append(event)
        anchor = event.at
    return tuple(late)


@attrs.frozen(kw_only=True)
class PublicationGap:
    """A publication a matter owes (应公开未公开、公开期不足).

    Attributes:
        step: The step that requires it.
        rule: What it must publish, for how long.
        days: The longest it stayed up, in days; ``None`` when it was never published.
    """

    step: Step
    rule: PublicationRule
    days: int | None


def publication_gaps(book: Deliberations, matter_id: str) -> tuple[PublicationGap, ...]:
    """What a matter failed to publish, or published for too short, for the steps it took
    (a skipped step publishes nothing); a publication still up counts as long enough."""
    matter = book.matter(matter_id)
    procedure = book.procedures[matter.procedure]
    done = {s.step for s in book.history(matter_id) if s.decision is not Decision.SKIPPED}
    published = book.publications(matter_id)
    gaps = []
    for step in procedure.steps:
        if step.code not in done:
            continue
        for rule in step.publications:
            spans = [p.period for p in published if p.what == rule.what]
            if not spans:
                gaps.append(PublicationGap(step=step, rule=rule, days=None))
                continue
            days = max(p.days() if p.end is not None else rule.min_days for p in spans)
            if days < rule.min_days:
                gaps.append(PublicationGap(step=step, rule=rule, days=days))
    return tuple(gaps)
