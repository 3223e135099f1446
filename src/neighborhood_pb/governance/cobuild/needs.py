"""Needs (需求清单): what residents asked for, and what became of it, as events.

A need has no status column: its status on a day is derived from the events recorded up to
that day (:func:`need_status`), so a list published on any day can be rebuilt.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs
import pendulum

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text, positive_int
from neighborhood_pb.governance.converters import to_day as _day

__all__ = ["Need", "NeedEvent", "NeedOrigin", "NeedStatus", "need_status"]


class NeedOrigin(enum.Enum):
    """Where a need came from (需求来源)."""

    SURVEY = "survey"
    """A residents' survey round (问卷调查 → 诉求台账)."""
    WHISTLE = "whistle"
    """A whistle blown by residents (群众吹哨)."""
    DELIBERATION = "deliberation"
    """A deliberation matter (议题): ``origin_ref`` is the matter's id."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {"survey": "问卷调查", "whistle": "群众吹哨", "deliberation": "议事协商"}[self.value]


@attrs.frozen(kw_only=True)
class Need:
    """A need raised by residents (群众需求).

    Attributes:
        id: The need.
        title: What is needed.
        raised_by: The resident or household who raised it.
        origin: Survey round, whistle or deliberation matter.
        origin_ref: The survey round, the whistle or the governance matter's id.
        territory_id: Where it is needed.
        category: Category code (e.g. ``"elderly_care"``), matched against resources.
        raised_on: The day it was raised.
        quantity: How much is needed, in the unit of the resources that serve its category
            (places, hours or times; default 1): a resource with less capacity left is no
            candidate for it (funds apart, whose capacity is money).
    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    raised_by: str = attrs.field(validator=non_empty_text)
    origin: NeedOrigin
    origin_ref: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    category: str = attrs.field(validator=non_empty_text)
    raised_on: pendulum.Date = attrs.field(converter=_day)
    quantity: int = attrs.field(default=1, validator=positive_int())


class NeedStatus(enum.Enum):
    """A need's status on a day (需求状态), derived from its events."""

    OPEN = "open"
    MATCHED = "matched"
    IN_PROGRESS = "in_progress"
    MET = "met"
    DECLINED = "declined"

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return _STATUS_ZH[self]

    @property
    def final(self) -> bool:
        """Whether nothing may follow (met or declined)."""
        return self in (NeedStatus.MET, NeedStatus.DECLINED)


_STATUS_ZH = {
    NeedStatus.OPEN: "待认领",
    NeedStatus.MATCHED: "已对接",
    NeedStatus.IN_PROGRESS: "办理中",
    NeedStatus.MET: "已办结",
    NeedStatus.DECLINED: "不予办理",
}

NEXT: dict[NeedStatus, frozenset[NeedStatus]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.MATCHED, NeedStatus.IN_PROGRESS, NeedStatus.DECLINED}),
    NeedStatus.MATCHED: frozenset({NeedStatus.IN_PROGRESS, NeedStatus.MET, NeedStatus.DECLINED}),
    NeedStatus.IN_PROGRESS: frozenset({NeedStatus.MET, NeedStatus.DECLINED}),
    NeedStatus.MET: frozenset(),
    NeedStatus.DECLINED: frozenset(),
}
"""Which status may follow which (an event moves a need forward, never back)."""


@attrs.frozen(kw_only=True)
class NeedEvent:
    """Something that happened to a need (需求办理记录): an append-only event.

    Attributes:
        need_id: The need.
        status: The status it moves the need to (never ``OPEN``).
        day: When.
        actor_id: Who recorded it.
        reason: Why it was declined (required for ``DECLINED``).
        resource_id: The resource it was matched to, if any.
    """

    need_id: str = attrs.field(validator=non_empty_text)
    status: NeedStatus
    day: pendulum.Date = attrs.field(converter=_day)
    actor_id: str = attrs.field(validator=non_empty_text)
    reason: str = ""
    resource_id: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is NeedStatus.OPEN:
            raise InvalidRecordError(
                f"need {self.need_id}: an event moves a need on; it cannot reopen it",
                subject=self.need_id,
                rule="need_event.status",
            )
        if self.status is NeedStatus.DECLINED and not self.reason.strip():
            raise InvalidRecordError(
                f"need {self.need_id} is declined without a reason",
                subject=self.need_id,
                rule="need_event.reason",
            )


def need_status(events: Sequence[NeedEvent], on: pendulum.Date) -> NeedStatus:
    """The status on ``on``: that of the last event on or before it, else open.

    Args:
        events: The need's events, in the order recorded (their days never go back).
        on: The day asked.
    """
    status = NeedStatus.OPEN
    for event in events:
        if event.day > on:
            break
        status = event.status
    return status
