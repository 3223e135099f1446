"""The points section of datasets, ``nbpb validate`` and ``nbpb demo``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.cli.demo import DEMO_SECTIONS, findings_section
from neighborhood_pb.cli.demo_points import points_rows, points_section, standings_quarter
from neighborhood_pb.cli.findings import finding_text
from neighborhood_pb.dataset import (
    Dataset,
    DatasetContext,
    DatasetRecordError,
    PointsRecords,
    check_dataset,
    check_points,
    points_org_ids,
)
from neighborhood_pb.errors import StructuringError
from neighborhood_pb.io.json import dumps_dataset, loads_dataset, parse_json
from neighborhood_pb.points import (
    Approval,
    Claim,
    ComplianceRules,
    HouseholdLink,
    run_compliance,
)
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.samples.ledger import REVIEWER
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL

Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def community() -> Dataset:
    return load_sample("community")


@pytest.fixture(scope="module")
def ctx(community: Dataset) -> DatasetContext:
    return DatasetContext.build(community)


def test_the_sample_points_section_round_trips(community: Dataset) -> None:
    data = parse_json(sample_text("community"))
    types = {entry["type"] for entry in data["points"]["entries"]}
    assert types == {
        "Claim",
        "Approval",
        "Rejection",
        "Reversal",
        "Restock",
        "Redemption",
        "Refund",
    }
    assert "catalogue" not in data["points"]  # the preset is not written
    back = loads_dataset(dumps_dataset(community, redact_personal=False))
    assert back == community
    assert back.points.entries == community.points.entries


def test_a_dataset_without_points_writes_none() -> None:
    bare = Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL)
    assert "points" not in json.loads(dumps_dataset(bare))
    assert loads_dataset(dumps_dataset(bare)).points == PointsRecords()


def test_the_sample_ledger_has_a_tie_and_shortfalls(ctx: DatasetContext) -> None:
    ranking = ctx.ledger.standings.org_ranking("QS-WC", standings_quarter(ctx), ctx.on)
    ranks = [line.rank for line in ranking]
    assert len(ranks) != len(set(ranks))
    assert ctx.ledger.audit() == ()
    codes = {f.code for f in run_compliance(ctx.compliance("QS-WC"))}
    assert {"points.quarterly_service", "points.household_links"} <= codes
    assert not [f for f in check_dataset(ctx) if f.severity.value == "error"]


def test_demo_figures_are_the_ledgers_own(ctx: DatasetContext, capsys: Capture) -> None:
    assert DEMO_SECTIONS.index(points_section) == DEMO_SECTIONS.index(findings_section) - 1
    lines = points_section(ctx)
    standings = ctx.ledger.standings
    quarter = standings_quarter(ctx)
    expected = standings.org_ranking("QS-WC", quarter, ctx.on)
    rows = points_rows(ctx, "QS-WC")
    assert [row[0] for row in rows] == list(expected)
    for line, balance, level, to_next in rows:
        name = ctx.tree.person(line.member_id).name
        shown = next(text for text in lines if f" {name} " in text)
        numbers = [int(t) for t in shown.split() if t.isdigit()]
        standing = standings.level(line.member_id, ctx.dataset.points.levels)
        assert numbers == [line.rank, line.points, standings.balance(line.member_id)] + (
            [] if standing.points_to_next is None else [standing.points_to_next]
        )
        assert balance == standings.balance(line.member_id)
        assert level in shown
        assert to_next == str(standing.points_to_next)
    shown = " ".join(line.strip() for line in lines)  # long sentences wrap over lines
    for finding in run_compliance(ctx.compliance("QS-WC")):
        assert finding_text(finding, "en") in shown
    assert main(["demo"]) == 0
    out, _ = capsys.readouterr()
    assert "积分排行" in out
    assert "积分合规" in out


def test_no_points_no_section_no_checks(ctx: DatasetContext) -> None:
    bare = DatasetContext.build(attrs.evolve(ctx.dataset, points=PointsRecords()))
    assert points_section(bare) == []
    assert check_points(bare) == ()
    assert len(bare.ledger) == 0
    assert bare.ledger is bare.ledger  # made once, on first use
    assert bare.household_links.records() == ()
    # Links without entries: checked, against an empty ledger.
    links_only = attrs.evolve(ctx.dataset.points, entries=())
    linked = DatasetContext.build(attrs.evolve(ctx.dataset, points=links_only))
    assert "points.quarterly_service" in {f.code for f in check_points(linked)}


def test_points_org_id_chooses_the_territory(ctx: DatasetContext) -> None:
    assert points_org_ids(ctx) == ("QS-WC",)
    section = attrs.evolve(
        ctx.dataset.points, org_id="QS-LJ-B", compliance=ComplianceRules(households_per_member=0)
    )
    narrow = DatasetContext.build(attrs.evolve(ctx.dataset, points=section))
    assert points_org_ids(narrow) == ("QS-LJ-B",)
    assert "points.household_links" not in {f.code for f in check_points(narrow)}


def broken(community: Dataset, index: int) -> Dataset:
    entries = list(community.points.entries)
    claim = next(e for e in entries if isinstance(e, Claim) and e.member_id == "QS-P09")
    entries[index] = Approval(  # the member approves their own claim
        key="self", claim_key=claim.key, at=claim.at.add(days=1), actor="QS-P09"
    )
    return attrs.evolve(community, points=attrs.evolve(community.points, entries=entries))


def test_a_refused_entry_is_located(community: Dataset) -> None:
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(broken(community, 3))
    assert caught.value.path == "$.points.entries[3]"
    links = list(community.points.household_links)
    links[3] = HouseholdLink(
        id="x", person_id="QS-P09", household_id="QS-NOWHERE", period=links[3].period
    )
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(
            attrs.evolve(community, points=attrs.evolve(community.points, household_links=links))
        )
    assert caught.value.path == "$.points.household_links[3]"


def test_validate_exit_codes(capsys: Capture, tmp_path: Path, community: Dataset) -> None:
    good = tmp_path / "good.json"
    good.write_text(sample_text("community"), encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    out, _ = capsys.readouterr()
    assert "points.household_links" in out
    bad = tmp_path / "bad.json"
    bad.write_text(dumps_dataset(broken(community, 3)), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "$.points.entries[3]" in err
    assert REVIEWER != "QS-P09"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "Bogus"}, "a ledger entry needs a type, one of Claim, Approval"),
        ({"type": None}, "(null)"),
        ({"at": "2026-01-01T00:00:00"}, "has no UTC offset"),
        ("x", "expected an object (a ledger entry), got the string 'x'"),
    ],
)
def test_a_malformed_entry_is_located(change: object, message: str) -> None:
    data = parse_json(sample_text("community"))
    entries = data["points"]["entries"]
    if isinstance(change, dict):
        entries[3].update(change)
    else:
        entries[3] = change
    with pytest.raises(StructuringError) as caught:
        loads_dataset(json.dumps(data, ensure_ascii=False))
    assert str(caught.value).startswith("$.points.entries[3]")
    assert message in str(caught.value)
