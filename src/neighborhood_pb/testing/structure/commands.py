"""Strategies for commands an organisation tree must reject (无效操作)."""

from __future__ import annotations

from collections.abc import Callable, Collection

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import Level, LevelSchema
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
)
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree, TreeRecords
from neighborhood_pb.testing.structure.data import (
    _after,
    dates,
    membership_kinds,
    org_forms,
    periods,
    persons,
    territories,
)
from neighborhood_pb.testing.structure.trees import _lineage, _room

__all__ = ["INVALID_COMMAND_NAMES", "InvalidCommand", "invalid_commands"]

# == invalid commands =====================================================================


@attrs.frozen(kw_only=True)
class InvalidCommand:
    """A command an :class:`OrgTree` must reject, and what the rejection must say.

    Attributes:
        name: What is wrong, e.g. ``found.dangling_parent``.
        error: The error type the tree must raise.
        rule: The rule the error must name.
        subject: The identifier the error must name.
        command: Readable form of the command, for failure reports.
        apply: Runs the command on a tree (and must raise ``error``).
    """

    name: str
    error: type[NeighborhoodPBError]
    rule: str
    subject: str
    command: str
    apply: Callable[[OrgTree], object] = attrs.field(repr=False, eq=False)

    def __call__(self, tree: OrgTree) -> object:
        """Run the command on ``tree``."""
        return self.apply(tree)


class _Facts:
    """Indices over a dataset, for choosing what to break."""

    def __init__(self, schema: LevelSchema, records: TreeRecords) -> None:
        self.schema, self.records = schema, records
        self.positions = {level.code: n for n, level in enumerate(schema.levels)}
        self.histories: dict[str, list[Organisation]] = {}
        for version in sorted(records.orgs, key=lambda v: v.period.start):
            self.histories.setdefault(version.id, []).append(version)
        self.territories = {t.id: t for t in records.territories}
        self.people = {p.id: p for p in records.people}
        self.members = [p for p in records.people if p.admitted_on is not None]

    def fresh(self, prefix: str) -> str:
        taken = (
            set(self.histories)
            | set(self.territories)
            | set(self.people)
            | {m.id for m in self.records.memberships}
            | {r.id for r in self.records.reports}
            | {t.id for t in self.records.terms}
        )
        number = 0
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def life(self, org_id: str) -> Period:
        history = self.histories[org_id]
        return Period(start=history[0].period.start, end=history[-1].period.end)

    def level(self, org_id: str) -> Level:
        return self.schema.level(self.histories[org_id][0].level)

    def open_orgs(self) -> list[Organisation]:
        return [h[-1] for h in self.histories.values() if h[-1].period.end is None]

    def allowed_form(self, draw: st.DrawFn, level: Level) -> OrgForm:
        return draw(st.sampled_from(sorted(level.forms, key=lambda f: f.value)))

    def lineage(self, territory_id: str) -> list[str]:
        return _lineage(self.territories[territory_id], self.territories)


_GHOST = "ghost-404"
_Builder = Callable[[st.DrawFn, _Facts], "InvalidCommand | None"]


def _command(
    name: str,
    error: type[NeighborhoodPBError],
    rule: str,
    subject: str,
    method: str,
    *args: object,
) -> InvalidCommand:
    def apply(tree: OrgTree) -> object:
        return getattr(tree, method)(*args)

    shown = ", ".join(repr(a) for a in args)
    return InvalidCommand(
        name=name,
        error=error,
        rule=rule,
        subject=subject,
        command=f"{method}({shown})",
        apply=apply,
    )


def _new_org(facts: _Facts, **fields: object) -> Organisation:
    base: dict[str, object] = {"id": facts.fresh("new-org-"), "name": "新组织"}
    base.update(fields)
    return Organisation(**base)  # type: ignore[arg-type]


def _found_unknown_level(draw: st.DrawFn, facts: _Facts) -> InvalidCommand:
    org = _new_org(facts, form=draw(org_forms()), level="no_such_level", period=draw(periods()))
    return _command("found.unknown_level", InvalidRecordError, "schema.level", org.id, "found", org)


def _found_form_not_allowed(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    levels = [lv for lv in facts.schema.levels if set(OrgForm) - lv.forms]
    level = draw(st.sampled_from(levels))
    form = draw(st.sampled_from(sorted(set(OrgForm) - level.forms, key=lambda f: f.value)))
    parent = draw(st.none() | st.sampled_from([_GHOST, *facts.histories]))
    org = _new_org(facts, form=form, level=level.code, period=draw(periods()), parent_id=parent)
    return _command(
        "found.form_not_allowed", RuleViolationError, "schema.form_allowed", org.id, "found", org
    )


def _found_root_below_top(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if facts.schema.depth < 2:
        return None
    level = draw(st.sampled_from(facts.schema.levels[1:]))
    org = _new_org(
        facts, form=facts.allowed_form(draw, level), level=level.code, period=draw(periods())
    )
    return _command(
        "found.root_below_top", RuleViolationError, "tree.single_root_level", org.id, "found", org
    )


def _found_dangling_parent(draw: st.DrawFn, facts: _Facts) -> InvalidCommand:
    level = draw(st.sampled_from(facts.schema.levels))
    org = _new_org(
        facts,
        form=facts.allowed_form(draw, level),
        level=level.code,
        period=draw(periods()),
        parent_id=_GHOST,
    )
    return _command(
        "found.dangling_parent", UnknownRecordError, "reference.exists", _GHOST, "found", org
    )


def _found_level_order(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.histories:
        return None
    parent_id = draw(st.sampled_from(sorted(facts.histories)))
    parent_level = facts.level(parent_id)
    levels = [
        lv for lv in facts.schema.levels if not facts.schema.may_parent(parent_level.code, lv.code)
    ]
    level = draw(st.sampled_from(levels))  # the parent's own level is always among them
    org = _new_org(
        facts,
        form=facts.allowed_form(draw, level),
        level=level.code,
        period=draw(periods()),
        parent_id=parent_id,
    )
    return _command(
        "found.level_order", RuleViolationError, "schema.level_order", org.id, "found", org
    )


def _found_duplicate_id(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.histories:
        return None
    existing = facts.histories[draw(st.sampled_from(sorted(facts.histories)))][0]
    org = attrs.evolve(existing, name="重复")
    return _command("found.duplicate_id", ConflictError, "id.unique", org.id, "found", org)


def _found_before_parent(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    schema = facts.schema
    pairs = [
        (org_id, lv)
        for org_id in sorted(facts.histories)
        for lv in schema.levels
        if schema.may_parent(facts.level(org_id).code, lv.code)
    ]
    if not pairs:
        return None
    parent_id, level = draw(st.sampled_from(pairs))
    start = facts.life(parent_id).start.subtract(days=draw(st.integers(1, 400)))
    org = _new_org(
        facts,
        form=facts.allowed_form(draw, level),
        level=level.code,
        period=Period(start=start),
        parent_id=parent_id,
    )
    return _command(
        "found.before_parent", RuleViolationError, "tree.parent_lifetime", org.id, "found", org
    )


def _membership_overlapping_formal(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    formal = [m for m in facts.records.memberships if m.kind is MembershipKind.FORMAL]
    if not formal:
        return None
    existing = draw(st.sampled_from(formal))
    new = attrs.evolve(existing, id=facts.fresh("new-m-"), end_reason=None)
    return _command(
        "membership.overlapping_formal",
        ConflictError,
        "membership.one_formal",
        new.id,
        "add_membership",
        new,
    )


def _membership_non_member(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.people or not facts.histories:
        return None
    person = draw(st.sampled_from(sorted(facts.people.values(), key=lambda p: p.id)))
    org_id = draw(st.sampled_from(sorted(facts.histories)))
    if person.admitted_on is None:
        start = draw(dates())
    else:
        start = person.admitted_on.subtract(days=draw(st.integers(1, 3000)))
    new = Membership(
        id=facts.fresh("new-m-"),
        person_id=person.id,
        org_id=org_id,
        period=Period(start=start),
        kind=draw(membership_kinds()),
    )
    return _command(
        "membership.non_member",
        RuleViolationError,
        "membership.party_member",
        new.id,
        "add_membership",
        new,
    )


def _membership_dangling(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.people or draw(st.booleans()):
        org_id = draw(st.sampled_from([_GHOST, *facts.histories]))
        person_id = _GHOST
    else:
        person_id = draw(st.sampled_from(sorted(facts.people)))
        org_id = _GHOST
    new = Membership(
        id=facts.fresh("new-m-"), person_id=person_id, org_id=org_id, period=draw(periods())
    )
    return _command(
        "membership.dangling",
        UnknownRecordError,
        "reference.exists",
        _GHOST,
        "add_membership",
        new,
    )


def _membership_form(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    options = []
    for person in facts.members:
        assert person.admitted_on is not None
        for history in facts.histories.values():
            for version in history:
                start = max(version.period.start, person.admitted_on)
                if not _room(start, version.period.end):
                    continue
                for kind in MembershipKind:
                    if not kind.allowed_in(version.form):
                        options.append((person.id, version.id, start, kind))
    if not options:
        return None
    person_id, org_id, start, kind = draw(st.sampled_from(options))
    new = Membership(
        id=facts.fresh("new-m-"),
        person_id=person_id,
        org_id=org_id,
        period=Period(start=start, end=_after(start, 1)),
        kind=kind,
    )
    return _command(
        "membership.form", RuleViolationError, "membership.form", new.id, "add_membership", new
    )


_COMMUNITIES = (TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE)


def _report(facts: _Facts, person: Person, community_id: str, grid_id: str | None) -> Report:
    assert person.admitted_on is not None
    return Report(
        id=facts.fresh("new-r-"),
        person_id=person.id,
        community_id=community_id,
        grid_id=grid_id,
        period=Period(start=person.admitted_on),
    )


def _report_bad_grid(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    communities = [t for t in facts.territories.values() if t.kind in _COMMUNITIES]
    if not facts.members or not communities:
        return None
    community = draw(st.sampled_from(communities))
    not_grids = [
        t.id
        for t in facts.territories.values()
        if t.kind is not TerritoryKind.GRID or community.id not in facts.lineage(t.id)
    ]
    report = _report(
        facts, draw(st.sampled_from(facts.members)), community.id, draw(st.sampled_from(not_grids))
    )
    return _command(
        "report.bad_grid", RuleViolationError, "report.grid", report.id, "add_report", report
    )


def _report_not_community(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    others = [t.id for t in facts.territories.values() if t.kind not in _COMMUNITIES]
    if not facts.members or not others:
        return None
    report = _report(
        facts, draw(st.sampled_from(facts.members)), draw(st.sampled_from(others)), None
    )
    return _command(
        "report.not_community",
        RuleViolationError,
        "report.community",
        report.id,
        "add_report",
        report,
    )


def _territory_duplicate_grid_code(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    grids = [t for t in facts.territories.values() if t.kind is TerritoryKind.GRID]
    if not grids:
        return None
    grid = draw(st.sampled_from(grids))
    new = attrs.evolve(grid, id=facts.fresh("new-t-"))
    return _command(
        "territory.duplicate_grid_code",
        ConflictError,
        "grid.code_unique",
        new.id,
        "add_territory",
        new,
    )


def _territory_nesting(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.territories:
        return None
    parent = draw(st.sampled_from(sorted(facts.territories.values(), key=lambda t: t.id)))
    kind = draw(st.sampled_from([k for k in TerritoryKind if k.rank <= parent.kind.rank]))
    new = draw(territories(kind=kind, parent=parent, id=facts.fresh("new-t-"), code="G-new"))
    return _command(
        "territory.nesting", RuleViolationError, "territory.nesting", new.id, "add_territory", new
    )


def _territory_duplicate_id(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.territories:
        return None
    existing = draw(st.sampled_from(sorted(facts.territories)))
    new = draw(territories(id=existing, code="G-new"))
    return _command(
        "territory.duplicate_id", ConflictError, "id.unique", existing, "add_territory", new
    )


def _coverage_wrong_kind(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    pairs = [
        (org_id, t.id)
        for org_id in sorted(facts.histories)
        for t in facts.territories.values()
        if t.kind not in facts.level(org_id).territory_kinds
    ]
    if not pairs:
        return None
    org_id, territory_id = draw(st.sampled_from(pairs))
    coverage = Coverage(org_id=org_id, territory_id=territory_id, period=facts.life(org_id))
    return _command(
        "coverage.wrong_kind",
        RuleViolationError,
        "coverage.territory_kind",
        coverage.key,
        "cover",
        coverage,
    )


def _coverage_outside_life(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    pairs = [
        (org_id, t.id)
        for org_id in sorted(facts.histories)
        for t in facts.territories.values()
        if t.kind in facts.level(org_id).territory_kinds
    ]
    if not pairs:
        return None
    org_id, territory_id = draw(st.sampled_from(pairs))
    start = facts.life(org_id).start.subtract(days=draw(st.integers(1, 300)))
    coverage = Coverage(org_id=org_id, territory_id=territory_id, period=Period(start=start))
    return _command(
        "coverage.outside_life",
        RuleViolationError,
        "coverage.within_lifetime",
        coverage.key,
        "cover",
        coverage,
    )


def _coverage_twice(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.records.coverage:
        return None
    coverage = draw(st.sampled_from(facts.records.coverage))
    return _command(
        "coverage.twice", ConflictError, "coverage.unique", coverage.key, "cover", coverage
    )


def _coverage_second_root(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    roots = [org_id for org_id, h in facts.histories.items() if facts.positions[h[0].level] == 0]
    options = []
    for coverage in facts.records.coverage:
        if coverage.org_id not in roots:
            continue
        for other in roots:
            life = facts.life(other)
            start = max(life.start, coverage.period.start)
            ends = [e for e in (life.end, coverage.period.end) if e is not None]
            end = min(ends) if ends else None
            if other != coverage.org_id and _room(start, end):
                options.append(
                    Coverage(
                        org_id=other,
                        territory_id=coverage.territory_id,
                        period=Period(start=start, end=end),
                    )
                )
    if not options:
        return None
    coverage = draw(st.sampled_from(options))
    return _command(
        "coverage.second_root",
        RuleViolationError,
        "tree.one_root_per_jurisdiction",
        coverage.key,
        "cover",
        coverage,
    )


def _term(facts: _Facts, org_id: str, period: Period) -> ElectionTerm:
    return ElectionTerm(id=facts.fresh("new-e-"), org_id=org_id, period=period, seats=3)


def _term_not_elected(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    versions = [v for h in facts.histories.values() for v in h if not v.form.is_elected]
    if not versions:
        return None
    version = draw(st.sampled_from(versions))
    start = version.period.start
    term = _term(facts, version.id, Period(start=start, end=_after(start, 1)))
    return _command(
        "term.not_elected", RuleViolationError, "term.elected_forms", term.id, "add_term", term
    )


def _term_outside_life(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.histories:
        return None
    org_id = draw(st.sampled_from(sorted(facts.histories)))
    start = facts.life(org_id).start.subtract(days=draw(st.integers(1, 300)))
    term = _term(facts, org_id, Period(start=start))
    return _command(
        "term.outside_life",
        RuleViolationError,
        "term.within_lifetime",
        term.id,
        "add_term",
        term,
    )


def _rename_rewrites_history(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    open_orgs = facts.open_orgs()
    if not open_orgs:
        return None
    last = draw(st.sampled_from(open_orgs))
    day = last.period.start.subtract(days=draw(st.integers(0, 300)))
    return _command(
        "rename.rewrites_history",
        RuleViolationError,
        "history.append_only",
        last.id,
        "rename",
        last.id,
        "新名",
        day,
    )


def _change_dissolved(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    closed = [h[-1] for h in facts.histories.values() if h[-1].period.end is not None]
    if not closed:
        return None
    last = draw(st.sampled_from(closed))
    day = _after(last.period.closed_end(), draw(st.integers(0, 300)))
    method = draw(st.sampled_from(["rename", "dissolve"]))
    args: tuple[object, ...] = (last.id, "新名", day) if method == "rename" else (last.id, day)
    return _command(
        "change.dissolved", RuleViolationError, "history.end_dated", last.id, method, *args
    )


def _dissolve_with_children(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    options = []
    for last in facts.open_orgs():
        day = _after(last.period.start, 1)
        for history in facts.histories.values():
            if any(
                v.parent_id == last.id and (v.period.end is None or v.period.end > day)
                for v in history
            ):
                options.append((last.id, day))
                break
    if not options:
        return None
    org_id, day = draw(st.sampled_from(options))
    return _command(
        "dissolve.with_children",
        RuleViolationError,
        "tree.no_orphans",
        org_id,
        "dissolve",
        org_id,
        day,
    )


def _move_under_itself(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    movable = [v for v in facts.open_orgs() if v.parent_id is not None]
    if not movable:
        return None
    last = draw(st.sampled_from(movable))
    day = _after(last.period.start, draw(st.integers(1, 300)))
    return _command(
        "move.under_itself",
        InvalidRecordError,
        "tree.acyclic",
        last.id,
        "move",
        last.id,
        last.id,
        day,
    )


def _move_level_order(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    schema = facts.schema
    options = [
        (last, target)
        for last in facts.open_orgs()
        for target in sorted(facts.histories)
        if target != last.id and not schema.may_parent(facts.level(target).code, last.level)
    ]
    if not options:
        return None
    last, target = draw(st.sampled_from(options))
    day = _after(last.period.start, draw(st.integers(1, 300)))
    return _command(
        "move.level_order",
        RuleViolationError,
        "schema.level_order",
        last.id,
        "move",
        last.id,
        target,
        day,
    )


def _reform_not_allowed(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    open_orgs = facts.open_orgs()
    if not open_orgs:
        return None
    last = draw(st.sampled_from(open_orgs))
    level = facts.schema.level(last.level)
    form = draw(st.sampled_from(sorted(set(OrgForm) - level.forms, key=lambda f: f.value)))
    day = _after(last.period.start, draw(st.integers(1, 300)))
    return _command(
        "reform.not_allowed",
        RuleViolationError,
        "schema.form_allowed",
        last.id,
        "reform",
        last.id,
        form,
        day,
    )


def _reform_strands_members(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    options = []
    for last in facts.open_orgs():
        day = _after(last.period.start, 1)
        kinds = {
            m.kind
            for m in facts.records.memberships
            if m.org_id == last.id and (m.period.end is None or m.period.end > day)
        }
        for form in sorted(facts.schema.level(last.level).forms, key=lambda f: f.value):
            if any(not kind.allowed_in(form) for kind in kinds):
                options.append((last.id, form, day))
    if not options:
        return None
    org_id, form, day = draw(st.sampled_from(options))
    return _command(
        "reform.strands_members",
        RuleViolationError,
        "membership.form",
        org_id,
        "reform",
        org_id,
        form,
        day,
    )


def _end_membership_again(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.records.memberships:
        return None
    membership = draw(st.sampled_from(facts.records.memberships))
    if membership.period.end is None:
        day = membership.period.start.subtract(days=draw(st.integers(0, 30)))
    else:
        day = _after(membership.period.end, draw(st.integers(-1, 30)))
    return _command(
        "end_membership.not_open",
        RuleViolationError,
        "history.end_dated",
        membership.id,
        "end_membership",
        membership.id,
        day,
    )


def _transfer_dangling(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    open_memberships = [m for m in facts.records.memberships if m.period.end is None]
    if not open_memberships:
        return None
    membership = draw(st.sampled_from(open_memberships))
    day = _after(membership.period.start, draw(st.integers(1, 300)))
    return _command(
        "transfer.dangling_org",
        UnknownRecordError,
        "reference.exists",
        _GHOST,
        "transfer",
        membership.id,
        facts.fresh("new-m-"),
        _GHOST,
        day,
    )


def _end_report_early(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.records.reports:
        return None
    report = draw(st.sampled_from(facts.records.reports))
    day = report.period.start.subtract(days=draw(st.integers(0, 30)))
    return _command(
        "end_report.early",
        RuleViolationError,
        "history.end_dated",
        report.id,
        "end_report",
        report.id,
        day,
    )


def _uncover_missing(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.histories or not facts.territories:
        return None
    org_id = draw(st.sampled_from(sorted(facts.histories)))
    covered = {
        c.territory_id
        for c in facts.records.coverage
        if c.org_id == org_id and c.period.end is None
    }
    free = sorted(set(facts.territories) - covered)
    if not free:
        return None
    territory_id = draw(st.sampled_from(free))
    return _command(
        "uncover.missing",
        UnknownRecordError,
        "reference.exists",
        f"{org_id}→{territory_id}",
        "uncover",
        org_id,
        territory_id,
        draw(dates()),
    )


def _end_territory_still_covered(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.records.coverage:
        return None
    coverage = draw(st.sampled_from(facts.records.coverage))
    return _command(
        "end_territory.still_covered",
        RuleViolationError,
        "coverage.within_lifetime",
        coverage.territory_id,
        "end_territory",
        coverage.territory_id,
        coverage.period.start,
    )


def _person_duplicate(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    if not facts.people:
        return None
    existing = draw(st.sampled_from(sorted(facts.people)))
    person = draw(persons(id=existing))
    return _command(
        "person.duplicate_id", ConflictError, "id.unique", existing, "add_person", person
    )


def _person_bad_household(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    homes = [t.id for t in facts.territories.values() if t.kind is not TerritoryKind.HOUSEHOLD]
    if not homes:
        return None
    person = draw(persons(id=facts.fresh("new-p-"), household_ids=homes))
    person = attrs.evolve(person, household_id=draw(st.sampled_from(homes)))
    return _command(
        "person.bad_household",
        RuleViolationError,
        "person.household",
        person.id,
        "add_person",
        person,
    )


def _person_loses_standing(draw: st.DrawFn, facts: _Facts) -> InvalidCommand | None:
    holders = sorted({m.person_id for m in facts.records.memberships})
    if not holders:
        return None
    person = attrs.evolve(
        facts.people[draw(st.sampled_from(holders))], admitted_on=None, full_member_on=None
    )
    return _command(
        "person.loses_standing",
        RuleViolationError,
        "membership.party_member",
        person.id,
        "update_person",
        person,
    )


_BUILDERS: dict[str, _Builder] = {
    "found.unknown_level": _found_unknown_level,
    "found.form_not_allowed": _found_form_not_allowed,
    "found.root_below_top": _found_root_below_top,
    "found.dangling_parent": _found_dangling_parent,
    "found.level_order": _found_level_order,
    "found.duplicate_id": _found_duplicate_id,
    "found.before_parent": _found_before_parent,
    "membership.overlapping_formal": _membership_overlapping_formal,
    "membership.non_member": _membership_non_member,
    "membership.dangling": _membership_dangling,
    "membership.form": _membership_form,
    "report.bad_grid": _report_bad_grid,
    "report.not_community": _report_not_community,
    "territory.duplicate_grid_code": _territory_duplicate_grid_code,
    "territory.nesting": _territory_nesting,
    "territory.duplicate_id": _territory_duplicate_id,
    "coverage.wrong_kind": _coverage_wrong_kind,
    "coverage.outside_life": _coverage_outside_life,
    "coverage.twice": _coverage_twice,
    "coverage.second_root": _coverage_second_root,
    "term.not_elected": _term_not_elected,
    "term.outside_life": _term_outside_life,
    "rename.rewrites_history": _rename_rewrites_history,
    "change.dissolved": _change_dissolved,
    "dissolve.with_children": _dissolve_with_children,
    "move.under_itself": _move_under_itself,
    "move.level_order": _move_level_order,
    "reform.not_allowed": _reform_not_allowed,
    "reform.strands_members": _reform_strands_members,
    "end_membership.not_open": _end_membership_again,
    "transfer.dangling_org": _transfer_dangling,
    "end_report.early": _end_report_early,
    "uncover.missing": _uncover_missing,
    "end_territory.still_covered": _end_territory_still_covered,
    "person.duplicate_id": _person_duplicate,
    "person.bad_household": _person_bad_household,
    "person.loses_standing": _person_loses_standing,
}


INVALID_COMMAND_NAMES: tuple[str, ...] = tuple(_BUILDERS)
"""Names of the kinds of invalid command :func:`invalid_commands` draws."""


@st.composite
def invalid_commands(
    draw: st.DrawFn,
    schema: LevelSchema,
    records: TreeRecords,
    *,
    names: Collection[str] = INVALID_COMMAND_NAMES,
) -> InvalidCommand:
    """A command that a tree loaded from ``records`` must reject.

    Kinds include a wrong or unknown level, a disallowed form, a dangling reference, a root
    below the top level, a child predating its parent, overlapping formal memberships, a
    non-member's membership, a bad grid or community in a report, a duplicate grid code,
    wrong territory nesting, coverage of the wrong kind or by a second root, terms for
    appointed bodies, rewritten history, orphaning dissolutions and moves against the schema.
    The tree must raise :attr:`InvalidCommand.error` naming :attr:`InvalidCommand.rule` and
    :attr:`InvalidCommand.subject`, and stay exactly as it was.

    Args:
        draw: Supplied by hypothesis.
        schema: The tree's schema.
        records: What the tree was loaded from (:meth:`OrgTree.records`).
        names: Only these kinds (see :data:`INVALID_COMMAND_NAMES`); a draw is rejected
            when none of them applies to ``records``.

    Raises:
        ValueError: ``names`` holds an unknown kind.
    """
    unknown = set(names) - set(_BUILDERS)
    if unknown:
        raise ValueError(f"unknown invalid-command names: {sorted(unknown)}")
    facts = _Facts(schema, records)
    for name in draw(st.permutations(sorted(names))):
        command = _BUILDERS[name](draw, facts)
        if command is not None:
            return command
    return reject()
