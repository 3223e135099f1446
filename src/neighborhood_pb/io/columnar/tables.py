"""Arrow tables from a dataset (列式导出): one table per record kind, plus derived facts.

Requires the ``columnar`` extra (pyarrow).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.dataset.build import (
    build_appointments,
    build_calendar,
    build_cobuild,
    build_deliberations,
    build_duty_rotations,
    build_household_links,
    build_ledger,
    build_tree,
)
from neighborhood_pb.io.columnar.aggregate_rows import (
    AGGREGATE_TABLES,
    Rows,
    aggregate_rows,
    duty_horizon,
)
from neighborhood_pb.io.columnar.cobuild_rows import COBUILD_TABLES, cobuild_rows
from neighborhood_pb.io.columnar.governance_rows import GOVERNANCE_TABLES, governance_rows
from neighborhood_pb.io.columnar.schema import SCHEMA_VERSION, TABLES, TableSpec
from neighborhood_pb.structure.territory import COMMUNITY_KINDS, STREET_KINDS, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["arrow_schema", "arrow_type", "dataset_tables", "metadata_facts", "tree_tables"]


def arrow_type(name: str) -> pa.DataType:
    """The Arrow type a schema type name stands for."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "date32": pa.date32(),
        "bool": pa.bool_(),
        "timestamp_utc": pa.timestamp("us", tz="UTC"),
    }
    return types[name]


def arrow_schema(spec: TableSpec) -> pa.Schema:
    """The Arrow schema of a table of the columnar schema."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(c.name, arrow_type(c.type), nullable=c.nullable) for c in spec.columns]
    )


def metadata_facts(tables: Mapping[str, pa.Table]) -> dict[str, str]:
    """The facts of the ``metadata`` table, by key."""
    meta = tables["metadata"]
    keys, values = meta.column("key").to_pylist(), meta.column("value").to_pylist()
    return dict(zip(keys, values, strict=True))


def _table(name: str, rows: Iterable[Sequence[Any]]) -> pa.Table:
    import pyarrow as pa

    spec = TABLES[name]
    columns: list[list[Any]] = [[] for _ in spec.columns]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return pa.Table.from_arrays(
        [
            pa.array(values, type=arrow_type(c.type))
            for values, c in zip(columns, spec.columns, strict=True)
        ],
        schema=arrow_schema(spec),
    )


def _period(period: Period) -> tuple[Any, Any]:
    return period.start, period.end


def _ordinals(tree: OrgTree) -> dict[str, int]:
    """Each territory's depth-first position, children in the tree's order."""
    child_ids = tree.territories.child_ids
    order: dict[str, int] = {}
    stack = list(reversed(child_ids(None)))
    while stack:
        tid = stack.pop()
        order[tid] = len(order)
        stack.extend(reversed(child_ids(tid)))
    return order


_Path = tuple[str, str | None, str | None, str | None, bool]
"""Top, street, community scope, nearest grid above, declared households above."""


def _paths(tree: OrgTree, order: Iterable[str]) -> Iterable[tuple[Any, ...]]:
    """Each territory's top, street and community scope, nearest grid above it, and whether
    a territory above it declares its households, parents first (``order``)."""
    by_id = tree.territories.by_id
    done: dict[str, _Path] = {}
    for tid in order:
        territory = by_id[tid]
        kind = territory.kind
        if territory.parent_id is None:
            street = tid if kind in STREET_KINDS else None
            community = tid if kind in COMMUNITY_KINDS else None
            path: _Path = (tid, street, community, None, False)
        else:
            parent = by_id[territory.parent_id]
            top, street, community, grid, declared = done[parent.id]
            if kind in COMMUNITY_KINDS and street is not None:
                community = tid
            if parent.kind is TerritoryKind.GRID:
                grid = parent.id
            path = (top, street, community, grid, declared or parent.households is not None)
        done[tid] = path
        yield (tid, *path)


def _coverage_rows(coverages: Iterable[Any]) -> Iterable[tuple[Any, ...]]:
    seq: dict[str, int] = {}
    for c in coverages:
        seq[c.org_id] = seq.get(c.org_id, -1) + 1
        yield (c.org_id, c.territory_id, *_period(c.period), seq[c.org_id])


def tree_tables(
    tree: OrgTree,
    metadata: dict[str, str] | None = None,
    aggregates: dict[str, Rows] | None = None,
    governance: dict[str, Rows] | None = None,
    cobuild: dict[str, Rows] | None = None,
) -> dict[str, pa.Table]:
    """The tables of an organisation tree, in the order of :data:`TABLES`.

    Args:
        tree: The tree (its records already validated).
        metadata: Facts for the ``metadata`` table besides ``schema_version``.
        aggregates: The rows of the aggregates' tables (:func:`.aggregate_rows`); without
            them those tables are empty, but for the schema's levels.
        governance: The rows of the deliberations' tables (:func:`.governance_rows`);
            without them those tables are empty.
        cobuild: The rows of the co-building tables (:func:`.cobuild_rows`); without them
            those tables are empty.
    """
    rows = aggregate_rows(tree, None) if aggregates is None else aggregates
    rows = {**rows, **(governance_rows(None) if governance is None else governance)}
    rows.update(cobuild_rows(None) if cobuild is None else cobuild)
    records = tree.records()
    ordinal = _ordinals(tree)
    facts = {"schema_version": str(SCHEMA_VERSION), **(metadata or {})}
    versions: dict[str, int] = {}
    org_rows = []
    for org in records.orgs:
        version = versions[org.id] = versions.get(org.id, -1) + 1
        org_rows.append(
            (
                org.id,
                version,
                org.name,
                org.form.value,
                org.level,
                org.parent_id,
                *_period(org.period),
            )
        )
    report_rows = []
    for person in tree.people():
        for seq, r in enumerate(tree.reports_of(person.id)):
            channels = ",".join(sorted(c.value for c in r.channels))
            report_rows.append(
                (r.id, r.person_id, r.community_id, r.grid_id, channels, *_period(r.period), seq)
            )
    return {
        "metadata": _table("metadata", sorted(facts.items())),
        "territories": _table(
            "territories",
            (
                (
                    t.id,
                    t.parent_id,
                    t.kind.value,
                    t.name,
                    t.code,
                    t.households,
                    *_period(t.period),
                    ordinal[t.id],
                )
                for t in records.territories
            ),
        ),
        "territory_paths": _table("territory_paths", _paths(tree, ordinal)),
        "organisations": _table("organisations", org_rows),
        "coverages": _table(
            "coverages",
            _coverage_rows(records.coverage),
        ),
        "people": _table(
            "people",
            (
                (p.id, p.name, p.household_id, p.employment.value, p.admitted_on, p.full_member_on)
                for p in records.people
            ),
        ),
        "memberships": _table(
            "memberships",
            (
                (m.id, m.person_id, m.org_id, m.kind.value, *_period(m.period), m.end_reason)
                for m in records.memberships
            ),
        ),
        "reports": _table("reports", report_rows),
        "election_terms": _table(
            "election_terms",
            ((e.id, e.org_id, e.seats, *_period(e.period)) for e in records.terms),
        ),
        **{
            name: _table(name, rows[name])
            for name in (*AGGREGATE_TABLES, *GOVERNANCE_TABLES, *COBUILD_TABLES)
        },
    }


def dataset_tables(dataset: Dataset) -> dict[str, pa.Table]:
    """Every table of ``dataset`` (schema :data:`SCHEMA_VERSION`), its records validated.

    The ``inputs`` fact of ``metadata`` names what the metrics may read, as ``nbpb report``
    reads it: the structure and appointments always, rotations, points and household links
    when the dataset has them.

    Raises:
        DatasetRecordError: a record of the dataset is refused (as when it is built).
    """
    inputs = ["structure", "appointments"]
    if dataset.duty_rotations:
        inputs.append("rotations")
    if dataset.points.entries:
        inputs.append("points")
    if dataset.points.household_links:
        inputs.append("links")
    if not dataset.governance.is_empty:
        inputs.append("governance")
    if not dataset.cobuild.is_empty:
        inputs.append("cobuild")
    tree = build_tree(dataset)
    appointments = build_appointments(dataset, tree)
    rotations = build_duty_rotations(dataset, tree)
    until = duty_horizon(rotations, dataset.as_of)
    facts = {
        "title": dataset.title,
        "inputs": ",".join(inputs),
        "duty_terms_until": until.isoformat(),
    }
    if dataset.as_of is not None:
        facts["as_of"] = dataset.as_of.isoformat()
    points = dataset.points
    rows = aggregate_rows(
        tree,
        appointments,
        rotations,
        build_ledger(dataset, tree, appointments) if points.entries else None,
        build_household_links(dataset, tree) if points.household_links else None,
        until,
    )
    book = None
    if not dataset.governance.is_empty:
        book = build_deliberations(dataset, tree, appointments, build_calendar(dataset))
    books = None if dataset.cobuild.is_empty else build_cobuild(dataset)
    return tree_tables(tree, facts, rows, governance_rows(book), cobuild_rows(books))
