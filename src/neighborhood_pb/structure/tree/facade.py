"""The :class:`OrgTree` facade: commands validated across its components, and queries."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.history import Register, load_all, load_section
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import LevelSchema
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
)
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.territory_map import TerritoryMap
from neighborhood_pb.structure.tree.coverage import CoverageBook
from neighborhood_pb.structure.tree.members import (
    MembershipBook,
    ReportBook,
    TermBook,
    check_household,
    check_standing,
)
from neighborhood_pb.structure.tree.orgs import OrgHistory
from neighborhood_pb.structure.tree.records import TreeRecords, refuse

__all__ = ["OrgTree"]

_GRID_RANK = TerritoryKind.GRID.rank


def _territory_rank(territory: Territory) -> int:
    return territory.kind.rank


def _on(value: _dt.date | str) -> pendulum.Date:
    return as_date(value, name="on")


class OrgTree:
    """An organisation tree over its territory, with its people, members and reports.

    Every command validates completely before changing anything: a rejected command raises a
    subclass of :class:`~neighborhood_pb.errors.NeighborhoodPBError` naming the record and
    the rule, and leaves the tree exactly as it was. History is kept: ending, renaming or
    moving something end-dates the current record, and every query is asked as of a day
    (a ``pendulum.Date``, a ``datetime.date`` or an ISO string).

    Invariants:
        * every org's level is in the schema and its form allowed there;
        * a root sits at the schema's top level, every other org under a parent that the
          schema allows and that exists for as long as the child's version does (acyclic);
        * one root per jurisdiction: no two roots cover the same territory at once;
        * a person holds at most one formal membership (组织关系) at any instant;
        * every reference (parent, territory, person, household, org) exists when used.
    """

    def __init__(self, schema: LevelSchema) -> None:
        """Create an empty tree following ``schema``."""
        self.schema = schema
        self.territories = TerritoryMap()
        self.territories.guard_end(self._check_territory_end)
        self._people: Register[Person] = Register("person")
        self._orgs = OrgHistory(schema)
        self._coverage = CoverageBook(self._orgs, self.territories)
        self._memberships = MembershipBook(self._orgs, self._people)
        self._reports = ReportBook(self.territories, self._people)
        self._terms = TermBook(self._orgs)

    # == loading ============================================================================

    @classmethod
    @collector_paused()
    def from_records(cls, schema: LevelSchema, records: TreeRecords) -> OrgTree:
        """Build a tree from its records, validating each as a command would.

        Records may come in any order; they are applied parents first.

        Raises:
            NeighborhoodPBError: the first record that breaks a rule, marked with its
                ``section`` (e.g. ``"memberships"``) and its ``index`` there.
        """
        tree = cls(schema)
        load_all(
            "territories", records.territories, tree.territories.add_all, order=_territory_rank
        )
        load_section("people", records.people, tree.add_person)
        tree._orgs.load(records.orgs)
        load_section("coverage", records.coverage, tree.cover)
        load_section("memberships", records.memberships, tree.add_membership)
        load_section("reports", records.reports, tree.add_report)
        load_section("terms", records.terms, tree.add_term, order=lambda t: t.period.start)
        return tree

    def records(self) -> TreeRecords:
        """Every record, in a stable order (for export and for comparing states)."""
        return TreeRecords(
            territories=tuple(self.territories),
            people=tuple(self._people),
            orgs=tuple(v for timeline in self._orgs.timelines.values() for v in timeline),
            coverage=tuple(c for cs in self._coverage.by_org.values() for c in cs),
            memberships=tuple(self._memberships.register),
            reports=tuple(self._reports.register),
            terms=tuple(self._terms.register),
        )

    # == territory and people ===============================================================

    def add_territory(self, territory: Territory) -> None:
        """Add a territory (see :meth:`TerritoryMap.add`)."""
        self.territories.add(territory)

    def end_territory(self, territory_id: str, on: _dt.date | str) -> None:
        """End a territory on ``on``; nothing may still cover it or report to it after.

        Ending it through :attr:`territories` directly runs the same checks.

        Raises:
            RuleViolationError: coverage or reports outlive it, or a child territory does.
        """
        self.territories.end(territory_id, _on(on))

    def _check_territory_end(self, territory_id: str, day: pendulum.Date) -> None:
        self._coverage.check_territory_end(territory_id, day)
        self._reports.check_territory_end(territory_id, day)

    def add_person(self, person: Person) -> None:
        """Add a person.

        Raises:
            ConflictError: the id is taken.
            UnknownRecordError / RuleViolationError: the home household does not exist or is
                not a household.
        """
        self._people.check_new(person.id)
        check_household(self.territories, person)
        self._people.put(person.id, person)

    def update_person(self, person: Person) -> None:
        """Replace a person's record (e.g. to record 转正), keeping every membership valid.

        Raises:
            UnknownRecordError: no such person.
            RuleViolationError: a membership or a residential report would start before
                admission.
        """
        self._people.get(person.id)
        check_household(self.territories, person)
        for membership in self.memberships_of(person.id):
            check_standing(person, membership.period.start)
        for report in self.reports_of(person.id):
            check_standing(person, report.period.start, report.id)
        self._people.put(person.id, person)

    def person(self, person_id: str) -> Person:
        """The person with this id.

        Raises:
            UnknownRecordError: no such person.
        """
        return self._people.get(person_id)

    def people(self) -> Iterator[Person]:
        """Every person."""
        return iter(self._people)

    # == organisations: commands ============================================================

    def found(self, org: Organisation) -> None:
        """Found an organisation: its first version starts on ``org.period.start``.

        Raises:
            ConflictError: the id is taken.
            RuleViolationError: the level, form or parent breaks the schema.
            UnknownRecordError: the parent does not exist.
        """
        self._orgs.check_new(org.id)
        self._orgs.append(org)

    def rename(self, org_id: str, name: str, on: _dt.date | str) -> Organisation:
        """Rename an organisation from ``on``; returns the new version."""
        day = _on(on)
        last = self._orgs.current(org_id, day)
        return self._revise(attrs.evolve(last, name=name, period=Period(start=day)))

    def move(self, org_id: str, parent_id: str, on: _dt.date | str) -> Organisation:
        """Place an organisation under another parent from ``on``; returns the new version."""
        day = _on(on)
        last = self._orgs.current(org_id, day)
        return self._revise(attrs.evolve(last, parent_id=parent_id, period=Period(start=day)))

    def reform(self, org_id: str, form: OrgForm, on: _dt.date | str) -> Organisation:
        """Change an organisation's form from ``on`` (e.g. a branch upgraded to 党总支).

        Raises:
            RuleViolationError: the form is not allowed at the level, cannot hold the
                memberships that run on, or holds no elections while a term starts later.
        """
        day = _on(on)
        last = self._orgs.current(org_id, day)
        return self._revise(attrs.evolve(last, form=form, period=Period(start=day)))

    def dissolve(self, org_id: str, on: _dt.date | str) -> Organisation:
        """Dissolve (end-date) an organisation on ``on``; its coverage and term end with it.

        Raises:
            RuleViolationError: it is already dissolved, or children or members remain after
                ``on`` (move or end them first).
        """
        day = _on(on)
        self._orgs.current(org_id, day)
        child_id = self._orgs.child_running_past(org_id, day)
        if child_id is not None:
            raise refuse(
                f"organisation {org_id} still has child {child_id} after {day}",
                org_id,
                "tree.no_orphans",
            )
        membership_id = self._memberships.running_past(org_id, day)
        if membership_id is not None:
            raise refuse(
                f"organisation {org_id} still has membership {membership_id} after {day}",
                org_id,
                "membership.within_lifetime",
            )
        late = self._coverage.starting_from(org_id, day) + self._terms.starting_from(org_id, day)
        if late:
            raise refuse(
                f"organisation {org_id} has coverage or terms starting on or after {day}: "
                + ", ".join(late),
                org_id,
                "history.end_dated",
            )
        ended = self._orgs.end(org_id, day)
        self._coverage.end_all(org_id, day)
        self._terms.end_all(org_id, day)
        return ended

    def _revise(self, new: Organisation) -> Organisation:
        org_id, day = new.id, new.period.start
        last = self._orgs.timeline(org_id).last
        self._orgs.validate(new, previous=last)
        if new.form is not last.form:
            self._memberships.check_form(org_id, new.form, day)
            self._terms.check_form(org_id, new.form, day)
        return self._orgs.revise(new)

    # == organisations: queries =============================================================

    def history(self, org_id: str) -> tuple[Organisation, ...]:
        """Every version of an organisation, oldest first.

        Raises:
            UnknownRecordError: no such organisation.
        """
        return self._orgs.timeline(org_id).history()

    def lifetime(self, org_id: str) -> Period:
        """From an organisation's founding to its dissolution, or open (存续期).

        Raises:
            UnknownRecordError: no such organisation.
        """
        return self._orgs.lifetime(org_id)

    def version_at(self, org_id: str, on: _dt.date | str) -> Organisation | None:
        """The version of ``org_id`` in effect on ``on``, or ``None`` if it did not exist."""
        day = on if type(on) is pendulum.Date else _on(on)  # the hot path skips a call
        timeline = self._orgs.timelines.get(org_id)
        return None if timeline is None else timeline.version_at(day)

    def org(self, org_id: str, on: _dt.date | str) -> Organisation:
        """The organisation as it was on ``on``.

        Raises:
            UnknownRecordError: it did not exist on that day.
        """
        day = on if type(on) is pendulum.Date else _on(on)
        timeline = self._orgs.timelines.get(org_id)
        version = None if timeline is None else timeline.version_at(day)
        return self._orgs.org(org_id, day) if version is None else version

    def orgs(self, on: _dt.date | str) -> Iterator[Organisation]:
        """Every organisation in effect on ``on``."""
        return self._orgs.orgs(_on(on))

    def roots(self, on: _dt.date | str) -> tuple[Organisation, ...]:
        """Root organisations on ``on``."""
        return self._orgs.children(None, _on(on))

    def children(self, org_id: str | None, on: _dt.date | str) -> tuple[Organisation, ...]:
        """Organisations directly under ``org_id`` on ``on`` (``None``: the roots)."""
        return self._orgs.children(org_id, on if type(on) is pendulum.Date else _on(on))

    def ancestors(self, org_id: str, on: _dt.date | str) -> tuple[Organisation, ...]:
        """The organisation's parent, its parent's parent, … up to the root, on ``on``."""
        return self._orgs.ancestors(org_id, _on(on))

    def descendants(self, org_id: str, on: _dt.date | str) -> Iterator[Organisation]:
        """Organisations below ``org_id`` on ``on``, depth first (itself excluded)."""
        return self._orgs.descendants(org_id, _on(on))

    def subtree(self, org_id: str, on: _dt.date | str) -> Iterator[Organisation]:
        """The organisation itself, then its descendants."""
        day = _on(on)
        yield self._orgs.org(org_id, day)
        yield from self._orgs.descendants(org_id, day)

    def counts_by_level(self, on: _dt.date | str, root: str | None = None) -> dict[str, int]:
        """Number of organisations at each level (schema order), whole tree or a subtree."""
        counts = {level.code: 0 for level in self.schema.levels}
        for org in self._orgs.scope(root, _on(on)):
            counts[org.level] += 1
        return counts

    def counts_by_form(self, on: _dt.date | str, root: str | None = None) -> dict[OrgForm, int]:
        """Number of organisations of each form, whole tree or a subtree."""
        counts: dict[OrgForm, int] = {}
        for org in self._orgs.scope(root, _on(on)):
            counts[org.form] = counts.get(org.form, 0) + 1
        return counts

    # == coverage ===========================================================================

    def cover(self, coverage: Coverage) -> None:
        """Record that an organisation covers a territory.

        Raises:
            UnknownRecordError: the org or territory does not exist.
            RuleViolationError: the level does not cover that kind of territory, the period
                falls outside either's lifetime, or a second root would cover a jurisdiction.
            ConflictError: the same org already covers the territory meanwhile.
        """
        self._coverage.cover(coverage)

    def uncover(self, org_id: str, territory_id: str, on: _dt.date | str) -> Coverage:
        """End an organisation's open coverage of a territory on ``on``.

        Raises:
            UnknownRecordError: no open coverage of that territory by that org.
        """
        return self._coverage.uncover(org_id, territory_id, _on(on))

    def territories_covered(self, org_id: str, on: _dt.date | str) -> tuple[Territory, ...]:
        """Territories the organisation covers directly on ``on``."""
        return self._coverage.territories_covered(org_id, _on(on))

    def orgs_covering(
        self, territory_id: str, on: _dt.date | str, *, inherited: bool = False
    ) -> tuple[Organisation, ...]:
        """Organisations covering a territory on ``on``.

        Args:
            territory_id: The territory.
            on: The day.
            inherited: Also count organisations covering an enclosing territory.
        """
        return self._coverage.orgs_covering(territory_id, _on(on), inherited=inherited)

    def org_ids_covering(
        self, territory_id: str, on: _dt.date | str, *, inherited: bool = False
    ) -> tuple[str, ...]:
        """Ids of the organisations :meth:`orgs_covering` returns, in the same order, without
        building their records (the ledger asks on every review)."""
        day = on if type(on) is pendulum.Date else _on(on)
        return self._coverage.org_ids_covering(territory_id, day, inherited=inherited)

    def coverages(self, on: _dt.date | str) -> Iterator[Coverage]:
        """Every coverage record in effect on ``on``."""
        return self._coverage.in_effect(_on(on))

    # == memberships ========================================================================

    def add_membership(self, membership: Membership) -> None:
        """Record a membership.

        Raises:
            ConflictError: the id is taken, or it overlaps another formal membership of the
                person (or the same participation twice).
            UnknownRecordError: the person or org does not exist.
            RuleViolationError: the person is not a party member by its start, the form does
                not hold that kind of membership, or it falls outside the org's life.
        """
        self._memberships.check(membership)
        self._memberships.add(membership)

    def end_membership(
        self, membership_id: str, on: _dt.date | str, reason: str | None = None
    ) -> Membership:
        """End an open membership on ``on`` with an optional reason; returns the ended record.

        Raises:
            UnknownRecordError: no such membership.
            RuleViolationError: it is already ended, or ``on`` is not after its start.
        """
        register = self._memberships.register
        return register.end(membership_id, _on(on), planned=False, end_reason=reason)

    def transfer(
        self, membership_id: str, new_membership_id: str, org_id: str, on: _dt.date | str
    ) -> Membership:
        """Move a formal membership to another org on ``on`` (转接组织关系), atomically.

        Raises:
            NeighborhoodPBError: as :meth:`end_membership` or :meth:`add_membership`; on any
                error nothing changes.
        """
        return self._memberships.transfer(membership_id, new_membership_id, org_id, _on(on))

    def membership(self, membership_id: str) -> Membership:
        """The membership with this id.

        Raises:
            UnknownRecordError: no such membership.
        """
        return self._memberships.register.get(membership_id)

    def memberships_of(self, person_id: str) -> tuple[Membership, ...]:
        """Every membership of a person, past and present."""
        register = self._memberships.register.records
        return tuple(register[m] for m in self._memberships.by_person.get(person_id, ()))

    def memberships(
        self,
        org_id: str,
        on: _dt.date | str,
        *,
        kind: MembershipKind | None = MembershipKind.FORMAL,
        subtree: bool = False,
    ) -> tuple[Membership, ...]:
        """Memberships in effect on ``on`` in an org (or its whole subtree).

        Args:
            org_id: The organisation.
            on: The day.
            kind: Only this kind (``None``: every kind).
            subtree: Include the organisations below.
        """
        return self._memberships.in_effect_under(org_id, _on(on), kind, subtree=subtree)

    def full_member_count(
        self,
        org_id: str,
        on: _dt.date | str,
        *,
        subtree: bool = True,
        kind: MembershipKind | None = MembershipKind.FORMAL,
    ) -> int:
        """Full members (正式党员) in the org (or subtree) on ``on``, each person once.

        Probationary members are not counted. By default only formal relations count; a
        compound-style (兼合式) branch counts its participants (``kind=None``: every kind).
        """
        return self._memberships.member_counts(org_id, _on(on), kind, subtree=subtree)[1]

    def member_counts(
        self,
        org_id: str,
        on: _dt.date | str,
        *,
        subtree: bool = True,
        kind: MembershipKind | None = MembershipKind.FORMAL,
    ) -> tuple[int, int]:
        """Members and full members (正式党员) of the org (or subtree) on ``on``, each person
        once: ``(members, full)``, as ``full_member_count`` counts the second."""
        return self._memberships.member_counts(org_id, _on(on), kind, subtree=subtree)

    def formal_org_of(self, person_id: str, on: _dt.date | str) -> Organisation | None:
        """The organisation holding a person's formal relation on ``on``, if any."""
        return self._memberships.formal_org_of(person_id, _on(on))

    # == residential reports ================================================================

    def add_report(self, report: Report) -> None:
        """Record a member's residential report (到社区报到).

        Raises:
            ConflictError: the id is taken, or the person already has a report meanwhile.
            UnknownRecordError: the person, community or grid does not exist.
            RuleViolationError: the person is not a party member, the community is not a
                community, or the grid is not a grid inside it.
        """
        self._reports.add(report)

    def end_report(self, report_id: str, on: _dt.date | str) -> Report:
        """Revoke (end-date) a report on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such report.
            RuleViolationError: it is already ended, or ``on`` is not after its start.
        """
        return self._reports.register.end(report_id, _on(on), planned=False)

    def report(self, report_id: str) -> Report:
        """The report with this id.

        Raises:
            UnknownRecordError: no such report.
        """
        return self._reports.register.get(report_id)

    def reports_of(self, person_id: str) -> tuple[Report, ...]:
        """Every report of a person, past and present."""
        register = self._reports.register.records
        return tuple(register[r] for r in self._reports.by_person.get(person_id, ()))

    def reporting(self, on: _dt.date | str) -> frozenset[str]:
        """Ids of the people with a residential report (报到) in effect on ``on``: one pass
        over the reports in the order they were added, for whole-area passes."""
        day = _on(on)
        return frozenset(r.person_id for r in self._reports.register if r.period.contains(day))

    def reports_to(self, territory_id: str, on: _dt.date | str) -> tuple[Report, ...]:
        """Reports in effect on ``on`` to a community or grid, or to any community or grid
        inside a larger territory (e.g. a street)."""
        return self._reports.reports_to(territory_id, _on(on))

    def reported_members(self, org_id: str, on: _dt.date | str) -> tuple[Report, ...]:
        """Reports in effect on ``on`` to the territory covered by an org's subtree."""
        day = _on(on)
        places = (
            territory.id
            for org in self.subtree(org_id, day)
            for territory in self._coverage.territories_covered(org.id, day)
        )
        return self._reports.reports_to_places(places, day)

    # == election terms =====================================================================

    def add_term(self, term: ElectionTerm) -> None:
        """Record an election: the org's open term, if any, ends when the new one starts.

        Raises:
            ConflictError: the id is taken or the term overlaps a closed term.
            RuleViolationError: the org holds no elections (党工委 are appointed) or the term
                starts outside its life.
        """
        self._terms.add(term)

    def terms(self, org_id: str) -> tuple[ElectionTerm, ...]:
        """Every election term of an org, oldest first."""
        return tuple(sorted(self._terms.of(org_id), key=lambda t: t.period.start))

    def term_at(self, org_id: str, on: _dt.date | str) -> ElectionTerm | None:
        """The term in effect on ``on``, if any."""
        day = _on(on)
        for term in self.terms(org_id):
            if term.period.contains(day):
                return term
        return None
