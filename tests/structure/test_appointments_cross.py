"""The cross-appointment view and the part-time member counts."""

from fractions import Fraction

import attrs
import pendulum
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.levels import STREET_GRID_FIVE_LEVEL
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.bodies import Body, BodyKind
from neighborhood_pb.structure.posts.cross import (
    CrossDirection,
    cross_appointments,
    cross_appointments_at,
    cross_appointments_of,
    cross_appointments_under,
    party_orgs_serving,
    party_territories,
)
from neighborhood_pb.structure.posts.part_time import (
    PART_TIME_REFERENCES,
    CommitteeTier,
    part_time_summary,
)
from neighborhood_pb.structure.posts.records import (
    Appointment,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)
from neighborhood_pb.structure.posts.rules import DEFAULT_APPOINTMENT_RULES
from neighborhood_pb.structure.records import Coverage, Organisation, Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree
from neighborhood_pb.testing.appointments import sample_appointments

D = pendulum.Date
SINCE = Period(start="2020-01-01")
LATER = Period(start="2022-01-01")


def _a(
    aid: str, person: str, post: PostKind, holder: str, period: Period = SINCE, **kw: object
) -> Appointment:
    side = "body_id" if holder in BODIES else "org_id"
    fields: dict[str, object] = {
        "id": aid,
        "person_id": person,
        "post": post,
        side: holder,
        "period": period,
        **kw,
    }
    return Appointment(**fields)  # type: ignore[arg-type]


BODIES = {"RC", "OC1", "OC2", "PC", "RU", "SO", "OA1", "OA2"}


@pytest.fixture
def world() -> Appointments:
    world = sample_appointments()
    for appointment in (
        _a("p0-sec", "P0", PostKind.SECRETARY, "B1"),
        _a("p0-oc", "P0", PostKind.BODY_MEMBER, "OC1", LATER),
        _a("p3-oc", "P3", PostKind.DIRECTOR, "OC1"),
        _a("p3-b1", "P3", PostKind.COMMITTEE_MEMBER, "B1", LATER),
        _a("p1-pc", "P1", PostKind.PROPERTY_MANAGER, "PC"),
        _a("p1-b1", "P1", PostKind.DEPUTY_SECRETARY, "B1"),
        _a("p4-gc", "P4", PostKind.COMMITTEE_MEMBER, "GC"),
        _a("p4-rc", "P4", PostKind.DIRECTOR, "RC"),
        _a("p6-wc", "P6", PostKind.SECRETARY, "WC"),
        _a("p6-rc", "P6", PostKind.DEPUTY_DIRECTOR, "RC", LATER),
        _a("p7-b2", "P7", PostKind.SECRETARY, "B2", Period(start="2022-01-01", end="2024-07-01")),
        _a("p7-oc", "P7", PostKind.BODY_MEMBER, "OC2", LATER),
        # not cross-appointments: a resident unit, a supervision post, a group leader
        _a("p2-ru", "P2", PostKind.DIRECTOR, "RU"),
        _a("p2-gc", "P2", PostKind.DEPUTY_SECRETARY, "GC"),
        _a("p5-b1", "P5", PostKind.COMMITTEE_MEMBER, "B1"),
        _a("p5-sup", "P5", PostKind.PROPERTY_SUPERVISION_MEMBER, "OC1", territory_id="K1"),
        _a("p5-lead", "P5", PostKind.GROUP_LEADER, "G11"),
    ):
        world.appoint(appointment)
    return world


def _pairs(found: tuple[object, ...]) -> set[tuple[str, str, str]]:
    return {(c.territory_id, c.party_appointment_id, c.body_appointment_id) for c in found}  # type: ignore[attr-defined]


def test_the_whole_view(world: Appointments) -> None:
    found = cross_appointments(world, D(2023, 1, 1))
    assert _pairs(found) == {
        ("K1", "p0-sec", "p0-oc"),
        ("K1", "p3-b1", "p3-oc"),
        ("K1", "p1-b1", "p1-pc"),
        ("C1", "p4-gc", "p4-rc"),
        ("C1", "p6-wc", "p6-rc"),
        ("K2", "p7-b2", "p7-oc"),
    }
    assert [c.territory_id for c in found] == sorted(c.territory_id for c in found)
    by_id = {c.party_appointment_id: c for c in found}
    assert by_id["p0-sec"].direction is CrossDirection.PARTY_INTO_BODY
    assert by_id["p0-sec"].label_zh == "党员进入业委会"
    assert by_id["p3-b1"].direction is CrossDirection.BODY_INTO_PARTY
    assert by_id["p3-b1"].label_zh == "业委会成员进入党组织班子"
    assert by_id["p1-b1"].direction is CrossDirection.SIMULTANEOUS
    assert by_id["p1-b1"].label_zh == "党组织与物业服务企业交叉任职"
    assert by_id["p1-b1"].body_kind is BodyKind.PROPERTY_COMPANY
    assert by_id["p6-wc"].label_zh == "党员进入居委会"
    assert (by_id["p4-gc"].party_post, by_id["p4-gc"].body_post) == (
        PostKind.COMMITTEE_MEMBER,
        PostKind.DIRECTOR,
    )


def test_as_of_views_ignore_records_outside_their_period(world: Appointments) -> None:
    early = _pairs(cross_appointments(world, D(2021, 1, 1)))
    assert early == {("K1", "p1-b1", "p1-pc"), ("C1", "p4-gc", "p4-rc")}
    late = _pairs(cross_appointments(world, D(2024, 7, 1)))
    assert ("K2", "p7-b2", "p7-oc") not in late
    assert cross_appointments(world, D(2019, 1, 1)) == ()


def test_per_territory(world: Appointments) -> None:
    on = D(2023, 1, 1)
    assert {c.person_id for c in cross_appointments_at(world, "K1", on)} == {"P0", "P1", "P3"}
    assert {c.person_id for c in cross_appointments_at(world, "C1", on)} == {"P4", "P6"}
    assert {c.person_id for c in cross_appointments_at(world, "K2", on)} == {"P7"}
    assert cross_appointments_at(world, "K1-1", on) == ()
    with pytest.raises(UnknownRecordError):
        cross_appointments_at(world, "nowhere", on)


def test_per_person(world: Appointments) -> None:
    on = D(2023, 1, 1)
    assert _pairs(cross_appointments_of(world, "P0", on)) == {("K1", "p0-sec", "p0-oc")}
    assert cross_appointments_of(world, "P2", on) == ()
    assert cross_appointments_of(world, "P5", on) == ()
    assert cross_appointments_of(world, "nobody", on) == ()


def test_per_subtree(world: Appointments) -> None:
    on = D(2023, 1, 1)
    assert {c.org_id for c in cross_appointments_under(world, "B1", on)} == {"B1"}
    assert {c.org_id for c in cross_appointments_under(world, "GC", on)} == {"B1", "B2", "GC"}
    assert {c.org_id for c in cross_appointments_under(world, "WC", on)} == {"B1", "B2", "GC", "WC"}
    assert cross_appointments_under(world, "G11", on) == ()


def test_the_three_queries_agree(world: Appointments) -> None:
    for on in (D(2021, 1, 1), D(2023, 1, 1), D(2025, 1, 1)):
        whole = set(cross_appointments(world, on))
        places = {t.id for t in world.tree.territories}
        assert whole == {c for t in places for c in cross_appointments_at(world, t, on)}
        people = {p.id for p in world.tree.people()}
        assert whole == {c for p in people for c in cross_appointments_of(world, p, on)}
        assert whole == set(cross_appointments_under(world, "WC", on))


def test_rules_choose_what_counts(world: Appointments) -> None:
    rules = attrs.evolve(
        DEFAULT_APPOINTMENT_RULES,
        cross_party_posts={PostKind.SECRETARY},
        cross_body_kinds={BodyKind.OWNERS_COMMITTEE, BodyKind.RESIDENT_UNIT},
    )
    narrow = Appointments.from_records(world.tree, world.records(), rules)
    assert _pairs(cross_appointments(narrow, D(2023, 1, 1))) == {
        ("K1", "p0-sec", "p0-oc"),
        ("K2", "p7-b2", "p7-oc"),
    }


def test_party_territories(world: Appointments) -> None:
    on = D(2023, 1, 1)
    tree = world.tree
    assert party_territories(tree, "B1", on) == {"K1"}
    assert party_territories(tree, "G11", on) == {"K1"}
    assert party_territories(tree, "GC", on) == {"C1"}
    assert party_territories(tree, "B2", D(2025, 1, 1)) == frozenset()
    assert {o.id for o in party_orgs_serving(tree, "K1", on)} == {"B1"}
    assert {o.id for o in party_orgs_serving(tree, "C1", on)} == {"WC", "GC"}


# == a street with grids ===================================================================


def _street_tree() -> OrgTree:
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    k = TerritoryKind
    for tid, kind, parent, code in (
        ("S1", k.STREET, None, None),
        ("C1", k.COMMUNITY, "S1", None),
        ("C2", k.COMMUNITY, "S1", None),
        ("G1", k.GRID, "C1", "S1-C1-01"),
        ("G2", k.GRID, "C1", "S1-C1-02"),
        ("K1", k.COMPOUND, "G1", None),
        ("K2", k.COMPOUND, "G1", None),
        ("H1", k.BUILDING, "K1", None),
    ):
        tree.add_territory(
            Territory(id=tid, kind=kind, name=tid, period=SINCE, parent_id=parent, code=code)
        )
    orgs = (
        ("SW", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, "S1"),
        ("CB1", OrgForm.GRAND_COMMITTEE, "community_general_branch", "SW", "C1"),
        ("CB2", OrgForm.GENERAL_BRANCH, "community_general_branch", "SW", "C2"),
        ("GB1", OrgForm.BRANCH, "grid_branch", "CB1", "G1"),
        ("GB2", OrgForm.BRANCH, "grid_branch", "CB1", "G2"),
    )
    for oid, form, level, parent, territory in orgs:
        tree.found(
            Organisation(id=oid, name=oid, form=form, level=level, period=SINCE, parent_id=parent)
        )
        tree.cover(Coverage(org_id=oid, territory_id=territory, period=SINCE))
    for n in range(20):
        tree.add_person(
            Person(id=f"Q{n}", name=f"Q{n}", admitted_on="2000-07-01", full_member_on="2001-07-01")
        )
        tree.add_report(Report(id=f"R{n}", person_id=f"Q{n}", community_id="C1", period=SINCE))
    return tree


def test_grid_branches_serve_the_compounds_of_their_grid() -> None:
    tree = _street_tree()
    on = D(2021, 1, 1)
    assert party_territories(tree, "GB1", on) == {"K1", "K2"}
    assert party_territories(tree, "GB2", on) == frozenset()
    assert party_territories(tree, "SW", on) == frozenset()
    assert {o.id for o in party_orgs_serving(tree, "K2", on)} == {"GB1"}


def _part_time(
    n: int, org: str, source: PartTimeSource = PartTimeSource.IN_SERVICE_MEMBER
) -> Appointment:
    unit = "U" if source is PartTimeSource.RESIDENT_UNIT else None
    return Appointment(
        id=f"PT{n}-{org}",
        person_id=f"Q{n}",
        post=PostKind.PART_TIME_MEMBER,
        org_id=org,
        period=SINCE,
        part_time=PartTimeBasis(source=source, unit_id=unit, report_id=f"R{n}"),
    )


def test_part_time_summary_per_committee_and_tier() -> None:
    world = Appointments(_street_tree())
    world.add_body(
        Body(id="U", kind=BodyKind.RESIDENT_UNIT, name="驻区单位", period=SINCE, territory_id="S1")
    )
    for n in range(9):
        world.appoint(
            _part_time(
                n, "SW", PartTimeSource.RESIDENT_UNIT if n < 6 else PartTimeSource.IN_SERVICE_MEMBER
            )
        )
    for n in range(4):
        world.appoint(_part_time(n, "CB1"))
    for n in range(4, 9):
        world.appoint(_part_time(n, "CB2"))
    for n in range(3):
        world.appoint(_part_time(n, "GB1"))
    world.appoint(_part_time(10, "GB2"))
    world.appoint(
        Appointment(id="sec", person_id="Q19", post=PostKind.SECRETARY, org_id="GB2", period=SINCE)
    )
    summary = part_time_summary(world, D(2021, 1, 1))
    assert [c.org_id for c in summary.committees] == ["CB1", "CB2", "GB1", "GB2", "SW"]
    sw = summary.committees[-1]
    assert (sw.tier, sw.members) == (CommitteeTier.STREET, 9)
    assert sw.by_source == (
        (PartTimeSource.RESIDENT_UNIT, 6),
        (PartTimeSource.IN_SERVICE_MEMBER, 3),
    )
    street = summary.tier(CommitteeTier.STREET)
    assert (street.committees, street.members, street.average) == (1, 9, Fraction(9))
    assert street.average == PART_TIME_REFERENCES["yancheng_street"].average
    community = summary.tier(CommitteeTier.COMMUNITY)
    assert (community.committees, community.members, community.average) == (2, 9, Fraction(9, 2))
    grid = summary.tier(CommitteeTier.GRID)
    assert (grid.committees, grid.members, grid.average) == (2, 4, Fraction(2))
    under = part_time_summary(world, D(2021, 1, 1), root="CB1")
    assert [c.org_id for c in under.committees] == ["CB1", "GB1", "GB2"]
    assert under.tier(CommitteeTier.STREET).average is None
    assert part_time_summary(world, D(2019, 1, 1)).committees == ()
