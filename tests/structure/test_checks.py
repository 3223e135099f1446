"""Whole-tree checks: every finding code, present at the threshold and absent within it."""

import attrs
import pendulum
import pytest
from hypothesis import given
from tree_world import SINCE, D, K, member, membership, org, territory

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.structure import (
    COMMUNITY_FIVE_LEVEL,
    DEFAULT_RULES,
    RULE_SOURCES,
    STRUCTURE_CHECKS,
    CheckContext,
    Coverage,
    ElectionTerm,
    MembershipKind,
    OrgForm,
    OrgRules,
    OrgTree,
    check_branch_sizes,
    check_committee_sizes,
    check_general_branches,
    check_joint_branches,
    check_terms,
    run_checks,
)
from neighborhood_pb.testing.structure import org_rules, org_trees, preset_schemas

F = OrgForm
ON = D(2021, 1, 1)


def make(
    form: OrgForm,
    *,
    full: int = 0,
    probationary: int = 0,
    style: int = 0,
    seats: int | None = None,
    units: int = 0,
    group_members: int = 0,
    level: str = "compound_branch",
) -> OrgTree:
    """Root WC ⊃ GC (grand committee) ⊃ X (``form`` at ``level``), with members and a term."""
    tree = OrgTree(COMMUNITY_FIVE_LEVEL)
    tree.add_territory(territory("C", K.COMMUNITY))
    tree.found(org("WC", F.WORKING_COMMITTEE, "community_working_committee"))
    tree.found(org("GC", F.GRAND_COMMITTEE, "community_grand_committee", "WC"))
    tree.add_term(ElectionTerm(id="EG", org_id="GC", period=SINCE, seats=5))
    tree.found(org("X", form, level, "GC" if level == "compound_branch" else "WC"))
    people = [
        ("F", full, "2010-07-01", MembershipKind.FORMAL),
        ("Y", probationary, None, MembershipKind.FORMAL),
        ("S", style, "2010-07-01", MembershipKind.COMPOUND_STYLE),
    ]
    for prefix, count, full_on, kind in people:
        for n in range(count):
            tree.add_person(member(f"{prefix}{n}", full=full_on))
            tree.add_membership(membership(f"M{prefix}{n}", f"{prefix}{n}", "X", kind=kind))
    if group_members:
        tree.found(org("PG", F.PARTY_GROUP, "building_group", "X"))
        for n in range(group_members):
            tree.add_person(member(f"G{n}"))
            tree.add_membership(membership(f"MG{n}", f"G{n}", "PG"))
    for n in range(units):
        tree.add_territory(territory(f"K{n}", K.COMPOUND, "C"))
        tree.cover(Coverage(org_id="X", territory_id=f"K{n}", period=SINCE))
    if seats is not None:
        tree.add_term(ElectionTerm(id="EX", org_id="X", period=SINCE, seats=seats))
    return tree


def codes(tree: OrgTree, on: pendulum.Date = ON, rules: OrgRules = DEFAULT_RULES) -> list[str]:
    return [f.code for f in run_checks(tree, on, rules=rules) if f.subject == "X"]


def one(tree: OrgTree, code: str, on: pendulum.Date = ON) -> Finding:
    found = [f for f in run_checks(tree, on) if f.subject == "X" and f.code == code]
    assert len(found) == 1, found
    finding = found[0]
    assert finding.message.startswith("X")
    assert "(X)" in finding.message
    assert finding.rule in RULE_SOURCES.values()
    return finding


# -- branch sizes ------------------------------------------------------------------------------


def test_branch_below_three_full_members() -> None:
    finding = one(make(F.BRANCH, full=2, probationary=5), "branch.below_minimum")
    assert finding.severity is Severity.WARNING
    assert "2 full members" in finding.message
    assert finding.rule == RULE_SOURCES["branch_min_full_members"]
    assert "branch.below_minimum" not in codes(make(F.BRANCH, full=3))


def test_full_members_of_the_branch_groups_count() -> None:
    assert "branch.below_minimum" not in codes(make(F.BRANCH, full=1, group_members=2))


@pytest.mark.parametrize("form", [F.JOINT_BRANCH, F.COMPOUND_STYLE_BRANCH, F.TEMPORARY_BRANCH])
def test_minimum_applies_to_plain_branches_only(form: OrgForm) -> None:
    assert "branch.below_minimum" not in codes(make(form))


def test_branch_above_fifty_members() -> None:
    finding = one(make(F.BRANCH, full=40, probationary=11), "branch.too_large")
    assert "51 members" in finding.message
    assert "党小组" in finding.message
    assert "branch.too_large" not in codes(make(F.BRANCH, full=40, probationary=10))


def test_a_large_branch_that_has_groups_is_advised_to_upgrade() -> None:
    finding = one(make(F.BRANCH, full=45, group_members=6), "branch.too_large")
    assert "upgrade it to a general branch" in finding.message
    assert "divide" not in finding.message


def test_compound_style_branch_counts_its_participants() -> None:
    """A compound-style branch holds no formal relations; counting only formal ones made
    every such branch look empty."""
    assert "branch.too_large" in codes(make(F.COMPOUND_STYLE_BRANCH, style=51))
    assert "branch.too_large" not in codes(make(F.COMPOUND_STYLE_BRANCH, style=50))
    assert "committee.not_allowed" not in codes(make(F.COMPOUND_STYLE_BRANCH, style=9, seats=5))
    assert "committee.not_allowed" in codes(make(F.COMPOUND_STYLE_BRANCH, style=6, seats=5))


def test_a_plain_branch_does_not_count_compound_style_participants() -> None:
    assert "branch.below_minimum" in codes(make(F.BRANCH, full=2, style=5))
    assert "committee.not_allowed" in codes(make(F.BRANCH, full=6, style=5, seats=3))


# -- general branches and committees -----------------------------------------------------------


def test_general_branch_with_a_hundred_members_may_upgrade() -> None:
    finding = one(make(F.GENERAL_BRANCH, full=100), "general_branch.may_upgrade")
    assert finding.severity is Severity.INFO
    assert "100 members" in finding.message
    assert codes(make(F.GENERAL_BRANCH, full=99), rules=attrs.evolve(DEFAULT_RULES)) == [
        "term.missing"
    ]


def test_general_branch_below_fifty() -> None:
    finding = one(
        make(F.GENERAL_BRANCH, full=30, probationary=19), "general_branch.below_threshold"
    )
    assert "49 members" in finding.message
    assert "general_branch.below_threshold" not in codes(
        make(F.GENERAL_BRANCH, full=30, probationary=20)
    )


def test_committee_below_a_hundred() -> None:
    tree = make(F.COMMITTEE, full=99, level="community_grand_committee")
    finding = one(tree, "committee.below_threshold")
    assert "99 members" in finding.message
    assert "committee.below_threshold" not in codes(
        make(F.COMMITTEE, full=100, level="community_grand_committee")
    )


def test_grand_committees_are_not_sized() -> None:
    tree = make(F.GRAND_COMMITTEE, full=1, level="community_grand_committee")
    assert codes(tree) == ["term.missing"]


# -- joint branches ----------------------------------------------------------------------------


def test_joint_branch_over_five_units() -> None:
    finding = one(make(F.JOINT_BRANCH, units=6), "joint_branch.too_many_units")
    assert "6 units" in finding.message
    assert "joint_branch.too_many_units" not in codes(make(F.JOINT_BRANCH, units=5))
    assert "joint_branch.too_many_units" not in codes(make(F.BRANCH, units=6))


def test_units_are_counted_as_of_the_day() -> None:
    tree = make(F.JOINT_BRANCH, units=6)
    tree.uncover("X", "K0", D(2020, 6, 1))
    assert "joint_branch.too_many_units" not in codes(tree)
    assert "joint_branch.too_many_units" in codes(tree, D(2020, 5, 31))


# -- committee sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "seats", "expected"),
    [
        (6, 3, "committee.not_allowed"),
        (6, 2, None),
        (6, 1, None),
        (7, 2, "committee.too_small"),
        (7, 3, None),
        (7, 5, None),
        (7, 6, "committee.above_usual"),
        (7, 7, "committee.above_usual"),
        (7, 8, "committee.too_large"),
        (30, 8, "committee.too_large"),
    ],
)
def test_committee_size_boundaries(full: int, seats: int, expected: str | None) -> None:
    found = [c for c in codes(make(F.BRANCH, full=full, seats=seats)) if c.startswith("committee.")]
    assert found == ([] if expected is None else [expected])


def test_committee_size_severities_and_messages() -> None:
    assert one(make(F.BRANCH, full=7, seats=8), "committee.too_large").severity is Severity.ERROR
    above = one(make(F.BRANCH, full=7, seats=6), "committee.above_usual")
    assert (above.severity, "3–5" in above.message) == (Severity.WARNING, True)
    small = one(make(F.BRANCH, full=7, seats=2), "committee.too_small")
    assert "at least 3" in small.message
    not_allowed = one(make(F.BRANCH, full=6, seats=3, probationary=4), "committee.not_allowed")
    assert "6 full members" in not_allowed.message
    assert not_allowed.rule == RULE_SOURCES["secretary_only_seats"]


def test_probationers_do_not_make_a_committee() -> None:
    assert "committee.not_allowed" in codes(make(F.JOINT_BRANCH, full=6, probationary=1, seats=3))


def test_no_term_no_committee_finding() -> None:
    assert not any(c.startswith("committee.") for c in codes(make(F.BRANCH, full=6)))


# -- terms -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2022, 10, 2), None),
        (D(2022, 10, 3), "term.due_soon"),
        (D(2022, 12, 31), "term.due_soon"),
        (D(2023, 1, 1), "term.expired"),
        (D(2023, 12, 31), "term.expired"),
        (D(2024, 1, 1), "term.overdue"),
        (D(2030, 1, 1), "term.overdue"),
    ],
)
def test_branch_term_of_three_years(on: pendulum.Date, expected: str | None) -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    found = [c for c in codes(tree, on) if c.startswith("term.")]
    assert found == ([] if expected is None else [expected])


def test_term_finding_severities_and_messages() -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    soon = one(tree, "term.due_soon", D(2022, 12, 1))
    assert (soon.severity, "2023-01-01" in soon.message) == (Severity.INFO, True)
    expired = one(tree, "term.expired", D(2023, 6, 1))
    assert expired.severity is Severity.WARNING
    assert "2024-01-01" in expired.message
    overdue = one(tree, "term.overdue", D(2024, 6, 1))
    assert overdue.severity is Severity.ERROR
    assert overdue.rule == RULE_SOURCES["term_tolerance_years"]


def test_community_level_terms_last_five_years() -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    gc = [f.code for f in run_checks(tree, D(2024, 12, 31)) if f.subject == "GC"]
    assert gc == ["term.due_soon"]
    assert [f.code for f in run_checks(tree, D(2025, 1, 1)) if f.subject == "GC"] == [
        "term.expired"
    ]


def test_term_missing_and_unelected_forms() -> None:
    tree = make(F.BRANCH, full=3)
    missing = one(tree, "term.missing")
    assert missing.severity is Severity.INFO
    assert not [f for f in run_checks(tree, ON) if f.subject == "WC"]
    assert "term.missing" not in codes(make(F.TEMPORARY_BRANCH))


def test_term_window_and_tolerance_are_configurable() -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    rules = attrs.evolve(DEFAULT_RULES, term_due_window_days=0, term_tolerance_years=0)
    assert codes(tree, D(2022, 12, 31), rules) == []
    assert codes(tree, D(2023, 1, 1), rules) == ["term.overdue"]


def test_a_new_term_clears_the_finding() -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    tree.add_term(ElectionTerm(id="E2", org_id="X", period=Period(start="2023-03-01"), seats=1))
    assert codes(tree, D(2024, 6, 1)) == []


# -- running checks ----------------------------------------------------------------------------


def test_run_checks_sorts_errors_first() -> None:
    tree = make(F.BRANCH, full=7, seats=8)
    findings = run_checks(tree, D(2024, 6, 1))
    assert list(findings) == sorted(findings, key=Finding.sort_key)
    assert findings[0].severity is Severity.ERROR
    assert [f.code for f in findings if f.subject == "X"] == ["committee.too_large", "term.overdue"]


def test_checks_are_an_extensible_list() -> None:
    def every_org(ctx: CheckContext) -> list[Finding]:
        return [
            Finding(code="custom.seen", severity=Severity.INFO, subject=o.id, message=o.name)
            for o in ctx.orgs()
        ]

    tree = make(F.BRANCH, full=2)
    custom = run_checks(tree, ON, checks=[every_org])
    assert [f.subject for f in custom] == ["GC", "WC", "X"]
    both = run_checks(tree, ON, checks=[*STRUCTURE_CHECKS, every_org])
    assert {f.code for f in both} >= {"custom.seen", "branch.below_minimum"}
    assert run_checks(tree, ON, checks=[]) == ()


def test_check_context_filters_by_form() -> None:
    ctx = CheckContext(tree=make(F.BRANCH), on="2021-01-01")
    assert ctx.on == ON
    assert ctx.rules is DEFAULT_RULES
    assert [o.id for o in ctx.orgs(F.BRANCH, F.WORKING_COMMITTEE)] == ["WC", "X"]
    assert len(list(ctx.orgs())) == 3


@pytest.mark.parametrize(
    "check",
    [
        check_branch_sizes,
        check_general_branches,
        check_joint_branches,
        check_committee_sizes,
        check_terms,
    ],
)
def test_each_check_is_listed(check: object) -> None:
    assert check in STRUCTURE_CHECKS


def test_checks_look_only_at_orgs_in_effect() -> None:
    tree = make(F.BRANCH, full=2, seats=8)
    assert codes(tree, D(2019, 12, 31)) == []


@given(org_trees(), org_rules())
def test_checks_run_on_any_tree_with_any_rules(tree: OrgTree, rules: OrgRules) -> None:
    day = min(o.period.start for o in tree.records().orgs).add(days=400)
    findings = run_checks(tree, day, rules=rules)
    assert list(findings) == sorted(findings, key=Finding.sort_key)
    alive = {o.id for o in tree.orgs(day)}
    for finding in findings:
        assert finding.subject in alive
        assert finding.rule in RULE_SOURCES.values()
        assert finding.subject in finding.message


@given(org_trees(schema=COMMUNITY_FIVE_LEVEL) | preset_schemas().flatmap(org_trees))
def test_terms_findings_only_for_elected_orgs(tree: OrgTree) -> None:
    day = max(o.period.start for o in tree.records().orgs)
    for finding in check_terms(CheckContext(tree=tree, on=day)):
        assert tree.org(finding.subject, day).form.is_elected
