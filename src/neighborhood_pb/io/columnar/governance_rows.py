"""The rows of the deliberations' tables (议事协商数据行): each matter with what became of
it, the residents' ratings, and the matters each meeting resolved on.

Plain tuples in the columns' order (see :mod:`.schema_governance`); no Arrow import here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import pendulum

from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import Decision, StepTaken, local_day, start_of
from neighborhood_pb.governance.outcomes import late_steps, publication_gaps
from neighborhood_pb.io.columnar.aggregate_rows import Rows

__all__ = ["GOVERNANCE_TABLES", "counts_from", "governance_rows"]

GOVERNANCE_TABLES = ("deliberation_matters", "deliberation_ratings", "deliberation_resolutions")
"""The tables :func:`governance_rows` fills, in the schema's order."""


def counts_from(at: pendulum.DateTime) -> pendulum.Date:
    """The first report day whose year, ending at the start of the next day (Beijing time),
    holds the instant ``at``: its own day, or the day before when it falls at midnight."""
    day = local_day(at)
    return day.subtract(days=1) if at == start_of(day) else day


def _first(steps: Iterable[StepTaken]) -> pendulum.Date | None:
    instants = [s.at for s in steps]
    return counts_from(min(instants)) if instants else None


def _utc(at: _dt.datetime) -> pendulum.DateTime:
    return pendulum.instance(at).in_timezone("UTC")


def governance_rows(book: Deliberations | None) -> dict[str, Rows]:
    """Every deliberation table's rows, by name (:data:`GOVERNANCE_TABLES`); empty tables
    without deliberations."""
    if book is None:
        return {name: [] for name in GOVERNANCE_TABLES}
    matters: Rows = []
    ratings: Rows = []
    for matter in book.matters():
        first = book.procedures[matter.procedure].steps[0].code
        history = book.history(matter.id)
        adopted = _first(s for s in history if s.decision is Decision.ADOPTED and s.step != first)
        rejected = _first(s for s in history if s.decision is Decision.REJECTED)
        closure = book.closure(matter.id)
        matters.append(
            (
                matter.id,
                matter.territory_id,
                matter.procedure,
                _utc(matter.proposed_at),
                local_day(matter.proposed_at),
                adopted,
                rejected,
                None if closure is None else _utc(closure.at),
                None if closure is None else local_day(closure.at),
                len(late_steps(book, matter.id)),
                len(publication_gaps(book, matter.id)),
            )
        )
        ratings.extend(
            (r.matter_id, r.resident_id, _utc(r.at), local_day(r.at), r.satisfied)
            for r in book.ratings(matter.id)
        )
    resolutions: Rows = [
        (meeting.id, meeting.day, matter_id)
        for meeting in book.meetings()
        for matter_id in sorted({r.matter_id for r in meeting.resolutions})
    ]
    return {
        "deliberation_matters": matters,
        "deliberation_ratings": ratings,
        "deliberation_resolutions": resolutions,
    }
