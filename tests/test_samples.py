"""The bundled samples: shipped exactly as the builder writes them, and meaningful."""

from __future__ import annotations

from pathlib import Path

import pytest

from neighborhood_pb import (
    COMMUNITY_FIVE_LEVEL,
    STREET_GRID_FIVE_LEVEL,
    EmploymentStatus,
    MembershipKind,
    OrgForm,
    Severity,
    TerritoryKind,
    UnknownRecordError,
)
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample, sample_text
from neighborhood_pb.samples.build import SAMPLE_BUILDERS, main, render


def test_every_sample_has_a_builder() -> None:
    assert tuple(SAMPLE_BUILDERS) == SAMPLE_NAMES


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_shipped_json_is_what_the_builder_writes(name: str) -> None:
    assert sample_text(name) == render(name), "run: python -m neighborhood_pb.samples.build"
    assert load_sample(name) == SAMPLE_BUILDERS[name]()


def test_the_builder_writes_every_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(tmp_path)
    for name in SAMPLE_NAMES:
        assert (tmp_path / f"{name}.json").read_text(encoding="utf-8") == sample_text(name)
    assert capsys.readouterr().out.count("wrote ") == len(SAMPLE_NAMES)


def test_unknown_sample() -> None:
    with pytest.raises(UnknownRecordError, match="samples: community, street"):
        load_sample("city")


def findings(name: str) -> dict[str, set[str]]:
    by_code: dict[str, set[str]] = {}
    for finding in check_dataset(DatasetContext.build(load_sample(name))):
        by_code.setdefault(f"{finding.severity.value}:{finding.code}", set()).add(finding.subject)
    return by_code


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_build_and_hold_people_of_every_kind(name: str) -> None:
    ctx = DatasetContext.build(load_sample(name))
    tree, on = ctx.tree, ctx.on
    assert all(tree.counts_by_level(on).values()), "every level is populated"
    people = list(tree.people())
    assert {p.employment for p in people} >= {
        EmploymentStatus.IN_SERVICE,
        EmploymentStatus.RETIRED,
    }
    assert any(p.is_full_member(on) for p in people)
    assert any(p.is_party_member(on) and not p.is_full_member(on) for p in people)
    root = tree.roots(on)[0]
    assert tree.memberships(root.id, on, kind=MembershipKind.COMPOUND_STYLE, subtree=True)
    assert tree.reported_members(root.id, on)
    assert any(p.phone for p in people)


def test_community_sample() -> None:
    dataset = load_sample("community")
    assert dataset.schema == COMMUNITY_FIVE_LEVEL
    assert findings("community") == {
        "warning:branch.below_minimum": {"QS-HY-B"},
        "warning:committee.not_allowed": {"QS-SF-B"},
        "info:term.due_soon": {"QS-LJ-B"},
    }
    tree = DatasetContext.build(dataset).tree
    # 松涛苑 became a joint branch with 枫林里: its history has two versions.
    assert [v.form for v in tree.history("QS-SF-B")] == [OrgForm.BRANCH, OrgForm.JOINT_BRANCH]
    # A revoked report is kept but no longer counts.
    assert len(dataset.structure.reports) == len(tree.reported_members("QS-WC", dataset.as_of)) + 1


def test_street_sample() -> None:
    dataset = load_sample("street")
    assert dataset.schema == STREET_GRID_FIVE_LEVEL
    found = findings("street")
    assert found["error:term.overdue"] == {"XH-MH-W1-B"}
    assert found["warning:branch.below_minimum"] == {"XH-QF-W2-B"}
    assert found["warning:term.expired"] == {"XH-MH-Z"}
    ctx = DatasetContext.build(dataset)
    grids = [t for t in ctx.tree.territories if t.kind is TerritoryKind.GRID]
    assert len({g.code for g in grids}) == len(grids) == 4
    assert all(ctx.tree.territories.grid_by_code(g.code or "", ctx.on) == g for g in grids)
    assert all(r.grid_id for r in dataset.structure.reports)


def test_only_the_street_sample_has_errors() -> None:
    severities = {
        name: {f.severity for f in check_dataset(DatasetContext.build(load_sample(name)))}
        for name in SAMPLE_NAMES
    }
    assert Severity.ERROR not in severities["community"]
    assert Severity.ERROR in severities["street"]
