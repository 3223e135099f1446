"""Hypothesis strategies for posts, bodies, appointments, cross-appointments and evaluations.

Two kinds of strategy:

* standalone records (:func:`bodies`, :func:`appointment_records`, …): valid as records, with
  arbitrary ids, for serialisation round trips and record-level properties;
* candidates over a world (:func:`appointment_candidates`, :func:`evaluation_candidates`):
  records that refer to what an :class:`~neighborhood_pb.structure.posts.appointments.Appointments`
  aggregate holds, deliberately valid or invalid for it, and :func:`populated_appointments`,
  an aggregate filled with whatever candidates it accepted.

:func:`sample_tree` and :func:`sample_appointments` build the small community these use: one
community with a grid, two compounds, a working committee, a grand committee, two compound
branches (one dissolved in mid-2024) and a building group; a residents' committee, two owners'
assemblies and committees, a property company serving both compounds, a resident unit and a
social organisation.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL
from neighborhood_pb.structure.people import EmploymentStatus, Person
from neighborhood_pb.structure.posts.appointments import AppointmentRecords, Appointments
from neighborhood_pb.structure.posts.bodies import Body, BodyKind, ServiceContract
from neighborhood_pb.structure.posts.cross import CrossAppointment, CrossDirection
from neighborhood_pb.structure.posts.evaluations import Evaluation, Grade, YearlySummary
from neighborhood_pb.structure.posts.part_time import (
    CommitteeTier,
    PartTimeCommittee,
    PartTimeReference,
    PartTimeSummary,
    PartTimeTier,
)
from neighborhood_pb.structure.posts.records import (
    Appointment,
    EndReason,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)
from neighborhood_pb.structure.posts.rules import AppointmentRules
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "SAMPLE_DAYS",
    "SAMPLE_START",
    "appointment_candidates",
    "appointment_records",
    "appointment_records_sets",
    "appointment_rules",
    "bodies",
    "cross_appointment_records",
    "evaluation_candidates",
    "evaluations",
    "part_time_bases",
    "part_time_committees",
    "part_time_references",
    "part_time_summaries",
    "part_time_tiers",
    "populated_appointments",
    "sample_appointments",
    "sample_periods",
    "sample_tree",
    "service_contracts",
    "yearly_summaries",
]

SAMPLE_START = pendulum.Date(2020, 1, 1)
"""First day of the sample world."""

SAMPLE_DAYS: tuple[pendulum.Date, ...] = (
    pendulum.Date(2019, 6, 1),
    pendulum.Date(2020, 1, 1),
    pendulum.Date(2021, 3, 1),
    pendulum.Date(2022, 1, 1),
    pendulum.Date(2023, 1, 1),
    pendulum.Date(2023, 7, 1),
    pendulum.Date(2024, 1, 1),
    pendulum.Date(2024, 7, 1),
    pendulum.Date(2025, 1, 1),
    pendulum.Date(2026, 1, 1),
)
"""The days candidates start and end on: one before the world, the rest inside it."""

_ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,7}", fullmatch=True)
_names = st.text(alphabet="阳光幸福和谐小区业委会物业公司居委会", min_size=1, max_size=8)


@st.composite
def sample_periods(draw: st.DrawFn, days: Sequence[pendulum.Date] = SAMPLE_DAYS) -> Period:
    """A period starting on one of ``days`` and ending on a later one, or open."""
    start_index = draw(st.integers(0, len(days) - 1))
    later = list(days[start_index + 1 :])
    end = draw(st.sampled_from([None, *later])) if later else None
    return Period(start=days[start_index], end=end)


# == standalone records ====================================================================


@st.composite
def bodies(draw: st.DrawFn) -> Body:
    """A valid :class:`Body` record with arbitrary ids."""
    kind = draw(st.sampled_from(BodyKind))
    territory = None if kind is BodyKind.PROPERTY_COMPANY else draw(_ids)
    return Body(
        id=draw(_ids),
        kind=kind,
        name=draw(_names),
        period=draw(sample_periods()),
        territory_id=territory,
        parent_id=draw(_ids) if kind is BodyKind.OWNERS_COMMITTEE else None,
        party_org_id=draw(st.none() | _ids),
    )


def service_contracts() -> st.SearchStrategy[ServiceContract]:
    """A valid :class:`ServiceContract` record with arbitrary ids."""
    return st.builds(
        ServiceContract, id=_ids, company_id=_ids, compound_id=_ids, period=sample_periods()
    )


@st.composite
def part_time_bases(draw: st.DrawFn) -> PartTimeBasis:
    """A valid :class:`PartTimeBasis` with arbitrary ids."""
    source = draw(st.sampled_from(PartTimeSource))
    ties = draw(
        st.tuples(st.none() | _ids, st.none() | _ids, st.none() | _ids).filter(
            lambda t: any(x is not None for x in t)
        )
    )
    unit = draw(_ids) if source is PartTimeSource.RESIDENT_UNIT else draw(st.none() | _ids)
    return PartTimeBasis(
        source=source,
        unit_id=unit,
        appointment_id=ties[0],
        membership_id=ties[1],
        report_id=ties[2],
    )


@st.composite
def appointment_records(draw: st.DrawFn) -> Appointment:
    """A valid :class:`Appointment` record with arbitrary ids (not checked against a world)."""
    post = draw(st.sampled_from(PostKind))
    in_org = bool(post.org_forms) and (not post.body_kinds or draw(st.booleans()))
    period = draw(sample_periods())
    territory = None
    if post.territory_required or (post.territory_kind is not None and draw(st.booleans())):
        territory = draw(_ids)
    basis = draw(part_time_bases()) if post is PostKind.PART_TIME_MEMBER else None
    appointment_id = draw(_ids.filter(lambda i: basis is None or i != basis.appointment_id))
    return Appointment(
        id=appointment_id,
        person_id=draw(_ids),
        post=post,
        period=period,
        org_id=draw(_ids) if in_org else None,
        body_id=None if in_org else draw(_ids),
        territory_id=territory,
        end_reason=draw(st.none() | st.sampled_from(EndReason)) if period.end else None,
        part_time=basis,
    )


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    """A valid :class:`Evaluation` record with arbitrary ids."""
    period = draw(sample_periods())
    score = draw(st.none() | st.integers(0, 100))
    grade = (
        draw(st.sampled_from(Grade)) if score is None else draw(st.none() | st.sampled_from(Grade))
    )
    return Evaluation(
        id=draw(_ids),
        person_id=draw(_ids),
        org_id=draw(_ids),
        evaluator_id=draw(_ids),
        period=period,
        evaluated_on=period.start.add(days=draw(st.integers(0, 400))),
        score=score,
        grade=grade,
    )


def yearly_summaries() -> st.SearchStrategy[YearlySummary]:
    """A :class:`YearlySummary` built from random evaluations of one person."""
    return st.builds(
        lambda person, year, evs: YearlySummary.of(
            person, year, [attrs.evolve(e, person_id=person) for e in evs]
        ),
        _ids,
        st.integers(2019, 2026),
        st.lists(evaluations(), max_size=4),
    )


def appointment_rules() -> st.SearchStrategy[AppointmentRules]:
    """Valid :class:`AppointmentRules` with random thresholds and post sets."""
    party = [p for p in PostKind if p.org_forms]
    body = [p for p in PostKind if p.body_kinds]
    return st.builds(
        lambda share, most, member, extra, seats, cross_party, cross_body, kinds, top: (
            AppointmentRules(
                owners_committee_party_share_percent=share,
                max_concurrent_posts=most,
                party_member_posts=member | extra,
                full_member_posts=extra,
                single_seat_posts=seats,
                cross_party_posts=cross_party,
                cross_body_posts=cross_body,
                cross_body_kinds=kinds,
                evaluation_max_score=top,
            )
        ),
        st.integers(0, 100),
        st.integers(0, 10),
        st.frozensets(st.sampled_from(party)),
        st.frozensets(st.sampled_from(party)),
        st.frozensets(st.sampled_from(PostKind)),
        st.frozensets(st.sampled_from(party)),
        st.frozensets(st.sampled_from(body)),
        st.frozensets(st.sampled_from(BodyKind)),
        st.integers(0, 1000),
    )


def cross_appointment_records() -> st.SearchStrategy[CrossAppointment]:
    """A :class:`CrossAppointment` record with arbitrary ids (for round trips)."""
    return st.builds(
        CrossAppointment,
        territory_id=_ids,
        person_id=_ids,
        org_id=_ids,
        party_appointment_id=_ids,
        party_post=st.sampled_from([p for p in PostKind if p.org_forms]),
        body_id=_ids,
        body_kind=st.sampled_from(BodyKind),
        body_appointment_id=_ids,
        body_post=st.sampled_from([p for p in PostKind if p.body_kinds]),
        direction=st.sampled_from(CrossDirection),
    )


def part_time_committees() -> st.SearchStrategy[PartTimeCommittee]:
    """A :class:`PartTimeCommittee` record."""
    return st.builds(
        PartTimeCommittee,
        org_id=_ids,
        tier=st.sampled_from(CommitteeTier),
        members=st.integers(1, 30),
        by_source=st.lists(
            st.tuples(st.sampled_from(PartTimeSource), st.integers(1, 10)),
            max_size=4,
            unique_by=lambda pair: pair[0],
        ),
    )


def part_time_tiers() -> st.SearchStrategy[PartTimeTier]:
    """A :class:`PartTimeTier` record."""
    return st.builds(
        PartTimeTier,
        tier=st.sampled_from(CommitteeTier),
        committees=st.integers(0, 100),
        members=st.integers(0, 1000),
    )


def part_time_summaries() -> st.SearchStrategy[PartTimeSummary]:
    """A :class:`PartTimeSummary` record."""
    return st.builds(
        PartTimeSummary,
        on=st.sampled_from(SAMPLE_DAYS),
        committees=st.lists(part_time_committees(), max_size=3),
        tiers=st.lists(part_time_tiers(), max_size=3),
    )


def part_time_references() -> st.SearchStrategy[PartTimeReference]:
    """A :class:`PartTimeReference` record."""
    return st.builds(
        PartTimeReference,
        place=_names,
        tier=st.sampled_from(CommitteeTier),
        source=_names,
        members=st.integers(0, 2000),
        committees=st.integers(1, 100),
        stated_average=st.none() | st.integers(0, 20),
    )


def appointment_records_sets() -> st.SearchStrategy[AppointmentRecords]:
    """An :class:`AppointmentRecords` of standalone records (for round trips)."""
    return st.builds(
        AppointmentRecords,
        bodies=st.lists(bodies(), max_size=3).map(tuple),
        contracts=st.lists(service_contracts(), max_size=3).map(tuple),
        appointments=st.lists(appointment_records(), max_size=3).map(tuple),
        evaluations=st.lists(evaluations(), max_size=3).map(tuple),
    )


# == the sample world ======================================================================


def _t(tid: str, kind: TerritoryKind, parent: str | None, code: str | None = None) -> Territory:
    return Territory(
        id=tid,
        kind=kind,
        name=tid,
        period=Period(start=SAMPLE_START),
        parent_id=parent,
        code=code,
    )


def sample_tree() -> OrgTree:
    """The sample community's organisation tree (see the module docstring).

    People ``P0``–``P7`` are full members since 2011 (``P0``–``P3`` formal members of
    ``B1``, ``P4`` of ``B2``, ``P5`` an in-service member reporting to ``C1``), ``P8`` is a
    probationary member from mid-2023, ``P9`` and ``P10`` are not members.
    """
    tree = OrgTree(COMMUNITY_FIVE_LEVEL)
    k = TerritoryKind
    for territory in (
        _t("C1", k.COMMUNITY, None),
        _t("G1", k.GRID, "C1", code="C1-01"),
        _t("K1", k.COMPOUND, "G1"),
        _t("K2", k.COMPOUND, "C1"),
        _t("K1-1", k.BUILDING, "K1"),
        _t("K1-2", k.BUILDING, "K1"),
        _t("K2-1", k.BUILDING, "K2"),
        _t("K1-1-1", k.UNIT, "K1-1"),
    ):
        tree.add_territory(territory)
    for n in range(8):
        tree.add_person(
            Person(
                id=f"P{n}",
                name=f"党员{n}",
                admitted_on="2010-07-01",
                full_member_on="2011-07-01",
                employment=EmploymentStatus.IN_SERVICE if n == 5 else EmploymentStatus.RETIRED,
            )
        )
    tree.add_person(Person(id="P8", name="预备党员", admitted_on="2023-06-01"))
    tree.add_person(Person(id="P9", name="群众甲"))
    tree.add_person(Person(id="P10", name="群众乙"))
    since = Period(start=SAMPLE_START)
    orgs = (
        ("WC", "幸福社区党工委", OrgForm.WORKING_COMMITTEE, "community_working_committee", None),
        ("GC", "幸福社区大党委", OrgForm.GRAND_COMMITTEE, "community_grand_committee", "WC"),
        ("B1", "阳光小区党支部", OrgForm.BRANCH, "compound_branch", "GC"),
        ("B2", "和谐小区党支部", OrgForm.BRANCH, "compound_branch", "GC"),
        ("G11", "一号楼党小组", OrgForm.PARTY_GROUP, "building_group", "B1"),
    )
    for oid, name, form, level, parent in orgs:
        tree.found(
            Organisation(id=oid, name=name, form=form, level=level, period=since, parent_id=parent)
        )
    for oid, tid in (("WC", "C1"), ("GC", "C1"), ("B1", "K1"), ("B2", "K2"), ("G11", "K1-1")):
        tree.cover(Coverage(org_id=oid, territory_id=tid, period=since))
    for n in range(4):
        tree.add_membership(Membership(id=f"M{n}", person_id=f"P{n}", org_id="B1", period=since))
    tree.add_membership(
        Membership(
            id="M4",
            person_id="P4",
            org_id="B2",
            period=Period(start=SAMPLE_START, end="2024-07-01"),
        )
    )
    tree.add_report(Report(id="R5", person_id="P5", community_id="C1", grid_id="G1", period=since))
    tree.dissolve("B2", pendulum.Date(2024, 7, 1))
    return tree


def sample_appointments(rules: AppointmentRules | None = None) -> Appointments:
    """The sample world's appointments aggregate: its bodies and contracts, no appointments."""
    since = Period(start=SAMPLE_START)
    records = AppointmentRecords(
        bodies=(
            Body(id="RC", kind=BodyKind.RESIDENTS_COMMITTEE, name="幸福社区居委会", period=since,
                 territory_id="C1"),
            Body(id="OA1", kind=BodyKind.OWNERS_ASSEMBLY, name="阳光小区业主大会", period=since,
                 territory_id="K1"),
            Body(id="OC1", kind=BodyKind.OWNERS_COMMITTEE, name="阳光小区业委会", period=since,
                 territory_id="K1", parent_id="OA1"),
            Body(id="OA2", kind=BodyKind.OWNERS_ASSEMBLY, name="和谐小区业主大会", period=since,
                 territory_id="K2"),
            Body(id="OC2", kind=BodyKind.OWNERS_COMMITTEE, name="和谐小区业委会",
                 period=Period(start="2022-01-01"), territory_id="K2", parent_id="OA2"),
            Body(id="PC", kind=BodyKind.PROPERTY_COMPANY, name="安居物业", period=since),
            Body(id="RU", kind=BodyKind.RESIDENT_UNIT, name="县供电公司", period=since,
                 territory_id="C1"),
            Body(id="SO", kind=BodyKind.SOCIAL_ORGANISATION, name="邻里互助会",
                 period=Period(start=SAMPLE_START, end="2025-01-01"), territory_id="C1"),
        ),
        contracts=(
            ServiceContract(id="SC1", company_id="PC", compound_id="K1", period=since),
            ServiceContract(id="SC2", company_id="PC", compound_id="K2",
                            period=Period(start="2022-01-01")),
        ),
    )  # fmt: skip
    tree = sample_tree()
    if rules is None:
        return Appointments.from_records(tree, records)
    return Appointments.from_records(tree, records, rules)


# == candidates over a world ===============================================================
# Candidates pick from lists that depend on the aggregate's state; they draw indices with
# cached integer strategies rather than build a new strategy per list, which keeps them fast.

_BOOLS = st.booleans()
_POSTS = st.sampled_from(PostKind)
_SOURCES = st.sampled_from(PartTimeSource)
_GRADES = st.sampled_from(Grade)
_REASONS = st.sampled_from(EndReason)


def _pick(draw: st.DrawFn, items: Sequence[str]) -> str:
    return items[draw(st.integers(0, len(items) - 1))]


def _maybe(draw: st.DrawFn, items: Sequence[str]) -> str | None:
    return _pick(draw, items) if draw(_BOOLS) else None


@st.composite
def part_time_candidates(draw: st.DrawFn, appointments: Appointments) -> PartTimeBasis:
    """A part-time basis naming ties in the world (or not), valid as a record."""
    tree = appointments.tree
    appointment_ids = [*(a.id for a in appointments.appointments()), "A-missing"]
    membership_ids = [
        *(m.id for p in tree.people() for m in tree.memberships_of(p.id)),
        "M-missing",
    ]
    source = draw(_SOURCES)
    ties = [
        _maybe(draw, appointment_ids),
        _maybe(draw, membership_ids),
        _maybe(draw, ("R5", "R-missing")),
    ]
    if all(tie is None for tie in ties):
        ties[2] = "R5"
    unit = None
    if source is PartTimeSource.RESIDENT_UNIT:
        unit = _pick(draw, [*(b.id for b in appointments.records().bodies), "U-missing"])
    return PartTimeBasis(
        source=source,
        unit_id=unit,
        appointment_id=ties[0],
        membership_id=ties[1],
        report_id=ties[2],
    )


def _maybe_missing(ids: list[str], missing: str, plausible: bool) -> list[str]:
    return ids if plausible and ids else [*ids, missing]


@st.composite
def appointment_candidates(
    draw: st.DrawFn,
    appointments: Appointments,
    ids: Sequence[str] = (),
    plausible: bool | None = None,
) -> Appointment:
    """An appointment naming people, organisations, bodies and territory of the world, which
    the aggregate may accept or reject; always valid as a record.

    About half the candidates are plausible (an organisation or body whose form or kind
    allows the post, a territory of the right kind, a full member for a party post); the
    others name anything, including ids the world does not have.

    Args:
        draw: Supplied by hypothesis.
        appointments: The aggregate whose world is drawn from.
        ids: Ids to draw from (default: ``A0``–``A39``); reused ids test uniqueness.
        plausible: Only plausible candidates (``True``), only arbitrary ones (``False``) or
            either (``None``).
    """
    tree = appointments.tree
    post = draw(_POSTS)
    in_org = bool(post.org_forms) and (not post.body_kinds or draw(_BOOLS))
    if plausible is None:
        plausible = draw(_BOOLS)
    territory = None
    if post.territory_required or (post.territory_kind is not None and draw(_BOOLS)):
        places = [t.id for t in tree.territories if not plausible or t.kind is post.territory_kind]
        territory = _pick(draw, places)
    if in_org:
        orgs = [
            o.id
            for o in tree.records().orgs
            if not plausible or tree.history(o.id)[-1].form in post.org_forms
        ]
        org_id, body_id = _pick(draw, _maybe_missing(orgs, "O-missing", plausible)), None
    else:
        bodies_ = [
            b.id
            for b in appointments.records().bodies
            if not plausible or b.kind in post.body_kinds
        ]
        org_id, body_id = None, _pick(draw, _maybe_missing(bodies_, "B-missing", plausible))
    people = [
        p.id for p in tree.people() if not plausible or not in_org or p.full_member_on is not None
    ]
    person_id = _pick(draw, _maybe_missing(people, "P-missing", plausible))
    period = draw(sample_periods())
    basis = draw(part_time_candidates(appointments)) if post is PostKind.PART_TIME_MEMBER else None
    pool = [
        i
        for i in (ids or [f"A{n}" for n in range(40)])
        if basis is None or i != basis.appointment_id
    ]
    return Appointment(
        id=_pick(draw, pool),
        person_id=person_id,
        post=post,
        period=period,
        org_id=org_id,
        body_id=body_id,
        territory_id=territory,
        end_reason=draw(_REASONS) if period.end and draw(_BOOLS) else None,
        part_time=basis,
    )


@st.composite
def evaluation_candidates(draw: st.DrawFn, appointments: Appointments) -> Evaluation:
    """An evaluation naming people and organisations of the world, which the aggregate may
    accept or reject; always valid as a record.

    Once someone holds a post in an evaluating organisation, three candidates in four are
    plausible: made by such a holder on a day they hold it, for the half-year before."""
    tree = appointments.tree
    people = [*(p.id for p in tree.people()), "P-missing"]
    kinds = appointments.rules.evaluating_territory_kinds
    held = [
        (a, day)
        for a in appointments.appointments()
        if a.org_id is not None
        and tree.schema.level(tree.history(a.org_id)[0].level).territory_kinds & kinds
        for day in SAMPLE_DAYS[2:]
        if a.period.contains(day)
    ]
    score = draw(st.integers(0, 120)) if draw(_BOOLS) else None
    grade = draw(_GRADES) if score is None or draw(_BOOLS) else None
    if len(held) > 0 and draw(st.integers(0, 3)) > 0:
        post, evaluated_on = held[draw(st.integers(0, len(held) - 1))]
        assert post.org_id is not None
        period = Period.of(PeriodKind.HALF_YEAR, evaluated_on.subtract(days=1))
        org_id, evaluator = post.org_id, post.person_id
        people = [p.id for p in tree.people() if p.admitted_on is not None]
    else:
        orgs = [*(o.id for o in appointments.tree.records().orgs), "O-missing"]
        org_id, evaluator = _pick(draw, orgs), _pick(draw, people)
        period = Period.half_year(draw(st.integers(2020, 2025)), draw(st.integers(1, 2)))
        evaluated_on = period.start.add(months=draw(st.integers(3, 7)))
    return Evaluation(
        id=f"E{draw(st.integers(0, 14))}",
        person_id=_pick(draw, people),
        org_id=org_id,
        evaluator_id=evaluator,
        period=period,
        evaluated_on=evaluated_on,
        score=score,
        grade=grade,
    )


@st.composite
def populated_appointments(draw: st.DrawFn, attempts: int = 20) -> Appointments:
    """The sample aggregate after ``attempts`` random appointments and evaluations, keeping
    those it accepts: a valid aggregate with a random history."""
    appointments = sample_appointments()
    for _ in range(attempts):
        try:
            if draw(st.integers(0, 4)) == 0:
                appointments.evaluate(draw(evaluation_candidates(appointments)))
            else:
                appointments.appoint(draw(appointment_candidates(appointments)))
        except NeighborhoodPBError:
            pass
    return appointments
