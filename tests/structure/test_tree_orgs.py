"""OrgTree: founding, renaming, moving, re-forming and dissolving organisations, loading
from records, and the organisation queries."""

import random

import attrs
import pytest
from tree_world import (
    SINCE,
    START,
    D,
    K,
    assert_rejected,
    canonical,
    member,
    membership,
    org,
    territory,
    world,
)

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.structure import (
    COMMUNITY_FIVE_LEVEL,
    Coverage,
    ElectionTerm,
    MembershipKind,
    OrgForm,
    OrgTree,
    TreeRecords,
)

F = OrgForm
LATER = D(2022, 1, 1)


# -- found -------------------------------------------------------------------------------------


def test_found_adds_a_first_version() -> None:
    tree = world()
    tree.found(org("BR2", F.JOINT_BRANCH, "compound_branch", "GC", Period(start=LATER)))
    assert tree.history("BR2") == (tree.org("BR2", LATER),)
    assert tree.version_at("BR2", D(2021, 12, 31)) is None
    assert [o.id for o in tree.children("GC", LATER)] == ["BR", "CS", "BR2"]


def test_found_under_an_optional_level_skip() -> None:
    tree = world()
    tree.found(org("HH2", F.CONTACT_HOUSEHOLD, "model_household", "BR"))
    assert tree.org("HH2", START).parent_id == "BR"


def test_found_refuses_a_taken_id() -> None:
    tree = world()
    assert_rejected(
        tree,
        ConflictError,
        "id.unique",
        "BR",
        tree.found,
        org("BR", F.BRANCH, "compound_branch", "GC"),
    )


def test_found_refuses_an_unknown_level_naming_the_org() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        InvalidRecordError,
        "schema.level",
        "X",
        tree.found,
        org("X", F.BRANCH, "street_branch", "GC"),
    )
    assert "street_branch" in str(exc)


def test_found_refuses_a_form_not_allowed_at_the_level() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "schema.form_allowed",
        "X",
        tree.found,
        org("X", F.PARTY_GROUP, "compound_branch", "GC"),
    )
    assert "党小组" in str(exc)


def test_only_the_top_level_may_be_a_root() -> None:
    tree = world()
    assert_rejected(
        tree,
        RuleViolationError,
        "tree.single_root_level",
        "X",
        tree.found,
        org("X", F.BRANCH, "compound_branch"),
    )
    tree.found(org("WC2", F.WORKING_COMMITTEE, "community_working_committee"))
    assert {o.id for o in tree.roots(START)} == {"WC", "WC2"}


def test_found_refuses_a_dangling_parent() -> None:
    tree = world()
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.found,
        org("X", F.BRANCH, "compound_branch", "ghost"),
    )


@pytest.mark.parametrize(
    ("form", "level", "parent"),
    [
        (F.BRANCH, "compound_branch", "BR"),  # same level
        (F.PARTY_GROUP, "building_group", "GC"),  # skips a required level
        (F.GRAND_COMMITTEE, "community_grand_committee", "BR"),  # above its parent
        (F.WORKING_COMMITTEE, "community_working_committee", "WC"),  # a root under a parent
    ],
)
def test_found_refuses_a_parent_at_the_wrong_level(form: OrgForm, level: str, parent: str) -> None:
    tree = world()
    assert_rejected(
        tree,
        RuleViolationError,
        "schema.level_order",
        "X",
        tree.found,
        org("X", form, level, parent),
    )


@pytest.mark.parametrize(
    "period", [Period(start="2019-12-31"), Period(start="2019-06-01", end="2020-06-01")]
)
def test_found_refuses_a_child_older_than_its_parent(period: Period) -> None:
    tree = world()
    assert_rejected(
        tree,
        RuleViolationError,
        "tree.parent_lifetime",
        "X",
        tree.found,
        org("X", F.BRANCH, "compound_branch", "GC", period),
    )


def test_found_refuses_an_open_child_under_a_dissolved_parent() -> None:
    tree = world()
    tree.found(org("BR2", F.BRANCH, "compound_branch", "GC"))
    tree.dissolve("BR2", LATER)
    assert_rejected(
        tree,
        RuleViolationError,
        "tree.parent_lifetime",
        "X",
        tree.found,
        org("X", F.PARTY_GROUP, "building_group", "BR2"),
    )
    tree.found(org("X", F.PARTY_GROUP, "building_group", "BR2", Period(start=START, end=LATER)))
    assert tree.version_at("X", LATER) is None


# -- rename, move, reform ----------------------------------------------------------------------


def test_rename_starts_a_new_version() -> None:
    tree = world()
    new = tree.rename("BR", "阳光小区党支部", LATER)
    assert new.period == Period(start=LATER)
    history = tree.history("BR")
    assert [v.name for v in history] == ["BR党支部", "阳光小区党支部"]
    assert history[0].period == Period(start=START, end=LATER)
    assert tree.org("BR", D(2021, 12, 31)).name == "BR党支部"
    assert tree.org("BR", LATER).name == "阳光小区党支部"


def test_move_changes_the_parent_from_a_day() -> None:
    tree = world()
    tree.found(org("GC2", F.COMMITTEE, "community_grand_committee", "WC"))
    tree.move("BR", "GC2", LATER)
    assert [o.id for o in tree.children("GC", D(2021, 1, 1))] == ["BR", "CS"]
    assert [o.id for o in tree.children("GC", LATER)] == ["CS"]
    assert [o.id for o in tree.children("GC2", LATER)] == ["BR"]
    assert [o.id for o in tree.ancestors("PG", LATER)] == ["BR", "GC2", "WC"]
    assert [o.id for o in tree.ancestors("PG", D(2021, 1, 1))] == ["BR", "GC", "WC"]


def test_reform_changes_the_form() -> None:
    tree = world()
    tree.reform("BR", F.GENERAL_BRANCH, LATER)
    assert tree.org("BR", LATER).form is F.GENERAL_BRANCH
    assert tree.counts_by_form(LATER)[F.GENERAL_BRANCH] == 1
    assert F.BRANCH not in tree.counts_by_form(LATER)


@pytest.mark.parametrize(
    ("method", "arg"), [("rename", "新名"), ("move", "GC"), ("reform", F.GENERAL_BRANCH)]
)
def test_changes_refuse_unknown_dissolved_and_rewritten_history(method: str, arg: object) -> None:
    tree = world()
    command = getattr(tree, method)
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", command, "ghost", arg, LATER
    )
    assert_rejected(
        tree, RuleViolationError, "history.append_only", "BR", command, "BR", arg, START
    )
    assert_rejected(
        tree, RuleViolationError, "history.append_only", "BR", command, "BR", arg, D(2019, 1, 1)
    )
    tree.dissolve("HH", LATER)
    assert_rejected(
        tree, RuleViolationError, "history.end_dated", "HH", command, "HH", arg, D(2023, 1, 1)
    )


def test_rename_refuses_an_empty_name() -> None:
    tree = world()
    before = tree.records()
    with pytest.raises(InvalidRecordError) as info:
        tree.rename("BR", " ", LATER)
    assert info.value.rule == "record.non_empty"
    assert tree.records() == before


def test_move_refuses_cycles_and_the_wrong_level() -> None:
    tree = world()
    assert_rejected(tree, InvalidRecordError, "tree.acyclic", "BR", tree.move, "BR", "BR", LATER)
    assert_rejected(
        tree, RuleViolationError, "schema.level_order", "BR", tree.move, "BR", "PG", LATER
    )
    assert_rejected(
        tree, RuleViolationError, "schema.level_order", "GC", tree.move, "GC", "HH", LATER
    )
    assert_rejected(
        tree, RuleViolationError, "schema.level_order", "BR", tree.move, "BR", "CS", LATER
    )
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", tree.move, "BR", "ghost", LATER
    )


def test_move_refuses_a_parent_that_does_not_outlive_the_child() -> None:
    tree = world()
    tree.found(
        org("GC2", F.COMMITTEE, "community_grand_committee", "WC", Period(start="2023-01-01"))
    )
    assert_rejected(
        tree, RuleViolationError, "tree.parent_lifetime", "BR", tree.move, "BR", "GC2", LATER
    )
    tree.found(
        org(
            "GC3",
            F.COMMITTEE,
            "community_grand_committee",
            "WC",
            Period(start=START, end="2030-01-01"),
        )
    )
    assert_rejected(
        tree, RuleViolationError, "tree.parent_lifetime", "BR", tree.move, "BR", "GC3", LATER
    )


def test_reform_refuses_a_form_not_allowed_at_the_level() -> None:
    tree = world()
    assert_rejected(
        tree,
        RuleViolationError,
        "schema.form_allowed",
        "BR",
        tree.reform,
        "BR",
        F.PARTY_GROUP,
        LATER,
    )


def test_reform_refuses_to_strand_members_of_a_kind_the_new_form_cannot_hold() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "membership.form",
        "BR",
        tree.reform,
        "BR",
        F.COMPOUND_STYLE_BRANCH,
        LATER,
    )
    assert "M1" in str(exc)
    assert_rejected(
        tree, RuleViolationError, "membership.form", "CS", tree.reform, "CS", F.JOINT_BRANCH, LATER
    )


def test_reform_refuses_an_unelected_form_while_a_later_term_is_recorded() -> None:
    """Without this check the tree held a term starting in a party group, and loading its
    own records failed."""
    tree = world()
    for membership_id in ("M1", "M2"):
        tree.end_membership(membership_id, D(2021, 1, 1))
    tree.add_term(ElectionTerm(id="E2", org_id="BR", period=Period(start="2023-01-01"), seats=3))
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "term.elected_forms",
        "BR",
        tree.reform,
        "BR",
        F.TEMPORARY_BRANCH,
        LATER,
    )
    assert "E2" in str(exc)
    tree.reform("BR", F.TEMPORARY_BRANCH, D(2023, 1, 2))  # a term already running may go on
    OrgTree.from_records(COMMUNITY_FIVE_LEVEL, tree.records())


def test_reform_ignores_members_who_left_before() -> None:
    tree = world()
    tree.end_membership("MC", D(2021, 1, 1))
    tree.reform("CS", F.JOINT_BRANCH, LATER)
    assert tree.org("CS", LATER).form is F.JOINT_BRANCH
    tree.add_membership(
        membership(
            "MX",
            "P1",
            "CS",
            Period(start="2021-01-01", end="2022-01-01"),
            MembershipKind.COMPOUND_STYLE,
        )
    )
    assert tree.membership("MX").org_id == "CS"


# -- dissolve ----------------------------------------------------------------------------------


def test_dissolve_end_dates_the_org_its_coverage_and_its_term() -> None:
    tree = world()
    tree.add_term(
        ElectionTerm(id="E9", org_id="CS", period=Period(start=START, end="2025-01-01"), seats=3)
    )
    tree.end_membership("MC", LATER)
    ended = tree.dissolve("CS", LATER)
    assert ended.period == Period(start=START, end=LATER)
    assert tree.version_at("CS", LATER) is None
    assert tree.territories_covered("CS", D(2021, 12, 31))[0].id == "K2"
    assert tree.territories_covered("CS", LATER) == ()
    assert tree.terms("CS")[0].period.end == LATER
    assert "CS" not in {o.id for o in tree.orgs(LATER)}


def test_dissolve_keeps_what_ended_before() -> None:
    tree = world()
    tree.uncover("CS", "K2", D(2021, 1, 1))
    early = Period(start=START, end=D(2021, 1, 1))
    tree.add_term(ElectionTerm(id="E8", org_id="CS", period=early, seats=3))
    tree.end_membership("MC", D(2021, 1, 1))
    tree.dissolve("CS", LATER)
    records = tree.records()
    assert [c.period for c in records.coverage if c.org_id == "CS"] == [early]
    assert [t.period for t in records.terms if t.org_id == "CS"] == [early]


def test_dissolve_refuses_while_children_remain() -> None:
    tree = world()
    assert_rejected(tree, RuleViolationError, "tree.no_orphans", "PG", tree.dissolve, "PG", LATER)
    tree.dissolve("HH", D(2021, 1, 1))
    tree.end_membership("M3", D(2021, 1, 1))
    tree.dissolve("PG", LATER)
    assert tree.children("BR", LATER) == ()


def test_dissolve_refuses_while_a_moved_away_child_was_still_there() -> None:
    tree = world()
    tree.found(org("BR2", F.BRANCH, "compound_branch", "GC"))
    tree.move("PG", "BR2", LATER)
    assert_rejected(
        tree, RuleViolationError, "tree.no_orphans", "BR", tree.dissolve, "BR", D(2021, 1, 1)
    )
    tree.end_membership("M1", LATER)
    tree.end_membership("M2", LATER)
    tree.dissolve("BR", LATER)
    assert tree.history("BR")[-1].period.end == LATER


def test_dissolve_refuses_while_members_remain() -> None:
    tree = world()
    exc = assert_rejected(
        tree, RuleViolationError, "membership.within_lifetime", "CS", tree.dissolve, "CS", LATER
    )
    assert "MC" in str(exc)


def test_dissolve_refuses_coverage_or_terms_starting_later() -> None:
    tree = world()
    tree.uncover("HH", "H1", D(2021, 1, 1))
    tree.cover(Coverage(org_id="HH", territory_id="H1", period=Period(start="2023-01-01")))
    exc = assert_rejected(
        tree, RuleViolationError, "history.end_dated", "HH", tree.dissolve, "HH", LATER
    )
    assert "HH→H1@2023-01-01" in str(exc)
    tree.end_membership("MC", D(2021, 1, 1))
    tree.add_term(ElectionTerm(id="E9", org_id="CS", period=Period(start="2023-01-01"), seats=3))
    exc = assert_rejected(
        tree, RuleViolationError, "history.end_dated", "CS", tree.dissolve, "CS", LATER
    )
    assert "E9" in str(exc)


def test_dissolve_refuses_unknown_dissolved_or_too_early() -> None:
    tree = world()
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", tree.dissolve, "ghost", LATER
    )
    assert_rejected(
        tree, RuleViolationError, "history.append_only", "HH", tree.dissolve, "HH", START
    )
    tree.dissolve("HH", LATER)
    assert_rejected(
        tree, RuleViolationError, "history.end_dated", "HH", tree.dissolve, "HH", D(2023, 1, 1)
    )


# -- queries -----------------------------------------------------------------------------------


def test_history_and_version_at() -> None:
    tree = world()
    tree.rename("BR", "新", LATER)
    assert len(tree.history("BR")) == 2
    assert tree.version_at("BR", D(2019, 12, 31)) is None
    assert tree.version_at("BR", D(2021, 12, 31)) == tree.history("BR")[0]
    assert tree.version_at("ghost", LATER) is None
    tree.dissolve("HH", LATER)
    assert tree.version_at("HH", LATER) is None
    assert_rejected(tree, UnknownRecordError, "reference.exists", "ghost", tree.history, "ghost")


def test_org_as_of_a_day() -> None:
    tree = world()
    assert tree.org("BR", START).form is F.BRANCH
    exc = assert_rejected(
        tree, UnknownRecordError, "reference.exists", "BR", tree.org, "BR", D(2019, 1, 1)
    )
    assert "2019-01-01" in str(exc)
    assert_rejected(tree, UnknownRecordError, "reference.exists", "ghost", tree.org, "ghost", START)


def test_ancestors_descendants_subtree() -> None:
    tree = world()
    assert [o.id for o in tree.ancestors("HH", START)] == ["PG", "BR", "GC", "WC"]
    assert tree.ancestors("WC", START) == ()
    assert {o.id for o in tree.descendants("GC", START)} == {"BR", "CS", "PG", "HH"}
    assert [o.id for o in tree.subtree("PG", START)] == ["PG", "HH"]
    with pytest.raises(UnknownRecordError):
        list(tree.descendants("BR", D(2019, 1, 1)))
    assert tree.children("ghost", START) == ()


def test_counts_by_level_and_form() -> None:
    tree = world()
    assert tree.counts_by_level(START) == {
        "community_working_committee": 1,
        "community_grand_committee": 1,
        "compound_branch": 2,
        "building_group": 1,
        "model_household": 1,
    }
    assert tree.counts_by_level(START, root="BR") == {
        "community_working_committee": 0,
        "community_grand_committee": 0,
        "compound_branch": 1,
        "building_group": 1,
        "model_household": 1,
    }
    assert tree.counts_by_form(START, root="PG") == {F.PARTY_GROUP: 1, F.CONTACT_HOUSEHOLD: 1}
    assert sum(tree.counts_by_level(D(2019, 1, 1)).values()) == 0


# -- records and loading -----------------------------------------------------------------------


def busy_world() -> OrgTree:
    tree = world()
    tree.found(org("GC2", F.COMMITTEE, "community_grand_committee", "WC"))
    tree.rename("BR", "新名", D(2021, 1, 1))
    tree.move("BR", "GC2", LATER)
    tree.reform("BR", F.GENERAL_BRANCH, D(2023, 1, 1))
    tree.transfer("M2", "M2b", "PG", D(2021, 6, 1))
    tree.add_term(ElectionTerm(id="E2", org_id="BR", period=Period(start="2023-01-01"), seats=5))
    tree.dissolve("HH", D(2024, 1, 1))
    tree.end_report("R1", D(2022, 3, 1))
    return tree


def test_from_records_rebuilds_the_same_records() -> None:
    tree = busy_world()
    again = OrgTree.from_records(COMMUNITY_FIVE_LEVEL, tree.records())
    assert canonical(again.records()) == canonical(tree.records())
    assert again.org("BR", LATER).parent_id == "GC2"
    assert again.terms("BR")[0].period.end == D(2023, 1, 1)


@pytest.mark.parametrize("seed", range(5))
def test_from_records_does_not_depend_on_record_order(seed: int) -> None:
    tree = busy_world()
    records = tree.records()
    rnd = random.Random(seed)
    shuffled = TreeRecords(
        **{
            name: tuple(rnd.sample(getattr(records, name), len(getattr(records, name))))
            for name in attrs.fields_dict(TreeRecords)
        }
    )
    again = OrgTree.from_records(COMMUNITY_FIVE_LEVEL, shuffled)
    assert canonical(again.records()) == canonical(records)


def test_from_records_refuses_gaps_and_overlaps_in_a_history() -> None:
    first = org(
        "WC",
        F.WORKING_COMMITTEE,
        "community_working_committee",
        None,
        Period(start=START, end=LATER),
    )
    for second in (
        attrs.evolve(first, name="新", period=Period(start="2022-01-02")),
        attrs.evolve(first, name="新", period=Period(start="2021-12-31")),
    ):
        with pytest.raises(ConflictError) as info:
            OrgTree.from_records(COMMUNITY_FIVE_LEVEL, TreeRecords(orgs=(first, second)))
        assert (info.value.rule, info.value.subject) == ("history.contiguous", "WC")
    open_first = attrs.evolve(first, period=SINCE)
    with pytest.raises(ConflictError):
        OrgTree.from_records(
            COMMUNITY_FIVE_LEVEL,
            TreeRecords(orgs=(open_first, attrs.evolve(first, period=Period(start=LATER)))),
        )


def test_from_records_refuses_a_level_change() -> None:
    tree = world()
    records = tree.records()
    br = tree.history("BR")[0]
    changed = (
        attrs.evolve(br, period=Period(start=START, end=LATER)),
        attrs.evolve(br, level="building_group", form=F.PARTY_GROUP, period=Period(start=LATER)),
    )
    orgs = tuple(o for o in records.orgs if o.id != "BR") + changed
    with pytest.raises(RuleViolationError) as info:
        OrgTree.from_records(COMMUNITY_FIVE_LEVEL, attrs.evolve(records, orgs=orgs))
    assert (info.value.rule, info.value.subject) == ("schema.level_fixed", "BR")


def test_from_records_names_an_org_at_an_unknown_level() -> None:
    records = TreeRecords(
        orgs=(
            org("WC", F.WORKING_COMMITTEE, "community_working_committee"),
            org("X", F.BRANCH, "street_branch", "WC"),
        )
    )
    with pytest.raises(InvalidRecordError) as info:
        OrgTree.from_records(COMMUNITY_FIVE_LEVEL, records)
    assert (info.value.rule, info.value.subject) == ("schema.level", "X")


def test_from_records_of_nothing_is_an_empty_tree() -> None:
    tree = OrgTree.from_records(COMMUNITY_FIVE_LEVEL, TreeRecords())
    assert tree.records() == TreeRecords()
    assert list(tree.orgs(START)) == []
    assert len(tree.territories) == 0
    tree.add_territory(territory("S", K.STREET))
    tree.add_person(member("P"))
    assert [p.id for p in tree.people()] == ["P"]
