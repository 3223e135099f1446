"""Metrics over the points ledger and the "1+10" household links."""

import pendulum

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
)
from neighborhood_pb.metrics import MetricInputs, compute_metrics
from neighborhood_pb.points import DEFAULT_CATALOGUE, ExplicitAuthority, Ledger, PostGrant
from neighborhood_pb.points.compliance import HouseholdLink, HouseholdLinks
from neighborhood_pb.ratio import Ratio

SINCE = Period(start=pendulum.Date(2024, 1, 1))
DAY = pendulum.Date(2026, 5, 10)


def _at(day: str) -> pendulum.DateTime:
    return pendulum.parse(day + "T20:00:00+08:00")  # type: ignore[return-value]


def test_points_and_links_metrics() -> None:
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    tree.add_territory(Territory(id="S", kind=TerritoryKind.STREET, name="街道", period=SINCE))
    tree.add_territory(
        Territory(id="C", kind=TerritoryKind.COMMUNITY, name="社区", period=SINCE, parent_id="S")
    )
    for h in range(4):
        tree.add_territory(
            Territory(
                id=f"H{h}", kind=TerritoryKind.HOUSEHOLD, name=f"{h}", period=SINCE, parent_id="C"
            )
        )
    tree.found(
        Organisation(
            id="W",
            name="W",
            form=OrgForm.WORKING_COMMITTEE,
            level="street_working_committee",
            period=SINCE,
        )
    )
    tree.found(
        Organisation(
            id="GB",
            name="GB",
            form=OrgForm.GENERAL_BRANCH,
            level="community_general_branch",
            period=SINCE,
            parent_id="W",
        )
    )
    tree.cover(Coverage(org_id="W", territory_id="S", period=SINCE))
    tree.cover(Coverage(org_id="GB", territory_id="C", period=SINCE))
    for n in range(4):
        tree.add_person(
            Person(
                id=f"P{n}",
                name=f"P{n}",
                admitted_on="2000-01-01",
                full_member_on="2001-01-01",
                employment=EmploymentStatus.IN_SERVICE,
            )
        )
    for n in range(3):
        start = "2024-01-01" if n < 2 else "2026-02-01"  # P2 reported mid-quarter
        tree.add_report(
            Report(id=f"R{n}", person_id=f"P{n}", community_id="C", period=Period(start=start))
        )
    authority = ExplicitAuthority(grants=(PostGrant(person_id="P3", org_id="GB", period=SINCE),))
    ledger = Ledger(DEFAULT_CATALOGUE, tree, authority)
    ledger.claim(
        key="c0",
        member_id="P0",
        item_code="policy_talk",
        service_date="2026-02-10",
        at=_at("2026-02-10"),
    )
    ledger.approve(key="a0", claim_key="c0", reviewer_id="P3", at=_at("2026-02-11"))
    ledger.claim(
        key="c1",
        member_id="P1",
        item_code="policy_talk",
        service_date="2026-04-10",
        at=_at("2026-04-10"),
    )
    ledger.approve(key="a1", claim_key="c1", reviewer_id="P3", at=_at("2026-04-11"))
    links = HouseholdLinks.from_records(
        tree,
        [
            HouseholdLink(id=f"L{h}", person_id="P0", household_id=f"H{h}", period=SINCE)
            for h in range(3)
        ],
    )
    table = compute_metrics(MetricInputs(tree=tree, ledger=ledger, household_links=links), DAY)
    # Q1 2026: P0 and P1 reported throughout, only P0 served; P2 reported mid-quarter.
    assert table.value("quarterly_report_compliance", "C") == Ratio(1, 2)
    # This year so far: P0 and P1 served, P2 did not.
    assert table.value("points_participation", "S") == Ratio(2, 3)
    assert table.value("household_link_coverage") == Ratio(3, 4)
    without = compute_metrics(tree, DAY)
    assert without.value("points_participation").format() == "n/a"
    assert without.value("household_link_coverage").format() == "n/a"
