"""The register row of each record read, as the reconciliation's ``sources``."""

from __future__ import annotations

from pathlib import Path

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.registers import RowSource, read_registers
from neighborhood_pb.io.registers.sources import row_sources

SCHEMA = "street_grid_five_level"


def test_every_record_read_is_named_by_its_row(street_xlsx: Path, street: Dataset) -> None:
    read = read_registers([street_xlsx], title=street.title, schema=SCHEMA)
    sources = read.sources("2026-12-01")
    assert sources[("people", "XH-P01")] == RowSource(sheet="人员", row=2)
    assert sources[("memberships", "XH-M010")] == RowSource(sheet="组织关系", row=11)
    assert sources[("orgs", "XH-QF-W2-B")] == RowSource(sheet="党组织", row=7)
    first_post = street.appointments.appointments[0].id
    assert sources[("appointments", first_post)] == RowSource(sheet="任职", row=2)
    assert not any(section == "coverage" for section, _ in sources)  # no id of its own
    people = len(street.structure.people)
    assert sum(section == "people" for section, _ in sources) == people


def test_a_versioned_record_is_named_by_the_row_in_effect(street: Dataset) -> None:
    org = street.structure.orgs[1]
    start = org.period.start
    old = attrs.evolve(org, period=Period(start=start, end="2026-06-01"))
    now = attrs.evolve(org, name="新名", period=Period(start="2026-06-01", end="2027-01-01"))
    later = attrs.evolve(org, name="再名", period=Period(start="2027-01-01"))
    for versions, rows, expected in [
        ((old, now, later), (("党组织", 3), ("党组织", 4), ("党组织", 5)), 4),
        ((now, later, old), (("党组织", 3), ("党组织", 4), ("党组织", 5)), 3),
        ((later, old), (("党组织", 8), ("党组织", 9)), 8),  # none in effect: the first
    ]:
        dataset = attrs.evolve(street, structure=attrs.evolve(street.structure, orgs=versions))
        sources = row_sources(dataset, {"orgs": rows}, "2026-12-01")
        assert sources == {("orgs", org.id): RowSource(sheet="党组织", row=expected)}


def test_nothing_is_named_when_nothing_was_built(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    read = read_registers([empty], title="t", schema=SCHEMA)
    assert read.dataset is None
    assert read.sources("2026-12-01") == {}
