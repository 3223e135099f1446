"""Unit tests of the monthly reconciliation, one boundary at a time."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from registers_world import city_dataset, edited

from neighborhood_pb import OrgTree
from neighborhood_pb.calendar.periods import Period, office_day
from neighborhood_pb.errors import InvalidRecordError, RuleViolationError, Severity
from neighborhood_pb.io.registers import ChangeKind, RowSource, reconcile
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory, TerritoryKind

DAY = pendulum.Date(2025, 7, 1)
BEFORE = pendulum.Date(2025, 6, 30)

CURRENT = city_dataset()


def _tree(dataset: object) -> OrgTree:
    assert hasattr(dataset, "structure")
    return OrgTree.from_records(dataset.schema, dataset.structure)  # type: ignore[attr-defined]


def _without(section: str, record_id: str) -> object:
    return edited(CURRENT, section, lambda rs: [r for r in rs if r.id != record_id])


def _replaced(section: str, new: object) -> object:
    key = new.id  # type: ignore[attr-defined]
    return edited(CURRENT, section, lambda rs: [new if r.id == key else r for r in rs])


def _added(section: str, *new: object) -> object:
    return edited(CURRENT, section, lambda rs: [*rs, *new])


def _member(person_id: str) -> Membership:
    return next(m for m in CURRENT.structure.memberships if m.person_id == person_id)


def test_the_same_registers_change_nothing_and_move_the_as_of_day() -> None:
    result = reconcile(CURRENT, CURRENT, effective=DAY)
    assert result.changes == ()
    assert result.findings == ()
    assert result.counts() == {}
    assert result.summary() == "合计：无变更"
    assert result.summary("en") == "Total: no change"
    applied = result.apply()
    assert applied.as_of == DAY
    assert applied.structure == CURRENT.structure


def test_the_effective_day_may_equal_but_not_precede_the_as_of_day() -> None:
    assert reconcile(CURRENT, CURRENT, effective=BEFORE).apply().as_of == BEFORE
    with pytest.raises(InvalidRecordError) as caught:
        reconcile(CURRENT, CURRENT, effective=BEFORE.subtract(days=1))
    assert caught.value.rule == "reconcile.effective_before_as_of"


def test_a_member_missing_from_the_registers_leaves_on_the_effective_day() -> None:
    incoming = edited(CURRENT, "memberships", lambda ms: [m for m in ms if m.person_id != "P0"])
    result = reconcile(CURRENT, incoming, effective=DAY)
    (change,) = result.changes
    assert change.kind is ChangeKind.END_MEMBERSHIP
    assert (change.subject_id, change.subject_name, change.origin_id) == ("P0", "党员0", "OG8")
    assert change.arguments == (("membership_id", "M0"), ("on", DAY))
    assert result.preview() == (
        "党员减少 党员0（P0） 离开 OG8，自 2025年7月1日",
        "合计：党员减少 1",
    )
    tree = _tree(result.apply())
    assert tree.membership("M0").period == Period(start="2021-01-01", end=DAY)
    assert tree.formal_org_of("P0", BEFORE) is not None
    assert tree.formal_org_of("P0", DAY) is None


@pytest.mark.parametrize(
    ("own_start", "expected"),
    [("2025-06-30", "2025-07-01"), ("2025-07-01", "2025-07-01"), ("2025-07-02", "2025-07-02")],
)
def test_a_new_member_starts_on_its_own_start_or_the_effective_day(
    own_start: str, expected: str
) -> None:
    person = Person(id="PN", name="张三", admitted_on="2020-01-01", full_member_on="2021-01-01")
    membership = Membership(id="MN", person_id="PN", org_id="OG0", period=Period(start=own_start))
    incoming = edited(_added("people", person), "memberships", lambda ms: [*ms, membership])  # type: ignore[arg-type]
    result = reconcile(CURRENT, incoming, effective=DAY)
    assert [c.kind for c in result.changes] == [ChangeKind.ADD_PERSON, ChangeKind.START_MEMBERSHIP]
    assert result.changes[1].after.period.start == pendulum.parse(expected).date()  # type: ignore[union-attr]
    assert result.preview()[1] == f"新增党员 张三（PN） 入 OG0，自 {office_day(expected)}"
    assert result.preview("en")[0] == "New person 张三 (PN)"
    assert result.summary() == "合计：新增人员 1、新增党员 1"
    applied = result.apply()
    assert _tree(applied).formal_org_of("PN", BEFORE) is None
    assert reconcile(applied, incoming, effective=DAY).changes == ()


def test_a_member_in_another_branch_is_transferred_under_a_fresh_id() -> None:
    incoming = _replaced("memberships", attrs.evolve(_member("P0"), org_id="OG0"))
    result = reconcile(CURRENT, incoming, effective=DAY)
    (change,) = result.changes
    assert change.kind is ChangeKind.TRANSFER
    assert change.arguments == (
        ("membership_id", "M0"),
        ("new_membership_id", "M0-20250701"),
        ("org_id", "OG0"),
        ("on", DAY),
    )
    assert result.preview("en")[0] == (
        "Membership of 党员0 (P0) transferred from OG8 to OG0, from 2025-07-01"
    )
    tree = _tree(result.apply())
    assert tree.formal_org_of("P0", BEFORE).id == "OG8"  # type: ignore[union-attr]
    assert tree.formal_org_of("P0", DAY).id == "OG0"  # type: ignore[union-attr]
    assert tree.membership("M0").end_reason == "transfer"


def test_a_renamed_org_gets_a_new_version_and_keeps_its_old_name_before() -> None:
    org = next(o for o in CURRENT.structure.orgs if o.id == "OG0")
    incoming = _replaced("orgs", attrs.evolve(org, name="第一网格党支部"))
    result = reconcile(CURRENT, incoming, effective=DAY)
    (change,) = result.changes
    assert change.kind is ChangeKind.RENAME_ORG
    assert change.arguments == (("org_id", "OG0"), ("name", "第一网格党支部"), ("on", DAY))
    assert result.preview()[0] == "组织更名 第一网格党支部（OG0），原名 OG0，自 2025年7月1日"
    applied = result.apply()
    tree = _tree(applied)
    assert tree.org("OG0", BEFORE).name == "OG0"
    assert tree.org("OG0", DAY).name == "第一网格党支部"
    assert reconcile(applied, incoming, effective=DAY).changes == ()


def test_a_moved_and_a_reformed_org() -> None:
    org = next(o for o in CURRENT.structure.orgs if o.id == "OG0")
    moved = reconcile(CURRENT, _replaced("orgs", attrs.evolve(org, parent_id="OC1")), effective=DAY)
    assert [c.kind for c in moved.changes] == [ChangeKind.MOVE_ORG]
    assert moved.preview()[0] == "调整上级组织 OG0 从 OC0 到 OC1，自 2025年7月1日"
    assert _tree(moved.apply()).org("OG0", DAY).parent_id == "OC1"
    reformed = reconcile(
        CURRENT, _replaced("orgs", attrs.evolve(org, form=OrgForm.GENERAL_BRANCH)), effective=DAY
    )
    (change,) = reformed.changes
    assert change.kind is ChangeKind.REFORM_ORG
    assert change.detail == "党支部 → 党总支"


def test_several_changes_of_one_org_are_a_finding_and_nothing_applies() -> None:
    org = next(o for o in CURRENT.structure.orgs if o.id == "OG0")
    incoming = _replaced("orgs", attrs.evolve(org, name="新名", parent_id="OC1"))
    result = reconcile(CURRENT, incoming, effective=DAY)
    assert result.changes == ()
    (finding,) = result.findings
    assert finding.code == "reconcile.several_org_changes"
    assert finding.render() == (
        "新名（OG0）：同一天更改了多项（name、parent_id）；每次只改一项（更名、调整上级或改变组织形式）"
    )
    with pytest.raises(RuleViolationError) as caught:
        result.apply()
    assert caught.value.rule == "reconcile.not_applicable"


def test_a_refused_change_is_a_finding_per_row_and_nothing_applies() -> None:
    outsider = Person(id="PX", name="李四")  # not a party member
    membership = Membership(id="MX", person_id="PX", org_id="OG0", period=Period(start=DAY))
    incoming = edited(_added("people", outsider), "memberships", lambda ms: [*ms, membership])  # type: ignore[arg-type]
    row = RowSource(sheet="党员名册", row=7)
    result = reconcile(CURRENT, incoming, effective=DAY, sources={("memberships", "MX"): row})
    assert [c.kind for c in result.changes] == [ChangeKind.ADD_PERSON, ChangeKind.START_MEMBERSHIP]
    assert result.changes[1].source == row
    assert result.preview()[1] == "新增党员 李四（PX） 入 OG0，自 2025年7月1日（党员名册第7行）"
    assert result.preview("en")[1].endswith("(党员名册 row 7)")
    (finding,) = result.findings
    assert (finding.code, finding.severity, finding.subject) == (
        "reconcile.refused_row",
        Severity.ERROR,
        "PX",
    )
    assert finding.render().startswith("党员名册第7行，李四（PX）：变更“新增党员”被拒绝")
    assert finding.render("en").startswith(
        "党员名册 row 7, 李四 (PX): the change “new member” is refused (rule "
    )
    with pytest.raises(RuleViolationError):
        result.apply()
    unsourced = reconcile(CURRENT, incoming, effective=DAY).findings[0]
    assert unsourced.code == "reconcile.refused"
    assert unsourced.render().startswith("李四（PX）：变更“新增党员”被拒绝（规则 ")


def test_a_record_starting_on_the_effective_day_cannot_be_withdrawn() -> None:
    person = Person(id="PL", name="王五", admitted_on="2020-01-01")
    late = Membership(id="ML", person_id="PL", org_id="OG0", period=Period(start=DAY))
    current = edited(_added("people", person), "memberships", lambda ms: [*ms, late])  # type: ignore[arg-type]
    result = reconcile(current, CURRENT, effective=DAY)
    assert result.changes == ()
    (finding,) = result.findings
    assert (finding.code, finding.subject) == ("reconcile.future_record", "PL")
    assert finding.render() == (
        "王五（PL）自2025年7月1日起生效，晚于比对生效日，登记表中却已没有；请直接更正数据"
    )
    with pytest.raises(RuleViolationError):
        result.apply()


def test_a_dated_end_in_the_registers_ends_the_record_then() -> None:
    end = pendulum.Date(2025, 7, 20)
    member = _member("P0")
    incoming = _replaced(
        "memberships", attrs.evolve(member, period=Period(start="2021-01-01", end=end))
    )
    (change,) = reconcile(CURRENT, incoming, effective=DAY).changes
    assert (change.kind, change.on) == (ChangeKind.END_MEMBERSHIP, end)
    ended = next(r for r in CURRENT.structure.reports)
    incoming = _replaced("reports", attrs.evolve(ended, period=Period(start="2021-01-01", end=end)))
    (change,) = reconcile(CURRENT, incoming, effective=DAY).changes
    assert (change.kind, change.on) == (ChangeKind.END_REPORT, end)
    records_ended_earlier = _replaced(
        "memberships", attrs.evolve(member, period=Period(start="2021-01-01", end=DAY))
    )
    (change,) = reconcile(CURRENT, records_ended_earlier, effective=DAY).changes
    assert (change.kind, change.on) == (ChangeKind.END_MEMBERSHIP, DAY)


def test_a_report_to_another_grid_ends_the_old_one_and_starts_a_new_one() -> None:
    report = next(r for r in CURRENT.structure.reports if r.person_id == "P0")
    assert (report.community_id, report.grid_id) == ("C3", "G10")
    incoming = _replaced("reports", attrs.evolve(report, grid_id="G11"))
    result = reconcile(CURRENT, incoming, effective=DAY)
    assert [c.kind for c in result.changes] == [ChangeKind.END_REPORT, ChangeKind.START_REPORT]
    assert result.preview()[1] == "新增报到 党员0（P0） 到 第12网格（G11），自 2025年7月1日"
    assert result.preview("en")[0] == "Report of 党员0 (P0) revoked, from 2025-07-01"
    tree = _tree(result.apply())
    assert [r.grid_id for r in tree.reports_of("P0")] == ["G10", "G11"]
    gone = reconcile(CURRENT, _without("reports", report.id), effective=DAY)
    assert [c.kind for c in gone.changes] == [ChangeKind.END_REPORT]


def test_new_territory_org_and_coverage_go_parents_first_and_dissolution_last() -> None:
    grid = Territory(
        id="GN",
        kind=TerritoryKind.GRID,
        name="新网格",
        code="GN",
        period=Period(start=DAY),
        parent_id="C0",
    )
    compound = Territory(
        id="KN",
        kind=TerritoryKind.COMPOUND,
        name="新小区",
        period=Period(start=DAY),
        parent_id="GN",
    )
    branch = Organisation(
        id="OGN",
        name="新网格党支部",
        form=OrgForm.BRANCH,
        level="grid_branch",
        period=Period(start="2021-01-01"),
        parent_id="OC0",
    )
    incoming = _added("territories", compound, grid)
    incoming = edited(incoming, "orgs", lambda os: [*os, branch])  # type: ignore[arg-type]
    incoming = edited(
        incoming,
        "coverage",
        lambda cs: [*cs, Coverage(org_id="OGN", territory_id="GN", period=Period(start=DAY))],
    )  # type: ignore[arg-type]
    result = reconcile(CURRENT, incoming, effective=DAY)
    assert [(c.kind, c.subject_id) for c in result.changes] == [
        (ChangeKind.ADD_TERRITORY, "GN"),
        (ChangeKind.ADD_TERRITORY, "KN"),
        (ChangeKind.FOUND_ORG, "OGN"),
        (ChangeKind.COVER, "OGN"),
    ]
    assert result.preview()[2] == "成立组织 新网格党支部（OGN），上级 OC0，自 2025年7月1日"
    assert result.preview("en")[3] == "新网格党支部 (OGN) covers 新网格 (GN), from 2025-07-01"
    applied = result.apply()
    tree = _tree(applied)
    assert tree.lifetime("OGN") == Period(start=DAY)
    assert reconcile(applied, incoming, effective=DAY).changes == ()
    # next month the branch is gone from the registers: its coverage ends with it
    later = pendulum.Date(2025, 8, 1)
    dissolved = reconcile(applied, CURRENT, effective=later)
    assert [c.kind for c in dissolved.changes] == [ChangeKind.DISSOLVE_ORG]
    assert dissolved.preview()[0] == "撤销组织 新网格党支部（OGN），自 2025年8月1日"
    assert _tree(dissolved.apply()).lifetime("OGN") == Period(start=DAY, end=later)


def test_an_org_and_its_children_dissolve_children_first_after_their_members_leave() -> None:
    orgs = CURRENT.structure.orgs
    top = next(
        o.id for o in orgs if o.id.startswith("OG") and any(c.parent_id == o.id for c in orgs)
    )
    removed = {top}
    for _ in range(3):
        removed |= {o.id for o in orgs if o.parent_id in removed}
    incoming = edited(CURRENT, "orgs", lambda os: [o for o in os if o.id not in removed])
    incoming = edited(
        incoming, "memberships", lambda ms: [m for m in ms if m.org_id not in removed]
    )
    incoming = edited(incoming, "coverage", lambda cs: [c for c in cs if c.org_id not in removed])
    members = [m for m in CURRENT.structure.memberships if m.org_id in removed]
    result = reconcile(CURRENT, incoming, effective=DAY)
    kinds = [c.kind for c in result.changes]
    assert kinds.count(ChangeKind.END_MEMBERSHIP) == len(members) > 0
    assert kinds.count(ChangeKind.DISSOLVE_ORG) == len(removed) > 1
    assert result.changes[-1].subject_id == top
    assert ChangeKind.UNCOVER not in kinds  # dissolving ends the coverage
    tree = _tree(result.apply())
    assert all(tree.lifetime(org_id).end == DAY for org_id in removed)


def test_coverage_missing_from_the_registers_ends() -> None:
    coverage = next(c for c in CURRENT.structure.coverage if c.territory_id.startswith("K"))
    incoming = edited(CURRENT, "coverage", lambda cs: [c for c in cs if c != coverage])
    (change,) = reconcile(CURRENT, incoming, effective=DAY).changes
    assert change.kind is ChangeKind.UNCOVER
    assert change.arguments == (
        ("org_id", coverage.org_id),
        ("territory_id", coverage.territory_id),
        ("on", DAY),
    )
    assert "不再覆盖" in reconcile(CURRENT, incoming, effective=DAY).preview()[0]


def test_an_edited_person_is_replaced_with_the_fields_named() -> None:
    person = next(p for p in CURRENT.structure.people if p.id == "P0")
    incoming = _replaced("people", attrs.evolve(person, name="党员零", phone="13800001234"))
    result = reconcile(CURRENT, incoming, effective=DAY)
    (change,) = result.changes
    assert (change.kind, change.detail) == (ChangeKind.UPDATE_PERSON, "name、phone")
    assert change.arguments == (("person", change.after),)
    assert result.preview("en")[0] == "Person 党员零 (P0) updated: name、phone"
    assert _tree(result.apply()).person("P0").name == "党员零"


def test_preview_refuses_an_unknown_language() -> None:
    result = reconcile(CURRENT, _without("memberships", "M0"), effective=DAY)
    with pytest.raises(InvalidRecordError):
        result.preview("fr")
    with pytest.raises(InvalidRecordError):
        result.summary("fr")
    assert ChangeKind.TRANSFER.label("en") == "membership transferred"
    assert ChangeKind.TRANSFER.command == "OrgTree.transfer"


def test_reports_are_matched_by_person_whatever_their_ids() -> None:
    report = next(r for r in CURRENT.structure.reports if r.person_id == "P0")
    renumbered = _replaced("reports", attrs.evolve(report, id="R0"))
    assert reconcile(CURRENT, renumbered, effective=DAY).changes == ()
    new = Report(id="R0", person_id="P1", community_id="C0", period=Period(start=DAY))
    result = reconcile(CURRENT, _added("reports", new), effective=DAY)
    (change,) = [c for c in result.changes if c.subject_id == "P1"]
    assert change.after.id == "R0-20250701"  # type: ignore[union-attr]


def test_appointments_missing_end_and_new_ones_start() -> None:
    community = load_sample("community")
    day = pendulum.Date(2026, 12, 1)
    held = [a for a in community.appointments.appointments if a.period.runs_past(day)]
    gone = next(a for a in held if a.part_time is None and a.org_id is not None)
    kept = tuple(a for a in community.appointments.appointments if a is not gone)
    incoming = attrs.evolve(
        community, appointments=attrs.evolve(community.appointments, appointments=kept)
    )
    result = reconcile(community, incoming, effective=day)
    (change,) = result.changes
    assert change.kind is ChangeKind.END_APPOINTMENT
    assert change.arguments == (("appointment_id", gone.id), ("on", day))
    assert change.detail == gone.post.label_zh
    assert "不再任" in result.preview()[0]
    applied = result.apply()
    back = reconcile(applied, community, effective=pendulum.Date(2027, 1, 1))
    (again,) = back.changes
    assert again.kind is ChangeKind.APPOINT
    assert again.after.id == f"{gone.id}-20270101"  # type: ignore[union-attr]
    assert again.after.period.start == pendulum.Date(2027, 1, 1)  # type: ignore[union-attr]
    assert back.preview("en")[0].startswith(f"{again.subject_name} ({gone.person_id}) appointed")
    restored = back.apply()
    assert reconcile(restored, community, effective="2027-01-01").changes == ()
    assert reconcile(community, community, effective=day).changes == ()


def test_an_org_with_a_later_version_in_the_registers_lives_on() -> None:
    org = next(o for o in CURRENT.structure.orgs if o.id == "OG0")
    split = pendulum.Date(2025, 7, 20)
    versions = (
        attrs.evolve(org, period=Period(start="2021-01-01", end=split)),
        attrs.evolve(org, name="后来的名字", period=Period(start=split)),
    )
    incoming = edited(CURRENT, "orgs", lambda os: [o for o in os if o.id != "OG0"] + [*versions])
    assert reconcile(CURRENT, incoming, effective=DAY).changes == ()
    closing = (
        *versions[:1],
        attrs.evolve(versions[1], period=Period(start=split, end="2025-09-01")),
    )
    incoming = edited(CURRENT, "orgs", lambda os: [o for o in os if o.id != "OG0"] + [*closing])
    (change,) = reconcile(CURRENT, incoming, effective=DAY).changes
    assert (change.kind, change.on) == (ChangeKind.DISSOLVE_ORG, pendulum.Date(2025, 9, 1))


def test_a_row_is_found_by_the_registers_own_id_when_the_id_is_renewed() -> None:
    incoming = _replaced("memberships", attrs.evolve(_member("P0"), org_id="OG0"))
    row = RowSource(sheet="党员名册", row=3)
    (change,) = reconcile(
        CURRENT, incoming, effective=DAY, sources={("memberships", "M0"): row}
    ).changes
    assert change.after.id == "M0-20250701"  # type: ignore[union-attr]
    assert change.source == row
