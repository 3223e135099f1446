"""Strategies for what joint organisations join (联建): joint units and 村居合一 unions."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.joins import (
    JointBook,
    JointUnit,
    UnitKind,
    VillageCommunityUnion,
)
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree
from neighborhood_pb.testing.structure.data import periods

__all__ = ["joint_books", "joint_units", "unit_kinds", "village_community_unions"]

_IDS = st.text("abcdefgh0123456789", min_size=1, max_size=6)


def unit_kinds() -> st.SearchStrategy[UnitKind]:
    """Any kind of joined unit (企业、驻区单位、小区、商户、村、社区)."""
    return st.sampled_from(UnitKind)


@st.composite
def joint_units(draw: st.DrawFn, *, org_ids: Sequence[str] = ()) -> JointUnit:
    """A joined unit of one of ``org_ids`` (any id when none is given)."""
    return JointUnit(
        id=draw(_IDS),
        org_id=draw(st.sampled_from(org_ids) if org_ids else _IDS),
        name=draw(st.sampled_from(["企业", "驻区单位", "商户", "小区"])) + draw(_IDS),
        kind=draw(unit_kinds()),
        period=draw(periods()),
    )


@st.composite
def village_community_unions(
    draw: st.DrawFn, *, org_ids: Sequence[str] = (), territory_ids: Sequence[str] = ()
) -> VillageCommunityUnion:
    """A 村居合一 union of one of ``org_ids`` over two distinct of ``territory_ids`` (any
    ids when none are given)."""
    pool = st.sampled_from(territory_ids) if len(territory_ids) >= 2 else _IDS
    village = draw(pool)
    community = draw(pool.filter(lambda t: t != village))
    return VillageCommunityUnion(
        id=draw(_IDS),
        org_id=draw(st.sampled_from(org_ids) if org_ids else _IDS),
        village_id=village,
        community_id=community,
        period=draw(periods()),
    )


@st.composite
def joint_books(draw: st.DrawFn, tree: OrgTree) -> JointBook:
    """A book of units for the tree's joint branches (every org when it has none) and of
    unions over its villages and communities, ids unique."""
    records = tree.records()
    joint = sorted({o.id for o in records.orgs if o.form is OrgForm.JOINT_BRANCH})
    orgs = joint or sorted({o.id for o in records.orgs})
    places = sorted(
        t.id
        for t in records.territories
        if t.kind in (TerritoryKind.VILLAGE, TerritoryKind.COMMUNITY)
    )
    units = draw(st.lists(joint_units(org_ids=orgs), max_size=8, unique_by=lambda u: u.id))
    unions = draw(
        st.lists(
            village_community_unions(org_ids=orgs, territory_ids=places),
            max_size=3,
            unique_by=lambda u: u.id,
        )
    )
    return JointBook(units=units, unions=unions)
