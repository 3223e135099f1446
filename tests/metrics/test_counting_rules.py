"""What the figures count: compounds under grid branches, members without a household,
rotations that have not started, and the optional grid and compound levels."""

import pendulum
import pytest

from neighborhood_pb import (
    STREET_GRID_FIVE_LEVEL,
    Coverage,
    EmploymentStatus,
    InvalidRecordError,
    Organisation,
    OrgForm,
    OrgTree,
    Period,
    Person,
    Report,
    Territory,
    TerritoryKind,
)
from neighborhood_pb.errors import Severity
from neighborhood_pb.metrics import TOTAL, MetricInputs, MetricSettings, ScopeLevel, compute_metrics
from neighborhood_pb.ratio import Ratio
from neighborhood_pb.structure.rotations import (
    DutyRotation,
    DutyRotationRecords,
    DutyRotationSetup,
    Eligibility,
)

START = pendulum.Date(2020, 1, 1)
DAY = pendulum.Date(2024, 6, 15)
SINCE = Period(start=START)


def _territory(
    tid: str, kind: TerritoryKind, parent: str | None, period: Period = SINCE
) -> Territory:
    code = tid if kind is TerritoryKind.GRID else None
    return Territory(id=tid, kind=kind, name=f"{tid}名", period=period, parent_id=parent, code=code)


def _found(t: OrgTree, oid: str, form: OrgForm, level: str, parent: str | None) -> None:
    t.found(Organisation(id=oid, name=oid, form=form, level=level, period=SINCE, parent_id=parent))


@pytest.fixture
def tree() -> OrgTree:
    """Street S, community C; grid G1 holds compounds K1, K2; grid G2 holds K3."""
    t = OrgTree(STREET_GRID_FIVE_LEVEL)
    t.add_territory(_territory("S", TerritoryKind.STREET, None))
    t.add_territory(_territory("C", TerritoryKind.COMMUNITY, "S"))
    for grid, compounds in (("G1", ("K1", "K2")), ("G2", ("K3",))):
        t.add_territory(_territory(grid, TerritoryKind.GRID, "C"))
        for compound in compounds:
            t.add_territory(_territory(compound, TerritoryKind.COMPOUND, grid))
            t.add_territory(_territory(f"{compound}B", TerritoryKind.BUILDING, compound))
    _found(t, "WS", OrgForm.WORKING_COMMITTEE, "street_working_committee", None)
    t.cover(Coverage(org_id="WS", territory_id="S", period=SINCE))
    _found(t, "GB", OrgForm.GENERAL_BRANCH, "community_general_branch", "WS")
    t.cover(Coverage(org_id="GB", territory_id="C", period=SINCE))
    # The grid branch covers G1 from DAY on; K3 has only a party group over its building.
    _found(t, "B1", OrgForm.BRANCH, "grid_branch", "GB")
    t.cover(Coverage(org_id="B1", territory_id="G1", period=Period(start=DAY)))
    _found(t, "T2", OrgForm.TEMPORARY_BRANCH, "grid_branch", "GB")
    t.cover(Coverage(org_id="T2", territory_id="G2", period=SINCE))
    _found(t, "PG", OrgForm.PARTY_GROUP, "building_group", "T2")
    t.cover(Coverage(org_id="PG", territory_id="K3B", period=SINCE))
    return t


def test_a_grid_branch_covers_the_compounds_of_its_grid_from_the_day_it_covers(
    tree: OrgTree,
) -> None:
    assert compute_metrics(tree, DAY.subtract(days=1)).value("compound_org_coverage") == Ratio(0, 3)
    table = compute_metrics(tree, DAY)
    assert table.value("compound_org_coverage") == Ratio(2, 3)
    assert table.value("compound_org_coverage", "C") == Ratio(2, 3)


def test_which_forms_count_and_whether_grid_coverage_passes_down_are_settings(
    tree: OrgTree,
) -> None:
    direct = MetricSettings(grid_coverage_passes_down=False)
    assert compute_metrics(tree, DAY, settings=direct).value("compound_org_coverage") == Ratio(0, 3)
    with_temporary = MetricSettings(compound_coverage_forms={"branch", OrgForm.TEMPORARY_BRANCH})
    table = compute_metrics(tree, DAY, settings=with_temporary)
    assert table.value("compound_org_coverage") == Ratio(3, 3)
    # Only grid coverage passes down: the general branch over the community covers no compound.
    general = MetricSettings(compound_coverage_forms={OrgForm.GENERAL_BRANCH})
    assert compute_metrics(tree, DAY, settings=general).value("compound_org_coverage") == Ratio(
        0, 3
    )
    assert MetricSettings().compound_coverage_forms == {
        OrgForm.BRANCH,
        OrgForm.JOINT_BRANCH,
        OrgForm.COMPOUND_STYLE_BRANCH,
    }


def _member(pid: str, household: str | None) -> Person:
    return Person(
        id=pid,
        name=f"{pid}名",
        admitted_on="2000-01-01",
        employment=EmploymentStatus.IN_SERVICE,
        household_id=household,
    )


def test_a_member_without_a_household_counts_in_the_total_and_is_named(tree: OrgTree) -> None:
    tree.add_territory(_territory("H1", TerritoryKind.HOUSEHOLD, "K1B"))
    tree.add_territory(
        _territory("H2", TerritoryKind.HOUSEHOLD, "K1B", Period(start=START, end=DAY))
    )
    tree.add_person(_member("P1", "H1"))
    tree.add_person(_member("P2", "H1"))
    tree.add_person(_member("P3", None))
    tree.add_person(_member("P4", "H2"))
    for n in (1, 2):
        tree.add_report(Report(id=f"R{n}", person_id=f"P{n}", community_id="C", period=SINCE))
    before = compute_metrics(tree, DAY.subtract(days=1))
    # P4's household is still in effect: P4 counts in C; only P3 falls back to the total.
    assert before.value("report_rate", "C") == Ratio(2, 3)
    assert before.value("report_rate") == Ratio(2, 4)
    assert [f.subject for f in before.findings] == ["P3"]
    table = compute_metrics(tree, DAY)
    # From DAY P4's household has ended: P4 too counts in the total only, and is named.
    assert table.value("report_rate", "C") == Ratio(2, 2)
    assert table.value("report_rate") == Ratio(2, 4)
    [p3, p4] = table.findings
    assert (p3.code, p3.subject, p4.subject) == ("metric.report_rate.unplaced", "P3", "P4")
    assert p3.severity is Severity.WARNING
    assert p3.params["scope"] == "合计"
    assert "P3名" in p3.render("zh")
    assert "合计" in p3.render("en")
    # Limited to the street, nobody can place P3 or P4 in it: they are left out, unnamed.
    assert compute_metrics(tree, DAY, root="S").findings == ()


def test_a_member_without_a_household_counts_where_they_report(tree: OrgTree) -> None:
    tree.add_person(_member("P3", None))
    tree.add_report(Report(id="R3", person_id="P3", community_id="C", grid_id="G2", period=SINCE))
    table = compute_metrics(tree, DAY, levels=["grid"])
    assert table.value("report_rate", "G2") == Ratio(1, 1)
    assert table.value("report_rate", "C") == Ratio(1, 1)
    [finding] = table.findings
    assert finding.params["scope"] == "G2名"
    street = compute_metrics(tree, DAY, root="S")
    assert street.value("report_rate") == Ratio(1, 1)
    assert len(street.findings) == 1
    # A table of another community cannot place P3 in it: left out, unnamed.
    tree.add_territory(_territory("C2", TerritoryKind.COMMUNITY, "S"))
    other = compute_metrics(tree, DAY, root="C2")
    assert other.value("report_rate").format() == "n/a"
    assert other.findings == ()


def _rotation(anchor: pendulum.Date) -> DutyRotation:
    return DutyRotation(
        DutyRotationRecords(
            setup=DutyRotationSetup(
                id="DR", anchor=anchor, term_months=1, order=("P",), org_id="GB"
            ),
            eligibility=(Eligibility(person_id="P", period=SINCE),),
        )
    )


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (pendulum.Date(2024, 7, 1), Ratio(0, 0)),  # starts after June: n/a, not 0 %
        (pendulum.Date(2024, 6, 30), Ratio(1, 1)),  # the last day of June
        (pendulum.Date(2024, 6, 1), Ratio(30, 30)),
        (pendulum.Date(2024, 5, 31), Ratio(30, 30)),
    ],
)
def test_duty_days_before_the_first_term_are_not_counted(
    tree: OrgTree, anchor: pendulum.Date, expected: Ratio
) -> None:
    inputs = MetricInputs(tree=tree, duty_rotations=(_rotation(anchor),))
    value = compute_metrics(inputs, DAY).value("duty_coverage", "C")
    assert value == expected
    assert (value.format() == "n/a") is (expected.denominator == 0)


def test_grid_and_compound_levels_roll_up(tree: OrgTree) -> None:
    table = compute_metrics(tree, DAY, levels=("compound", ScopeLevel.GRID))
    assert [(s.id, s.level.value, s.parent_id) for s in table.scopes] == [
        (TOTAL, "total", None),
        ("S", "street", TOTAL),
        ("C", "community", "S"),
        ("G1", "grid", "C"),
        ("K1", "compound", "G1"),
        ("K2", "compound", "G1"),
        ("G2", "grid", "C"),
        ("K3", "compound", "G2"),
    ]
    assert table.value("compound_org_coverage", "K1") == Ratio(1, 1)
    assert table.value("compound_org_coverage", "G2") == Ratio(0, 1)
    assert table.value("grid_branch_coverage", "G2") == Ratio(1, 1)
    assert table.value("building_group_coverage", "K3") == Ratio(1, 1)
    compounds = compute_metrics(tree, DAY, levels=["compound"])
    assert {s.parent_id for s in compounds.at_level("compound")} == {"C"}
    assert compounds.value("compound_org_coverage", "C") == Ratio(2, 3)
    assert [s.id for s in compute_metrics(tree, DAY).scopes] == [TOTAL, "S", "C"]


@pytest.mark.parametrize("level", ["street", "building", "nothing"])
def test_only_grid_and_compound_are_optional_levels(tree: OrgTree, level: str) -> None:
    with pytest.raises(InvalidRecordError, match="optional") as caught:
        compute_metrics(tree, DAY, levels=[level])
    assert caught.value.rule == "metrics.level"
