"""Township and industry trees, and the forms they need (乡镇党委, 行业党委, 综合党委)."""

import pytest
from test_checks import ON
from tree_world import SINCE, K, member, membership, org, territory

from neighborhood_pb.errors import RuleViolationError
from neighborhood_pb.structure import (
    DEFAULT_RULES,
    INDUSTRY_COMMITTEE_THREE_LEVEL,
    SCHEMA_PRESETS,
    TOWNSHIP_FOUR_LEVEL,
    Coverage,
    ElectionTerm,
    JointBook,
    JointUnit,
    MembershipKind,
    OrgForm,
    OrgTree,
    UnitKind,
    run_checks,
)

F = OrgForm


@pytest.mark.parametrize("form", [F.INDUSTRY_COMMITTEE, F.COMPREHENSIVE_COMMITTEE])
def test_industry_and_comprehensive_committees(form: OrgForm) -> None:
    assert form.label_zh in {"行业党委", "综合党委"}
    assert not form.is_elected
    assert not form.is_branch
    assert not form.is_leaf
    assert MembershipKind.FORMAL.allowed_in(form)
    assert not MembershipKind.COMPOUND_STYLE.allowed_in(form)
    assert DEFAULT_RULES.term_years(form, frozenset({K.STREET})) is None


def test_the_presets_are_registered_with_their_sources() -> None:
    assert SCHEMA_PRESETS["township_four_level"] is TOWNSHIP_FOUR_LEVEL
    assert SCHEMA_PRESETS["industry_committee_three_level"] is INDUSTRY_COMMITTEE_THREE_LEVEL
    assert TOWNSHIP_FOUR_LEVEL.levels[0].label_zh == "乡镇党委"
    assert "安溪" in INDUSTRY_COMMITTEE_THREE_LEVEL.source


def township() -> OrgTree:
    """乡镇党委 ⊃ a village-community joint branch (村居联建) over a village and a community."""
    tree = OrgTree(TOWNSHIP_FOUR_LEVEL)
    tree.add_territory(territory("T", K.TOWNSHIP))
    tree.add_territory(territory("V", K.VILLAGE, "T"))
    tree.add_territory(territory("C", K.COMMUNITY, "T"))
    tree.found(org("TC", F.COMMITTEE, "township_committee"))
    tree.found(org("X", F.JOINT_BRANCH, "village_org", "TC"))
    for territory_id in ("V", "C"):
        tree.cover(Coverage(org_id="X", territory_id=territory_id, period=SINCE))
    tree.found(org("H", F.CONTACT_HOUSEHOLD, "central_household", "X"))
    return tree


def test_a_township_committee_heads_a_village_community_joint_branch() -> None:
    tree = township()
    assert [o.id for o in tree.ancestors("H", ON)] == ["X", "TC"]
    assert {t.id for t in tree.territories_covered("X", ON)} == {"V", "C"}
    # the township committee is elected for five years, the joint branch at village level too
    level = TOWNSHIP_FOUR_LEVEL.level
    assert DEFAULT_RULES.term_years(F.COMMITTEE, level("township_committee").territory_kinds) == 5
    assert DEFAULT_RULES.term_years(F.JOINT_BRANCH, level("village_org").territory_kinds) == 5
    codes = {(f.subject, f.code) for f in run_checks(tree, ON)}
    assert ("X", "joint_branch.below_minimum") in codes
    assert ("TC", "term.missing") in codes


def industry() -> OrgTree:
    """安溪县物业行业党委 ⊃ a commercial-district joint branch (新茂商圈联合党支部)."""
    tree = OrgTree(INDUSTRY_COMMITTEE_THREE_LEVEL)
    tree.add_territory(territory("S", K.STREET))
    tree.found(org("IC", F.INDUSTRY_COMMITTEE, "industry_committee"))
    tree.found(org("X", F.JOINT_BRANCH, "enterprise_branch", "IC"))
    for n in range(3):
        tree.add_person(member(f"P{n}"))
        tree.add_membership(membership(f"M{n}", f"P{n}", "X"))
    tree.add_person(member("S0"))
    tree.add_membership(membership("MS", "S0", "IC"))
    return tree


def test_an_industry_committee_holds_no_term_and_its_joint_branch_is_checked() -> None:
    tree = industry()
    with pytest.raises(RuleViolationError):
        tree.add_term(ElectionTerm(id="E", org_id="IC", period=SINCE, seats=5))
    shops = JointBook(
        units=[
            JointUnit(id=f"U{n}", org_id="X", name=f"商户{n}", kind=UnitKind.MERCHANT, period=SINCE)
            for n in range(6)
        ]
    )
    codes = [(f.subject, f.code) for f in run_checks(tree, ON, joins=shops)]
    assert ("X", "joint_branch.too_many_units") in codes
    assert not [c for s, c in codes if s == "IC"]
    assert ("X", "joint_branch.below_minimum") not in codes
