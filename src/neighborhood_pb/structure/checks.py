"""Whole-tree checks of the party's organisation rules, returning findings (检查).

Each check is a function of a :class:`CheckContext` that yields
:class:`~neighborhood_pb.errors.Finding` records. :data:`STRUCTURE_CHECKS` lists the
built-in ones; an application may pass its own list to :func:`run_checks`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import Finding, ParamValue, Severity
from neighborhood_pb.structure.bulk import collector_paused
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.joins import VILLAGE_COMMUNITY_SOURCE, JointBook
from neighborhood_pb.structure.records import ElectionTerm, Organisation
from neighborhood_pb.structure.rules import DEFAULT_RULES, RULE_SOURCES, OrgRules
from neighborhood_pb.structure.tree import OrgTree

__all__ = [
    "STRUCTURE_CHECKS",
    "Check",
    "CheckContext",
    "check_branch_sizes",
    "check_committee_sizes",
    "check_general_branches",
    "check_joint_branches",
    "check_temporary_branches",
    "check_terms",
    "check_village_community_unions",
    "run_checks",
]


def _on_day(value: Any) -> pendulum.Date:
    return as_date(value, "on")


@attrs.frozen(kw_only=True)
class CheckContext:
    """What a check looks at.

    Attributes:
        tree: The organisation tree.
        on: The day the checks are made for.
        rules: The thresholds in force.
        joins: The units joint organisations join and the 村居合一 unions.
    """

    tree: OrgTree
    on: pendulum.Date = attrs.field(converter=_on_day)
    rules: OrgRules = DEFAULT_RULES
    joins: JointBook = attrs.field(factory=JointBook)

    def orgs(self, *forms: OrgForm) -> Iterator[Organisation]:
        """Organisations in effect on the day, of the given forms (every form if none)."""
        for org in self.tree.orgs(self.on):
            if not forms or org.form in forms:
                yield org


Check = Callable[[CheckContext], Iterable[Finding]]
"""A whole-model check: reads the context, yields findings."""


def _finding(
    code: str,
    severity: Severity,
    org: Organisation,
    message: str,
    rule: str,
    **params: ParamValue,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        subject=org.id,
        subject_name=org.name,
        message=f"{org.name} ({org.id}): {message}",
        rule=RULE_SOURCES[rule],
        params=params,
    )


def _counted_kind(org: Organisation) -> MembershipKind | None:
    """Which memberships make up a branch: a compound-style (兼合式) branch has only
    participants whose formal relation is elsewhere, so every kind counts there."""
    return None if org.form is OrgForm.COMPOUND_STYLE_BRANCH else MembershipKind.FORMAL


def check_branch_sizes(ctx: CheckContext) -> Iterator[Finding]:
    """Branches below the full-member minimum or above the usual maximum."""
    rules, tree = ctx.rules, ctx.tree
    for org in ctx.orgs(OrgForm.BRANCH, OrgForm.COMPOUND_STYLE_BRANCH):
        # Both counts from one gathering of the subtree's memberships.
        members, full = tree.member_counts(org.id, ctx.on, kind=_counted_kind(org))
        if org.form is OrgForm.BRANCH and full < rules.branch_min_full_members:
            yield _finding(
                "branch.below_minimum",
                Severity.WARNING,
                org,
                f"{full} full members, fewer than the {rules.branch_min_full_members} a branch "
                "needs; join neighbouring units in a joint branch (联合党支部)",
                "branch_min_full_members",
                full=full,
                minimum=rules.branch_min_full_members,
            )
        minimum = rules.compound_style_min_full_members
        if org.form is OrgForm.COMPOUND_STYLE_BRANCH and full < minimum:
            yield _finding(
                "compound_style_branch.below_minimum",
                Severity.WARNING,
                org,
                f"{full} full participants, fewer than the {minimum} set for a compound-style "
                "branch",
                "compound_style_min_full_members",
                full=full,
                minimum=minimum,
            )
        if members > rules.branch_max_members:
            has_groups = any(c.form is OrgForm.PARTY_GROUP for c in tree.children(org.id, ctx.on))
            advice = (
                "upgrade it to a general branch (党总支)"
                if has_groups
                else "divide it into party groups (党小组) or upgrade it to a general branch"
            )
            yield _finding(
                "branch.too_large",
                Severity.WARNING,
                org,
                f"{members} members, more than the usual {rules.branch_max_members}; {advice}",
                "branch_max_members",
                members=members,
                maximum=rules.branch_max_members,
            )


_SIZE_THRESHOLDS: tuple[tuple[OrgForm, str, str, bool, str], ...] = (
    (
        OrgForm.GENERAL_BRANCH,
        "general_branch.may_upgrade",
        "grassroots_committee_min_members",
        True,
        "{members} members: {minimum} or more may set up a grassroots committee (党委)",
    ),
    (
        OrgForm.GENERAL_BRANCH,
        "general_branch.below_threshold",
        "general_branch_min_members",
        False,
        "{members} members, fewer than the {minimum} for which a general branch is usually set up",
    ),
    (
        OrgForm.COMMITTEE,
        "committee.below_threshold",
        "grassroots_committee_min_members",
        False,
        "{members} members, fewer than the {minimum} for which a grassroots committee is "
        "usually set up",
    ),
)
"""The size findings of general branches and committees, first match per organisation: its
form, the finding, the rule field giving the threshold, whether the finding is for reaching
it (else for falling short), and the English message."""


def check_general_branches(ctx: CheckContext) -> Iterator[Finding]:
    """General branches and committees whose size calls for another form."""
    rules, tree = ctx.rules, ctx.tree
    for org in ctx.orgs(OrgForm.GENERAL_BRANCH, OrgForm.COMMITTEE):
        members = len(tree.memberships(org.id, ctx.on, subtree=True))
        for form, code, field, reaching, message in _SIZE_THRESHOLDS:
            minimum: int = getattr(rules, field)
            if form is org.form and (members >= minimum) is reaching:
                yield _finding(
                    code,
                    Severity.INFO,
                    org,
                    message.format(members=members, minimum=minimum),
                    field,
                    members=members,
                    minimum=minimum,
                )
                break


def check_joint_branches(ctx: CheckContext) -> Iterator[Finding]:
    """Joint branches with too few full members across their units, too many members, or
    too many units.

    The units are those recorded in ``ctx.joins``; a joint branch without any recorded unit
    counts each territory it covers as one unit.
    """
    rules, tree, on = ctx.rules, ctx.tree, ctx.on
    limit = rules.joint_branch_max_units
    for org in ctx.orgs(OrgForm.JOINT_BRANCH):
        full = tree.full_member_count(org.id, on, kind=MembershipKind.FORMAL)
        if full < rules.branch_min_full_members:
            yield _finding(
                "joint_branch.below_minimum",
                Severity.WARNING,
                org,
                f"{full} full members across its units, fewer than the "
                f"{rules.branch_min_full_members} a branch needs",
                "branch_min_full_members",
                full=full,
                minimum=rules.branch_min_full_members,
            )
        members = len({m.person_id for m in tree.memberships(org.id, on, subtree=True)})
        if members > rules.branch_max_members:
            yield _finding(
                "joint_branch.too_large",
                Severity.WARNING,
                org,
                f"{members} members, more than the usual {rules.branch_max_members}",
                "branch_max_members",
                members=members,
                maximum=rules.branch_max_members,
            )
        if ctx.joins.joins_units(org.id):
            units = len(ctx.joins.units(org.id, on))
        else:
            units = len(tree.territories_covered(org.id, on))
        if units > limit:
            yield _finding(
                "joint_branch.too_many_units",
                Severity.WARNING,
                org,
                f"covers {units} units, more than the usual {limit} for a joint branch",
                "joint_branch_max_units",
                units=units,
                maximum=limit,
            )


def _temporary_span(
    ctx: CheckContext, org: Organisation
) -> tuple[pendulum.Date, pendulum.Date | None]:
    """Start and end (``None`` while open) of the run of temporary versions in effect."""
    history = ctx.tree.history(org.id)
    position = next(i for i, v in enumerate(history) if v.period.start == org.period.start)
    first = last = position
    while first > 0 and history[first - 1].form is OrgForm.TEMPORARY_BRANCH:
        first -= 1
    while last + 1 < len(history) and history[last + 1].form is OrgForm.TEMPORARY_BRANCH:
        last += 1
    return as_date(history[first].period.start), history[last].period.end


def check_temporary_branches(ctx: CheckContext) -> Iterator[Finding]:
    """Temporary branches whose project lasts the months from which a branch is formed.

    A project's length is the temporary branch's span: to its recorded end, or, while open,
    through the day of the check.
    """
    months = ctx.rules.project_branch_min_months
    for org in ctx.orgs(OrgForm.TEMPORARY_BRANCH):
        start, end = _temporary_span(ctx, org)
        threshold = start.add(months=months)
        until = ctx.on.add(days=1) if end is None else as_date(end)
        if until >= threshold:
            yield _finding(
                "temporary_branch.long_project",
                Severity.WARNING,
                org,
                f"a temporary branch since {start} lasting {months} months or more (from "
                f"{threshold}); a project of that length forms a formal branch",
                "project_branch_min_months",
                since=start,
                months=months,
                threshold=threshold,
            )


def check_village_community_unions(ctx: CheckContext) -> Iterator[Finding]:
    """村居合一 unions whose organisation does not cover both the village and the community."""
    tree, on = ctx.tree, ctx.on
    for union in ctx.joins.unions(on):
        org = tree.version_at(union.org_id, on)
        if org is None:
            continue
        covered = {t.id for t in tree.territories_covered(org.id, on)}
        missing = [t for t in (union.village_id, union.community_id) if t not in covered]
        if missing:
            yield Finding(
                code="village_community.not_covered",
                severity=Severity.WARNING,
                subject=org.id,
                subject_name=org.name,
                message=f"{org.name} ({org.id}): 村居合一 {union.id}: one team serves a village "
                f"and a community but does not cover {', '.join(missing)}",
                rule=VILLAGE_COMMUNITY_SOURCE,
                params={"union": union.id, "missing": ", ".join(missing)},
            )


def check_committee_sizes(ctx: CheckContext) -> Iterator[Finding]:
    """Branch leaderships whose size does not fit the number of full members."""
    rules, tree = ctx.rules, ctx.tree
    for org in ctx.orgs(OrgForm.BRANCH, OrgForm.JOINT_BRANCH, OrgForm.COMPOUND_STYLE_BRANCH):
        term = tree.term_at(org.id, ctx.on)
        if term is None:
            continue
        full = tree.full_member_count(org.id, ctx.on, kind=_counted_kind(org))
        seats = term.seats
        if full < rules.committee_min_full_members:
            if seats > rules.secretary_only_max_seats:
                yield _finding(
                    "committee.not_allowed",
                    Severity.WARNING,
                    org,
                    f"{full} full members elect a committee of {seats}; below "
                    f"{rules.committee_min_full_members} a branch elects a secretary (and a "
                    "deputy) only",
                    "secretary_only_seats",
                    full=full,
                    seats=seats,
                    minimum=rules.committee_min_full_members,
                )
        elif seats > rules.committee_max_seats:
            yield _finding(
                "committee.too_large",
                Severity.ERROR,
                org,
                f"a committee of {seats}, more than the {rules.committee_max_seats} allowed",
                "committee_size",
                seats=seats,
                maximum=rules.committee_max_seats,
            )
        elif seats > rules.committee_usual_max_seats:
            yield _finding(
                "committee.above_usual",
                Severity.WARNING,
                org,
                f"a committee of {seats}; generally {rules.committee_min_seats}–"
                f"{rules.committee_usual_max_seats}",
                "committee_size",
                seats=seats,
                minimum=rules.committee_min_seats,
                usual_maximum=rules.committee_usual_max_seats,
            )
        elif seats < rules.committee_min_seats:
            yield _finding(
                "committee.too_small",
                Severity.WARNING,
                org,
                f"{full} full members but a committee of {seats}; a committee has at least "
                f"{rules.committee_min_seats}",
                "committee_size",
                full=full,
                seats=seats,
                minimum=rules.committee_min_seats,
            )


def _add_years(day: _dt.date, years: int) -> pendulum.Date:
    return as_date(day).add(years=years)


def _advanced(
    ctx: CheckContext, org: Organisation, term: ElectionTerm, years: int
) -> Iterator[Finding]:
    """The current term if it was elected earlier than the permitted advance allows."""
    before = [t for t in ctx.tree.terms(org.id) if t.period.end == term.period.start]
    if not before:
        return
    due = _add_years(before[0].period.start, years)
    earliest = _add_years(due, -ctx.rules.term_tolerance_years)
    if term.period.start < earliest:
        yield _finding(
            "term.advanced",
            Severity.WARNING,
            org,
            f"term elected {term.period.start}, before {earliest}: the previous term fell due "
            f"{due} and an election may be advanced by {ctx.rules.term_tolerance_years} "
            "year(s) at most",
            "term_tolerance_years",
            elected=term.period.start,
            due=due,
            tolerance=ctx.rules.term_tolerance_years,
            earliest=earliest,
        )


def check_terms(ctx: CheckContext) -> Iterator[Finding]:
    """Elected organisations whose term is missing, falling due, expired or overdue."""
    rules, tree, on = ctx.rules, ctx.tree, ctx.on
    for org in ctx.orgs():
        years = rules.term_years(org.form, tree.schema.level(org.level).territory_kinds)
        if years is None:
            continue
        term = tree.term_at(org.id, on)
        if term is None:
            yield _finding(
                "term.missing",
                Severity.INFO,
                org,
                "no election term is recorded",
                "terms",
            )
            continue
        yield from _advanced(ctx, org, term, years)
        due = _add_years(term.period.start, years)
        late = _add_years(due, rules.term_tolerance_years)
        if on >= late:
            yield _finding(
                "term.overdue",
                Severity.ERROR,
                org,
                f"term elected {term.period.start} fell due {due}; more than "
                f"{rules.term_tolerance_years} year(s) overdue since {late}",
                "term_tolerance_years",
                elected=term.period.start,
                due=due,
                tolerance=rules.term_tolerance_years,
                late=late,
            )
        elif on >= due:
            yield _finding(
                "term.expired",
                Severity.WARNING,
                org,
                f"term elected {term.period.start} fell due {due} ({years} years); elect by "
                f"{late} at the latest",
                "terms",
                elected=term.period.start,
                due=due,
                years=years,
                late=late,
            )
        elif on >= due.subtract(days=rules.term_due_window_days):
            yield _finding(
                "term.due_soon",
                Severity.INFO,
                org,
                f"term elected {term.period.start} falls due {due}",
                "terms",
                elected=term.period.start,
                due=due,
            )


STRUCTURE_CHECKS: tuple[Check, ...] = (
    check_branch_sizes,
    check_general_branches,
    check_joint_branches,
    check_temporary_branches,
    check_village_community_unions,
    check_committee_sizes,
    check_terms,
)
"""The built-in structure checks, in the order they run."""


@collector_paused()
def run_checks(
    tree: OrgTree,
    on: _dt.date | str,
    *,
    rules: OrgRules = DEFAULT_RULES,
    checks: Sequence[Check] = STRUCTURE_CHECKS,
    joins: JointBook | None = None,
) -> tuple[Finding, ...]:
    """Run ``checks`` on the tree as of ``on``; findings sorted errors first.

    Args:
        tree: The organisation tree.
        on: The day to check.
        rules: Thresholds (default: the regulations' numbers).
        checks: The checks to run; extend :data:`STRUCTURE_CHECKS` with your own.
        joins: Units of joint organisations and 村居合一 unions (default: none recorded).
    """
    on = as_date(on, "on")
    ctx = CheckContext(tree=tree, on=on, rules=rules, joins=JointBook() if joins is None else joins)
    findings = [finding for check in checks for finding in check(ctx)]
    return tuple(sorted(findings, key=Finding.sort_key))
