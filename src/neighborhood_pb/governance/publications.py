"""Publications (公开): what a matter put up, where, from when to when."""

from __future__ import annotations

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors.validators import non_empty_text

__all__ = ["Publication"]


@attrs.frozen(kw_only=True)
class Publication:
    """Something a matter published (公示、公开).

    Attributes:
        id: The publication.
        matter_id: The matter.
        actor_id: Who put it up.
        what: Code of the publication rule it fulfils (e.g. ``"result"``).
        where: Where it was put up (e.g. "小区公告栏", "微信群").
        period: The days it stayed up (open while still up).
    """

    id: str = attrs.field(validator=non_empty_text)
    matter_id: str = attrs.field(validator=non_empty_text)
    actor_id: str = attrs.field(validator=non_empty_text)
    what: str = attrs.field(validator=non_empty_text)
    where: str = attrs.field(validator=non_empty_text)
    period: Period
