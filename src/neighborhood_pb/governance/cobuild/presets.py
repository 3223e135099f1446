"""Rules of co-building as data (共建规则), with presets citing their sources."""

from __future__ import annotations

import attrs

from neighborhood_pb.errors.source import Source, as_source
from neighborhood_pb.errors.validators import positive_int

__all__ = ["NEED_RESPONSE", "CobuildRules"]


@attrs.frozen(kw_only=True)
class CobuildRules:
    """The thresholds the co-building checks apply (共建检查规则).

    Attributes:
        need_open_days: Days a need may stay open (unclaimed) before it is flagged.
        source: Where the figure comes from (依据): a
            :class:`~neighborhood_pb.errors.source.Source`, or text taken as its citation.
    """

    need_open_days: int = attrs.field(validator=positive_int())
    source: Source = attrs.field(converter=as_source)


NEED_RESPONSE = CobuildRules(
    need_open_days=30,
    source=Source(
        cited="通化县问卷调查→诉求台账，按季度梳理",
        note_zh="30天认领时限为本库默认值",
        note_en="the 30 days to claim: library default",
    ),
)
"""A need is claimed within 30 days: the quarterly survey's ledger is worked through within
the quarter (the source gives the rhythm, not the days; 30 is the library's default)."""
