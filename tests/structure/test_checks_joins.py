"""Joint branches and their units, compound-style minimum, temporary branches, advanced
elections and 村居合一: each finding at the member, unit or day where it flips."""

import attrs
import pendulum
import pytest
from test_checks import ON, codes, make, one
from tree_world import SINCE, D, K, org, territory

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError, InvalidRecordError, Severity
from neighborhood_pb.structure import (
    DEFAULT_RULES,
    RULE_SOURCES,
    STRUCTURE_CHECKS,
    VILLAGE_THREE_LEVEL,
    CheckContext,
    Coverage,
    ElectionTerm,
    JointBook,
    JointUnit,
    OrgForm,
    OrgTree,
    UnitKind,
    VillageCommunityUnion,
    check_joint_branches,
    check_temporary_branches,
    check_village_community_unions,
    run_checks,
)
from neighborhood_pb.structure.joins import VILLAGE_COMMUNITY_SOURCE

F = OrgForm


def units(count: int, org_id: str = "X", kind: UnitKind = UnitKind.ENTERPRISE) -> JointBook:
    return JointBook(
        units=[
            JointUnit(id=f"U{n}", org_id=org_id, name=f"单位{n}", kind=kind, period=SINCE)
            for n in range(count)
        ]
    )


def joint_codes(tree: OrgTree, joins: JointBook, on: pendulum.Date = ON) -> list[str]:
    return [f.code for f in run_checks(tree, on, joins=joins) if f.subject == "X"]


# -- joint branches ----------------------------------------------------------------------------


def test_a_joint_branch_needs_three_full_members_across_its_units() -> None:
    finding = one(make(F.JOINT_BRANCH, full=2, probationary=5), "joint_branch.below_minimum")
    assert finding.severity is Severity.WARNING
    assert finding.params == {"full": 2, "minimum": 3}
    assert finding.rule == RULE_SOURCES["branch_min_full_members"]
    assert "joint_branch.below_minimum" not in codes(make(F.JOINT_BRANCH, full=3))
    assert "branch.below_minimum" not in codes(make(F.JOINT_BRANCH, full=2))


def test_a_joint_branch_has_at_most_fifty_members() -> None:
    finding = one(make(F.JOINT_BRANCH, full=40, probationary=11), "joint_branch.too_large")
    assert finding.params == {"members": 51, "maximum": 50}
    assert "joint_branch.too_large" not in codes(make(F.JOINT_BRANCH, full=40, probationary=10))


def test_recorded_units_are_counted_rather_than_territory() -> None:
    tree = make(F.JOINT_BRANCH, full=3)
    assert "joint_branch.too_many_units" in joint_codes(tree, units(6))
    assert "joint_branch.too_many_units" not in joint_codes(tree, units(5))
    covering = make(F.JOINT_BRANCH, full=3, units=6)
    assert "joint_branch.too_many_units" not in joint_codes(covering, units(5))
    assert "joint_branch.too_many_units" in joint_codes(covering, JointBook())


def test_units_are_joined_as_of_the_day() -> None:
    book = units(5)
    book.add_unit(
        JointUnit(
            id="late",
            org_id="X",
            name="新茂商圈商户",
            kind=UnitKind.MERCHANT,
            period=Period(start="2021-01-01"),
        )
    )
    tree = make(F.JOINT_BRANCH, full=3)
    assert "joint_branch.too_many_units" not in joint_codes(tree, book, D(2020, 12, 31))
    assert "joint_branch.too_many_units" in joint_codes(tree, book, D(2021, 1, 1))
    assert [u.id for u in book.units("X", D(2020, 12, 31))] == ["U0", "U1", "U2", "U3", "U4"]


def test_a_commercial_district_joint_branch_is_expressible() -> None:
    """新茂商圈联合党支部: a joint branch over the shops of a commercial district."""
    tree = make(F.JOINT_BRANCH, full=4)
    book = units(4, kind=UnitKind.MERCHANT)
    assert joint_codes(tree, book) == ["term.missing"]
    assert {u.kind.label_zh for u in book.units("X", ON)} == {"商户"}


def test_the_book_refuses_a_second_record_with_the_same_id() -> None:
    book = units(1)
    with pytest.raises(ConflictError):
        book.add_unit(
            JointUnit(id="U0", org_id="Y", name="另一单位", kind=UnitKind.COMPOUND, period=SINCE)
        )
    union = VillageCommunityUnion(
        id="VC", org_id="X", village_id="V", community_id="C", period=SINCE
    )
    book.add_union(union)
    with pytest.raises(ConflictError):
        book.add_union(union)
    assert book.unions(ON) == (union,)
    assert [u.id for u in book.units("X", ON)] == ["U0"]


# -- compound-style branches -------------------------------------------------------------------


def test_the_compound_style_minimum_is_a_setting() -> None:
    assert DEFAULT_RULES.compound_style_min_full_members == 0
    assert "compound_style_branch.below_minimum" not in codes(make(F.COMPOUND_STYLE_BRANCH))
    strict = attrs.evolve(DEFAULT_RULES, compound_style_min_full_members=3)
    found = [
        f
        for f in run_checks(make(F.COMPOUND_STYLE_BRANCH, style=2), ON, rules=strict)
        if f.code == "compound_style_branch.below_minimum"
    ]
    assert [f.params for f in found] == [{"full": 2, "minimum": 3}]
    assert found[0].rule == RULE_SOURCES["compound_style_min_full_members"]
    assert "compound_style_branch.below_minimum" not in codes(
        make(F.COMPOUND_STYLE_BRANCH, style=3), rules=strict
    )
    assert "branch.below_minimum" not in codes(make(F.COMPOUND_STYLE_BRANCH, style=2), rules=strict)


# -- temporary branches ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "expected"),
    [(D(2020, 6, 29), False), (D(2020, 6, 30), True), (D(2021, 1, 1), True)],
)
def test_an_open_temporary_branch_flips_after_six_months(on: pendulum.Date, expected: bool) -> None:
    tree = make(F.TEMPORARY_BRANCH)
    assert ("temporary_branch.long_project" in codes(tree, on)) is expected


@pytest.mark.parametrize(("end", "expected"), [("2020-06-30", False), ("2020-07-01", True)])
def test_a_planned_end_decides_from_the_start(end: str, expected: bool) -> None:
    tree = make(F.TEMPORARY_BRANCH)
    tree.dissolve("X", end)
    assert ("temporary_branch.long_project" in codes(tree, D(2020, 2, 1))) is expected


def test_long_project_finding_and_reform() -> None:
    tree = make(F.TEMPORARY_BRANCH)
    finding = one(tree, "temporary_branch.long_project", D(2020, 8, 1))
    assert finding.severity is Severity.WARNING
    assert finding.params == {"since": D(2020, 1, 1), "months": 6, "threshold": D(2020, 7, 1)}
    assert finding.rule == RULE_SOURCES["project_branch_min_months"]
    tree.reform("X", F.BRANCH, "2020-05-01")
    assert "temporary_branch.long_project" not in codes(tree, D(2020, 3, 1))
    assert "temporary_branch.long_project" not in codes(tree, D(2020, 8, 1))


def test_the_temporary_span_runs_over_later_versions() -> None:
    tree = make(F.TEMPORARY_BRANCH)
    tree.rename("X", "项目临时党支部", "2020-03-01")
    tree.dissolve("X", "2020-07-01")
    assert "temporary_branch.long_project" in codes(tree, D(2020, 2, 1))
    assert "temporary_branch.long_project" in codes(tree, D(2020, 4, 1))


# -- advanced elections ------------------------------------------------------------------------


@pytest.mark.parametrize(("elected", "expected"), [("2021-12-31", True), ("2022-01-01", False)])
def test_an_election_advanced_by_more_than_a_year(elected: str, expected: bool) -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    tree.add_term(ElectionTerm(id="E2", org_id="X", period=Period(start=elected), seats=1))
    assert ("term.advanced" in codes(tree, D(2022, 6, 1))) is expected


def test_advanced_finding_and_tolerance() -> None:
    tree = make(F.BRANCH, full=3, seats=1)
    tree.add_term(ElectionTerm(id="E2", org_id="X", period=Period(start="2022-12-31"), seats=1))
    assert "term.advanced" not in codes(tree, D(2023, 6, 1))
    exact = attrs.evolve(DEFAULT_RULES, term_tolerance_years=0)
    assert "term.advanced" in codes(tree, D(2023, 6, 1), exact)
    early = make(F.BRANCH, full=3, seats=1)
    early.add_term(ElectionTerm(id="E2", org_id="X", period=Period(start="2021-06-01"), seats=1))
    finding = one(early, "term.advanced", D(2021, 7, 1))
    assert finding.params == {
        "elected": D(2021, 6, 1),
        "due": D(2023, 1, 1),
        "tolerance": 1,
        "earliest": D(2022, 1, 1),
    }
    assert finding.rule == RULE_SOURCES["term_tolerance_years"]


# -- 村居合一 ----------------------------------------------------------------------------------


def village_and_community(*covered: str) -> OrgTree:
    """A village-community joint organisation (村居联建) at the village level."""
    tree = OrgTree(VILLAGE_THREE_LEVEL)
    tree.add_territory(territory("V", K.VILLAGE))
    tree.add_territory(territory("C", K.COMMUNITY))
    tree.found(org("X", F.COMMITTEE, "village_org"))
    for territory_id in covered:
        tree.cover(Coverage(org_id="X", territory_id=territory_id, period=SINCE))
    return tree


UNION = VillageCommunityUnion(id="VC", org_id="X", village_id="V", community_id="C", period=SINCE)


def test_one_team_covers_both_the_village_and_the_community() -> None:
    joins = JointBook(unions=[UNION])
    findings = run_checks(village_and_community("V"), ON, joins=joins)
    (finding,) = [f for f in findings if f.code == "village_community.not_covered"]
    assert finding.params == {"union": "VC", "missing": "C"}
    assert finding.rule == VILLAGE_COMMUNITY_SOURCE
    both = run_checks(village_and_community("V", "C"), ON, joins=joins)
    assert "village_community.not_covered" not in [f.code for f in both]
    assert village_and_community("V", "C").territories_covered("X", ON)


def test_a_union_is_checked_only_while_it_and_its_org_are_in_effect() -> None:
    later = attrs.evolve(UNION, period=Period(start="2021-01-01"))
    ctx = CheckContext(
        tree=village_and_community(), on=D(2020, 12, 31), joins=JointBook(unions=[later])
    )
    assert list(check_village_community_unions(ctx)) == []
    gone = attrs.evolve(UNION, org_id="nobody")
    ctx = CheckContext(tree=village_and_community(), on=ON, joins=JointBook(unions=[gone]))
    assert list(check_village_community_unions(ctx)) == []


def test_a_union_joins_two_territories() -> None:
    with pytest.raises(InvalidRecordError):
        attrs.evolve(UNION, community_id="V")


def test_the_new_checks_are_listed() -> None:
    for check in (check_joint_branches, check_temporary_branches, check_village_community_unions):
        assert check in STRUCTURE_CHECKS
    assert UnitKind.VILLAGE.label_zh == "村"
