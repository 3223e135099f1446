"""Deliberations over real appointments: posts in party organisations and bodies, and a
property company's employee refused a vote on its own contract."""

from __future__ import annotations

import pendulum
import pytest

from neighborhood_pb import (
    COMMUNITY_FIVE_LEVEL,
    Coverage,
    Organisation,
    OrgForm,
    OrgTree,
    Period,
    Person,
    Territory,
    TerritoryKind,
)
from neighborhood_pb.calendar import china_working_days
from neighborhood_pb.errors import NotAuthorisedError
from neighborhood_pb.governance import (
    AppointmentStanding,
    Ballot,
    Choice,
    Deliberations,
    Matter,
    MatterClass,
    OwnerShare,
    Party,
    Residence,
    Standing,
    StepTaken,
    Vote,
)
from neighborhood_pb.structure import Appointment, Appointments, Body, BodyKind, PostKind

SINCE = Period(start="2023-01-01")


def _posts() -> Appointments:
    tree = OrgTree(COMMUNITY_FIVE_LEVEL)
    tree.add_territory(
        Territory(id="C1", kind=TerritoryKind.COMMUNITY, name="幸福社区", period=SINCE)
    )
    tree.add_territory(
        Territory(
            id="K1", kind=TerritoryKind.COMPOUND, name="阳光小区", period=SINCE, parent_id="C1"
        )
    )
    tree.found(
        Organisation(
            id="WC",
            name="幸福社区党工委",
            form=OrgForm.WORKING_COMMITTEE,
            level="community_working_committee",
            period=SINCE,
        )
    )
    tree.cover(Coverage(org_id="WC", territory_id="C1", period=SINCE))
    for n in range(3):
        tree.add_person(
            Person(id=f"P{n}", name=f"人{n}", admitted_on="2005-07-01", full_member_on="2006-07-01")
        )
    posts = Appointments(tree)
    posts.add_body(Body(id="PC", kind=BodyKind.PROPERTY_COMPANY, name="安居物业", period=SINCE))
    posts.appoint(
        Appointment(id="a1", person_id="P0", post=PostKind.SECRETARY, org_id="WC", period=SINCE)
    )
    posts.appoint(
        Appointment(
            id="a5", person_id="P1", post=PostKind.PROPERTY_MANAGER, body_id="PC", period=SINCE
        )
    )
    return posts


def test_posts_and_employment_come_from_the_appointments() -> None:
    standing = AppointmentStanding(
        _posts(),
        [Residence(person_id="P1", territory_id="K1", household_id="H1", period=SINCE)],
    )
    assert isinstance(standing, Standing)
    day = pendulum.date(2026, 3, 2)
    assert standing.holds_post("P0", "WC", day)
    assert standing.holds_post("P1", "PC", day)  # a property manager acts for the company
    assert not standing.holds_post("P2", "WC", day)
    assert standing.employment("P1", "PC", day) == "a5"
    assert standing.employment("P0", "PC", day) is None
    assert standing.resides_in("P1", "K1", day)
    assert standing.household_of("P1", day) == "H1"

    book = Deliberations(standing=standing, calendar=china_working_days())
    book.propose(
        Matter(
            id="M1",
            title="续签物业合同",
            proposer_id="P1",
            territory_id="K1",
            procedure="tonghua_three_deliberations",
            proposed_at="2026-03-02T09:00:00+08:00",
            parties=[
                Party(role="property_company", org_id="PC"),
                Party(role="community_party_org", org_id="WC"),
            ],
        )
    )
    book.take_step(
        StepTaken(
            id="E1", matter_id="M1", step="propose", actor_id="P1", at="2026-03-02T09:00:00+08:00"
        )
    )
    owners = [OwnerShare(owner_id=p, area=9000) for p in ("P1", "P2")]
    with pytest.raises(NotAuthorisedError) as caught:
        book.record_vote(
            Vote(
                id="V1",
                matter_id="M1",
                at="2026-03-20T18:00:00+08:00",
                matter_class=MatterClass.ORDINARY,
                owners=owners,
                ballots=[Ballot(owner_id="P1", choice=Choice.FOR)],
                contract_company_id="PC",
            )
        )
    assert caught.value.params["appointment"] == "a5"
    assert [v.id for v in book.records().votes] == []
