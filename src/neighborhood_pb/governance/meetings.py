"""Meetings (联席会议、四方会议、议事日): attendees, quorum, resolutions, the chair of the day.

The chair rotation lives in :mod:`neighborhood_pb.structure.rotations`; a meeting only asks
who chairs a day, through any callable or any object with a ``chair_of`` method (a
``ChairRotation`` is one). A proposal is tabled for the next deliberation day of a civic
calendar (:func:`next_deliberation_day`).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable
from typing import Protocol

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.converters import to_day as _day
from neighborhood_pb.governance.converters import to_frozenset as _frozen
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = [
    "ChairSource",
    "Meeting",
    "MeetingKind",
    "Resolution",
    "chair_on",
]


class MeetingKind(enum.Enum):
    """Kinds of meeting (会议类型)."""

    JOINT = "joint"
    FOUR_PARTY = "four_party"
    DELIBERATION_DAY = "deliberation_day"

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {"joint": "联席会议", "four_party": "四方会议", "deliberation_day": "议事日"}[
            self.value
        ]


@attrs.frozen(kw_only=True)
class Resolution:
    """What a meeting resolved on a matter (决议).

    Attributes:
        matter_id: The matter.
        text: The resolution, in words.
    """

    matter_id: str = attrs.field(validator=non_empty_text)
    text: str = attrs.field(validator=non_empty_text)


def _quorum(instance: Meeting, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidRecordError(
            f"meeting {instance.id}: quorum must be a whole number >= 1, got {value!r}",
            subject=instance.id,
            rule="meeting.quorum",
        )


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting held (会议).

    Attributes:
        id: The meeting.
        kind: Joint, four-party or deliberation-day meeting.
        day: When it was held.
        chair_id: Who chaired it.
        attendees: Who attended (the chair among them).
        quorum: How many attendees it needs to resolve anything.
        resolutions: What it resolved.
        chair_rotation_id: The chair rotation (轮值主席) that names the chair of the day, if
            the meeting follows one: when rebuilt from records, its chair must be the one
            the rotation names for the day.
    """

    id: str = attrs.field(validator=non_empty_text)
    kind: MeetingKind
    day: pendulum.Date = attrs.field(converter=_day)
    chair_id: str = attrs.field(validator=non_empty_text)
    attendees: frozenset[str] = attrs.field(converter=_frozen)
    quorum: int = attrs.field(default=1, validator=_quorum)
    resolutions: tuple[Resolution, ...] = attrs.field(default=(), converter=_tuple)
    chair_rotation_id: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_empty_text)
    )

    def __attrs_post_init__(self) -> None:
        if self.chair_id not in self.attendees:
            raise InvalidRecordError(
                f"meeting {self.id}: the chair {self.chair_id} is not among the attendees",
                subject=self.id,
                rule="meeting.chair_attends",
            )

    @property
    def quorate(self) -> bool:
        """Whether enough people attended (达到法定人数)."""
        return len(self.attendees) >= self.quorum


class _Rotation(Protocol):
    def chair_of(self, meeting: _dt.date) -> str | None: ...  # pragma: no cover


ChairSource = Callable[[pendulum.Date], str | None] | _Rotation
"""Who chairs a day: a callable, or an object with ``chair_of`` (a chair rotation)."""


def chair_on(source: ChairSource, day: _dt.date | str) -> str | None:
    """Who chairs on ``day`` according to ``source``."""
    on = as_date(day, "day")
    if callable(source):
        return source(on)
    return source.chair_of(on)
