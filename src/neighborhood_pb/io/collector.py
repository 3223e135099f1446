"""A counted pause of the cyclic garbage collector (垃圾回收暂停) for bulk moves.

Reading a register or loading a store makes hundreds of thousands of records that are all
kept: the collector would scan the growing heap again and again for nothing. :func:`bulk`
is the core's :func:`~neighborhood_pb.structure.bulk.collector_paused`: it turns the
collector off for the move and back on (if it was on) when the last move under way ends.
"""

from __future__ import annotations

from neighborhood_pb.structure.bulk import collector_paused as bulk

__all__ = ["bulk"]
