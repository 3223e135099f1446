"""The public strategies for joint units and 村居合一, and the checks on any of them."""

from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.errors import Finding
from neighborhood_pb.io.converter import make_converter
from neighborhood_pb.structure import (
    RULE_SOURCES,
    JointBook,
    JointUnit,
    OrgTree,
    UnitKind,
    VillageCommunityUnion,
    run_checks,
)
from neighborhood_pb.structure.joins import VILLAGE_COMMUNITY_SOURCE
from neighborhood_pb.testing import (
    joint_books,
    joint_units,
    org_trees,
    unit_kinds,
    village_community_unions,
)


@given(joint_units(org_ids=["A", "B"]), unit_kinds())
def test_joint_units_belong_to_the_given_orgs(unit: JointUnit, kind: UnitKind) -> None:
    assert unit.org_id in {"A", "B"}
    assert isinstance(kind, UnitKind)
    assert unit.kind.label_zh


@given(village_community_unions(territory_ids=["V", "C", "K"]))
def test_unions_join_two_territories(union: VillageCommunityUnion) -> None:
    assert {union.village_id, union.community_id} <= {"V", "C", "K"}
    assert union.village_id != union.community_id


@given(st.one_of(joint_units(), village_community_unions()))
def test_the_records_round_trip(record: JointUnit | VillageCommunityUnion) -> None:
    converter = make_converter()
    assert converter.structure(converter.unstructure(record), type(record)) == record


@given(org_trees().flatmap(lambda tree: st.tuples(st.just(tree), joint_books(tree))))
def test_checks_run_on_any_tree_with_any_joins(pair: tuple[OrgTree, JointBook]) -> None:
    tree, joins = pair
    day = min(o.period.start for o in tree.records().orgs).add(days=400)
    findings = run_checks(tree, day, joins=joins)
    assert list(findings) == sorted(findings, key=Finding.sort_key)
    alive = {o.id for o in tree.orgs(day)}
    for finding in findings:
        assert finding.subject in alive
        assert finding.rule in {*RULE_SOURCES.values(), VILLAGE_COMMUNITY_SOURCE}
