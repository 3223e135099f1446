"""The streaming synthetic generator: its Parquet files are valid records, their derived
tables are the library's, and DuckDB's report on them is the in-memory engine's."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar import read_parquet, tree_tables
from neighborhood_pb.io.columnar.shapes import (
    NATIONAL_SHAPE,
    YANCHENG_SHAPE,
    CityShape,
    NationalShape,
)
from neighborhood_pb.io.columnar.synthetic import SYNTHETIC_AS_OF, write_synthetic_parquet
from neighborhood_pb.io.columnar.tables import metadata_facts
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.metrics import CATALOGUE, compute_metrics
from neighborhood_pb.metrics.portable import PORTABLE_METRICS
from neighborhood_pb.structure import OrgTree
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import STREET_GRID_FIVE_LEVEL
from neighborhood_pb.structure.people import EmploymentStatus, Person
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import TreeRecords
from neighborhood_pb.synthetic import YANCHENG_SCALE

TINY = CityShape(
    streets=2,
    communities=3,
    grids=9,
    compounds=6,
    buildings=14,
    households=60,
    members=40,
    central_households=8,
)


def _period(row: Mapping[str, Any]) -> Period:
    return Period(start=row["start_on"], end=row["end_on"])


def tree_records(tables: Mapping[str, pa.Table]) -> TreeRecords:
    """The structure records the tables hold (the reverse of ``tree_tables``)."""

    def rows(name: str) -> list[dict[str, Any]]:
        return tables[name].to_pylist()

    return TreeRecords(
        territories=tuple(
            Territory(
                id=r["territory_id"],
                kind=TerritoryKind(r["kind"]),
                name=r["name"],
                code=r["code"],
                households=r["households"],
                period=_period(r),
                parent_id=r["parent_id"],
            )
            for r in rows("territories")
        ),
        people=tuple(
            Person(
                id=r["person_id"],
                name=r["name"],
                household_id=r["household_id"],
                employment=EmploymentStatus(r["employment"]),
                admitted_on=r["admitted_on"],
                full_member_on=r["full_member_on"],
            )
            for r in rows("people")
        ),
        orgs=tuple(
            Organisation(
                id=r["org_id"],
                name=r["name"],
                form=OrgForm(r["form"]),
                level=r["level"],
                period=_period(r),
                parent_id=r["parent_id"],
            )
            for r in rows("organisations")
        ),
        coverage=tuple(
            Coverage(org_id=r["org_id"], territory_id=r["territory_id"], period=_period(r))
            for r in rows("coverages")
        ),
        memberships=tuple(
            Membership(
                id=r["membership_id"],
                person_id=r["person_id"],
                org_id=r["org_id"],
                kind=MembershipKind(r["kind"]),
                period=_period(r),
            )
            for r in rows("memberships")
        ),
        reports=tuple(
            Report(
                id=r["report_id"],
                person_id=r["person_id"],
                community_id=r["community_id"],
                grid_id=r["grid_id"],
                period=_period(r),
            )
            for r in rows("reports")
        ),
    )


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by([(table.column_names[0], "ascending")])


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("synthetic")
    return out, write_synthetic_parquet(out, times=3, shape=TINY, seed=7)


@pytest.fixture(scope="module")
def tree(written: tuple[Path, Any]) -> OrgTree:
    return OrgTree.from_records(STREET_GRID_FIVE_LEVEL, tree_records(read_parquet(written[0])))


def test_files_are_checked_tables_in_row_groups(written: tuple[Path, Any]) -> None:
    out, result = written
    tables = read_parquet(out)
    assert result.chunks == 3
    assert result.as_of == SYNTHETIC_AS_OF
    assert [f.name for f in result.files] == [f"{name}.parquet" for name in tables]
    assert tables["territories"].num_rows == 3 * TINY.territories == result.rows["territories"]
    assert tables["people"].num_rows == 3 * TINY.members
    assert {name: t.num_rows for name, t in tables.items()} == dict(result.rows)
    # One row group per chunk: the whole never sat in memory at once.
    assert pq.ParquetFile(out / "territories.parquet").num_row_groups == 3
    ids = tables["territories"].column("territory_id").to_pylist()
    assert len(set(ids)) == len(ids)
    facts = metadata_facts(tables)
    assert facts["inputs"] == "structure"
    assert facts["as_of"] == "2025-06-30"


def test_every_record_passes_the_aggregates_and_the_derived_tables_are_theirs(
    written: tuple[Path, Any], tree: OrgTree
) -> None:
    tables = read_parquet(written[0])
    assert len(tree.territories.by_id) == 3 * TINY.territories
    again = tree_tables(tree, {"title": "x"})
    for name in ("territories", "territory_paths", "organisations", "coverages", "people"):
        assert _sorted(again[name]).equals(_sorted(tables[name])), name
    for name in ("memberships", "reports"):
        assert _sorted(again[name]).equals(_sorted(tables[name])), name


def test_duckdb_on_the_files_gives_the_in_memory_report(
    written: tuple[Path, Any], tree: OrgTree
) -> None:
    portable = [m for m in CATALOGUE if m.id in PORTABLE_METRICS]
    engine = DuckDBEngine(read_parquet(written[0]))
    on_duckdb = engine.compute_metrics(SYNTHETIC_AS_OF, metrics=portable)
    engine.close()
    in_memory = compute_metrics(tree, SYNTHETIC_AS_OF, metrics=portable)
    assert on_duckdb.values == in_memory.values
    assert on_duckdb.scopes == in_memory.scopes
    assert on_duckdb.findings == in_memory.findings
    assert len(on_duckdb.scopes) == 1 + 3 * (TINY.streets + TINY.communities)


def test_the_same_seed_writes_the_same_files(tmp_path: Path, written: tuple[Path, Any]) -> None:
    write_synthetic_parquet(tmp_path, times=3, shape=TINY, seed=7)
    again, first = read_parquet(tmp_path), read_parquet(written[0])
    assert all(again[name].equals(first[name]) for name in first)
    write_synthetic_parquet(tmp_path, times=1, shape=TINY, seed=8)
    other = pq.read_table(tmp_path / "memberships.parquet")
    assert not other.equals(first["memberships"].slice(0, other.num_rows))


def test_the_synthetic_city_scale_is_yancheng_shape_and_a_ledger() -> None:
    assert isinstance(YANCHENG_SCALE, CityShape)
    expected = {**attrs.asdict(YANCHENG_SHAPE), "ledger_entries": 1_570_000}
    assert attrs.asdict(YANCHENG_SCALE) == expected
    assert YANCHENG_SCALE.territories == YANCHENG_SHAPE.territories == 584_260


def test_the_national_shape_sums_to_the_published_figures() -> None:
    chunks = NATIONAL_SHAPE.city_shapes()
    assert len(chunks) == -(-119_437 // 232) == 515
    assert sum(c.members for c in chunks) == 100_270_000
    assert sum(c.communities for c in chunks) == 119_437
    assert sum(c.households for c in chunks) == 552_000 * 119_437 // 232
    assert NATIONAL_SHAPE.grassroots_organisations == 5_250_000
    assert str(NATIONAL_SHAPE.members_on) == "2024-12-31"
    assert any("2023" in source for source in NATIONAL_SHAPE.sources)


def test_a_small_nation_is_written_in_its_chunks(tmp_path: Path) -> None:
    nation = attrs.evolve(NATIONAL_SHAPE, members=50, communities=1)
    result = write_synthetic_parquet(tmp_path, shape=nation)
    per = nation.city_shapes()
    assert result.chunks == len(per) == 1
    assert result.rows["people"] == 50
    assert result.rows["territories"] == sum(c.territories for c in per)
    tables = read_parquet(tmp_path)
    OrgTree.from_records(STREET_GRID_FIVE_LEVEL, tree_records(tables))


@pytest.mark.parametrize("times", [0, -1, 1.5, True])
def test_times_must_be_positive(tmp_path: Path, times: Any) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        write_synthetic_parquet(tmp_path, times=times, shape=TINY)
    assert caught.value.rule == "record.positive"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"communities": 1}, "scale.nesting"),
        ({"grids": 2}, "scale.nesting"),
        ({"buildings": 5}, "scale.nesting"),
        ({"households": 10}, "scale.nesting"),
        ({"central_households": 61}, "scale.nesting"),
        ({"members": 0}, "record.positive"),
    ],
)
def test_a_shape_must_nest(changes: dict[str, int], rule: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        attrs.evolve(TINY, **changes)
    assert caught.value.rule == rule


def test_a_nation_smaller_than_its_chunks_is_refused() -> None:
    with pytest.raises(InvalidRecordError):
        NationalShape(
            members=1,
            members_on=NATIONAL_SHAPE.members_on,
            grassroots_organisations=1,
            communities=500,
            communities_on=NATIONAL_SHAPE.communities_on,
        ).city_shapes()


def test_a_city_without_grid_branches_places_members_in_its_community(tmp_path: Path) -> None:
    # Seed 1 draws no branch for the single grid (95 % do): members join the community's
    # general branch and central households have no organisation above them.
    lone = CityShape(
        streets=1,
        communities=1,
        grids=1,
        compounds=1,
        buildings=2,
        households=6,
        members=5,
        central_households=2,
    )
    write_synthetic_parquet(tmp_path, shape=lone, seed=1)
    tables = read_parquet(tmp_path)
    assert set(tables["memberships"].column("org_id").to_pylist()) == {"OC0"}
    assert set(tables["organisations"].column("form").to_pylist()) == {
        "working_committee",
        "general_branch",
    }
    tree = OrgTree.from_records(STREET_GRID_FIVE_LEVEL, tree_records(tables))
    assert len(tree.territories.by_id) == lone.territories
