"""Residents' evaluation of matters (议评): one rating per resident, satisfaction exactly.

"项目服务谁、谁评价项目" (source 004): only residents of the matter's territory, or of a
household it served, rate it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.converters import to_instant as _instant
from neighborhood_pb.ratio import Ratio

__all__ = ["Rating", "satisfaction"]


@attrs.frozen(kw_only=True)
class Rating:
    """One resident's rating of a matter (评议).

    Attributes:
        matter_id: The matter.
        resident_id: The resident.
        at: When.
        satisfied: Whether they are satisfied (满意).
        comment: What they said.
    """

    matter_id: str = attrs.field(validator=non_empty_text)
    resident_id: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=_instant)
    satisfied: bool
    comment: str = ""


def satisfaction(ratings: Iterable[Rating]) -> Ratio:
    """Satisfied ratings out of all ratings (满意率), exactly."""
    values = [r.satisfied for r in ratings]
    return Ratio(sum(values), len(values))
