"""The bundled samples: shipped exactly as the builder writes them, and meaningful."""

from __future__ import annotations

from pathlib import Path

import pytest

from neighborhood_pb import (
    COMMUNITY_FIVE_LEVEL,
    STREET_GRID_FIVE_LEVEL,
    BodyKind,
    CrossDirection,
    EmploymentStatus,
    EndReason,
    MembershipKind,
    OrgForm,
    PartTimeSource,
    Period,
    PostKind,
    Severity,
    TermOrigin,
    TerritoryKind,
    UnknownRecordError,
    civic_year,
    cross_appointments,
    part_time_summary,
)
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample, sample_text
from neighborhood_pb.samples.build import SAMPLE_BUILDERS, main, render
from neighborhood_pb.structure.posts import CommitteeTier, cross_appointments_at


def test_every_sample_has_a_builder() -> None:
    assert tuple(SAMPLE_BUILDERS) == SAMPLE_NAMES


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_shipped_json_is_what_the_builder_writes(name: str) -> None:
    assert sample_text(name) == render(name), "run: python -m neighborhood_pb.samples.build"
    assert load_sample(name) == SAMPLE_BUILDERS[name]()


def test_the_builder_writes_every_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(tmp_path)
    for name in SAMPLE_NAMES:
        assert (tmp_path / f"{name}.json").read_text(encoding="utf-8") == sample_text(name)
    assert capsys.readouterr().out.count("wrote ") == len(SAMPLE_NAMES)


def test_unknown_sample() -> None:
    with pytest.raises(UnknownRecordError, match="samples: community, street"):
        load_sample("city")


def findings(name: str) -> dict[str, set[str]]:
    by_code: dict[str, set[str]] = {}
    for finding in check_dataset(DatasetContext.build(load_sample(name))):
        by_code.setdefault(f"{finding.severity.value}:{finding.code}", set()).add(finding.subject)
    return by_code


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_build_and_hold_people_of_every_kind(name: str) -> None:
    ctx = DatasetContext.build(load_sample(name))
    tree, on = ctx.tree, ctx.on
    assert all(tree.counts_by_level(on).values()), "every level is populated"
    people = list(tree.people())
    assert {p.employment for p in people} >= {
        EmploymentStatus.IN_SERVICE,
        EmploymentStatus.RETIRED,
    }
    assert any(p.is_full_member(on) for p in people)
    assert any(p.is_party_member(on) and not p.is_full_member(on) for p in people)
    root = tree.roots(on)[0]
    assert tree.memberships(root.id, on, kind=MembershipKind.COMPOUND_STYLE, subtree=True)
    assert tree.reported_members(root.id, on)
    assert any(p.phone for p in people)


def test_community_sample() -> None:
    dataset = load_sample("community")
    assert dataset.schema == COMMUNITY_FIVE_LEVEL
    assert findings("community") == {
        "warning:branch.below_minimum": {"QS-HY-B"},
        "warning:committee.not_allowed": {"QS-SF-B"},
        "info:term.due_soon": {"QS-LJ-B"},
        # 和园小区's owners' committee: 1 party member in 3, nobody on both sides yet.
        "warning:owners_committee.party_share_below_target": {"QS-HY-OC"},
        "warning:compound.no_cross_appointment": {"QS-HY"},
        # The points ledger: 孔令辉 served nobody in the third quarter and missed its home
        # days, 蒋雨桐 missed September's, 曹静 links 6 households of the 10 ("1+10").
        "warning:points.home_day_missed": {"QS-P10", "QS-P22"},
        "warning:points.quarterly_service": {"QS-P22"},
        "warning:points.household_links": {"QS-P23"},
        # The deliberations: a matter decided in September was never carried out.
        "warning:governance.step_overdue": {"QS-M1001"},
    }
    tree = DatasetContext.build(dataset).tree
    # 松涛苑 became a joint branch with 枫林里: its history has two versions.
    assert [v.form for v in tree.history("QS-SF-B")] == [OrgForm.BRANCH, OrgForm.JOINT_BRANCH]
    # A revoked report is kept but no longer counts.
    assert len(dataset.structure.reports) == len(tree.reported_members("QS-WC", dataset.as_of)) + 1


def test_street_sample() -> None:
    dataset = load_sample("street")
    assert dataset.schema == STREET_GRID_FIVE_LEVEL
    found = findings("street")
    assert found["error:term.overdue"] == {"XH-MH-W1-B"}
    assert found["warning:branch.below_minimum"] == {"XH-QF-W2-B"}
    assert found["warning:term.expired"] == {"XH-MH-Z"}
    ctx = DatasetContext.build(dataset)
    grids = [t for t in ctx.tree.territories if t.kind is TerritoryKind.GRID]
    assert len({g.code for g in grids}) == len(grids) == 4
    assert all(ctx.tree.territories.grid_by_code(g.code or "", ctx.on) == g for g in grids)
    assert all(r.grid_id for r in dataset.structure.reports)


def test_only_the_street_sample_has_errors() -> None:
    severities = {
        name: {f.severity for f in check_dataset(DatasetContext.build(load_sample(name)))}
        for name in SAMPLE_NAMES
    }
    assert Severity.ERROR not in severities["community"]
    assert Severity.ERROR in severities["street"]


# -- posts and rotations -------------------------------------------------------------------------

COMMUNITY_CTX = DatasetContext.build(load_sample("community"))


def test_an_owners_committee_meets_tonghuas_share() -> None:
    ctx, rules = COMMUNITY_CTX, COMMUNITY_CTX.dataset.appointment_rules
    shares = {}
    for body in ctx.appointments.bodies(ctx.on, BodyKind.OWNERS_COMMITTEE):
        members = {
            a.person_id
            for a in ctx.appointments.appointments_in_body(body.id, ctx.on)
            if a.post in rules.owners_committee_seats
        }
        party = {p for p in members if ctx.tree.person(p).is_party_member(ctx.on)}
        shares[body.id] = (len(party), len(members))
        assert body.parent_id is not None  # elected by an owners' assembly
    assert shares == {"QS-LJ-OC": (3, 5), "QS-HY-OC": (1, 3)}
    assert rules.owners_committee_party_share_percent == 60  # 3 of 5: exactly 通化县's 60 %


def test_cross_appointments_go_both_ways() -> None:
    ctx = COMMUNITY_CTX
    found = cross_appointments(ctx.appointments, ctx.on)
    by_place = {(c.territory_id, c.direction) for c in found}
    assert ("QS-LJ", CrossDirection.PARTY_INTO_BODY) in by_place  # the secretary entered
    assert ("QS-LJ", CrossDirection.BODY_INTO_PARTY) in by_place  # the director was elected
    assert {c.body_kind for c in found} == {BodyKind.OWNERS_COMMITTEE, BodyKind.RESIDENTS_COMMITTEE}
    secretary = next(c for c in found if c.direction is CrossDirection.PARTY_INTO_BODY)
    assert secretary.party_post is PostKind.SECRETARY
    assert cross_appointments_at(ctx.appointments, "QS-HY", ctx.on) == ()
    # The property company serves the compounds through contracts.
    company = ctx.appointments.body("QS-PC1")
    assert company.kind is BodyKind.PROPERTY_COMPANY
    assert set(ctx.appointments.served_territories(company.id, ctx.on)) == {"QS-LJ", "QS-HY"}


def test_every_building_has_a_party_member_building_head() -> None:
    ctx = COMMUNITY_CTX
    heads: dict[str, list[str]] = {}
    for appointment in ctx.appointments.appointments(ctx.on):
        if appointment.post is PostKind.BUILDING_HEAD:
            assert appointment.territory_id is not None
            assert ctx.tree.person(appointment.person_id).is_party_member(ctx.on)
            heads.setdefault(appointment.territory_id, []).append(appointment.person_id)
    buildings = [t.id for t in ctx.tree.territories if t.kind is TerritoryKind.BUILDING]
    assert sorted(heads) == sorted(buildings)
    assert all(len(people) == 1 for people in heads.values())


def test_part_time_members_come_from_resident_units_and_in_service_members() -> None:
    ctx = COMMUNITY_CTX
    summary = part_time_summary(ctx.appointments, ctx.on)
    [committee] = summary.committees
    assert committee.org_id == "QS-GC"
    assert committee.tier is CommitteeTier.COMMUNITY
    assert dict(committee.by_source) == {
        PartTimeSource.RESIDENT_UNIT: 3,
        PartTimeSource.IN_SERVICE_MEMBER: 3,
    }
    people = ctx.tree
    for appointment in ctx.appointments.appointments_in_org("QS-GC", ctx.on):
        if appointment.post is PostKind.PART_TIME_MEMBER:
            assert appointment.part_time is not None
            if appointment.part_time.source is PartTimeSource.IN_SERVICE_MEMBER:
                person = people.person(appointment.person_id)
                assert person.employment is EmploymentStatus.IN_SERVICE
    # One part-time member left when he moved away; his seat is ended, not deleted.
    ended = [a for a in ctx.appointments.appointments_of("QS-P24") if a.period.end is not None]
    assert [a.end_reason for a in ended] == [EndReason.TRANSFERRED]


def test_evaluations_outside_working_hours() -> None:
    ctx = COMMUNITY_CTX
    evaluations = ctx.appointments.records().evaluations
    assert len(evaluations) >= 3
    for evaluation in evaluations:
        assert ctx.appointments.holds_post(
            evaluation.evaluator_id, evaluation.org_id, evaluation.evaluated_on
        )
    summary = ctx.appointments.yearly_summary("QS-P09", 2025)
    assert (summary.count, summary.score_total) == (1, 92)


def test_duty_rotation_over_the_part_time_members() -> None:
    ctx = COMMUNITY_CTX
    [duty] = ctx.duty_rotations
    records = duty.records()
    rules = ctx.dataset.rotation_rules
    part_time = {
        a.person_id: a.period
        for a in ctx.appointments.appointments_in_org("QS-GC")
        if a.post is PostKind.PART_TIME_MEMBER
    }
    # Eligibility is exactly the part-time appointments' periods.
    assert {e.person_id: e.period for e in records.eligibility} == part_time
    assert records.setup.org_id == "QS-GC"
    horizon = Period(start=duty.anchor, end="2027-01-01")
    terms = duty.terms(horizon)
    for index in {t.index for t in terms}:
        months = duty.term_months_on(duty.term_period(index).start)
        assert months is not None
        assert rules.min_term_months <= months <= rules.max_term_months
    assert duty.vacancies(horizon) == ()
    assert {t.origin for t in terms} == {TermOrigin.REGULAR, TermOrigin.OVERRIDE}
    for term in terms:  # nobody is on duty while not a part-time member
        assert part_time[term.person_id].start <= term.period.start


def test_the_chair_rotates_over_the_deliberation_days() -> None:
    ctx = COMMUNITY_CTX
    [chair] = ctx.chair_rotations
    days = [m.deliberation.day for year in (2025, 2026) for m in civic_year(year)]
    assert [m.day for m in chair.meetings()] == days
    cancelled = [m for m in chair.meetings() if m.is_cancelled]
    assert len(cancelled) == 1
    assert chair.chair_of(cancelled[0].day) is None
    chairs = {a.person_id for a in chair.assignments(Period(start="2025-01-01", end="2027-01-01"))}
    units = {
        a.person_id
        for a in ctx.appointments.appointments_in_org("QS-GC", ctx.on)
        if a.part_time is not None and a.part_time.source is PartTimeSource.RESIDENT_UNIT
    }
    assert chairs == units


def test_the_street_has_residents_committees_and_part_time_members_at_every_tier() -> None:
    ctx = DatasetContext.build(load_sample("street"))
    committees = list(ctx.appointments.bodies(ctx.on, BodyKind.RESIDENTS_COMMITTEE))
    communities = [t.id for t in ctx.tree.territories if t.kind is TerritoryKind.COMMUNITY]
    assert sorted(c.territory_id or "" for c in committees) == sorted(communities)
    summary = part_time_summary(ctx.appointments, ctx.on)
    assert all(tier.committees for tier in summary.tiers)
    assert summary.tier(CommitteeTier.STREET).members == 4
    assert ctx.duty_rotations == ctx.chair_rotations == ()
    assert cross_appointments(ctx.appointments, ctx.on)
