"""Properties of OrgTree over generated datasets: loading, rebuilding, as-of queries against
a naive reading of the records, and rejection of invalid commands."""

import random

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tree_world import canonical

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.structure import (
    LevelSchema,
    MembershipKind,
    Organisation,
    OrgTree,
    TerritoryKind,
    TreeRecords,
)
from neighborhood_pb.testing.structure import (
    INVALID_COMMAND_NAMES,
    invalid_commands,
    schemas_and_tree_records,
    tree_records,
)

Dataset = tuple[LevelSchema, TreeRecords]


def key_days(records: TreeRecords) -> list[pendulum.Date]:
    """Days where something starts or ends, and the day before each."""
    periods: list[Period] = [
        r.period
        for name in ("territories", "orgs", "coverage", "memberships", "reports", "terms")
        for r in getattr(records, name)
    ]
    days = {p.start for p in periods} | {p.end for p in periods if p.end is not None}
    return sorted(days | {d.subtract(days=1) for d in days})


@st.composite
def datasets_and_days(draw: st.DrawFn) -> tuple[LevelSchema, TreeRecords, pendulum.Date]:
    schema, records = draw(schemas_and_tree_records())
    return schema, records, draw(st.sampled_from(key_days(records)))


def alive(period: Period, day: pendulum.Date) -> bool:
    return period.start <= day and (period.end is None or day < period.end)


def naive_version(records: TreeRecords, org_id: str, day: pendulum.Date) -> Organisation | None:
    found = [o for o in records.orgs if o.id == org_id and alive(o.period, day)]
    assert len(found) <= 1
    return found[0] if found else None


@given(schemas_and_tree_records())
def test_generated_datasets_load_and_rebuild(dataset: Dataset) -> None:
    schema, records = dataset
    tree = OrgTree.from_records(schema, records)
    assert canonical(tree.records()) == canonical(records)
    again = OrgTree.from_records(schema, tree.records())
    assert canonical(again.records()) == canonical(records)


@given(schemas_and_tree_records(), st.randoms(use_true_random=False))
def test_loading_does_not_depend_on_record_order(dataset: Dataset, rnd: random.Random) -> None:
    schema, records = dataset
    shuffled = TreeRecords(
        **{
            f.name: tuple(rnd.sample(getattr(records, f.name), len(getattr(records, f.name))))
            for f in attrs.fields(TreeRecords)
        }
    )
    tree = OrgTree.from_records(schema, shuffled)
    assert canonical(tree.records()) == canonical(records)


@given(datasets_and_days())
def test_org_queries_agree_with_a_naive_reading(
    data: tuple[LevelSchema, TreeRecords, pendulum.Date],
) -> None:
    schema, records, day = data
    tree = OrgTree.from_records(schema, records)
    in_effect = {o.id: o for o in records.orgs if alive(o.period, day)}
    assert {o.id: o for o in tree.orgs(day)} == in_effect
    assert sum(tree.counts_by_level(day).values()) == len(in_effect)
    assert sum(tree.counts_by_form(day).values()) == len(in_effect)
    assert {o.id for o in tree.roots(day)} == {
        o.id for o in in_effect.values() if o.parent_id is None
    }
    for org_id, version in in_effect.items():
        assert tree.org(org_id, day) == version
        assert tree.version_at(org_id, day) == version
        children = {o.id for o in in_effect.values() if o.parent_id == org_id}
        assert {o.id for o in tree.children(org_id, day)} == children
        chain, parent_id = [], version.parent_id
        while parent_id is not None:
            parent = in_effect[parent_id]  # a parent exists whenever its child does
            chain.append(parent.id)
            parent_id = parent.parent_id
        assert [o.id for o in tree.ancestors(org_id, day)] == chain
        below = [o.id for o in tree.descendants(org_id, day)]
        assert len(below) == len(set(below))
        assert set(below) == {
            x for x in in_effect if org_id in [a.id for a in tree.ancestors(x, day)]
        }
        assert sum(tree.counts_by_level(day, root=org_id).values()) == len(below) + 1
    for org_id in {o.id for o in records.orgs} - set(in_effect):
        assert tree.version_at(org_id, day) is None
        assert naive_version(records, org_id, day) is None


@given(datasets_and_days())
def test_member_queries_agree_with_a_naive_reading(
    data: tuple[LevelSchema, TreeRecords, pendulum.Date],
) -> None:
    schema, records, day = data
    tree = OrgTree.from_records(schema, records)
    people = {p.id: p for p in records.people}
    for org in tree.orgs(day):
        for kind in (MembershipKind.FORMAL, MembershipKind.COMPOUND_STYLE, None):
            expected = {
                m.id
                for m in records.memberships
                if m.org_id == org.id and alive(m.period, day) and (kind is None or m.kind is kind)
            }
            assert {m.id for m in tree.memberships(org.id, day, kind=kind)} == expected
        formal_full = {
            m.person_id
            for m in records.memberships
            if m.org_id == org.id
            and m.kind is MembershipKind.FORMAL
            and alive(m.period, day)
            and people[m.person_id].is_full_member(day)
        }
        assert tree.full_member_count(org.id, day, subtree=False) == len(formal_full)
        covered = {
            c.territory_id for c in records.coverage if c.org_id == org.id and alive(c.period, day)
        }
        assert {t.id for t in tree.territories_covered(org.id, day)} == covered
        terms = [t for t in records.terms if t.org_id == org.id and alive(t.period, day)]
        assert tree.term_at(org.id, day) == (terms[0] if terms else None)
    for person in records.people:
        formal = [
            m
            for m in records.memberships
            if m.person_id == person.id and m.kind is MembershipKind.FORMAL and alive(m.period, day)
        ]
        assert len(formal) <= 1
        found = tree.formal_org_of(person.id, day)
        assert (found.id if found else None) == (formal[0].org_id if formal else None)
    for territory in records.territories:
        covering = sorted(
            c.org_id
            for c in records.coverage
            if c.territory_id == territory.id and alive(c.period, day)
        )
        assert sorted(o.id for o in tree.orgs_covering(territory.id, day)) == covering
        if territory.kind in (TerritoryKind.COMMUNITY, TerritoryKind.VILLAGE, TerritoryKind.GRID):
            reports = {
                r.id
                for r in records.reports
                if alive(r.period, day) and territory.id in (r.community_id, r.grid_id)
            }
            assert {r.id for r in tree.reports_to(territory.id, day)} == reports


@given(schemas_and_tree_records(), st.data())
def test_invalid_commands_are_rejected_and_change_nothing(
    dataset: Dataset, data: st.DataObject
) -> None:
    schema, records = dataset
    tree = OrgTree.from_records(schema, records)
    command = data.draw(invalid_commands(schema, tree.records()))
    before = tree.records()
    with pytest.raises(command.error) as info:
        command(tree)
    assert info.value.rule == command.rule, command
    assert info.value.subject == command.subject, command
    assert command.subject in str(info.value)
    assert command.rule in str(info.value)
    assert tree.records() == before


@pytest.mark.parametrize("name", INVALID_COMMAND_NAMES)
@given(data=st.data())
def test_each_kind_of_invalid_command(name: str, data: st.DataObject) -> None:
    from tree_world import world

    tree = world()
    schema, records = tree.schema, tree.records()
    tree.dissolve("HH", pendulum.Date(2024, 1, 1))
    tree.end_membership("M2", pendulum.Date(2023, 1, 1))
    tree.found(
        Organisation(
            id="WC2",
            name="第二党工委",
            form=tree.org("WC", pendulum.Date(2020, 1, 1)).form,
            level="community_working_committee",
            period=Period(start="2020-01-01"),
        )
    )
    records = tree.records()
    command = data.draw(invalid_commands(schema, records, names=[name]))
    assert command.name == name
    before = tree.records()
    with pytest.raises(command.error) as info:
        command(tree)
    assert (info.value.rule, info.value.subject) == (command.rule, command.subject)
    assert tree.records() == before


@given(st.data())
def test_tree_records_for_a_fixed_schema(data: st.DataObject) -> None:
    from neighborhood_pb.structure import STREET_GRID_FIVE_LEVEL

    records = data.draw(tree_records(STREET_GRID_FIVE_LEVEL, max_orgs=4, max_people=2))
    assert len({o.id for o in records.orgs}) <= 4
    assert len(records.people) <= 2
    assert all(STREET_GRID_FIVE_LEVEL.position(o.level) >= 0 for o in records.orgs)


@given(st.data())
def test_a_one_level_schema_has_no_root_below_the_top(data: st.DataObject) -> None:
    from neighborhood_pb.structure import Level, OrgForm
    from neighborhood_pb.structure import TerritoryKind as K

    flat = LevelSchema(
        code="flat",
        label_zh="单级",
        levels=[
            Level(code="only", label_zh="只", forms={OrgForm.BRANCH}, territory_kinds={K.GRID})
        ],
    )
    command = data.draw(invalid_commands(flat, TreeRecords()))
    assert command.name != "found.root_below_top"
    with pytest.raises(command.error):
        command(OrgTree(flat))
