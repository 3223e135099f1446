"""Who may review claims (审核权限).

A reviewer must hold a post in the member's reporting community organisation or in an
organisation above it, on the day of the review, and is never the member. Posts are kept by
the appointments part of an application; the ledger only asks a :class:`ReviewerAuthority`,
so any object with a ``holds_post`` method will do. :class:`ExplicitAuthority` is a simple one
built from an explicit list of grants, for tests, examples and small deployments.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors.validators import non_empty_text

__all__ = ["ExplicitAuthority", "PostGrant", "ReviewerAuthority"]


@runtime_checkable
class ReviewerAuthority(Protocol):
    """Answers whether a person holds a post in an organisation on a day."""

    def holds_post(self, person_id: str, org_id: str, on: pendulum.Date) -> bool:
        """Whether ``person_id`` holds a post in ``org_id`` on ``on``."""
        ...  # pragma: no cover


@attrs.frozen(kw_only=True)
class PostGrant:
    """A person holds a post in an organisation for a period.

    Attributes:
        person_id: The person.
        org_id: The organisation.
        period: When.
        title: What the post is (e.g. "社区党委书记"), for display.
    """

    person_id: str = attrs.field(validator=non_empty_text)
    org_id: str = attrs.field(validator=non_empty_text)
    period: Period
    title: str = ""


def _grants(value: Iterable[PostGrant]) -> tuple[PostGrant, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ExplicitAuthority:
    """A :class:`ReviewerAuthority` over an explicit tuple of :class:`PostGrant` records.

    Attributes:
        grants: The posts held.
    """

    grants: tuple[PostGrant, ...] = attrs.field(default=(), converter=_grants)
    _index: Mapping[str, Mapping[str, tuple[Period, ...]]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, dict[str, list[Period]]] = {}
        for grant in self.grants:
            index.setdefault(grant.person_id, {}).setdefault(grant.org_id, []).append(grant.period)
        frozen = {p: {o: tuple(v) for o, v in orgs.items()} for p, orgs in index.items()}
        object.__setattr__(self, "_index", frozen)

    def holds_post(self, person_id: str, org_id: str, on: _dt.date | str) -> bool:
        """Whether a grant puts ``person_id`` in ``org_id`` on ``on``."""
        if type(on) is not pendulum.Date:  # the ledger asks with a Date on every review
            on = as_date(on, "on")
        orgs = self._index.get(person_id)
        if orgs is None:
            return False
        for period in orgs.get(org_id, ()):
            if period.start <= on and (period.end is None or on < period.end):
                return True
        return False
