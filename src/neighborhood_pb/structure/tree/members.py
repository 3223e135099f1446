"""People of a tree and what binds them to it: memberships (组织关系), residential reports
(到社区报到) and the organisations' election terms (任期).

These components ask the organisations' history (:class:`.orgs.OrgHistory`) and the
territory map; neither knows them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError
from neighborhood_pb.history import Register
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import ElectionTerm, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.territory_map import TerritoryMap
from neighborhood_pb.structure.tree.orgs import OrgHistory
from neighborhood_pb.structure.tree.records import refuse

__all__ = ["MembershipBook", "ReportBook", "TermBook", "check_household", "check_standing"]

_GRID_RANK = TerritoryKind.GRID.rank
_COMMUNITY_KINDS = frozenset({TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE})


def check_standing(person: Person, start: _dt.date, subject: str | None = None) -> None:
    """Refuse a membership or report of someone who is not a party member by ``start``."""
    if not person.is_party_member(start):
        raise refuse(
            f"{subject or person.id}: {person.id} is not a party member on {start}",
            subject or person.id,
            "membership.party_member",
        )


def check_household(territories: TerritoryMap, person: Person) -> None:
    """Refuse a person whose home is not a household of ``territories``."""
    if person.household_id is None:
        return
    household = territories.get(person.household_id)
    if household.kind is not TerritoryKind.HOUSEHOLD:
        raise refuse(
            f"person {person.id}: home {household.id} is a {household.kind.label_zh}, "
            "not a household",
            person.id,
            "person.household",
        )


class MembershipBook:
    """Memberships by id, by org and by person.

    Invariants: a person holds at most one formal membership at any instant and belongs to
    an org at most once at a time; a membership lies within its org's life, and every form
    of the org meanwhile holds its kind.
    """

    def __init__(self, orgs: OrgHistory, people: Register[Person]) -> None:
        """Create an empty book over ``orgs`` and ``people``."""
        self._orgs = orgs
        self._people = people
        self.register: Register[Membership] = Register("membership")
        self.by_org: dict[str, list[str]] = {}
        self.by_person: dict[str, list[str]] = {}

    def check(self, membership: Membership, *, ignore: str | None = None) -> None:
        """Validate a new membership (see ``OrgTree.add_membership``); ``ignore`` names a
        membership to leave out of the overlap checks (the one a transfer ends)."""
        subject = membership.id
        self.register.check_new(subject)
        person = self._people.get(membership.person_id)
        timeline = self._orgs.timeline(membership.org_id)
        check_standing(person, membership.period.start, subject)
        if not timeline.spans(membership.period):
            raise refuse(
                f"membership {subject} {membership.period} falls outside the life of "
                f"{membership.org_id}",
                subject,
                "membership.within_lifetime",
            )
        for version in timeline:
            if version.period.overlaps(membership.period) and not membership.kind.allowed_in(
                version.form
            ):
                raise refuse(
                    f"membership {subject}: a {version.form.label_zh} does not hold "
                    f"{membership.kind.label_zh} members",
                    subject,
                    "membership.form",
                )
        for other_id in self.by_person.get(person.id, ()):
            if other_id == ignore:
                continue
            other = self.register[other_id]
            if not other.period.overlaps(membership.period):
                continue
            if other.kind is MembershipKind.FORMAL and membership.kind is MembershipKind.FORMAL:
                raise ConflictError(
                    f"membership {subject}: {person.id} already has formal membership "
                    f"{other_id} in {other.org_id} {other.period} (one 组织关系 at a time)",
                    subject=subject,
                    rule="membership.one_formal",
                )
            if other.org_id == membership.org_id:
                raise ConflictError(
                    f"membership {subject}: {person.id} already belongs to "
                    f"{membership.org_id} through {other_id}",
                    subject=subject,
                    rule="membership.unique",
                )

    def add(self, membership: Membership) -> None:
        """Store a validated membership."""
        self.register.put(membership.id, membership)
        self.by_org.setdefault(membership.org_id, []).append(membership.id)
        self.by_person.setdefault(membership.person_id, []).append(membership.id)

    def transfer(
        self, membership_id: str, new_id: str, org_id: str, day: pendulum.Date
    ) -> Membership:
        """End an open membership on ``day`` and open ``new_id`` in ``org_id`` from that day
        (转接组织关系), both validated first."""
        register = self.register
        current = register.check_end(membership_id, day, planned=False)
        new = Membership(
            id=new_id,
            person_id=current.person_id,
            org_id=org_id,
            period=Period(start=day),
            kind=current.kind,
        )
        self.check(new, ignore=membership_id)
        register.end(membership_id, day, planned=False, end_reason="transfer")
        self.add(new)
        return new

    def running_past(self, org_id: str, day: pendulum.Date) -> str | None:
        """A membership of ``org_id`` that still runs on ``day`` or later, if any."""
        register = self.register.records
        for membership_id in self.by_org.get(org_id, ()):
            if register[membership_id].period.runs_past(day):
                return membership_id
        return None

    def check_form(self, org_id: str, form: OrgForm, day: pendulum.Date) -> None:
        """Refuse a form from ``day`` that cannot hold a membership running on by then."""
        for membership_id in self.by_org.get(org_id, ()):
            membership = self.register[membership_id]
            if membership.period.runs_past(day) and not membership.kind.allowed_in(form):
                raise refuse(
                    f"organisation {org_id} as a {form.label_zh} cannot hold "
                    f"{membership.kind.label_zh} membership {membership_id}",
                    org_id,
                    "membership.form",
                )

    def in_effect_under(
        self, org_id: str, on: pendulum.Date, kind: MembershipKind | None, *, subtree: bool
    ) -> tuple[Membership, ...]:
        """Memberships in effect on ``on`` in an org, or in its whole subtree, of ``kind``
        (``None``: every kind)."""
        orgs = self._orgs
        if subtree:
            org_ids = [org_id, *(o.id for o in orgs.descendants(org_id, on))]
        else:
            org_ids = [orgs.org(org_id, on).id]
        register, by_org = self.register.records, self.by_org
        result = []
        for oid in org_ids:
            for membership_id in by_org.get(oid, ()):
                membership = register[membership_id]
                if (kind is None or membership.kind is kind) and membership.period.contains(on):
                    result.append(membership)
        return tuple(result)

    def member_counts(
        self, org_id: str, on: pendulum.Date, kind: MembershipKind | None, *, subtree: bool
    ) -> tuple[int, int]:
        """The people with those memberships and the full members (正式党员) among them,
        each person once, from one gathering of the memberships."""
        people = self._people.records
        ids = {m.person_id for m in self.in_effect_under(org_id, on, kind, subtree=subtree)}
        return len(ids), sum(people[person_id].is_full_member(on) for person_id in ids)

    def formal_org_of(self, person_id: str, on: pendulum.Date) -> Organisation | None:
        """The organisation holding a person's formal relation on ``on``, if any."""
        register = self.register.records
        for membership_id in self.by_person.get(person_id, ()):
            membership = register[membership_id]
            if membership.kind is MembershipKind.FORMAL and membership.period.contains(on):
                return self._orgs.org(membership.org_id, on)
        return None


def _lies_in(territories: TerritoryMap, territory: Territory, outer_id: str) -> bool:
    """Whether ``outer_id`` encloses ``territory``, walking up from its parent: a grid's
    community is its parent, found without a look-up in the city-sized index (where each
    probe past the processor's cache is a miss to memory)."""
    parent_id = territory.parent_id
    while parent_id is not None:
        if parent_id == outer_id:
            return True
        parent_id = territories.get(parent_id).parent_id
    return False


class ReportBook:
    """Residential reports by id, by person and by territory.

    Invariants: a report lies within the lives of its community and grid, the grid lies in
    the community, and a person reports to one place at a time.
    """

    def __init__(self, territories: TerritoryMap, people: Register[Person]) -> None:
        """Create an empty book over ``territories`` and ``people``."""
        self._territories = territories
        self._people = people
        self.register: Register[Report] = Register("report")
        self.by_person: dict[str, list[str]] = {}
        self.by_territory: dict[str, list[str]] = {}

    def add(self, report: Report) -> None:
        """Validate and record a report (see ``OrgTree.add_report``)."""
        subject = report.id
        self.register.check_new(subject)
        person = self._people.get(report.person_id)
        check_standing(person, report.period.start, subject)
        territories = self._territories
        community = territories.get(report.community_id)
        if community.kind not in _COMMUNITY_KINDS:
            raise refuse(
                f"report {subject}: {community.id} is a {community.kind.label_zh}, not a community",
                subject,
                "report.community",
            )
        places = [community]
        if report.grid_id is not None:
            grid = territories.get(report.grid_id)
            if grid.kind is not TerritoryKind.GRID or not _lies_in(territories, grid, community.id):
                raise refuse(
                    f"report {subject}: {grid.id} is not a grid of {community.id}",
                    subject,
                    "report.grid",
                )
            places.append(grid)
        for place in places:
            if not report.period.within(place.period):
                raise refuse(
                    f"report {subject} {report.period} falls outside the life of {place.id}",
                    subject,
                    "report.within_lifetime",
                )
        other = self.register.overlapping(self.by_person.get(person.id, ()), report.period)
        if other is not None:
            raise ConflictError(
                f"report {subject}: {person.id} already reported through {other.id}",
                subject=subject,
                rule="report.one_at_a_time",
            )
        self.register.put(report.id, report)
        self.by_person.setdefault(person.id, []).append(report.id)
        for place in places:
            self.by_territory.setdefault(place.id, []).append(report.id)

    def check_territory_end(self, territory_id: str, day: pendulum.Date) -> None:
        """Refuse to end a territory that still has a report after ``day``."""
        for report_id in self.by_territory.get(territory_id, ()):
            if self.register[report_id].period.runs_past(day):
                raise refuse(
                    f"territory {territory_id} still has report {report_id} after {day}",
                    territory_id,
                    "report.within_lifetime",
                )

    def in_effect(self, territory_id: str, on: _dt.date) -> list[Report]:
        """Reports to one community or grid in effect on ``on``."""
        register = self.register.records
        found = (register[r] for r in self.by_territory.get(territory_id, ()))
        return [report for report in found if report.period.contains(on)]

    def reports_to(self, territory_id: str, on: pendulum.Date) -> tuple[Report, ...]:
        """Reports in effect on ``on`` to a community or grid, or to any inside a larger
        territory."""
        territory = self._territories.get(territory_id)
        places = [territory_id]
        if territory.kind.rank < _GRID_RANK:
            inside = self._territories.descendants(territory_id, on, max_rank=_GRID_RANK)
            places.extend(t.id for t in inside)
        seen: dict[str, Report] = {}
        for place in places:
            for report in self.in_effect(place, on):
                seen[report.id] = report
        return tuple(seen.values())

    def reports_to_places(self, places: Iterable[str], on: pendulum.Date) -> tuple[Report, ...]:
        """Reports in effect on ``on`` to any of ``places`` at grid rank or above (each once)."""
        seen: dict[str, Report] = {}
        for place in places:
            if self._territories.get(place).kind.rank <= _GRID_RANK:
                for report in self.reports_to(place, on):
                    seen[report.id] = report
        return tuple(seen.values())


class TermBook:
    """Election terms by id and by org.

    Invariants: a term lies within its org's life, the org's form is elected when it starts,
    and the terms of one org never overlap (an open term ends when the next begins).
    """

    def __init__(self, orgs: OrgHistory) -> None:
        """Create an empty book over ``orgs``."""
        self._orgs = orgs
        self.register: Register[ElectionTerm] = Register("term")
        self.by_org: dict[str, list[str]] = {}

    def add(self, term: ElectionTerm) -> None:
        """Validate and record a term (see ``OrgTree.add_term``)."""
        subject = term.id
        self.register.check_new(subject)
        timeline = self._orgs.timeline(term.org_id)
        version = timeline.version_at(term.period.start)
        if version is None or not timeline.spans(term.period):
            raise refuse(
                f"term {subject} {term.period} falls outside the life of {term.org_id}",
                subject,
                "term.within_lifetime",
            )
        if not version.form.is_elected:
            raise refuse(
                f"term {subject}: a {version.form.label_zh} is not elected (appointed or no "
                "leadership of its own)",
                subject,
                "term.elected_forms",
            )
        to_close: ElectionTerm | None = None
        for other in self.of(term.org_id):
            if not other.period.overlaps(term.period):
                continue
            if other.period.is_open and other.period.start < term.period.start:
                to_close = other
                continue
            raise ConflictError(
                f"term {subject} {term.period} overlaps term {other.id} {other.period}",
                subject=subject,
                rule="term.no_overlap",
            )
        if to_close is not None:
            ended = attrs.evolve(to_close, period=to_close.period.ended_on(term.period.start))
            self.register.put(to_close.id, ended)
        self.register.put(term.id, term)
        self.by_org.setdefault(term.org_id, []).append(term.id)

    def of(self, org_id: str) -> list[ElectionTerm]:
        """Every term of an org, in the order recorded."""
        return [self.register[t] for t in self.by_org.get(org_id, ())]

    def starting_from(self, org_id: str, day: pendulum.Date) -> list[str]:
        """Ids of an org's terms starting on or after ``day``."""
        return [t.id for t in self.of(org_id) if t.period.start >= day]

    def check_form(self, org_id: str, form: OrgForm, day: pendulum.Date) -> None:
        """Refuse a form from ``day`` that holds no elections while a term starts by then."""
        if form.is_elected:
            return
        for term_id in self.starting_from(org_id, day):
            raise refuse(
                f"organisation {org_id} as a {form.label_zh} holds no elections, "
                f"but term {term_id} starts on or after {day}",
                org_id,
                "term.elected_forms",
            )

    def end_all(self, org_id: str, day: pendulum.Date) -> None:
        """End every term of an org that runs past ``day`` (it is dissolved)."""
        for term in self.of(org_id):
            if term.period.runs_past(day):
                self.register.put(term.id, attrs.evolve(term, period=term.period.ended_on(day)))
