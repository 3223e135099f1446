"""Every public method that takes a day or an instant accepts each of its forms alike.

A day is a ``pendulum.Date``, a ``datetime.date`` or an ISO string; an instant is an aware
``pendulum.DateTime``, an aware ``datetime.datetime`` or an ISO string with an offset.
Anything else raises :class:`InvalidRecordError` naming the argument. The tables below list
every public query and command taking one over the bundled samples; the last test fails when
a public method taking a day is missing from them.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import re
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar import (
    YONGCHUN_RULES,
    Period,
    PeriodKind,
    china_working_days,
    day_in_zone,
    occurrence_in,
    office_day,
)
from neighborhood_pb.dataset import (
    Dataset,
    DatasetContext,
    resolve_as_of,
    rotation_horizon,
)
from neighborhood_pb.errors import InvalidRecordError, NeighborhoodPBError
from neighborhood_pb.governance import Deliberations, Matter, check_governance
from neighborhood_pb.governance.cobuild import (
    YANCHENG_SERVICE_FUND,
    Agreement,
    AgreementKind,
    Alliance,
    AllianceMember,
    Commitment,
    FourLists,
    HardshipHousehold,
    Need,
    NeedEvent,
    NeedOrigin,
    NeedStatus,
    Pairing,
    PairingKind,
    Partnerships,
    Project,
    Spending,
    check_cobuild,
    list_responsibilities,
    match,
)
from neighborhood_pb.history import Register, Timeline
from neighborhood_pb.io.ical import CalendarEvent, write_icalendar
from neighborhood_pb.metrics import compute_metrics
from neighborhood_pb.points import (
    Claim,
    ClaimStatus,
    ExplicitAuthority,
    HouseholdLinks,
    Ledger,
    PostGrant,
    ServiceItem,
    TreeReports,
    last_completed_quarter,
)
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure import (
    AppointmentCheckContext,
    ChairRotation,
    CheckContext,
    DutyRotation,
    Eligibility,
    JointBook,
    JointUnit,
    PostKind,
    TermSwap,
    Territory,
    TerritoryKind,
    UnitKind,
    VillageCommunityUnion,
    cross_appointments,
    cross_appointments_at,
    cross_appointments_of,
    cross_appointments_under,
    part_time_summary,
    party_orgs_serving,
    party_territories,
    run_appointment_checks,
    run_checks,
)
from neighborhood_pb.structure.territory_map import TerritoryMap
from neighborhood_pb.testing.governance import governance_world

DAY = "day"
INSTANT = "instant"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@attrs.frozen
class World:
    """The bundled samples with every aggregate built."""

    community: Dataset
    ctx: DatasetContext
    street: DatasetContext

    @property
    def ledger(self) -> Ledger:
        assert self.ctx.ledger is not None
        return self.ctx.ledger


def build_world() -> World:
    community = load_sample("community")
    return World(
        community=community,
        ctx=DatasetContext.build(community),
        street=DatasetContext.build(load_sample("street")),
    )


@functools.cache
def shared_world() -> World:
    """One world for the queries: they change nothing."""
    return build_world()


@attrs.frozen
class Call:
    """A public method taking a day or an instant, and how to call it on a world.

    Attributes:
        covers: The method's qualified name (``Class.method`` or ``function``).
        arg: The name of the argument that takes the day or the instant.
        call: Calls it with that argument's value.
        kind: ``DAY`` or ``INSTANT``.
    """

    covers: str
    arg: str
    call: Callable[[World, Any], object]
    kind: str = DAY

    def __str__(self) -> str:
        return f"{self.covers}({self.arg})"


def _authority() -> ExplicitAuthority:
    grant = PostGrant(person_id="QS-P20", org_id="QS-WC", period=Period(start="2019-01-01"))
    return ExplicitAuthority(grants=(grant,))


_ITEM = ServiceItem(
    code="talk", category="general", name="政策宣讲", points=1, period=Period(start="2025-01-01")
)


def _timeline() -> Timeline[ServiceItem]:
    """A service item's history: one point from 2025, two from 2026."""
    timeline: Timeline[ServiceItem] = Timeline("service item", "talk")
    timeline.append(_ITEM)
    timeline.revise("2026-01-01", attrs.evolve(_ITEM, points=2, period=Period(start="2026-01-01")))
    return timeline


def _register() -> Register[ServiceItem]:
    register: Register[ServiceItem] = Register("service item")
    register.put("talk", _ITEM)
    return register


QUARTER = Period.of(PeriodKind.QUARTER, pendulum.Date(2026, 1, 1))
_JOINED = Period(start="2026-01-01")
_JOINS = JointBook(
    units=[
        JointUnit(id="u", org_id="QS-WC", name="单位", kind=UnitKind.ENTERPRISE, period=_JOINED)
    ],
    unions=[
        VillageCommunityUnion(
            id="v", org_id="QS-WC", village_id="V", community_id="QS", period=_JOINED
        )
    ],
)

QUERIES: tuple[Call, ...] = (
    Call("Deliberations.overdue", "on", lambda w, d: _deliberations().overdue(d)),
    Call("Deliberations.state", "at", lambda w, d: _deliberations().state("M1", d), INSTANT),
    Call("check_governance", "on", lambda w, d: check_governance(_deliberations(), d)),
    Call("ExplicitStanding.holds_post", "on", lambda w, d: _STANDING.holds_post("P-comm", "C", d)),
    Call("ExplicitStanding.resides_in", "on", lambda w, d: _STANDING.resides_in("O1", "X", d)),
    Call("ExplicitStanding.household_of", "on", lambda w, d: _STANDING.household_of("O1", d)),
    Call("ExplicitStanding.employment", "on", lambda w, d: _STANDING.employment("O5", "PM", d)),
    # calendar
    Call("Period.of", "day", lambda w, d: Period.of(PeriodKind.MONTH, d)),
    Call("office_day", "day", lambda w, d: office_day(d)),
    Call("Period.ended_on", "end", lambda w, d: Period(start="2000-01-01").ended_on(d)),
    Call("WorkingDayCalendar.is_working_day", "day", lambda w, d: CHINA.is_working_day(d)),
    Call("WorkingDayCalendar.is_rest_day", "day", lambda w, d: CHINA.is_rest_day(d)),
    Call("WorkingDayCalendar.is_holiday", "day", lambda w, d: CHINA.is_holiday(d)),
    Call(
        "WorkingDayCalendar.is_adjusted_working_day",
        "day",
        lambda w, d: CHINA.is_adjusted_working_day(d),
    ),
    Call("WorkingDayCalendar.next_working_day", "day", lambda w, d: CHINA.next_working_day(d)),
    Call(
        "WorkingDayCalendar.previous_working_day",
        "day",
        lambda w, d: CHINA.previous_working_day(d),
    ),
    Call("CivicDayRule.period_of", "day", lambda w, d: YONGCHUN_RULES[0].period_of(d)),
    Call("day_in_zone", "instant", lambda w, i: day_in_zone(i), INSTANT),
    # structure: the tree
    Call("OrgTree.version_at", "on", lambda w, d: w.ctx.tree.version_at("QS-WC", d)),
    Call("OrgTree.org", "on", lambda w, d: w.ctx.tree.org("QS-WC", d)),
    Call("OrgTree.orgs", "on", lambda w, d: w.ctx.tree.orgs(d)),
    Call("OrgTree.roots", "on", lambda w, d: w.ctx.tree.roots(d)),
    Call("OrgTree.children", "on", lambda w, d: w.ctx.tree.children("QS-WC", d)),
    Call("OrgTree.ancestors", "on", lambda w, d: w.ctx.tree.ancestors("QS-LJ-B", d)),
    Call("OrgTree.descendants", "on", lambda w, d: w.ctx.tree.descendants("QS-WC", d)),
    Call("OrgTree.subtree", "on", lambda w, d: w.ctx.tree.subtree("QS-WC", d)),
    Call("OrgTree.counts_by_level", "on", lambda w, d: w.ctx.tree.counts_by_level(d)),
    Call("OrgTree.counts_by_form", "on", lambda w, d: w.ctx.tree.counts_by_form(d)),
    Call(
        "OrgTree.territories_covered",
        "on",
        lambda w, d: w.ctx.tree.territories_covered("QS-WC", d),
    ),
    Call("OrgTree.orgs_covering", "on", lambda w, d: w.ctx.tree.orgs_covering("QS-LJ", d)),
    Call("OrgTree.org_ids_covering", "on", lambda w, d: w.ctx.tree.org_ids_covering("QS-LJ", d)),
    Call("OrgTree.memberships", "on", lambda w, d: w.ctx.tree.memberships("QS-WC", d)),
    Call("OrgTree.full_member_count", "on", lambda w, d: w.ctx.tree.full_member_count("QS-WC", d)),
    Call("OrgTree.member_counts", "on", lambda w, d: w.ctx.tree.member_counts("QS-WC", d)),
    Call("OrgTree.formal_org_of", "on", lambda w, d: w.ctx.tree.formal_org_of("QS-P01", d)),
    Call("OrgTree.reports_to", "on", lambda w, d: w.ctx.tree.reports_to("QS", d)),
    Call("OrgTree.reporting", "on", lambda w, d: w.ctx.tree.reporting(d)),
    Call("OrgTree.reported_members", "on", lambda w, d: w.ctx.tree.reported_members("QS-WC", d)),
    Call("OrgTree.term_at", "on", lambda w, d: w.ctx.tree.term_at("QS-WC", d)),
    Call("OrgTree.coverages", "on", lambda w, d: w.ctx.tree.coverages(d)),
    Call("JointBook.units", "on", lambda w, d: _JOINS.units("QS-WC", d)),
    Call("JointBook.unions", "on", lambda w, d: _JOINS.unions(d)),
    Call("TerritoryMap.at", "on", lambda w, d: w.ctx.tree.territories.at("QS", d)),
    Call("TerritoryMap.children", "on", lambda w, d: w.ctx.tree.territories.children("QS", d)),
    Call(
        "TerritoryMap.descendants", "on", lambda w, d: w.ctx.tree.territories.descendants("QS", d)
    ),
    Call(
        "TerritoryMap.grid_by_code",
        "on",
        lambda w, d: w.street.tree.territories.grid_by_code("XH-QF-01", d),
    ),
    Call("TerritoryMap.count_by_kind", "on", lambda w, d: w.ctx.tree.territories.count_by_kind(d)),
    Call(
        "Person.is_party_member", "on", lambda w, d: w.ctx.tree.person("QS-P01").is_party_member(d)
    ),
    Call("Person.is_full_member", "on", lambda w, d: w.ctx.tree.person("QS-P01").is_full_member(d)),
    Call("run_checks", "on", lambda w, d: run_checks(w.ctx.tree, d)),
    # structure: posts
    Call("Appointments.bodies", "on", lambda w, d: w.ctx.appointments.bodies(d)),
    Call(
        "Appointments.bodies_serving",
        "on",
        lambda w, d: w.ctx.appointments.bodies_serving("QS-LJ", d),
    ),
    Call(
        "Appointments.served_territories",
        "on",
        lambda w, d: w.ctx.appointments.served_territories("QS-RC", d),
    ),
    Call("Appointments.appointments", "on", lambda w, d: w.ctx.appointments.appointments(d)),
    Call(
        "Appointments.appointments_of",
        "on",
        lambda w, d: w.ctx.appointments.appointments_of("QS-P01", d),
    ),
    Call(
        "Appointments.appointments_in_org",
        "on",
        lambda w, d: w.ctx.appointments.appointments_in_org("QS-GC", d),
    ),
    Call(
        "Appointments.appointments_in_body",
        "on",
        lambda w, d: w.ctx.appointments.appointments_in_body("QS-RC", d),
    ),
    Call(
        "Appointments.holds_post",
        "on",
        lambda w, d: w.ctx.appointments.holds_post("QS-P20", "QS-WC", d),
    ),
    Call(
        "Appointments.holders",
        "on",
        lambda w, d: w.ctx.appointments.holders("QS-GC", PostKind.SECRETARY, d),
    ),
    Call("cross_appointments", "on", lambda w, d: cross_appointments(w.ctx.appointments, d)),
    Call(
        "cross_appointments_at",
        "on",
        lambda w, d: cross_appointments_at(w.ctx.appointments, "QS-LJ", d),
    ),
    Call(
        "cross_appointments_of",
        "on",
        lambda w, d: cross_appointments_of(w.ctx.appointments, "QS-P01", d),
    ),
    Call(
        "cross_appointments_under",
        "on",
        lambda w, d: cross_appointments_under(w.ctx.appointments, "QS-WC", d),
    ),
    Call("party_territories", "on", lambda w, d: party_territories(w.ctx.tree, "QS-WC", d)),
    Call("party_orgs_serving", "on", lambda w, d: party_orgs_serving(w.ctx.tree, "QS-LJ", d)),
    Call("part_time_summary", "on", lambda w, d: part_time_summary(w.ctx.appointments, d)),
    Call(
        "run_appointment_checks", "on", lambda w, d: run_appointment_checks(w.ctx.appointments, d)
    ),
    # structure: rotations
    Call(
        "DutyRotation.term_months_on", "day", lambda w, d: w.ctx.duty_rotations[0].term_months_on(d)
    ),
    Call("DutyRotation.term_on", "day", lambda w, d: w.ctx.duty_rotations[0].term_on(d)),
    Call("DutyRotation.on_duty", "day", lambda w, d: w.ctx.duty_rotations[0].on_duty(d)),
    Call(
        "RotationRoster.eligible_on",
        "day",
        lambda w, d: w.ctx.duty_rotations[0].eligible_on("QS-P01", d),
    ),
    Call("RotationRoster.order_as_of", "day", lambda w, d: w.ctx.duty_rotations[0].order_as_of(d)),
    Call("ChairRotation.chair_of", "meeting", lambda w, d: w.ctx.chair_rotations[0].chair_of(d)),
    # points
    Call("Catalogue.item", "on", lambda w, d: w.ledger.catalogue.item("policy_talk", d)),
    Call("Catalogue.items_on", "on", lambda w, d: w.ledger.catalogue.items_on(d)),
    Call("Shelf.price", "on", lambda w, d: w.ledger.shelf.price("rice", d)),
    Call(
        "TreeReports.report_of", "on", lambda w, d: TreeReports(w.ctx.tree).report_of("QS-P09", d)
    ),
    Call(
        "TreeReports.reviewing_orgs",
        "on",
        lambda w, d: TreeReports(w.ctx.tree).reviewing_orgs("QS", d),
    ),
    Call(
        "TreeReports.iter_reviewing_orgs",
        "on",
        lambda w, d: TreeReports(w.ctx.tree).iter_reviewing_orgs("QS", d),
    ),
    Call(
        "TreeReports.ancestors_beyond",
        "on",
        lambda w, d: TreeReports(w.ctx.tree).ancestors_beyond(
            w.ctx.tree.org_ids_covering("QS-LJ", d), d
        ),
    ),
    Call("Standings.org_places", "on", lambda w, d: w.ledger.standings.org_places("QS-WC", d)),
    Call(
        "Standings.org_total", "on", lambda w, d: w.ledger.standings.org_total("QS-WC", QUARTER, d)
    ),
    Call("Standings.org_members", "on", lambda w, d: w.ledger.standings.org_members("QS-WC", d)),
    Call(
        "Ledger.claims_of",
        "before",
        lambda w, i: w.ledger.claims_of("QS-P09", status=ClaimStatus.APPROVED, before=i),
        INSTANT,
    ),
    Call(
        "Standings.org_ranking",
        "on",
        lambda w, d: w.ledger.standings.org_ranking("QS-WC", QUARTER, d),
    ),
    Call(
        "ExplicitAuthority.holds_post",
        "on",
        lambda w, d: _authority().holds_post("QS-P20", "QS-WC", d),
    ),
    Call(
        "HouseholdLinks.households_of",
        "on",
        lambda w, d: _links(w).households_of("QS-P09", d),
    ),
    Call("ComplianceContext.members", "on", lambda w, d: w.ctx.compliance("QS-WC").members(d)),
    Call("last_completed_quarter", "as_of", lambda w, d: last_completed_quarter(d)),
    # metrics, dataset, ical
    Call("compute_metrics", "on", lambda w, d: compute_metrics(w.ctx.tree, d)),
    Call("resolve_as_of", "on", lambda w, d: resolve_as_of(w.community, d)),
    Call("DatasetContext.build", "on", lambda w, d: DatasetContext.build(w.community, d).on),
    Call("rotation_horizon", "on", lambda w, d: rotation_horizon(w.ctx.duty_rotations[0], d)),
    Call("write_icalendar", "stamp", lambda w, i: write_icalendar((), stamp=i), INSTANT),
    Call("Timeline.version_at", "day", lambda w, d: _timeline().version_at(d)),
    Call("Timeline.at", "day", lambda w, d: _timeline().at(d, "catalogue.item_in_effect")),
    Call("Timeline.current", "day", lambda w, d: _timeline().current(d)),
    Call("Register.check_end", "day", lambda w, d: _register().check_end("talk", d)),
    Call("FourLists.done", "on", lambda w, d: _cobuild()[0].done("P1", d)),
    Call("FourLists.resources", "on", lambda w, d: _cobuild()[0].resources(d)),
    Call("FourLists.spent", "on", lambda w, d: _cobuild()[0].spent("F1", d)),
    Call("FourLists.spent_by", "on", lambda w, d: _cobuild()[0].spent_by("P1", d)),
    Call("FourLists.status", "on", lambda w, d: _cobuild()[0].status("N1", d)),
    Call("Partnerships.agreements", "on", lambda w, d: _cobuild()[1].agreements(d)),
    Call("Partnerships.alliances", "on", lambda w, d: _cobuild()[1].alliances(d)),
    Call("Partnerships.allied_units", "on", lambda w, d: _cobuild()[1].allied_units(d)),
    Call("Partnerships.hardship", "on", lambda w, d: _cobuild()[1].hardship(d)),
    Call("Partnerships.members", "on", lambda w, d: _cobuild()[1].members("A1", d)),
    Call("Partnerships.paired", "on", lambda w, d: _cobuild()[1].paired("H1", d)),
    Call("Partnerships.pairings", "on", lambda w, d: _cobuild()[1].pairings(d)),
    Call("check_cobuild", "on", lambda w, d: check_cobuild(*_cobuild()[:2], d)),
    Call("list_responsibilities", "on", lambda w, d: list_responsibilities(*_cobuild()[:2], d)),
    Call(
        "match",
        "on",
        lambda w, d: match(_cobuild()[0].need("N1"), _cobuild()[0].resources(), _cobuild()[2], d),
    ),
)
"""Queries: asked with each form of the same day, they give the same answer."""

COMMANDS: tuple[Call, ...] = (
    Call(
        "Timeline.revise",
        "from_day",
        lambda w, d: _timeline().revise(d, attrs.evolve(_ITEM, period=Period(start="2026-06-01"))),
    ),
    Call("Timeline.end", "day", lambda w, d: _timeline().end(d)),
    Call("Register.end", "day", lambda w, d: _register().end("talk", d)),
    Call("OrgTree.end_territory", "on", lambda w, d: w.ctx.tree.end_territory("QS-LJ-1", d)),
    Call("OrgTree.rename", "on", lambda w, d: w.ctx.tree.rename("QS-WC", "新名", d)),
    Call("OrgTree.move", "on", lambda w, d: w.ctx.tree.move("QS-LJ-B", "QS-WC", d)),
    Call(
        "OrgTree.reform",
        "on",
        lambda w, d: w.ctx.tree.reform("QS-LJ-B", w.ctx.tree.org("QS-LJ-B", "2026-01-01").form, d),
    ),
    Call("OrgTree.dissolve", "on", lambda w, d: w.ctx.tree.dissolve("QS-LJ-B", d)),
    Call("OrgTree.uncover", "on", lambda w, d: w.ctx.tree.uncover("QS-LJ-B", "QS-LJ", d)),
    Call("OrgTree.end_membership", "on", lambda w, d: w.ctx.tree.end_membership("QS-M001", d)),
    Call(
        "OrgTree.transfer",
        "on",
        lambda w, d: w.ctx.tree.transfer("QS-M001", "QS-M999", "QS-LJ-B", d),
    ),
    Call("OrgTree.end_report", "on", lambda w, d: w.ctx.tree.end_report("QS-R001", d)),
    Call("TerritoryMap.end", "on", lambda w, d: w.ctx.tree.territories.end("QS-LJ-1", d)),
    Call("Appointments.end_body", "on", lambda w, d: w.ctx.appointments.end_body("QS-RC", d)),
    Call(
        "Appointments.end_contract",
        "on",
        lambda w, d: w.ctx.appointments.end_contract("QS-C001", d),
    ),
    Call(
        "Appointments.end_appointment",
        "on",
        lambda w, d: w.ctx.appointments.end_appointment("QS-A001", d),
    ),
    Call("DutyRotation.create", "anchor", lambda w, d: _duty_again(w, anchor=d)),
    Call(
        "DutyRotation.change_term_months",
        "effective_from",
        lambda w, d: w.ctx.duty_rotations[0].change_term_months(2, d),
    ),
    Call(
        "RotationRoster.end_eligibility",
        "on",
        lambda w, d: w.ctx.duty_rotations[0].end_eligibility("QS-P01", d),
    ),
    Call(
        "RotationRoster.reorder",
        "effective_from",
        lambda w, d: w.ctx.duty_rotations[0].reorder(
            w.ctx.duty_rotations[0].order_as_of("2026-01-01"), d
        ),
    ),
    Call(
        "RotationRoster.add_member",
        "effective_from",
        lambda w, d: w.ctx.duty_rotations[0].add_member("QS-P02", d),
    ),
    Call(
        "RotationRoster.add_member",
        "eligible_until",
        lambda w, d: w.ctx.duty_rotations[0].add_member("QS-P02", "2026-01-01", eligible_until=d),
    ),
    Call(
        "RotationRoster.remove_member",
        "effective_from",
        lambda w, d: w.ctx.duty_rotations[0].remove_member("QS-P01", d),
    ),
    Call(
        "RotationRoster.swap", "first", lambda w, d: w.ctx.duty_rotations[0].swap(d, "2026-06-01")
    ),
    Call(
        "RotationRoster.swap", "second", lambda w, d: w.ctx.duty_rotations[0].swap("2026-06-01", d)
    ),
    Call("ChairRotation.create", "meetings", lambda w, d: _chair_again(w, meetings=(d,))),
    Call(
        "ChairRotation.add_meetings",
        "days",
        lambda w, d: w.ctx.chair_rotations[0].add_meetings((d,)),
    ),
    Call(
        "ChairRotation.cancel_meeting",
        "day",
        lambda w, d: w.ctx.chair_rotations[0].cancel_meeting(d, "雨"),
    ),
    Call(
        "ChairRotation.override",
        "meeting",
        lambda w, d: w.ctx.chair_rotations[0].override("QS-P01", d, "病假"),
    ),
    Call("HouseholdLinks.end", "on", lambda w, d: _links(w).end("QS-P09/link/0", d)),
    Call(
        "Ledger.claim",
        "service_date",
        lambda w, d: w.ledger.claim(
            key="k", member_id="QS-P09", item_code="policy_talk", service_date=d, at=AT
        ),
    ),
    Call(
        "Ledger.claim",
        "at",
        lambda w, i: w.ledger.claim(
            key="k", member_id="QS-P09", item_code="policy_talk", service_date="2026-03-01", at=i
        ),
        INSTANT,
    ),
    Call(
        "Ledger.approve",
        "at",
        lambda w, i: w.ledger.approve(key="k", claim_key="c", reviewer_id="QS-P20", at=i),
        INSTANT,
    ),
    Call(
        "Ledger.reject",
        "at",
        lambda w, i: w.ledger.reject(
            key="k", claim_key="c", reviewer_id="QS-P20", at=i, reason="r"
        ),
        INSTANT,
    ),
    Call(
        "Ledger.reverse",
        "at",
        lambda w, i: w.ledger.reverse(
            key="k", approval_key="a", reviewer_id="QS-P20", at=i, reason="r"
        ),
        INSTANT,
    ),
    Call(
        "Ledger.restock",
        "at",
        lambda w, i: w.ledger.restock(key="k", goods_code="rice", quantity=1, at=i, actor="QS-P19"),
        INSTANT,
    ),
    Call(
        "Ledger.redeem",
        "at",
        lambda w, i: w.ledger.redeem(key="k", member_id="QS-P09", goods={"rice": 1}, at=i),
        INSTANT,
    ),
    Call(
        "Ledger.refund",
        "at",
        lambda w, i: w.ledger.refund(key="k", redemption_key="r", at=i, actor="QS-P19", reason="r"),
        INSTANT,
    ),
    Call(
        "FourLists.publish",
        "day",
        lambda w, d: _cobuild()[0].publish(id="S", territory_id="C1", day=d, where="栏"),
    ),
    Call("Partnerships.end_pairing", "day", lambda w, d: _cobuild()[1].end_pairing("PR1", d)),
    Call("Partnerships.leave", "day", lambda w, d: _cobuild()[1].leave("M1", d)),
    Call("FourLists.withdraw", "day", lambda w, d: _cobuild()[0].withdraw("F1", d)),
)
"""Commands: a wrong form is refused before anything changes."""

EXEMPT: dict[tuple[str, str], str] = {
    ("Period.contains", "day"): "the membership test inside every index, on days held as dates",
    ("Period.runs_past", "day"): "an interval test inside the aggregates, on days held as dates",
    ("Period.within_span", "start"): "an interval test on bounds held as dates (territory load)",
    ("Period.within_span", "end"): "an interval test on bounds held as dates (territory load)",
    ("ReviewerAuthority.holds_post", "on"): "a protocol: each implementation takes any form",
    ("cycle", "day"): "a cached key of the ledger's indices, fed with days already coerced",
    ("total_keys", "day"): "a cached key of the ledger's indices, fed with days already coerced",
    ("local_day", "at"): "the ledger's hot path, fed with the instants of its entries",
    ("Claim.for_ledger", "service_date"): "the ledger's hot path, fed with the day it converted",
    ("Claim.for_ledger", "at"): "the ledger's hot path; Ledger.claim (in the tables) takes any",
    ("Deliberations.hold_meeting", "meeting"): "a Meeting record, not a day (the name matches)",
    ("meeting_events", "meetings"): "Meeting records, not days (the name matches)",
    ("office_date", "day"): "a formatter on the lowest floor, fed with the dates records hold",
    ("office_period", "start"): "a formatter on the lowest floor, fed with a period's dates",
    ("office_period", "end"): "a formatter on the lowest floor, fed with a period's dates",
}
"""Public methods taking a day that are deliberately not in the tables, and why."""

CHINA = china_working_days()
_STANDING = governance_world().standing


@functools.cache
def _deliberations() -> Deliberations:
    book = Deliberations(standing=_STANDING, calendar=CHINA)
    book.propose(
        Matter(
            id="M1",
            title="更换电梯",
            proposer_id="P-grid",
            territory_id="X",
            procedure="tonghua_three_deliberations",
            proposed_at="2026-03-02T09:00:00+08:00",
            parties=governance_world().parties,
        )
    )
    return book


@functools.cache
def _cobuild() -> tuple[FourLists, Partnerships, TerritoryMap]:
    """A community's four lists, its partnerships and its territory (queries change nothing)."""
    life = Period(start="2020-01-01")
    tmap = TerritoryMap()
    tmap.add_all(
        [
            Territory(id="C1", kind=TerritoryKind.COMMUNITY, name="幸福社区", period=life),
            Territory(
                id="G1",
                kind=TerritoryKind.GRID,
                name="一网格",
                code="G1",
                period=life,
                parent_id="C1",
            ),
        ]
    )
    lists = FourLists()
    lists.raise_need(
        Need(
            id="N1",
            title="加装扶手",
            raised_by="H1",
            origin=NeedOrigin.SURVEY,
            origin_ref="2026Q1",
            territory_id="G1",
            category="care",
            raised_on="2026-01-10",
        )
    )
    lists.offer(YANCHENG_SERVICE_FUND.fund(id="F1", community_id="C1", year=2026))
    lists.open_project(
        Project(
            id="P1",
            title="扶手",
            owner_id="WC",
            need_ids={"N1"},
            fund_id="F1",
            start="2026-02-01",
            due="2026-04-30",
        )
    )
    lists.record(
        NeedEvent(need_id="N1", status=NeedStatus.MATCHED, day="2026-02-01", actor_id="li")
    )
    lists.spend(Spending(id="S1", project_id="P1", amount_fen=100, day="2026-03-01"))
    partners = Partnerships()
    partners.found(
        Alliance(
            id="A1",
            name="联盟",
            lead_org_id="SWC",
            territory_id="C1",
            period=Period(start="2025-06-01"),
        )
    )
    partners.join(
        AllianceMember(id="M1", alliance_id="A1", unit_id="U1", period=Period(start="2025-06-01"))
    )
    partners.sign(
        Agreement(
            id="AG1",
            kind=AgreementKind.PLEDGE,
            title="责任书",
            parties={"C1", "U1"},
            period=Period(start="2026-01-01"),
            commitments=[
                Commitment(id="c1", party_id="U1", what="义诊", due="2026-03-31", subjects={"N1"})
            ],
        )
    )
    partners.register_hardship(
        HardshipHousehold(
            household_id="H1", territory_id="G1", reason="低保", period=Period(start="2025-01-01")
        )
    )
    partners.pair(
        Pairing(
            id="PR1",
            kind=PairingKind.UNIT_HOUSEHOLD,
            unit_id="U1",
            partner_id="H1",
            period=Period(start="2025-03-01"),
        )
    )
    return lists, partners, tmap


AT = pendulum.datetime(2026, 3, 1, 9, tz="Asia/Shanghai")


def _links(world: World) -> HouseholdLinks:
    assert world.ctx.household_links is not None
    return world.ctx.household_links


def _duty_again(world: World, anchor: Any) -> object:
    eligible = Eligibility(person_id="QS-P01", period=Period(start="2020-01-01"))
    return DutyRotation.create(
        id="again", anchor=anchor, term_months=1, order=("QS-P01",), eligibility=(eligible,)
    )


def _chair_again(world: World, meetings: Any) -> object:
    eligible = Eligibility(person_id="QS-P01", period=Period(start="2020-01-01"))
    return ChairRotation.create(
        id="again", order=("QS-P01",), eligibility=(eligible,), meetings=meetings
    )


def _read(call: Call, world: World, value: Any) -> object:
    """What a call gives, an iterator read to its end."""
    result = call.call(world, value)
    return tuple(result) if isinstance(result, Iterator) else result


def _outcome(call: Call, world: World, value: Any) -> tuple[object, ...]:
    """What a call gives, or the library error it raises."""
    try:
        return ("ok", _read(call, world, value))
    except NeighborhoodPBError as error:
        return ("error", type(error), str(error))


def _day_forms(day: dt.date) -> tuple[object, ...]:
    return (pendulum.Date(day.year, day.month, day.day), day, day.isoformat())


def _instant_forms(instant: dt.datetime) -> tuple[object, ...]:
    return (pendulum.instance(instant), instant, instant.isoformat())


DAY_QUERIES = [q for q in QUERIES if q.kind == DAY]
INSTANT_QUERIES = [q for q in QUERIES if q.kind == INSTANT]
DAYS = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31))
INSTANTS = st.datetimes(
    min_value=dt.datetime(2025, 1, 1),
    max_value=dt.datetime(2026, 12, 31),
    timezones=st.just(SHANGHAI),
)


@pytest.mark.parametrize("query", DAY_QUERIES, ids=str)
@given(day=DAYS)
def test_each_form_of_a_day_gives_the_same_answer(query: Call, day: dt.date) -> None:
    first, *others = (_outcome(query, shared_world(), form) for form in _day_forms(day))
    assert all(other == first for other in others), (first, others)


@pytest.mark.parametrize("query", INSTANT_QUERIES, ids=str)
@given(instant=INSTANTS)
def test_each_form_of_an_instant_gives_the_same_answer(query: Call, instant: dt.datetime) -> None:
    first, *others = (_outcome(query, shared_world(), form) for form in _instant_forms(instant))
    assert all(other == first for other in others), (first, others)


def test_a_claim_takes_each_form_of_its_day_and_instant() -> None:
    at = dt.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    forms = zip(_day_forms(dt.date(2026, 3, 1)), _instant_forms(at), strict=True)
    claims = [
        build_world().ledger.claim(
            key="k", member_id="QS-P09", item_code="policy_talk", service_date=day, at=instant
        )
        for day, instant in forms
    ]
    assert claims[0].service_date == pendulum.Date(2026, 3, 1)
    assert claims[0].at == at
    assert claims[1:] == [claims[0], claims[0]]


BAD_DAYS = (
    20260301,
    2026.3,
    dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC),
    pendulum.datetime(2026, 3, 1, 9, tz="Asia/Shanghai"),
    "2026-02-30",
    "20260301",
    "soon",
)
BAD_INSTANTS = (
    20260301,
    1.5,
    dt.datetime(2026, 3, 1, 9),
    dt.date(2026, 3, 1),
    pendulum.Date(2026, 3, 1),
    "2026-03-01T09:00:00",
    "soon",
)


@functools.cache
def command_world() -> World:
    """One world for the refused commands: a refused command changes nothing."""
    return build_world()


@pytest.mark.parametrize(
    ("call", "bad"),
    [
        (call, bad)
        for call in (*QUERIES, *COMMANDS)
        for bad in (BAD_DAYS if call.kind == DAY else BAD_INSTANTS)
    ],
    ids=lambda x: str(x) if isinstance(x, Call) else repr(x),
)
def test_a_wrong_form_is_refused_naming_the_argument(call: Call, bad: object) -> None:
    world = command_world() if call in COMMANDS else shared_world()
    with pytest.raises(InvalidRecordError) as raised:
        _read(call, world, bad)
    assert str(raised.value).startswith(f"{call.arg}: "), str(raised.value)


PUBLIC_MODULES = (
    "neighborhood_pb",
    "neighborhood_pb.calendar",
    "neighborhood_pb.structure",
    "neighborhood_pb.points",
    "neighborhood_pb.metrics",
    "neighborhood_pb.dataset",
    "neighborhood_pb.history",
    "neighborhood_pb.io.ical",
)
DAY_NAMES = frozenset(
    {"on", "day", "days", "at", "as_of", "start", "end", "service_date", "effective_from"}
    | {"from_day"}
    | {"eligible_until", "anchor", "meeting", "meetings", "first", "second", "stamp", "instant"}
)
DAY_TYPE = re.compile(r"\b(date|datetime|Date|DateTime)\b")


def _public_functions() -> Iterator[tuple[str, Callable[..., object]]]:
    """Every public function and public method of a public class, by qualified name."""
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value):
                for cls in value.__mro__:
                    if not cls.__module__.startswith("neighborhood_pb"):
                        continue
                    for attr, member in vars(cls).items():
                        if isinstance(member, staticmethod | classmethod):
                            member = member.__func__
                        if not attr.startswith("_") and inspect.isfunction(member):
                            yield f"{cls.__name__}.{attr}", member
            elif inspect.isfunction(value) or isinstance(value, functools._lru_cache_wrapper):
                yield name, value


def _takes_a_day(parameter: inspect.Parameter) -> bool:
    annotation = str(parameter.annotation)
    if annotation.startswith("Callable"):
        return False
    return parameter.name in DAY_NAMES or DAY_TYPE.search(annotation) is not None


def test_every_public_method_taking_a_day_is_in_a_table() -> None:
    found = {
        (qualified, parameter.name)
        for qualified, function in _public_functions()
        for parameter in inspect.signature(function).parameters.values()
        if parameter.name not in ("self", "cls") and _takes_a_day(parameter)
    }
    listed = {(call.covers, call.arg) for call in (*QUERIES, *COMMANDS)}
    assert found - listed - set(EXEMPT) == set()
    assert listed - found == set()  # every entry names a real public method
    assert set(EXEMPT) <= found


def _swap() -> TermSwap:
    return TermSwap(
        id="s",
        first_start="2026-01-01",
        first_person="A",
        second_start="2026-02-01",
        second_person="B",
    )


def _claim(world: World) -> Claim:
    return next(e for e in world.ledger.entries() if isinstance(e, Claim))


RECORDS: tuple[tuple[Callable[[World], Any], str], ...] = (
    (_claim, "service_date"),
    (lambda w: w.ctx.duty_rotations[0].records().setup, "anchor"),
    (lambda w: w.ctx.duty_rotations[0].records().edits[0], "effective_from"),
    (lambda w: _swap(), "first_start"),
    (lambda w: _swap(), "second_start"),
    (lambda w: w.ctx.tree.person("QS-P01"), "admitted_on"),
    (lambda w: w.ctx.tree.person("QS-P01"), "full_member_on"),
    (lambda w: w.community.appointments.evaluations[0], "evaluated_on"),
    (lambda w: part_time_summary(w.ctx.appointments, w.ctx.on), "on"),
    (lambda w: AppointmentCheckContext(appointments=w.ctx.appointments, on=w.ctx.on), "on"),
    (lambda w: CheckContext(tree=w.ctx.tree, on=w.ctx.on), "on"),
    (lambda w: CalendarEvent(uid="u", summary="s", start="2026-01-04"), "start"),
    (lambda w: CalendarEvent(uid="u", summary="s", start="2026-01-04"), "end"),
    (lambda w: w.ctx.compliance("QS-WC"), "as_of"),
    (lambda w: occurrence_in(YONGCHUN_RULES[0], Period.month(2026, 1), CHINA), "nominal"),
)
"""Records whose date fields are converted, and the field: a wrong value names the field."""


@pytest.mark.parametrize(("record", "field"), RECORDS, ids=[field for _, field in RECORDS])
def test_a_record_names_the_date_field_it_refuses(
    record: Callable[[World], Any], field: str
) -> None:
    value = record(shared_world())
    day = getattr(value, field)
    assert isinstance(day, pendulum.Date)
    for form in _day_forms(dt.date(day.year, day.month, day.day)):
        assert getattr(attrs.evolve(value, **{field: form}), field) == day
    with pytest.raises(InvalidRecordError) as raised:
        attrs.evolve(value, **{field: "soon"})
    assert str(raised.value).startswith(f"{field}: ")
