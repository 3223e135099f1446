"""The co-building section of a dataset: JSON round trip, built into the four lists and the
partnerships, a refused record located by its JSON path, ``nbpb validate`` showing the
findings with names beside ids."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from cobuild_helpers import YEAR, community
from hypothesis import given, settings

from neighborhood_pb.cli import main
from neighborhood_pb.dataset import (
    CobuildRecords,
    DatasetContext,
    DatasetRecordError,
    GovernanceRecords,
    check_dataset,
)
from neighborhood_pb.errors import Severity
from neighborhood_pb.governance.cobuild import (
    HardshipHousehold,
    Pairing,
    PairingKind,
    PartnershipRecords,
    Spending,
)
from neighborhood_pb.io.json import dataset_converter, dumps_dataset, loads_dataset, structure
from neighborhood_pb.samples.build import community_sample
from neighborhood_pb.testing import cobuild as cs

BASE = attrs.evolve(community_sample(), governance=GovernanceRecords(), cobuild=CobuildRecords())
CONVERTER = dataset_converter(redact_personal=False)
HARDSHIP = HardshipHousehold(household_id="H1", territory_id="G1", reason="低保", period=YEAR)


def _section(**changes: object) -> CobuildRecords:
    partnerships = PartnershipRecords(hardship=(HARDSHIP,))
    fields: dict[str, object] = {"lists": community().records(), "partnerships": partnerships}
    fields.update(changes)
    return CobuildRecords(**fields)  # type: ignore[arg-type]


def test_a_dataset_without_cobuild_writes_no_section_and_builds_none() -> None:
    assert CobuildRecords().is_empty
    assert '"cobuild"' not in dumps_dataset(BASE)
    ctx = DatasetContext.build(BASE)
    assert ctx.cobuild is None
    assert not [f for f in check_dataset(ctx) if f.code.startswith("cobuild.")]


def test_the_section_round_trips_builds_and_is_checked() -> None:
    dataset = attrs.evolve(BASE, cobuild=_section(), as_of="2026-05-10")
    text = dumps_dataset(dataset, redact_personal=False)
    assert '"cobuild"' in text
    assert loads_dataset(text) == dataset
    ctx = DatasetContext.build(dataset)
    assert ctx.cobuild is not None
    lists, partners = ctx.cobuild
    assert [n.id for n in lists.needs()] == ["N1", "N2"]
    assert [h.household_id for h in partners.hardship("2026-05-10")] == ["H1"]
    found = {(f.code, f.subject) for f in check_dataset(ctx)}
    assert {
        ("cobuild.need_open", "N1"),
        ("cobuild.project_overdue", "P1"),
        ("cobuild.milestone_overdue", "P1"),
        ("cobuild.hardship_unpaired", "H1"),
    } <= found


def test_a_refused_record_names_its_json_path() -> None:
    spending = Spending(id="S1", project_id="P1", amount_fen=30_000_000, day="2026-03-01")
    lists = attrs.evolve(community().records(), spendings=(spending,))
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(attrs.evolve(BASE, cobuild=_section(lists=lists)))
    assert caught.value.path == "$.cobuild.lists.spendings[0]"
    assert caught.value.rule == "spending.within_fund"
    stranger = Pairing(
        id="PR1", kind=PairingKind.UNIT_HOUSEHOLD, unit_id="U1", partner_id="H9", period=YEAR
    )
    partnerships = PartnershipRecords(hardship=(HARDSHIP,), pairings=(stranger,))
    with pytest.raises(DatasetRecordError) as unknown:
        DatasetContext.build(attrs.evolve(BASE, cobuild=_section(partnerships=partnerships)))
    assert unknown.value.path == "$.cobuild.partnerships.pairings[0]"


@settings(max_examples=15)
@given(section=cs.cobuild_sections())
def test_any_section_round_trips_through_the_dataset_converter(section: CobuildRecords) -> None:
    data = CONVERTER.unstructure(attrs.evolve(BASE, cobuild=section))
    assert structure(data, type(BASE), CONVERTER).cobuild == section


def test_validate_shows_the_findings_in_chinese_and_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cobuild.json"
    dataset = attrs.evolve(BASE, cobuild=_section(), as_of="2026-05-10")
    path.write_text(dumps_dataset(dataset, redact_personal=False), encoding="utf-8")
    errors = [
        f for f in check_dataset(DatasetContext.build(dataset)) if f.severity is Severity.ERROR
    ]
    status = 1 if errors else 0
    assert main(["validate", str(path)]) == status
    zh = capsys.readouterr().out
    assert "cobuild.milestone_overdue" in zh
    assert "加装扶手工程（P1）的节点“入户测量”应于2026年2月15日完成" in zh
    assert main(["--lang", "en", "validate", str(path)]) == status
    en = capsys.readouterr().out
    assert "加装扶手工程 (P1): milestone 入户测量 was due on 2026-02-15" in en
