"""Portable definitions of the deliberation metrics (议事协商指标的可移植定义): plain SQL
over the deliberations' tables of ``docs/columnar.md``.

Definitions only, as :mod:`neighborhood_pb.metrics.portable_aggregates`; the library has
already answered whether a matter was adopted, late or published in full
(``deliberation_matters``), so SQL only counts, as
:func:`~neighborhood_pb.metrics.governance_pass.governance_pass` does: the year is the
twelve months ending on the day, from ``{deliberation_year_start}``; a matter counts in the
scope of its territory (the total when the tree does not know it), a meeting once in the
scope of each matter it resolved on, and the ``*_per_community`` averages divide by the
communities (and villages) of each scope.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["GOVERNANCE_METRIC_SQL", "GOVERNANCE_SQL"]

_IN_YEAR = "BETWEEN {deliberation_year_start} AND {day}"

GOVERNANCE_SQL = f"""
matter_scope AS (
  SELECT m.matter_id, m.proposed_on, m.closed_on, m.late_steps, m.publication_gaps,
         CASE WHEN m.adopted_from <= {{day}}
               AND (m.rejected_from IS NULL OR m.rejected_from > {{day}})
              THEN 1 ELSE 0 END AS adopted,
         CASE WHEN k.territory_id IS NULL THEN '*' ELSE ts.scope_id END AS scope_id
  FROM deliberation_matters m
  LEFT JOIN (SELECT DISTINCT territory_id FROM territories) k
    ON k.territory_id = m.territory_id
  LEFT JOIN territory_scope ts ON ts.territory_id = m.territory_id
),
year_matters AS (
  SELECT * FROM matter_scope
  WHERE scope_id IS NOT NULL AND proposed_on {_IN_YEAR}
),
year_closures AS (
  SELECT * FROM matter_scope
  WHERE scope_id IS NOT NULL AND closed_on IS NOT NULL AND closed_on {_IN_YEAR}
),
community_counts AS (
  SELECT scope_id, 0 AS n, 1 AS d FROM scope_rows WHERE level = 'community'
)
"""
"""Common table expressions of the deliberation metrics, after those of the aggregates
(``territory_scope``): ``matter_scope`` is each matter's scope on the day and whether it
counts as adopted by its end."""


def _per_community(metric_id: str, counted: str) -> str:
    return f"""
SELECT '{metric_id}' AS metric_id, scope_id, SUM(n) AS numerator, SUM(d) AS denominator
FROM (
  {counted.strip()}
  UNION ALL
  SELECT scope_id, n, d FROM community_counts
) counted
GROUP BY scope_id
"""


GOVERNANCE_METRIC_SQL: Mapping[str, str] = {
    "deliberation_adoption_rate": """
SELECT 'deliberation_adoption_rate' AS metric_id, scope_id,
       SUM(adopted) AS numerator, COUNT(*) AS denominator
FROM year_matters GROUP BY scope_id
""",
    "deliberation_on_time_rate": """
SELECT 'deliberation_on_time_rate' AS metric_id, scope_id,
       SUM(CASE WHEN late_steps = 0 THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM year_closures GROUP BY scope_id
""",
    "deliberation_publication_compliance": """
SELECT 'deliberation_publication_compliance' AS metric_id, scope_id,
       SUM(CASE WHEN publication_gaps = 0 THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM year_closures GROUP BY scope_id
""",
    "resident_satisfaction": f"""
SELECT 'resident_satisfaction' AS metric_id, m.scope_id,
       SUM(CASE WHEN r.satisfied THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM deliberation_ratings r
JOIN matter_scope m ON m.matter_id = r.matter_id
WHERE m.scope_id IS NOT NULL AND r.rated_on {_IN_YEAR}
GROUP BY m.scope_id
""",
    "deliberation_suggestions_per_community": _per_community(
        "deliberation_suggestions_per_community",
        "SELECT scope_id, 1 AS n, 0 AS d FROM year_matters",
    ),
    "deliberation_matters_per_community": _per_community(
        "deliberation_matters_per_community",
        "SELECT scope_id, adopted AS n, 0 AS d FROM year_matters",
    ),
    "deliberation_meetings_per_community": _per_community(
        "deliberation_meetings_per_community",
        f"""
SELECT scope_id, 1 AS n, 0 AS d FROM (
    SELECT DISTINCT r.meeting_id, m.scope_id
    FROM deliberation_resolutions r
    JOIN matter_scope m ON m.matter_id = r.matter_id
    WHERE m.scope_id IS NOT NULL AND r.held_on {_IN_YEAR}
  ) held
""",
    ),
}
"""Each deliberation metric's query, by metric id."""
