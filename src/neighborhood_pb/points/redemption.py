"""The love supermarket (爱心超市): goods and their prices in points.

Prices are data with an effective interval, like service items: changing a price ends the
goods' version and starts a new one. Stock is not stored here; it is derived from the
ledger's restock, redemption and refund entries. The sources name no goods or prices.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.history import Register, Timeline, timelines
from neighborhood_pb.points.sources import MAX_POINTS, points_bound

__all__ = ["Goods", "Shelf"]


@attrs.frozen(kw_only=True)
class Goods:
    """One version of a goods in the love supermarket.

    Attributes:
        code: Identifier shared by every version.
        name: Display name (e.g. "洗衣液").
        points: Price of one, in points.
        period: When this version (this price) is in effect.
    """

    code: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    points: int = attrs.field(validator=points_bound(MAX_POINTS))
    period: Period


def _goods(value: Iterable[Goods]) -> tuple[Goods, ...]:
    return tuple(value)


def _overlap(earlier: Goods, later: Goods) -> InvalidRecordError:
    return InvalidRecordError(
        f"goods {later.code}: versions {earlier.period} and {later.period} overlap",
        subject=later.code,
        rule="shelf.versions_disjoint",
    )


@attrs.frozen(kw_only=True)
class Shelf:
    """The goods of a love supermarket, every version of each (商品清单).

    Invariant, checked on construction: the versions of one goods never overlap.

    Attributes:
        goods: Every version of every goods.
    """

    goods: tuple[Goods, ...] = attrs.field(default=(), converter=_goods)
    _timelines: Register[Timeline[Goods]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "_timelines", timelines("goods", self.goods, lambda g: g.code, _overlap)
        )

    def codes(self) -> tuple[str, ...]:
        """Every goods code, in order of first appearance."""
        return tuple(timeline.key for timeline in self._timelines)

    def versions(self, code: str) -> tuple[Goods, ...]:
        """Every version of a goods, oldest first.

        Raises:
            UnknownRecordError: no such goods.
        """
        return self._timelines.get(code).history()

    def price(self, code: str, on: _dt.date | str) -> Goods:
        """The version of a goods on sale on ``on``.

        Raises:
            UnknownRecordError: no such goods.
            RuleViolationError: it is not on sale that day.
        """
        on = as_date(on, "on")
        return self._timelines.get(code).at(on, "shelf.goods_on_sale", "on sale")
