"""Civic days of a horizon as far as official data reaches (活动日安排).

:func:`~neighborhood_pb.calendar.civic.civic_days` refuses a whole horizon that reaches a year
without official working-day data. A screen listing the next civic days wants the days that
are known and a plain statement of those that are not: :func:`civic_schedule` answers every
occurrence it can, and names the years it could not answer, without ever answering them
provisionally unless asked.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from neighborhood_pb.calendar.civic import CivicDayRule, CivicOccurrence, occurrence_in
from neighborhood_pb.calendar.civic_rules import OPEN_HORIZON
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.errors import CalendarDataError

__all__ = ["CivicSchedule", "civic_schedule"]


@attrs.frozen(kw_only=True)
class CivicSchedule:
    """The civic days of a horizon that official data answers, and the years it does not.

    Attributes:
        horizon: The closed horizon asked about.
        occurrences: The occurrences answered, by day then rule code.
        missing_years: Years without official data that the horizon needed, ascending.
    """

    horizon: Period
    occurrences: tuple[CivicOccurrence, ...]
    missing_years: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every occurrence of the horizon is answered."""
        return not self.missing_years

    def refusal(self) -> CalendarDataError | None:
        """The error naming the years without data (``None`` when complete)."""
        if not self.missing_years:
            return None
        years = ", ".join(str(y) for y in self.missing_years)
        return CalendarDataError(
            f"no official working-day data for {years}: the civic days that need it are not "
            "answered; add the year's official notice or ask for a provisional answer",
            subject=str(self.missing_years[0]),
            rule="calendar.official_data",
            params={"years": years},
        )


def civic_schedule(
    rules: Iterable[CivicDayRule],
    horizon: Period,
    calendar: WorkingDayCalendar,
    *,
    provisional: bool = False,
) -> CivicSchedule:
    """Every occurrence of ``rules`` in a closed ``horizon`` that the data answers.

    An occurrence that needs a year without data is left out and its year named, unless
    ``provisional`` is true (then every occurrence is answered, and the provisional ones say
    so). Periods just outside the horizon that lie wholly in a year without data are not looked
    at, as in :func:`~neighborhood_pb.calendar.civic.occurrences`.

    Raises:
        InvalidRecordError: the horizon is open.
        RuleViolationError: an occurrence cannot be placed within its rule's shift.
    """
    end = horizon.closed_end("horizon", OPEN_HORIZON)
    found: list[CivicOccurrence] = []
    missing: set[int] = set()
    for rule in rules:
        margin = rule.max_shift_days if rule.moves else 0
        wide = Period(start=horizon.start.subtract(days=margin), end=end.add(days=margin))
        for period in rule.periods(wide):
            inside = horizon.overlaps(period)
            try:
                occurrence = occurrence_in(rule, period, calendar, provisional=provisional)
            except CalendarDataError as exc:
                if inside:
                    missing.add(int(exc.subject))
                continue
            if occurrence.day in horizon:
                found.append(occurrence)
    return CivicSchedule(
        horizon=horizon,
        occurrences=tuple(sorted(found, key=lambda o: (o.day, o.rule))),
        missing_years=tuple(sorted(missing)),
    )
