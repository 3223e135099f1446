"""The responsibility list of a day (责任清单), derived from projects and agreements."""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.governance.cobuild.lists import FourLists
from neighborhood_pb.governance.cobuild.partnership_book import Partnerships
from neighborhood_pb.governance.cobuild.responsibilities import (
    PostHolders,
    Responsibility,
    derive_responsibilities,
)

__all__ = ["list_responsibilities"]


def list_responsibilities(
    lists: FourLists,
    partners: Partnerships,
    on: _dt.date | str,
    *,
    posts: PostHolders | None = None,
) -> tuple[Responsibility, ...]:
    """Who answers for each need and project on ``on``.

    The owners of the projects under way (started, not complete), the parties of the
    commitments not yet met in the agreements in effect, and — when ``posts`` is given —
    the post holders of each organisation answering.
    """
    day = as_date(on, "on")
    owners = [
        (p.id, p.owner_id, p.need_ids)
        for p in lists.projects()
        if p.start <= day and lists.done(p.id, day) is None
    ]
    commitments = [
        (c.id, c.party_id, c.subjects)
        for a in partners.agreements(day)
        for c in a.commitments
        if partners.met(c.id) is None
    ]
    return derive_responsibilities(owners, commitments, posts, day)
