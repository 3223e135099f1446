"""The records of an organisation tree, as one value (the content of a dataset)."""

from __future__ import annotations

import attrs

from neighborhood_pb.errors import RuleViolationError
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
)
from neighborhood_pb.structure.territory import Territory

__all__ = ["TreeRecords", "refuse"]


@attrs.frozen(kw_only=True)
class TreeRecords:
    """Every record of an :class:`~neighborhood_pb.structure.tree.OrgTree`, as plain tuples.

    Attributes:
        territories: Territory records.
        people: People.
        orgs: Organisation versions, grouped by id in order of time.
        coverage: Coverage records.
        memberships: Memberships.
        reports: Residential reports.
        terms: Election terms.
    """

    territories: tuple[Territory, ...] = ()
    people: tuple[Person, ...] = ()
    orgs: tuple[Organisation, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    memberships: tuple[Membership, ...] = ()
    reports: tuple[Report, ...] = ()
    terms: tuple[ElectionTerm, ...] = ()


def refuse(message: str, subject: str, rule: str) -> RuleViolationError:
    """A rule violation naming ``subject`` and ``rule``."""
    return RuleViolationError(message, subject=subject, rule=rule)
