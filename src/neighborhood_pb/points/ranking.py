"""Competition ranking (排名): ties share a rank and the next rank skips (1, 1, 3).

A member's rank is one more than the number of members with strictly more points; a top-N
list keeps everyone whose rank is at most N, so a tie at the boundary is never cut.
:class:`ScoreIndex` answers "how many score more than this?" in logarithmic time and is
updated in place when a total changes, so a rank never needs a full sort.
"""

from __future__ import annotations

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

    A Fenwick tree over score values; it grows when a larger score arrives.
    """

    __slots__ = ("_count", "_size", "_tree")

    def __init__(self) -> None:
        """An empty index."""
        self._size = 64
        self._tree = [0] * (self._size + 1)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def _grow(self, score: int) -> None:
        counts = self.tallies()
        while self._size <= score:
            self._size *= 2
        self._tree = [0] * (self._size + 1)
        for held, count in counts.items():
            self._update(held + 1, count)

    def _update(self, position: int, delta: int) -> None:
        tree, size = self._tree, self._size
        while position <= size:
            tree[position] += delta
            position += position & -position

    def _prefix(self, position: int) -> int:
        tree, total = self._tree, 0
        while position > 0:
            total += tree[position]
            position -= position & -position
        return total

    def add(self, score: int) -> None:
        """Add one score (at least 0)."""
        if score >= self._size:
            self._grow(score)
        self._update(score + 1, 1)
        self._count += 1

    def remove(self, score: int) -> None:
        """Remove one occurrence of ``score``, which must be present."""
        self._update(score + 1, -1)
        self._count -= 1

    def count_above(self, score: int) -> int:
        """How many scores are strictly greater than ``score``."""
        if score >= self._size:
            return 0
        return self._count - self._prefix(score + 1)

    def tallies(self) -> dict[int, int]:
        """How many times each score is held (scores held zero times are absent)."""
        result = {}
        for score in range(self._size):
            count = self._prefix(score + 1) - self._prefix(score)
            if count:
                result[score] = count
        return result

    def rank(self, score: int) -> int:
        """Competition rank of ``score`` among the scores held."""
        return self.count_above(score) + 1
