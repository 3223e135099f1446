"""A small, fixed organisation tree for the unit tests, and assertion helpers."""

from collections import Counter
from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.structure import (
    COMMUNITY_FIVE_LEVEL,
    Coverage,
    ElectionTerm,
    EmploymentStatus,
    Membership,
    MembershipKind,
    Organisation,
    OrgForm,
    OrgTree,
    Person,
    Report,
    Territory,
    TerritoryKind,
    TreeRecords,
)

D = pendulum.Date
START = D(2020, 1, 1)
SINCE = Period(start=START)
K = TerritoryKind


def territory(
    id: str, kind: TerritoryKind, parent: str | None = None, code: str | None = None, **kw: Any
) -> Territory:
    return Territory(
        id=id,
        kind=kind,
        name=f"{id}{kind.label_zh}",
        parent_id=parent,
        code=code,
        period=kw.pop("period", SINCE),
        **kw,
    )


def org(
    id: str, form: OrgForm, level: str, parent: str | None = None, period: Period = SINCE
) -> Organisation:
    return Organisation(
        id=id, name=f"{id}{form.label_zh}", form=form, level=level, parent_id=parent, period=period
    )


def member(
    id: str, *, admitted: str | None = "2009-07-01", full: str | None = "2010-07-01", **kw: Any
) -> Person:
    return Person(id=id, name=f"党员{id}", admitted_on=admitted, full_member_on=full, **kw)


def membership(
    id: str,
    person: str,
    org_id: str,
    period: Period = SINCE,
    kind: MembershipKind = MembershipKind.FORMAL,
) -> Membership:
    return Membership(id=id, person_id=person, org_id=org_id, period=period, kind=kind)


def world() -> OrgTree:
    """Street S1 ⊃ communities C1, C2; C1 ⊃ grid G1 ⊃ compound K1 ⊃ building B1 ⊃ unit U1 ⊃
    household H1, and compound K2 ⊃ household H2; C2 ⊃ grid G2.

    Orgs (community five-level schema): WC (working committee, covers C1) ⊃ GC (grand
    committee, covers C1) ⊃ BR (branch, covers K1) ⊃ PG (party group, covers B1) ⊃ HH
    (contact household, covers H1); GC ⊃ CS (compound-style branch, covers K2).
    People P1–P3 full members, PR probationary since 2019-07-01, NM not a member.
    """
    tree = OrgTree(COMMUNITY_FIVE_LEVEL)
    for t in (
        territory("S1", K.STREET),
        territory("C1", K.COMMUNITY, "S1"),
        territory("C2", K.COMMUNITY, "S1"),
        territory("G1", K.GRID, "C1", code="G-001"),
        territory("G2", K.GRID, "C2", code="G-002"),
        territory("K1", K.COMPOUND, "G1"),
        territory("K2", K.COMPOUND, "C1"),
        territory("B1", K.BUILDING, "K1"),
        territory("U1", K.UNIT, "B1"),
        territory("H1", K.HOUSEHOLD, "U1"),
        territory("H2", K.HOUSEHOLD, "K2"),
    ):
        tree.add_territory(t)
    for o in (
        org("WC", OrgForm.WORKING_COMMITTEE, "community_working_committee"),
        org("GC", OrgForm.GRAND_COMMITTEE, "community_grand_committee", "WC"),
        org("BR", OrgForm.BRANCH, "compound_branch", "GC"),
        org("CS", OrgForm.COMPOUND_STYLE_BRANCH, "compound_branch", "GC"),
        org("PG", OrgForm.PARTY_GROUP, "building_group", "BR"),
        org("HH", OrgForm.CONTACT_HOUSEHOLD, "model_household", "PG"),
    ):
        tree.found(o)
    for org_id, territory_id in (
        ("WC", "C1"),
        ("GC", "C1"),
        ("BR", "K1"),
        ("CS", "K2"),
        ("PG", "B1"),
        ("HH", "H1"),
    ):
        tree.cover(Coverage(org_id=org_id, territory_id=territory_id, period=SINCE))
    tree.add_person(member("P1", household_id="H1", phone="13812345678"))
    tree.add_person(member("P2", employment=EmploymentStatus.IN_SERVICE))
    tree.add_person(member("P3", employment=EmploymentStatus.RETIRED))
    tree.add_person(member("PR", admitted="2019-07-01", full=None))
    tree.add_person(member("NM", admitted=None, full=None))
    tree.add_membership(membership("M1", "P1", "BR"))
    tree.add_membership(membership("M2", "P2", "BR"))
    tree.add_membership(membership("M3", "P3", "PG"))
    tree.add_membership(membership("MC", "P1", "CS", kind=MembershipKind.COMPOUND_STYLE))
    tree.add_report(Report(id="R1", person_id="P2", community_id="C1", grid_id="G1", period=SINCE))
    tree.add_term(ElectionTerm(id="E1", org_id="BR", period=SINCE, seats=3))
    return tree


def canonical(records: TreeRecords) -> dict[str, Counter[object]]:
    """The records field by field, each as a multiset: equal whatever the insertion order
    (counting records by hash, not sorting them by their text, which costs far more)."""
    return {
        name: Counter(getattr(records, name))
        for name in ("territories", "people", "orgs", "coverage", "memberships", "reports", "terms")
    }


def assert_rejected(
    tree: OrgTree,
    error: type[NeighborhoodPBError],
    rule: str,
    subject: str,
    command: Callable[..., object],
    *args: object,
    **kwargs: object,
) -> NeighborhoodPBError:
    """Run a command that must fail: the error type, rule and subject are as expected, the
    message names the subject and the rule, and the tree has not changed at all."""
    before = tree.records()
    with pytest.raises(error) as info:
        command(*args, **kwargs)
    exc = info.value
    assert exc.rule == rule, f"rule {exc.rule!r}: {exc}"
    assert exc.subject == subject, f"subject {exc.subject!r}: {exc}"
    assert subject in str(exc)
    assert rule in str(exc)
    assert tree.records() == before
    return exc
