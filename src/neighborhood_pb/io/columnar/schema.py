"""The columnar schema (列式数据结构): every table of a dataset, its columns and their types.

The schema is data: a table is a tuple of :class:`Column`, each with an Arrow type named by a
string (``string``, ``int64``, ``date32``, ``bool``, ``timestamp_utc``), so this module needs
no Arrow import. Days are ``date32``; periods are half-open, ``start_on <= day AND (end_on IS
NULL OR day < end_on)``; enums are their codes; optional fields are nullable. Tables marked
``derived`` hold facts the library's aggregates compute (a rule SQL should not re-implement).
"""

from __future__ import annotations

from collections.abc import Mapping

from neighborhood_pb.io.columnar.schema_aggregates import AGGREGATE_SPECS
from neighborhood_pb.io.columnar.schema_cobuild import COBUILD_SPECS
from neighborhood_pb.io.columnar.schema_governance import GOVERNANCE_SPECS
from neighborhood_pb.io.columnar.schema_types import Column, TableSpec
from neighborhood_pb.io.columnar.schema_types import c as _c
from neighborhood_pb.io.columnar.schema_types import period as _period

__all__ = ["SCHEMA_VERSION", "TABLES", "Column", "TableSpec"]

SCHEMA_VERSION = 3
"""Version of the columnar schema; a reader refuses a newer one. Version 2 added the
aggregates' tables (appointments, rotations, ledger, links) and ``coverages.seq``; version 3
the deliberations' tables (matters, ratings, resolutions)."""


_SPECS = (
    TableSpec(
        name="metadata",
        doc="key/value facts of the export (元数据): schema_version, title, as_of",
        columns=(_c("key", "string", "the fact's name"), _c("value", "string", "its value")),
    ),
    TableSpec(
        name="territories",
        doc="a territory (辖区): street, community, grid, compound, building, household …",
        columns=(
            _c("territory_id", "string", "id"),
            _c("parent_id", "string", "the enclosing territory", nullable=True),
            _c("kind", "string", "TerritoryKind code"),
            _c("name", "string", "display name"),
            _c("code", "string", "grid code (网格编码)", nullable=True),
            _c("households", "int64", "declared number of households", nullable=True),
            *_period(),
            _c("ordinal", "int64", "depth-first position in the tree (display order)"),
        ),
    ),
    TableSpec(
        name="territory_paths",
        doc="where each territory lies: the roll-up scopes and the grid above it (汇总路径)",
        columns=(
            _c("territory_id", "string", "the territory"),
            _c("top_id", "string", "the top territory it lies in (itself at the top)"),
            _c(
                "street_id",
                "string",
                "the top street or township it lies in (null: the top is another kind)",
                nullable=True,
            ),
            _c(
                "community_id",
                "string",
                "the community or village scope it lies in or is: one inside a top street, or "
                "a top one (null: none)",
                nullable=True,
            ),
            _c("grid_id", "string", "the nearest grid enclosing it (null: none)", nullable=True),
            _c(
                "declared_above",
                "bool",
                "whether a territory enclosing it declares its number of households",
            ),
        ),
        derived=True,
    ),
    TableSpec(
        name="organisations",
        doc="a version of a party organisation (党组织), one row per version",
        columns=(
            _c("org_id", "string", "id"),
            _c("version", "int64", "0 for the first version, in order of time"),
            _c("name", "string", "name"),
            _c("form", "string", "OrgForm code"),
            _c("level", "string", "level of the schema"),
            _c("parent_id", "string", "the superior organisation", nullable=True),
            *_period(),
        ),
    ),
    TableSpec(
        name="coverages",
        doc="an organisation covering a territory (组织覆盖)",
        columns=(
            _c("org_id", "string", "the organisation"),
            _c("territory_id", "string", "the territory covered"),
            *_period(),
            _c(
                "seq",
                "int64",
                "position among the organisation's coverages (the first names its scope)",
            ),
        ),
    ),
    TableSpec(
        name="people",
        doc="a person (人员): members and residents the records name",
        columns=(
            _c("person_id", "string", "id"),
            _c("name", "string", "name"),
            _c("household_id", "string", "household record lived in", nullable=True),
            _c("employment", "string", "EmploymentStatus code"),
            _c("admitted_on", "date32", "admitted to the party (入党)", nullable=True),
            _c("full_member_on", "date32", "became a full member (转正)", nullable=True),
        ),
    ),
    TableSpec(
        name="memberships",
        doc="a person's membership of an organisation (组织关系)",
        columns=(
            _c("membership_id", "string", "id"),
            _c("person_id", "string", "the member"),
            _c("org_id", "string", "the organisation"),
            _c("kind", "string", "MembershipKind code"),
            *_period(),
            _c("end_reason", "string", "why it ended", nullable=True),
        ),
    ),
    TableSpec(
        name="reports",
        doc="an in-service member's report to the community lived in (在职党员报到)",
        columns=(
            _c("report_id", "string", "id"),
            _c("person_id", "string", "the member"),
            _c("community_id", "string", "the community reported to"),
            _c("grid_id", "string", "the grid reported to", nullable=True),
            _c("channels", "string", "ReportChannel codes, sorted, comma-separated"),
            *_period(),
            _c("seq", "int64", "position among the person's reports"),
        ),
    ),
    TableSpec(
        name="election_terms",
        doc="an organisation's election term (任期)",
        columns=(
            _c("term_id", "string", "id"),
            _c("org_id", "string", "the organisation"),
            _c("seats", "int64", "seats of the committee"),
            *_period(),
        ),
    ),
)

TABLES: Mapping[str, TableSpec] = {
    spec.name: spec for spec in (*_SPECS, *AGGREGATE_SPECS, *GOVERNANCE_SPECS, *COBUILD_SPECS)
}
"""Every table of schema version :data:`SCHEMA_VERSION`, by name."""
