"""OrgTree: territory and people, coverage, memberships, transfers, residential reports and
election terms, with every error path."""

import attrs
import pytest
from tree_world import (
    SINCE,
    START,
    D,
    K,
    assert_rejected,
    member,
    membership,
    org,
    territory,
    world,
)

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import ConflictError, RuleViolationError, UnknownRecordError
from neighborhood_pb.structure import (
    COMMUNITY_FIVE_LEVEL,
    Coverage,
    ElectionTerm,
    MembershipKind,
    OrgForm,
    OrgTree,
    Person,
    Report,
    ReportChannel,
    TreeRecords,
)

F = OrgForm
LATER = D(2022, 1, 1)
STYLE = MembershipKind.COMPOUND_STYLE


# -- territory ---------------------------------------------------------------------------------


def test_add_territory_goes_to_the_map() -> None:
    tree = world()
    tree.add_territory(territory("H3", K.HOUSEHOLD, "K2"))
    assert tree.territories.get("H3").parent_id == "K2"
    assert_rejected(
        tree, ConflictError, "id.unique", "H3", tree.add_territory, territory("H3", K.HOUSEHOLD)
    )


def test_end_territory_refuses_while_covered() -> None:
    tree = world()
    exc = assert_rejected(
        tree, RuleViolationError, "coverage.within_lifetime", "H1", tree.end_territory, "H1", LATER
    )
    assert "HH" in str(exc)
    tree.uncover("HH", "H1", LATER)
    tree.end_territory("H1", LATER)
    assert tree.territories.get("H1").period.end == LATER


def test_end_territory_refuses_while_reported_to() -> None:
    tree = world()
    tree.add_report(Report(id="R2", person_id="P3", community_id="C2", grid_id="G2", period=SINCE))
    exc = assert_rejected(
        tree, RuleViolationError, "report.within_lifetime", "G2", tree.end_territory, "G2", LATER
    )
    assert "R2" in str(exc)
    tree.end_report("R2", D(2021, 1, 1))
    tree.end_territory("G2", LATER)
    assert tree.territories.at("C2", LATER).id == "C2"


def test_ending_a_territory_through_the_map_runs_the_tree_checks() -> None:
    """``tree.territories`` is public: ending a covered territory there once left coverage
    of a territory that no longer existed, and a tree that could not reload its records."""
    tree = world()
    assert_rejected(
        tree,
        RuleViolationError,
        "coverage.within_lifetime",
        "H1",
        tree.territories.end,
        "H1",
        LATER,
    )
    assert_rejected(
        tree, RuleViolationError, "report.within_lifetime", "G1", tree.territories.end, "G1", LATER
    )
    tree.uncover("HH", "H1", LATER)
    tree.territories.end("H1", LATER)
    OrgTree.from_records(COMMUNITY_FIVE_LEVEL, tree.records())


def test_end_territory_still_checks_the_map() -> None:
    tree = world()
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", tree.end_territory, "ghost", LATER
    )
    assert_rejected(
        tree, RuleViolationError, "territory.nesting", "U1", tree.end_territory, "U1", LATER
    )


# -- people ------------------------------------------------------------------------------------


def test_add_person_and_look_them_up() -> None:
    tree = world()
    tree.add_person(member("P9", household_id="H2"))
    assert tree.person("P9").household_id == "H2"
    assert "P9" in {p.id for p in tree.people()}
    assert_rejected(tree, UnknownRecordError, "reference.exists", "ghost", tree.person, "ghost")


def test_add_person_refuses_a_taken_id_or_a_bad_home() -> None:
    tree = world()
    assert_rejected(tree, ConflictError, "id.unique", "P1", tree.add_person, member("P1"))
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "H9",
        tree.add_person,
        member("P9", household_id="H9"),
    )
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "person.household",
        "P9",
        tree.add_person,
        member("P9", household_id="K1"),
    )
    assert "K1" in str(exc)


def test_update_person_records_full_membership() -> None:
    tree = world()
    tree.update_person(member("PR", admitted="2019-07-01", full="2020-07-01"))
    assert tree.person("PR").is_full_member(D(2020, 7, 1))


def test_update_person_refuses_unknown_people_and_bad_homes() -> None:
    tree = world()
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", tree.update_person, member("ghost")
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "person.household",
        "P1",
        tree.update_person,
        member("P1", household_id="B1"),
    )


def test_update_person_refuses_to_unmake_a_member_with_memberships() -> None:
    tree = world()
    assert_rejected(
        tree,
        RuleViolationError,
        "membership.party_member",
        "P1",
        tree.update_person,
        member("P1", admitted=None, full=None),
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "membership.party_member",
        "P1",
        tree.update_person,
        member("P1", admitted="2020-01-02", full=None),
    )


def test_update_person_refuses_to_unmake_a_member_with_reports() -> None:
    """Without this check the tree held a non-member's report, and loading its own records
    failed."""
    tree = world()
    tree.add_person(member("P8"))
    tree.add_report(Report(id="R8", person_id="P8", community_id="C2", period=SINCE))
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "membership.party_member",
        "R8",
        tree.update_person,
        member("P8", admitted=None, full=None),
    )
    assert "P8" in str(exc)
    OrgTree.from_records(COMMUNITY_FIVE_LEVEL, tree.records())


# -- coverage ----------------------------------------------------------------------------------


def test_cover_and_query_coverage() -> None:
    tree = world()
    tree.found(org("JB", F.JOINT_BRANCH, "compound_branch", "GC"))
    tree.add_territory(territory("K3", K.COMPOUND, "C2"))
    for tid in ("K3", "K2"):
        tree.cover(Coverage(org_id="JB", territory_id=tid, period=SINCE))
    assert [t.id for t in tree.territories_covered("JB", START)] == ["K3", "K2"]
    assert [o.id for o in tree.orgs_covering("K2", START)] == ["CS", "JB"]
    assert [o.id for o in tree.orgs_covering("H2", START, inherited=True)] == [
        "CS",
        "JB",
        "WC",
        "GC",
    ]
    assert tree.orgs_covering("H2", START) == ()
    assert tree.orgs_covering("K2", D(2019, 1, 1)) == ()
    assert tree.territories_covered("JB", D(2019, 1, 1)) == ()
    assert tree.territories_covered("ghost", START) == ()
    with pytest.raises(UnknownRecordError):
        tree.orgs_covering("ghost", START)
    with pytest.raises(UnknownRecordError):
        tree.orgs_covering("ghost", START, inherited=True)


def test_cover_refuses_unknown_org_or_territory() -> None:
    tree = world()
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.cover,
        Coverage(org_id="ghost", territory_id="K1", period=SINCE),
    )
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.cover,
        Coverage(org_id="BR", territory_id="ghost", period=SINCE),
    )


def test_cover_refuses_a_territory_kind_the_level_does_not_cover() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "coverage.territory_kind",
        "BR→B1@2020-01-01",
        tree.cover,
        Coverage(org_id="BR", territory_id="B1", period=SINCE),
    )
    assert "楼栋" in str(exc)


def test_cover_must_fit_the_lives_of_org_and_territory() -> None:
    tree = world()
    tree.add_territory(
        territory("K3", K.COMPOUND, "C2", period=Period(start="2021-01-01", end="2023-01-01"))
    )
    tree.found(org("BR2", F.BRANCH, "compound_branch", "GC", Period(start="2021-01-01")))
    for period in (Period(start=START), Period(start="2021-01-01")):
        c = Coverage(org_id="BR2", territory_id="K3", period=period)
        assert_rejected(tree, RuleViolationError, "coverage.within_lifetime", c.key, tree.cover, c)
    tree.cover(
        Coverage(
            org_id="BR2", territory_id="K3", period=Period(start="2021-01-01", end="2023-01-01")
        )
    )


def test_cover_refuses_the_same_coverage_twice_at_once() -> None:
    tree = world()
    clash = Coverage(org_id="BR", territory_id="K1", period=Period(start=LATER))
    assert_rejected(tree, ConflictError, "coverage.unique", clash.key, tree.cover, clash)
    tree.uncover("BR", "K1", LATER)
    tree.cover(clash)
    assert len(tree.records().coverage) == 7


def test_one_root_per_jurisdiction() -> None:
    tree = world()
    tree.found(org("WC2", F.WORKING_COMMITTEE, "community_working_committee"))
    clash = Coverage(org_id="WC2", territory_id="C1", period=Period(start=LATER))
    exc = assert_rejected(
        tree, RuleViolationError, "tree.one_root_per_jurisdiction", clash.key, tree.cover, clash
    )
    assert "WC" in str(exc)
    tree.cover(Coverage(org_id="WC2", territory_id="C2", period=SINCE))
    tree.uncover("WC", "C1", LATER)
    tree.cover(clash)
    assert [o.id for o in tree.orgs_covering("C1", LATER)] == ["GC", "WC2"]


def test_uncover() -> None:
    tree = world()
    ended = tree.uncover("BR", "K1", LATER)
    assert ended.period == Period(start=START, end=LATER)
    assert tree.territories_covered("BR", LATER) == ()
    assert tree.orgs_covering("K1", LATER) == ()
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "BR→K1",
        tree.uncover,
        "BR",
        "K1",
        D(2023, 1, 1),
    )
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost→K1", tree.uncover, "ghost", "K1", LATER
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "history.end_dated",
        "CS→K2@2020-01-01",
        tree.uncover,
        "CS",
        "K2",
        START,
    )


# -- memberships -------------------------------------------------------------------------------


def test_membership_queries() -> None:
    tree = world()
    assert [m.id for m in tree.memberships("BR", START)] == ["M1", "M2"]
    assert [m.id for m in tree.memberships("BR", START, subtree=True)] == ["M1", "M2", "M3"]
    assert [m.id for m in tree.memberships("CS", START)] == []
    assert [m.id for m in tree.memberships("CS", START, kind=STYLE)] == ["MC"]
    assert {m.id for m in tree.memberships("GC", START, kind=None, subtree=True)} == {
        "M1",
        "M2",
        "M3",
        "MC",
    }
    assert [m.id for m in tree.memberships_of("P1")] == ["M1", "MC"]
    assert tree.memberships_of("ghost") == ()
    assert tree.membership("M3").org_id == "PG"
    assert_rejected(tree, UnknownRecordError, "reference.exists", "ghost", tree.membership, "ghost")
    with pytest.raises(UnknownRecordError):
        tree.memberships("BR", D(2019, 1, 1))


def test_full_member_count_ignores_probationers_and_counts_people_once() -> None:
    tree = world()
    tree.add_membership(membership("MP", "PR", "BR"))
    assert tree.full_member_count("BR", START) == 3
    assert tree.full_member_count("BR", START, subtree=False) == 2
    tree.update_person(member("PR", admitted="2019-07-01", full="2020-07-01"))
    assert tree.full_member_count("BR", D(2020, 6, 30), subtree=False) == 2
    assert tree.full_member_count("BR", D(2020, 7, 1), subtree=False) == 3
    tree.add_membership(membership("MS", "P1", "PG", kind=STYLE))
    assert len(tree.memberships("BR", START, kind=None, subtree=True)) == 5
    assert tree.full_member_count("BR", START, kind=None) == 3  # P1 counts once
    assert tree.full_member_count("CS", START) == 0
    assert tree.full_member_count("CS", START, kind=STYLE) == 1


def test_formal_org_of() -> None:
    tree = world()
    assert tree.formal_org_of("P1", START) == tree.org("BR", START)
    assert tree.formal_org_of("NM", START) is None
    tree.end_membership("M1", LATER)
    assert tree.formal_org_of("P1", LATER) is None


def test_add_membership_refuses_taken_ids_and_dangling_references() -> None:
    tree = world()
    assert_rejected(
        tree, ConflictError, "id.unique", "M1", tree.add_membership, membership("M1", "P3", "BR")
    )
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.add_membership,
        membership("MX", "ghost", "BR"),
    )
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.add_membership,
        membership("MX", "NM", "ghost"),
    )


def test_only_party_members_hold_memberships() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "membership.party_member",
        "MX",
        tree.add_membership,
        membership("MX", "NM", "GC"),
    )
    assert "NM" in str(exc)
    assert_rejected(
        tree,
        RuleViolationError,
        "membership.party_member",
        "MX",
        tree.add_membership,
        membership("MX", "PR", "GC", Period(start="2019-06-30")),
    )


def test_membership_within_the_org_life() -> None:
    tree = world()
    tree.found(org("BR2", F.BRANCH, "compound_branch", "GC", Period(start=START, end=LATER)))
    for period in (Period(start="2019-12-31", end="2021-01-01"), Period(start=START)):
        assert_rejected(
            tree,
            RuleViolationError,
            "membership.within_lifetime",
            "MX",
            tree.add_membership,
            membership("MX", "PR", "BR2", period, STYLE),
        )
    tree.add_membership(membership("MX", "PR", "BR2", Period(start=START, end=LATER), STYLE))


@pytest.mark.parametrize(
    ("org_id", "kind"),
    [("CS", MembershipKind.FORMAL), ("HH", MembershipKind.FORMAL), ("HH", STYLE), ("GC", STYLE)],
)
def test_membership_kind_must_fit_the_form(org_id: str, kind: MembershipKind) -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "membership.form",
        "MX",
        tree.add_membership,
        membership("MX", "PR", org_id, SINCE, kind),
    )
    assert kind.label_zh in str(exc)


def test_membership_kind_must_fit_every_version_it_spans() -> None:
    tree = world()
    tree.found(org("BR2", F.BRANCH, "compound_branch", "GC"))
    tree.reform("BR2", F.COMPOUND_STYLE_BRANCH, LATER)
    assert_rejected(
        tree,
        RuleViolationError,
        "membership.form",
        "MX",
        tree.add_membership,
        membership("MX", "PR", "BR2", Period(start="2021-01-01")),
    )
    tree.add_membership(membership("MX", "PR", "BR2", Period(start=START, end=LATER)))


def test_one_formal_membership_at_a_time() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        ConflictError,
        "membership.one_formal",
        "MX",
        tree.add_membership,
        membership("MX", "P1", "GC", Period(start=LATER)),
    )
    assert "M1" in str(exc)
    tree.end_membership("M1", LATER)
    tree.add_membership(membership("MX", "P1", "GC", Period(start=LATER)))
    assert tree.formal_org_of("P1", LATER) == tree.org("GC", LATER)


def test_no_two_memberships_of_a_person_in_one_org_at_once() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        ConflictError,
        "membership.unique",
        "MX",
        tree.add_membership,
        membership("MX", "P1", "BR", SINCE, STYLE),
    )
    assert "M1" in str(exc)
    assert_rejected(
        tree,
        ConflictError,
        "membership.unique",
        "MX",
        tree.add_membership,
        membership("MX", "P1", "CS", Period(start=LATER), STYLE),
    )
    tree.add_membership(membership("MX", "P1", "PG", SINCE, STYLE))
    assert {m.kind for m in tree.memberships_of("P1")} == {MembershipKind.FORMAL, STYLE}


def test_end_membership() -> None:
    tree = world()
    ended = tree.end_membership("M1", LATER, reason="death")
    assert (ended.period.end, ended.end_reason) == (LATER, "death")
    assert tree.membership("M1") == ended
    assert tree.end_membership("M2", LATER).end_reason is None
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", tree.end_membership, "ghost", LATER
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "history.end_dated",
        "M1",
        tree.end_membership,
        "M1",
        D(2021, 1, 1),
    )
    assert_rejected(
        tree, RuleViolationError, "history.end_dated", "M3", tree.end_membership, "M3", START
    )


def test_transfer_moves_a_formal_membership_atomically() -> None:
    tree = world()
    new = tree.transfer("M1", "M1b", "GC", LATER)
    assert (new.org_id, new.period, new.kind) == ("GC", Period(start=LATER), MembershipKind.FORMAL)
    old = tree.membership("M1")
    assert (old.period.end, old.end_reason) == (LATER, "transfer")
    assert tree.formal_org_of("P1", D(2021, 12, 31)).id == "BR"  # type: ignore[union-attr]
    assert tree.formal_org_of("P1", LATER).id == "GC"  # type: ignore[union-attr]


def test_transfer_refuses_and_changes_nothing() -> None:
    tree = world()
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.transfer,
        "ghost",
        "MX",
        "GC",
        LATER,
    )
    assert_rejected(
        tree, RuleViolationError, "history.end_dated", "M1", tree.transfer, "M1", "MX", "GC", START
    )
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.transfer,
        "M1",
        "MX",
        "ghost",
        LATER,
    )
    assert_rejected(
        tree, RuleViolationError, "membership.form", "MX", tree.transfer, "M1", "MX", "CS", LATER
    )
    assert_rejected(tree, ConflictError, "id.unique", "M1", tree.transfer, "M1", "M1", "GC", LATER)
    tree.end_membership("M2", LATER)
    assert_rejected(
        tree,
        RuleViolationError,
        "history.end_dated",
        "M2",
        tree.transfer,
        "M2",
        "MX",
        "GC",
        D(2023, 1, 1),
    )


# -- residential reports -----------------------------------------------------------------------


def test_reports_and_their_queries() -> None:
    tree = world()
    tree.add_report(
        Report(
            id="R2",
            person_id="P3",
            community_id="C2",
            period=SINCE,
            channels={ReportChannel.ONLINE},
        )
    )
    assert tree.report("R2").channels == {ReportChannel.ONLINE}
    assert [r.id for r in tree.reports_to("C1", START)] == ["R1"]
    assert [r.id for r in tree.reports_to("G1", START)] == ["R1"]
    assert [r.id for r in tree.reports_to("S1", START)] == ["R1", "R2"]
    assert tree.reports_to("K1", START) == ()
    assert tree.reports_to("G2", START) == ()
    assert tree.reports_to("S1", D(2019, 1, 1)) == ()
    assert [r.id for r in tree.reported_members("WC", START)] == ["R1"]
    assert tree.reported_members("BR", START) == ()
    assert_rejected(tree, UnknownRecordError, "reference.exists", "ghost", tree.report, "ghost")
    with pytest.raises(UnknownRecordError):
        tree.reports_to("ghost", START)


def test_add_report_refuses_ids_people_and_non_members() -> None:
    tree = world()
    assert_rejected(
        tree,
        ConflictError,
        "id.unique",
        "R1",
        tree.add_report,
        Report(id="R1", person_id="P3", community_id="C1", period=SINCE),
    )
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.add_report,
        Report(id="RX", person_id="ghost", community_id="C1", period=SINCE),
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "membership.party_member",
        "RX",
        tree.add_report,
        Report(id="RX", person_id="NM", community_id="C1", period=SINCE),
    )


def test_add_report_refuses_a_place_that_is_not_a_community_or_its_grid() -> None:
    tree = world()
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.add_report,
        Report(id="RX", person_id="P3", community_id="ghost", period=SINCE),
    )
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "report.community",
        "RX",
        tree.add_report,
        Report(id="RX", person_id="P3", community_id="S1", period=SINCE),
    )
    assert "S1" in str(exc)
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.add_report,
        Report(id="RX", person_id="P3", community_id="C1", grid_id="ghost", period=SINCE),
    )
    for grid in ("K1", "G2"):
        exc = assert_rejected(
            tree,
            RuleViolationError,
            "report.grid",
            "RX",
            tree.add_report,
            Report(id="RX", person_id="P3", community_id="C1", grid_id=grid, period=SINCE),
        )
        assert grid in str(exc)


def test_a_village_takes_reports_too() -> None:
    tree = world()
    tree.add_territory(territory("V1", K.VILLAGE))
    tree.add_report(Report(id="RX", person_id="P3", community_id="V1", period=SINCE))
    assert [r.id for r in tree.reports_to("V1", START)] == ["RX"]


def test_add_report_within_the_life_of_community_and_grid() -> None:
    tree = world()
    tree.add_territory(
        territory("G3", K.GRID, "C2", code="G-003", period=Period(start=START, end=LATER))
    )
    for grid, period in ((None, Period(start="2019-01-01")), ("G3", SINCE)):
        assert_rejected(
            tree,
            RuleViolationError,
            "report.within_lifetime",
            "RX",
            tree.add_report,
            Report(id="RX", person_id="P3", community_id="C2", grid_id=grid, period=period),
        )
    tree.add_report(
        Report(
            id="RX",
            person_id="P3",
            community_id="C2",
            grid_id="G3",
            period=Period(start=START, end=LATER),
        )
    )


def test_one_report_at_a_time() -> None:
    tree = world()
    exc = assert_rejected(
        tree,
        ConflictError,
        "report.one_at_a_time",
        "RX",
        tree.add_report,
        Report(id="RX", person_id="P2", community_id="C2", period=Period(start=LATER)),
    )
    assert "R1" in str(exc)
    tree.end_report("R1", LATER)
    tree.add_report(Report(id="RX", person_id="P2", community_id="C2", period=Period(start=LATER)))
    assert [r.id for r in tree.reports_to("S1", LATER)] == ["RX"]


def test_reporting_names_who_reports_on_a_day() -> None:
    tree = world()
    assert tree.reporting(START) == {"P2"}
    tree.end_report("R1", LATER)
    tree.add_report(Report(id="R2", person_id="P3", community_id="C2", period=SINCE))
    assert tree.reporting(START) == {"P2", "P3"}
    assert tree.reporting(LATER) == {"P3"}  # R1 ended that day
    assert tree.reporting(D(2019, 1, 1)) == frozenset()


def test_end_report() -> None:
    tree = world()
    assert tree.end_report("R1", LATER).period == Period(start=START, end=LATER)
    assert tree.reports_to("C1", LATER) == ()
    assert_rejected(
        tree, UnknownRecordError, "reference.exists", "ghost", tree.end_report, "ghost", LATER
    )
    assert_rejected(
        tree, RuleViolationError, "history.end_dated", "R1", tree.end_report, "R1", D(2023, 1, 1)
    )
    tree.add_report(Report(id="R2", person_id="P3", community_id="C2", period=SINCE))
    assert_rejected(
        tree, RuleViolationError, "history.end_dated", "R2", tree.end_report, "R2", START
    )


# -- election terms ----------------------------------------------------------------------------


def term(id: str, org_id: str, start: str, end: str | None = None, seats: int = 3) -> ElectionTerm:
    return ElectionTerm(id=id, org_id=org_id, period=Period(start=start, end=end), seats=seats)


def test_a_new_term_ends_the_open_one() -> None:
    tree = world()
    tree.add_term(term("E2", "BR", "2023-01-01", seats=5))
    assert [t.id for t in tree.terms("BR")] == ["E1", "E2"]
    assert tree.terms("BR")[0].period.end == D(2023, 1, 1)
    assert tree.term_at("BR", D(2022, 12, 31)).id == "E1"  # type: ignore[union-attr]
    assert tree.term_at("BR", D(2023, 1, 1)).seats == 5  # type: ignore[union-attr]
    assert tree.term_at("BR", D(2019, 1, 1)) is None
    assert tree.terms("ghost") == ()


def test_terms_are_listed_oldest_first() -> None:
    tree = world()
    tree.found(org("BR2", F.BRANCH, "compound_branch", "GC"))
    tree.add_term(term("E3", "BR2", "2023-01-01"))
    tree.add_term(term("E2", "BR2", "2020-01-01", "2023-01-01"))
    assert [t.id for t in tree.terms("BR2")] == ["E2", "E3"]


def test_add_term_refuses() -> None:
    tree = world()
    assert_rejected(
        tree, ConflictError, "id.unique", "E1", tree.add_term, term("E1", "CS", "2020-01-01")
    )
    assert_rejected(
        tree,
        UnknownRecordError,
        "reference.exists",
        "ghost",
        tree.add_term,
        term("EX", "ghost", "2020-01-01"),
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "term.within_lifetime",
        "EX",
        tree.add_term,
        term("EX", "CS", "2019-01-01"),
    )
    exc = assert_rejected(
        tree,
        RuleViolationError,
        "term.elected_forms",
        "EX",
        tree.add_term,
        term("EX", "WC", "2020-01-01"),
    )
    assert "党工委" in str(exc)
    assert_rejected(
        tree,
        RuleViolationError,
        "term.elected_forms",
        "EX",
        tree.add_term,
        term("EX", "PG", "2020-01-01"),
    )


def test_term_within_a_dissolved_org_life() -> None:
    tree = world()
    tree.end_membership("MC", LATER)
    tree.dissolve("CS", LATER)
    assert_rejected(
        tree,
        RuleViolationError,
        "term.within_lifetime",
        "EX",
        tree.add_term,
        term("EX", "CS", "2021-01-01"),
    )
    assert_rejected(
        tree,
        RuleViolationError,
        "term.within_lifetime",
        "EX",
        tree.add_term,
        term("EX", "CS", "2022-06-01", "2023-01-01"),
    )
    tree.add_term(term("EX", "CS", "2021-01-01", "2022-01-01"))


def test_term_elected_form_is_judged_when_it_starts() -> None:
    tree = world()
    tree.found(org("T", F.TEMPORARY_BRANCH, "compound_branch", "GC"))
    tree.reform("T", F.BRANCH, LATER)
    assert_rejected(
        tree,
        RuleViolationError,
        "term.elected_forms",
        "EX",
        tree.add_term,
        term("EX", "T", "2021-01-01"),
    )
    tree.add_term(term("EX", "T", "2022-01-01"))


def test_terms_do_not_overlap() -> None:
    tree = world()
    tree.add_term(term("E2", "BR", "2023-01-01", "2026-01-01"))
    for clash in (
        term("EX", "BR", "2024-01-01"),
        term("EX", "BR", "2021-01-01", "2021-06-01"),
        term("EX", "BR", "2020-01-01"),
    ):
        exc = assert_rejected(tree, ConflictError, "term.no_overlap", "EX", tree.add_term, clash)
        assert "E" in str(exc)
    tree.add_term(term("E3", "BR", "2026-01-01"))
    assert [t.id for t in tree.terms("BR")] == ["E1", "E2", "E3"]


def test_a_closed_term_inside_the_open_one_shortens_it() -> None:
    tree = world()
    tree.add_term(term("E2", "BR", "2022-01-01", "2023-01-01"))
    assert [t.period for t in tree.terms("BR")] == [
        Period(start=START, end=LATER),
        Period(start=LATER, end="2023-01-01"),
    ]


def test_records_returns_every_record() -> None:
    tree = world()
    records = tree.records()
    assert isinstance(records, TreeRecords)
    assert [len(getattr(records, f.name)) for f in attrs.fields(TreeRecords)] == [
        11,
        5,
        6,
        6,
        4,
        1,
        1,
    ]
    assert isinstance(records.people[0], Person)


@pytest.mark.parametrize("kind", [MembershipKind.FORMAL, STYLE, None])
@pytest.mark.parametrize("subtree", [True, False])
def test_member_counts_are_the_people_and_the_full_members(
    kind: MembershipKind | None, subtree: bool
) -> None:
    tree = world()
    for each in tree.orgs(START):
        held = tree.memberships(each.id, START, kind=kind, subtree=subtree)
        people = {m.person_id for m in held}
        full = tree.full_member_count(each.id, START, kind=kind, subtree=subtree)
        counts = tree.member_counts(each.id, START, kind=kind, subtree=subtree)
        assert counts == (len(people), full)
        assert full == sum(tree.person(p).is_full_member(START) for p in people)
    assert tree.member_counts("GC", START, kind=None) != (0, 0)  # the world has members
