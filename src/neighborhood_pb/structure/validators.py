"""The shared attrs validators, where the structure records first used them.

They live in :mod:`neighborhood_pb.errors.validators` (the lowest floor, so that the calendar
uses them too); this module keeps the import path that records and downstream code use.
"""

from neighborhood_pb.errors.validators import (
    IN_RANGE,
    NON_EMPTY,
    NON_NEGATIVE,
    POSITIVE,
    Validator,
    is_whole,
    non_empty_text,
    non_negative_int,
    positive_int,
    whole_in_range,
)

__all__ = [
    "IN_RANGE",
    "NON_EMPTY",
    "NON_NEGATIVE",
    "POSITIVE",
    "Validator",
    "is_whole",
    "non_empty_text",
    "non_negative_int",
    "positive_int",
    "whole_in_range",
]
