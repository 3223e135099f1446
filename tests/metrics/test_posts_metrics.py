"""Metrics over appointments and rotations: owners' committees, cross-appointment, part-time
members, two-new coverage, building heads and duty coverage."""

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
)
from neighborhood_pb.metrics import MetricInputs, compute_metrics
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.structure.posts import (
    Appointment,
    Appointments,
    Body,
    BodyKind,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
    ServiceContract,
)
from neighborhood_pb.structure.rotations import DutyRotation, DutyRotationRecords
from neighborhood_pb.structure.rotations.records import DutyRotationSetup, Eligibility

START = pendulum.Date(2022, 1, 1)
DAY = pendulum.Date(2024, 6, 15)
SINCE = Period(start=START)


@pytest.fixture
def inputs() -> MetricInputs:
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    for territory in (
        Territory(id="S", kind=TerritoryKind.STREET, name="街道", period=SINCE),
        Territory(id="C", kind=TerritoryKind.COMMUNITY, name="社区", period=SINCE, parent_id="S"),
        Territory(
            id="G", kind=TerritoryKind.GRID, name="网格", code="G-1", period=SINCE, parent_id="C"
        ),
        Territory(id="K1", kind=TerritoryKind.COMPOUND, name="甲小区", period=SINCE, parent_id="G"),
        Territory(id="K2", kind=TerritoryKind.COMPOUND, name="乙小区", period=SINCE, parent_id="G"),
        Territory(id="K1B", kind=TerritoryKind.BUILDING, name="1栋", period=SINCE, parent_id="K1"),
        Territory(id="K2B", kind=TerritoryKind.BUILDING, name="1栋", period=SINCE, parent_id="K2"),
    ):
        tree.add_territory(territory)
    for oid, form, level, parent, covers in (
        ("WS", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, "S"),
        ("GB", OrgForm.GENERAL_BRANCH, "community_general_branch", "WS", "C"),
        ("B1", OrgForm.BRANCH, "grid_branch", "GB", "K1"),
        ("PB", OrgForm.BRANCH, "grid_branch", "GB", "K2"),
    ):
        tree.found(
            Organisation(id=oid, name=oid, form=form, level=level, period=SINCE, parent_id=parent)
        )
        tree.cover(Coverage(org_id=oid, territory_id=covers, period=SINCE))
    for n in range(6):
        member = n != 1
        tree.add_person(
            Person(
                id=f"P{n}",
                name=f"P{n}",
                admitted_on="2000-01-01" if member else None,
                full_member_on="2001-01-01" if member else None,
                employment=EmploymentStatus.IN_SERVICE,
            )
        )
    tree.add_report(Report(id="R5", person_id="P5", community_id="C", period=SINCE))
    apps = Appointments(tree)
    for body in (
        Body(
            id="A1",
            kind=BodyKind.OWNERS_ASSEMBLY,
            name="甲业主大会",
            period=SINCE,
            territory_id="K1",
        ),
        Body(
            id="OC1",
            kind=BodyKind.OWNERS_COMMITTEE,
            name="甲业委会",
            period=SINCE,
            territory_id="K1",
            parent_id="A1",
        ),
        Body(
            id="PC",
            kind=BodyKind.PROPERTY_COMPANY,
            name="物业公司",
            period=SINCE,
            party_org_id="PB",
        ),
        Body(
            id="SO",
            kind=BodyKind.SOCIAL_ORGANISATION,
            name="志愿者协会",
            period=SINCE,
            territory_id="C",
        ),
    ):
        apps.add_body(body)
    apps.add_contract(ServiceContract(id="SC", company_id="PC", compound_id="K1", period=SINCE))
    for aid, person, post, where in (
        ("a0", "P0", PostKind.SECRETARY, {"org_id": "B1"}),
        ("a1", "P0", PostKind.BODY_MEMBER, {"body_id": "OC1"}),
        ("a2", "P1", PostKind.DIRECTOR, {"body_id": "OC1"}),
        ("a3", "P2", PostKind.BODY_MEMBER, {"body_id": "OC1"}),
        ("a4", "P3", PostKind.BUILDING_HEAD, {"org_id": "B1", "territory_id": "K1B"}),
        ("a5", "P1", PostKind.DIRECTOR, {"body_id": "SO"}),
    ):
        apps.appoint(Appointment(id=aid, person_id=person, post=post, period=SINCE, **where))
    apps.appoint(
        Appointment(
            id="a6",
            person_id="P5",
            post=PostKind.PART_TIME_MEMBER,
            org_id="GB",
            period=SINCE,
            part_time=PartTimeBasis(source=PartTimeSource.IN_SERVICE_MEMBER, report_id="R5"),
        )
    )
    rotation = DutyRotation(
        DutyRotationRecords(
            setup=DutyRotationSetup(
                id="DR",
                anchor=pendulum.Date(2024, 6, 11),
                term_months=1,
                order=("P5",),
                org_id="GB",
            ),
            eligibility=(Eligibility(person_id="P5", period=SINCE),),
        )
    )
    return MetricInputs(tree=tree, appointments=apps, duty_rotations=(rotation,))


def test_appointment_metrics(inputs: MetricInputs) -> None:
    table = compute_metrics(inputs, DAY)
    # P0 (member), P1 (not), P2 (member) sit on the owners' committee: 2 of 3.
    assert table.value("owners_committee_party_share", "C") == Ratio(2, 3)
    assert table.value("owners_committee_party_org_coverage") == Ratio(1, 1)
    assert table.value("cross_appointment_rate", "S") == Ratio(1, 1)
    assert table.value("building_head_coverage") == Ratio(1, 2)
    assert table.value("part_time_members_per_committee") == Average(1, 1)
    # The company has its own branch; the social organisation only a non-member director.
    assert table.value("two_new_org_coverage") == Ratio(1, 2)
    assert table.value("two_new_work_coverage") == Ratio(1, 2)
    # June has 30 days; the rotation starts on the 11th: the 10 days before are not counted.
    assert table.value("duty_coverage", "C") == Ratio(20, 20)


def test_without_inputs_the_metrics_are_not_applicable(inputs: MetricInputs) -> None:
    table = compute_metrics(inputs.tree, DAY)
    for metric_id in ("owners_committee_party_share", "duty_coverage", "two_new_org_coverage"):
        assert not table.value(metric_id).applicable
        assert table.value(metric_id).format() == "n/a"
    assert table.value("compound_org_coverage") == Ratio(2, 2)


def _part_time(aid: str, person: str, org: str, report: str, period: Period = SINCE) -> Appointment:
    return Appointment(
        id=aid,
        person_id=person,
        post=PostKind.PART_TIME_MEMBER,
        org_id=org,
        period=period,
        part_time=PartTimeBasis(source=PartTimeSource.IN_SERVICE_MEMBER, report_id=report),
    )


def test_part_time_members_per_tier_are_not_pooled(inputs: MetricInputs) -> None:
    apps = inputs.appointments
    assert apps is not None
    for n in (0, 2, 3):
        inputs.tree.add_report(
            Report(id=f"R{n}", person_id=f"P{n}", community_id="C", period=SINCE)
        )
    # The street working committee: three part-time members; grid branch B1: two, from DAY.
    for n in (0, 2, 3):
        apps.appoint(_part_time(f"w{n}", f"P{n}", "WS", f"R{n}"))
    apps.appoint(_part_time("g2", "P2", "B1", "R2", Period(start=DAY)))
    apps.appoint(_part_time("g5", "P5", "B1", "R5", Period(start=DAY)))
    table = compute_metrics(inputs, DAY)
    assert table.value("part_time_members_per_street_committee") == Average(3, 1)
    assert table.value("part_time_members_per_community_committee") == Average(1, 1)
    assert table.value("part_time_members_per_grid_branch") == Average(2, 1)
    assert table.value("part_time_members_per_committee") == Average(6, 3)
    before = compute_metrics(inputs, DAY.subtract(days=1))
    assert before.value("part_time_members_per_grid_branch").format() == "n/a"
    assert before.value("part_time_members_per_committee") == Average(4, 2)
