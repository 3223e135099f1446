"""A :class:`~neighborhood_pb.governance.standing.Standing` over an application's
appointments (任职) and the residences it knows.

Posts come from :class:`~neighborhood_pb.structure.posts.appointments.Appointments` (or any
object with the same two lookups): a post in a party organisation, or any appointment in a
non-party body (an owners' committee, a property company). Employment by a company is an
appointment in its body, named by the appointment's id.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Protocol

from neighborhood_pb.governance.standing import ExplicitStanding, Residence
from neighborhood_pb.structure.posts.records import Appointment

__all__ = ["AppointmentStanding", "PostsView"]


class PostsView(Protocol):
    """The two lookups of the appointments aggregate this standing needs."""

    def holds_post(self, person_id: str, org_id: str, on: _dt.date | str) -> bool:
        """Whether ``person_id`` holds a post in the party organisation ``org_id``."""
        ...  # pragma: no cover

    def appointments_in_body(
        self, body_id: str, on: _dt.date | str | None = None
    ) -> tuple[Appointment, ...]:
        """Appointments in a non-party body in effect on ``on``."""
        ...  # pragma: no cover


class AppointmentStanding:
    """Posts and employment from appointments; residence from explicit records.

    Args:
        posts: The appointments (an ``Appointments`` aggregate).
        residences: Where people live, with their households.
    """

    __slots__ = ("_posts", "_residences")

    def __init__(self, posts: PostsView, residences: Iterable[Residence] = ()) -> None:
        self._posts = posts
        self._residences = ExplicitStanding(residences=tuple(residences))

    def holds_post(self, person_id: str, org_id: str, on: _dt.date) -> bool:
        """A post in the party organisation, or an appointment in the body, ``org_id``."""
        if self._posts.holds_post(person_id, org_id, on):
            return True
        return self.employment(person_id, org_id, on) is not None

    def resides_in(self, person_id: str, territory_id: str, on: _dt.date) -> bool:
        """Whether a residence puts ``person_id`` in ``territory_id`` on ``on``."""
        return self._residences.resides_in(person_id, territory_id, on)

    def household_of(self, person_id: str, on: _dt.date) -> str | None:
        """The household of the residence in effect on ``on``."""
        return self._residences.household_of(person_id, on)

    def employment(self, person_id: str, company_id: str, on: _dt.date) -> str | None:
        """The id of ``person_id``'s appointment in the body ``company_id`` on ``on``."""
        for appointment in self._posts.appointments_in_body(company_id, on):
            if appointment.person_id == person_id:
                return appointment.id
        return None
