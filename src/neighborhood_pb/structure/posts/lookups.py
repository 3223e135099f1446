"""Errors and look-ups shared by the components of the appointments aggregate (任职).

Each look-up turns a missing record into an
:class:`~neighborhood_pb.errors.UnknownRecordError` that names the record being validated.
"""

from __future__ import annotations

from neighborhood_pb.errors import RuleViolationError, UnknownRecordError
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.territory import Territory
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["find_person", "find_territory", "refuse", "unknown"]


def refuse(message: str, subject: str, rule: str) -> RuleViolationError:
    """A rule violation naming ``subject`` and ``rule``."""
    return RuleViolationError(message, subject=subject, rule=rule)


def unknown(message: str, subject: str) -> UnknownRecordError:
    """A missing reference from ``subject``."""
    return UnknownRecordError(message, subject=subject, rule="reference.exists")


def find_person(tree: OrgTree, person_id: str, subject: str) -> Person:
    """The person ``person_id`` of ``tree``, or an error naming ``subject``."""
    try:
        return tree.person(person_id)
    except UnknownRecordError:
        raise unknown(f"{subject}: no person {person_id}", subject) from None


def find_territory(tree: OrgTree, territory_id: str, subject: str) -> Territory:
    """The territory ``territory_id`` of ``tree``, or an error naming ``subject``."""
    try:
        return tree.territories.get(territory_id)
    except UnknownRecordError:
        raise unknown(f"{subject}: no territory {territory_id}", subject) from None
