"""Metric passes over bodies, posts and appointments (双向进入、交叉任职, 两个覆盖)."""

from __future__ import annotations

from collections.abc import Mapping

from neighborhood_pb.metrics.context import TOTAL, PassContext
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.bodies import Body, BodyKind
from neighborhood_pb.structure.posts.cross import cross_appointments_at, party_orgs_serving
from neighborhood_pb.structure.posts.part_time import CommitteeTier, part_time_summary
from neighborhood_pb.structure.posts.records import PostKind

__all__ = [
    "OWNERS_COMMITTEE_METRICS",
    "PART_TIME_METRICS",
    "PART_TIME_TIER_METRICS",
    "TWO_NEW_KINDS",
    "TWO_NEW_METRICS",
    "headed_buildings",
    "owners_committee_pass",
    "part_time_pass",
    "two_new_pass",
]

OWNERS_COMMITTEE_METRICS = frozenset(
    {
        "owners_committee_party_share",
        "owners_committee_party_org_coverage",
        "cross_appointment_rate",
    }
)
PART_TIME_TIER_METRICS: Mapping[CommitteeTier, str] = {
    CommitteeTier.STREET: "part_time_members_per_street_committee",
    CommitteeTier.COMMUNITY: "part_time_members_per_community_committee",
    CommitteeTier.GRID: "part_time_members_per_grid_branch",
}
"""The metric of each committee tier (街道大工委、社区大党委、网格大支部)."""
PART_TIME_METRICS = frozenset({"part_time_members_per_committee", *PART_TIME_TIER_METRICS.values()})
TWO_NEW_METRICS = frozenset({"two_new_org_coverage", "two_new_work_coverage"})

TWO_NEW_KINDS = frozenset({BodyKind.PROPERTY_COMPANY, BodyKind.SOCIAL_ORGANISATION})
"""Bodies counted as "two new" organisations (“两新”组织): property-service companies (new
economic organisations) and social organisations. Resident units are left out: the record
does not say whether a unit is an agency, a school or an enterprise."""


def _appointments(ctx: PassContext) -> Appointments:
    appointments = ctx.inputs.appointments
    assert appointments is not None  # the engine runs this pass only when present
    return appointments


def headed_buildings(ctx: PassContext) -> frozenset[str]:
    """Buildings with a building head (楼栋长) who is a party member on the day."""
    appointments = _appointments(ctx)
    tree, day = ctx.inputs.tree, ctx.day
    return frozenset(
        a.territory_id
        for a in appointments.appointments(day)
        if a.post is PostKind.BUILDING_HEAD
        and a.territory_id is not None
        and tree.person(a.person_id).is_party_member(day)
    )


def _body_scope(ctx: PassContext, appointments: Appointments, body: Body) -> str | None:
    if body.territory_id is not None:
        return ctx.scope(body.territory_id)
    served = sorted(appointments.served_territories(body.id, ctx.day))
    return ctx.scope(served[0]) if served else TOTAL


def owners_committee_pass(ctx: PassContext) -> None:
    """Owners' committees: party-member share, party organisation, cross-appointment."""
    appointments = _appointments(ctx)
    tree, day, sums, wanted = ctx.inputs.tree, ctx.day, ctx.sums, ctx.wanted
    compounds_seen: set[str] = set()
    for body in appointments.bodies(day, BodyKind.OWNERS_COMMITTEE):
        compound = body.territory_id
        assert compound is not None  # an owners' committee always sits in a compound
        scope = ctx.scope(compound)
        if scope is None:
            continue
        serving = party_orgs_serving(tree, compound, day)
        if "owners_committee_party_share" in wanted:
            members = {a.person_id for a in appointments.appointments_in_body(body.id, day)}
            for person_id in members:
                sums.add(
                    "owners_committee_party_share",
                    scope,
                    tree.person(person_id).is_party_member(day),
                )
        if "owners_committee_party_org_coverage" in wanted:
            own = body.party_org_id is not None and tree.version_at(body.party_org_id, day)
            sums.add("owners_committee_party_org_coverage", scope, bool(own or serving))
        if "cross_appointment_rate" in wanted and serving and compound not in compounds_seen:
            compounds_seen.add(compound)
            hit = bool(cross_appointments_at(appointments, compound, day))
            sums.add("cross_appointment_rate", scope, hit)


def part_time_pass(ctx: PassContext) -> None:
    """Part-time committee members (兼职委员) per committee that has them: per tier, as the
    sources print them, and all tiers pooled."""
    summary = part_time_summary(_appointments(ctx), ctx.day)
    sums = ctx.sums
    for committee in summary.committees:
        scope = ctx.org_scope(committee.org_id)
        if scope is None:
            continue
        for metric_id in (
            "part_time_members_per_committee",
            PART_TIME_TIER_METRICS[committee.tier],
        ):
            sums.add_numerator(metric_id, scope, committee.members)
            sums.add_denominator(metric_id, scope, 1)


def two_new_pass(ctx: PassContext) -> None:
    """“两个覆盖”: party organisation and party work in the two-new organisations.

    Organisation coverage: the body has a party organisation of its own in effect. Work
    coverage: it has one, or a party member holds a post in it.
    """
    appointments = _appointments(ctx)
    tree, day, sums = ctx.inputs.tree, ctx.day, ctx.sums
    for body in appointments.bodies(day):
        if body.kind not in TWO_NEW_KINDS:
            continue
        scope = _body_scope(ctx, appointments, body)
        if scope is None:
            continue
        organised = body.party_org_id is not None and tree.version_at(body.party_org_id, day)
        sums.add("two_new_org_coverage", scope, bool(organised))
        worked = bool(organised) or any(
            tree.person(a.person_id).is_party_member(day)
            for a in appointments.appointments_in_body(body.id, day)
        )
        sums.add("two_new_work_coverage", scope, worked)
