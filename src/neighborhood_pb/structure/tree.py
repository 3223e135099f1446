"""The organisation-tree aggregate (组织体系): orgs, their territory, members and reports."""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Iterator

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date, covers
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    RuleViolationError,
    UnknownRecordError,
)
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

__all__ = ["OrgTree", "TreeRecords"]

_GRID_RANK = TerritoryKind.GRID.rank
_COMMUNITY_KINDS = frozenset({TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE})


@attrs.frozen(kw_only=True)
class TreeRecords:
    """Every record of an :class:`OrgTree`, as plain tuples (the content of a dataset).

    Attributes:
        territories: Territory records.
        people: People.
        orgs: Organisation versions, grouped by id in order of time.
        coverage: Coverage records.
        memberships: Memberships.
        reports: Residential reports.
        terms: Election terms.
    """

    territories: tuple[Territory, ...] = ()
    people: tuple[Person, ...] = ()
    orgs: tuple[Organisation, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    memberships: tuple[Membership, ...] = ()
    reports: tuple[Report, ...] = ()
    terms: tuple[ElectionTerm, ...] = ()


def _refuse(message: str, subject: str, rule: str) -> RuleViolationError:
    return RuleViolationError(message, subject=subject, rule=rule)


def _alive(period: Period, on: _dt.date) -> bool:
    return period.start <= on and (period.end is None or on < period.end)


def _reaches_past(period: Period, day: _dt.date) -> bool:
    """Whether ``period`` still runs on or after ``day``."""
    return period.end is None or period.end > day


class OrgTree:
    """An organisation tree over its territory, with its people, members and reports.

    Every command validates completely before changing anything: a rejected command raises a
    subclass of :class:`~neighborhood_pb.errors.NeighborhoodPBError` naming the record and
    the rule, and leaves the tree exactly as it was. History is kept: ending, renaming or
    moving something end-dates the current record, and every query is asked as of a day.

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
        self._people: dict[str, Person] = {}
        self._versions: dict[str, list[Organisation]] = {}
        self._starts: dict[str, list[pendulum.Date]] = {}
        self._children: dict[str | None, dict[str, None]] = {}
        self._coverage_by_org: dict[str, list[Coverage]] = {}
        self._coverage_by_territory: dict[str, list[Coverage]] = {}
        self._memberships: dict[str, Membership] = {}
        self._memberships_by_org: dict[str, list[str]] = {}
        self._memberships_by_person: dict[str, list[str]] = {}
        self._reports: dict[str, Report] = {}
        self._reports_by_person: dict[str, list[str]] = {}
        self._reports_by_territory: dict[str, list[str]] = {}
        self._terms: dict[str, ElectionTerm] = {}
        self._terms_by_org: dict[str, list[str]] = {}

    # == loading ============================================================================

    @classmethod
    @collector_paused()
    def from_records(cls, schema: LevelSchema, records: TreeRecords) -> OrgTree:
        """Build a tree from its records, validating each as a command would.

        Records may come in any order; they are applied parents first.

        Raises:
            NeighborhoodPBError: the first record that breaks a rule.
        """
        tree = cls(schema)
        tree.territories.add_all(sorted(records.territories, key=lambda t: t.kind.rank))
        for person in records.people:
            tree.add_person(person)
        by_org: dict[str, list[Organisation]] = {}
        for version in records.orgs:
            by_org.setdefault(version.id, []).append(version)
        positions = {level.code: n for n, level in enumerate(schema.levels)}
        histories = sorted(  # unknown levels last: the version check then names the org
            by_org.values(), key=lambda versions: positions.get(versions[0].level, schema.depth)
        )
        for versions in histories:
            versions.sort(key=lambda v: v.period.start)
            for version in versions:
                tree._append_version(version)
        for coverage in records.coverage:
            tree.cover(coverage)
        for membership in records.memberships:
            tree.add_membership(membership)
        for report in records.reports:
            tree.add_report(report)
        for term in sorted(records.terms, key=lambda t: t.period.start):
            tree.add_term(term)
        return tree

    def records(self) -> TreeRecords:
        """Every record, in a stable order (for export and for comparing states)."""
        return TreeRecords(
            territories=tuple(self.territories),
            people=tuple(self._people.values()),
            orgs=tuple(v for versions in self._versions.values() for v in versions),
            coverage=tuple(c for cs in self._coverage_by_org.values() for c in cs),
            memberships=tuple(self._memberships.values()),
            reports=tuple(self._reports.values()),
            terms=tuple(self._terms.values()),
        )

    # == territory and people ===============================================================

    def add_territory(self, territory: Territory) -> None:
        """Add a territory (see :meth:`TerritoryMap.add`)."""
        self.territories.add(territory)

    def end_territory(self, territory_id: str, on: _dt.date) -> None:
        """End a territory on ``on``; nothing may still cover it or report to it after.

        Ending it through :attr:`territories` directly runs the same checks.

        Raises:
            RuleViolationError: coverage or reports outlive it, or a child territory does.
        """
        self.territories.end(territory_id, on)

    def _check_territory_end(self, territory_id: str, day: pendulum.Date) -> None:
        for coverage in self._coverage_by_territory.get(territory_id, ()):
            if _reaches_past(coverage.period, day):
                raise _refuse(
                    f"territory {territory_id} is still covered by {coverage.org_id} after {day}",
                    territory_id,
                    "coverage.within_lifetime",
                )
        for report_id in self._reports_by_territory.get(territory_id, ()):
            if _reaches_past(self._reports[report_id].period, day):
                raise _refuse(
                    f"territory {territory_id} still has report {report_id} after {day}",
                    territory_id,
                    "report.within_lifetime",
                )

    def add_person(self, person: Person) -> None:
        """Add a person.

        Raises:
            ConflictError: the id is taken.
            UnknownRecordError / RuleViolationError: the home household does not exist or is
                not a household.
        """
        if person.id in self._people:
            raise ConflictError(
                f"person {person.id} already exists", subject=person.id, rule="id.unique"
            )
        self._check_household(person)
        self._people[person.id] = person

    def update_person(self, person: Person) -> None:
        """Replace a person's record (e.g. to record 转正), keeping every membership valid.

        Raises:
            UnknownRecordError: no such person.
            RuleViolationError: a membership or a residential report would start before
                admission.
        """
        self.person(person.id)
        self._check_household(person)
        for membership_id in self._memberships_by_person.get(person.id, ()):
            self._check_member_standing(person, self._memberships[membership_id].period.start)
        for report_id in self._reports_by_person.get(person.id, ()):
            self._check_member_standing(person, self._reports[report_id].period.start, report_id)
        self._people[person.id] = person

    def _check_household(self, person: Person) -> None:
        if person.household_id is None:
            return
        household = self.territories.get(person.household_id)
        if household.kind is not TerritoryKind.HOUSEHOLD:
            raise _refuse(
                f"person {person.id}: home {household.id} is a {household.kind.label_zh}, "
                "not a household",
                person.id,
                "person.household",
            )

    def person(self, person_id: str) -> Person:
        """The person with this id.

        Raises:
            UnknownRecordError: no such person.
        """
        try:
            return self._people[person_id]
        except KeyError:
            raise UnknownRecordError(
                f"no person {person_id}", subject=person_id, rule="reference.exists"
            ) from None

    def people(self) -> Iterator[Person]:
        """Every person."""
        return iter(self._people.values())

    # == organisations: commands ============================================================

    def found(self, org: Organisation) -> None:
        """Found an organisation: its first version starts on ``org.period.start``.

        Raises:
            ConflictError: the id is taken.
            RuleViolationError: the level, form or parent breaks the schema.
            UnknownRecordError: the parent does not exist.
        """
        if org.id in self._versions:
            raise ConflictError(
                f"organisation {org.id} already exists", subject=org.id, rule="id.unique"
            )
        self._append_version(org)

    def rename(self, org_id: str, name: str, on: _dt.date) -> Organisation:
        """Rename an organisation from ``on``; returns the new version."""
        last = self._last_open_version(org_id, as_date(on))
        return self._revise(attrs.evolve(last, name=name, period=Period(start=on)))

    def move(self, org_id: str, parent_id: str, on: _dt.date) -> Organisation:
        """Place an organisation under another parent from ``on``; returns the new version."""
        last = self._last_open_version(org_id, as_date(on))
        return self._revise(attrs.evolve(last, parent_id=parent_id, period=Period(start=on)))

    def reform(self, org_id: str, form: OrgForm, on: _dt.date) -> Organisation:
        """Change an organisation's form from ``on`` (e.g. a branch upgraded to 党总支).

        Raises:
            RuleViolationError: the form is not allowed at the level, cannot hold the
                memberships that run on, or holds no elections while a term starts later.
        """
        last = self._last_open_version(org_id, as_date(on))
        return self._revise(attrs.evolve(last, form=form, period=Period(start=on)))

    def dissolve(self, org_id: str, on: _dt.date) -> Organisation:
        """Dissolve (end-date) an organisation on ``on``; its coverage and term end with it.

        Raises:
            RuleViolationError: it is already dissolved, or children or members remain after
                ``on`` (move or end them first).
        """
        day = as_date(on)
        last = self._last_open_version(org_id, day)
        for child_id in self._children.get(org_id, ()):
            for version in self._versions[child_id]:
                if version.parent_id == org_id and _reaches_past(version.period, day):
                    raise _refuse(
                        f"organisation {org_id} still has child {child_id} after {day}",
                        org_id,
                        "tree.no_orphans",
                    )
        for membership_id in self._memberships_by_org.get(org_id, ()):
            if _reaches_past(self._memberships[membership_id].period, day):
                raise _refuse(
                    f"organisation {org_id} still has membership {membership_id} after {day}",
                    org_id,
                    "membership.within_lifetime",
                )
        coverages = self._coverage_by_org.get(org_id, [])
        term_ids = self._terms_by_org.get(org_id, [])
        late = [c.key for c in coverages if c.period.start >= day] + [
            t for t in term_ids if self._terms[t].period.start >= day
        ]
        if late:
            raise _refuse(
                f"organisation {org_id} has coverage or terms starting on or after {day}: "
                + ", ".join(late),
                org_id,
                "history.end_dated",
            )
        ended = attrs.evolve(last, period=last.period.ended_on(day))
        self._versions[org_id][-1] = ended
        for index, coverage in enumerate(coverages):
            if _reaches_past(coverage.period, day):
                self._replace_coverage(index, coverage, day)
        for term_id in term_ids:
            term = self._terms[term_id]
            if _reaches_past(term.period, day):
                self._terms[term_id] = attrs.evolve(term, period=term.period.ended_on(day))
        return ended

    def _revise(self, new: Organisation) -> Organisation:
        org_id, day = new.id, new.period.start
        last = self._versions[org_id][-1]
        self._validate_version(new, previous=last)
        if new.form is not last.form:
            for membership_id in self._memberships_by_org.get(org_id, ()):
                membership = self._memberships[membership_id]
                if _reaches_past(membership.period, day) and not membership.kind.allowed_in(
                    new.form
                ):
                    raise _refuse(
                        f"organisation {org_id} as a {new.form.label_zh} cannot hold "
                        f"{membership.kind.label_zh} membership {membership_id}",
                        org_id,
                        "membership.form",
                    )
            for term_id in self._terms_by_org.get(org_id, ()):
                if self._terms[term_id].period.start >= day and not new.form.is_elected:
                    raise _refuse(
                        f"organisation {org_id} as a {new.form.label_zh} holds no elections, "
                        f"but term {term_id} starts on or after {day}",
                        org_id,
                        "term.elected_forms",
                    )
        self._versions[org_id][-1] = attrs.evolve(last, period=last.period.ended_on(day))
        self._commit_version(new)
        return new

    def _last_open_version(self, org_id: str, day: pendulum.Date) -> Organisation:
        last = self.history(org_id)[-1]
        if last.period.end is not None:
            raise _refuse(
                f"organisation {org_id} was dissolved on {last.period.end}",
                org_id,
                "history.end_dated",
            )
        if day <= last.period.start:
            raise _refuse(
                f"organisation {org_id}: a change on {day} must come after its current version "
                f"began ({last.period.start}); history is not rewritten",
                org_id,
                "history.append_only",
            )
        return last

    def _append_version(self, version: Organisation) -> None:
        history = self._versions.get(version.id)
        previous = history[-1] if history else None
        if previous is not None:
            expected = previous.period.end
            if expected is None or version.period.start != expected:
                raise ConflictError(
                    f"organisation {version.id}: version {version.period} does not follow "
                    f"version {previous.period} without gap or overlap",
                    subject=version.id,
                    rule="history.contiguous",
                )
        self._validate_version(version, previous=previous)
        self._commit_version(version)

    def _validate_version(self, version: Organisation, previous: Organisation | None) -> None:
        schema, org_id = self.schema, version.id
        if version.level not in {level.code for level in schema.levels}:
            raise InvalidRecordError(
                f"organisation {org_id}: schema {schema.code} has no level {version.level!r}",
                subject=org_id,
                rule="schema.level",
            )
        level = schema.level(version.level)
        if previous is not None and previous.level != version.level:
            raise _refuse(
                f"organisation {org_id} cannot change level from {previous.level} to "
                f"{version.level}",
                org_id,
                "schema.level_fixed",
            )
        if version.form not in level.forms:
            allowed = "、".join(sorted(f.label_zh for f in level.forms))
            raise _refuse(
                f"organisation {org_id}: a {version.form.label_zh} may not sit at level "
                f"{level.label_zh} (allowed: {allowed})",
                org_id,
                "schema.form_allowed",
            )
        if version.parent_id is None:
            if schema.position(version.level) != 0:
                raise _refuse(
                    f"organisation {org_id} at level {level.label_zh} needs a parent; only "
                    f"{schema.levels[0].label_zh} may be a root",
                    org_id,
                    "tree.single_root_level",
                )
            return
        parent_history = self.history(version.parent_id)
        parent = parent_history[-1]
        if not schema.may_parent(parent.level, version.level):
            raise _refuse(
                f"organisation {org_id} at level {level.label_zh} cannot hang under "
                f"{parent.id} at level {schema.level(parent.level).label_zh}",
                org_id,
                "schema.level_order",
            )
        if not covers(parent_history[0].period.start, parent.period.end, version.period):
            raise _refuse(
                f"organisation {org_id} {version.period} outlives or predates its parent "
                f"{parent.id} [{parent_history[0].period.start}, {parent.period.end or '…'})",
                org_id,
                "tree.parent_lifetime",
            )

    def _commit_version(self, version: Organisation) -> None:
        self._versions.setdefault(version.id, []).append(version)
        self._starts.setdefault(version.id, []).append(version.period.start)
        self._children.setdefault(version.parent_id, {})[version.id] = None

    # == organisations: queries =============================================================

    def history(self, org_id: str) -> tuple[Organisation, ...]:
        """Every version of an organisation, oldest first.

        Raises:
            UnknownRecordError: no such organisation.
        """
        try:
            return tuple(self._versions[org_id])
        except KeyError:
            raise UnknownRecordError(
                f"no organisation {org_id}", subject=org_id, rule="reference.exists"
            ) from None

    def version_at(self, org_id: str, on: _dt.date) -> Organisation | None:
        """The version of ``org_id`` in effect on ``on``, or ``None`` if it did not exist."""
        starts = self._starts.get(org_id)
        if not starts:
            return None
        index = bisect.bisect_right(starts, on) - 1
        if index < 0:
            return None
        version = self._versions[org_id][index]
        return version if version.period.end is None or on < version.period.end else None

    def org(self, org_id: str, on: _dt.date) -> Organisation:
        """The organisation as it was on ``on``.

        Raises:
            UnknownRecordError: it did not exist on that day.
        """
        version = self.version_at(org_id, on)
        if version is None:
            self.history(org_id)
            raise UnknownRecordError(
                f"organisation {org_id} did not exist on {on}",
                subject=org_id,
                rule="reference.exists",
            )
        return version

    def orgs(self, on: _dt.date) -> Iterator[Organisation]:
        """Every organisation in effect on ``on``."""
        for org_id in self._versions:
            version = self.version_at(org_id, on)
            if version is not None:
                yield version

    def roots(self, on: _dt.date) -> tuple[Organisation, ...]:
        """Root organisations on ``on``."""
        return self.children(None, on)

    def children(self, org_id: str | None, on: _dt.date) -> tuple[Organisation, ...]:
        """Organisations directly under ``org_id`` on ``on`` (``None``: the roots)."""
        result = []
        for child_id in self._children.get(org_id, ()):
            version = self.version_at(child_id, on)
            if version is not None and version.parent_id == org_id:
                result.append(version)
        return tuple(result)

    def ancestors(self, org_id: str, on: _dt.date) -> tuple[Organisation, ...]:
        """The organisation's parent, its parent's parent, … up to the root, on ``on``."""
        result = []
        parent_id = self.org(org_id, on).parent_id
        while parent_id is not None:
            parent = self.org(parent_id, on)
            result.append(parent)
            parent_id = parent.parent_id
        return tuple(result)

    def descendants(self, org_id: str, on: _dt.date) -> Iterator[Organisation]:
        """Organisations below ``org_id`` on ``on``, depth first (itself excluded)."""
        self.org(org_id, on)
        stack = [org_id]
        while stack:
            for child in self.children(stack.pop(), on):
                yield child
                stack.append(child.id)

    def subtree(self, org_id: str, on: _dt.date) -> Iterator[Organisation]:
        """The organisation itself, then its descendants."""
        yield self.org(org_id, on)
        yield from self.descendants(org_id, on)

    def _scope(self, root: str | None, on: _dt.date) -> Iterable[Organisation]:
        return self.orgs(on) if root is None else self.subtree(root, on)

    def counts_by_level(self, on: _dt.date, root: str | None = None) -> dict[str, int]:
        """Number of organisations at each level (schema order), whole tree or a subtree."""
        counts = {level.code: 0 for level in self.schema.levels}
        for org in self._scope(root, on):
            counts[org.level] += 1
        return counts

    def counts_by_form(self, on: _dt.date, root: str | None = None) -> dict[OrgForm, int]:
        """Number of organisations of each form, whole tree or a subtree."""
        counts: dict[OrgForm, int] = {}
        for org in self._scope(root, on):
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
        history = self.history(coverage.org_id)
        territory = self.territories.get(coverage.territory_id)
        level = self.schema.level(history[0].level)
        subject = coverage.key
        if territory.kind not in level.territory_kinds:
            raise _refuse(
                f"coverage {subject}: {level.label_zh} cannot cover a {territory.kind.label_zh}",
                subject,
                "coverage.territory_kind",
            )
        if not covers(history[0].period.start, history[-1].period.end, coverage.period):
            raise _refuse(
                f"coverage {subject} {coverage.period} falls outside the life of {coverage.org_id}",
                subject,
                "coverage.within_lifetime",
            )
        if not covers(territory.period.start, territory.period.end, coverage.period):
            raise _refuse(
                f"coverage {subject} {coverage.period} falls outside the life of {territory.id}",
                subject,
                "coverage.within_lifetime",
            )
        is_root_level = self.schema.position(level.code) == 0
        for other in self._coverage_by_territory.get(territory.id, ()):
            if not other.period.overlaps(coverage.period):
                continue
            if other.org_id == coverage.org_id:
                raise ConflictError(
                    f"coverage {subject} overlaps {other.key}",
                    subject=subject,
                    rule="coverage.unique",
                )
            if is_root_level and self.schema.position(self._versions[other.org_id][0].level) == 0:
                raise _refuse(
                    f"coverage {subject}: {territory.id} already has the root {other.org_id}",
                    subject,
                    "tree.one_root_per_jurisdiction",
                )
        self._coverage_by_org.setdefault(coverage.org_id, []).append(coverage)
        self._coverage_by_territory.setdefault(coverage.territory_id, []).append(coverage)

    def uncover(self, org_id: str, territory_id: str, on: _dt.date) -> Coverage:
        """End an organisation's open coverage of a territory on ``on``.

        Raises:
            UnknownRecordError: no open coverage of that territory by that org.
        """
        day = as_date(on)
        for index, coverage in enumerate(self._coverage_by_org.get(org_id, ())):
            if coverage.territory_id == territory_id and coverage.period.end is None:
                if day <= coverage.period.start:
                    raise _refuse(
                        f"coverage {coverage.key} cannot end on {day}",
                        coverage.key,
                        "history.end_dated",
                    )
                return self._replace_coverage(index, coverage, day)
        raise UnknownRecordError(
            f"{org_id} has no open coverage of {territory_id}",
            subject=f"{org_id}→{territory_id}",
            rule="reference.exists",
        )

    def _replace_coverage(self, index: int, coverage: Coverage, day: pendulum.Date) -> Coverage:
        ended = attrs.evolve(coverage, period=coverage.period.ended_on(day))
        self._coverage_by_org[coverage.org_id][index] = ended
        by_territory = self._coverage_by_territory[coverage.territory_id]
        by_territory[by_territory.index(coverage)] = ended
        return ended

    def territories_covered(self, org_id: str, on: _dt.date) -> tuple[Territory, ...]:
        """Territories the organisation covers directly on ``on``."""
        return tuple(
            self.territories.get(c.territory_id)
            for c in self._coverage_by_org.get(org_id, ())
            if _alive(c.period, on)
        )

    def orgs_covering(
        self, territory_id: str, on: _dt.date, *, inherited: bool = False
    ) -> tuple[Organisation, ...]:
        """Organisations covering a territory on ``on``.

        Args:
            territory_id: The territory.
            on: The day.
            inherited: Also count organisations covering an enclosing territory.
        """
        ids = [territory_id]
        if inherited:
            ids.extend(t.id for t in self.territories.ancestors(territory_id))
        else:
            self.territories.get(territory_id)
        result = []
        for tid in ids:
            for coverage in self._coverage_by_territory.get(tid, ()):
                if _alive(coverage.period, on):
                    result.append(self.org(coverage.org_id, on))
        return tuple(result)

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
        subject = membership.id
        if membership.id in self._memberships:
            raise ConflictError(
                f"membership {subject} already exists", subject=subject, rule="id.unique"
            )
        person = self.person(membership.person_id)
        history = self.history(membership.org_id)
        self._check_member_standing(person, membership.period.start, subject)
        if not covers(history[0].period.start, history[-1].period.end, membership.period):
            raise _refuse(
                f"membership {subject} {membership.period} falls outside the life of "
                f"{membership.org_id}",
                subject,
                "membership.within_lifetime",
            )
        for version in history:
            if version.period.overlaps(membership.period) and not membership.kind.allowed_in(
                version.form
            ):
                raise _refuse(
                    f"membership {subject}: a {version.form.label_zh} does not hold "
                    f"{membership.kind.label_zh} members",
                    subject,
                    "membership.form",
                )
        for other_id in self._memberships_by_person.get(person.id, ()):
            other = self._memberships[other_id]
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
        self._memberships[membership.id] = membership
        self._memberships_by_org.setdefault(membership.org_id, []).append(membership.id)
        self._memberships_by_person.setdefault(person.id, []).append(membership.id)

    def _check_member_standing(
        self, person: Person, start: _dt.date, subject: str | None = None
    ) -> None:
        if not person.is_party_member(start):
            raise _refuse(
                f"{subject or person.id}: {person.id} is not a party member on {start}",
                subject or person.id,
                "membership.party_member",
            )

    def end_membership(
        self, membership_id: str, on: _dt.date, reason: str | None = None
    ) -> Membership:
        """End an open membership on ``on`` with an optional reason; returns the ended record.

        Raises:
            UnknownRecordError: no such membership.
            RuleViolationError: it is already ended, or ``on`` is not after its start.
        """
        day = as_date(on)
        current = self.membership(membership_id)
        if current.period.end is not None or day <= current.period.start:
            raise _refuse(
                f"membership {membership_id} {current.period} cannot end on {day}",
                membership_id,
                "history.end_dated",
            )
        ended = attrs.evolve(current, period=current.period.ended_on(day), end_reason=reason)
        self._memberships[membership_id] = ended
        return ended

    def transfer(
        self, membership_id: str, new_membership_id: str, org_id: str, on: _dt.date
    ) -> Membership:
        """Move a formal membership to another org on ``on`` (转接组织关系), atomically.

        Raises:
            NeighborhoodPBError: as :meth:`end_membership` or :meth:`add_membership`; on any
                error nothing changes.
        """
        day = as_date(on)
        current = self.membership(membership_id)
        if current.period.end is not None or day <= current.period.start:
            raise _refuse(
                f"membership {membership_id} {current.period} cannot be transferred on {day}",
                membership_id,
                "history.end_dated",
            )
        new = Membership(
            id=new_membership_id,
            person_id=current.person_id,
            org_id=org_id,
            period=Period(start=day),
            kind=current.kind,
        )
        ended = attrs.evolve(current, period=current.period.ended_on(day), end_reason="transfer")
        self._memberships[membership_id] = ended
        try:
            self.add_membership(new)
        except Exception:
            self._memberships[membership_id] = current
            raise
        return new

    def membership(self, membership_id: str) -> Membership:
        """The membership with this id.

        Raises:
            UnknownRecordError: no such membership.
        """
        try:
            return self._memberships[membership_id]
        except KeyError:
            raise UnknownRecordError(
                f"no membership {membership_id}", subject=membership_id, rule="reference.exists"
            ) from None

    def memberships_of(self, person_id: str) -> tuple[Membership, ...]:
        """Every membership of a person, past and present."""
        return tuple(self._memberships[m] for m in self._memberships_by_person.get(person_id, ()))

    def memberships(
        self,
        org_id: str,
        on: _dt.date,
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
        org_ids = [o.id for o in self.subtree(org_id, on)] if subtree else [self.org(org_id, on).id]
        result = []
        for oid in org_ids:
            for membership_id in self._memberships_by_org.get(oid, ()):
                membership = self._memberships[membership_id]
                if (kind is None or membership.kind is kind) and _alive(membership.period, on):
                    result.append(membership)
        return tuple(result)

    def full_member_count(
        self,
        org_id: str,
        on: _dt.date,
        *,
        subtree: bool = True,
        kind: MembershipKind | None = MembershipKind.FORMAL,
    ) -> int:
        """Full members (正式党员) in the org (or subtree) on ``on``, each person once.

        Probationary members are not counted. By default only formal relations count; a
        compound-style (兼合式) branch counts its participants (``kind=None``: every kind).
        """
        people = self._people
        return len(
            {
                m.person_id
                for m in self.memberships(org_id, on, kind=kind, subtree=subtree)
                if people[m.person_id].is_full_member(on)
            }
        )

    def formal_org_of(self, person_id: str, on: _dt.date) -> Organisation | None:
        """The organisation holding a person's formal relation on ``on``, if any."""
        for membership_id in self._memberships_by_person.get(person_id, ()):
            membership = self._memberships[membership_id]
            if membership.kind is MembershipKind.FORMAL and _alive(membership.period, on):
                return self.org(membership.org_id, on)
        return None

    # == residential reports ================================================================

    def add_report(self, report: Report) -> None:
        """Record a member's residential report (到社区报到).

        Raises:
            ConflictError: the id is taken, or the person already has a report meanwhile.
            UnknownRecordError: the person, community or grid does not exist.
            RuleViolationError: the person is not a party member, the community is not a
                community, or the grid is not a grid inside it.
        """
        subject = report.id
        if report.id in self._reports:
            raise ConflictError(
                f"report {subject} already exists", subject=subject, rule="id.unique"
            )
        person = self.person(report.person_id)
        self._check_member_standing(person, report.period.start, subject)
        community = self.territories.get(report.community_id)
        if community.kind not in _COMMUNITY_KINDS:
            raise _refuse(
                f"report {subject}: {community.id} is a {community.kind.label_zh}, not a community",
                subject,
                "report.community",
            )
        places = [community]
        if report.grid_id is not None:
            grid = self.territories.get(report.grid_id)
            if grid.kind is not TerritoryKind.GRID or community not in self.territories.ancestors(
                grid.id
            ):
                raise _refuse(
                    f"report {subject}: {grid.id} is not a grid of {community.id}",
                    subject,
                    "report.grid",
                )
            places.append(grid)
        for place in places:
            if not covers(place.period.start, place.period.end, report.period):
                raise _refuse(
                    f"report {subject} {report.period} falls outside the life of {place.id}",
                    subject,
                    "report.within_lifetime",
                )
        for other_id in self._reports_by_person.get(person.id, ()):
            if self._reports[other_id].period.overlaps(report.period):
                raise ConflictError(
                    f"report {subject}: {person.id} already reported through {other_id}",
                    subject=subject,
                    rule="report.one_at_a_time",
                )
        self._reports[report.id] = report
        self._reports_by_person.setdefault(person.id, []).append(report.id)
        for place in places:
            self._reports_by_territory.setdefault(place.id, []).append(report.id)

    def end_report(self, report_id: str, on: _dt.date) -> Report:
        """Revoke (end-date) a report on ``on``; returns the ended record.

        Raises:
            UnknownRecordError: no such report.
            RuleViolationError: it is already ended, or ``on`` is not after its start.
        """
        day = as_date(on)
        current = self.report(report_id)
        if current.period.end is not None or day <= current.period.start:
            raise _refuse(
                f"report {report_id} {current.period} cannot end on {day}",
                report_id,
                "history.end_dated",
            )
        ended = attrs.evolve(current, period=current.period.ended_on(day))
        self._reports[report_id] = ended
        return ended

    def report(self, report_id: str) -> Report:
        """The report with this id.

        Raises:
            UnknownRecordError: no such report.
        """
        try:
            return self._reports[report_id]
        except KeyError:
            raise UnknownRecordError(
                f"no report {report_id}", subject=report_id, rule="reference.exists"
            ) from None

    def reports_of(self, person_id: str) -> tuple[Report, ...]:
        """Every report of a person, past and present."""
        return tuple(self._reports[r] for r in self._reports_by_person.get(person_id, ()))

    def reports_to(self, territory_id: str, on: _dt.date) -> tuple[Report, ...]:
        """Reports in effect on ``on`` to a community or grid, or to any community or grid
        inside a larger territory (e.g. a street)."""
        territory = self.territories.get(territory_id)
        places = [territory_id]
        if territory.kind.rank < _GRID_RANK:
            places.extend(
                t.id for t in self.territories.descendants(territory_id, on, max_rank=_GRID_RANK)
            )
        seen: dict[str, Report] = {}
        for place in places:
            for report_id in self._reports_by_territory.get(place, ()):
                report = self._reports[report_id]
                if _alive(report.period, on):
                    seen[report_id] = report
        return tuple(seen.values())

    def reported_members(self, org_id: str, on: _dt.date) -> tuple[Report, ...]:
        """Reports in effect on ``on`` to the territory covered by an org's subtree."""
        seen: dict[str, Report] = {}
        for org in self.subtree(org_id, on):
            for territory in self.territories_covered(org.id, on):
                if territory.kind.rank <= _GRID_RANK:
                    for report in self.reports_to(territory.id, on):
                        seen[report.id] = report
        return tuple(seen.values())

    # == election terms =====================================================================

    def add_term(self, term: ElectionTerm) -> None:
        """Record an election: the org's open term, if any, ends when the new one starts.

        Raises:
            ConflictError: the id is taken or the term overlaps a closed term.
            RuleViolationError: the org holds no elections (党工委 are appointed) or the term
                starts outside its life.
        """
        subject = term.id
        if term.id in self._terms:
            raise ConflictError(f"term {subject} already exists", subject=subject, rule="id.unique")
        history = self.history(term.org_id)
        version = self.version_at(term.org_id, term.period.start)
        if version is None or not covers(
            history[0].period.start, history[-1].period.end, term.period
        ):
            raise _refuse(
                f"term {subject} {term.period} falls outside the life of {term.org_id}",
                subject,
                "term.within_lifetime",
            )
        if not version.form.is_elected:
            raise _refuse(
                f"term {subject}: a {version.form.label_zh} is not elected (appointed or no "
                "leadership of its own)",
                subject,
                "term.elected_forms",
            )
        to_close: ElectionTerm | None = None
        for other_id in self._terms_by_org.get(term.org_id, ()):
            other = self._terms[other_id]
            if not other.period.overlaps(term.period):
                continue
            if other.period.end is None and other.period.start < term.period.start:
                to_close = other
                continue
            raise ConflictError(
                f"term {subject} {term.period} overlaps term {other_id} {other.period}",
                subject=subject,
                rule="term.no_overlap",
            )
        if to_close is not None:
            self._terms[to_close.id] = attrs.evolve(
                to_close, period=to_close.period.ended_on(term.period.start)
            )
        self._terms[term.id] = term
        self._terms_by_org.setdefault(term.org_id, []).append(term.id)

    def terms(self, org_id: str) -> tuple[ElectionTerm, ...]:
        """Every election term of an org, oldest first."""
        return tuple(
            sorted(
                (self._terms[t] for t in self._terms_by_org.get(org_id, ())),
                key=lambda t: t.period.start,
            )
        )

    def term_at(self, org_id: str, on: _dt.date) -> ElectionTerm | None:
        """The term in effect on ``on``, if any."""
        for term in self.terms(org_id):
            if _alive(term.period, on):
                return term
        return None

    # == whole-tree passes ==================================================================

    def coverages(self, on: _dt.date) -> Iterator[Coverage]:
        """Every coverage record in effect on ``on``."""
        for coverages in self._coverage_by_org.values():
            for coverage in coverages:
                if _alive(coverage.period, on):
                    yield coverage
