"""OrgTree driven by random commands, valid and invalid, against a naive model.

After every step: the records equal the model's; the tree is acyclic; every non-root
version's parent exists over the whole version at a level the schema allows; a person holds
at most one formal membership at any instant; no reference dangles; children and ancestors
agree with a naive reading on sampled days; the tree reloads from its own records; and a
rejected command changed nothing.
"""

from collections.abc import Callable

import pendulum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from naive_tree import COMMUNITIES, NaiveTree, Outcome, alive, overlap, within
from tree_world import canonical

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.structure import (
    SCHEMA_PRESETS,
    Coverage,
    ElectionTerm,
    LevelSchema,
    Membership,
    MembershipKind,
    Organisation,
    OrgForm,
    OrgTree,
    Person,
    Report,
    Territory,
    TerritoryKind,
)

DAYS = [pendulum.Date(2020, 1, 1).add(days=150 * n) for n in range(9)]
SAMPLE_DAYS = DAYS[::3]
GHOST = "ghost"
ORG_IDS = [f"O{n}" for n in range(8)]
TERRITORY_IDS = [f"T{n}" for n in range(4)]
PERSON_IDS = [f"P{n}" for n in range(6)]
MEMBERSHIP_IDS = [f"M{n}" for n in range(8)]
REPORT_IDS = [f"R{n}" for n in range(4)]
TERM_IDS = [f"E{n}" for n in range(5)]
BASE_TERRITORIES = [
    ("S", TerritoryKind.STREET, None),
    ("C", TerritoryKind.COMMUNITY, "S"),
    ("V", TerritoryKind.VILLAGE, None),
    ("A", TerritoryKind.AREA, "C"),
    ("G", TerritoryKind.GRID, "C"),
    ("K", TerritoryKind.COMPOUND, "G"),
    ("B", TerritoryKind.BUILDING, "K"),
    ("U", TerritoryKind.UNIT, "B"),
    ("H", TerritoryKind.HOUSEHOLD, "U"),
    ("H2", TerritoryKind.HOUSEHOLD, "K"),
]


def later_days(lo: pendulum.Date) -> list[pendulum.Date]:
    return [d for d in DAYS if d >= lo] or [DAYS[-1]]


@st.composite
def day_periods(draw: st.DrawFn, lo: pendulum.Date = DAYS[0]) -> Period:
    """A period between sampled days, starting on or after ``lo`` where possible."""
    start = draw(st.sampled_from(later_days(lo)))
    end = draw(st.none() | st.sampled_from([d for d in DAYS if d > start] or [None]))
    return Period(start=start, end=end)


@st.composite
def people(draw: st.DrawFn, person_id: str, homes: list[str], others: list[str]) -> Person:
    """A person with any standing, mostly a party member, at home anywhere (or nowhere)."""
    admissions = [pendulum.Date(2010, 7, 1), *DAYS]
    admitted = None if draw(st.integers(0, 4)) == 0 else draw(st.sampled_from(admissions))
    full = None
    if admitted is not None:
        full = draw(st.none() | st.sampled_from([d for d in DAYS if d >= admitted] or [admitted]))
    home = draw(st.none() | st.sampled_from(homes) | st.sampled_from(others))
    return Person(
        id=person_id, name="人", admitted_on=admitted, full_member_on=full, household_id=home
    )


def likely(data: st.DataObject) -> bool:
    """True three times in four: take a plausible argument rather than any."""
    return data.draw(st.integers(0, 3)) > 0


def ref(data: st.DataObject, known: list[str]) -> str:
    """A reference: an existing id, or now and then an unknown one."""
    if known and likely(data):
        return data.draw(st.sampled_from(sorted(set(known))))
    return GHOST


def fresh(data: st.DataObject, known: list[str], pool: list[str]) -> str:
    """A new id from ``pool``, or now and then one already taken."""
    free = [i for i in pool if i not in known]
    if free and likely(data):
        return data.draw(st.sampled_from(free))
    return data.draw(st.sampled_from(sorted(set(known)) or pool))


class OrgTreeMachine(RuleBasedStateMachine):
    """Commands on OrgTree and on the naive model side by side."""

    def __init__(self) -> None:
        super().__init__()
        self.tree: OrgTree
        self.model: NaiveTree
        self._checked: dict[str, object] = {}

    def _changed_since(self, check: str) -> bool:
        """Whether the tree's records changed since ``check`` last ran: the queries and a
        reload depend on nothing else, and most steps are refused and change nothing."""
        records = self.tree.records()
        if self._checked.get(check) == records:
            return False
        self._checked[check] = records
        return True

    # -- plumbing -----------------------------------------------------------------------------

    def run(self, outcome: Outcome, command: Callable[[], object]) -> None:
        problems, apply = outcome
        before = self.tree.records()
        error: NeighborhoodPBError | None = None
        try:
            command()
        except NeighborhoodPBError as exc:
            error = exc
        if error is None:
            assert not problems, f"the tree accepted what breaks {sorted(problems)}"
            apply()
            return
        assert problems, f"the tree refused what the model accepts: {error}"
        assert error.rule in problems, f"{error} (model: {sorted(problems)})"
        assert error.subject, error
        assert self.tree.records() == before, "a rejected command changed the tree"

    @property
    def org_ids(self) -> list[str]:
        return [o.id for o in self.model.orgs]

    @property
    def territory_ids(self) -> list[str]:
        return [t.id for t in self.model.territories]

    @property
    def homes(self) -> tuple[list[str], list[str]]:
        """Households, and every other territory (and an unknown one)."""
        households = [t.id for t in self.model.territories if t.kind is TerritoryKind.HOUSEHOLD]
        return households, [GHOST, *(t for t in self.territory_ids if t not in households)]

    @property
    def member_ids(self) -> list[str]:
        return [p.id for p in self.model.people if p.admitted_on is not None]

    def start_of(self, org_id: str) -> pendulum.Date:
        history = self.model.history(org_id)
        return history[0].period.start if history else DAYS[0]

    @initialize(schema=st.sampled_from(sorted(SCHEMA_PRESETS)), data=st.data())
    def start(self, schema: str, data: st.DataObject) -> None:
        """Territory of every kind, a chain of orgs one per level, two members."""
        self.schema: LevelSchema = SCHEMA_PRESETS[schema]
        self.tree = OrgTree(self.schema)
        self.model = NaiveTree(self.schema)
        since = Period(start=DAYS[0])
        for tid, kind, parent in BASE_TERRITORIES:
            code = "G-0" if kind is TerritoryKind.GRID else None
            t = Territory(id=tid, kind=kind, name=tid, parent_id=parent, code=code, period=since)
            self.run(self.model.add_territory(t), lambda t=t: self.tree.add_territory(t))
        parent = None
        for n, level in enumerate(self.schema.levels):
            form = data.draw(st.sampled_from(sorted(level.forms, key=lambda f: f.value)))
            org = Organisation(
                id=ORG_IDS[n],
                name="组织",
                form=form,
                level=level.code,
                parent_id=parent,
                period=since,
            )
            self.run(self.model.found(org), lambda org=org: self.tree.found(org))
            parent = org.id
        for person in (
            Person(id="P0", name="甲", admitted_on="2010-07-01", full_member_on="2011-07-01"),
            Person(id="P1", name="乙", admitted_on=DAYS[1], household_id="H"),
        ):
            self.run(self.model.add_person(person), lambda p=person: self.tree.add_person(p))
        by_kind = {kind: tid for tid, kind, _ in reversed(BASE_TERRITORIES)}
        for org in list(self.model.orgs):
            level = self.schema.level(org.level)
            tid = next(by_kind[k] for k in sorted(level.territory_kinds, key=lambda k: k.value))
            c = Coverage(org_id=org.id, territory_id=tid, period=since)
            self.run(self.model.cover(c), lambda c=c: self.tree.cover(c))
            if org.form.is_elected:
                term = ElectionTerm(id=f"E{org.id}", org_id=org.id, period=since, seats=3)
                self.run(self.model.add_term(term), lambda t=term: self.tree.add_term(t))
        holder = next(o for o in self.model.orgs if MembershipKind.FORMAL.allowed_in(o.form))
        m = Membership(id="M-init", person_id="P0", org_id=holder.id, period=since)
        self.run(self.model.add_membership(m), lambda: self.tree.add_membership(m))
        r = Report(id="R-init", person_id="P0", community_id="C", grid_id="G", period=since)
        self.run(self.model.add_report(r), lambda: self.tree.add_report(r))
        records = self.model.records()
        assert (len(records.territories), len(records.people)) == (len(BASE_TERRITORIES), 2)
        assert (len(records.orgs), len(records.coverage)) == (self.schema.depth, self.schema.depth)
        assert (len(records.memberships), len(records.reports)) == (1, 1)

    # -- territory and people -------------------------------------------------------------------

    @rule(data=st.data(), kind=st.sampled_from(TerritoryKind), period=day_periods())
    def add_territory(self, data: st.DataObject, kind: TerritoryKind, period: Period) -> None:
        territory_id = fresh(data, self.territory_ids, TERRITORY_IDS)
        parent = data.draw(st.none() | st.sampled_from([*self.territory_ids, GHOST]))
        code = data.draw(st.sampled_from(["G-0", "G-1"])) if kind is TerritoryKind.GRID else None
        t = Territory(
            id=territory_id,
            kind=kind,
            name="地",
            parent_id=None if parent == territory_id else parent,
            code=code,
            period=period,
        )
        self.run(self.model.add_territory(t), lambda: self.tree.add_territory(t))

    @rule(data=st.data(), day=st.sampled_from(DAYS))
    def end_territory(self, data: st.DataObject, day: pendulum.Date) -> None:
        tid = ref(data, self.territory_ids)
        self.run(self.model.end_territory(tid, day), lambda: self.tree.end_territory(tid, day))

    @rule(data=st.data())
    def add_person(self, data: st.DataObject) -> None:
        person_id = fresh(data, [p.id for p in self.model.people], PERSON_IDS)
        person = data.draw(people(person_id, *self.homes))
        self.run(self.model.add_person(person), lambda: self.tree.add_person(person))

    @rule(data=st.data())
    def update_person(self, data: st.DataObject) -> None:
        person_id = ref(data, [p.id for p in self.model.people])
        person = data.draw(people(person_id, *self.homes))
        self.run(self.model.update_person(person), lambda: self.tree.update_person(person))

    # -- organisations --------------------------------------------------------------------------

    @rule(data=st.data())
    def found(self, data: st.DataObject) -> None:
        schema, model = self.schema, self.model
        level = data.draw(st.sampled_from(schema.levels))
        org_id = fresh(data, self.org_ids, ORG_IDS)
        if likely(data):
            parents_at = {
                lv.code: sorted({o.id for o in model.orgs if model.may_parent(o.level, lv.code)})
                for lv in schema.levels
            }
            level = data.draw(
                st.sampled_from([lv for lv in schema.levels if parents_at[lv.code]] or [level])
                if data.draw(st.booleans())
                else st.just(schema.levels[0])
            )
            level_code = level.code
            form = data.draw(st.sampled_from(sorted(level.forms, key=lambda f: f.value)))
            parent = None
            if level is not schema.levels[0] and parents_at[level.code]:
                parent = data.draw(st.sampled_from(parents_at[level.code]))
            period = data.draw(day_periods(self.start_of(parent) if parent else DAYS[0]))
        else:
            level_code = data.draw(st.sampled_from([level.code, "nowhere"]))
            form = data.draw(st.sampled_from(OrgForm))
            parent = data.draw(st.none() | st.sampled_from([*self.org_ids, GHOST]))
            period = data.draw(day_periods())
        org = Organisation(
            id=org_id,
            name="组织",
            form=form,
            level=level_code,
            parent_id=None if parent == org_id else parent,
            period=period,
        )
        self.run(self.model.found(org), lambda: self.tree.found(org))

    @rule(data=st.data(), day=st.sampled_from(DAYS[1:]), name=st.sampled_from(["甲", "乙"]))
    def rename(self, data: st.DataObject, day: pendulum.Date, name: str) -> None:
        org_id = ref(data, self.org_ids)
        self.run(
            self.model.revise(org_id, day, name=name), lambda: self.tree.rename(org_id, name, day)
        )

    @rule(data=st.data(), day=st.sampled_from(DAYS[1:]))
    def move(self, data: st.DataObject, day: pendulum.Date) -> None:
        model = self.model
        org_id, parent_id = ref(data, self.org_ids), ref(data, self.org_ids)
        history = model.history(org_id)
        if history and history[0].parent_id is not None and likely(data):
            targets = [
                o.id
                for o in model.orgs
                if o.id != org_id
                and o.period.end is None
                and model.may_parent(o.level, history[0].level)
            ]
            parent_id = data.draw(st.sampled_from(targets)) if targets else parent_id
            day = data.draw(st.sampled_from(later_days(history[-1].period.start.add(days=1))))
        self.run(
            model.revise(org_id, day, parent_id=parent_id),
            lambda: self.tree.move(org_id, parent_id, day),
        )

    @rule(data=st.data(), day=st.sampled_from(DAYS[1:]))
    def reform(self, data: st.DataObject, day: pendulum.Date) -> None:
        org_id = ref(data, self.org_ids)
        history = self.model.history(org_id)
        forms = (
            sorted(self.schema.level(history[0].level).forms, key=lambda f: f.value)
            if history
            else []
        )
        form = (
            data.draw(st.sampled_from(forms))
            if forms and likely(data)
            else data.draw(st.sampled_from(OrgForm))
        )
        self.run(
            self.model.revise(org_id, day, form=form), lambda: self.tree.reform(org_id, form, day)
        )

    @rule(data=st.data(), day=st.sampled_from(DAYS[1:]))
    def dissolve(self, data: st.DataObject, day: pendulum.Date) -> None:
        org_id = ref(data, self.org_ids)
        self.run(self.model.dissolve(org_id, day), lambda: self.tree.dissolve(org_id, day))

    # -- coverage -------------------------------------------------------------------------------

    @rule(data=st.data())
    def cover(self, data: st.DataObject) -> None:
        org_id = ref(data, self.org_ids)
        history = self.model.history(org_id)
        territory_id = ref(data, self.territory_ids)
        if history and likely(data):
            kinds = self.schema.level(history[0].level).territory_kinds
            fitting = [t.id for t in self.model.territories if t.kind in kinds]
            territory_id = data.draw(st.sampled_from(fitting)) if fitting else territory_id
        c = Coverage(
            org_id=org_id,
            territory_id=territory_id,
            period=data.draw(day_periods(self.start_of(org_id))),
        )
        self.run(self.model.cover(c), lambda: self.tree.cover(c))

    @rule(data=st.data(), day=st.sampled_from(DAYS))
    def uncover(self, data: st.DataObject, day: pendulum.Date) -> None:
        open_ = [(c.org_id, c.territory_id) for c in self.model.coverage if c.period.end is None]
        if open_ and likely(data):
            org_id, territory_id = data.draw(st.sampled_from(open_))
        else:
            org_id, territory_id = ref(data, self.org_ids), ref(data, self.territory_ids)
        self.run(
            self.model.uncover(org_id, territory_id, day),
            lambda: self.tree.uncover(org_id, territory_id, day),
        )

    # -- memberships ----------------------------------------------------------------------------

    @rule(data=st.data(), kind=st.sampled_from(MembershipKind))
    def add_membership(self, data: st.DataObject, kind: MembershipKind) -> None:
        person_id = ref(
            data, self.member_ids if likely(data) else [p.id for p in self.model.people]
        )
        org_id = ref(data, self.org_ids)
        person = self.model.person(person_id)
        lo = max(self.start_of(org_id), (person and person.admitted_on) or DAYS[0])
        m = Membership(
            id=fresh(data, [m.id for m in self.model.memberships], MEMBERSHIP_IDS),
            person_id=person_id,
            org_id=org_id,
            period=data.draw(day_periods(lo)),
            kind=kind,
        )
        self.run(self.model.add_membership(m), lambda: self.tree.add_membership(m))

    @rule(data=st.data(), day=st.sampled_from(DAYS), reason=st.sampled_from([None, "death"]))
    def end_membership(self, data: st.DataObject, day: pendulum.Date, reason: str | None) -> None:
        open_ = [m.id for m in self.model.memberships if m.period.end is None]
        mid = ref(data, open_ if likely(data) else [m.id for m in self.model.memberships])
        self.run(
            self.model.end_membership(mid, day, reason),
            lambda: self.tree.end_membership(mid, day, reason),
        )

    @rule(data=st.data(), day=st.sampled_from(DAYS))
    def transfer(self, data: st.DataObject, day: pendulum.Date) -> None:
        known = [m.id for m in self.model.memberships]
        open_ = [m for m in self.model.memberships if m.period.end is None]
        new_id = fresh(data, known, MEMBERSHIP_IDS)
        if open_ and likely(data):
            m = data.draw(st.sampled_from(open_))
            mid = m.id
            holders = [o.id for o in self.model.orgs if m.kind.allowed_in(o.form)]
            org_id = ref(data, holders or self.org_ids)
            day = data.draw(st.sampled_from(later_days(m.period.start.add(days=1))))
        else:
            mid, org_id = ref(data, known), ref(data, self.org_ids)
        self.run(
            self.model.transfer(mid, new_id, org_id, day),
            lambda: self.tree.transfer(mid, new_id, org_id, day),
        )

    # -- reports and terms ----------------------------------------------------------------------

    @rule(data=st.data())
    def add_report(self, data: st.DataObject) -> None:
        model = self.model
        communities = [t.id for t in model.territories if t.kind in COMMUNITIES]
        community_id = ref(data, communities if likely(data) else self.territory_ids)
        community = model.territory(community_id)
        grids = [
            t.id
            for t in model.territories
            if t.kind is TerritoryKind.GRID
            and community is not None
            and community.id in model.lineage(t)
        ]
        grid_id = None
        if data.draw(st.booleans()):
            grid_id = ref(data, grids if likely(data) else self.territory_ids)
        person_id = ref(data, self.member_ids)
        person = model.person(person_id)
        r = Report(
            id=fresh(data, [r.id for r in model.reports], REPORT_IDS),
            person_id=person_id,
            community_id=community_id,
            grid_id=grid_id,
            period=data.draw(day_periods((person and person.admitted_on) or DAYS[0])),
        )
        self.run(model.add_report(r), lambda: self.tree.add_report(r))

    @rule(data=st.data(), day=st.sampled_from(DAYS))
    def end_report(self, data: st.DataObject, day: pendulum.Date) -> None:
        open_ = [r.id for r in self.model.reports if r.period.end is None]
        rid = ref(data, open_ if likely(data) else [r.id for r in self.model.reports])
        self.run(self.model.end_report(rid, day), lambda: self.tree.end_report(rid, day))

    @rule(data=st.data(), seats=st.integers(1, 9))
    def add_term(self, data: st.DataObject, seats: int) -> None:
        elected = [o.id for o in self.model.orgs if o.form.is_elected]
        org_id = ref(data, elected if likely(data) else self.org_ids)
        term = ElectionTerm(
            id=fresh(data, [t.id for t in self.model.terms], TERM_IDS),
            org_id=org_id,
            period=data.draw(day_periods(self.start_of(org_id))),
            seats=seats,
        )
        self.run(self.model.add_term(term), lambda: self.tree.add_term(term))

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def records_equal_the_model(self) -> None:
        assert canonical(self.tree.records()) == canonical(self.model.records())

    @invariant()
    def parents_exist_over_each_version_and_there_is_no_cycle(self) -> None:
        model = self.model
        for version in model.orgs:
            if version.parent_id is None:
                assert model.position(version.level) == 0
                continue
            assert model.history(version.parent_id), f"{version.id} has a dangling parent"
            assert within(*model.life(version.parent_id), version.period)
            assert model.may_parent(model.history(version.parent_id)[0].level, version.level)
            seen, parent_id, day = {version.id}, version.parent_id, version.period.start
            while parent_id is not None:
                assert parent_id not in seen, f"cycle through {parent_id}"
                seen.add(parent_id)
                parent = model.version_at(parent_id, day)
                assert parent is not None
                parent_id = parent.parent_id

    @invariant()
    def one_formal_membership_at_a_time(self) -> None:
        formal = [m for m in self.model.memberships if m.kind is MembershipKind.FORMAL]
        for n, a in enumerate(formal):
            for b in formal[n + 1 :]:
                assert a.person_id != b.person_id or not overlap(a.period, b.period), (a, b)

    @invariant()
    def no_dangling_references(self) -> None:
        model = self.model
        territories = {t.id for t in model.territories}
        people = {p.id: p for p in model.people}
        orgs = set(self.org_ids)
        assert all(t.parent_id is None or t.parent_id in territories for t in model.territories)
        assert all(p.household_id is None or p.household_id in territories for p in people.values())
        assert all(c.org_id in orgs and c.territory_id in territories for c in model.coverage)
        for m in model.memberships:
            assert m.org_id in orgs
            assert people[m.person_id].is_party_member(m.period.start)
            assert all(
                m.kind.allowed_in(v.form)
                for v in model.history(m.org_id)
                if overlap(v.period, m.period)
            )
        for r in model.reports:
            assert people[r.person_id].is_party_member(r.period.start)
            assert r.community_id in territories
            assert r.grid_id is None or r.grid_id in territories
        assert all(t.org_id in orgs for t in model.terms)

    @invariant()
    def queries_agree_with_a_naive_reading(self) -> None:
        if not self._changed_since("queries"):
            return
        tree, model = self.tree, self.model
        for day in SAMPLE_DAYS:
            in_effect = {o.id: o for o in model.orgs if alive(o.period, day)}
            assert {o.id for o in tree.orgs(day)} == set(in_effect)
            roots = {o.id for o in in_effect.values() if o.parent_id is None}
            assert {o.id for o in tree.roots(day)} == roots
            for org_id, version in in_effect.items():
                children = {o.id for o in in_effect.values() if o.parent_id == org_id}
                assert {o.id for o in tree.children(org_id, day)} == children
                chain, parent_id = [], version.parent_id
                while parent_id is not None:
                    chain.append(parent_id)
                    parent_id = in_effect[parent_id].parent_id
                assert [o.id for o in tree.ancestors(org_id, day)] == chain
                members = {
                    m.id for m in model.memberships if m.org_id == org_id and alive(m.period, day)
                }
                assert {m.id for m in tree.memberships(org_id, day, kind=None)} == members
            for person in model.people:
                formal = [
                    m.org_id
                    for m in model.memberships
                    if m.person_id == person.id
                    and m.kind is MembershipKind.FORMAL
                    and alive(m.period, day)
                ]
                found = tree.formal_org_of(person.id, day)
                assert ([found.id] if found else []) == formal

    @invariant()
    def reloads_from_its_own_records(self) -> None:
        if not self._changed_since("reload"):
            return
        again = OrgTree.from_records(self.schema, self.tree.records())
        assert canonical(again.records()) == canonical(self.tree.records())


# A run draws a whole tree step by step: 200 runs at most, even under the thorough profile.
OrgTreeMachine.TestCase.settings = settings(
    OrgTreeMachine.TestCase.settings, max_examples=min(settings.default.max_examples, 200)
)
TestOrgTree = OrgTreeMachine.TestCase
