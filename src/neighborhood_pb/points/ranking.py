"""Competition ranking (排名): ties share a rank and the next rank skips (1, 1, 3).

A member's rank is one more than the number of members with strictly more points; a top-N
list keeps everyone whose rank is at most N, so a tie at the boundary is never cut.
:class:`ScoreIndex` answers "how many score more than this?" from the distinct scores held,
kept sorted in small buckets with their counts, so a rank never needs a full sort and a huge
score costs no more than a small one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping

import attrs

__all__ = ["RankedMember", "ScoreIndex", "competition_ranking", "top_with_ties"]


@attrs.frozen(kw_only=True)
class RankedMember:
    """One line of a ranking.

    Attributes:
        rank: Competition rank, 1 for the best.
        member_id: The member.
        points: Points in the period ranked.
    """

    rank: int
    member_id: str
    points: int


def competition_ranking(scores: Mapping[str, int]) -> tuple[RankedMember, ...]:
    """Rank members by points, best first; ties share a rank, ordered by member id."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    result = []
    rank = 0
    previous: int | None = None
    for position, (member_id, points) in enumerate(ordered, 1):
        if points != previous:
            rank, previous = position, points
        result.append(RankedMember(rank=rank, member_id=member_id, points=points))
    return tuple(result)


def top_with_ties(ranking: Iterable[RankedMember], n: int) -> tuple[RankedMember, ...]:
    """The lines of ``ranking`` whose rank is at most ``n`` (every tie at the cut is kept)."""
    return tuple(line for line in ranking if line.rank <= n)


class ScoreIndex:
    """A multiset of non-negative integer scores with fast "how many are higher" counts.

    The distinct scores held are kept sorted in small buckets, each with the number of scores
    it holds: moving a member's score touches one or two buckets, and a count above a score
    sums part of one bucket and the bucket totals above it. Memory and time grow with the
    number of distinct scores held, never with how large a score is.
    """

    __slots__ = ("_buckets", "_count", "_counts", "_firsts", "_totals")

    _LOAD = 32  # a bucket splits when it holds twice as many distinct scores

    def __init__(self) -> None:
        """An empty index."""
        self._counts: dict[int, int] = {}
        self._buckets: list[list[int]] = []
        self._firsts: list[int] = []
        self._totals: list[int] = []
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, score: int) -> None:
        """Add one score (at least 0)."""
        self._count += 1
        counts = self._counts
        held = counts.get(score)
        if held:
            counts[score] = held + 1
            self._totals[max(bisect_right(self._firsts, score) - 1, 0)] += 1
            return
        counts[score] = 1
        buckets, firsts = self._buckets, self._firsts
        if not buckets:
            buckets.append([score])
            firsts.append(score)
            self._totals.append(1)
            return
        index = max(bisect_right(firsts, score) - 1, 0)
        bucket = buckets[index]
        insort(bucket, score)
        firsts[index] = bucket[0]
        self._totals[index] += 1
        if len(bucket) > 2 * self._LOAD:
            upper = bucket[self._LOAD :]
            del bucket[self._LOAD :]
            moved = sum(counts[s] for s in upper)
            self._totals[index] -= moved
            buckets.insert(index + 1, upper)
            firsts.insert(index + 1, upper[0])
            self._totals.insert(index + 1, moved)

    def remove(self, score: int) -> None:
        """Remove one occurrence of ``score``, which must be present."""
        self._count -= 1
        counts, firsts = self._counts, self._firsts
        index = bisect_right(firsts, score) - 1
        self._totals[index] -= 1
        held = counts[score]
        if held > 1:
            counts[score] = held - 1
            return
        del counts[score]
        bucket = self._buckets[index]
        del bucket[bisect_left(bucket, score)]
        if bucket:
            firsts[index] = bucket[0]
        else:
            del self._buckets[index], firsts[index], self._totals[index]

    def move(self, before: int, after: int) -> None:
        """Replace one ``before`` by ``after``; 0 stands for "not held" on either side."""
        if before:
            self.remove(before)
        if after:
            self.add(after)

    def count_above(self, score: int) -> int:
        """How many scores are strictly greater than ``score``."""
        index = bisect_right(self._firsts, score) - 1
        if index < 0:
            return self._count
        bucket, counts = self._buckets[index], self._counts
        within = sum([counts[s] for s in bucket[bisect_right(bucket, score) :]])
        return within + sum(self._totals[index + 1 :])

    def tallies(self) -> dict[int, int]:
        """How many times each score is held (scores held zero times are absent), by score."""
        counts = self._counts
        return {score: counts[score] for bucket in self._buckets for score in bucket}

    def rank(self, score: int) -> int:
        """Competition rank of ``score`` among the scores held."""
        return self.count_above(score) + 1
