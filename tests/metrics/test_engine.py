"""Structure metrics: exact values on a hand-built area, roll-ups and as-of behaviour."""

import pendulum
import pytest

from neighborhood_pb import (
    STREET_GRID_FIVE_LEVEL,
    Coverage,
    EmploymentStatus,
    Organisation,
    OrgForm,
    OrgTree,
    Period,
    Person,
    Report,
    Territory,
    TerritoryKind,
    UnknownRecordError,
)
from neighborhood_pb.metrics import (
    CATALOGUE,
    TOTAL,
    MetricDefinition,
    MetricSettings,
    ScopeLevel,
    compute_metrics,
    metric,
)
from neighborhood_pb.ratio import Average, Ratio

START = pendulum.Date(2020, 1, 1)
DAY = pendulum.Date(2024, 6, 1)
SINCE = Period(start=START)
DIRECT = MetricSettings(grid_coverage_passes_down=False)  # only direct coverage of a compound


def _territory(tid: str, kind: TerritoryKind, parent: str | None, **extra: object) -> Territory:
    return Territory(id=tid, kind=kind, name=tid, period=SINCE, parent_id=parent, **extra)  # type: ignore[arg-type]


@pytest.fixture
def tree() -> OrgTree:
    t = OrgTree(STREET_GRID_FIVE_LEVEL)
    t.add_territory(_territory("S", TerritoryKind.STREET, None))
    for c in ("C1", "C2"):
        t.add_territory(_territory(c, TerritoryKind.COMMUNITY, "S"))
        t.add_territory(_territory(f"{c}G", TerritoryKind.GRID, c, code=f"{c}-001"))
    # C1: three compounds, two covered; C2: one compound declaring 40 households.
    for k in ("K1", "K2", "K3"):
        t.add_territory(_territory(k, TerritoryKind.COMPOUND, "C1G"))
    t.add_territory(_territory("K4", TerritoryKind.COMPOUND, "C2G", households=40))
    t.add_territory(_territory("K1B", TerritoryKind.BUILDING, "K1"))
    t.add_territory(_territory("K2B", TerritoryKind.BUILDING, "K2"))
    for h in range(4):
        t.add_territory(_territory(f"K1B{h}", TerritoryKind.HOUSEHOLD, "K1B"))

    def found(oid: str, form: OrgForm, level: str, parent: str | None, covers: str) -> None:
        t.found(
            Organisation(id=oid, name=oid, form=form, level=level, period=SINCE, parent_id=parent)
        )
        t.cover(Coverage(org_id=oid, territory_id=covers, period=SINCE))

    found("WS", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, "S")
    found("GB1", OrgForm.GENERAL_BRANCH, "community_general_branch", "WS", "C1")
    found("GB2", OrgForm.GENERAL_BRANCH, "community_general_branch", "WS", "C2")
    found("B1", OrgForm.BRANCH, "grid_branch", "GB1", "C1G")
    t.cover(Coverage(org_id="B1", territory_id="K1", period=SINCE))
    t.cover(Coverage(org_id="B1", territory_id="K2", period=Period(start=START, end=DAY)))
    found("B4", OrgForm.BRANCH, "grid_branch", "GB2", "K4")
    found("PG", OrgForm.PARTY_GROUP, "building_group", "B1", "K1B")
    found("CH", OrgForm.CONTACT_HOUSEHOLD, "central_household", "PG", "K1B0")
    for n, home in enumerate(["K1B0", "K1B1", "K1B2"]):
        t.add_person(
            Person(
                id=f"P{n}",
                name=f"P{n}",
                admitted_on="2000-01-01",
                employment=EmploymentStatus.IN_SERVICE,
                household_id=home,
            )
        )
    t.add_person(Person(id="R", name="R", admitted_on="2000-01-01", household_id="K1B3"))
    t.add_report(Report(id="RP0", person_id="P0", community_id="C1", period=SINCE))
    t.add_report(Report(id="RP1", person_id="P1", community_id="C1", period=Period(start=DAY)))
    return t


def test_values_and_rollups(tree: OrgTree) -> None:
    table = compute_metrics(tree, DAY, settings=DIRECT)
    assert [s.id for s in table.at_level(ScopeLevel.STREET)] == ["S"]
    assert {s.id for s in table.children("S")} == {"C1", "C2"}
    # K2's coverage ended on DAY (half-open), so K1 of K1..K3 in C1, and K4 in C2.
    assert table.value("compound_org_coverage", "C1") == Ratio(1, 3)
    assert table.value("compound_org_coverage", "C2") == Ratio(1, 1)
    assert table.value("compound_org_coverage", "S") == Ratio(2, 4)
    assert table.value("compound_org_coverage") == Ratio(2, 4)
    assert table.value("building_group_coverage", "C1") == Ratio(1, 2)
    assert table.value("grid_branch_coverage") == Ratio(1, 2)
    # 4 household records in C1 plus 40 declared in C2, over one central household.
    assert table.value("central_household_ratio") == Average(44, 1)
    assert table.value("central_household_ratio", "C2") == Average(40, 0)
    # In-service members P0..P2 live in C1; P1's report starts on DAY, so it counts.
    assert table.value("report_rate", "C1") == Ratio(2, 3)
    for definition in table.metrics:
        street = table.value(definition.id, "S")
        parts = [table.value(definition.id, c.id) for c in table.children("S")]
        assert type(street).__name__ == type(parts[0]).__name__
        assert sum(getattr(p, "numerator", getattr(p, "total", 0)) for p in parts) == getattr(
            street, "numerator", getattr(street, "total", 0)
        )


def test_as_of_ignores_records_outside_their_period(tree: OrgTree) -> None:
    before = compute_metrics(tree, DAY.subtract(days=1), settings=DIRECT)
    assert before.value("compound_org_coverage", "C1") == Ratio(2, 3)
    assert before.value("report_rate", "C1") == Ratio(1, 3)
    early = compute_metrics(tree, pendulum.Date(2019, 12, 31))
    assert early.value("compound_org_coverage") == Ratio(0, 0)
    assert early.value("compound_org_coverage").format() == "n/a"


def test_root_limits_the_table(tree: OrgTree) -> None:
    table = compute_metrics(tree, DAY, root="C2", settings=DIRECT)
    assert [s.id for s in table.scopes] == [TOTAL, "C2"]
    assert table.value("compound_org_coverage") == Ratio(1, 1)
    street = compute_metrics(tree, DAY, root="S", settings=DIRECT)
    assert street.value("compound_org_coverage") == Ratio(2, 4)


def test_catalogue_lookup_and_inputs() -> None:
    assert metric("report_rate").label_zh == "在职党员报到率"
    assert len({m.id for m in CATALOGUE}) == len(CATALOGUE)
    with pytest.raises(UnknownRecordError):
        metric("nope")
    needs_points = MetricDefinition(
        id="x",
        label_zh="x",
        label="x",
        numerator="x",
        denominator="x",
        source="x",
        requires="points",
    )
    table = compute_metrics(OrgTree(STREET_GRID_FIVE_LEVEL), DAY, metrics=[needs_points])
    assert not table.value("x").applicable


def test_households_declared_on_a_household_and_ended_territories(tree: OrgTree) -> None:
    tree.add_territory(_territory("K1B9", TerritoryKind.HOUSEHOLD, "K1B", households=3))
    gone = Period(start=START, end=DAY)  # a building demolished, with its household
    for tid, kind, parent in (
        ("K1C", TerritoryKind.BUILDING, "K1"),
        ("K1C0", TerritoryKind.HOUSEHOLD, "K1C"),
    ):
        tree.add_territory(Territory(id=tid, kind=kind, name=tid, period=gone, parent_id=parent))
    table = compute_metrics(tree, DAY)
    # 4 household records counted one each, 3 declared by K1B9; K1C and K1C0 are gone.
    assert table.value("central_household_ratio", "C1") == Average(7, 1)
    assert table.value("central_household_ratio") == Average(47, 1)
    assert table.value("building_group_coverage", "C1") == Ratio(1, 2)
    before = compute_metrics(tree, DAY.subtract(days=1), settings=DIRECT)
    assert before.value("central_household_ratio", "C1") == Average(8, 1)
    assert before.value("building_group_coverage", "C1") == Ratio(1, 3)
