"""Bounds on a duty rotation's term, as a configurable record (轮值规则).

The preset follows Yongchun county (永春县), where part-time committee members take turns as
rotating duty head (轮值家长) for one to three months. An application may pass its own
:class:`RotationRules` (e.g. ``attrs.evolve(YONGCHUN_DUTY_RULES, max_term_months=6)``).
"""

from __future__ import annotations

from typing import Any

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import whole_in_range
from neighborhood_pb.structure.sources import cite

__all__ = ["YONGCHUN_DUTY_RULES", "YONGCHUN_SOURCE", "RotationRules"]

YONGCHUN_SOURCE = "永春县: 兼职委员轮流担任轮值家长，时间为1—3个月"
"""Where the preset's bounds come from."""


MAX_TERM_MONTHS = 1200
"""Longest term any rule may allow (a hundred years): beyond it no calendar arithmetic holds."""

_POSITIVE = whole_in_range(1, MAX_TERM_MONTHS, rule="rules.rotation_positive")


@attrs.frozen(kw_only=True)
class RotationRules:
    """How long one duty term (任期) may last, in calendar months.

    Attributes:
        min_term_months: Shortest term allowed (Yongchun: 1).
        max_term_months: Longest term allowed (Yongchun: 3).
        source: Where the bounds come from, quoted in error messages.
    """

    min_term_months: int = attrs.field(
        default=1, validator=_POSITIVE, metadata=cite(YONGCHUN_SOURCE, key="term_months")
    )
    max_term_months: int = attrs.field(
        default=3, validator=_POSITIVE, metadata=cite(YONGCHUN_SOURCE, key="term_months")
    )
    source: str = ""

    def __attrs_post_init__(self) -> None:
        if self.min_term_months > self.max_term_months:
            raise InvalidRecordError(
                f"RotationRules: minimum term {self.min_term_months} months exceeds the "
                f"maximum {self.max_term_months}",
                rule="rules.rotation_bounds",
            )

    def check_term_months(self, months: Any, *, subject: str) -> None:
        """Refuse a term length outside the bounds.

        Raises:
            InvalidRecordError: ``months`` is not a whole number of months within the bounds.
        """
        if (
            not isinstance(months, int)
            or isinstance(months, bool)
            or not self.min_term_months <= months <= self.max_term_months
        ):
            cited = f" ({self.source})" if self.source else ""
            raise InvalidRecordError(
                f"{subject}: a term of {months!r} months is outside "
                f"{self.min_term_months}–{self.max_term_months} months{cited}",
                subject=subject,
                rule="rotation.term_months",
            )


YONGCHUN_DUTY_RULES = RotationRules(min_term_months=1, max_term_months=3, source=YONGCHUN_SOURCE)
"""Yongchun's rotating duty head: terms of 1–3 calendar months (see :data:`YONGCHUN_SOURCE`)."""
