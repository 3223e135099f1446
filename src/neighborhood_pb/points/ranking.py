"""Competition ranking (排名): ties share a rank and the next rank skips (1, 1, 3).

A member's rank is one more than the number of members with strictly more points; a top-N
list keeps everyone whose rank is at most N, so a tie at the boundary is never cut.
:class:`ScoreIndex` answers "how many score more than this?" by summing counts per score in
blocks of 64, and is updated in constant time when a total changes, so a rank never needs a
full sort.
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

    Counts per score plus counts per block of 64 scores: moving a member's score touches four
    cells, and a count above a score sums one partial block and the blocks above it. Grows
    when a larger score arrives.
    """

    __slots__ = ("_blocks", "_count", "_counts")

    _SHIFT = 6  # blocks of 64 scores

    def __init__(self) -> None:
        """An empty index."""
        self._counts = [0] * (1 << self._SHIFT)
        self._blocks = [0]
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def _grow(self, score: int) -> None:
        blocks = (score >> self._SHIFT) + 1
        self._counts.extend([0] * ((blocks << self._SHIFT) - len(self._counts)))
        self._blocks.extend([0] * (blocks - len(self._blocks)))

    def add(self, score: int) -> None:
        """Add one score (at least 0)."""
        if score >= len(self._counts):
            self._grow(score)
        self._counts[score] += 1
        self._blocks[score >> self._SHIFT] += 1
        self._count += 1

    def remove(self, score: int) -> None:
        """Remove one occurrence of ``score``, which must be present."""
        self._counts[score] -= 1
        self._blocks[score >> self._SHIFT] -= 1
        self._count -= 1

    def move(self, before: int, after: int) -> None:
        """Replace one ``before`` by ``after``; 0 stands for "not held" on either side."""
        counts, blocks, shift = self._counts, self._blocks, self._SHIFT
        if before:
            counts[before] -= 1
            blocks[before >> shift] -= 1
            self._count -= 1
        if after:
            if after >= len(counts):
                self._grow(after)
                counts, blocks = self._counts, self._blocks
            counts[after] += 1
            blocks[after >> shift] += 1
            self._count += 1

    def count_above(self, score: int) -> int:
        """How many scores are strictly greater than ``score``."""
        counts = self._counts
        if score >= len(counts):
            return 0
        block = score >> self._SHIFT
        end = (block + 1) << self._SHIFT
        return sum(counts[score + 1 : end]) + sum(self._blocks[block + 1 :])

    def tallies(self) -> dict[int, int]:
        """How many times each score is held (scores held zero times are absent)."""
        return {score: count for score, count in enumerate(self._counts) if count}

    def rank(self, score: int) -> int:
        """Competition rank of ``score`` among the scores held."""
        return self.count_above(score) + 1
