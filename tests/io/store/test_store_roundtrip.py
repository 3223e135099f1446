"""Save, load and dump give back what was saved, for the samples and generated data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborhood_pb import Dataset
from neighborhood_pb.io.json import dumps_dataset, load_dataset
from neighborhood_pb.io.store import Store
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL
from neighborhood_pb.structure.posts.appointments import AppointmentRecords
from neighborhood_pb.synthetic import CityScale, generate_city
from neighborhood_pb.testing.appointments import appointment_records_sets

SAMPLES = sorted((Path(__file__).parents[3] / "src/neighborhood_pb/samples").glob("*.json"))
TINY = CityScale(
    streets=1,
    communities=2,
    grids=3,
    compounds=2,
    buildings=4,
    households=30,
    members=12,
    central_households=2,
    ledger_entries=10,
)


def _text(dataset: Dataset) -> str:
    return dumps_dataset(dataset, redact_personal=False)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_round_trips(store: Store, path: Path) -> None:
    dataset = load_dataset(path)
    store.save(dataset)
    assert store.load() == dataset
    assert store.dump() == _text(dataset)
    context = store.build()
    assert context.on == dataset.as_of
    assert context.dataset == dataset
    if dataset.points.entries:
        assert context.ledger is not None
        assert context.ledger.audit() == ()
        assert len(context.ledger.entries()) >= len(dataset.points.entries)


def test_a_second_save_replaces_the_first(store: Store) -> None:
    community, street = (load_dataset(path) for path in SAMPLES)
    store.save(community)
    store.save(street)
    assert store.load() == street
    with store.reading() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM ledger_entries")).scalar()
    assert count == len(street.points.entries) == 0


def test_the_tables_hold_real_columns(store: Store) -> None:
    dataset = load_dataset(SAMPLES[0])
    store.save(dataset)
    first = dataset.structure.orgs[0]
    with store.reading() as connection:
        row = connection.execute(
            sa.text("SELECT id, name, period_start, period_end FROM orgs WHERE position = 0")
        ).one()
        claims = connection.execute(
            sa.text("SELECT count(*) FROM ledger_entries WHERE type = 'Claim'")
        ).scalar()
    assert (row.id, row.name, str(row.period_start), row.period_end) == (
        first.id,
        first.name,
        str(first.period.start),
        None,
    )
    expected = sum(type(entry).__name__ == "Claim" for entry in dataset.points.entries)
    assert claims == expected > 0


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), records=appointment_records_sets())
def test_generated_datasets_round_trip(
    store_url: str, seed: int, records: AppointmentRecords
) -> None:
    city = generate_city(TINY, seed=seed)
    dataset = Dataset(
        title="生成",
        schema=city.schema,
        structure=city.structure,
        as_of=city.as_of,
        appointments=records,
    )
    with Store(store_url) as store:
        store.save(dataset)
        assert store.load() == dataset
        assert json.loads(store.dump()) == json.loads(_text(dataset))


def test_a_custom_schema_round_trips(store: Store) -> None:
    dataset = Dataset(title="方案", schema=COMMUNITY_FIVE_LEVEL)
    store.save(dataset)
    assert store.load() == dataset
