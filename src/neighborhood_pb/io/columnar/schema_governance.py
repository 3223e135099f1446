"""The columnar tables of the deliberations (议事协商列式结构): one row per matter with what
became of it, its residents' ratings, and the matters each meeting resolved on.

``deliberation_matters`` is derived: whether a matter was adopted (and from which report day),
how many of its steps were late on the official working-day calendar and how many
publications it owes are answered by :mod:`neighborhood_pb.governance.outcomes`, so that SQL
only counts them. Instants are UTC timestamps with their Asia/Shanghai day beside them.
"""

from __future__ import annotations

from neighborhood_pb.io.columnar.schema_types import TableSpec, c

__all__ = ["GOVERNANCE_SPECS"]

GOVERNANCE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        name="deliberation_matters",
        doc="a matter put to deliberation (议题) and what became of it (议事成效)",
        columns=(
            c("matter_id", "string", "id"),
            c("territory_id", "string", "the territory it concerns (may lie outside the tree)"),
            c("procedure", "string", "the procedure it follows"),
            c("proposed_at", "timestamp_utc", "when it was proposed, UTC"),
            c("proposed_on", "date32", "that instant's Asia/Shanghai day"),
            c(
                "adopted_from",
                "date32",
                "first report day on which it counts as adopted (采纳; a step after the "
                "first decided to go on by the end of that day)",
                nullable=True,
            ),
            c(
                "rejected_from",
                "date32",
                "first report day on which a step had refused it (否决)",
                nullable=True,
            ),
            c("closed_at", "timestamp_utc", "when it was closed (办结), UTC", nullable=True),
            c("closed_on", "date32", "that instant's Asia/Shanghai day", nullable=True),
            c("late_steps", "int64", "steps taken after their deadline (超时办理)"),
            c("publication_gaps", "int64", "publications owed or too short (公开不足)"),
        ),
        derived=True,
    ),
    TableSpec(
        name="deliberation_ratings",
        doc="a resident's rating of a matter's outcome (满意度评价)",
        columns=(
            c("matter_id", "string", "the matter"),
            c("resident_id", "string", "who rated it"),
            c("rated_at", "timestamp_utc", "when, UTC"),
            c("rated_on", "date32", "that instant's Asia/Shanghai day"),
            c("satisfied", "bool", "whether satisfied"),
        ),
    ),
    TableSpec(
        name="deliberation_resolutions",
        doc="a matter a deliberation meeting resolved on (议事会议决议)",
        columns=(
            c("meeting_id", "string", "the meeting"),
            c("held_on", "date32", "the meeting's day"),
            c("matter_id", "string", "the matter resolved on"),
        ),
    ),
)
"""The deliberations' tables, after the aggregates' in :data:`~.schema.TABLES`."""
