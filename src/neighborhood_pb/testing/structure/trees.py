"""Strategies for whole organisation-tree datasets that load without error."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
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
from neighborhood_pb.structure.tree import OrgTree, TreeRecords
from neighborhood_pb.testing.structure.data import (
    _NAMES,
    _after,
    _period_within,
    dates,
    persons,
    report_channels,
    schemas,
)

__all__ = ["org_trees", "schemas_and_tree_records", "tree_records"]

# == whole trees ==========================================================================


@attrs.define
class _Org:
    """An organisation being generated: its versions and lifetime."""

    id: str
    position: int
    versions: list[Organisation]
    territories: list[Territory] = attrs.Factory(list)

    @property
    def start(self) -> pendulum.Date:
        return self.versions[0].period.start

    @property
    def end(self) -> pendulum.Date | None:
        return self.versions[-1].period.end


def _room(lo: pendulum.Date, hi: pendulum.Date | None) -> bool:
    return hi is None or lo < hi


@st.composite
def _span(
    draw: st.DrawFn, lo: pendulum.Date, hi: pendulum.Date | None, *, max_days: int = 1200
) -> Period:
    """A period inside ``[lo, hi)`` (which must hold at least a day)."""
    return draw(_period_within(Period(start=lo, end=hi), max_days=max_days))


@st.composite
def _starting(
    draw: st.DrawFn, start: pendulum.Date, hi: pendulum.Date | None, *, max_days: int
) -> Period:
    """A period starting on ``start`` and ending by ``hi`` (open if ``hi`` is ``None``)."""
    if hi is None and draw(st.booleans()):
        return Period(start=start)
    room = max_days if hi is None else (hi - start).days
    return Period(start=start, end=_after(start, draw(st.integers(1, room))))


class _TreeDraft:
    """Builds a valid dataset step by step; every step keeps it loadable."""

    def __init__(self, draw: st.DrawFn, schema: LevelSchema, max_orgs: int) -> None:
        self.draw, self.schema, self.max_orgs = draw, schema, max_orgs
        self.start = draw(dates(pendulum.Date(2012, 1, 1), pendulum.Date(2022, 12, 31)))
        self.land = self.start.subtract(days=draw(st.integers(0, 400)))
        self.territories: list[Territory] = []
        self.orgs: list[_Org] = []
        self.people: list[Person] = []
        self.coverage: list[Coverage] = []
        self.memberships: list[Membership] = []
        self.reports: list[Report] = []
        self.terms: list[ElectionTerm] = []

    # -- territory ------------------------------------------------------------------------

    def territory(self, kind: TerritoryKind, parent: Territory | None) -> Territory:
        number = len(self.territories)
        territory = Territory(
            id=f"T{number}",
            kind=kind,
            name=f"{self.draw(_NAMES)}{kind.label_zh}{number}",
            period=Period(start=self.land),
            parent_id=None if parent is None else parent.id,
            code=f"G{number:03d}" if kind is TerritoryKind.GRID else None,
        )
        self.territories.append(territory)
        return territory

    def place(self, org: _Org, parent: _Org | None) -> None:
        """Give an org the territory it covers, nested under its parent's where it fits."""
        level = self.schema.levels[org.position]
        kind = self.draw(st.sampled_from(sorted(level.territory_kinds, key=lambda k: k.value)))
        host = parent.territories[0] if parent is not None and parent.territories else None
        if host is not None and host.kind is kind and org.position > 0:
            org.territories.append(host)
            return
        nest = host if host is not None and host.kind.rank < kind.rank else None
        units = 1
        if OrgForm.JOINT_BRANCH in level.forms:
            units = self.draw(st.integers(1, 3))
        for _ in range(units):
            org.territories.append(self.territory(kind, nest))

    # -- organisations ----------------------------------------------------------------------

    def skeleton(self) -> None:
        schema, draw = self.schema, self.draw
        queue: list[_Org] = []
        for _ in range(draw(st.integers(1, 2))):
            queue.append(self.new_org(0, None, self.start))
        while queue:
            parent = queue.pop(0)
            for position in range(parent.position + 1, schema.depth):
                if not schema.may_parent(
                    schema.levels[parent.position].code, schema.levels[position].code
                ):
                    continue
                for _ in range(draw(st.integers(0, 2))):
                    if len(self.orgs) >= self.max_orgs:
                        return
                    start = _after(parent.start, draw(st.integers(0, 400)))
                    queue.append(self.new_org(position, parent, start))

    def new_org(self, position: int, parent: _Org | None, start: pendulum.Date) -> _Org:
        level = self.schema.levels[position]
        form = self.draw(st.sampled_from(sorted(level.forms, key=lambda f: f.value)))
        number = len(self.orgs)
        version = Organisation(
            id=f"O{number}",
            name=f"{self.draw(_NAMES)}{level.label_zh}{number}",
            form=form,
            level=level.code,
            parent_id=None if parent is None else parent.id,
            period=Period(start=start),
        )
        org = _Org(id=version.id, position=position, versions=[version])
        self.orgs.append(org)
        self.place(org, parent)
        return org

    def histories(self) -> None:
        """Renames, re-forms and moves, then dissolve some orgs that have no children."""
        draw = self.draw
        parents = {v.parent_id for o in self.orgs for v in o.versions}
        dissolvable = [o for o in self.orgs if o.id not in parents]
        dissolved = (
            {
                o.id
                for o in draw(
                    st.lists(st.sampled_from(dissolvable), unique_by=lambda o: o.id, max_size=2)
                )
            }
            if dissolvable
            else set()
        )
        for org in self.orgs:
            for _ in range(draw(st.integers(0, 2))):
                self.revise(org, dissolved)
        for org in self.orgs:
            if org.id in dissolved:
                last = org.versions[-1]
                end = _after(last.period.start, draw(st.integers(1, 1500)))
                org.versions[-1] = attrs.evolve(
                    last, period=Period(start=last.period.start, end=end)
                )

    def revise(self, org: _Org, dissolved: set[str]) -> None:
        draw, schema = self.draw, self.schema
        last = org.versions[-1]
        day = _after(last.period.start, draw(st.integers(1, 900)))
        level = schema.levels[org.position]
        change = draw(st.sampled_from(["rename", "reform", "move"]))
        new = attrs.evolve(last, name=f"{last.name}·{len(org.versions)}", period=Period(start=day))
        if change == "reform":
            new = attrs.evolve(
                new, form=draw(st.sampled_from(sorted(level.forms, key=lambda f: f.value)))
            )
        elif change == "move" and last.parent_id is not None:
            targets = [
                o.id
                for o in self.orgs
                if o.id not in dissolved
                and o.id != org.id
                and o.start <= day
                and schema.may_parent(schema.levels[o.position].code, level.code)
            ]
            if targets:
                new = attrs.evolve(new, parent_id=draw(st.sampled_from(targets)))
        org.versions[-1] = attrs.evolve(last, period=Period(start=last.period.start, end=day))
        org.versions.append(new)

    def cover(self) -> None:
        draw = self.draw
        for org in self.orgs:
            for territory in org.territories:
                if draw(st.integers(0, 4)) == 0:
                    continue
                period = draw(_span(org.start, org.end))
                self.coverage.append(
                    Coverage(org_id=org.id, territory_id=territory.id, period=period)
                )

    # -- people ---------------------------------------------------------------------------

    def persons(self, max_people: int) -> None:
        households = [t.id for t in self.territories if t.kind is TerritoryKind.HOUSEHOLD]
        for number in range(self.draw(st.integers(0, max_people))):
            self.people.append(
                self.draw(persons(on=self.start, id=f"P{number}", household_ids=households))
            )

    def holders(self, kind: MembershipKind) -> list[_Org]:
        return [o for o in self.orgs if all(kind.allowed_in(v.form) for v in o.versions)]

    def join(self) -> None:
        draw = self.draw
        formal_orgs = self.holders(MembershipKind.FORMAL)
        style_orgs = self.holders(MembershipKind.COMPOUND_STYLE)
        for person in self.people:
            if person.admitted_on is None:
                continue
            used: set[str] = set()
            free_from = person.admitted_on
            for _ in range(draw(st.integers(0, 2))):
                choices = [o for o in formal_orgs if _room(max(o.start, free_from), o.end)]
                if not choices:
                    break
                org = draw(st.sampled_from(choices))
                period = draw(_span(max(org.start, free_from), org.end))
                self.member(person, org, period, MembershipKind.FORMAL)
                used.add(org.id)
                if period.end is None:
                    break
                free_from = period.end
            choices = [
                o
                for o in style_orgs
                if o.id not in used and _room(max(o.start, person.admitted_on), o.end)
            ]
            if len(choices) > 0 and draw(st.booleans()):
                org = draw(st.sampled_from(choices))
                period = draw(_span(max(org.start, person.admitted_on), org.end))
                self.member(person, org, period, MembershipKind.COMPOUND_STYLE)

    def member(self, person: Person, org: _Org, period: Period, kind: MembershipKind) -> None:
        reason = None if period.end is None else self.draw(st.sampled_from([None, "transfer"]))
        self.memberships.append(
            Membership(
                id=f"M{len(self.memberships)}",
                person_id=person.id,
                org_id=org.id,
                period=period,
                kind=kind,
                end_reason=reason,
            )
        )

    def report(self) -> None:
        draw = self.draw
        communities = [
            t
            for t in self.territories
            if t.kind in (TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE)
        ]
        if not communities:
            return
        by_id = {t.id: t for t in self.territories}
        for person in self.people:
            if person.admitted_on is None or not draw(st.booleans()):
                continue
            community = draw(st.sampled_from(communities))
            grids = [
                t
                for t in self.territories
                if t.kind is TerritoryKind.GRID and community.id in _lineage(t, by_id)
            ]
            grid = draw(st.sampled_from(grids) | st.none()) if grids else None
            period = draw(_span(max(self.land, person.admitted_on), None))
            self.reports.append(
                Report(
                    id=f"R{len(self.reports)}",
                    person_id=person.id,
                    community_id=community.id,
                    grid_id=None if grid is None else grid.id,
                    period=period,
                    channels=draw(report_channels()),
                )
            )

    def elect(self) -> None:
        draw = self.draw
        for org in self.orgs:
            elected = [v for v in org.versions if v.form.is_elected]
            if not elected:
                continue
            version = draw(st.sampled_from(elected))
            start = _after(version.period.start, draw(st.integers(0, 200)))
            if not _room(start, version.period.end):
                continue
            for _ in range(draw(st.integers(1, 2))):
                period = draw(_starting(start, org.end, max_days=2500))
                self.terms.append(
                    ElectionTerm(
                        id=f"E{len(self.terms)}",
                        org_id=org.id,
                        period=period,
                        seats=draw(st.integers(1, 9)),
                    )
                )
                if period.end is None:
                    break
                start = period.end
                if org.versions and not any(
                    v.form.is_elected and v.period.contains(start) for v in org.versions
                ):
                    break

    def records(self) -> TreeRecords:
        return TreeRecords(
            territories=tuple(self.territories),
            people=tuple(self.people),
            orgs=tuple(v for o in self.orgs for v in o.versions),
            coverage=tuple(self.coverage),
            memberships=tuple(self.memberships),
            reports=tuple(self.reports),
            terms=tuple(self.terms),
        )


def _lineage(territory: Territory, by_id: dict[str, Territory]) -> list[str]:
    result = []
    parent_id = territory.parent_id
    while parent_id is not None:
        result.append(parent_id)
        parent_id = by_id[parent_id].parent_id
    return result


@st.composite
def tree_records(
    draw: st.DrawFn, schema: LevelSchema, *, max_orgs: int = 10, max_people: int = 8
) -> TreeRecords:
    """A valid dataset for ``schema`` that :meth:`OrgTree.from_records` accepts.

    Orgs sit at their levels under allowed parents, with renames, re-forms, moves and
    dissolutions; they cover territory of the kinds their level allows; members hold one
    formal relation at a time (and compound-style participation); party members report to
    communities and grids; elected orgs have consecutive terms.

    Args:
        draw: Supplied by hypothesis.
        schema: The level schema the tree follows.
        max_orgs: Most organisations.
        max_people: Most people.
    """
    draft = _TreeDraft(draw, schema, max_orgs)
    draft.skeleton()
    draft.histories()
    draft.cover()
    draft.persons(max_people)
    draft.join()
    draft.report()
    draft.elect()
    return draft.records()


@st.composite
def schemas_and_tree_records(
    draw: st.DrawFn, *, max_orgs: int = 10, max_people: int = 8
) -> tuple[LevelSchema, TreeRecords]:
    """A schema (preset or custom) and a valid dataset for it."""
    schema = draw(schemas())
    return schema, draw(tree_records(schema, max_orgs=max_orgs, max_people=max_people))


@st.composite
def org_trees(draw: st.DrawFn, schema: LevelSchema | None = None) -> OrgTree:
    """A fresh :class:`OrgTree` loaded from :func:`tree_records`."""
    if schema is None:
        schema = draw(schemas())
    return OrgTree.from_records(schema, draw(tree_records(schema)))
