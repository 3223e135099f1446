"""Metric pass over the deliberations (议事协商): adoption, timeliness, publication,
residents' satisfaction, and suggestions, matters and meetings per community.

Every figure looks at the year up to the day (the twelve months ending on it, as the
sources count "a year": 004's 13 deliberations and 30+ suggestions adopted in 2022). A matter
counts in the scope of its territory; a meeting in the scope of each matter it resolved on.
"""

from __future__ import annotations

import pendulum

from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import start_of
from neighborhood_pb.governance.outcomes import is_adopted, late_steps, publication_gaps
from neighborhood_pb.metrics.context import TOTAL, PassContext
from neighborhood_pb.structure.territory import COMMUNITY_KINDS

__all__ = ["GOVERNANCE_METRICS", "governance_pass", "year_to"]

PER_COMMUNITY = (
    "deliberation_suggestions_per_community",
    "deliberation_matters_per_community",
    "deliberation_meetings_per_community",
)
GOVERNANCE_METRICS = frozenset(
    {
        "deliberation_adoption_rate",
        "deliberation_on_time_rate",
        "deliberation_publication_compliance",
        "resident_satisfaction",
        *PER_COMMUNITY,
    }
)


def year_to(day: pendulum.Date) -> tuple[pendulum.DateTime, pendulum.DateTime]:
    """The instants that open and close the twelve months ending on ``day`` (Beijing time):
    from the start of the day a year before the next day, to the start of the next day."""
    end = day.add(days=1)
    return start_of(end.subtract(years=1)), start_of(end)


def _book(ctx: PassContext) -> Deliberations:
    book = ctx.inputs.deliberations
    assert book is not None  # the engine runs this pass only when present
    return book


def _scope(ctx: PassContext, territory_id: str) -> str | None:
    """The scope of a matter's territory; one the tree does not know counts in the total."""
    if territory_id not in ctx.inputs.tree.territories.by_id:
        return TOTAL
    return ctx.scope(territory_id)


def governance_pass(ctx: PassContext) -> None:
    """Each matter of the year in its scope; each community once below the counts."""
    book, sums = _book(ctx), ctx.sums
    start, end = year_to(ctx.day)
    matter_scopes: dict[str, str | None] = {}
    for matter in book.matters():
        scope = matter_scopes[matter.id] = _scope(ctx, matter.territory_id)
        if scope is None:
            continue
        if start <= matter.proposed_at < end:
            adopted = is_adopted(book, matter.id, end)
            sums.add("deliberation_adoption_rate", scope, adopted)
            sums.add_numerator("deliberation_suggestions_per_community", scope, 1)
            sums.add_numerator("deliberation_matters_per_community", scope, int(adopted))
        closure = book.closure(matter.id)
        if closure is not None and start <= closure.at < end:
            sums.add("deliberation_on_time_rate", scope, not late_steps(book, matter.id))
            gaps = publication_gaps(book, matter.id)
            sums.add("deliberation_publication_compliance", scope, not gaps)
        for rating in book.ratings(matter.id):
            if start <= rating.at < end:
                sums.add("resident_satisfaction", scope, rating.satisfied)
    first = start.date()
    for meeting in book.meetings():
        if not first <= meeting.day <= ctx.day:
            continue
        places = {matter_scopes[r.matter_id] for r in meeting.resolutions}
        for place in places - {None}:
            assert place is not None
            sums.add_numerator("deliberation_meetings_per_community", place, 1)
    territories = ctx.inputs.tree.territories.by_id
    for territory_id, scope in ctx.scope_of.items():
        if territory_id == scope and territories[territory_id].kind in COMMUNITY_KINDS:
            for metric_id in PER_COMMUNITY:
                sums.add_denominator(metric_id, scope, 1)
