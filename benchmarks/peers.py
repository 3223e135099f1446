"""The same aggregations done by peers: a hand-written pure-Python pass, polars on flat
tables, and the territory tree built with anytree. Each returns figures that the benchmark
checks against the library's own before it prints a ratio."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neighborhood_pb.metrics.settings import COMPOUND_COVERAGE_FORMS
from neighborhood_pb.structure import EmploymentStatus, OrgForm, TerritoryKind, TreeRecords

Figures = dict[str, dict[str, tuple[int, int]]]
"""metric id -> scope id -> (numerator, denominator)."""

BRANCH_FORMS = frozenset(f.value for f in OrgForm if f.is_branch)
COMPOUND_FORMS = frozenset(f.value for f in COMPOUND_COVERAGE_FORMS)
"""Forms whose coverage of a compound, or of the grid it lies in, covers the compound."""


def _grids(records: TreeRecords) -> dict[str, str | None]:
    """The nearest grid above each territory (``None`` when there is none)."""
    by_id = {t.id: t for t in records.territories}
    found: dict[str, str | None] = {}

    def grid_above(tid: str | None) -> str | None:
        if tid is None:
            return None
        if tid not in found:
            territory = by_id[tid]
            if territory.kind is TerritoryKind.GRID:
                found[tid] = tid
            else:
                found[tid] = grid_above(territory.parent_id)
        return found[tid]

    return {t.id: grid_above(t.parent_id) for t in records.territories}


def flat_tables(records: TreeRecords) -> dict[str, list[dict[str, Any]]]:
    """Plain rows (the shape a platform keeps in SQL) for every record the report reads;
    each territory names the grid above it, as a platform's territory table would."""
    grids = _grids(records)
    return {
        "territories": [
            {
                "id": t.id,
                "kind": t.kind.value,
                "parent": t.parent_id,
                "households": t.households,
                "grid": grids[t.id],
            }
            for t in records.territories
        ],
        "orgs": [{"id": o.id, "form": o.form.value} for o in records.orgs],
        "coverage": [{"org": c.org_id, "territory": c.territory_id} for c in records.coverage],
        "people": [
            {
                "id": p.id,
                "household": p.household_id,
                "in_service": p.employment is EmploymentStatus.IN_SERVICE,
            }
            for p in records.people
        ],
        "reports": [{"person": r.person_id} for r in records.reports],
    }


def scope_chains(rows: Iterable[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """For every territory, the scopes it feeds: its community, its street, the total."""
    by_id = {row["id"]: row for row in rows}
    scopes: dict[str, tuple[str, ...]] = {}

    def resolve(tid: str) -> tuple[str, ...]:
        chain: list[str] = []
        pending = []
        node: str | None = tid
        while node is not None and node not in scopes:
            pending.append(node)
            node = by_id[node]["parent"]
        base = scopes[node] if node is not None else ("*",)
        for item in reversed(pending):
            kind = by_id[item]["kind"]
            base = (item, *base) if kind in ("street", "community") else base
            scopes[item] = base
        chain.extend(scopes[tid])
        return tuple(chain)

    for tid in by_id:
        resolve(tid)
    return scopes


def hand_written(
    tables: dict[str, list[dict[str, Any]]], scopes: dict[str, tuple[str, ...]]
) -> Figures:
    """The structure metrics with dicts and loops, as a platform would hand-write them, given
    each territory's scopes (resolved beforehand, as for polars)."""
    forms = {row["id"]: row["form"] for row in tables["orgs"]}
    covered, by_group, by_branch = set(), set(), set()
    contacts: dict[str, int] = {}
    for row in tables["coverage"]:
        form, tid = forms[row["org"]], row["territory"]
        if form in COMPOUND_FORMS:
            covered.add(tid)
        if form == "party_group":
            by_group.add(tid)
        elif form == "contact_household":
            contacts[tid] = contacts.get(tid, 0) + 1
        if form in BRANCH_FORMS:
            by_branch.add(tid)
    figures: Figures = {}

    def add(metric: str, tid: str, num: int, den: int) -> None:
        table = figures.setdefault(metric, {})
        for scope in scopes[tid]:
            n, d = table.get(scope, (0, 0))
            table[scope] = (n + num, d + den)

    for row in tables["territories"]:
        tid, kind = row["id"], row["kind"]
        if kind == "compound":
            hit = tid in covered or row["grid"] in covered
            add("compound_org_coverage", tid, hit, 1)
        elif kind == "building":
            add("building_group_coverage", tid, tid in by_group, 1)
        elif kind == "grid":
            add("grid_branch_coverage", tid, tid in by_branch, 1)
        elif kind == "household":
            add("central_household_ratio", tid, 1, contacts.get(tid, 0))
    reported = {row["person"] for row in tables["reports"]}
    for row in tables["people"]:
        if row["in_service"] and row["household"] is not None:
            add("report_rate", row["household"], row["id"] in reported, 1)
    return figures


def with_polars(tables: dict[str, list[dict[str, Any]]]) -> Figures:
    """The structure metrics with polars joins and group-bys over flat tables."""
    import polars as pl

    scopes = scope_chains(tables["territories"])
    scope_rows = [(tid, scope) for tid, chain in scopes.items() for scope in chain]
    frames = {
        "scope": pl.DataFrame(scope_rows, schema=["id", "scope"], orient="row"),
        "territories": pl.DataFrame(tables["territories"]),
        "orgs": pl.DataFrame(tables["orgs"]),
        "coverage": pl.DataFrame(tables["coverage"]),
        "people": pl.DataFrame(tables["people"]),
        "reports": pl.DataFrame(tables["reports"]),
    }
    return polars_figures(frames)


def polars_figures(frames: dict[str, Any]) -> Figures:
    """The polars computation proper, on frames built beforehand (what is timed)."""
    import polars as pl

    cov = frames["coverage"].join(frames["orgs"], left_on="org", right_on="id")
    flags = cov.group_by("territory").agg(
        pl.col("form").is_in(list(COMPOUND_FORMS)).sum().alias("any"),
        (pl.col("form") == "party_group").sum().alias("group"),
        pl.col("form").is_in(list(BRANCH_FORMS)).sum().alias("branch"),
        (pl.col("form") == "contact_household").sum().alias("contacts"),
    )
    terr = frames["territories"].join(flags, left_on="id", right_on="territory", how="left")
    by_grid = flags.select(pl.col("territory").alias("grid"), pl.col("any").alias("grid_any"))
    terr = terr.join(by_grid, on="grid", how="left")
    terr = terr.fill_null(0).join(frames["scope"], on="id")
    figures: Figures = {}
    for metric, kind, hit in (
        ("compound_org_coverage", "compound", (pl.col("any") > 0) | (pl.col("grid_any") > 0)),
        ("building_group_coverage", "building", pl.col("group") > 0),
        ("grid_branch_coverage", "grid", pl.col("branch") > 0),
    ):
        grouped = (
            terr.filter(pl.col("kind") == kind)
            .group_by("scope")
            .agg(hit.sum().alias("num"), pl.len().alias("den"))
        )
        figures[metric] = {r[0]: (r[1], r[2]) for r in grouped.iter_rows()}
    households = (
        terr.filter(pl.col("kind") == "household")
        .group_by("scope")
        .agg(pl.len().alias("num"), pl.col("contacts").sum().alias("den"))
    )
    figures["central_household_ratio"] = {r[0]: (r[1], r[2]) for r in households.iter_rows()}
    reported = frames["reports"].select(pl.col("person").alias("id"), pl.lit(1).alias("reported"))
    people = (
        frames["people"]
        .filter(pl.col("in_service") & pl.col("household").is_not_null())
        .join(reported, on="id", how="left")
        .join(frames["scope"], left_on="household", right_on="id")
        .group_by("scope")
        .agg(pl.col("reported").fill_null(0).sum().alias("num"), pl.len().alias("den"))
    )
    figures["report_rate"] = {r[0]: (r[1], r[2]) for r in people.iter_rows()}
    return figures


def anytree_build(records: TreeRecords) -> int:
    """Build the territory tree with anytree nodes; returns the number of nodes."""
    from anytree import Node

    nodes: dict[str, Any] = {}
    for territory in sorted(records.territories, key=lambda t: t.kind.rank):
        parent = nodes[territory.parent_id] if territory.parent_id is not None else None
        nodes[territory.id] = Node(territory.id, parent=parent, kind=territory.kind)
    return len(nodes)


__all__ = [
    "BRANCH_FORMS",
    "COMPOUND_FORMS",
    "Figures",
    "TerritoryKind",
    "anytree_build",
    "flat_tables",
    "hand_written",
    "polars_figures",
    "scope_chains",
    "with_polars",
]
