"""The rotating chair (轮值主席) of a joint meeting (联席会议): turns go by meetings.

Yancheng (盐城市) completes its joint party-building meetings with a rotating chair
(完善党建联席会议、轮值主席等制度): the resident units' secretaries sitting as part-time members
chair in turn. :class:`ChairRotation` assigns the meetings, in order of date, to the people
in turn order who are eligible on the meeting's day, with the same edits, swaps, overrides
and withdrawals as a duty rotation. Meeting days are plain inputs (e.g. from a civic
calendar); a cancelled meeting is kept, and the turn passes to the next one.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError, UnknownRecordError
from neighborhood_pb.structure.rotations.plan import RotationPlan, compile_plan
from neighborhood_pb.structure.rotations.records import (
    ChairRotationRecords,
    ChairRotationSetup,
    DutyOverride,
    DutyTerm,
    Eligibility,
    Meeting,
    rotation_day,
)
from neighborhood_pb.structure.rotations.roster import RotationRoster, closed_horizon
from neighborhood_pb.structure.rotations.slots import MeetingSlots

__all__ = ["ChairRotation"]


class ChairRotation(RotationRoster[ChairRotationRecords]):
    """A rotating chair over a sequence of meetings (轮值主席).

    Each standing meeting is one turn, a one-day term ``[day, day + 1)``. A person chairs a
    meeting if they are eligible on its day; the ineligible are skipped and keep their place.
    Edits change the order from a date (there is no term length); a swap exchanges the chairs
    of two meetings; an override names a substitute chair for one meeting.
    """

    @classmethod
    def create(
        cls,
        *,
        id: str,
        order: Iterable[str],
        eligibility: Iterable[Eligibility],
        meetings: Iterable[_dt.date | str] = (),
        org_id: str | None = None,
    ) -> ChairRotation:
        """Start a rotating chair.

        Raises:
            NeighborhoodPBError: e.g. a person in the order with no eligibility, or two
                meetings on one day.
        """
        setup = ChairRotationSetup(id=id, order=tuple(order), org_id=org_id)
        return cls(
            ChairRotationRecords(
                setup=setup,
                meetings=tuple(Meeting(day=rotation_day(day, "meetings")) for day in meetings),
                eligibility=tuple(eligibility),
            )
        )

    def _compile(self, records: ChairRotationRecords) -> RotationPlan:
        setup = records.setup
        days: set[pendulum.Date] = set()
        for meeting in records.meetings:
            if meeting.day in days:
                raise ConflictError(
                    f"rotation {setup.id}: two meetings on {meeting.day}",
                    subject=setup.id,
                    rule="meeting.one_a_day",
                )
            days.add(meeting.day)
        standing = (m.day for m in records.meetings if not m.is_cancelled)
        return compile_plan(
            rotation_id=setup.id,
            order=setup.order,
            slots=MeetingSlots.of(standing),
            eligibility=records.eligibility,
            edits=records.edits,
            swaps=records.swaps,
            overrides=records.overrides,
            withdrawals=records.withdrawals,
        )

    # == commands ===========================================================================

    def add_meetings(self, days: Iterable[_dt.date | str]) -> None:
        """Schedule meetings; chairs of later meetings move along.

        Raises:
            ConflictError: a day already has a meeting (standing or cancelled).
            NeighborhoodPBError: a swap or override would no longer hold.
        """
        records = self._records
        added = tuple(Meeting(day=rotation_day(day, "days")) for day in days)
        self._commit(self._with(meetings=(*records.meetings, *added)))

    def cancel_meeting(self, day: _dt.date | str, reason: str) -> None:
        """Cancel a meeting; it is kept, and its turn passes to the next meeting.

        Raises:
            UnknownRecordError: no standing meeting on ``day``.
            NeighborhoodPBError: a swap or override names the meeting (withdraw it first).
        """
        when = rotation_day(day)
        records = self._records
        for at, meeting in enumerate(records.meetings):
            if meeting.day == when and not meeting.is_cancelled:
                cancelled = attrs.evolve(meeting, cancelled_reason=reason)
                meetings = (*records.meetings[:at], cancelled, *records.meetings[at + 1 :])
                self._commit(self._with(meetings=meetings))
                return
        raise UnknownRecordError(
            f"rotation {self.id}: no standing meeting on {when}",
            subject=self.id,
            rule="meeting.exists",
        )

    def override(
        self, substitute_id: str, meeting: _dt.date | str, reason: str, *, id: str | None = None
    ) -> DutyOverride:
        """Have ``substitute_id`` chair the meeting on ``meeting`` instead of its chair.

        Returns:
            The override recorded.
        """
        day = rotation_day(meeting, "meeting")
        return self._override(substitute_id, Period(start=day, end=day.add(days=1)), reason, id)

    # == queries ============================================================================

    def meetings(self, horizon: Period | None = None) -> tuple[Meeting, ...]:
        """Meetings (cancelled ones included) within ``horizon`` (all if ``None``), by day."""
        found = sorted(self._records.meetings, key=lambda m: m.day)
        return tuple(m for m in found if horizon is None or horizon.contains(m.day))

    def assignments(self, horizon: Period) -> tuple[DutyTerm, ...]:
        """The chair of each standing meeting within ``horizon`` that has one, by day.

        Raises:
            InvalidRecordError: the horizon is open.
        """
        end = closed_horizon(horizon)
        found: list[DutyTerm] = []
        for index in self._plan.slot_range(horizon.start, end):
            (piece,) = self._plan.pieces(index)
            if piece.person_id is not None:
                found.append(
                    DutyTerm(
                        rotation_id=self.id,
                        person_id=piece.person_id,
                        period=piece.period,
                        index=index,
                        origin=piece.origin,
                        source_id=piece.source_id,
                    )
                )
        return tuple(found)

    def unassigned(self, horizon: Period) -> tuple[pendulum.Date, ...]:
        """Standing meetings within ``horizon`` with nobody eligible to chair them."""
        end = closed_horizon(horizon)
        return tuple(
            self._plan.slots.start(index)
            for index in self._plan.slot_range(horizon.start, end)
            if self._plan.on_duty(self._plan.slots.start(index)) is None
        )

    def chair_of(self, meeting: _dt.date | str) -> str | None:
        """Who chairs the meeting on ``meeting`` (``None``: no standing meeting, or nobody)."""
        return self._plan.on_duty(rotation_day(meeting, "meeting"))
