"""A naive model of OrgTree for the stateful test: plain lists of records, and every rule
written again as a scan over them.

Each command returns the set of rules it would break (empty when it is valid) and a function
that applies it; the stateful test compares that with what the real tree does.
"""

from collections.abc import Callable

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.structure import (
    Coverage,
    ElectionTerm,
    LevelSchema,
    Membership,
    MembershipKind,
    Organisation,
    OrgForm,
    Person,
    Report,
    Territory,
    TerritoryKind,
    TreeRecords,
)

Outcome = tuple[set[str], Callable[[], None]]
COMMUNITIES = (TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE)


def alive(period: Period, day: pendulum.Date) -> bool:
    return period.start <= day and (period.end is None or day < period.end)


def overlap(a: Period, b: Period) -> bool:
    return (b.end is None or a.start < b.end) and (a.end is None or b.start < a.end)


def within(start: pendulum.Date, end: pendulum.Date | None, inner: Period) -> bool:
    """Whether ``inner`` lies in ``[start, end)``."""
    if inner.start < start:
        return False
    return end is None or (inner.end is not None and inner.end <= end)


def past(period: Period, day: pendulum.Date) -> bool:
    """Whether the period still runs on or after ``day``."""
    return period.end is None or period.end > day


def close(period: Period, day: pendulum.Date) -> Period:
    return Period(start=period.start, end=day)


@attrs.define
class NaiveTree:
    """The records of a tree as lists, and its rules as scans."""

    schema: LevelSchema
    territories: list[Territory] = attrs.Factory(list)
    people: list[Person] = attrs.Factory(list)
    orgs: list[Organisation] = attrs.Factory(list)
    coverage: list[Coverage] = attrs.Factory(list)
    memberships: list[Membership] = attrs.Factory(list)
    reports: list[Report] = attrs.Factory(list)
    terms: list[ElectionTerm] = attrs.Factory(list)

    def records(self) -> TreeRecords:
        return TreeRecords(
            territories=tuple(self.territories),
            people=tuple(self.people),
            orgs=tuple(self.orgs),
            coverage=tuple(self.coverage),
            memberships=tuple(self.memberships),
            reports=tuple(self.reports),
            terms=tuple(self.terms),
        )

    # -- lookups ------------------------------------------------------------------------------

    def territory(self, territory_id: str | None) -> Territory | None:
        return next((t for t in self.territories if t.id == territory_id), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def history(self, org_id: str | None) -> list[Organisation]:
        return sorted((o for o in self.orgs if o.id == org_id), key=lambda o: o.period.start)

    def life(self, org_id: str) -> tuple[pendulum.Date, pendulum.Date | None]:
        history = self.history(org_id)
        return history[0].period.start, history[-1].period.end

    def version_at(self, org_id: str, day: pendulum.Date) -> Organisation | None:
        return next((o for o in self.orgs if o.id == org_id and alive(o.period, day)), None)

    def position(self, level_code: str) -> int | None:
        codes = [level.code for level in self.schema.levels]
        return codes.index(level_code) if level_code in codes else None

    def may_parent(self, parent_level: str, child_level: str) -> bool:
        upper, lower = self.position(parent_level), self.position(child_level)
        assert upper is not None
        assert lower is not None
        return upper < lower and all(lv.optional for lv in self.schema.levels[upper + 1 : lower])

    def lineage(self, territory: Territory) -> list[str]:
        result, parent = [], self.territory(territory.parent_id)
        while parent is not None:
            result.append(parent.id)
            parent = self.territory(parent.parent_id)
        return result

    def member_on(self, person: Person, day: pendulum.Date) -> bool:
        return person.admitted_on is not None and person.admitted_on <= day

    # -- territory and people -----------------------------------------------------------------

    def add_territory(self, t: Territory) -> Outcome:
        problems = set()
        if self.territory(t.id) is not None:
            problems.add("id.unique")
        if t.parent_id is not None:
            parent = self.territory(t.parent_id)
            if parent is None:
                problems.add("reference.exists")
            elif parent.kind.rank >= t.kind.rank or not within(
                parent.period.start, parent.period.end, t.period
            ):
                problems.add("territory.nesting")
        if t.kind is TerritoryKind.GRID and any(
            o.kind is TerritoryKind.GRID and o.code == t.code and overlap(o.period, t.period)
            for o in self.territories
        ):
            problems.add("grid.code_unique")
        return problems, lambda: self.territories.append(t)

    def end_territory(self, territory_id: str, day: pendulum.Date) -> Outcome:
        problems = set()
        if any(c.territory_id == territory_id and past(c.period, day) for c in self.coverage):
            problems.add("coverage.within_lifetime")
        if any(
            territory_id in (r.community_id, r.grid_id) and past(r.period, day)
            for r in self.reports
        ):
            problems.add("report.within_lifetime")
        t = self.territory(territory_id)
        if t is None:
            problems.add("reference.exists")
        elif t.period.end is not None or day <= t.period.start:
            problems.add("history.end_dated")
        elif any(c.parent_id == territory_id and past(c.period, day) for c in self.territories):
            problems.add("territory.nesting")

        def apply() -> None:
            assert t is not None
            index = self.territories.index(t)
            self.territories[index] = attrs.evolve(t, period=close(t.period, day))

        return problems, apply

    def _household_problems(self, person: Person) -> set[str]:
        if person.household_id is None:
            return set()
        home = self.territory(person.household_id)
        if home is None:
            return {"reference.exists"}
        return set() if home.kind is TerritoryKind.HOUSEHOLD else {"person.household"}

    def add_person(self, person: Person) -> Outcome:
        problems = self._household_problems(person)
        if self.person(person.id) is not None:
            problems.add("id.unique")
        return problems, lambda: self.people.append(person)

    def update_person(self, person: Person) -> Outcome:
        old = self.person(person.id)
        if old is None:
            return {"reference.exists"}, lambda: None
        problems = self._household_problems(person)
        starts = [m.period.start for m in self.memberships if m.person_id == person.id]
        starts += [r.period.start for r in self.reports if r.person_id == person.id]
        if any(not self.member_on(person, start) for start in starts):
            problems.add("membership.party_member")

        def apply() -> None:
            self.people[self.people.index(old)] = person

        return problems, apply

    # -- organisations ------------------------------------------------------------------------

    def _version_problems(self, version: Organisation) -> set[str]:
        position = self.position(version.level)
        if position is None:
            return {"schema.level"}
        problems = set()
        if version.form not in self.schema.levels[position].forms:
            problems.add("schema.form_allowed")
        if version.parent_id is None:
            if position != 0:
                problems.add("tree.single_root_level")
            return problems
        parent = self.history(version.parent_id)
        if not parent:
            problems.add("reference.exists")
        elif not self.may_parent(parent[0].level, version.level):
            problems.add("schema.level_order")
        elif not within(parent[0].period.start, parent[-1].period.end, version.period):
            problems.add("tree.parent_lifetime")
        return problems

    def found(self, org: Organisation) -> Outcome:
        problems = self._version_problems(org)
        if self.history(org.id):
            problems.add("id.unique")
        return problems, lambda: self.orgs.append(org)

    def _open_last(self, org_id: str, day: pendulum.Date) -> tuple[set[str], Organisation | None]:
        history = self.history(org_id)
        if not history:
            return {"reference.exists"}, None
        last = history[-1]
        if last.period.end is not None:
            return {"history.end_dated"}, None
        if day <= last.period.start:
            return {"history.append_only"}, None
        return set(), last

    def revise(self, org_id: str, day: pendulum.Date, **change: object) -> Outcome:
        """Rename (``name=``), move (``parent_id=``) or re-form (``form=``) from ``day``."""
        problems, last = self._open_last(org_id, day)
        if last is None:
            return problems, lambda: None
        if change.get("parent_id") == org_id:
            return {"tree.acyclic"}, lambda: None
        new = attrs.evolve(last, period=Period(start=day), **change)  # type: ignore[arg-type]
        problems = self._version_problems(new)
        if new.form is not last.form and any(
            m.org_id == org_id and past(m.period, day) and not m.kind.allowed_in(new.form)
            for m in self.memberships
        ):
            problems.add("membership.form")
        if (
            new.form is not last.form
            and not new.form.is_elected
            and any(t.org_id == org_id and t.period.start >= day for t in self.terms)
        ):
            problems.add("term.elected_forms")

        def apply() -> None:
            self.orgs[self.orgs.index(last)] = attrs.evolve(last, period=close(last.period, day))
            self.orgs.append(new)

        return problems, apply

    def dissolve(self, org_id: str, day: pendulum.Date) -> Outcome:
        problems, last = self._open_last(org_id, day)
        if last is None:
            return problems, lambda: None
        if any(o.parent_id == org_id and past(o.period, day) for o in self.orgs):
            problems.add("tree.no_orphans")
        if any(m.org_id == org_id and past(m.period, day) for m in self.memberships):
            problems.add("membership.within_lifetime")
        starts = [c.period.start for c in self.coverage if c.org_id == org_id]
        starts += [t.period.start for t in self.terms if t.org_id == org_id]
        if any(start >= day for start in starts):
            problems.add("history.end_dated")

        def apply() -> None:
            self.orgs[self.orgs.index(last)] = attrs.evolve(last, period=close(last.period, day))
            for records in (self.coverage, self.terms):
                for index, record in enumerate(records):
                    if record.org_id == org_id and past(record.period, day):
                        records[index] = attrs.evolve(record, period=close(record.period, day))

        return problems, apply

    # -- coverage -----------------------------------------------------------------------------

    def cover(self, c: Coverage) -> Outcome:
        history, t = self.history(c.org_id), self.territory(c.territory_id)
        if not history or t is None:
            return {"reference.exists"}, lambda: None
        problems = set()
        level = self.schema.level(history[0].level)
        if t.kind not in level.territory_kinds:
            problems.add("coverage.territory_kind")
        start, end = self.life(c.org_id)
        if not within(start, end, c.period) or not within(t.period.start, t.period.end, c.period):
            problems.add("coverage.within_lifetime")
        for other in self.coverage:
            if other.territory_id != t.id or not overlap(other.period, c.period):
                continue
            if other.org_id == c.org_id:
                problems.add("coverage.unique")
            elif (
                self.position(level.code) == 0 == self.position(self.history(other.org_id)[0].level)
            ):
                problems.add("tree.one_root_per_jurisdiction")
        return problems, lambda: self.coverage.append(c)

    def uncover(self, org_id: str, territory_id: str, day: pendulum.Date) -> Outcome:
        open_ = [
            c
            for c in self.coverage
            if c.org_id == org_id and c.territory_id == territory_id and c.period.end is None
        ]
        if not open_:
            return {"reference.exists"}, lambda: None
        (c,) = open_
        if day <= c.period.start:
            return {"history.end_dated"}, lambda: None

        def apply() -> None:
            self.coverage[self.coverage.index(c)] = attrs.evolve(c, period=close(c.period, day))

        return problems_none(), apply

    # -- memberships --------------------------------------------------------------------------

    def membership(self, membership_id: str) -> Membership | None:
        return next((m for m in self.memberships if m.id == membership_id), None)

    def add_membership(self, m: Membership, memberships: list[Membership] | None = None) -> Outcome:
        pool = self.memberships if memberships is None else memberships
        problems = set()
        if any(o.id == m.id for o in pool):
            problems.add("id.unique")
        person, history = self.person(m.person_id), self.history(m.org_id)
        if person is None or not history:
            problems.add("reference.exists")
            return problems, lambda: None
        if not self.member_on(person, m.period.start):
            problems.add("membership.party_member")
        if not within(*self.life(m.org_id), m.period):
            problems.add("membership.within_lifetime")
        if any(overlap(v.period, m.period) and not m.kind.allowed_in(v.form) for v in history):
            problems.add("membership.form")
        for other in pool:
            if other.person_id != m.person_id or not overlap(other.period, m.period):
                continue
            if other.kind is m.kind is MembershipKind.FORMAL:
                problems.add("membership.one_formal")
            elif other.org_id == m.org_id:
                problems.add("membership.unique")
        return problems, lambda: self.memberships.append(m)

    def end_membership(self, membership_id: str, day: pendulum.Date, reason: str | None) -> Outcome:
        m = self.membership(membership_id)
        if m is None:
            return {"reference.exists"}, lambda: None
        if m.period.end is not None or day <= m.period.start:
            return {"history.end_dated"}, lambda: None

        def apply() -> None:
            self.memberships[self.memberships.index(m)] = attrs.evolve(
                m, period=close(m.period, day), end_reason=reason
            )

        return problems_none(), apply

    def transfer(self, membership_id: str, new_id: str, org_id: str, day: pendulum.Date) -> Outcome:
        m = self.membership(membership_id)
        if m is None:
            return {"reference.exists"}, lambda: None
        if m.period.end is not None or day <= m.period.start:
            return {"history.end_dated"}, lambda: None
        ended = attrs.evolve(m, period=close(m.period, day), end_reason="transfer")
        new = Membership(
            id=new_id, person_id=m.person_id, org_id=org_id, period=Period(start=day), kind=m.kind
        )
        pool = [ended if x is m else x for x in self.memberships]
        problems, _ = self.add_membership(new, pool)

        def apply() -> None:
            self.memberships[self.memberships.index(m)] = ended
            self.memberships.append(new)

        return problems, apply

    # -- reports ------------------------------------------------------------------------------

    def report(self, report_id: str) -> Report | None:
        return next((r for r in self.reports if r.id == report_id), None)

    def add_report(self, r: Report) -> Outcome:
        problems = set()
        if self.report(r.id) is not None:
            problems.add("id.unique")
        person = self.person(r.person_id)
        community = self.territory(r.community_id)
        grid = self.territory(r.grid_id) if r.grid_id is not None else None
        if person is None or community is None or (r.grid_id is not None and grid is None):
            problems.add("reference.exists")
        if person is not None and not self.member_on(person, r.period.start):
            problems.add("membership.party_member")
        if community is not None:
            if community.kind not in COMMUNITIES:
                problems.add("report.community")
            if grid is not None and (
                grid.kind is not TerritoryKind.GRID or community.id not in self.lineage(grid)
            ):
                problems.add("report.grid")
            for place in (community, grid):
                if place is not None and not within(place.period.start, place.period.end, r.period):
                    problems.add("report.within_lifetime")
        if any(o.person_id == r.person_id and overlap(o.period, r.period) for o in self.reports):
            problems.add("report.one_at_a_time")
        return problems, lambda: self.reports.append(r)

    def end_report(self, report_id: str, day: pendulum.Date) -> Outcome:
        r = self.report(report_id)
        if r is None:
            return {"reference.exists"}, lambda: None
        if r.period.end is not None or day <= r.period.start:
            return {"history.end_dated"}, lambda: None

        def apply() -> None:
            self.reports[self.reports.index(r)] = attrs.evolve(r, period=close(r.period, day))

        return problems_none(), apply

    # -- terms --------------------------------------------------------------------------------

    def add_term(self, term: ElectionTerm) -> Outcome:
        problems = set()
        if any(t.id == term.id for t in self.terms):
            problems.add("id.unique")
        if not self.history(term.org_id):
            problems.add("reference.exists")
            return problems, lambda: None
        version = self.version_at(term.org_id, term.period.start)
        if version is None or not within(*self.life(term.org_id), term.period):
            problems.add("term.within_lifetime")
        elif not version.form.is_elected:
            problems.add("term.elected_forms")
        to_close = None
        for other in self.terms:
            if other.org_id != term.org_id or not overlap(other.period, term.period):
                continue
            if other.period.end is None and other.period.start < term.period.start:
                to_close = other
            else:
                problems.add("term.no_overlap")

        def apply() -> None:
            if to_close is not None:
                index = self.terms.index(to_close)
                self.terms[index] = attrs.evolve(
                    to_close, period=close(to_close.period, term.period.start)
                )
            self.terms.append(term)

        return problems, apply


def problems_none() -> set[str]:
    return set()


def forms_allowed(schema: LevelSchema, level_code: str) -> list[OrgForm]:
    return sorted(schema.level(level_code).forms, key=lambda f: f.value)
