"""One city-sized chunk of the streaming synthetic generator (模拟数据分块): its random
choices and its rows as Arrow tables, numbered after the chunks before it.

Requires the ``columnar`` extra (pyarrow).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pendulum

from neighborhood_pb.io.columnar.schema import TABLES
from neighborhood_pb.io.columnar.tables import arrow_schema, arrow_type
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.levels import LevelSchema
from neighborhood_pb.structure.posts.part_time import committee_tier
from neighborhood_pb.structure.scales import CityShape

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["SYNTHETIC_AS_OF", "CityChunk", "chunk_tables", "table_of"]

SYNTHETIC_AS_OF = pendulum.Date(2025, 6, 30)
"""A day on which every generated record is in effect (as ``generate_city``'s)."""

_SINCE = pendulum.Date(2021, 1, 1)
_NUMBERED = ("S", "C", "G", "K", "B", "H", "OH", "P")
"""What is numbered across chunks: territories by kind, central households, members."""


def _spread(count: int, over: int) -> list[int]:
    """Index of the parent of each of ``count`` children spread evenly over ``over``."""
    return [i * over // count for i in range(count)]


def _ids(prefix: str, numbers: Sequence[int] | range, *, pad: int = 0) -> pa.Array:
    """``prefix`` followed by each number (zero-padded to ``pad`` digits)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.cast(pa.array(numbers, type=pa.int64()), pa.string())
    if pad:
        text = pc.utf8_lpad(text, width=pad, padding="0")
    return pc.binary_join_element_wise(prefix, text, "")


def _names(prefix: str, numbers: range, suffix: str) -> pa.Array:
    """Display names ``第<n><suffix>`` numbered from 1 after ``numbers``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.cast(pa.array(range(numbers.start + 1, numbers.stop + 1), pa.int64()), pa.string())
    return pc.binary_join_element_wise(prefix, text, suffix, "")


def _const(value: Any, count: int, type_: str) -> pa.Array:
    import pyarrow as pa

    if value is None:
        return pa.nulls(count, type=arrow_type(type_))
    return pa.array([value] * count, type=arrow_type(type_))


def table_of(name: str, columns: Mapping[str, Any]) -> pa.Table:
    """A table of the schema from its columns by name (Arrow arrays or Python lists)."""
    import pyarrow as pa

    schema = arrow_schema(TABLES[name])
    arrays = []
    for field in schema:
        value = columns[field.name]
        arrays.append(value if isinstance(value, pa.Array) else pa.array(value, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def level_table(schema: LevelSchema) -> pa.Table:
    """The ``levels`` rows of a level schema: each level and the tier of its committees."""
    levels = schema.levels
    return table_of(
        "levels",
        {
            "level": [level.code for level in levels],
            "committee_tier": [committee_tier(level.territory_kinds).value for level in levels],
        },
    )


def _child_ordinals(parents: list[int], sizes: list[int], parent_ord: list[int]) -> list[int]:
    """Depth-first positions of children, each after its parent and earlier siblings."""
    nxt = [o + 1 for o in parent_ord]
    out = []
    for parent, size in zip(parents, sizes, strict=True):
        out.append(nxt[parent])
        nxt[parent] += size
    return out


def _sizes(parents: list[int], child_sizes: list[int], count: int) -> list[int]:
    """Subtree sizes of ``count`` parents whose children have ``child_sizes``."""
    sizes = [1] * count
    for parent, size in zip(parents, child_sizes, strict=True):
        sizes[parent] += size
    return sizes


class CityChunk:
    """One city-sized chunk: its random choices and its rows, numbered from ``base``."""

    def __init__(self, shape: CityShape, rng: random.Random, base: dict[str, int]) -> None:
        self.shape, self.rng, self.base = shape, rng, base
        self.c_street = _spread(shape.communities, shape.streets)
        self.g_community = _spread(shape.grids, shape.communities)
        self.k_grid = sorted(rng.randrange(shape.grids) for _ in range(shape.compounds))
        self.b_compound = _spread(shape.buildings, shape.compounds)
        self.h_building = _spread(shape.households, shape.buildings)
        self.branch = [rng.random() < 0.95 for _ in range(shape.grids)]
        self.k_covered = [self.branch[g] and rng.random() < 0.93 for g in self.k_grid]
        self.group = [self.branch[self.k_grid[k]] and rng.random() < 0.5 for k in self.b_compound]

    def territories(self, first_ordinal: int) -> tuple[pa.Table, pa.Table]:
        """The ``territories`` and ``territory_paths`` rows of the chunk."""
        import pyarrow as pa

        s, base = self.shape, self.base
        h_grid = [self.k_grid[self.b_compound[b]] for b in self.h_building]
        b_grid = [self.k_grid[k] for k in self.b_compound]
        sizes_b = _sizes(self.h_building, [1] * s.households, s.buildings)
        sizes_k = _sizes(self.b_compound, sizes_b, s.compounds)
        sizes_g = _sizes(self.k_grid, sizes_k, s.grids)
        sizes_c = _sizes(self.g_community, sizes_g, s.communities)
        sizes_s = _sizes(self.c_street, sizes_c, s.streets)
        ord_s, at = [], first_ordinal
        for size in sizes_s:
            ord_s.append(at)
            at += size
        ord_c = _child_ordinals(self.c_street, sizes_c, ord_s)
        ord_g = _child_ordinals(self.g_community, sizes_g, ord_c)
        ord_k = _child_ordinals(self.k_grid, sizes_k, ord_g)
        ord_b = _child_ordinals(self.b_compound, sizes_b, ord_k)
        ord_h = _child_ordinals(self.h_building, [1] * s.households, ord_b)

        def num(level: str, count: int) -> range:
            return range(base[level], base[level] + count)

        def up(level: str, indices: list[int]) -> list[int]:
            return [base[level] + i for i in indices]

        levels = (
            ("S", "street", "街道", s.streets, None, ord_s),
            ("C", "community", "社区", s.communities, ("S", self.c_street), ord_c),
            ("G", "grid", "网格", s.grids, ("C", self.g_community), ord_g),
            ("K", "compound", "小区", s.compounds, ("G", self.k_grid), ord_k),
            ("B", "building", "号楼", s.buildings, ("K", self.b_compound), ord_b),
            ("H", "household", "户", s.households, ("B", self.h_building), ord_h),
        )
        street_of = {
            "S": list(range(s.streets)),
            "C": self.c_street,
            "G": [self.c_street[c] for c in self.g_community],
            "K": [self.c_street[self.g_community[g]] for g in self.k_grid],
            "B": [self.c_street[self.g_community[g]] for g in b_grid],
            "H": [self.c_street[self.g_community[g]] for g in h_grid],
        }
        community_of = {
            "C": list(range(s.communities)),
            "G": self.g_community,
            "K": [self.g_community[g] for g in self.k_grid],
            "B": [self.g_community[g] for g in b_grid],
            "H": [self.g_community[g] for g in h_grid],
        }
        grid_of = {"K": self.k_grid, "B": b_grid, "H": h_grid}
        territories, paths = [], []
        for level, kind, label, count, parent, ordinals in levels:
            ids = _ids(level, num(level, count))
            prefix = "" if level in "BH" else "第"
            territories.append(
                table_of(
                    "territories",
                    {
                        "territory_id": ids,
                        "parent_id": _const(None, count, "string")
                        if parent is None
                        else _ids(parent[0], up(parent[0], parent[1])),
                        "kind": _const(kind, count, "string"),
                        "name": _names(prefix, num(level, count), label),
                        "code": _ids("G", num(level, count), pad=7)
                        if level == "G"
                        else _const(None, count, "string"),
                        "households": _const(None, count, "int64"),
                        "start_on": _const(_SINCE, count, "date32"),
                        "end_on": _const(None, count, "date32"),
                        "ordinal": pa.array(ordinals, type=pa.int64()),
                    },
                )
            )
            streets = _ids("S", up("S", street_of[level]))
            paths.append(
                table_of(
                    "territory_paths",
                    {
                        "territory_id": ids,
                        "top_id": streets,
                        "street_id": streets,
                        "community_id": _ids("C", up("C", community_of[level]))
                        if level in community_of
                        else _const(None, count, "string"),
                        "grid_id": _ids("G", up("G", grid_of[level]))
                        if level in grid_of
                        else _const(None, count, "string"),
                        "declared_above": _const(False, count, "bool"),
                    },
                )
            )
        return pa.concat_tables(territories), pa.concat_tables(paths)

    def organisations(self) -> tuple[pa.Table, pa.Table]:
        """The ``organisations`` and ``coverages`` rows of the chunk."""
        s, base = self.shape, self.base
        orgs: list[tuple[str, str, str, str | None]] = []
        covers: list[tuple[str, str]] = []

        def org(oid: str, form: OrgForm, level: str, parent: str | None, territory: str) -> None:
            orgs.append((oid, form.value, level, parent))
            covers.append((oid, territory))

        for i in range(s.streets):
            n = base["S"] + i
            org(f"OS{n}", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, f"S{n}")
        for i, street in enumerate(self.c_street):
            n, up = base["C"] + i, base["S"] + street
            org(f"OC{n}", OrgForm.GENERAL_BRANCH, "community_general_branch", f"OS{up}", f"C{n}")
        for i, community in enumerate(self.g_community):
            if self.branch[i]:
                n, up = base["G"] + i, base["C"] + community
                org(f"OG{n}", OrgForm.BRANCH, "grid_branch", f"OC{up}", f"G{n}")
        for k, grid in enumerate(self.k_grid):
            if self.k_covered[k]:
                covers.append((f"OG{base['G'] + grid}", f"K{base['K'] + k}"))
        for b, compound in enumerate(self.b_compound):
            if self.group[b]:
                n, up = base["B"] + b, base["G"] + self.k_grid[compound]
                org(f"OB{n}", OrgForm.PARTY_GROUP, "building_group", f"OG{up}", f"B{n}")
        central = sorted(self.rng.sample(range(s.households), s.central_households))
        for i, h in enumerate(central):
            b = self.h_building[h]
            grid = self.k_grid[self.b_compound[b]]
            if self.group[b]:
                parent: str | None = f"OB{base['B'] + b}"
            elif self.branch[grid]:
                parent = f"OG{base['G'] + grid}"
            else:
                continue
            n = base["OH"] + i
            org(
                f"OH{n}",
                OrgForm.CONTACT_HOUSEHOLD,
                "central_household",
                parent,
                f"H{base['H'] + h}",
            )
        count = len(orgs)
        org_ids = [o[0] for o in orgs]
        organisations = table_of(
            "organisations",
            {
                "org_id": org_ids,
                "version": _const(0, count, "int64"),
                "name": org_ids,
                "form": [o[1] for o in orgs],
                "level": [o[2] for o in orgs],
                "parent_id": [o[3] for o in orgs],
                "start_on": _const(_SINCE, count, "date32"),
                "end_on": _const(None, count, "date32"),
            },
        )
        coverages = table_of(
            "coverages",
            {
                "org_id": [c[0] for c in covers],
                "territory_id": [c[1] for c in covers],
                "start_on": _const(_SINCE, len(covers), "date32"),
                "end_on": _const(None, len(covers), "date32"),
                "seq": _positions([c[0] for c in covers]),
            },
        )
        return organisations, coverages

    def members(self) -> tuple[pa.Table, pa.Table, pa.Table]:
        """The ``people``, ``memberships`` and ``reports`` rows of the chunk."""
        s, base, rng = self.shape, self.base, self.rng
        branches = [f"OG{base['G'] + g}" for g in range(s.grids) if self.branch[g]]
        branches = branches or [f"OC{base['C']}"]
        statuses = ["in_service"] * 6 + ["retired"] * 3 + ["mobile"]
        households, employment, probation, member_of = [], [], [], []
        reports: list[tuple[int, int, int]] = []
        for m in range(s.members):
            h = rng.randrange(s.households)
            status = rng.choice(statuses)
            households.append(base["H"] + h)
            employment.append(status)
            probation.append(rng.random() < 0.03)
            member_of.append(rng.choice(branches))
            if status == "in_service" and rng.random() < 0.97:
                grid = self.k_grid[self.b_compound[self.h_building[h]]]
                reports.append((base["P"] + m, self.g_community[grid], grid))
        count = s.members
        numbers = range(base["P"], base["P"] + count)
        admitted = (pendulum.Date(2015, 7, 1), pendulum.Date(2020, 12, 1))
        full = pendulum.Date(2016, 7, 1)
        people = table_of(
            "people",
            {
                "person_id": _ids("P", numbers),
                "name": _names("党员", range(numbers.start - 1, numbers.stop - 1), ""),
                "household_id": _ids("H", households),
                "employment": employment,
                "admitted_on": [admitted[p] for p in probation],
                "full_member_on": [None if p else full for p in probation],
            },
        )
        memberships = table_of(
            "memberships",
            {
                "membership_id": _ids("M", numbers),
                "person_id": _ids("P", numbers),
                "org_id": member_of,
                "kind": _const("formal", count, "string"),
                "start_on": _const(_SINCE, count, "date32"),
                "end_on": _const(None, count, "date32"),
                "end_reason": _const(None, count, "string"),
            },
        )
        people_ids = [r[0] for r in reports]
        filed = len(reports)
        report_table = table_of(
            "reports",
            {
                "report_id": _ids("R", people_ids),
                "person_id": _ids("P", people_ids),
                "community_id": _ids("C", [base["C"] + r[1] for r in reports]),
                "grid_id": _ids("G", [base["G"] + r[2] for r in reports]),
                "channels": _const("offline,online", filed, "string"),
                "start_on": _const(_SINCE, filed, "date32"),
                "end_on": _const(None, filed, "date32"),
                "seq": _const(0, filed, "int64"),
            },
        )
        return people, memberships, report_table


def _advance(base: dict[str, int], shape: CityShape) -> None:
    """Number the next chunk after this one."""
    for level, count in (
        ("S", shape.streets),
        ("C", shape.communities),
        ("G", shape.grids),
        ("K", shape.compounds),
        ("B", shape.buildings),
        ("H", shape.households),
        ("OH", shape.central_households),
        ("P", shape.members),
    ):
        base[level] += count


def chunk_tables(shapes: Sequence[CityShape], seed: int) -> Iterator[dict[str, pa.Table]]:
    """The tables of each chunk in turn (``territories`` … ``reports``)."""
    base = dict.fromkeys(_NUMBERED, 0)
    ordinal = 0
    for index, shape in enumerate(shapes):
        chunk = CityChunk(shape, random.Random(f"{seed}/{index}"), base)
        territories, paths = chunk.territories(ordinal)
        organisations, coverages = chunk.organisations()
        people, memberships, reports = chunk.members()
        yield {
            "territories": territories,
            "territory_paths": paths,
            "organisations": organisations,
            "coverages": coverages,
            "people": people,
            "memberships": memberships,
            "reports": reports,
        }
        ordinal += shape.territories
        _advance(base, shape)


def _positions(org_ids: list[str]) -> list[int]:
    """Each coverage's position among its organisation's coverages, in the order given."""
    seen: dict[str, int] = {}
    positions = []
    for org_id in org_ids:
        seen[org_id] = seen.get(org_id, -1) + 1
        positions.append(seen[org_id])
    return positions
