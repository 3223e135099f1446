"""The public hypothesis strategies of neighborhood_pb.testing.structure."""

import pendulum
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

import neighborhood_pb.testing as testing
import neighborhood_pb.testing.structure as strategies
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.structure import (
    COMMUNITY_FIVE_LEVEL,
    SCHEMA_PRESETS,
    LevelSchema,
    MembershipKind,
    OrgTree,
    Person,
    Territory,
    TerritoryKind,
    TreeRecords,
)
from neighborhood_pb.testing.structure import (
    EARLIEST,
    INVALID_COMMAND_NAMES,
    LATEST,
    Standing,
    dates,
    employment_statuses,
    invalid_commands,
    membership_kinds,
    org_forms,
    org_trees,
    periods,
    persons,
    preset_schemas,
    report_channels,
    schemas_and_tree_records,
    territories,
    territory_kinds,
    tree_records,
)

D = pendulum.Date


def _isort_key(name: str) -> tuple[int, str]:
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_public_names_are_sorted_and_re_exported() -> None:
    assert strategies.__all__ == sorted(strategies.__all__, key=_isort_key)
    assert testing.__all__ == sorted(testing.__all__, key=_isort_key)
    assert set(testing.__all__) >= set(strategies.__all__)
    functions = [getattr(strategies, n) for n in strategies.__all__ if n[0].islower()]
    assert all(f.__doc__ for f in [*functions, strategies.InvalidCommand])


@given(dates(D(2020, 1, 1), D(2020, 12, 31)))
def test_dates_are_pendulum_dates_in_range(day: pendulum.Date) -> None:
    assert type(day) is pendulum.Date
    assert D(2020, 1, 1) <= day <= D(2020, 12, 31)


@given(dates())
def test_default_date_range(day: pendulum.Date) -> None:
    assert EARLIEST <= day <= LATEST


@given(periods(min_start=D(2020, 1, 1), max_start=D(2020, 1, 31), max_days=10, open_end=False))
def test_closed_periods(period: Period) -> None:
    assert period.end is not None
    assert 1 <= period.days() <= 10
    assert D(2020, 1, 1) <= period.start <= D(2020, 1, 31)


@given(periods(open_end=True))
def test_open_periods(period: Period) -> None:
    assert period.is_open


def test_both_open_and_closed_periods_are_drawn() -> None:
    assert find(periods(), lambda p: p.is_open).is_open
    assert not find(periods(), lambda p: not p.is_open).is_open


@given(st.data())
def test_enum_strategies(data: st.DataObject) -> None:
    assert isinstance(data.draw(territory_kinds()), TerritoryKind)
    assert data.draw(org_forms()).label_zh
    assert isinstance(data.draw(membership_kinds()), MembershipKind)
    assert data.draw(employment_statuses()).label_zh
    assert data.draw(report_channels())


@given(st.data())
def test_territories_fit_their_parent(data: st.DataObject) -> None:
    parent = data.draw(territories(kind=TerritoryKind.GRID))
    assert parent.code
    child = data.draw(territories(parent=parent))
    assert child.parent_id == parent.id
    assert child.kind.rank > parent.kind.rank
    assert parent.period.start <= child.period.start
    if parent.period.end is not None:
        assert child.period.end is not None
        assert child.period.end <= parent.period.end


@pytest.mark.parametrize("standing", ["full", "probationary", "non_member"])
@given(data=st.data())
def test_persons_have_the_standing_asked_for(standing: Standing, data: st.DataObject) -> None:
    on = data.draw(dates(D(2010, 1, 1), D(2030, 1, 1)))
    person = data.draw(persons(standing=standing, on=on, household_ids=["H1", "H2"]))
    assert isinstance(person, Person)
    assert person.household_id in (None, "H1", "H2")
    assert person.is_full_member(on) is (standing == "full")
    assert person.is_party_member(on) is (standing != "non_member")


@given(preset_schemas())
def test_preset_schemas(schema: LevelSchema) -> None:
    assert SCHEMA_PRESETS[schema.code] is schema


@given(tree_records(COMMUNITY_FIVE_LEVEL))
def test_tree_records_hold_one_formal_membership_at_a_time(records: TreeRecords) -> None:
    formal = [m for m in records.memberships if m.kind is MembershipKind.FORMAL]
    for a in formal:
        for b in formal:
            if a.id != b.id and a.person_id == b.person_id:
                assert not a.period.overlaps(b.period)
    codes = [t.code for t in records.territories if t.kind is TerritoryKind.GRID]
    assert len(codes) == len(set(codes))


SHAPES = {
    "versions": lambda r: len({o.id for o in r.orgs}) < len(r.orgs),
    "dissolved": lambda r: any(o.period.end is not None for o in r.orgs),
    "moved": lambda r: len({(o.id, o.parent_id) for o in r.orgs}) > len({o.id for o in r.orgs}),
    "compound_style": lambda r: any(m.kind is MembershipKind.COMPOUND_STYLE for m in r.memberships),
    "ended_membership": lambda r: any(m.period.end is not None for m in r.memberships),
    "grid_report": lambda r: any(x.grid_id is not None for x in r.reports),
    "successive_terms": lambda r: len(r.terms) > len({t.org_id for t in r.terms}),
    "joint_coverage": lambda r: len(r.coverage) > len({c.org_id for c in r.coverage}),
}


def test_tree_records_reach_the_interesting_shapes() -> None:
    seen: set[str] = set()

    @settings(
        max_examples=100,
        phases=[Phase.generate],
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(schemas_and_tree_records())
    def collect(dataset: tuple[LevelSchema, TreeRecords]) -> None:
        seen.update(name for name, shape in SHAPES.items() if shape(dataset[1]))

    collect()
    assert seen == set(SHAPES)


@given(org_trees())
def test_org_trees_are_loaded(tree: OrgTree) -> None:
    assert isinstance(tree, OrgTree)
    assert OrgTree.from_records(tree.schema, tree.records()).records() == tree.records()


@given(st.data())
def test_invalid_commands_refuse_unknown_names(data: st.DataObject) -> None:
    with pytest.raises(ValueError, match=r"no\.such"):
        data.draw(invalid_commands(COMMUNITY_FIVE_LEVEL, TreeRecords(), names=["no.such"]))


def test_invalid_commands_reject_draws_when_no_kind_applies() -> None:
    @settings(max_examples=5, database=None, suppress_health_check=list(HealthCheck))
    @given(invalid_commands(COMMUNITY_FIVE_LEVEL, TreeRecords(), names=["coverage.twice"]))
    def never(command: object) -> None:
        raise AssertionError(command)

    with pytest.raises(Unsatisfiable):
        never()


@given(st.data())
def test_invalid_commands_on_an_empty_tree(data: st.DataObject) -> None:
    tree = OrgTree(COMMUNITY_FIVE_LEVEL)
    command = data.draw(invalid_commands(COMMUNITY_FIVE_LEVEL, TreeRecords()))
    assert command.name in INVALID_COMMAND_NAMES
    assert command.command.startswith(("found(", "add_membership("))
    assert "apply" not in repr(command)
    with pytest.raises(command.error) as info:
        command(tree)
    assert info.value.rule == command.rule
    assert tree.records() == TreeRecords()


TAKEN = TreeRecords(
    territories=(
        Territory(
            id="new-org-0", kind=TerritoryKind.STREET, name="街", period=Period(start="2020-01-01")
        ),
    )
)


@given(invalid_commands(COMMUNITY_FIVE_LEVEL, TAKEN, names=["found.unknown_level"]))
def test_fresh_ids_avoid_taken_ones(command: strategies.InvalidCommand) -> None:
    assert command.subject == "new-org-1"
