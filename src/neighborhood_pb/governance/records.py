"""Every record of the deliberations, as one frozen value (议事记录汇总)."""

from __future__ import annotations

import attrs

from neighborhood_pb.governance.converters import to_tuple as _tuple
from neighborhood_pb.governance.evaluations import Rating
from neighborhood_pb.governance.matters import Closure, Matter, Review, StepTaken
from neighborhood_pb.governance.meetings import Meeting
from neighborhood_pb.governance.publications import Publication
from neighborhood_pb.governance.votes import Vote

__all__ = ["DeliberationRecords"]


@attrs.frozen(kw_only=True)
class DeliberationRecords:
    """The records of :class:`~neighborhood_pb.governance.deliberations.Deliberations`.

    Attributes:
        matters: Matters, in the order proposed.
        steps: Steps taken, matter by matter, in order.
        votes: Owners' assembly votes.
        meetings: Meetings held.
        publications: Publications.
        closures: Closures.
        reviews: Reviews.
        ratings: Residents' ratings.
    """

    matters: tuple[Matter, ...] = attrs.field(default=(), converter=_tuple)
    steps: tuple[StepTaken, ...] = attrs.field(default=(), converter=_tuple)
    votes: tuple[Vote, ...] = attrs.field(default=(), converter=_tuple)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=_tuple)
    publications: tuple[Publication, ...] = attrs.field(default=(), converter=_tuple)
    closures: tuple[Closure, ...] = attrs.field(default=(), converter=_tuple)
    reviews: tuple[Review, ...] = attrs.field(default=(), converter=_tuple)
    ratings: tuple[Rating, ...] = attrs.field(default=(), converter=_tuple)
