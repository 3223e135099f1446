"""Rows that name records (列式数据的引用检查): every id a row names must exist.

The in-memory aggregates refuse a membership in an organisation that does not exist; a
Parquet directory written elsewhere may hold one, and SQL would count it silently. Requires
the ``columnar`` extra (pyarrow).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from neighborhood_pb.errors import InvalidRecordError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["REFERENCES", "check_references"]

REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("territories", "parent_id", "territories", "territory_id"),
    ("territory_paths", "territory_id", "territories", "territory_id"),
    ("organisations", "parent_id", "organisations", "org_id"),
    ("coverages", "org_id", "organisations", "org_id"),
    ("coverages", "territory_id", "territories", "territory_id"),
    ("people", "household_id", "territories", "territory_id"),
    ("memberships", "person_id", "people", "person_id"),
    ("memberships", "org_id", "organisations", "org_id"),
    ("reports", "person_id", "people", "person_id"),
    ("reports", "community_id", "territories", "territory_id"),
    ("reports", "grid_id", "territories", "territory_id"),
    ("election_terms", "org_id", "organisations", "org_id"),
    ("organisations", "level", "levels", "level"),
    ("bodies", "territory_id", "territories", "territory_id"),
    ("bodies", "party_org_id", "organisations", "org_id"),
    ("service_contracts", "company_id", "bodies", "body_id"),
    ("service_contracts", "compound_id", "territories", "territory_id"),
    ("appointments", "person_id", "people", "person_id"),
    ("appointments", "org_id", "organisations", "org_id"),
    ("appointments", "body_id", "bodies", "body_id"),
    ("appointments", "territory_id", "territories", "territory_id"),
    ("duty_terms", "rotation_id", "duty_rotations", "rotation_id"),
    ("claim_awards", "member_id", "people", "person_id"),
    ("household_links", "person_id", "people", "person_id"),
    ("household_links", "household_id", "territories", "territory_id"),
    ("deliberation_ratings", "matter_id", "deliberation_matters", "matter_id"),
    ("deliberation_resolutions", "matter_id", "deliberation_matters", "matter_id"),
)
"""Each ``(table, column, target table, target column)``: a non-null value of the column
names a row of the target."""


def check_references(tables: Mapping[str, pa.Table]) -> None:
    """Check that every id a row names exists (the tables already fit the schema).

    Raises:
        InvalidRecordError: a row names a record that does not exist (rule
            ``columnar.reference``), naming the table, the row (from 0) and the column.
    """
    import pyarrow.compute as pc

    for table, column, target, key in REFERENCES:
        values = tables[table].column(column)
        known = tables[target].column(key).combine_chunks()
        missing = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=known)))
        if not pc.any(missing).as_py():
            continue
        row = pc.index(missing, True).as_py()
        value = values[row].as_py()
        raise InvalidRecordError(
            f"row {row} of the table {table}: {column} {value} names no record of {target}",
            subject=str(value),
            rule="columnar.reference",
            params={"table": table, "column": column, "row": row, "target": target},
        )
