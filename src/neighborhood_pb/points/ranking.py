"""Competition ranking (排名): ties share a rank and the next rank skips (1, 1, 3).

A member's rank is one more than the number of members with strictly more points; a top-N
list keeps everyone whose rank is at most N, so a tie at the boundary is never cut.
:class:`ScoreIndex` answers "how many score more than this?" from the distinct scores held,
kept sorted in small buckets with their counts, so a rank never needs a full sort and a huge
score costs no more than a small one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
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

    The distinct scores held are kept sorted in small buckets, each score with how many hold
    it and each bucket with its total: moving a member's score touches one or two buckets, and
    a count above a score sums part of one bucket and the bucket totals above it. Memory and
    time grow with the number of distinct scores held, never with how large a score is.
    """

    __slots__ = ("_count", "_counts", "_firsts", "_scores", "_totals")

    _LOAD = 32  # a bucket splits when it holds twice as many distinct scores

    def __init__(self) -> None:
        """An empty index."""
        self._scores: list[list[int]] = []  # distinct scores, ascending, by bucket
        self._counts: list[list[int]] = []  # how many hold each of them
        self._firsts: list[int] = []  # each bucket's smallest score
        self._totals: list[int] = []  # how many scores each bucket holds
        self._count = 0

    @classmethod
    def of(cls, scores: Iterable[int]) -> ScoreIndex:
        """An index holding ``scores`` (0 stands for "not held" and is left out).

        Built in one pass over the sorted distinct scores: the index a ranking query needs
        is made when it is first asked for, then kept up to date move by move.
        """
        index = cls()
        tally = sorted(Counter(score for score in scores if score).items())
        for start in range(0, len(tally), cls._LOAD):
            chunk = tally[start : start + cls._LOAD]
            counts = [count for _, count in chunk]
            index._scores.append([score for score, _ in chunk])
            index._counts.append(counts)
            index._firsts.append(chunk[0][0])
            index._totals.append(sum(counts))
        index._count = sum(index._totals)
        return index

    def __len__(self) -> int:
        return self._count

    def add(self, score: int) -> None:
        """Add one score (at least 0)."""
        self._count += 1
        firsts = self._firsts
        if not firsts:
            self._scores.append([score])
            self._counts.append([1])
            firsts.append(score)
            self._totals.append(1)
            return
        index = bisect_right(firsts, score) - 1
        if index < 0:
            index = 0
        self._totals[index] += 1
        scores, counts = self._scores[index], self._counts[index]
        at = bisect_left(scores, score)
        if at < len(scores) and scores[at] == score:
            counts[at] += 1
            return
        scores.insert(at, score)
        counts.insert(at, 1)
        if not at:
            firsts[index] = score
        if len(scores) > 2 * self._LOAD:
            self._split(index)

    def _split(self, index: int) -> None:
        half = self._LOAD
        scores, counts = self._scores[index], self._counts[index]
        upper_scores, upper_counts = scores[half:], counts[half:]
        del scores[half:], counts[half:]
        moved = sum(upper_counts)
        self._totals[index] -= moved
        self._scores.insert(index + 1, upper_scores)
        self._counts.insert(index + 1, upper_counts)
        self._firsts.insert(index + 1, upper_scores[0])
        self._totals.insert(index + 1, moved)

    def remove(self, score: int) -> None:
        """Remove one occurrence of ``score``, which must be present."""
        self._count -= 1
        index = bisect_right(self._firsts, score) - 1
        self._totals[index] -= 1
        scores, counts = self._scores[index], self._counts[index]
        at = bisect_left(scores, score)
        if counts[at] > 1:
            counts[at] -= 1
            return
        del scores[at], counts[at]
        if not scores:
            del self._scores[index], self._counts[index], self._firsts[index]
            del self._totals[index]
        elif not at:
            self._firsts[index] = scores[0]

    def move(self, before: int, after: int) -> None:
        """Replace one ``before`` by ``after``; 0 stands for "not held" on either side."""
        if before and after:  # the common case: both held already, in one bucket
            firsts = self._firsts
            index = bisect_right(firsts, before) - 1
            if firsts[index] <= after and (index + 1 == len(firsts) or after < firsts[index + 1]):
                scores, counts = self._scores[index], self._counts[index]
                at = bisect_left(scores, before)
                to = bisect_left(scores, after)
                if counts[at] > 1 and to < len(scores) and scores[to] == after:
                    counts[at] -= 1
                    counts[to] += 1
                    return
        if before:
            self.remove(before)
        if after:
            self.add(after)

    def count_above(self, score: int) -> int:
        """How many scores are strictly greater than ``score``."""
        index = bisect_right(self._firsts, score) - 1
        if index < 0:
            return self._count
        above = bisect_right(self._scores[index], score)
        return sum(self._counts[index][above:]) + sum(self._totals[index + 1 :])

    def tallies(self) -> dict[int, int]:
        """How many times each score is held (scores held zero times are absent), by score."""
        return {
            score: count
            for scores, counts in zip(self._scores, self._counts, strict=True)
            for score, count in zip(scores, counts, strict=True)
        }

    def rank(self, score: int) -> int:
        """Competition rank of ``score`` among the scores held."""
        return self.count_above(score) + 1
