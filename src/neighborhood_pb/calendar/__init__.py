"""Dates, half-open periods, China's working-day calendar and recurring civic days."""

from neighborhood_pb.calendar.periods import (
    DEFAULT_ZONE,
    Period,
    PeriodKind,
    as_date,
    as_optional_date,
    parse_date,
)

__all__ = [
    "DEFAULT_ZONE",
    "Period",
    "PeriodKind",
    "as_date",
    "as_optional_date",
    "parse_date",
]
