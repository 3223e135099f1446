"""Commands and queries of the appointments aggregate: bodies, contracts, appointments."""

import attrs
import pendulum
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    NeighborhoodPBError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure.posts.appointments import AppointmentRecords, Appointments
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
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


@pytest.fixture
def world() -> Appointments:
    return sample_appointments()


def _appt(aid: str = "A1", **kwargs: object) -> Appointment:
    fields: dict[str, object] = {
        "id": aid,
        "person_id": "P0",
        "post": PostKind.SECRETARY,
        "org_id": "B1",
        "period": SINCE,
        **kwargs,
    }
    return Appointment(**fields)  # type: ignore[arg-type]


def _refused(
    world: Appointments, error: type[NeighborhoodPBError], rule: str, command: object
) -> NeighborhoodPBError:
    before = world.records()
    with pytest.raises(error) as info:
        command()  # type: ignore[operator]
    assert info.value.rule == rule
    assert world.records() == before
    return info.value


# == bodies ================================================================================


def test_sample_world_has_its_bodies(world: Appointments) -> None:
    assert {b.id for b in world.bodies(D(2021, 1, 1))} == {
        "RC",
        "OA1",
        "OC1",
        "OA2",
        "PC",
        "RU",
        "SO",
    }
    assert {b.id for b in world.bodies(D(2025, 6, 1), BodyKind.OWNERS_COMMITTEE)} == {"OC1", "OC2"}
    assert world.body("OC1").parent_id == "OA1"
    assert {b.id for b in world.bodies_serving("K1", D(2021, 1, 1))} == {"OA1", "OC1", "PC"}
    assert {b.id for b in world.bodies_serving("K2", D(2021, 1, 1))} == {"OA2"}
    assert {b.id for b in world.bodies_serving("K2", D(2022, 1, 1))} == {"OA2", "OC2", "PC"}
    assert world.served_territories("PC", D(2021, 1, 1)) == ("K1",)
    assert world.served_territories("PC", D(2023, 1, 1)) == ("K1", "K2")
    assert world.served_territories("RC", D(2023, 1, 1)) == ("C1",)
    assert world.served_territories("SO", D(2025, 1, 1)) == ()


@pytest.mark.parametrize(
    ("body", "error", "rule"),
    [
        (
            Body(id="RC", kind=BodyKind.RESIDENT_UNIT, name="x", period=SINCE, territory_id="C1"),
            ConflictError,
            "id.unique",
        ),
        (
            Body(
                id="X", kind=BodyKind.RESIDENT_UNIT, name="x", period=SINCE, territory_id="nowhere"
            ),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            Body(
                id="X", kind=BodyKind.RESIDENTS_COMMITTEE, name="x", period=SINCE, territory_id="K1"
            ),
            RuleViolationError,
            "body.territory",
        ),
        (
            Body(
                id="X",
                kind=BodyKind.RESIDENT_UNIT,
                name="x",
                period=Period(start="2019-01-01"),
                territory_id="C1",
            ),
            RuleViolationError,
            "body.within_territory",
        ),
        (
            Body(
                id="X",
                kind=BodyKind.OWNERS_COMMITTEE,
                name="x",
                period=SINCE,
                territory_id="K2",
                parent_id="none",
            ),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            Body(
                id="X",
                kind=BodyKind.OWNERS_COMMITTEE,
                name="x",
                period=SINCE,
                territory_id="K2",
                parent_id="OA1",
            ),
            RuleViolationError,
            "body.owners_assembly",
        ),
        (
            Body(
                id="X",
                kind=BodyKind.OWNERS_COMMITTEE,
                name="x",
                period=SINCE,
                territory_id="K1",
                parent_id="RC",
            ),
            RuleViolationError,
            "body.owners_assembly",
        ),
        (
            Body(
                id="X", kind=BodyKind.PROPERTY_COMPANY, name="x", period=SINCE, party_org_id="none"
            ),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            Body(
                id="X",
                kind=BodyKind.OWNERS_COMMITTEE,
                name="x",
                period=SINCE,
                territory_id="K1",
                parent_id="OA1",
            ),
            ConflictError,
            "body.one_per_territory",
        ),
        (
            Body(
                id="X",
                kind=BodyKind.RESIDENTS_COMMITTEE,
                name="x",
                period=Period(start="2025-01-01"),
                territory_id="C1",
            ),
            ConflictError,
            "body.one_per_territory",
        ),
    ],
)
def test_add_body_refusals(
    world: Appointments, body: Body, error: type[NeighborhoodPBError], rule: str
) -> None:
    failure = _refused(world, error, rule, lambda: world.add_body(body))
    assert body.id in str(failure)


def test_owners_committee_must_lie_within_its_assembly(world: Appointments) -> None:
    world.end_body("OC2", D(2023, 1, 1))
    world.end_body("OA2", D(2024, 1, 1))
    late = Body(
        id="OC3",
        kind=BodyKind.OWNERS_COMMITTEE,
        name="新业委会",
        period=Period(start="2023-06-01"),
        territory_id="K2",
        parent_id="OA2",
    )
    _refused(world, RuleViolationError, "body.owners_assembly", lambda: world.add_body(late))
    world.add_body(attrs.evolve(late, period=Period(start="2023-06-01", end="2024-01-01")))
    assert world.body("OC3").period.end == D(2024, 1, 1)


def test_one_body_per_territory_after_the_first_ends(world: Appointments) -> None:
    world.end_body("OC1", D(2023, 1, 1))
    world.add_body(
        Body(
            id="OC1b",
            kind=BodyKind.OWNERS_COMMITTEE,
            name="阳光小区第二届业委会",
            period=Period(start="2023-01-01"),
            territory_id="K1",
            parent_id="OA1",
            party_org_id="B1",
        )
    )
    assert [b.id for b in world.bodies(D(2023, 6, 1), BodyKind.OWNERS_COMMITTEE)] == ["OC2", "OC1b"]


def test_end_body(world: Appointments) -> None:
    with pytest.raises(UnknownRecordError):
        world.end_body("nothing", D(2022, 1, 1))
    _refused(
        world, RuleViolationError, "history.end_dated", lambda: world.end_body("SO", D(2025, 6, 1))
    )
    _refused(
        world, RuleViolationError, "history.end_dated", lambda: world.end_body("RU", D(2020, 1, 1))
    )
    failure = _refused(
        world, RuleViolationError, "body.no_orphans", lambda: world.end_body("PC", D(2023, 1, 1))
    )
    assert "SC1" in str(failure)
    _refused(
        world, RuleViolationError, "body.no_orphans", lambda: world.end_body("OA1", D(2023, 1, 1))
    )
    world.appoint(_appt("A1", post=PostKind.DIRECTOR, org_id=None, body_id="RU"))
    _refused(
        world, RuleViolationError, "body.no_orphans", lambda: world.end_body("RU", D(2023, 1, 1))
    )
    world.end_appointment("A1", D(2023, 1, 1))
    ended = world.end_body("RU", D(2023, 1, 1))
    assert ended.period == Period(start="2020-01-01", end="2023-01-01")
    assert "RU" not in {b.id for b in world.bodies(D(2023, 1, 1))}
    assert "RU" in {b.id for b in world.bodies(D(2022, 12, 31))}
    # a body may end earlier than a planned end
    assert world.end_body("SO", D(2024, 1, 1)).period.end == D(2024, 1, 1)


# == contracts =============================================================================


@pytest.mark.parametrize(
    ("contract", "error", "rule"),
    [
        (
            ServiceContract(id="SC1", company_id="PC", compound_id="K2", period=SINCE),
            ConflictError,
            "id.unique",
        ),
        (
            ServiceContract(id="X", company_id="none", compound_id="K2", period=SINCE),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            ServiceContract(id="X", company_id="PC", compound_id="none", period=SINCE),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            ServiceContract(id="X", company_id="RC", compound_id="K2", period=SINCE),
            RuleViolationError,
            "contract.parties",
        ),
        (
            ServiceContract(id="X", company_id="PC", compound_id="K1-1", period=SINCE),
            RuleViolationError,
            "contract.parties",
        ),
        (
            ServiceContract(
                id="X",
                company_id="PC",
                compound_id="K2",
                period=Period(start="2019-01-01", end="2021-01-01"),
            ),
            RuleViolationError,
            "contract.within_lifetime",
        ),
        (
            ServiceContract(
                id="X", company_id="PC", compound_id="K2", period=Period(start="2021-01-01")
            ),
            ConflictError,
            "contract.unique",
        ),
    ],
)
def test_add_contract_refusals(
    world: Appointments, contract: ServiceContract, error: type[NeighborhoodPBError], rule: str
) -> None:
    failure = _refused(world, error, rule, lambda: world.add_contract(contract))
    assert failure.subject == contract.id


def test_contract_outside_company_life(world: Appointments) -> None:
    world.add_body(
        Body(
            id="PC2",
            kind=BodyKind.PROPERTY_COMPANY,
            name="新物业",
            period=Period(start="2024-01-01"),
        )
    )
    contract = ServiceContract(id="X", company_id="PC2", compound_id="K2", period=SINCE)
    _refused(
        world, RuleViolationError, "contract.within_lifetime", lambda: world.add_contract(contract)
    )
    world.add_contract(attrs.evolve(contract, period=Period(start="2024-01-01")))
    assert [c.id for c in world.contracts_of("PC2")] == ["X"]
    assert {b.id for b in world.bodies_serving("K2", D(2024, 2, 1))} == {"OA2", "OC2", "PC", "PC2"}


def test_end_contract(world: Appointments) -> None:
    with pytest.raises(UnknownRecordError):
        world.contract("none")
    _refused(
        world,
        RuleViolationError,
        "history.end_dated",
        lambda: world.end_contract("SC2", D(2021, 1, 1)),
    )
    world.appoint(
        _appt(
            "M1",
            person_id="P9",
            post=PostKind.PROPERTY_MANAGER,
            org_id=None,
            body_id="PC",
            territory_id="K2",
            period=Period(start="2023-01-01"),
        )
    )
    failure = _refused(
        world,
        RuleViolationError,
        "post.territory_inside",
        lambda: world.end_contract("SC2", D(2022, 6, 1)),
    )
    assert "M1" in str(failure)
    ended = world.end_contract("SC2", D(2024, 1, 1))
    assert ended.period.end == D(2024, 1, 1)
    assert world.served_territories("PC", D(2024, 1, 1)) == ("K1",)
    # a new contract carries a later manager, and cannot end before the manager starts
    world.add_contract(
        ServiceContract(
            id="SC3", company_id="PC", compound_id="K2", period=Period(start="2024-01-01")
        )
    )
    world.appoint(
        _appt(
            "M2",
            person_id="P10",
            post=PostKind.PROPERTY_MANAGER,
            org_id=None,
            body_id="PC",
            territory_id="K2",
            period=Period(start="2024-06-01"),
        )
    )
    _refused(
        world,
        RuleViolationError,
        "post.territory_inside",
        lambda: world.end_contract("SC3", D(2024, 3, 1)),
    )
    # the earlier contract no longer carries anyone starting later
    assert world.end_contract("SC2", D(2023, 6, 1)).period.end == D(2023, 6, 1)


def test_a_manager_of_another_compound_does_not_hold_a_contract(world: Appointments) -> None:
    world.appoint(
        _appt(
            "M1",
            person_id="P9",
            post=PostKind.PROPERTY_MANAGER,
            org_id=None,
            body_id="PC",
            territory_id="K1",
            period=Period(start="2022-01-01"),
        )
    )
    assert world.end_contract("SC2", D(2022, 6, 1)).period.end == D(2022, 6, 1)


# == appointments ==========================================================================


def test_appoint_and_query(world: Appointments) -> None:
    world.appoint(_appt("A1"))
    world.appoint(
        _appt(
            "A2",
            person_id="P1",
            post=PostKind.DEPUTY_SECRETARY,
            period=Period(start="2020-01-01", end="2023-01-01"),
        )
    )
    world.appoint(_appt("A3", person_id="P9", post=PostKind.DIRECTOR, org_id=None, body_id="OC1"))
    assert [a.id for a in world.appointments()] == ["A1", "A2", "A3"]
    assert [a.id for a in world.appointments(D(2023, 1, 1))] == ["A1", "A3"]
    assert [a.id for a in world.appointments_of("P1")] == ["A2"]
    assert world.appointments_of("P1", D(2023, 1, 1)) == ()
    assert [a.id for a in world.appointments_in_org("B1", D(2022, 1, 1))] == ["A1", "A2"]
    assert [a.id for a in world.appointments_in_body("OC1")] == ["A3"]
    assert world.holds_post("P0", "B1", D(2020, 1, 1))
    assert not world.holds_post("P0", "B1", D(2019, 12, 31))
    assert not world.holds_post("P0", "GC", D(2021, 1, 1))
    assert world.holds_post("P1", "B1", D(2022, 12, 31))
    assert not world.holds_post("P1", "B1", D(2023, 1, 1))
    assert world.holders("B1", PostKind.SECRETARY, D(2021, 1, 1)) == ("P0",)
    assert world.appointment("A3").body_id == "OC1"
    with pytest.raises(UnknownRecordError):
        world.appointment("none")


@pytest.mark.parametrize(
    ("appointment", "error", "rule"),
    [
        (_appt(person_id="nobody"), UnknownRecordError, "reference.exists"),
        (_appt(org_id="none"), UnknownRecordError, "reference.exists"),
        (
            _appt(post=PostKind.DIRECTOR, org_id=None, body_id="none"),
            UnknownRecordError,
            "reference.exists",
        ),
        (_appt(org_id="B2"), RuleViolationError, "appointment.within_lifetime"),
        (
            _appt(period=Period(start="2019-01-01", end="2021-01-01")),
            RuleViolationError,
            "appointment.within_lifetime",
        ),
        (_appt(post=PostKind.GROUP_LEADER), RuleViolationError, "post.org_form"),
        (_appt(org_id="G11"), RuleViolationError, "post.org_form"),
        (_appt(person_id="P9"), RuleViolationError, "post.party_member"),
        (
            _appt(person_id="P8", period=Period(start="2023-01-01")),
            RuleViolationError,
            "post.party_member",
        ),
        (
            _appt(person_id="P8", period=Period(start="2024-01-01")),
            RuleViolationError,
            "post.full_member",
        ),
        (
            _appt(post=PostKind.GRID_WORKER, org_id=None, body_id="OC1", territory_id="G1"),
            RuleViolationError,
            "post.body_kind",
        ),
        (
            _appt(post=PostKind.DIRECTOR, org_id=None, body_id="OC2", period=SINCE),
            RuleViolationError,
            "appointment.within_lifetime",
        ),
        (
            _appt(post=PostKind.BUILDING_HEAD, org_id="G11", territory_id="none"),
            UnknownRecordError,
            "reference.exists",
        ),
        (
            _appt(post=PostKind.BUILDING_HEAD, org_id="G11", territory_id="K1-1-1"),
            RuleViolationError,
            "post.territory",
        ),
        (
            _appt(post=PostKind.BUILDING_HEAD, org_id="G11", territory_id="K1-2"),
            RuleViolationError,
            "post.territory_inside",
        ),
        (
            _appt(
                post=PostKind.BUILDING_HEAD,
                org_id="B2",
                territory_id="K1-1",
                period=Period(start="2020-01-01", end="2021-01-01"),
            ),
            RuleViolationError,
            "post.territory_inside",
        ),
        (
            _appt(
                post=PostKind.GRID_WORKER,
                org_id=None,
                body_id="RC",
                territory_id="G1",
                period=Period(start="2019-06-01"),
            ),
            RuleViolationError,
            "appointment.within_lifetime",
        ),
        (
            _appt(
                post=PostKind.PROPERTY_SUPERVISION_MEMBER,
                org_id=None,
                body_id="OC2",
                territory_id="K1",
                period=Period(start="2022-01-01"),
            ),
            RuleViolationError,
            "post.territory_inside",
        ),
        (
            _appt(
                post=PostKind.PROPERTY_MANAGER,
                org_id=None,
                body_id="PC",
                territory_id="K2",
                period=Period(start="2021-01-01"),
            ),
            RuleViolationError,
            "post.territory_inside",
        ),
    ],
)
def test_appoint_refusals(
    world: Appointments, appointment: Appointment, error: type[NeighborhoodPBError], rule: str
) -> None:
    failure = _refused(world, error, rule, lambda: world.appoint(appointment))
    assert failure.subject == appointment.id
    assert appointment.id in str(failure)


def test_territory_posts_inside_their_holder(world: Appointments) -> None:
    world.appoint(
        _appt("H1", person_id="P2", post=PostKind.BUILDING_HEAD, org_id="G11", territory_id="K1-1")
    )
    world.appoint(
        _appt("H2", person_id="P2", post=PostKind.UNIT_HEAD, org_id="B1", territory_id="K1-1-1")
    )
    world.appoint(
        _appt(
            "H3",
            person_id="P9",
            post=PostKind.BUILDING_HEAD,
            org_id=None,
            body_id="RC",
            territory_id="K2-1",
        )
    )
    world.appoint(
        _appt(
            "H4",
            person_id="P9",
            post=PostKind.GRID_WORKER,
            org_id=None,
            body_id="RC",
            territory_id="G1",
        )
    )
    world.appoint(
        _appt(
            "H5",
            person_id="P10",
            post=PostKind.PROPERTY_SUPERVISION_MEMBER,
            org_id=None,
            body_id="OC1",
            territory_id="K1",
        )
    )
    world.appoint(
        _appt("H6", person_id="P10", post=PostKind.PROPERTY_MANAGER, org_id=None, body_id="PC")
    )
    assert len(world.appointments(D(2021, 1, 1))) == 6


def test_duplicates_and_seats(world: Appointments) -> None:
    world.appoint(_appt("A1", period=Period(start="2020-01-01", end="2023-01-01")))
    _refused(world, ConflictError, "id.unique", lambda: world.appoint(_appt("A1", person_id="P1")))
    _refused(
        world,
        ConflictError,
        "appointment.unique",
        lambda: world.appoint(_appt("A2", period=Period(start="2022-01-01"))),
    )
    _refused(
        world,
        ConflictError,
        "post.one_seat_per_person",
        lambda: world.appoint(_appt("A2", post=PostKind.COMMITTEE_MEMBER)),
    )
    _refused(
        world,
        ConflictError,
        "post.single_seat",
        lambda: world.appoint(_appt("A2", person_id="P1", period=Period(start="2022-06-01"))),
    )
    # after the term, the seat is free; and the same person may hold seats in other orgs
    world.appoint(_appt("A2", person_id="P1", period=Period(start="2023-01-01")))
    world.appoint(_appt("A3", org_id="GC", post=PostKind.COMMITTEE_MEMBER))
    world.appoint(
        _appt(
            "A4",
            person_id="P1",
            post=PostKind.COMMITTEE_MEMBER,
            period=Period(start="2020-01-01", end="2023-01-01"),
        )
    )
    world.appoint(_appt("A5", person_id="P2", post=PostKind.DEPUTY_SECRETARY))
    world.appoint(_appt("A6", person_id="P3", post=PostKind.DEPUTY_SECRETARY))
    # single seats in bodies
    world.appoint(_appt("D1", person_id="P9", post=PostKind.DIRECTOR, org_id=None, body_id="RC"))
    _refused(
        world,
        ConflictError,
        "post.single_seat",
        lambda: world.appoint(
            _appt("D2", person_id="P10", post=PostKind.DIRECTOR, org_id=None, body_id="RC")
        ),
    )
    world.appoint(
        _appt("D2", person_id="P10", post=PostKind.DEPUTY_DIRECTOR, org_id=None, body_id="RC")
    )
    # the same post in two territories is not a duplicate
    world.appoint(
        _appt(
            "H1",
            person_id="P9",
            post=PostKind.BUILDING_HEAD,
            org_id=None,
            body_id="RC",
            territory_id="K1-1",
        )
    )
    world.appoint(
        _appt(
            "H2",
            person_id="P9",
            post=PostKind.BUILDING_HEAD,
            org_id=None,
            body_id="RC",
            territory_id="K1-2",
        )
    )
    assert len(world.appointments(D(2024, 1, 1))) == 8
    assert len(world.appointments(D(2022, 1, 1))) == 9


def test_rules_change_what_is_refused() -> None:
    relaxed = attrs.evolve(
        DEFAULT_APPOINTMENT_RULES, full_member_posts=frozenset(), single_seat_posts=frozenset()
    )
    world = sample_appointments(relaxed)
    world.appoint(_appt("A1", person_id="P8", period=Period(start="2024-01-01")))
    world.appoint(_appt("A2", person_id="P1", period=Period(start="2024-01-01")))
    assert world.holders("B1", PostKind.SECRETARY, D(2024, 1, 1)) == ("P8", "P1")
    assert world.rules is relaxed


# == part-time members =====================================================================


def _part_time(aid: str, basis: PartTimeBasis, **kwargs: object) -> Appointment:
    fields: dict[str, object] = {
        "person_id": "P5",
        "post": PostKind.PART_TIME_MEMBER,
        "org_id": "GC",
        "part_time": basis,
        **kwargs,
    }
    return _appt(aid, **fields)


def test_part_time_members(world: Appointments) -> None:
    world.appoint(_appt("U1", person_id="P6", post=PostKind.DIRECTOR, org_id=None, body_id="RU"))
    world.appoint(
        _part_time(
            "PT1",
            PartTimeBasis(source=PartTimeSource.RESIDENT_UNIT, unit_id="RU", appointment_id="U1"),
            person_id="P6",
        )
    )
    world.appoint(
        _part_time("PT2", PartTimeBasis(source=PartTimeSource.IN_SERVICE_MEMBER, report_id="R5"))
    )
    world.appoint(
        _part_time(
            "PT3",
            PartTimeBasis(source=PartTimeSource.OTHER, membership_id="M1"),
            person_id="P1",
            org_id="WC",
        )
    )
    assert [a.id for a in world.appointments_in_org("GC", D(2021, 1, 1))] == ["PT1", "PT2"]


@pytest.mark.parametrize(
    ("basis", "kwargs", "error", "rule"),
    [
        (
            PartTimeBasis(source=PartTimeSource.RESIDENT_UNIT, unit_id="none", report_id="R5"),
            {},
            UnknownRecordError,
            "reference.exists",
        ),
        (
            PartTimeBasis(source=PartTimeSource.RESIDENT_UNIT, unit_id="OC1", report_id="R5"),
            {},
            RuleViolationError,
            "part_time.unit",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="none"),
            {},
            UnknownRecordError,
            "reference.exists",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, membership_id="none"),
            {},
            UnknownRecordError,
            "reference.exists",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, report_id="none"),
            {},
            UnknownRecordError,
            "reference.exists",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, membership_id="M1"),
            {},
            RuleViolationError,
            "part_time.basis",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="S1"),
            {"person_id": "P0"},
            RuleViolationError,
            "part_time.outside",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, membership_id="M0"),
            {"person_id": "P0", "org_id": "B1"},
            RuleViolationError,
            "part_time.outside",
        ),
        (
            PartTimeBasis(source=PartTimeSource.OTHER, membership_id="M4"),
            {"person_id": "P4", "period": Period(start="2024-07-01")},
            RuleViolationError,
            "part_time.basis_in_effect",
        ),
    ],
)
def test_part_time_refusals(
    world: Appointments,
    basis: PartTimeBasis,
    kwargs: dict[str, object],
    error: type[NeighborhoodPBError],
    rule: str,
) -> None:
    world.appoint(_appt("S1", org_id="GC"))
    _refused(world, error, rule, lambda: world.appoint(_part_time("PT", basis, **kwargs)))


# == ending ================================================================================


def test_end_appointment(world: Appointments) -> None:
    world.appoint(_appt("A1", period=Period(start="2020-01-01", end="2025-01-01"), end_reason=None))
    with pytest.raises(UnknownRecordError):
        world.end_appointment("none", D(2022, 1, 1))
    _refused(
        world,
        RuleViolationError,
        "history.end_dated",
        lambda: world.end_appointment("A1", D(2020, 1, 1)),
    )
    _refused(
        world,
        RuleViolationError,
        "history.end_dated",
        lambda: world.end_appointment("A1", D(2025, 1, 1)),
    )
    ended = world.end_appointment("A1", D(2023, 1, 1), EndReason.TRANSFERRED)
    assert ended.period == Period(start="2020-01-01", end="2023-01-01")
    assert ended.end_reason is EndReason.TRANSFERRED
    again = world.end_appointment("A1", D(2022, 1, 1))
    assert again.end_reason is EndReason.TRANSFERRED
    assert world.appointment("A1") == again
    assert not world.holds_post("P0", "B1", D(2022, 1, 1))


def test_ending_an_outside_post_that_a_later_seat_rests_on(world: Appointments) -> None:
    world.appoint(_appt("U1", person_id="P6", post=PostKind.DIRECTOR, org_id=None, body_id="RU"))
    basis = PartTimeBasis(source=PartTimeSource.RESIDENT_UNIT, unit_id="RU", appointment_id="U1")
    world.appoint(_part_time("PT1", basis, person_id="P6", period=Period(start="2022-01-01")))
    _refused(
        world,
        RuleViolationError,
        "part_time.basis_in_effect",
        lambda: world.end_appointment("U1", D(2021, 1, 1)),
    )
    # ending it later is allowed: the checks then report the seat
    world.end_appointment("U1", D(2023, 1, 1), EndReason.TRANSFERRED)
    assert world.appointment("PT1").period.end is None


# == loading ===============================================================================


def test_from_records_rebuilds_in_any_order(world: Appointments) -> None:
    world.appoint(_appt("U1", person_id="P6", post=PostKind.DIRECTOR, org_id=None, body_id="RU"))
    world.appoint(
        _part_time(
            "PT1", PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="U1"), person_id="P6"
        )
    )
    world.appoint(
        _part_time(
            "PT2",
            PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="PT1"),
            person_id="P6",
            org_id="WC",
        )
    )
    world.appoint(_appt("A1"))
    records = world.records()
    reversed_records = AppointmentRecords(
        bodies=records.bodies[::-1],
        contracts=records.contracts[::-1],
        appointments=records.appointments[::-1],
        evaluations=records.evaluations[::-1],
    )
    rebuilt = Appointments.from_records(world.tree, reversed_records)
    assert {a.id: a for a in rebuilt.records().appointments} == {
        a.id: a for a in records.appointments
    }
    assert set(rebuilt.records().bodies) == set(records.bodies)


def test_from_records_refuses_a_cycle(world: Appointments) -> None:
    first = _part_time(
        "PT1", PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="PT2"), person_id="P6"
    )
    second = _part_time(
        "PT2",
        PartTimeBasis(source=PartTimeSource.OTHER, appointment_id="PT1"),
        person_id="P6",
        org_id="WC",
    )
    with pytest.raises(UnknownRecordError) as info:
        Appointments.from_records(world.tree, AppointmentRecords(appointments=(first, second)))
    assert info.value.rule == "reference.exists"


def test_from_records_refuses_duplicates(world: Appointments) -> None:
    records = AppointmentRecords(appointments=(_appt("A1"), _appt("A1", org_id="GC")))
    with pytest.raises(ConflictError):
        Appointments.from_records(world.tree, records)


def test_a_territory_post_within_the_territorys_life(world: Appointments) -> None:
    world.tree.end_territory("K1-2", D(2023, 1, 1))
    head = _appt(
        "H1",
        person_id="P9",
        post=PostKind.BUILDING_HEAD,
        org_id=None,
        body_id="RC",
        territory_id="K1-2",
        period=Period(start="2022-01-01"),
    )
    _refused(world, RuleViolationError, "appointment.within_lifetime", lambda: world.appoint(head))
    world.appoint(attrs.evolve(head, period=Period(start="2022-01-01", end="2023-01-01")))
    assert world.appointment("H1").period.end == D(2023, 1, 1)
