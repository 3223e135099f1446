"""Matters and what happens to them (议题与议事记录): append-only events with their authors.

Like Decidim's proposals, a matter has no status column: every step taken is an event
(who, when, what was decided, which minutes or documents), and the state is derived from the
events when asked (:mod:`neighborhood_pb.governance.state`). Like Loomio's outcomes, a
closure may name a day to review what was done.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.instants import local_day
from neighborhood_pb.calendar.periods import DEFAULT_ZONE, as_optional_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.converters import to_frozenset as _frozen
from neighborhood_pb.governance.converters import to_instant as _instant
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = ["Closure", "Decision", "Matter", "Party", "Review", "StepTaken", "local_day", "start_of"]

_BEIJING = pendulum.timezone(DEFAULT_ZONE)


def start_of(day: _dt.date) -> pendulum.DateTime:
    """Midnight at the start of ``day`` in Beijing time."""
    return pendulum.DateTime(day.year, day.month, day.day, tzinfo=_BEIJING)


def _review_on(value: Any) -> pendulum.Date | None:
    return as_optional_date(value, "review_on")


@attrs.frozen(kw_only=True)
class Party:
    """Which organisation or body plays a procedure's role for a matter (议事主体).

    Attributes:
        role: The role a step names (e.g. ``"grid_branch"``).
        org_id: The organisation or body playing it.
    """

    role: str = attrs.field(validator=non_empty_text)
    org_id: str = attrs.field(validator=non_empty_text)


@attrs.frozen(kw_only=True)
class Matter:
    """A matter put to deliberation (议题 / 议事项目).

    Attributes:
        id: The matter.
        title: What it is about.
        proposer_id: Who raised it.
        territory_id: The territory it concerns (its residents may evaluate it).
        category: Free category code (e.g. ``"property"``).
        procedure: Code of the procedure it follows.
        proposed_at: When it was raised.
        parties: Who plays each role of the procedure.
        households: Households it serves (they may evaluate it too).
    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    proposer_id: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    category: str = ""
    procedure: str = attrs.field(validator=non_empty_text)
    proposed_at: pendulum.DateTime = attrs.field(converter=_instant)
    parties: tuple[Party, ...] = attrs.field(default=(), converter=_tuple)
    households: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)

    def __attrs_post_init__(self) -> None:
        roles = [p.role for p in self.parties]
        if len(set(roles)) != len(roles):
            raise InvalidRecordError(
                f"matter {self.id} binds a role twice: {sorted(roles)}",
                subject=self.id,
                rule="matter.parties",
            )

    def party(self, role: str) -> str | None:
        """The organisation or body playing ``role``, if bound."""
        for party in self.parties:
            if party.role == role:
                return party.org_id
        return None


class Decision(enum.Enum):
    """What a step decided (决定)."""

    ADOPTED = "adopted"
    """Agreed: the matter goes on (通过)."""
    REJECTED = "rejected"
    """Refused: the matter ends here (不通过)."""
    SKIPPED = "skipped"
    """The step was passed over (a skippable step only) (略过)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {"adopted": "通过", "rejected": "不通过", "skipped": "略过"}[self.value]


@attrs.frozen(kw_only=True)
class StepTaken:
    """One step taken on a matter: an append-only event (议事记录).

    Attributes:
        id: The event.
        matter_id: The matter.
        step: Code of the step in the matter's procedure.
        actor_id: Who took it (for the owners' assembly: who recorded the result).
        at: When.
        decision: What was decided.
        references: Minutes, documents or a meeting id (会议记录、文件).
        vote_id: For an owners' assembly step: the vote that decided it.
    """

    id: str = attrs.field(validator=non_empty_text)
    matter_id: str = attrs.field(validator=non_empty_text)
    step: str = attrs.field(validator=non_empty_text)
    actor_id: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=_instant)
    decision: Decision = Decision.ADOPTED
    references: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    vote_id: str | None = None


@attrs.frozen(kw_only=True)
class Closure:
    """A matter closed with its outcome (办结), perhaps with a day to review it.

    Attributes:
        matter_id: The matter.
        actor_id: Who closed it.
        at: When.
        outcome: What was done, in words.
        review_on: The day to look back at it (``None``: no review).
    """

    matter_id: str = attrs.field(validator=non_empty_text)
    actor_id: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=_instant)
    outcome: str = ""
    review_on: pendulum.Date | None = attrs.field(default=None, converter=_review_on)


@attrs.frozen(kw_only=True)
class Review:
    """A look back at a closed matter (回头看).

    Attributes:
        matter_id: The matter.
        actor_id: Who reviewed it.
        at: When.
        note: What was found.
    """

    matter_id: str = attrs.field(validator=non_empty_text)
    actor_id: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=_instant)
    note: str = ""
