"""Portable definitions of the metrics (指标的可移植定义): plain SQL text, run as it is by
DuckDB and Spark SQL over the tables of ``docs/columnar.md``.

Definitions only: no engine is imported here (the engines live in ``io/engines``). Each
metric query yields rows ``(metric_id, scope_id, numerator, denominator)`` at the nearest
scope; the engine rolls them up with :meth:`~neighborhood_pb.metrics.context.Sums.roll_up`,
as the in-memory engine does. Ratios leave SQL as integer pairs, never floats.

The SQL is the subset both engines accept: common table expressions, inner and left joins,
``CASE``, ``COALESCE``, ``GROUP BY``, ``UNION ALL``, ``ROW_NUMBER() OVER`` and ``DATE``
literals. Placeholders in braces (``{day}``, ``{compound_forms}``, ``{branch_forms}``,
``{passes_down}``, ``{street_kinds}``, ``{community_kinds}``) are filled by :func:`render`
from the as-of day, the :class:`~neighborhood_pb.metrics.settings.MetricSettings` and the
territory kinds of each scope level.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping

import pendulum

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.metrics.governance_pass import year_to
from neighborhood_pb.metrics.portable_aggregates import AGGREGATE_METRIC_SQL, AGGREGATE_SQL
from neighborhood_pb.metrics.portable_cobuild import COBUILD_METRIC_SQL, COBUILD_SQL
from neighborhood_pb.metrics.portable_governance import GOVERNANCE_METRIC_SQL, GOVERNANCE_SQL
from neighborhood_pb.metrics.posts_pass import TWO_NEW_KINDS
from neighborhood_pb.metrics.settings import MetricSettings
from neighborhood_pb.points.compliance import last_completed_quarter
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.territory import COMMUNITY_KINDS, STREET_KINDS

__all__ = [
    "AGGREGATE_METRICS",
    "COMMON_SQL",
    "METRIC_SQL",
    "PORTABLE_METRICS",
    "metrics_sql",
    "render",
    "report_sql",
]

COMMON_SQL = """
alive AS (
  SELECT * FROM territories
  WHERE start_on <= {day} AND (end_on IS NULL OR {day} < end_on)
),
scope_rows AS (
  SELECT territory_id AS scope_id, name, 'street' AS level, '*' AS parent_id,
         ordinal AS top_ordinal, ordinal
  FROM alive WHERE parent_id IS NULL AND kind IN ({street_kinds})
  UNION ALL
  SELECT c.territory_id, c.name, 'community', COALESCE(p.street_id, '*'), top.ordinal,
         c.ordinal
  FROM alive c
  JOIN territory_paths p ON p.territory_id = c.territory_id AND p.community_id = c.territory_id
  JOIN alive top ON top.territory_id = p.top_id
),
orgs_on AS (
  SELECT org_id, form FROM organisations
  WHERE start_on <= {day} AND (end_on IS NULL OR {day} < end_on)
),
coverage_flags AS (
  SELECT c.territory_id,
         MAX(CASE WHEN o.form IN ({compound_forms}) THEN 1 ELSE 0 END) AS covered,
         MAX(CASE WHEN o.form = 'party_group' THEN 1 ELSE 0 END) AS by_group,
         MAX(CASE WHEN o.form IN ({branch_forms}) THEN 1 ELSE 0 END) AS by_branch,
         SUM(CASE WHEN o.form = 'contact_household' THEN 1 ELSE 0 END) AS contacts
  FROM coverages c JOIN orgs_on o ON o.org_id = c.org_id
  WHERE c.start_on <= {day} AND (c.end_on IS NULL OR {day} < c.end_on)
  GROUP BY c.territory_id
),
placed AS (
  SELECT t.territory_id, t.kind, t.households,
         COALESCE(p.community_id, p.street_id, '*') AS scope_id, p.grid_id, p.declared_above,
         COALESCE(f.covered, 0) AS covered, COALESCE(f.by_group, 0) AS by_group,
         COALESCE(f.by_branch, 0) AS by_branch, COALESCE(f.contacts, 0) AS contacts
  FROM alive t
  JOIN territory_paths p ON p.territory_id = t.territory_id
  LEFT JOIN coverage_flags f ON f.territory_id = t.territory_id
),
members AS (
  SELECT person_id, name, household_id FROM people
  WHERE employment = 'in_service' AND admitted_on IS NOT NULL AND admitted_on <= {day}
),
reports_on AS (
  SELECT r.person_id, r.seq, COALESCE(r.grid_id, r.community_id) AS territory_id
  FROM reports r
  WHERE r.start_on <= {day} AND (r.end_on IS NULL OR {day} < r.end_on)
),
first_report AS (
  SELECT person_id, scope_id FROM (
    SELECT r.person_id,
           CASE WHEN c.territory_id IS NOT NULL THEN c.territory_id
                WHEN p.street_id IS NOT NULL THEN p.street_id
                ELSE '*' END AS scope_id,
           ROW_NUMBER() OVER (PARTITION BY r.person_id ORDER BY r.seq) AS rank_no
    FROM reports_on r
    JOIN territory_paths p ON p.territory_id = r.territory_id
    JOIN (SELECT territory_id FROM alive WHERE parent_id IS NULL) t
      ON t.territory_id = p.top_id
    LEFT JOIN (SELECT territory_id FROM alive WHERE kind IN ({community_kinds})) c
      ON c.territory_id = p.community_id
  ) ranked WHERE rank_no = 1
),
member_rows AS (
  SELECT m.person_id, m.name,
         CASE WHEN h.territory_id IS NULL THEN 1 ELSE 0 END AS unplaced,
         CASE WHEN h.territory_id IS NOT NULL THEN h.scope_id
              ELSE COALESCE(fr.scope_id, '*') END AS scope_id,
         CASE WHEN fr.person_id IS NOT NULL OR rp.person_id IS NOT NULL
              THEN 1 ELSE 0 END AS reported
  FROM members m
  LEFT JOIN placed h ON h.territory_id = m.household_id
  LEFT JOIN first_report fr ON fr.person_id = m.person_id
  LEFT JOIN (SELECT DISTINCT person_id FROM reports_on) rp ON rp.person_id = m.person_id
)
"""
"""Common table expressions every query starts with (``WITH`` is added by :func:`render`).

``scope_rows`` are the roll-up scopes of the day: each top street (or township) and the
communities (or villages) inside it, and each top community. A territory in effect counts
in its community scope, else its street, else the total (``territory_paths``; a territory's
period lies inside its parent's, so its scopes are in effect too). A report may name a
territory no longer in effect: it counts in the nearest of its scopes still in effect.
"""

_STRUCTURE_SQL: Mapping[str, str] = {
    "compound_org_coverage": """
SELECT 'compound_org_coverage' AS metric_id, p.scope_id,
       SUM(CASE WHEN p.covered = 1 OR ({passes_down} AND COALESCE(g.covered, 0) = 1)
           THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM placed p
LEFT JOIN coverage_flags g ON g.territory_id = p.grid_id
WHERE p.kind = 'compound'
GROUP BY p.scope_id
""",
    "building_group_coverage": """
SELECT 'building_group_coverage' AS metric_id, scope_id,
       SUM(by_group) AS numerator, COUNT(*) AS denominator
FROM placed WHERE kind = 'building' GROUP BY scope_id
""",
    "grid_branch_coverage": """
SELECT 'grid_branch_coverage' AS metric_id, scope_id,
       SUM(by_branch) AS numerator, COUNT(*) AS denominator
FROM placed WHERE kind = 'grid' GROUP BY scope_id
""",
    "central_household_ratio": """
SELECT 'central_household_ratio' AS metric_id, p.scope_id,
       SUM(CASE WHEN p.declared_above THEN 0
                WHEN p.households IS NOT NULL THEN p.households
                WHEN p.kind = 'household' THEN 1 ELSE 0 END) AS numerator,
       SUM(p.contacts) AS denominator
FROM placed p
GROUP BY p.scope_id
""",
    "report_rate": """
SELECT 'report_rate' AS metric_id, scope_id,
       SUM(reported) AS numerator, COUNT(*) AS denominator
FROM member_rows GROUP BY scope_id
""",
}
METRIC_SQL: Mapping[str, str] = {
    **_STRUCTURE_SQL,
    **AGGREGATE_METRIC_SQL,
    **GOVERNANCE_METRIC_SQL,
    **COBUILD_METRIC_SQL,
}
"""Each portable metric's query, by metric id."""

PORTABLE_METRICS: frozenset[str] = frozenset(METRIC_SQL)

AGGREGATE_METRICS: frozenset[str] = frozenset(
    {*AGGREGATE_METRIC_SQL, *GOVERNANCE_METRIC_SQL, *COBUILD_METRIC_SQL}
)
"""The portable metrics that read the aggregates' or deliberations' tables (and
:data:`AGGREGATE_SQL`, :data:`GOVERNANCE_SQL`)."""
"""The metrics an SQL engine computes from the tables."""


def _codes(codes: Iterable[enum.Enum]) -> str:
    return ", ".join(sorted(f"'{code.value}'" for code in codes)) or "''"


def _date(day: _dt.date) -> str:
    return f"DATE '{day.isoformat()}'"


def _month_days(day: _dt.date) -> str:
    month = Period.of(PeriodKind.MONTH, day)
    end = month.closed_end("month")
    days, current = [], pendulum.date(month.start.year, month.start.month, 1)
    while current < end:
        days.append(f"SELECT {_date(current)} AS d")
        current = current.add(days=1)
    return " UNION ALL ".join(days)


def render(
    query: str,
    day: _dt.date,
    settings: MetricSettings | None = None,
    *,
    aggregates: bool = True,
) -> str:
    """``query`` behind the common table expressions, its placeholders filled.

    With ``aggregates=False`` the aggregates' and deliberations' expressions
    (:data:`AGGREGATE_SQL`, :data:`GOVERNANCE_SQL`) are left
    out, for a query of the structure metrics only: DuckDB then plans the shared
    expressions as before they existed (an expression referenced more often is
    materialised).
    """
    settings = MetricSettings() if settings is None else settings
    quarter = last_completed_quarter(day)
    quarter_end = quarter.closed_end("quarter")
    values = {
        "{month_days}": _month_days(day),
        "{year_start}": _date(pendulum.date(day.year, 1, 1)),
        "{quarter_start}": _date(quarter.start),
        "{quarter_end}": _date(quarter_end),
        "{quarter_last_day}": _date(quarter_end.subtract(days=1)),
        "{deliberation_year_start}": _date(
            year_to(pendulum.date(day.year, day.month, day.day))[0].date()
        ),
        "{two_new_kinds}": _codes(TWO_NEW_KINDS),
        "{street_kinds}": _codes(STREET_KINDS),
        "{community_kinds}": _codes(COMMUNITY_KINDS),
        "{day}": _date(day),
        "{compound_forms}": _codes(settings.compound_coverage_forms),
        "{branch_forms}": _codes(f for f in OrgForm if f.is_branch),
        "{passes_down}": "TRUE" if settings.grid_coverage_passes_down else "FALSE",
    }
    common = COMMON_SQL.strip()
    if aggregates:
        common = (
            f"{common},\n{AGGREGATE_SQL.strip()},\n{GOVERNANCE_SQL.strip()},\n{COBUILD_SQL.strip()}"
        )
    text = f"WITH {common}\n{query.strip()}"
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def metrics_sql(metric_ids: Iterable[str]) -> str:
    """One query yielding the rows of every metric in ``metric_ids`` (all portable)."""
    return "\nUNION ALL\n".join(METRIC_SQL[m].strip() for m in sorted(metric_ids))


def report_sql(metric_ids: Iterable[str], *, unplaced: bool) -> str:
    """One query for a whole table, so that an engine computes the shared expressions once.

    Each row is ``(row_kind, key, scope_id, name, level, parent_id, n1, n2)``:
    ``scope`` rows (key: the scope id; n1, n2: the display order), ``metric`` rows
    (key: the metric id; n1, n2: numerator, denominator) and, with ``unplaced``,
    ``unplaced`` rows (key: the person's id, name: theirs).
    """
    parts = [
        "SELECT 'scope' AS row_kind, scope_id AS row_key, scope_id, name, level, parent_id, "
        "CAST(top_ordinal AS BIGINT) AS n1, CAST(ordinal AS BIGINT) AS n2 "
        "FROM scope_rows"
    ]
    ids = sorted(metric_ids)
    if ids:
        parts.append(
            "SELECT 'metric', metric_id, scope_id, '', '', '', CAST(numerator AS BIGINT), "
            f"CAST(denominator AS BIGINT) FROM (\n{metrics_sql(ids)}\n) metric_rows"
        )
    if unplaced:
        parts.append(
            "SELECT 'unplaced', person_id, scope_id, name, '', '', CAST(0 AS BIGINT), "
            "CAST(0 AS BIGINT) FROM member_rows WHERE unplaced = 1"
        )
    return "\nUNION ALL\n".join(parts)
