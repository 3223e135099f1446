"""Which approved claims score: the cap rule (封顶规则), order-independent by construction.

The rule. Approved, unreversed claims of one member for one item are grouped by the cap's
cycle (day, week, month, quarter, half-year or year) containing their service date. Within a
group the claims are taken in order of service date, then of claim key; a claim scores the
points of the item version in effect on its service date when fewer claims before it in
that order score than its version's cap allows, and scores nothing otherwise. The outcome
depends only on the set of approved claims, never on the order in which entries arrived.

A consequence, stated plainly: a claim that arrives late with an earlier service date takes
its place in the order, and the last claim of the cycle that scored before may stop scoring
(its points move to the earlier service). Reversing an approval frees its place, and the
next claim in order starts scoring. A claim that does not score is still an approved service
(it counts for the compliance checks); it just earns no points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pendulum

from neighborhood_pb.calendar.periods import PeriodKind
from neighborhood_pb.points.catalogue import ServiceItem
from neighborhood_pb.points.entries import Claim
from neighborhood_pb.points.instants import cycle

__all__ = ["GroupKey", "OrderKey", "allocate", "derive_awards", "group_key"]

GroupKey = tuple[str, str, PeriodKind, pendulum.Date]
"""``(member, item code, cap cycle kind, cycle start)``: the claims that share one cap."""

OrderKey = tuple[pendulum.Date, str]
"""``(service date, claim key)``: the order in which a group's claims take their places."""


def group_key(claim: Claim, item: ServiceItem) -> GroupKey | None:
    """The cap group of an approved claim, or ``None`` when its item has no cap."""
    cap = item.cap
    if cap is None:
        return None
    return (claim.member_id, claim.item_code, cap.per, cycle(cap.per, claim.service_date).start)


def allocate(group: Sequence[tuple[OrderKey, ServiceItem]]) -> list[int]:
    """Points each claim of a cap group scores; ``group`` must be in :data:`OrderKey` order."""
    scoring = 0
    result = []
    for _, item in group:
        assert item.cap is not None  # only capped items form groups
        if scoring < item.cap.awards:
            scoring += 1
            result.append(item.points)
        else:
            result.append(0)
    return result


def derive_awards(approved: Iterable[tuple[Claim, ServiceItem]]) -> dict[str, int]:
    """Points scored by every approved claim, computed from scratch (the audit path)."""
    awards: dict[str, int] = {}
    groups: dict[GroupKey, list[tuple[OrderKey, ServiceItem]]] = {}
    for claim, item in approved:
        key = group_key(claim, item)
        if key is None:
            awards[claim.key] = item.points
        else:
            groups.setdefault(key, []).append(((claim.service_date, claim.key), item))
    for group in groups.values():
        group.sort(key=lambda member: member[0])
        for ((_, claim_key), _), points in zip(group, allocate(group), strict=True):
            awards[claim_key] = points
    return awards
