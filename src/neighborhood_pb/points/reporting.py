"""Where a member reports (到社区报到), and which organisations stand over that community.

The ledger asks the organisation tree two things: the report a member has in effect on a
service date (its community and grid), and the organisations whose posts may review that
member's claims (those covering the community and their ancestors).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.structure.records import Report
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["TreeReports"]


class TreeReports:
    """Looks up members' reports in an :class:`OrgTree`, with an index by person.

    The index holds report ids only; the record itself is always read from the tree, so an
    ended (revoked) report is seen as ended. Reports added to the tree after the index was
    built are found by rebuilding the index when a lookup misses.
    """

    __slots__ = ("_by_person", "tree")

    def __init__(self, tree: OrgTree) -> None:
        """Index the reports of ``tree``."""
        self.tree = tree
        self._by_person: dict[str, tuple[str, ...]] = {}
        self._rebuild()

    def _rebuild(self) -> None:
        by_person: dict[str, list[str]] = {}
        for report in self.tree.records().reports:
            by_person.setdefault(report.person_id, []).append(report.id)
        self._by_person = {person: tuple(ids) for person, ids in by_person.items()}

    def _find(self, person_id: str, on: _dt.date) -> Report | None:
        tree = self.tree
        for report_id in self._by_person.get(person_id, ()):
            report = tree.report(report_id)
            if report.period.contains(on):
                return report
        return None

    def report_of(self, person_id: str, on: _dt.date | str) -> Report | None:
        """The member's report in effect on ``on``, or ``None``."""
        if type(on) is not pendulum.Date:  # the ledger's hot path passes a Date
            on = as_date(on, "on")
        found = self._find(person_id, on)
        if found is None:
            self._rebuild()
            found = self._find(person_id, on)
        return found

    def reviewing_orgs(self, community_id: str, on: _dt.date | str) -> tuple[str, ...]:
        """Ids of the organisations covering ``community_id`` on ``on``, then their ancestors,
        nearest first and without repeats."""
        on = as_date(on, "on")
        return tuple(self.iter_reviewing_orgs(community_id, on))

    def iter_reviewing_orgs(self, community_id: str, on: _dt.date | str) -> Iterator[str]:
        """Like :meth:`reviewing_orgs`, lazily: the ancestors are looked up only if asked for,
        since most reviewers hold their post in the community's own organisation."""
        on = as_date(on, "on")
        covering = self.tree.org_ids_covering(community_id, on)
        yield from covering
        yield from self.ancestors_beyond(covering, on)

    def ancestors_beyond(self, covering: tuple[str, ...], on: _dt.date | str) -> Iterator[str]:
        """Ids of the ancestors of the ``covering`` organisations on ``on``, nearest first,
        without repeats and without the covering ones themselves."""
        on = as_date(on, "on")
        ancestors = self.tree.ancestors
        seen = set(covering)
        for org_id in covering:
            for ancestor in ancestors(org_id, on):
                if ancestor.id not in seen:
                    seen.add(ancestor.id)
                    yield ancestor.id
