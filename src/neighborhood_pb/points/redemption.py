"""The love supermarket (爱心超市): goods and their prices in points.

Prices are data with an effective interval, like service items: changing a price ends the
goods' version and starts a new one. Stock is not stored here; it is derived from the
ledger's restock, redemption and refund entries. The sources name no goods or prices.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
from collections.abc import Iterable, Mapping

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import InvalidRecordError, RuleViolationError, UnknownRecordError
from neighborhood_pb.structure.validators import non_empty_text, positive_int

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
    points: int = attrs.field(validator=positive_int())
    period: Period


def _goods(value: Iterable[Goods]) -> tuple[Goods, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Shelf:
    """The goods of a love supermarket, every version of each (商品清单).

    Invariant, checked on construction: the versions of one goods never overlap.

    Attributes:
        goods: Every version of every goods.
    """

    goods: tuple[Goods, ...] = attrs.field(default=(), converter=_goods)
    _versions: Mapping[str, tuple[Goods, ...]] = attrs.field(init=False, repr=False, eq=False)
    _starts: Mapping[str, tuple[pendulum.Date, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        versions: dict[str, list[Goods]] = {}
        for goods in self.goods:
            versions.setdefault(goods.code, []).append(goods)
        for code, history in versions.items():
            history.sort(key=lambda v: v.period.start)
            for earlier, later in itertools.pairwise(history):
                if earlier.period.overlaps(later.period):
                    raise InvalidRecordError(
                        f"goods {code}: versions {earlier.period} and {later.period} overlap",
                        subject=code,
                        rule="shelf.versions_disjoint",
                    )
        object.__setattr__(self, "_versions", {c: tuple(h) for c, h in versions.items()})
        object.__setattr__(
            self, "_starts", {c: tuple(v.period.start for v in h) for c, h in versions.items()}
        )

    def codes(self) -> tuple[str, ...]:
        """Every goods code, in order of first appearance."""
        return tuple(self._versions)

    def versions(self, code: str) -> tuple[Goods, ...]:
        """Every version of a goods, oldest first.

        Raises:
            UnknownRecordError: no such goods.
        """
        try:
            return self._versions[code]
        except KeyError:
            raise UnknownRecordError(
                f"no goods {code}", subject=code, rule="reference.exists"
            ) from None

    def price(self, code: str, on: _dt.date | str) -> Goods:
        """The version of a goods on sale on ``on``.

        Raises:
            UnknownRecordError: no such goods.
            RuleViolationError: it is not on sale that day.
        """
        on = as_date(on, "on")
        history = self.versions(code)
        index = bisect.bisect_right(self._starts[code], on) - 1
        if index >= 0:
            version = history[index]
            if version.period.end is None or on < version.period.end:
                return version
        raise RuleViolationError(
            f"goods {code} is not on sale on {on}", subject=code, rule="shelf.goods_on_sale"
        )
