"""Errors and findings (错误与检查结果).

A single bad record or command raises a subclass of :class:`NeighborhoodPBError` at once.
Whole-model checks return :class:`Finding` records instead, so that an application can show
every problem together. Each error subclass also derives from the built-in exception that
fits, so callers may catch either. Every rule code has a spec in
:mod:`neighborhood_pb.errors.registry` (source, severity, zh-CN and en templates), loaded
only when a finding or an error is rendered.
"""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
    from neighborhood_pb.errors.exceptions import (
        CalendarDataError,
        ConflictError,
        IntegrityError,
        InvalidRecordError,
        NeighborhoodPBError,
        NotAuthorisedError,
        RuleViolationError,
        StructuringError,
        UnknownRecordError,
    )
    from neighborhood_pb.errors.finding import Finding, Params
    from neighborhood_pb.errors.found import make_finding
    from neighborhood_pb.errors.office import office_date, office_dates, office_period
    from neighborhood_pb.errors.severity import Severity
    from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source, as_source, source_text
    from neighborhood_pb.errors.spec import ParamValue, RuleSpec

_LAZY: dict[str, str] = {
    "LIBRARY_DEFAULT": "neighborhood_pb.errors.source",
    "CalendarDataError": "neighborhood_pb.errors.exceptions",
    "ConflictError": "neighborhood_pb.errors.exceptions",
    "Finding": "neighborhood_pb.errors.finding",
    "IntegrityError": "neighborhood_pb.errors.exceptions",
    "InvalidRecordError": "neighborhood_pb.errors.exceptions",
    "NeighborhoodPBError": "neighborhood_pb.errors.exceptions",
    "NotAuthorisedError": "neighborhood_pb.errors.exceptions",
    "ParamValue": "neighborhood_pb.errors.spec",
    "Params": "neighborhood_pb.errors.finding",
    "RuleSpec": "neighborhood_pb.errors.spec",
    "RuleViolationError": "neighborhood_pb.errors.exceptions",
    "Severity": "neighborhood_pb.errors.severity",
    "Source": "neighborhood_pb.errors.source",
    "StructuringError": "neighborhood_pb.errors.exceptions",
    "UnknownRecordError": "neighborhood_pb.errors.exceptions",
    "as_source": "neighborhood_pb.errors.source",
    "make_finding": "neighborhood_pb.errors.found",
    "office_date": "neighborhood_pb.errors.office",
    "office_dates": "neighborhood_pb.errors.office",
    "office_period": "neighborhood_pb.errors.office",
    "source_text": "neighborhood_pb.errors.source",
}

__all__ = [
    "LIBRARY_DEFAULT",
    "CalendarDataError",
    "ConflictError",
    "Finding",
    "IntegrityError",
    "InvalidRecordError",
    "NeighborhoodPBError",
    "NotAuthorisedError",
    "ParamValue",
    "Params",
    "RuleSpec",
    "RuleViolationError",
    "Severity",
    "Source",
    "StructuringError",
    "UnknownRecordError",
    "as_source",
    "make_finding",
    "office_date",
    "office_dates",
    "office_period",
    "source_text",
]

__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
