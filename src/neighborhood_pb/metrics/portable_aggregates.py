"""Portable definitions of the metrics over posts, rotations, the ledger and the links
(聚合指标的可移植定义): plain SQL over the tables of ``docs/columnar.md``.

Definitions only, as :mod:`neighborhood_pb.metrics.portable`, which puts these queries
behind its own common table expressions and those of :data:`AGGREGATE_SQL`. Placeholders
beyond the day: ``{month_days}`` (a query yielding one row ``d`` per day of the day's
month), ``{year_start}``, ``{quarter_start}``, ``{quarter_end}`` and ``{quarter_last_day}``
(the last completed quarter, half-open, and its last day), and ``{two_new_kinds}``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["AGGREGATE_METRIC_SQL", "AGGREGATE_SQL"]


def _on(alias: str, day: str = "{day}") -> str:
    return f"{alias}.start_on <= {day} AND ({alias}.end_on IS NULL OR {day} < {alias}.end_on)"


AGGREGATE_SQL = f"""
territory_scope AS (
  SELECT p.territory_id,
         CASE WHEN c.territory_id IS NOT NULL THEN c.territory_id
              WHEN s.territory_id IS NOT NULL THEN s.territory_id
              ELSE '*' END AS scope_id
  FROM territory_paths p
  JOIN alive t ON t.territory_id = p.top_id
  LEFT JOIN alive s ON s.territory_id = p.street_id
  LEFT JOIN alive c ON c.territory_id = p.community_id
),
org_scope AS (
  SELECT org_id, scope_id FROM (
    SELECT c.org_id, ts.scope_id,
           ROW_NUMBER() OVER (PARTITION BY c.org_id ORDER BY c.seq) AS rank_no
    FROM coverages c LEFT JOIN territory_scope ts ON ts.territory_id = c.territory_id
    WHERE {_on("c")}
  ) ranked WHERE rank_no = 1 AND scope_id IS NOT NULL
),
party_on AS (
  SELECT person_id, employment FROM people
  WHERE admitted_on IS NOT NULL AND admitted_on <= {{day}}
),
posts_on AS (
  SELECT a.* FROM appointments a WHERE {_on("a")}
),
bodies_on AS (
  SELECT b.* FROM bodies b WHERE {_on("b")}
),
party_in_body AS (
  SELECT DISTINCT a.body_id FROM posts_on a JOIN party_on m ON m.person_id = a.person_id
  WHERE a.body_id IS NOT NULL
),
approved AS (
  SELECT member_id, service_on FROM claim_awards WHERE status = 'approved'
),
reported_on AS (
  SELECT r.person_id, ts.scope_id
  FROM reports r
  JOIN party_on m ON m.person_id = r.person_id AND m.employment = 'in_service'
  JOIN territory_scope ts ON ts.territory_id = COALESCE(r.grid_id, r.community_id)
  WHERE {_on("r")}
),
reported_quarter AS (
  SELECT r.person_id, ts.scope_id
  FROM reports r
  JOIN people m ON m.person_id = r.person_id AND m.employment = 'in_service'
       AND m.admitted_on IS NOT NULL AND m.admitted_on <= {{quarter_last_day}}
  JOIN territory_scope ts ON ts.territory_id = COALESCE(r.grid_id, r.community_id)
  WHERE {_on("r", "{quarter_last_day}")} AND r.start_on <= {{quarter_start}}
),
committees AS (
  SELECT a.org_id, l.committee_tier, os.scope_id, COUNT(DISTINCT a.person_id) AS members
  FROM posts_on a
  JOIN organisations o ON o.org_id = a.org_id AND {_on("o")}
  JOIN levels l ON l.level = o.level
  JOIN org_scope os ON os.org_id = a.org_id
  WHERE a.post = 'part_time_member'
  GROUP BY a.org_id, l.committee_tier, os.scope_id
),
two_new AS (
  SELECT CASE WHEN b.territory_id IS NOT NULL THEN ts.scope_id
              WHEN sv.compound_id IS NOT NULL THEN cs.scope_id
              ELSE '*' END AS scope_id,
         CASE WHEN o.org_id IS NOT NULL THEN 1 ELSE 0 END AS organised,
         CASE WHEN o.org_id IS NOT NULL OR pb.body_id IS NOT NULL THEN 1 ELSE 0 END AS worked
  FROM bodies_on b
  LEFT JOIN territory_scope ts ON ts.territory_id = b.territory_id
  LEFT JOIN (
    SELECT k.company_id, MIN(k.compound_id) AS compound_id FROM service_contracts k
    WHERE {_on("k")} GROUP BY k.company_id
  ) sv ON sv.company_id = b.body_id
  LEFT JOIN territory_scope cs ON cs.territory_id = sv.compound_id
  LEFT JOIN orgs_on o ON o.org_id = b.party_org_id
  LEFT JOIN party_in_body pb ON pb.body_id = b.body_id
  WHERE b.kind IN ({{two_new_kinds}})
),
owners_committees AS (
  SELECT b.body_id, b.territory_id AS compound_id, ts.scope_id,
         CASE WHEN o.org_id IS NOT NULL THEN 1 ELSE 0 END AS own
  FROM bodies_on b
  JOIN territory_scope ts ON ts.territory_id = b.territory_id
  LEFT JOIN orgs_on o ON o.org_id = b.party_org_id
  WHERE b.kind = 'owners_committee'
),
served_compounds AS (
  SELECT DISTINCT cp.compound_id
  FROM compound_places cp JOIN coverages c ON c.territory_id = cp.place_id AND {_on("c")}
  WHERE cp.relation IN ('self', 'above')
),
party_places AS (
  SELECT DISTINCT a.person_id, cp.compound_id
  FROM posts_on a
  JOIN post_rules r ON r.rule = 'cross_party_post' AND r.code = a.post
  JOIN coverages c ON c.org_id = a.org_id AND {_on("c")}
  JOIN compound_places cp ON cp.place_id = c.territory_id
  LEFT JOIN alive x ON x.territory_id = cp.compound_id
  WHERE a.org_id IS NOT NULL AND (cp.relation <> 'above' OR x.territory_id IS NOT NULL)
),
body_places AS (
  SELECT DISTINCT a.person_id, COALESCE(b.territory_id, k.compound_id) AS compound_id
  FROM posts_on a
  JOIN post_rules r ON r.rule = 'cross_body_post' AND r.code = a.post
  JOIN bodies_on b ON b.body_id = a.body_id
  JOIN post_rules rk ON rk.rule = 'cross_body_kind' AND rk.code = b.kind
  LEFT JOIN service_contracts k
    ON b.territory_id IS NULL AND k.company_id = b.body_id AND {_on("k")}
),
cross_compounds AS (
  SELECT DISTINCT p.compound_id
  FROM party_places p
  JOIN body_places q ON q.person_id = p.person_id AND q.compound_id = p.compound_id
),
rotation_days AS (
  SELECT r.rotation_id, m.d,
         CASE WHEN r.org_id IS NULL THEN '*' ELSE os.scope_id END AS scope_id
  FROM duty_rotations r
  JOIN ({{month_days}}) m ON r.anchor_on <= m.d
  LEFT JOIN org_scope os ON os.org_id = r.org_id
),
duty_days AS (
  SELECT rd.rotation_id, rd.d, rd.scope_id,
         MAX(CASE WHEN t.rotation_id IS NOT NULL THEN 1 ELSE 0 END) AS on_duty
  FROM rotation_days rd
  LEFT JOIN duty_terms t
    ON t.rotation_id = rd.rotation_id AND t.start_on <= rd.d AND rd.d < t.end_on
  WHERE rd.scope_id IS NOT NULL
  GROUP BY rd.rotation_id, rd.d, rd.scope_id
)
"""
"""Common table expressions of the aggregates' metrics, after those of the structure.

``territory_scope`` is the nearest scope in effect of any territory (none when its top is
not in effect), as the in-memory engine's ``PassContext.scope``; ``org_scope`` the scope of
the first territory an organisation covers on the day (``coverages.seq``).
"""

_TIERS = {
    "street": "part_time_members_per_street_committee",
    "community": "part_time_members_per_community_committee",
    "grid": "part_time_members_per_grid_branch",
}

AGGREGATE_METRIC_SQL: Mapping[str, str] = {
    "building_head_coverage": """
SELECT 'building_head_coverage' AS metric_id, p.scope_id,
       SUM(CASE WHEN h.territory_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM placed p
LEFT JOIN (
  SELECT DISTINCT a.territory_id FROM posts_on a JOIN party_on m ON m.person_id = a.person_id
  WHERE a.post = 'building_head' AND a.territory_id IS NOT NULL
) h ON h.territory_id = p.territory_id
WHERE p.kind = 'building'
GROUP BY p.scope_id
""",
    "household_link_coverage": f"""
SELECT 'household_link_coverage' AS metric_id, p.scope_id,
       SUM(CASE WHEN k.household_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM placed p
LEFT JOIN (
  SELECT DISTINCT k.household_id FROM household_links k WHERE {_on("k")}
) k ON k.household_id = p.territory_id
WHERE p.kind = 'household'
GROUP BY p.scope_id
""",
    "owners_committee_party_share": """
SELECT 'owners_committee_party_share' AS metric_id, oc.scope_id,
       SUM(CASE WHEN m.person_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM owners_committees oc
JOIN (SELECT DISTINCT body_id, person_id FROM posts_on WHERE body_id IS NOT NULL) a
  ON a.body_id = oc.body_id
LEFT JOIN party_on m ON m.person_id = a.person_id
GROUP BY oc.scope_id
""",
    "owners_committee_party_org_coverage": """
SELECT 'owners_committee_party_org_coverage' AS metric_id, oc.scope_id,
       SUM(CASE WHEN oc.own = 1 OR s.compound_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM owners_committees oc
LEFT JOIN served_compounds s ON s.compound_id = oc.compound_id
GROUP BY oc.scope_id
""",
    "cross_appointment_rate": """
SELECT 'cross_appointment_rate' AS metric_id, oc.scope_id,
       SUM(CASE WHEN x.compound_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM (
  SELECT DISTINCT o.compound_id, o.scope_id
  FROM owners_committees o JOIN served_compounds s ON s.compound_id = o.compound_id
) oc
LEFT JOIN cross_compounds x ON x.compound_id = oc.compound_id
GROUP BY oc.scope_id
""",
    "duty_coverage": """
SELECT 'duty_coverage' AS metric_id, scope_id,
       SUM(on_duty) AS numerator, COUNT(*) AS denominator
FROM duty_days GROUP BY scope_id
""",
    "points_participation": """
SELECT 'points_participation' AS metric_id, r.scope_id,
       SUM(CASE WHEN s.member_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM reported_on r
LEFT JOIN (
  SELECT DISTINCT member_id FROM approved
  WHERE service_on >= {year_start} AND service_on <= {day}
) s ON s.member_id = r.person_id
GROUP BY r.scope_id
""",
    "quarterly_report_compliance": """
SELECT 'quarterly_report_compliance' AS metric_id, r.scope_id,
       SUM(CASE WHEN s.member_id IS NOT NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM reported_quarter r
LEFT JOIN (
  SELECT DISTINCT member_id FROM approved
  WHERE service_on >= {quarter_start} AND service_on < {quarter_end}
) s ON s.member_id = r.person_id
GROUP BY r.scope_id
""",
    "part_time_members_per_committee": """
SELECT 'part_time_members_per_committee' AS metric_id, scope_id,
       SUM(members) AS numerator, COUNT(*) AS denominator
FROM committees GROUP BY scope_id
""",
    **{
        metric_id: f"""
SELECT '{metric_id}' AS metric_id, scope_id,
       SUM(members) AS numerator, COUNT(*) AS denominator
FROM committees WHERE committee_tier = '{tier}' GROUP BY scope_id
"""
        for tier, metric_id in _TIERS.items()
    },
    "two_new_org_coverage": """
SELECT 'two_new_org_coverage' AS metric_id, scope_id,
       SUM(organised) AS numerator, COUNT(*) AS denominator
FROM two_new WHERE scope_id IS NOT NULL GROUP BY scope_id
""",
    "two_new_work_coverage": """
SELECT 'two_new_work_coverage' AS metric_id, scope_id,
       SUM(worked) AS numerator, COUNT(*) AS denominator
FROM two_new WHERE scope_id IS NOT NULL GROUP BY scope_id
""",
}
"""Each aggregate metric's query, by metric id."""
