"""The governance section of a dataset built into its aggregate (议事协商).

:class:`DatasetStanding` answers the deliberations' questions from the dataset itself: posts
and employment from its appointments, residence from its people's household records (and
any residences the section adds); :func:`section_procedures` are the procedures its matters
may follow.
"""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.governance.appointment_standing import AppointmentStanding
from neighborhood_pb.governance.presets import PRESETS
from neighborhood_pb.governance.procedures import Procedure
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["DatasetStanding", "section_procedures"]


class DatasetStanding:
    """Who stands where, from a dataset's tree and appointments (身份核验).

    A person lives in the territory of their household record and in every territory
    above it (a household of a building of a compound lives in the compound); residences
    the governance section lists are added.

    Args:
        tree: The organisation tree (people, territory).
        appointments: Posts and bodies (an owners' committee, a property company).
        dataset: The dataset (for the section's residences).
    """

    __slots__ = ("_posts", "_tree")

    def __init__(self, tree: OrgTree, appointments: Appointments, dataset: Dataset) -> None:
        self._tree = tree
        self._posts = AppointmentStanding(appointments, dataset.governance.residences)

    def holds_post(self, person_id: str, org_id: str, on: _dt.date) -> bool:
        """A post in the party organisation, or an appointment in the body, ``org_id``."""
        return self._posts.holds_post(person_id, org_id, on)

    def employment(self, person_id: str, company_id: str, on: _dt.date) -> str | None:
        """The appointment employing ``person_id`` in the body ``company_id``."""
        return self._posts.employment(person_id, company_id, on)

    def household_of(self, person_id: str, on: _dt.date) -> str | None:
        """The household record of the person, else the section's residence on ``on``."""
        household = self._household(person_id, on)
        return household if household is not None else self._posts.household_of(person_id, on)

    def resides_in(self, person_id: str, territory_id: str, on: _dt.date) -> bool:
        """Whether the household of ``person_id`` lies in ``territory_id`` (or is it)."""
        if self._posts.resides_in(person_id, territory_id, on):
            return True
        household = self._household(person_id, on)
        if household is None:
            return False
        if household == territory_id:
            return True
        return any(t.id == territory_id for t in self._tree.territories.ancestors(household))

    def _household(self, person_id: str, on: _dt.date) -> str | None:
        try:
            person = self._tree.person(person_id)
        except UnknownRecordError:
            return None
        household = person.household_id
        territories = self._tree.territories.by_id
        if household is None or household not in territories:
            return None
        return household if territories[household].period.contains(on) else None


def section_procedures(dataset: Dataset) -> tuple[Procedure, ...]:
    """The procedures a dataset's matters may follow: the presets and the section's own
    (one with a preset's code replaces it)."""
    own = dataset.governance.procedures
    codes = {procedure.code for procedure in own}
    return (*(p for p in PRESETS if p.code not in codes), *own)
