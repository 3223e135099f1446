"""The store's tables (数据库表结构): one per record kind, columns from the records' fields.

Every record kind people query has its own table whose columns are the record's fields:
text and enums as ``TEXT``, whole numbers as ``BIGINT``, flags as ``BOOLEAN``, days as
``DATE`` (ISO text on SQLite), instants as ISO 8601 text with their offset, an effective
period as two columns ``<name>_start`` and ``<name>_end`` (``NULL``: still in effect), and
lists or nested records as ``JSON``. ``position`` keeps each record's place in the dataset.
Ledger entries share one append-only table keyed by ``seq`` (their order) with a ``UNIQUE``
idempotency ``key``; the rules and other small configuration records sit in ``settings`` as
JSON; ``schema_version`` holds one row: the version of these tables.

No balance, total or rank is stored: they are derived from the entries when loaded.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum
import sqlalchemy as sa

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.points.compliance import HouseholdLink
from neighborhood_pb.points.entries import ENTRY_TYPES
from neighborhood_pb.points.redemption import Goods
from neighborhood_pb.structure.joins import JointUnit, VillageCommunityUnion
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.bodies import Body, ServiceContract
from neighborhood_pb.structure.posts.evaluations import Evaluation
from neighborhood_pb.structure.posts.records import Appointment
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
)
from neighborhood_pb.structure.territory import Territory

__all__ = [
    "ENTRIES",
    "ID_INDEXES",
    "METADATA",
    "RECORD_TABLES",
    "SCHEMA_VERSION",
    "SETTINGS",
    "VERSION_TABLE",
    "Column",
    "RecordTable",
]

SCHEMA_VERSION = 2
"""The version of the tables this library writes (``schema_version.version``)."""


class IsoDate(sa.types.TypeDecorator[str]):
    """A day: ``DATE`` on PostgreSQL, ISO text on SQLite (SQLite's own convention); the
    library sees the ISO text either way."""

    impl = sa.Date
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(10))
        return dialect.type_descriptor(sa.Date())

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> Any:
        if value is None or dialect.name == "sqlite":
            return value
        return _dt.date.fromisoformat(value)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return str(value.isoformat())


class Kind(enum.Enum):
    """How a field is kept in a column."""

    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    INSTANT = "instant"
    PERIOD = "period"
    JSON = "json"


_SQL_TYPES: Mapping[Kind, sa.types.TypeEngine[Any]] = {
    Kind.TEXT: sa.Text(),
    Kind.INTEGER: sa.BigInteger(),
    Kind.BOOLEAN: sa.Boolean(),
    Kind.DATE: IsoDate(),
    Kind.INSTANT: sa.Text(),
    Kind.JSON: sa.JSON(none_as_null=True),
}


@attrs.frozen
class Column:
    """One field of a record and how it is kept."""

    name: str
    kind: Kind


def _kind(annotation: Any) -> Kind:
    """The column kind of a field's type (``X | None`` as ``X``)."""
    arguments = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if isinstance(annotation, types.UnionType) and len(arguments) == 1:
        annotation = arguments[0]
    kinds: list[tuple[type, Kind]] = [
        (Period, Kind.PERIOD),
        (pendulum.DateTime, Kind.INSTANT),
        (pendulum.Date, Kind.DATE),
        (bool, Kind.BOOLEAN),
        (int, Kind.INTEGER),
        (str, Kind.TEXT),
        (enum.Enum, Kind.TEXT),
    ]
    if isinstance(annotation, type):
        for base, kind in kinds:
            if issubclass(annotation, base):
                return kind
    return Kind.JSON


def record_columns(*classes: type) -> tuple[Column, ...]:
    """The columns of records of ``classes``, in field order, each name once."""
    columns: dict[str, Column] = {}
    for cls in classes:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            columns.setdefault(field.name, Column(field.name, _kind(hints[field.name])))
    return tuple(columns.values())


def sql_columns(columns: tuple[Column, ...]) -> list[sa.Column[Any]]:
    """The SQL columns of record columns (a period gives two)."""
    result: list[sa.Column[Any]] = []
    for column in columns:
        if column.kind is Kind.PERIOD:
            result.append(sa.Column(f"{column.name}_start", IsoDate()))
            result.append(sa.Column(f"{column.name}_end", IsoDate()))
        else:
            result.append(sa.Column(column.name, _SQL_TYPES[column.kind]))
    return result


@attrs.frozen
class RecordTable:
    """A table of one record kind and where its records sit in a dataset document.

    Attributes:
        table: The SQL table.
        path: Keys of the list in the document, e.g. ``("structure", "territories")``.
        columns: The record's fields as columns.
        record: The record class of every row (``None`` for ledger entries, of many types).
    """

    table: sa.Table
    path: tuple[str, str | None]
    columns: tuple[Column, ...]
    record: type | None = None

    @property
    def name(self) -> str:
        """The table's name."""
        return self.table.name


METADATA = sa.MetaData()
"""Every table of the store."""


def _record_table(name: str, path: tuple[str, str | None], cls: type) -> RecordTable:
    columns = record_columns(cls)
    table = sa.Table(
        name,
        METADATA,
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        *sql_columns(columns),
    )
    return RecordTable(table, path, columns, cls)


RECORD_TABLES: tuple[RecordTable, ...] = (
    _record_table("territories", ("structure", "territories"), Territory),
    _record_table("people", ("structure", "people"), Person),
    _record_table("orgs", ("structure", "orgs"), Organisation),
    _record_table("coverage", ("structure", "coverage"), Coverage),
    _record_table("memberships", ("structure", "memberships"), Membership),
    _record_table("reports", ("structure", "reports"), Report),
    _record_table("terms", ("structure", "terms"), ElectionTerm),
    _record_table("bodies", ("appointments", "bodies"), Body),
    _record_table("contracts", ("appointments", "contracts"), ServiceContract),
    _record_table("appointments", ("appointments", "appointments"), Appointment),
    _record_table("evaluations", ("appointments", "evaluations"), Evaluation),
    _record_table("goods", ("points", "goods"), Goods),
    _record_table("household_links", ("points", "household_links"), HouseholdLink),
    _record_table("joint_units", ("joint_units", None), JointUnit),
    _record_table(
        "village_community_unions", ("village_community_unions", None), VillageCommunityUnion
    ),
)
"""The record tables, in the order they are written and read."""

ID_INDEXES: tuple[sa.Index, ...] = tuple(
    sa.Index(f"{table.name}_id", table.table.c.id)
    for table in RECORD_TABLES
    if table.name in ("memberships", "reports")
)
"""Indexes on the ``id`` of the tables written one record at a time (version 2)."""

ENTRY_COLUMNS = record_columns(*ENTRY_TYPES)
"""Every field of every entry type (a field an entry type lacks is ``NULL``)."""

_entries_table = sa.Table(
    "ledger_entries",
    METADATA,
    sa.Column(
        "seq",
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    sa.Column("type", sa.Text(), nullable=False),
    *sql_columns(ENTRY_COLUMNS),
    sa.UniqueConstraint("key", name="ledger_entries_key"),
)
ENTRIES = RecordTable(_entries_table, ("points", "entries"), ENTRY_COLUMNS)
"""The append-only ledger: ``seq`` is the order, ``key`` the unique idempotency key."""

SETTINGS = sa.Table(
    "settings",
    METADATA,
    sa.Column("name", sa.Text(), primary_key=True),
    sa.Column("value", sa.JSON(), nullable=False),
)
"""The rest of the document by top-level key: title, schema, rules, catalogue, rotations …"""

VERSION_TABLE = sa.Table(
    "schema_version",
    METADATA,
    sa.Column("version", sa.Integer(), nullable=False),
)
"""One row: the version of the tables (:data:`SCHEMA_VERSION`)."""
