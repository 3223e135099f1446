"""The columnar schema: tables of a dataset, Parquet round trip, and refused directories."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.columnar import (
    SCHEMA_VERSION,
    TABLES,
    check_tables,
    dataset_tables,
    export_parquet,
    read_parquet,
)
from neighborhood_pb.io.columnar.parquet import SCHEMA_VERSION_KEY
from neighborhood_pb.io.columnar.tables import metadata_facts
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return dataset_tables(load_sample("community"))


def test_every_table_has_its_schema(tables: dict[str, pa.Table]) -> None:
    assert list(tables) == list(TABLES)
    for name, spec in TABLES.items():
        assert tables[name].column_names == [c.name for c in spec.columns], name
    territories = tables["territories"]
    assert territories.schema.field("start_on").type == pa.date32()
    assert territories.schema.field("households").type == pa.int64()
    assert territories.schema.field("households").nullable
    assert not territories.schema.field("kind").nullable


def test_rows_are_the_records(tables: dict[str, pa.Table]) -> None:
    dataset = load_sample("community")
    records = dataset.structure
    assert tables["territories"].num_rows == len(records.territories)
    assert tables["people"].num_rows == len(records.people)
    assert tables["coverages"].num_rows == len(records.coverage)
    first = records.territories[0]
    row = tables["territories"].slice(0, 1).to_pylist()[0]
    assert row["territory_id"] == first.id
    assert row["kind"] == first.kind.value
    assert row["start_on"] == _dt.date.fromisoformat(first.period.start.isoformat())
    assert row["end_on"] is None if first.period.end is None else row["end_on"] is not None
    facts = metadata_facts(tables)
    assert facts["schema_version"] == str(SCHEMA_VERSION)
    assert facts["title"] == dataset.title
    assert facts["inputs"].split(",")[:2] == ["structure", "appointments"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_paths_name_the_scopes_and_the_grid_above(name: str) -> None:
    tables = dataset_tables(load_sample(name))
    territories = {r["territory_id"]: r for r in tables["territories"].to_pylist()}
    paths = {r["territory_id"]: r for r in tables["territory_paths"].to_pylist()}
    assert paths.keys() == territories.keys()
    for tid, path in paths.items():
        chain = []
        node = territories[tid]["parent_id"]
        while node is not None:
            chain.append(territories[node])
            node = territories[node]["parent_id"]
        top = chain[-1]["territory_id"] if chain else tid
        assert path["top_id"] == top
        grids = [t["territory_id"] for t in chain if t["kind"] == "grid"]
        assert path["grid_id"] == (grids[0] if grids else None)
        assert path["declared_above"] == any(t["households"] is not None for t in chain)
        if path["community_id"] is not None:
            assert territories[path["community_id"]]["kind"] == "community"
    grids = any(t["kind"] == "grid" for t in territories.values())
    assert any(p["grid_id"] for p in paths.values()) == grids
    assert any(p["community_id"] == tid for tid, p in paths.items())


def test_parquet_round_trip(tmp_path: Path, tables: dict[str, pa.Table]) -> None:
    written = export_parquet(load_sample("community"), tmp_path)
    assert [p.stem for p in written] == list(TABLES)
    assert pq.read_schema(written[0]).metadata[SCHEMA_VERSION_KEY] == b"3"
    back = read_parquet(tmp_path)
    for name, table in tables.items():
        assert back[name].equals(table), name


def test_a_missing_table_is_named(tmp_path: Path) -> None:
    export_parquet(load_sample("street"), tmp_path)
    (tmp_path / "coverages.parquet").unlink()
    with pytest.raises(InvalidRecordError) as caught:
        read_parquet(tmp_path)
    assert caught.value.rule == "columnar.table"
    assert caught.value.params == {"table": "coverages"}


def test_a_missing_or_mistyped_column_is_named(tables: dict[str, pa.Table]) -> None:
    broken = dict(tables, people=tables["people"].drop_columns(["employment"]))
    with pytest.raises(InvalidRecordError) as caught:
        check_tables(broken)
    assert caught.value.rule == "columnar.column"
    assert caught.value.params == {"table": "people", "column": "employment"}
    territories = tables["territories"]
    index = territories.schema.get_field_index("start_on")
    as_text = territories.set_column(
        index, "start_on", territories.column("start_on").cast(pa.string())
    )
    with pytest.raises(InvalidRecordError, match="start_on is string, not date32") as caught:
        check_tables(dict(tables, territories=as_text))
    assert caught.value.params == {"table": "territories", "column": "start_on"}


@pytest.mark.parametrize("version", ["4", "", "x"])
def test_a_newer_or_unreadable_schema_version_is_refused(
    tables: dict[str, pa.Table], version: str
) -> None:
    facts = {**metadata_facts(tables), "schema_version": version}
    if not version:
        del facts["schema_version"]
    meta = pa.table(
        {"key": list(facts), "value": list(facts.values())},
        schema=tables["metadata"].schema,
    )
    with pytest.raises(InvalidRecordError) as caught:
        check_tables(dict(tables, metadata=meta))
    assert caught.value.rule == "columnar.version"
    assert caught.value.subject == "metadata"


def test_the_guide_documents_every_table_and_column() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "columnar.md").read_text("utf-8")
    for name, spec in TABLES.items():
        assert f"### `{name}`" in guide, name
        for column in spec.columns:
            assert f"| `{column.name}` |" in guide, (name, column.name)


def test_a_dataset_without_a_day_has_no_as_of_fact() -> None:
    dataset = attrs.evolve(load_sample("street"), as_of=None)
    facts = metadata_facts(dataset_tables(dataset))
    assert "as_of" not in facts
    assert facts["inputs"] == "structure,appointments,cobuild"
