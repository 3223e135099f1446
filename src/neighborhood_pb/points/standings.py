"""Standings (积分排行): balances, period totals, ranks and levels, derived from entries.

Nothing here is ever set by hand. The ledger tells the standings when a claim starts or
stops being an effective approval and when points are spent or refunded; the standings then
apply the cap rule to the one group concerned (:mod:`neighborhood_pb.points.awards`: with one
cap in the group, at most one claim is pushed out or let in) and apply the difference to
their indices: each member's earned and spent points, the member's totals per month, quarter
and year of the service date, the totals per month of each grid or community, and a score
index per period from which a rank is read by counting the higher scores.
:meth:`Standings.snapshot` and :func:`snapshot_from_scratch` let an auditor compare them with
a full recomputation.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import attrs

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.points.awards import GroupKey, OrderKey, allocate, derive_awards, group_key
from neighborhood_pb.points.catalogue import ServiceItem
from neighborhood_pb.points.entries import Claim
from neighborhood_pb.points.instants import PeriodKey, total_keys
from neighborhood_pb.points.levels import DEFAULT_LEVELS, LevelScale, LevelStanding
from neighborhood_pb.points.ranking import (
    RankedMember,
    ScoreIndex,
    competition_ranking,
    top_with_ties,
)
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["Standings", "StandingsSnapshot", "place_of", "snapshot_from_scratch"]

_GRID_RANK = TerritoryKind.GRID.rank


def place_of(claim: Claim) -> str:
    """Where a claim's points are attributed: the report's grid, else its community."""
    return claim.grid_id if claim.grid_id is not None else claim.community_id


@attrs.frozen(kw_only=True)
class StandingsSnapshot:
    """Every derived figure at one moment, for comparing two derivations.

    Attributes:
        awards: Points each approved claim scores (0 when over its cap).
        earned: Points earned per member (members with none are absent).
        spent: Points spent net of refunds per member (members with none are absent).
        member_totals: Points per calendar month, quarter and year, per member; periods are
            named ``"start/end"`` (ISO 8601 intervals, end exclusive).
        place_totals: Points per calendar month, per grid or community (quarters and years
            are sums of months).
        scores: Per calendar period, how many members have each (non-zero) total: what the
            rank index holds.
    """

    awards: Mapping[str, int]
    earned: Mapping[str, int]
    spent: Mapping[str, int]
    member_totals: Mapping[str, Mapping[str, int]]
    place_totals: Mapping[str, Mapping[str, int]]
    scores: Mapping[str, Mapping[int, int]]


def _label(key: PeriodKey) -> str:
    return f"{key[0]}/{key[1]}"


def _add(table: dict[str, int], key: str, delta: int) -> int:
    value = table.get(key, 0) + delta
    if value:
        table[key] = value
    else:
        table.pop(key, None)
    return value


def snapshot_from_scratch(
    approved: Iterable[tuple[Claim, ServiceItem]], spent: Mapping[str, int]
) -> StandingsSnapshot:
    """Derive every figure from the approved claims and net spending, without indices."""
    pairs = list(approved)
    awards = derive_awards(pairs)
    earned: dict[str, int] = {}
    member_totals: dict[PeriodKey, dict[str, int]] = {}
    place_totals: dict[PeriodKey, dict[str, int]] = {}
    for claim, _ in pairs:
        points = awards[claim.key]
        if not points:
            continue
        _add(earned, claim.member_id, points)
        keys = total_keys(claim.service_date)
        for key in keys:
            _add(member_totals.setdefault(key, {}), claim.member_id, points)
        _add(place_totals.setdefault(keys[0], {}), place_of(claim), points)
    return StandingsSnapshot(
        awards=awards,
        earned=earned,
        spent={member: points for member, points in spent.items() if points},
        member_totals={_label(k): v for k, v in member_totals.items()},
        place_totals={_label(k): v for k, v in place_totals.items()},
        scores={_label(k): dict(Counter(totals.values())) for k, totals in member_totals.items()},
    )


class _Scored:
    """An approved claim, its item version and the points it scores now."""

    __slots__ = ("claim", "item", "points")

    def __init__(self, claim: Claim, item: ServiceItem) -> None:
        self.claim = claim
        self.item = item
        self.points = 0


class _CapGroup:
    """The approved claims sharing one cap, in :data:`OrderKey` order, and the caps they
    carry (several only when an item's cap changed between versions within one cycle)."""

    __slots__ = ("limits", "orders")

    def __init__(self) -> None:
        self.orders: list[OrderKey] = []
        self.limits: dict[int, int] = {}


class Standings:
    """The ledger's derived figures, updated incrementally; read-only for callers.

    Totals are by service date. Ranks are competition ranks (1, 1, 3) over every member with
    points in the period; a member with none ranks after all of them.
    """

    __slots__ = (
        "_approved",
        "_claims_of",
        "_earned",
        "_groups",
        "_member_totals",
        "_place_totals",
        "_scores",
        "_spent",
        "tree",
    )

    def __init__(self, tree: OrgTree, claims_of: Callable[[str], Iterable[Claim]]) -> None:
        """Empty standings.

        Args:
            tree: The organisation tree, to resolve organisations' territory and members.
            claims_of: A member's claims (any status), for totals over periods that are not
                calendar months, quarters or years.
        """
        self.tree = tree
        self._approved: dict[str, _Scored] = {}
        self._groups: dict[GroupKey, _CapGroup] = {}
        self._earned: dict[str, int] = {}
        self._spent: dict[str, int] = {}
        self._member_totals: dict[PeriodKey, dict[str, int]] = {}
        self._place_totals: dict[PeriodKey, dict[str, int]] = {}
        self._scores: dict[PeriodKey, ScoreIndex] = {}
        self._claims_of = claims_of

    # == maintained by the ledger ============================================================

    def _admit(self, claim: Claim, item: ServiceItem) -> None:
        """A claim has become an effective approval."""
        scored = self._approved[claim.key] = _Scored(claim, item)
        if item.cap is None:  # no cap group: the claim scores its item's points
            self._set_award(scored, item.points)
            return
        key = group_key(claim, item)
        assert key is not None  # a cap implies a group key
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _CapGroup()
        order = (claim.service_date, claim.key)
        index = bisect.bisect_left(group.orders, order)
        group.orders.insert(index, order)
        limit = item.cap.awards
        group.limits[limit] = group.limits.get(limit, 0) + 1
        if len(group.limits) > 1:
            self._reallocate(group.orders)
        elif index < limit:
            # One cap for the whole group: the first ``limit`` claims in order score; the new
            # claim takes a place and pushes the last scoring claim out, if there was one.
            self._set_award(scored, item.points)
            if len(group.orders) > limit:
                self._set_award(self._approved[group.orders[limit][1]], 0)

    def _withdraw(self, claim: Claim) -> None:
        """A claim's approval has been reversed."""
        scored = self._approved.pop(claim.key)
        item = scored.item
        key = group_key(claim, item)
        self._set_award(scored, 0)
        if key is None:
            return
        assert item.cap is not None  # a group key implies a cap
        group = self._groups[key]
        mixed = len(group.limits) > 1
        index = bisect.bisect_left(group.orders, (claim.service_date, claim.key))
        del group.orders[index]
        limit = item.cap.awards
        group.limits[limit] -= 1
        if not group.limits[limit]:
            del group.limits[limit]
        if not group.orders:
            del self._groups[key]
        elif mixed:
            self._reallocate(group.orders)
        elif index < limit and len(group.orders) >= limit:
            # The freed place goes to the first claim that did not score.
            promoted = self._approved[group.orders[limit - 1][1]]
            self._set_award(promoted, promoted.item.points)

    def _spend(self, member_id: str, points: int) -> None:
        """A member spent ``points`` (negative: a refund)."""
        _add(self._spent, member_id, points)

    def _reallocate(self, group: list[OrderKey]) -> None:
        approved = self._approved
        members = [(order, approved[order[1]].item) for order in group]
        for (_, claim_key), points in zip(group, allocate(members), strict=True):
            self._set_award(approved[claim_key], points)

    def _set_award(self, scored: _Scored, points: int) -> None:
        # The hot path of every entry that changes points: kept flat on purpose.
        delta = points - scored.points
        if not delta:
            return
        scored.points = points
        claim = scored.claim
        member = claim.member_id
        earned = self._earned
        total = earned.get(member, 0) + delta
        if total:
            earned[member] = total
        else:
            del earned[member]
        member_totals, all_scores = self._member_totals, self._scores
        keys = total_keys(claim.service_date)
        places = self._place_totals.get(keys[0])
        if places is None:  # not setdefault: no empty dict built on every entry
            places = self._place_totals[keys[0]] = {}
        place = claim.grid_id if claim.grid_id is not None else claim.community_id  # place_of
        value = places.get(place, 0) + delta
        if value:
            places[place] = value
        else:
            del places[place]
        for key in keys:
            totals = member_totals.get(key)
            if totals is None:
                totals = member_totals[key] = {}
            before = totals.get(member, 0)
            after = before + delta
            if after:
                totals[member] = after
            else:
                del totals[member]
            scores = all_scores.get(key)  # built when a rank in the period is first asked
            if scores is not None:
                scores.move(before, after)

    # == queries ============================================================================

    def awarded(self, claim_key: str) -> int:
        """Points a claim scores now (0 unless it is an approved claim within its cap)."""
        scored = self._approved.get(claim_key)
        return 0 if scored is None else scored.points

    def earned(self, member_id: str) -> int:
        """Points a member has earned, all time."""
        return self._earned.get(member_id, 0)

    def spent(self, member_id: str) -> int:
        """Points a member has spent, net of refunds."""
        return self._spent.get(member_id, 0)

    def balance(self, member_id: str) -> int:
        """Points a member may still spend: earned minus spent.

        It is never taken below zero by a redemption; a reversal of points already spent can
        take it below zero, and the debt then shows.
        """
        return self._earned.get(member_id, 0) - self._spent.get(member_id, 0)

    def _indexed(self, period: Period) -> PeriodKey | None:
        if period.end is None:
            return None
        key = (period.start, period.end)
        return key if key in total_keys(period.start) else None

    def _scan(self, claims: Iterable[Claim], period: Period) -> int:
        approved = self._approved
        return sum(approved[c.key].points for c in claims if period.contains(c.service_date))

    def total(self, member_id: str, period: Period) -> int:
        """Points a member earned for services in ``period``.

        A calendar month, quarter or year is read from the index; any other period is summed
        from the member's scoring claims.
        """
        key = self._indexed(period)
        if key is not None:
            return self._member_totals.get(key, {}).get(member_id, 0)
        claims = (c for c in self._claims_of(member_id) if c.key in self._approved)
        return self._scan(claims, period)

    def totals(self, period: Period) -> Mapping[str, int]:
        """Points per member for services in ``period`` (members with none are absent)."""
        key = self._indexed(period)
        if key is not None:
            return dict(self._member_totals.get(key, {}))
        result: dict[str, int] = {}
        for scored in self._approved.values():
            if scored.points and period.contains(scored.claim.service_date):
                member = scored.claim.member_id
                result[member] = result.get(member, 0) + scored.points
        return result

    def place_total(self, territory_id: str, period: Period) -> int:
        """Points attributed to one grid or community (members reported there without a grid)
        for a calendar month, quarter or year.

        Raises:
            InvalidRecordError: ``period`` is not a calendar month, quarter or year.
        """
        return sum(totals.get(territory_id, 0) for totals in self._place_months(period))

    def _place_months(self, period: Period) -> list[dict[str, int]]:
        """The monthly place totals inside a calendar month, quarter or year."""
        key = self._require_indexed(period)
        result, month = [], key[0]
        while month < key[1]:
            following = month.add(months=1)
            totals = self._place_totals.get((month, following))
            if totals:
                result.append(totals)
            month = following
        return result

    def _require_indexed(self, period: Period) -> PeriodKey:
        key = self._indexed(period)
        if key is None:
            raise InvalidRecordError(
                f"{period} is not a calendar month, quarter or year",
                rule="standings.calendar_period",
            )
        return key

    def org_places(self, org_id: str, on: _dt.date | str) -> frozenset[str]:
        """Grids and communities inside the territory an org's subtree covers on ``on``."""
        on = as_date(on, "on")
        tree = self.tree
        places: set[str] = set()
        for org in tree.subtree(org_id, on):
            for territory in tree.territories_covered(org.id, on):
                if territory.kind.rank > _GRID_RANK:
                    continue
                places.add(territory.id)
                places.update(
                    t.id
                    for t in tree.territories.descendants(territory.id, on, max_rank=_GRID_RANK)
                )
        return frozenset(places)

    def org_total(self, org_id: str, period: Period, on: _dt.date | str) -> int:
        """Points for services in ``period`` by members reported inside the territory an org's
        subtree covers on ``on`` (a community, a street, a grid branch).

        Raises:
            InvalidRecordError: ``period`` is not a calendar month, quarter or year.
        """
        on = as_date(on, "on")
        months = self._place_months(period)
        return sum(m.get(place, 0) for place in self.org_places(org_id, on) for m in months)

    def org_members(self, org_id: str, on: _dt.date | str) -> tuple[str, ...]:
        """Members reported inside the territory an org's subtree covers on ``on``, sorted."""
        on = as_date(on, "on")
        return tuple(sorted({r.person_id for r in self.tree.reported_members(org_id, on)}))

    def rank(self, member_id: str, period: Period) -> int:
        """Competition rank of a member among everyone with points in ``period``."""
        key = self._indexed(period)
        if key is not None:
            totals = self._member_totals.get(key)
            if not totals:
                return 1
            scores = self._scores.get(key)
            if scores is None:
                scores = self._scores[key] = ScoreIndex.of(totals.values())
            return scores.rank(totals.get(member_id, 0))
        points = self.total(member_id, period)
        return 1 + sum(1 for other in self.totals(period).values() if other > points)

    def ranking(
        self, period: Period, members: Iterable[str] | None = None
    ) -> tuple[RankedMember, ...]:
        """Competition ranking for ``period``.

        Args:
            period: The period of the services.
            members: Rank exactly these members (those without points rank last together);
                by default everyone with points in the period.
        """
        totals = self.totals(period)
        if members is not None:
            totals = {member: totals.get(member, 0) for member in members}
        return competition_ranking(totals)

    def top(
        self, period: Period, n: int, members: Iterable[str] | None = None
    ) -> tuple[RankedMember, ...]:
        """The members ranked ``n`` or better, every tie at the cut kept.

        Raises:
            InvalidRecordError: ``n`` is below 1.
        """
        if n < 1:
            raise InvalidRecordError(f"top {n}: n must be at least 1", rule="standings.top_n")
        return top_with_ties(self.ranking(period, members), n)

    def org_ranking(
        self, org_id: str, period: Period, on: _dt.date | str
    ) -> tuple[RankedMember, ...]:
        """Ranking of the members reported inside an org's territory on ``on`` (e.g. a
        community's quarterly standings), members without points included."""
        on = as_date(on, "on")
        return self.ranking(period, self.org_members(org_id, on))

    def level(
        self, member_id: str, scale: LevelScale = DEFAULT_LEVELS, period: Period | None = None
    ) -> LevelStanding:
        """A member's level on ``scale``: on lifetime earned points, or on ``period``'s."""
        points = self.earned(member_id) if period is None else self.total(member_id, period)
        return scale.standing(points)

    def snapshot(self) -> StandingsSnapshot:
        """Every derived figure, copied (see :func:`snapshot_from_scratch`)."""
        return StandingsSnapshot(
            awards={key: scored.points for key, scored in self._approved.items()},
            earned=dict(self._earned),
            spent=dict(self._spent),
            member_totals={_label(k): dict(v) for k, v in self._member_totals.items() if v},
            place_totals={_label(k): dict(v) for k, v in self._place_totals.items() if v},
            scores={_label(k): self._tallies(k, v) for k, v in self._member_totals.items() if v},
        )

    def _tallies(self, key: PeriodKey, totals: dict[str, int]) -> dict[int, int]:
        """How many members hold each total of a period: from its rank index where one was
        built (so that a snapshot compares the index with a recomputation), else counted."""
        scores = self._scores.get(key)
        if scores is not None:
            return scores.tallies()
        return dict(sorted(Counter(totals.values()).items()))
