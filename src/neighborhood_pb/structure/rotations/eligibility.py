"""Who may take a turn when: an index over :class:`Eligibility` records (轮值资格)."""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable

import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError
from neighborhood_pb.structure.rotations.records import Eligibility
from neighborhood_pb.structure.rotations.slots import FOREVER, Slots

__all__ = ["EligibilityIndex"]

_Span = tuple[pendulum.Date, pendulum.Date | None]


class EligibilityIndex:
    """Eligibility periods by person, adjacent periods merged, for bisection.

    Raises:
        ConflictError: two periods of one person overlap.
    """

    def __init__(self, records: Iterable[Eligibility]) -> None:
        by_person: dict[str, list[Period]] = {}
        for record in records:
            by_person.setdefault(record.person_id, []).append(record.period)
        self._spans: dict[str, list[_Span]] = {}
        self._starts: dict[str, list[pendulum.Date]] = {}
        for person_id, periods in by_person.items():
            periods.sort(key=lambda p: p.start)
            spans: list[_Span] = []
            for period in periods:
                if spans:
                    start, end = spans[-1]
                    if end is None or period.start < end:
                        raise ConflictError(
                            f"eligibility of {person_id} from {period.start} overlaps an "
                            f"earlier period [{start}, {end or '…'})",
                            subject=person_id,
                            rule="eligibility.no_overlap",
                        )
                    if period.start == end:
                        spans[-1] = (start, period.end)
                        continue
                spans.append((period.start, period.end))
            self._spans[person_id] = spans
            self._starts[person_id] = [s for s, _ in spans]

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._spans

    @property
    def people(self) -> frozenset[str]:
        """Everyone with at least one eligibility period."""
        return frozenset(self._spans)

    def _span(self, person_id: str, day: _dt.date) -> _Span | None:
        starts = self._starts.get(person_id)
        if not starts:
            return None
        at = bisect.bisect_right(starts, day) - 1
        if at < 0:
            return None
        span = self._spans[person_id][at]
        return span if span[1] is None or day < span[1] else None

    def eligible_on(self, person_id: str, day: _dt.date) -> bool:
        """Whether ``person_id`` is eligible on ``day``."""
        return self._span(person_id, day) is not None

    def until(self, person_id: str, day: pendulum.Date) -> pendulum.Date | None:
        """End of the unbroken eligibility containing ``day`` (``None`` if open, ``day``
        itself if the person is not eligible on ``day``)."""
        span = self._span(person_id, day)
        return day if span is None else span[1]

    def covers(self, person_id: str, period: Period) -> bool:
        """Whether ``person_id`` is eligible on every day of the closed ``period``."""
        span = self._span(person_id, period.start)
        if span is None:
            return False
        return span[1] is None or (period.end is not None and period.end <= span[1])

    def slot_ranges(self, person_id: str, slots: Slots) -> list[tuple[int, int]]:
        """Ranges ``[lo, hi)`` of slot numbers whose first day the person is eligible on."""
        ranges: list[tuple[int, int]] = []
        for start, end in self._spans.get(person_id, ()):
            lo = slots.first_at_or_after(start)
            hi = FOREVER if end is None else slots.first_at_or_after(end)
            if lo < hi:
                ranges.append((lo, hi))
        return ranges
