"""The member sections of a reconciliation (党员、报到、任职): memberships, residential
reports and appointments to posts, each matched by its person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.io.registers.changes import ChangeKind
from neighborhood_pb.io.registers.reconcile_state import (
    DiffState,
    by_key,
    fresh_id,
    listed,
    starting,
)
from neighborhood_pb.structure.forms import MembershipKind
from neighborhood_pb.structure.posts.records import Appointment
from neighborhood_pb.structure.records import Membership, Report

__all__ = ["appointments", "memberships", "reports"]

K = TypeVar("K")
H = TypeVar("H", Membership, Appointment)


def _membership_key(membership: Membership) -> tuple[str, str, str]:
    if membership.kind is MembershipKind.FORMAL:
        return membership.person_id, membership.kind.value, ""
    return membership.person_id, membership.kind.value, membership.org_id


def memberships(state: DiffState) -> None:
    """Compare memberships: a formal one by person (another org: a transfer), others by
    person, kind and org."""
    day = state.day
    taken = {m.id: m for m in state.current.structure.memberships}
    current = by_key(listed(state.current.structure.memberships, day), _membership_key)
    incoming = by_key(listed(state.incoming.structure.memberships, day), _membership_key)
    for key, new in incoming.items():
        old = current.get(key)
        person = new.person_id
        org = state.holder(new)
        if old is None:
            after = starting(new, day, id=fresh_id(new.id, taken, day))
            state.add(
                ChangeKind.START_MEMBERSHIP,
                person,
                state.person(person),
                "memberships",
                listed_id=new.id,
                after=after,
                target_id=org[0],
                target_name=org[1],
            )
        elif old.org_id != new.org_id:
            fresh = fresh_id(new.id, taken, day)
            after = attrs.evolve(old, id=fresh, org_id=new.org_id, period=Period(start=day))
            origin = state.holder(old)
            state.add(
                ChangeKind.TRANSFER,
                person,
                state.person(person),
                "memberships",
                listed_id=new.id,
                before=old,
                after=after,
                target_id=org[0],
                target_name=org[1],
                origin_id=origin[0],
                origin_name=origin[1],
            )
        else:
            state.ends_later(old, new, ChangeKind.END_MEMBERSHIP, person, "memberships")
    _end_unlisted(state, current, incoming, ChangeKind.END_MEMBERSHIP, "memberships")


def _end_unlisted(
    state: DiffState,
    current: Mapping[K, H],
    incoming: Mapping[K, object],
    kind: ChangeKind,
    section: str,
) -> None:
    """End (or refuse to end) each held record the incoming register no longer lists, naming
    the organisation or body it was held in (and the post, for an appointment)."""
    for key, old in current.items():
        if key in incoming:
            continue
        origin_id, origin_name = state.holder(old)
        post: dict[str, str] = {"detail": old.post.label_zh} if isinstance(old, Appointment) else {}
        state.end_or_refuse(
            kind,
            old,
            old.person_id,
            state.person(old.person_id),
            section,
            origin_id=origin_id,
            origin_name=origin_name,
            **post,
        )


def _report_key(report: Report) -> str:
    return report.person_id


def reports(state: DiffState) -> None:
    """Compare residential reports by person (another place: the old ends, a new starts)."""
    day = state.day
    taken = {r.id: r for r in state.current.structure.reports}
    current = by_key(listed(state.current.structure.reports, day), _report_key)
    incoming = by_key(listed(state.incoming.structure.reports, day), _report_key)
    for person, new in incoming.items():
        old = current.get(person)
        place = new.grid_id or new.community_id
        same = old is not None and (old.community_id, old.grid_id, old.channels) == (
            new.community_id,
            new.grid_id,
            new.channels,
        )
        if old is not None and same:
            state.ends_later(old, new, ChangeKind.END_REPORT, person, "reports")
            continue
        if old is not None:
            state.end_or_refuse(ChangeKind.END_REPORT, old, person, state.person(person), "reports")
        state.add(
            ChangeKind.START_REPORT,
            person,
            state.person(person),
            "reports",
            listed_id=new.id,
            after=starting(new, day, id=fresh_id(new.id, taken, day)),
            target_id=place,
            target_name=state.place(place),
        )
    for person, old in current.items():
        if person not in incoming:
            state.end_or_refuse(ChangeKind.END_REPORT, old, person, state.person(person), "reports")


def _appointment_key(a: Appointment) -> tuple[object, ...]:
    return a.person_id, a.post, a.org_id, a.body_id, a.territory_id


def appointments(state: DiffState) -> None:
    """Compare appointments by person, post, org or body and territory."""
    day = state.day
    taken = {a.id: a for a in state.current.appointments.appointments}
    current = by_key(listed(state.current.appointments.appointments, day), _appointment_key)
    incoming = by_key(listed(state.incoming.appointments.appointments, day), _appointment_key)
    for key, new in incoming.items():
        old = current.get(key)
        holder = state.holder(new)
        if old is None:
            state.add(
                ChangeKind.APPOINT,
                new.person_id,
                state.person(new.person_id),
                "appointments",
                listed_id=new.id,
                after=starting(new, day, id=fresh_id(new.id, taken, day)),
                target_id=holder[0],
                target_name=holder[1],
                detail=new.post.label_zh,
            )
        else:
            state.ends_later(old, new, ChangeKind.END_APPOINTMENT, new.person_id, "appointments")
    _end_unlisted(state, current, incoming, ChangeKind.END_APPOINTMENT, "appointments")
