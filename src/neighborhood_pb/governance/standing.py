"""Who stands where (身份核验): posts, residence and employment, asked through a protocol.

Governance never reads appointments or households itself: the caller passes an object with
the four methods of :class:`Standing` (the appointments and territory of an application
already answer them). :class:`ExplicitStanding` is a simple one built from explicit grants,
for tests, examples and small deployments.
"""

from __future__ import annotations

import datetime as _dt
from typing import Protocol, runtime_checkable

import attrs

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = ["Employment", "ExplicitStanding", "PostHolding", "Residence", "Standing"]


@runtime_checkable
class Standing(Protocol):
    """Answers who holds a post, who lives where and who works for whom, on a day."""

    def holds_post(self, person_id: str, org_id: str, on: _dt.date) -> bool:
        """Whether ``person_id`` holds a post in the organisation or body ``org_id``."""
        ...  # pragma: no cover

    def resides_in(self, person_id: str, territory_id: str, on: _dt.date) -> bool:
        """Whether ``person_id`` lives in ``territory_id`` (or a territory under it)."""
        ...  # pragma: no cover

    def household_of(self, person_id: str, on: _dt.date) -> str | None:
        """The household ``person_id`` belongs to, if any."""
        ...  # pragma: no cover

    def employment(self, person_id: str, company_id: str, on: _dt.date) -> str | None:
        """The id of the appointment employing ``person_id`` at ``company_id``, if any."""
        ...  # pragma: no cover


@attrs.frozen(kw_only=True)
class PostHolding:
    """A person holds a post in an organisation or body for a period (任职)."""

    person_id: str = attrs.field(validator=non_empty_text)
    org_id: str = attrs.field(validator=non_empty_text)
    period: Period
    title: str = ""


@attrs.frozen(kw_only=True)
class Residence:
    """A person lives in a territory, in a household, for a period (居住)."""

    person_id: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    period: Period
    household_id: str | None = None


@attrs.frozen(kw_only=True)
class Employment:
    """A person works for a company under an appointment, for a period (受雇)."""

    appointment_id: str = attrs.field(validator=non_empty_text)
    person_id: str = attrs.field(validator=non_empty_text)
    company_id: str = attrs.field(validator=non_empty_text)
    period: Period


@attrs.frozen(kw_only=True)
class ExplicitStanding:
    """A :class:`Standing` over explicit tuples of grants (territories are matched exactly).

    Attributes:
        posts: The posts held.
        residences: Where people live.
        employments: Who works for which company.
    """

    posts: tuple[PostHolding, ...] = attrs.field(default=(), converter=_tuple)
    residences: tuple[Residence, ...] = attrs.field(default=(), converter=_tuple)
    employments: tuple[Employment, ...] = attrs.field(default=(), converter=_tuple)

    def holds_post(self, person_id: str, org_id: str, on: _dt.date | str) -> bool:
        """Whether a holding puts ``person_id`` in ``org_id`` on ``on``."""
        on = as_date(on, "on")
        return any(
            p.person_id == person_id and p.org_id == org_id and p.period.contains(on)
            for p in self.posts
        )

    def resides_in(self, person_id: str, territory_id: str, on: _dt.date | str) -> bool:
        """Whether a residence puts ``person_id`` in ``territory_id`` on ``on``."""
        on = as_date(on, "on")
        return any(
            r.person_id == person_id and r.territory_id == territory_id and r.period.contains(on)
            for r in self.residences
        )

    def household_of(self, person_id: str, on: _dt.date | str) -> str | None:
        """The household of the residence in effect on ``on``."""
        on = as_date(on, "on")
        for r in self.residences:
            if r.person_id == person_id and r.period.contains(on):
                return r.household_id
        return None

    def employment(self, person_id: str, company_id: str, on: _dt.date | str) -> str | None:
        """The appointment employing ``person_id`` at ``company_id`` on ``on``."""
        on = as_date(on, "on")
        for e in self.employments:
            if e.person_id == person_id and e.company_id == company_id and e.period.contains(on):
                return e.appointment_id
        return None
