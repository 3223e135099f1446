"""Portable definitions of the co-building metrics (四项清单、共驻共建指标的可移植定义):
plain SQL over the co-building tables of ``docs/columnar.md``.

Definitions only, as :mod:`neighborhood_pb.metrics.portable_governance`; the library has
already answered when a need was met, when the first project answered it or committed a
resource (``cobuild_needs``, ``cobuild_resources``), so SQL only compares days and counts, as
:func:`~neighborhood_pb.metrics.cobuild_pass.cobuild_pass` does: needs over the twelve months
ending on the day (from ``{deliberation_year_start}``), the rest as they stand on the day; a
record counts in the scope of its territory (the total when the tree does not know it).
The median's rows are its values with how often each occurs (``numerator``: the days,
``denominator``: the count); the engine takes the median of a scope's values and its parts'.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["COBUILD_METRIC_SQL", "COBUILD_SQL"]


def _on(alias: str) -> str:
    return f"{alias}.start_on <= {{day}} AND ({alias}.end_on IS NULL OR {{day}} < {alias}.end_on)"


def _scoped(name: str, table: str, where: str = "TRUE") -> str:
    return f"""
{name} AS (
  SELECT x.*, CASE WHEN k.territory_id IS NULL THEN '*' ELSE ts.scope_id END AS scope_id
  FROM {table} x
  LEFT JOIN (SELECT DISTINCT territory_id FROM territories) k
    ON k.territory_id = x.territory_id
  LEFT JOIN territory_scope ts ON ts.territory_id = x.territory_id
  WHERE {where}
)"""


COBUILD_SQL = ",".join(
    (
        _scoped(
            "cobuild_year_needs",
            "cobuild_needs",
            "x.raised_on BETWEEN {deliberation_year_start} AND {day}",
        ),
        _scoped("cobuild_resources_on", "cobuild_resources", _on("x")),
        _scoped(
            "cobuild_funded_on",
            "cobuild_fund_projects",
            f"{_on('x')} AND x.project_start_on <= {{day}}",
        ),
        _scoped("cobuild_hardship_on", "cobuild_hardship", _on("x")),
        """
cobuild_units_on AS (
  SELECT b.body_id, b.territory_id,
         CASE WHEN m.unit_id IS NOT NULL THEN 1 ELSE 0 END AS allied
  FROM bodies b
  LEFT JOIN (
    SELECT DISTINCT unit_id FROM cobuild_alliance_members x WHERE """
        + _on("x")
        + """
  ) m ON m.unit_id = b.body_id
  WHERE b.kind = 'resident_unit' AND b.territory_id IS NOT NULL AND """
        + _on("b")
        + """
)""",
        _scoped("cobuild_scoped_units", "cobuild_units_on"),
    )
)
"""Common table expressions of the co-building metrics, after those of the aggregates
(``territory_scope``)."""

COBUILD_METRIC_SQL: Mapping[str, str] = {
    "needs_met_rate": """
SELECT 'needs_met_rate' AS metric_id, scope_id,
       SUM(CASE WHEN met_from <= {day} THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM cobuild_year_needs WHERE scope_id IS NOT NULL GROUP BY scope_id
""",
    "resource_utilisation": """
SELECT 'resource_utilisation' AS metric_id, scope_id,
       SUM(CASE WHEN committed_from <= {day} THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM cobuild_resources_on WHERE scope_id IS NOT NULL GROUP BY scope_id
""",
    "fund_execution": """
SELECT 'fund_execution' AS metric_id, f.scope_id,
       SUM(CASE WHEN COALESCE(s.spent, 0) > f.budget_fen THEN f.budget_fen
                ELSE COALESCE(s.spent, 0) END) AS numerator,
       SUM(f.budget_fen) AS denominator
FROM cobuild_funded_on f
LEFT JOIN (
  SELECT project_id, SUM(amount_fen) AS spent FROM cobuild_spendings
  WHERE spent_on <= {day} GROUP BY project_id
) s ON s.project_id = f.project_id
WHERE f.scope_id IS NOT NULL
GROUP BY f.scope_id
""",
    "need_to_project_median_days": """
SELECT 'need_to_project_median_days' AS metric_id, scope_id,
       project_days AS numerator, COUNT(*) AS denominator
FROM cobuild_year_needs
WHERE scope_id IS NOT NULL AND project_from <= {day}
GROUP BY scope_id, project_days
""",
    "alliance_unit_coverage": """
SELECT 'alliance_unit_coverage' AS metric_id, scope_id,
       SUM(allied) AS numerator, COUNT(*) AS denominator
FROM cobuild_scoped_units WHERE scope_id IS NOT NULL GROUP BY scope_id
""",
    "pairing_coverage": """
SELECT 'pairing_coverage' AS metric_id, h.scope_id,
       SUM(CASE WHEN p.partner_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM cobuild_hardship_on h
LEFT JOIN (
  SELECT DISTINCT partner_id FROM cobuild_pairings x
  WHERE x.kind = 'unit_household' AND x.start_on <= {day}
    AND (x.end_on IS NULL OR {day} < x.end_on)
) p ON p.partner_id = h.household_id
WHERE h.scope_id IS NOT NULL
GROUP BY h.scope_id
""",
}
"""Each co-building metric's query, by metric id."""
