"""Records built straight from rows agree with the strict ``cattrs`` path: the same record
for a valid row, a refusal (and so the strict path's own error) for anything else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_world import COMMUNITY

from neighborhood_pb import Dataset, NeighborhoodPBError
from neighborhood_pb.io.json import dataset_converter, load_dataset, structure
from neighborhood_pb.io.store import Store, StoreRowError
from neighborhood_pb.io.store.bulk import record_reader, select_rows, sql_names
from neighborhood_pb.io.store.fast import Refused, record_builder
from neighborhood_pb.io.store.load import document_of, fast_dataset, fetch_tables
from neighborhood_pb.io.store.schema import RECORD_TABLES, RecordTable
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL
from neighborhood_pb.structure.posts.appointments import AppointmentRecords
from neighborhood_pb.testing import joint_units, tree_records, village_community_unions
from neighborhood_pb.testing.appointments import appointment_records_sets

SAMPLES = sorted((Path(__file__).parents[3] / "src/neighborhood_pb/samples").glob("*.json"))
CONVERTER = dataset_converter(redact_personal=False)
REFUSED = Refused()
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", " ", "x", "2026-02-30", "2026-11-01", "grid", "formal", "[1]", "\ud800"]),
    st.text(max_size=4),
)


def _rows(store: Store, table: RecordTable) -> list[Any]:
    with store.reading() as connection:
        names = ["position", *sql_names(table.columns)]
        return select_rows(connection, table.name, names, "position")


def _strict(table: RecordTable, row: Any, dialect: str) -> Any:
    """The record the strict path makes of ``row``, or the error it raises (a driver's
    value JSON cannot parse raises as it always did)."""
    assert table.record is not None
    try:
        return structure(record_reader(table.columns, dialect, 1)(row), table.record, CONVERTER)
    except Exception as exc:
        return exc


def _fast(table: RecordTable, row: Any, dialect: str) -> Any:
    assert table.record is not None
    try:
        return record_builder(table.record, table.columns, dialect, 1)(row)
    except Exception:  # Refused, or the refusal of a hook or a validator
        return REFUSED


def _stored_rows(store: Store, dataset: Dataset) -> list[tuple[RecordTable, Any]]:
    store.save(dataset)
    return [(table, row) for table in RECORD_TABLES for row in _rows(store, table)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_row_builds_the_record_the_strict_path_builds(
    store: Store, path: Path
) -> None:
    dialect = store.engine.dialect.name
    rows = _stored_rows(store, load_dataset(path))
    for table, row in rows:
        expected = _strict(table, row, dialect)
        assert not isinstance(expected, Exception), (table.name, row)
        assert _fast(table, row, dialect) == expected, (table.name, row)
    with store.reading() as connection:
        settings_, fetched, _ = fetch_tables(connection)
    built = fast_dataset(settings_, fetched, dialect)
    assert built is not None
    assert built == load_dataset(path)


def _generated() -> st.SearchStrategy[Dataset]:
    return st.builds(
        lambda structure_, appointments, units, unions: Dataset(
            title="generated",
            schema=COMMUNITY_FIVE_LEVEL,
            structure=structure_,
            appointments=appointments,
            joint_units=units,
            village_community_unions=unions,
        ),
        tree_records(COMMUNITY_FIVE_LEVEL, max_orgs=4, max_people=4),
        st.one_of(st.just(AppointmentRecords()), appointment_records_sets()),
        st.lists(joint_units(), max_size=2),
        st.lists(village_community_unions(), max_size=2),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=_generated())
def test_generated_records_build_alike_on_both_paths(dataset: Dataset) -> None:
    with Store("sqlite://") as store:
        rows = _stored_rows(store, dataset)
        for table, row in rows:
            expected = _strict(table, row, "sqlite")
            assert not isinstance(expected, Exception), (table.name, row)
            assert _fast(table, row, "sqlite") == expected
        with store.reading() as connection:
            settings_, fetched, _ = fetch_tables(connection)
        assert fast_dataset(settings_, fetched, "sqlite") == dataset


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=ODD_VALUES)
def test_a_row_the_strict_path_refuses_is_refused(data: st.DataObject, value: Any) -> None:
    table = data.draw(st.sampled_from([t for t in RECORD_TABLES if t.name in _SAMPLE_ROWS]))
    row = list(data.draw(st.sampled_from(_SAMPLE_ROWS[table.name])))
    at = data.draw(st.integers(1, len(row) - 1))
    row[at] = value
    expected, got = _strict(table, row, "sqlite"), _fast(table, row, "sqlite")
    if isinstance(expected, Exception):
        assert got is REFUSED, (table.name, row, got)
    else:
        assert got is REFUSED or got == expected


def _sample_rows() -> dict[str, list[Any]]:
    with Store("sqlite://") as store:
        found: dict[str, list[Any]] = {}
        for path in SAMPLES:
            for table, row in _stored_rows(store, load_dataset(path)):
                found.setdefault(table.name, []).append(row)
    return found


_SAMPLE_ROWS = _sample_rows()


def test_a_bad_row_is_reported_as_the_strict_path_reports_it(store: Store) -> None:
    store.save(COMMUNITY)
    with store.writing() as connection:
        connection.execute(sa.text("UPDATE territories SET kind = 'castle' WHERE position = 2"))
        connection.execute(sa.text("UPDATE people SET name = '' WHERE position = 1"))
    with store.reading() as connection:
        settings_, fetched, _ = fetch_tables(connection)
    dialect = store.engine.dialect.name
    assert fast_dataset(settings_, fetched, dialect) is None
    with pytest.raises(NeighborhoodPBError) as strict:
        structure(document_of(settings_, fetched, dialect), Dataset, CONVERTER)
    with pytest.raises(StoreRowError) as caught:
        store.load()
    assert caught.value.table == "territories"
    assert caught.value.row == 2
    assert str(caught.value.error) == str(strict.value)
