"""Compliance checks: quarterly service, "1+10" links, the four must-visits, home days."""

from __future__ import annotations

import pendulum
import pytest

from neighborhood_pb import (
    ConflictError,
    EmploymentStatus,
    InvalidRecordError,
    Period,
    Person,
    Report,
    RuleViolationError,
    Severity,
    UnknownRecordError,
)
from neighborhood_pb.points import (
    COMPLIANCE_CHECKS,
    DEFAULT_CATALOGUE,
    POINTS_SOURCES,
    ComplianceContext,
    ComplianceRules,
    HouseholdLink,
    HouseholdLinks,
    Ledger,
    check_home_days,
    check_household_links,
    check_must_visits,
    check_quarterly_service,
    last_completed_quarter,
    must_visit_tallies,
    run_compliance,
)
from neighborhood_pb.testing.points import PointsWorld, build_points_world

ZONE = "Asia/Shanghai"
AS_OF = pendulum.Date(2024, 4, 10)


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2024, month, day, hour, tz=ZONE)


@pytest.fixture
def world() -> PointsWorld:
    return build_points_world(members_per_community=3, catalogue=DEFAULT_CATALOGUE)


@pytest.fixture
def ledger(world: PointsWorld) -> Ledger:
    return world.ledger()


def serve(
    ledger: Ledger, key: str, member: str, item: str, month: int, day: int, approve: bool = True
) -> None:
    ledger.claim(
        key=key,
        member_id=member,
        item_code=item,
        service_date=pendulum.Date(2024, month, day),
        at=at(month, day),
    )
    if approve:
        ledger.approve(key=f"a-{key}", claim_key=key, reviewer_id="R-S", at=at(month, day, 21))


def subjects(findings: object) -> list[str]:
    return [f.subject for f in findings]  # type: ignore[attr-defined]


def test_last_completed_quarter() -> None:
    assert last_completed_quarter(pendulum.Date(2024, 4, 1)) == Period.quarter(2024, 1)
    assert last_completed_quarter(pendulum.Date(2024, 3, 31)) == Period.quarter(2023, 4)


def test_each_reported_in_service_member_serves_once_a_quarter(
    world: PointsWorld, ledger: Ledger
) -> None:
    serve(ledger, "c1", "M1-0", "policy_talk", 2, 5)
    serve(ledger, "c2", "M1-1", "policy_talk", 2, 5, approve=False)
    serve(ledger, "c3", "M1-2", "policy_talk", 3, 5)
    ledger.reverse(key="v3", approval_key="a-c3", reviewer_id="R-C1", at=at(3, 6), reason="虚报")
    serve(ledger, "c4", "M2-0", "policy_talk", 4, 2)  # next quarter: does not count for Q1
    findings = tuple(
        check_quarterly_service(ComplianceContext(ledger=ledger, org_id="O-C1", as_of=AS_OF))
    )
    assert subjects(findings) == ["M1-1", "M1-2"]
    assert all(f.code == "points.quarterly_service" for f in findings)
    assert all(f.severity is Severity.WARNING for f in findings)
    assert findings[0].rule == POINTS_SOURCES["quarterly_service"]
    street = ComplianceContext(ledger=ledger, org_id="O-S", as_of=AS_OF)
    assert subjects(check_quarterly_service(street)) == ["M1-1", "M1-2", "M2-0", "M2-1", "M2-2"]
    strict = ComplianceContext(
        ledger=ledger, org_id="O-C1", as_of=AS_OF, rules=ComplianceRules(services_per_quarter=2)
    )
    assert subjects(check_quarterly_service(strict)) == ["M1-0", "M1-1", "M1-2"]


def test_only_in_service_members_reported_all_quarter_are_held(
    world: PointsWorld, ledger: Ledger
) -> None:
    tree = world.tree
    tree.add_person(
        Person(
            id="late",
            name="晚报到",
            employment=EmploymentStatus.IN_SERVICE,
            admitted_on="2020-01-01",
        )
    )
    tree.add_report(
        Report(id="r-late", person_id="late", community_id="C1", period=Period(start="2024-02-01"))
    )
    tree.add_person(
        Person(id="old", name="退休", employment=EmploymentStatus.RETIRED, admitted_on="1980-01-01")
    )
    tree.add_report(
        Report(id="r-old", person_id="old", community_id="C1", period=Period(start="2024-01-01"))
    )
    ctx = ComplianceContext(ledger=ledger, org_id="O-C1", as_of=AS_OF)
    assert [r.person_id for r in ctx.members(AS_OF)] == ["M1-0", "M1-1", "M1-2", "late"]
    assert "late" not in subjects(check_quarterly_service(ctx))
    assert "old" not in subjects(check_quarterly_service(ctx))


def test_every_member_links_ten_households(world: PointsWorld, ledger: Ledger) -> None:
    links = HouseholdLinks(world.tree)
    since = Period(start="2024-01-01")
    for n, household in enumerate(world.households[:10]):
        links.add(
            HouseholdLink(id=f"l0-{n}", person_id="M1-0", household_id=household, period=since)
        )
    for n, household in enumerate(world.households[:3]):
        links.add(
            HouseholdLink(id=f"l1-{n}", person_id="M1-1", household_id=household, period=since)
        )
    links.end("l0-9", pendulum.Date(2024, 4, 1))
    ctx = ComplianceContext(
        ledger=ledger, org_id="O-C1", as_of=pendulum.Date(2024, 3, 31), links=links
    )
    findings = tuple(check_household_links(ctx))
    assert subjects(findings) == ["M1-1", "M1-2"]
    assert "links 3 household(s)" in findings[0].message
    later = ComplianceContext(ledger=ledger, org_id="O-C1", as_of=AS_OF, links=links)
    assert subjects(check_household_links(later)) == ["M1-0", "M1-1", "M1-2"]
    unrecorded = ComplianceContext(ledger=ledger, org_id="O-C2", as_of=AS_OF)
    assert subjects(check_household_links(unrecorded)) == ["M2-0", "M2-1", "M2-2"]
    assert HouseholdLinks.from_records(world.tree, links.records()).records() == links.records()


def test_household_link_errors(world: PointsWorld) -> None:
    links = HouseholdLinks(world.tree)
    since = Period(start="2024-01-01")
    links.add(HouseholdLink(id="l1", person_id="M1-0", household_id="H1-0", period=since))
    cases = [
        (
            HouseholdLink(id="l1", person_id="M1-1", household_id="H1-1", period=since),
            ConflictError,
            "id.unique",
        ),
        (
            HouseholdLink(id="l2", person_id="ghost", household_id="H1-1", period=since),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            HouseholdLink(id="l2", person_id="M1-0", household_id="nowhere", period=since),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            HouseholdLink(id="l2", person_id="M1-0", household_id="G1", period=since),
            RuleViolationError,
            "link.household",
        ),
        (
            HouseholdLink(
                id="l2", person_id="M1-0", household_id="H1-1", period=Period(start="2023-01-01")
            ),
            RuleViolationError,
            "link.within_lifetime",
        ),
        (
            HouseholdLink(
                id="l2", person_id="M1-0", household_id="H1-0", period=Period(start="2024-06-01")
            ),
            ConflictError,
            "link.unique",
        ),
    ]
    for link, error, rule in cases:
        with pytest.raises(error) as caught:
            links.add(link)
        assert caught.value.rule == rule
    assert len(links.records()) == 1
    with pytest.raises(UnknownRecordError):
        links.end("nope", pendulum.Date(2024, 5, 1))
    with pytest.raises(RuleViolationError):
        links.end("l1", pendulum.Date(2024, 1, 1))
    links.end("l1", pendulum.Date(2024, 5, 1))
    with pytest.raises(RuleViolationError):
        links.end("l1", pendulum.Date(2024, 6, 1))
    links.add(
        HouseholdLink(
            id="l2", person_id="M1-0", household_id="H1-0", period=Period(start="2024-06-01")
        )
    )
    assert links.households_of("M1-0", pendulum.Date(2024, 5, 15)) == frozenset()
    assert links.households_of("M1-0", pendulum.Date(2024, 6, 15)) == {"H1-0"}


def test_the_four_must_visits_are_counted(ledger: Ledger) -> None:
    serve(ledger, "v1", "M1-0", "visit_hardship", 1, 10)
    serve(ledger, "v2", "M1-0", "visit_hardship", 2, 10)
    serve(ledger, "v3", "M1-0", "visit_dispute", 3, 10)
    serve(ledger, "v4", "M1-1", "visit_illness", 3, 10)
    serve(ledger, "v5", "M1-1", "visit_unusual_family", 3, 11, approve=False)
    serve(ledger, "v6", "M1-1", "policy_talk", 3, 12)
    ctx = ComplianceContext(ledger=ledger, org_id="O-C1", as_of=AS_OF)
    tallies = {t.member_id: t for t in must_visit_tallies(ctx)}
    assert (tallies["M1-0"].hardship, tallies["M1-0"].dispute, tallies["M1-0"].total) == (2, 1, 3)
    assert (tallies["M1-1"].illness, tallies["M1-1"].unusual_family, tallies["M1-1"].total) == (
        1,
        0,
        1,
    )
    assert tallies["M1-2"].total == 0
    assert tallies["M1-0"].period == Period.quarter(2024, 1)
    assert tuple(check_must_visits(ctx)) == ()  # the sources set no number
    ctx2 = ComplianceContext(
        ledger=ledger, org_id="O-C1", as_of=AS_OF, rules=ComplianceRules(must_visits_per_quarter=2)
    )
    findings = tuple(check_must_visits(ctx2))
    assert subjects(findings) == ["M1-1", "M1-2"]
    assert "来源未载明" in findings[0].rule
    march = must_visit_tallies(ctx, Period.month(2024, 3))
    assert {t.member_id: t.total for t in march} == {"M1-0": 1, "M1-1": 1, "M1-2": 0}


def test_home_days_missed_are_listed_per_member(ledger: Ledger) -> None:
    home_days = ["2024-01-28", "2024-02-25", "2024-03-31", "2024-04-28"]
    serve(ledger, "h1", "M1-0", "home_day_service", 1, 28)
    serve(ledger, "h2", "M1-0", "home_day_service", 2, 25)
    serve(ledger, "h3", "M1-1", "home_day_service", 1, 28)
    serve(ledger, "h4", "M1-1", "home_day_service", 2, 25)
    serve(ledger, "h5", "M1-1", "home_day_service", 3, 31)
    serve(ledger, "x1", "M1-2", "policy_talk", 1, 28)  # served, but not the home-day item
    ctx = ComplianceContext(ledger=ledger, org_id="O-C1", as_of=AS_OF, home_days=home_days)
    findings = tuple(check_home_days(ctx))
    assert subjects(findings) == ["M1-0", "M1-2"]
    assert findings[0].message.endswith("on 2024-03-31")
    assert "2024-01-28, 2024-02-25, 2024-03-31" in findings[1].message
    off = ComplianceContext(
        ledger=ledger,
        org_id="O-C1",
        as_of=AS_OF,
        home_days=home_days,
        rules=ComplianceRules(home_day_attendance=False),
    )
    assert tuple(check_home_days(off)) == ()


def test_run_compliance_collects_and_orders_every_finding(ledger: Ledger) -> None:
    serve(ledger, "c1", "M2-0", "policy_talk", 2, 5)
    ctx = ComplianceContext(
        ledger=ledger, org_id="O-C2", as_of=AS_OF, home_days=[pendulum.Date(2024, 3, 31)]
    )
    findings = run_compliance(ctx)
    assert [(f.subject, f.code) for f in findings] == [
        ("M2-0", "points.home_day_missed"),
        ("M2-0", "points.household_links"),
        ("M2-1", "points.home_day_missed"),
        ("M2-1", "points.household_links"),
        ("M2-1", "points.quarterly_service"),
        ("M2-2", "points.home_day_missed"),
        ("M2-2", "points.household_links"),
        ("M2-2", "points.quarterly_service"),
    ]
    assert run_compliance(ctx, COMPLIANCE_CHECKS[:1]) == tuple(
        f for f in findings if f.code == "points.quarterly_service"
    )


def test_compliance_rules_are_not_negative() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        ComplianceRules(households_per_member=-1)
    assert caught.value.rule == "rules.non_negative"
