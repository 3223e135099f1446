"""Whole-model checks of posts and cross-appointments, returning findings (检查).

Each check is a function of an :class:`AppointmentCheckContext` that yields
:class:`~neighborhood_pb.errors.Finding` records. :data:`APPOINTMENT_CHECKS` lists the
built-in ones; an application may pass its own list to :func:`run_appointment_checks`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import Finding, ParamValue, Severity
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.posts.cross import cross_appointments_at, party_orgs_serving
from neighborhood_pb.structure.posts.records import Appointment, PostKind
from neighborhood_pb.structure.posts.rules import APPOINTMENT_RULE_SOURCES, AppointmentRules
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "APPOINTMENT_CHECKS",
    "AppointmentCheck",
    "AppointmentCheckContext",
    "check_compound_cross_appointment",
    "check_concurrent_posts",
    "check_owners_committee_party_org",
    "check_owners_committee_share",
    "check_part_time_basis",
    "check_references",
    "check_supervision_conflicts",
    "run_appointment_checks",
]


def _on_day(value: Any) -> pendulum.Date:
    return as_date(value, "on")


@attrs.frozen(kw_only=True)
class AppointmentCheckContext:
    """What a check looks at.

    Attributes:
        appointments: The aggregate (its ``rules`` are the thresholds in force).
        on: The day the checks are made for.
    """

    appointments: Appointments
    on: pendulum.Date = attrs.field(converter=_on_day)

    @property
    def rules(self) -> AppointmentRules:
        """The rules in force."""
        return self.appointments.rules

    @property
    def tree(self) -> OrgTree:
        """The organisation tree."""
        return self.appointments.tree


AppointmentCheck = Callable[[AppointmentCheckContext], Iterable[Finding]]
"""A whole-model check: reads the context, yields findings."""


def _finding(
    code: str,
    severity: Severity,
    subject: str,
    message: str,
    rule: str,
    name: str = "",
    **params: ParamValue,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        subject=subject,
        subject_name=name,
        message=message,
        rule=APPOINTMENT_RULE_SOURCES[rule],
        params=params,
    )


def check_owners_committee_share(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """Owners' committees whose party-member share is below the target."""
    rules, tree, on = ctx.rules, ctx.tree, ctx.on
    target = rules.owners_committee_party_share_percent
    for body in ctx.appointments.bodies(on, BodyKind.OWNERS_COMMITTEE):
        members = {
            a.person_id
            for a in ctx.appointments.appointments_in_body(body.id, on)
            if a.post in rules.owners_committee_seats
        }
        if not members:
            continue
        party = sum(1 for p in members if tree.person(p).is_party_member(on))
        if party * 100 < target * len(members):
            yield _finding(
                "owners_committee.party_share_below_target",
                Severity.WARNING,
                body.id,
                f"{body.name} ({body.id}): {party} of {len(members)} members are party members, "
                f"below the target of {target}%",
                "owners_committee_party_share_percent",
                body.name,
                party=party,
                members=len(members),
                target=target,
            )


def check_owners_committee_party_org(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """Owners' committees without a party organisation of their own or over their compound."""
    tree, on = ctx.tree, ctx.on
    for body in ctx.appointments.bodies(on, BodyKind.OWNERS_COMMITTEE):
        assert body.territory_id is not None
        own = body.party_org_id is not None and tree.version_at(body.party_org_id, on) is not None
        if own or party_orgs_serving(tree, body.territory_id, on):
            continue
        yield _finding(
            "owners_committee.no_party_org",
            Severity.WARNING,
            body.id,
            f"{body.name} ({body.id}): no party organisation in it or over {body.territory_id}",
            "owners_committee_party_org",
            body.name,
            territory=body.territory_id,
        )


def check_compound_cross_appointment(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """Compounds with a party organisation, an owners' committee and a property company, but
    nobody holding posts on both sides."""
    appointments, tree, on = ctx.appointments, ctx.tree, ctx.on
    for body in appointments.bodies(on, BodyKind.OWNERS_COMMITTEE):
        compound = body.territory_id
        assert compound is not None
        serving = appointments.bodies_serving(compound, on)
        if not any(b.kind is BodyKind.PROPERTY_COMPANY for b in serving):
            continue
        if not party_orgs_serving(tree, compound, on):
            continue
        if cross_appointments_at(appointments, compound, on):
            continue
        yield _finding(
            "compound.no_cross_appointment",
            Severity.WARNING,
            compound,
            f"compound {compound} has a party organisation, an owners' committee and a property "
            "company, but nobody holds posts on both sides (双向进入、交叉任职)",
            "cross_appointment",
            tree.territories.get(compound).name,
        )


def check_supervision_conflicts(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """Property supervision members who work for a property company serving the compound."""
    appointments, on = ctx.appointments, ctx.on
    for appointment in appointments.appointments(on):
        if appointment.post is not PostKind.PROPERTY_SUPERVISION_MEMBER:
            continue
        compound = appointment.territory_id
        assert compound is not None
        for company in appointments.bodies_serving(compound, on):
            if company.kind is not BodyKind.PROPERTY_COMPANY:
                continue
            staff = [
                a.id
                for a in appointments.appointments_in_body(company.id, on)
                if a.person_id == appointment.person_id
            ]
            if staff:
                yield _finding(
                    "conflict.supervision_by_company_staff",
                    Severity.ERROR,
                    appointment.id,
                    f"{appointment.person_id} supervises the property service of {compound} "
                    f"({appointment.id}) while working for {company.id}, which serves it "
                    f"({', '.join(staff)})",
                    "supervision_conflict",
                    person=appointment.person_id,
                    person_name=ctx.tree.person(appointment.person_id).name,
                    territory=compound,
                    company=company.id,
                    staff="、".join(staff),
                )


def check_concurrent_posts(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """People holding more posts at once than the maximum."""
    limit = ctx.rules.max_concurrent_posts
    held: dict[str, list[Appointment]] = {}
    for appointment in ctx.appointments.appointments(ctx.on):
        held.setdefault(appointment.person_id, []).append(appointment)
    for person_id, posts in held.items():
        if len(posts) > limit:
            names = "、".join(f"{a.post.label_zh}@{a.holder_id}" for a in posts)
            yield _finding(
                "posts.too_many",
                Severity.WARNING,
                person_id,
                f"{person_id} holds {len(posts)} posts at once, more than {limit}: {names}",
                "max_concurrent_posts",
                ctx.tree.person(person_id).name,
                count=len(posts),
                maximum=limit,
                posts=names,
            )


def _tie_periods(
    ctx: AppointmentCheckContext, appointment: Appointment
) -> Iterator[tuple[str, Period]]:
    basis = appointment.part_time
    assert basis is not None
    if basis.appointment_id is not None:
        yield basis.appointment_id, ctx.appointments.appointment(basis.appointment_id).period
    if basis.membership_id is not None:
        yield basis.membership_id, ctx.tree.membership(basis.membership_id).period
    if basis.report_id is not None:
        yield basis.report_id, ctx.tree.report(basis.report_id).period


def check_part_time_basis(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """Part-time members whose outside post, membership or report has ended."""
    for appointment in ctx.appointments.appointments(ctx.on):
        if appointment.part_time is None:
            continue
        ended = [
            tie for tie, period in _tie_periods(ctx, appointment) if not period.contains(ctx.on)
        ]
        if ended:
            yield _finding(
                "part_time.basis_ended",
                Severity.WARNING,
                appointment.id,
                f"part-time member {appointment.person_id} of {appointment.org_id} "
                f"({appointment.id}) no longer holds {', '.join(ended)}; review the seat",
                "part_time_basis",
                person=appointment.person_id,
                person_name=ctx.tree.person(appointment.person_id).name,
                org=appointment.org_id or "",
                ties="、".join(ended),
            )


def check_references(ctx: AppointmentCheckContext) -> Iterator[Finding]:
    """Records in effect that now point at something the tree no longer has that day (the tree
    changed after they were recorded: an organisation dissolved, a territory ended, a person's
    admission corrected)."""
    appointments, tree, on = ctx.appointments, ctx.tree, ctx.on
    territories = tree.territories
    for body in appointments.bodies(on):
        if body.territory_id is not None and not territories.get(body.territory_id).period.contains(
            on
        ):
            yield _outlived(
                body.id, f"body {body.id} sits on {body.territory_id}", body.territory_id
            )
    for appointment in appointments.appointments(on):
        if appointment.org_id is not None:
            if tree.version_at(appointment.org_id, on) is None:
                yield _outlived(
                    appointment.id,
                    f"appointment {appointment.id} is held in {appointment.org_id}",
                    appointment.org_id,
                )
            elif appointment.post in ctx.rules.party_member_posts and not tree.person(
                appointment.person_id
            ).is_party_member(on):
                yield _outlived(
                    appointment.id,
                    f"appointment {appointment.id} is a party post held by "
                    f"{appointment.person_id}, not a party member",
                    appointment.person_id,
                )
        if appointment.territory_id is not None and not territories.get(
            appointment.territory_id
        ).period.contains(on):
            yield _outlived(
                appointment.id,
                f"appointment {appointment.id} answers for {appointment.territory_id}",
                appointment.territory_id,
            )


def _outlived(subject: str, what: str, target: str) -> Finding:
    return _finding(
        "reference.outlived",
        Severity.ERROR,
        subject,
        f"{what}, which does not exist (or no longer qualifies) on that day",
        "references",
        target=target,
    )


APPOINTMENT_CHECKS: tuple[AppointmentCheck, ...] = (
    check_references,
    check_owners_committee_share,
    check_owners_committee_party_org,
    check_compound_cross_appointment,
    check_supervision_conflicts,
    check_concurrent_posts,
    check_part_time_basis,
)
"""The built-in appointment checks, in the order they run."""


def run_appointment_checks(
    appointments: Appointments,
    on: _dt.date | str,
    *,
    checks: Sequence[AppointmentCheck] = APPOINTMENT_CHECKS,
) -> tuple[Finding, ...]:
    """Run ``checks`` on the aggregate as of ``on``; findings sorted errors first.

    Args:
        appointments: The aggregate; its rules are the thresholds.
        on: The day to check.
        checks: The checks to run; extend :data:`APPOINTMENT_CHECKS` with your own.
    """
    on = as_date(on, "on")
    ctx = AppointmentCheckContext(appointments=appointments, on=on)
    findings = [finding for check in checks for finding in check(ctx)]
    return tuple(sorted(findings, key=Finding.sort_key))
