"""Whole-model checks of posts and cross-appointments."""

from collections.abc import Iterator

import attrs
import pendulum
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.bodies import Body, BodyKind
from neighborhood_pb.structure.posts.checks import (
    APPOINTMENT_CHECKS,
    AppointmentCheckContext,
    check_compound_cross_appointment,
    check_concurrent_posts,
    check_owners_committee_party_org,
    check_owners_committee_share,
    check_part_time_basis,
    check_references,
    check_supervision_conflicts,
    run_appointment_checks,
)
from neighborhood_pb.structure.posts.records import (
    Appointment,
    EndReason,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES
from neighborhood_pb.testing.appointments import sample_appointments

D = pendulum.Date
SINCE = Period(start="2020-01-01")
BODIES = {"RC", "OC1", "OC2", "OC3", "PC", "RU", "SO"}


def _a(aid: str, person: str, post: PostKind, holder: str, **kw: object) -> Appointment:
    side = "body_id" if holder in BODIES else "org_id"
    fields: dict[str, object] = {
        "id": aid,
        "person_id": person,
        "post": post,
        side: holder,
        "period": SINCE,
        **kw,
    }
    return Appointment(**fields)  # type: ignore[arg-type]


@pytest.fixture
def world() -> Appointments:
    return sample_appointments()


def _codes(world: Appointments, on: pendulum.Date, check: object) -> list[tuple[str, str]]:
    ctx = AppointmentCheckContext(appointments=world, on=on)
    return [(f.code, f.subject) for f in check(ctx)]  # type: ignore[operator]


def test_context_exposes_rules_and_tree(world: Appointments) -> None:
    ctx = AppointmentCheckContext(appointments=world, on="2023-01-01")
    assert ctx.on == D(2023, 1, 1)
    assert ctx.rules is DEFAULT_APPOINTMENT_RULES
    assert ctx.tree is world.tree


def test_owners_committee_share(world: Appointments) -> None:
    on = D(2023, 1, 1)
    assert _codes(world, on, check_owners_committee_share) == []
    world.appoint(_a("d", "P0", PostKind.DIRECTOR, "OC1"))
    world.appoint(_a("m1", "P9", PostKind.BODY_MEMBER, "OC1"))
    world.appoint(_a("m2", "P10", PostKind.BODY_MEMBER, "OC1"))
    world.appoint(_a("sup", "P1", PostKind.PROPERTY_SUPERVISION_MEMBER, "OC1", territory_id="K1"))
    findings = run_appointment_checks(world, on, checks=[check_owners_committee_share])
    assert [(f.code, f.subject) for f in findings] == [
        ("owners_committee.party_share_below_target", "OC1")
    ]
    assert "1 of 3" in findings[0].message
    assert "60%" in findings[0].message
    assert "通化县" in findings[0].rule
    world.appoint(_a("m3", "P1", PostKind.BODY_MEMBER, "OC1"))
    world.appoint(_a("m4", "P2", PostKind.DEPUTY_DIRECTOR, "OC1"))
    assert _codes(world, on, check_owners_committee_share) == []  # 3 of 5 is exactly 60 %
    lenient = Appointments.from_records(
        world.tree,
        world.records(),
        attrs.evolve(DEFAULT_APPOINTMENT_RULES, owners_committee_party_share_percent=61),
    )
    assert _codes(lenient, on, check_owners_committee_share) == [
        ("owners_committee.party_share_below_target", "OC1")
    ]


def test_owners_committee_without_party_org(world: Appointments) -> None:
    assert _codes(world, D(2023, 1, 1), check_owners_committee_party_org) == []
    assert _codes(world, D(2025, 1, 1), check_owners_committee_party_org) == [
        ("owners_committee.no_party_org", "OC2")
    ]
    world.end_body("OC2", D(2024, 7, 1))
    world.add_body(
        Body(
            id="OC3",
            kind=BodyKind.OWNERS_COMMITTEE,
            name="和谐小区第二届业委会",
            period=Period(start="2024-07-01"),
            territory_id="K2",
            parent_id="OA2",
            party_org_id="GC",
        )
    )
    assert _codes(world, D(2025, 1, 1), check_owners_committee_party_org) == []


def test_compound_without_cross_appointment(world: Appointments) -> None:
    on = D(2023, 1, 1)
    assert _codes(world, on, check_compound_cross_appointment) == [
        ("compound.no_cross_appointment", "K1"),
        ("compound.no_cross_appointment", "K2"),
    ]
    # before its contract, K2 has no property company; after B2 is dissolved, no branch
    assert _codes(world, D(2021, 1, 1), check_compound_cross_appointment) == [
        ("compound.no_cross_appointment", "K1")
    ]
    assert _codes(world, D(2025, 1, 1), check_compound_cross_appointment) == [
        ("compound.no_cross_appointment", "K1")
    ]
    world.appoint(_a("s", "P0", PostKind.SECRETARY, "B1"))
    world.appoint(_a("m", "P0", PostKind.BODY_MEMBER, "OC1"))
    assert _codes(world, on, check_compound_cross_appointment) == [
        ("compound.no_cross_appointment", "K2")
    ]
    # without its property company, K2 is no longer expected to cross-appoint
    world.end_contract("SC2", D(2022, 6, 1))
    assert _codes(world, on, check_compound_cross_appointment) == []


def test_supervision_by_company_staff(world: Appointments) -> None:
    world.appoint(_a("mgr", "P1", PostKind.PROPERTY_MANAGER, "PC"))
    world.appoint(_a("sup1", "P1", PostKind.PROPERTY_SUPERVISION_MEMBER, "RC", territory_id="K2"))
    world.appoint(_a("sup2", "P2", PostKind.PROPERTY_SUPERVISION_MEMBER, "OC1", territory_id="K1"))
    assert _codes(world, D(2021, 1, 1), check_supervision_conflicts) == []
    findings = run_appointment_checks(world, D(2023, 1, 1), checks=[check_supervision_conflicts])
    assert [(f.code, f.subject, f.severity) for f in findings] == [
        ("conflict.supervision_by_company_staff", "sup1", Severity.ERROR)
    ]
    assert "mgr" in findings[0].message
    assert "物业监督委员" in findings[0].rule


def test_concurrent_posts(world: Appointments) -> None:
    for aid, post, holder, kw in (
        ("a1", PostKind.SECRETARY, "B1", {}),
        ("a2", PostKind.COMMITTEE_MEMBER, "GC", {}),
        ("a3", PostKind.DIRECTOR, "OC1", {}),
        ("a4", PostKind.BUILDING_HEAD, "RC", {"territory_id": "K1-1"}),
    ):
        world.appoint(_a(aid, "P0", post, holder, **kw))
    on = D(2023, 1, 1)
    assert _codes(world, on, check_concurrent_posts) == []
    world.appoint(_a("a5", "P0", PostKind.UNIT_HEAD, "RC", territory_id="K1-1-1"))
    findings = run_appointment_checks(world, on, checks=[check_concurrent_posts])
    assert [(f.code, f.subject) for f in findings] == [("posts.too_many", "P0")]
    assert "5 posts" in findings[0].message
    assert "楼栋长@RC" in findings[0].message
    relaxed = Appointments.from_records(
        world.tree, world.records(), attrs.evolve(DEFAULT_APPOINTMENT_RULES, max_concurrent_posts=5)
    )
    assert _codes(relaxed, on, check_concurrent_posts) == []


def test_part_time_basis_ended(world: Appointments) -> None:
    world.appoint(_a("u", "P6", PostKind.DIRECTOR, "RU"))
    world.appoint(
        _a(
            "pt1",
            "P6",
            PostKind.PART_TIME_MEMBER,
            "GC",
            part_time=PartTimeBasis(
                source=PartTimeSource.RESIDENT_UNIT, unit_id="RU", appointment_id="u"
            ),
        )
    )
    world.appoint(
        _a(
            "pt2",
            "P4",
            PostKind.PART_TIME_MEMBER,
            "WC",
            part_time=PartTimeBasis(source=PartTimeSource.OTHER, membership_id="M4"),
        )
    )
    world.appoint(
        _a(
            "pt3",
            "P5",
            PostKind.PART_TIME_MEMBER,
            "GC",
            part_time=PartTimeBasis(source=PartTimeSource.IN_SERVICE_MEMBER, report_id="R5"),
        )
    )
    assert _codes(world, D(2023, 1, 1), check_part_time_basis) == []
    world.end_appointment("u", D(2023, 6, 1), EndReason.TRANSFERRED)
    assert _codes(world, D(2024, 1, 1), check_part_time_basis) == [("part_time.basis_ended", "pt1")]
    assert _codes(world, D(2025, 1, 1), check_part_time_basis) == [
        ("part_time.basis_ended", "pt1"),
        ("part_time.basis_ended", "pt2"),
    ]
    world.tree.end_report("R5", D(2025, 1, 1))
    assert ("part_time.basis_ended", "pt3") in _codes(world, D(2025, 1, 1), check_part_time_basis)


def test_references_outlived_after_the_tree_changed(world: Appointments) -> None:
    world.appoint(_a("lead", "P2", PostKind.GROUP_LEADER, "G11"))
    world.appoint(_a("head", "P9", PostKind.BUILDING_HEAD, "RC", territory_id="K1-2"))
    world.appoint(_a("sec", "P6", PostKind.SECRETARY, "WC"))
    on = D(2024, 1, 1)
    assert _codes(world, on, check_references) == []
    world.tree.dissolve("G11", D(2023, 1, 1))
    world.tree.end_territory("K1-2", D(2023, 1, 1))
    world.tree.end_territory("K2-1", D(2025, 1, 1))
    world.tree.end_territory("K2", D(2025, 1, 1))
    world.tree.update_person(
        attrs.evolve(world.tree.person("P6"), admitted_on=None, full_member_on=None)
    )
    assert _codes(world, on, check_references) == [
        ("reference.outlived", "lead"),
        ("reference.outlived", "head"),
        ("reference.outlived", "sec"),
    ]
    assert sorted(_codes(world, D(2025, 1, 1), check_references)) == [
        ("reference.outlived", "OA2"),
        ("reference.outlived", "OC2"),
        ("reference.outlived", "head"),
        ("reference.outlived", "lead"),
        ("reference.outlived", "sec"),
    ]


def test_run_all_sorts_errors_first_and_accepts_extra_checks(world: Appointments) -> None:
    world.appoint(_a("mgr", "P1", PostKind.PROPERTY_MANAGER, "PC"))
    world.appoint(_a("sup", "P1", PostKind.PROPERTY_SUPERVISION_MEMBER, "OC1", territory_id="K1"))
    findings = run_appointment_checks(world, D(2023, 1, 1))
    assert findings[0].severity is Severity.ERROR
    assert [f.severity.rank for f in findings] == sorted(f.severity.rank for f in findings)
    assert {f.code for f in findings} >= {
        "conflict.supervision_by_company_staff",
        "compound.no_cross_appointment",
    }

    def no_secretary(ctx: AppointmentCheckContext) -> Iterator[Finding]:
        for org in ctx.tree.orgs(ctx.on):
            if not ctx.appointments.holders(org.id, PostKind.SECRETARY, ctx.on):
                yield Finding(
                    code="org.no_secretary",
                    severity=Severity.INFO,
                    subject=org.id,
                    message=f"{org.id} has no secretary",
                )

    extended = run_appointment_checks(
        world, D(2023, 1, 1), checks=[*APPOINTMENT_CHECKS, no_secretary]
    )
    assert len(extended) == len(findings) + 5
