"""The order of the ledger's debits in time (流水时序).

Entries are appended in the order they are made, but an entry's instant may be earlier than
that of entries already appended (an approval recorded a day late, say). A balance and a
stock must hold at every instant, not only at the end. Credits (approvals, restocks,
refunds) appended late only raise the figures of the instants after theirs, so they may
come in any order. A debit appended late would lower figures that a redemption already
relied on, so the ledger refuses it instead of checking the whole interval after it:

* a redemption is dated no earlier than any entry already appended that moves its member's
  balance (approval, reversal, redemption, refund) or the stock of its goods (restock,
  redemption, refund); its member's balance and its goods' stock are then the figures at its
  instant, and checking them costs one look-up each;
* a reversal is dated no earlier than its member's latest redemption (a reversal after a
  redemption may take the balance below zero: the debt shows, see
  :meth:`~neighborhood_pb.points.standings.Standings.balance`).

:class:`LatestInstants` keeps the latest instant per member and per goods; every append
updates at most a few entries of it, whatever the ledger's size.
"""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.points.entries import Redemption, Reversal
from neighborhood_pb.points.entry_log import refuse

__all__ = ["LatestInstants"]


class LatestInstants:
    """The latest instant of the entries moving each balance and each stock.

    Attributes:
        balance: By member, the latest instant of an entry moving their balance.
        stock: By goods code, the latest instant of an entry moving its stock.
        redeemed: By member, their latest redemption (its instant and key).
    """

    __slots__ = ("balance", "redeemed", "stock")

    def __init__(self) -> None:
        """Nothing seen yet."""
        self.balance: dict[str, _dt.datetime] = {}
        self.stock: dict[str, _dt.datetime] = {}
        self.redeemed: dict[str, tuple[_dt.datetime, str]] = {}

    def moved_balance(self, member_id: str, at: _dt.datetime) -> None:
        """An entry at ``at`` moved the member's balance."""
        latest = self.balance.get(member_id)
        if latest is None or at > latest:
            self.balance[member_id] = at

    def moved_stock(self, goods_code: str, at: _dt.datetime) -> None:
        """An entry at ``at`` moved the goods' stock."""
        latest = self.stock.get(goods_code)
        if latest is None or at > latest:
            self.stock[goods_code] = at

    def check_redemption(self, redemption: Redemption) -> None:
        """A redemption is dated no earlier than the entries moving its figures.

        Raises:
            RuleViolationError: it is earlier than one of them.
        """
        at = redemption.at
        latest = self.balance.get(redemption.member_id)
        if latest is not None and at < latest:
            raise refuse(
                f"redemption {redemption.key} at {at} precedes an entry at {latest} already "
                f"moving {redemption.member_id}'s balance; a redemption is not back-dated",
                redemption.key,
                "redemption.in_order",
            )
        for line in redemption.lines:
            latest = self.stock.get(line.goods_code)
            if latest is not None and at < latest:
                raise refuse(
                    f"redemption {redemption.key} at {at} precedes an entry at {latest} "
                    f"already moving the stock of {line.goods_code}; a redemption is not "
                    "back-dated",
                    redemption.key,
                    "redemption.in_order",
                )

    def check_reversal(self, reversal: Reversal, member_id: str) -> None:
        """A reversal is dated no earlier than its member's latest redemption.

        Raises:
            RuleViolationError: it is earlier.
        """
        latest = self.redeemed.get(member_id)
        if latest is not None and reversal.at < latest[0]:
            raise refuse(
                f"reversal {reversal.key} at {reversal.at} precedes redemption {latest[1]} at "
                f"{latest[0]}, which spent {member_id}'s balance as it then stood",
                reversal.key,
                "reversal.in_order",
            )

    def redeemed_by(self, redemption: Redemption) -> None:
        """A redemption was appended (it is the latest of its member, by the check)."""
        at = redemption.at
        self.redeemed[redemption.member_id] = (at, redemption.key)
        self.balance[redemption.member_id] = at
        for line in redemption.lines:
            self.stock[line.goods_code] = at
