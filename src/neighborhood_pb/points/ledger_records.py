"""The records of a points ledger, as one value (what a store or a file keeps of it)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from neighborhood_pb.calendar.periods import DEFAULT_ZONE
from neighborhood_pb.points.catalogue import Catalogue
from neighborhood_pb.points.entries import Entry
from neighborhood_pb.points.redemption import Goods

__all__ = ["LedgerRecords"]


def _entries(value: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(value)


def _goods(value: Iterable[Goods]) -> tuple[Goods, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class LedgerRecords:
    """Everything a :class:`~neighborhood_pb.points.Ledger` is rebuilt from (积分台账记录),
    besides the tree and the posts it looks at.

    Attributes:
        catalogue: Service items and their points and caps.
        entries: The entries in the order appended (automatic approvals included).
        goods: The goods of the love supermarket (爱心超市), every version of each.
        zone: Zone in which instants are turned into days.
        supermarket_org_id: The organisation whose posts restock the supermarket
            (``None``: the tree's root organisations).
    """

    catalogue: Catalogue
    entries: tuple[Entry, ...] = attrs.field(default=(), converter=_entries)
    goods: tuple[Goods, ...] = attrs.field(default=(), converter=_goods)
    zone: str = DEFAULT_ZONE
    supermarket_org_id: str | None = None
