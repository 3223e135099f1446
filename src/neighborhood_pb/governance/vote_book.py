"""The owners' assembly votes of the deliberations and their results (表决记录).

A component of :class:`~neighborhood_pb.governance.deliberations.Deliberations`: it checks
a vote (a new id, no employee voting on their company's own contract) and keeps the votes
with their counted results; the facade checks the matter first.
"""

from __future__ import annotations

from neighborhood_pb.errors import ConflictError, UnknownRecordError
from neighborhood_pb.governance.guards import check_conflicts
from neighborhood_pb.governance.standing import Standing
from neighborhood_pb.governance.votes import AssemblyRules, Vote, VoteResult, tally

__all__ = ["VoteBook"]


class VoteBook:
    """Votes by id with their results, in the order recorded."""

    def __init__(self, rules: AssemblyRules) -> None:
        self.rules = rules
        self._votes: dict[str, tuple[Vote, VoteResult]] = {}

    def check(self, vote: Vote, standing: Standing) -> VoteResult:
        """The result ``vote`` would have; raises if it may not be recorded.

        Raises:
            ConflictError: the id is taken.
            NotAuthorisedError: an employee voted on their company's own contract.
        """
        if vote.id in self._votes:
            raise ConflictError(f"vote {vote.id} exists", subject=vote.id, rule="vote.unique")
        check_conflicts(vote, standing)
        return tally(vote, self.rules)

    def add(self, vote: Vote, result: VoteResult) -> None:
        """Keep a checked vote with its result."""
        self._votes[vote.id] = (vote, result)

    def find(self, vote_id: str) -> tuple[Vote, VoteResult] | None:
        """A vote and its result, or ``None``."""
        return self._votes.get(vote_id)

    def get(self, vote_id: str) -> tuple[Vote, VoteResult]:
        """A vote and its result.

        Raises:
            UnknownRecordError: there is none.
        """
        found = self._votes.get(vote_id)
        if found is None:
            raise UnknownRecordError(f"no vote {vote_id}", subject=vote_id, rule="vote.known")
        return found

    def votes(self) -> tuple[Vote, ...]:
        """Every vote, in the order recorded."""
        return tuple(vote for vote, _ in self._votes.values())

    def results(self) -> tuple[VoteResult, ...]:
        """Every result, in the order recorded."""
        return tuple(result for _, result in self._votes.values())
