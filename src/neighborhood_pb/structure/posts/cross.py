"""The derived cross-appointment view (双向进入、交叉任职), as of a day.

A cross-appointment is one person holding, on the same day, a committee seat in a party
organisation and a post in a non-party body (owners' committee, property company, residents'
committee) serving the same compound or community. Nothing here is stored: every answer is
computed from the appointments aggregate as of the day asked, and sorted, so it does not
depend on the order records were added.

A party organisation serves the compounds and communities it covers; one covering an area or
a grid serves the compounds inside it, one covering a building, unit or household serves the
compound around it. A body serves the territory it sits on, a property company the compounds
it has a contract for.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator

import attrs

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.bodies import BodyKind
from neighborhood_pb.structure.posts.records import Appointment, PostKind
from neighborhood_pb.structure.records import Organisation
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "CrossAppointment",
    "CrossDirection",
    "cross_appointments",
    "cross_appointments_at",
    "cross_appointments_of",
    "cross_appointments_under",
    "party_orgs_serving",
    "party_territories",
]

_T = TerritoryKind
_NEIGHBOURHOODS = frozenset({_T.COMMUNITY, _T.VILLAGE, _T.COMPOUND})
_ABOVE_COMPOUND = frozenset({_T.AREA, _T.GRID})
_INSIDE_COMPOUND = frozenset({_T.BUILDING, _T.UNIT, _T.HOUSEHOLD})


class CrossDirection(enum.Enum):
    """Which way the person crossed: the post they held first decides."""

    PARTY_INTO_BODY = "party_into_body"
    BODY_INTO_PARTY = "body_into_party"
    SIMULTANEOUS = "simultaneous"


@attrs.frozen(kw_only=True)
class CrossAppointment:
    """One person holding a party committee seat and a body post serving the same territory.

    Attributes:
        territory_id: The compound or community both serve.
        person_id: The person.
        org_id: The party organisation.
        party_appointment_id: Their committee seat.
        party_post: Which seat.
        body_id: The non-party body.
        body_kind: Its kind.
        body_appointment_id: Their post in the body.
        body_post: Which post.
        direction: A party member entering the body, a body member entering the party
            committee, or both from the same day.
    """

    territory_id: str
    person_id: str
    org_id: str
    party_appointment_id: str
    party_post: PostKind
    body_id: str
    body_kind: BodyKind
    body_appointment_id: str
    body_post: PostKind
    direction: CrossDirection

    @property
    def label_zh(self) -> str:
        """Chinese description, e.g. "党员进入业委会"."""
        body = self.body_kind.label_zh
        if self.direction is CrossDirection.PARTY_INTO_BODY:
            return f"党员进入{body}"
        if self.direction is CrossDirection.BODY_INTO_PARTY:
            return f"{body}成员进入党组织班子"
        return f"党组织与{body}交叉任职"

    def sort_key(self) -> tuple[str, str, str, str, str]:
        """Stable order: territory, person, organisation, then the two appointments."""
        return (
            self.territory_id,
            self.person_id,
            self.org_id,
            self.party_appointment_id,
            self.body_appointment_id,
        )


def party_territories(tree: OrgTree, org_id: str, on: _dt.date | str) -> frozenset[str]:
    """Ids of the compounds and communities a party organisation serves on ``on``."""
    day = as_date(on, "on")
    places: set[str] = set()
    territories = tree.territories
    for covered in tree.territories_covered(org_id, day):
        if covered.kind in _NEIGHBOURHOODS:
            places.add(covered.id)
        elif covered.kind in _ABOVE_COMPOUND:
            places.update(
                t.id
                for t in territories.descendants(covered.id, day, max_rank=_T.COMPOUND.rank)
                if t.kind is _T.COMPOUND
            )
        elif covered.kind in _INSIDE_COMPOUND:
            places.update(t.id for t in territories.ancestors(covered.id) if t.kind is _T.COMPOUND)
    return frozenset(places)


def party_orgs_serving(
    tree: OrgTree, territory_id: str, on: _dt.date | str
) -> tuple[Organisation, ...]:
    """Party organisations covering a compound or community on ``on`` (for a compound, also
    those covering the area or grid around it)."""
    day = as_date(on, "on")
    found = {org.id: org for org in tree.orgs_covering(territory_id, day)}
    for ancestor in tree.territories.ancestors(territory_id):
        if ancestor.kind in _ABOVE_COMPOUND:
            found.update((org.id, org) for org in tree.orgs_covering(ancestor.id, day))
    return tuple(found.values())


def _eligible_party(appointments: Appointments, appointment: Appointment) -> bool:
    return (
        appointment.org_id is not None and appointment.post in appointments.rules.cross_party_posts
    )


def _pairs(
    appointments: Appointments,
    party: Appointment,
    on: _dt.date,
    territory_id: str | None = None,
) -> Iterator[CrossAppointment]:
    assert party.org_id is not None
    places = party_territories(appointments.tree, party.org_id, on)
    if territory_id is not None:
        places = places & {territory_id}
    if not places:
        return
    rules = appointments.rules
    for other in appointments.appointments_of(party.person_id, on):
        if other.body_id is None or other.post not in rules.cross_body_posts:
            continue
        body = appointments.body(other.body_id)
        if body.kind not in rules.cross_body_kinds:
            continue
        for place in appointments.served_territories(body.id, on):
            if place not in places:
                continue
            if party.period.start < other.period.start:
                direction = CrossDirection.PARTY_INTO_BODY
            elif other.period.start < party.period.start:
                direction = CrossDirection.BODY_INTO_PARTY
            else:
                direction = CrossDirection.SIMULTANEOUS
            yield CrossAppointment(
                territory_id=place,
                person_id=party.person_id,
                org_id=party.org_id,
                party_appointment_id=party.id,
                party_post=party.post,
                body_id=body.id,
                body_kind=body.kind,
                body_appointment_id=other.id,
                body_post=other.post,
                direction=direction,
            )


def _collect(
    appointments: Appointments,
    parties: Iterator[Appointment],
    on: _dt.date,
    territory_id: str | None = None,
) -> tuple[CrossAppointment, ...]:
    found = {
        cross.sort_key(): cross
        for party in parties
        if _eligible_party(appointments, party)
        for cross in _pairs(appointments, party, on, territory_id)
    }
    return tuple(found[key] for key in sorted(found))


def cross_appointments(
    appointments: Appointments, on: _dt.date | str
) -> tuple[CrossAppointment, ...]:
    """Every cross-appointment on ``on``, sorted by territory, person and organisation."""
    day = as_date(on, "on")
    return _collect(appointments, iter(appointments.appointments(day)), day)


def cross_appointments_at(
    appointments: Appointments, territory_id: str, on: _dt.date | str
) -> tuple[CrossAppointment, ...]:
    """Cross-appointments serving one compound or community on ``on``."""
    day = as_date(on, "on")
    appointments.tree.territories.get(territory_id)
    people = dict.fromkeys(
        a.person_id
        for body in appointments.bodies_serving(territory_id, day)
        for a in appointments.appointments_in_body(body.id, day)
    )
    parties = (a for person in people for a in appointments.appointments_of(person, day))
    return _collect(appointments, parties, day, territory_id)


def cross_appointments_of(
    appointments: Appointments, person_id: str, on: _dt.date | str
) -> tuple[CrossAppointment, ...]:
    """One person's cross-appointments on ``on``."""
    day = as_date(on, "on")
    return _collect(appointments, iter(appointments.appointments_of(person_id, day)), day)


def cross_appointments_under(
    appointments: Appointments, org_id: str, on: _dt.date | str
) -> tuple[CrossAppointment, ...]:
    """Cross-appointments whose party seat lies in an organisation's subtree on ``on``."""
    day = as_date(on, "on")
    parties = (
        a
        for org in appointments.tree.subtree(org_id, day)
        for a in appointments.appointments_in_org(org.id, day)
    )
    return _collect(appointments, parties, day)
