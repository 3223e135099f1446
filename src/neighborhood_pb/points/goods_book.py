"""Stock, redemptions and refunds (爱心超市): the goods side of the points ledger.

:class:`GoodsBook` is a component of :class:`~neighborhood_pb.points.ledger.Ledger`: it owns
the stock of the love supermarket and which redemptions were refunded, and knows only the
:class:`~neighborhood_pb.points.entry_log.EntryLog` and the
:class:`~neighborhood_pb.points.standings.Standings` it spends from, with the actors' checks
(:mod:`.actors`) and the latest instants (:mod:`.ordering`) it shares with the claim side.
Each ``append_*`` method validates an entry completely, then logs it and changes the state.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from neighborhood_pb.points.actors import EntryActors
from neighborhood_pb.points.entries import Redemption, RedemptionLine, Refund, Restock
from neighborhood_pb.points.entry_log import EntryLog, refuse
from neighborhood_pb.points.instants import local_day
from neighborhood_pb.points.ordering import LatestInstants
from neighborhood_pb.points.redemption import Shelf
from neighborhood_pb.points.standings import Standings
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["GoodsBook"]


class GoodsBook:
    """The love supermarket's stock (库存) with the redemptions (兑换) and refunds (退还).

    Attributes:
        counts: Goods in stock by code (restocked minus redeemed plus refunded).
    """

    def __init__(
        self,
        log: EntryLog,
        shelf: Shelf,
        tree: OrgTree,
        standings: Standings,
        zone: str,
        actors: EntryActors,
        latest: LatestInstants,
    ) -> None:
        """Nothing in stock; entries are logged in ``log``, points spent in ``standings``."""
        self._log = log
        self._actors = actors
        self._latest = latest
        self._shelf = shelf
        self._tree = tree
        self._standings = standings
        self._zone = zone
        self.counts: dict[str, int] = {}
        self._refunded: dict[str, str] = {}

    def stock(self, goods_code: str) -> int:
        """Goods in stock.

        Raises:
            UnknownRecordError: no such goods.
        """
        self._shelf.versions(goods_code)
        return self.counts.get(goods_code, 0)

    def lines(
        self, goods: Mapping[str, int], day: _dt.date, prices: Mapping[str, int]
    ) -> tuple[RedemptionLine, ...]:
        """The lines of a redemption on ``day``: each at ``prices`` if named, else the
        shelf's price that day."""
        return tuple(
            RedemptionLine(
                goods_code=code,
                quantity=quantity,
                unit_points=prices[code] if code in prices else self._shelf.price(code, day).points,
            )
            for code, quantity in goods.items()
        )

    # == appends: validate completely, then change ==========================================

    def append_restock(self, restock: Restock) -> None:
        """Append goods brought in."""
        self._shelf.versions(restock.goods_code)
        self._actors.check_restock(restock, local_day(restock.at, self._zone))
        self._log.append(restock)
        self.counts[restock.goods_code] = self.counts.get(restock.goods_code, 0) + restock.quantity
        self._latest.moved_stock(restock.goods_code, restock.at)

    def append_redemption(self, redemption: Redemption) -> None:
        """Append a redemption: every line priced right and in stock, the balance enough, at
        its instant (no entry moving those figures is later), by its member or staff."""
        self._tree.person(redemption.member_id)
        day = local_day(redemption.at, self._zone)
        self._latest.check_redemption(redemption)
        for line in redemption.lines:
            goods = self._shelf.price(line.goods_code, day)
            if goods.points != line.unit_points:
                raise refuse(
                    f"redemption {redemption.key}: {goods.code} costs {goods.points} points on "
                    f"{day}, not {line.unit_points}",
                    redemption.key,
                    "redemption.price",
                )
            in_stock = self.counts.get(line.goods_code, 0)
            if line.quantity > in_stock:
                raise refuse(
                    f"redemption {redemption.key}: {line.quantity} × {goods.code} asked, "
                    f"{in_stock} in stock",
                    redemption.key,
                    "redemption.stock",
                )
        balance = self._standings.balance(redemption.member_id)
        if redemption.points > balance:
            raise refuse(
                f"redemption {redemption.key}: {redemption.points} points asked, "
                f"{redemption.member_id} has {balance}",
                redemption.key,
                "redemption.balance",
            )
        self._actors.check_redemption(redemption, redemption.member_id, day)
        self._log.append(redemption)
        for line in redemption.lines:
            self.counts[line.goods_code] -= line.quantity
        self._standings._spend(redemption.member_id, redemption.points)
        self._latest.redeemed_by(redemption)

    def append_refund(self, refund: Refund) -> None:
        """Append the refund of a redemption, at most once."""
        redemption = self._log.typed(refund.redemption_key, Redemption, "redemption")
        assert isinstance(redemption, Redemption)
        done = self._refunded.get(redemption.key)
        if done is not None:
            raise refuse(
                f"refund {refund.key}: redemption {redemption.key} was already refunded by "
                f"{done}; a redemption is refunded at most once",
                refund.key,
                "redemption.refund_once",
            )
        if refund.at < redemption.at:
            raise refuse(
                f"refund {refund.key} at {refund.at} precedes redemption {redemption.key}",
                refund.key,
                "refund.after_redemption",
            )
        member_id = redemption.member_id
        self._actors.check_refund(refund, member_id, local_day(refund.at, self._zone))
        self._log.append(refund)
        self._refunded[redemption.key] = refund.key
        latest = self._latest
        for line in redemption.lines:
            self.counts[line.goods_code] += line.quantity
            latest.moved_stock(line.goods_code, refund.at)
        self._standings._spend(member_id, -redemption.points)
        latest.moved_balance(member_id, refund.at)
