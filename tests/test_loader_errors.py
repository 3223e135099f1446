"""Every loader marks the record it refuses with its section and index."""

from typing import Any

import attrs
import pytest

from neighborhood_pb.dataset import DatasetRecordError, build_appointments, build_tree
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.points import HouseholdLinks, Ledger
from neighborhood_pb.points.redemption import Shelf
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure import OrgTree
from neighborhood_pb.structure.posts import Appointments

COMMUNITY = load_sample("community")
TREE = build_tree(COMMUNITY)
APPOINTMENTS = build_appointments(COMMUNITY, TREE)


def doubled(records: Any, section: str) -> tuple[Any, int]:
    """``records`` with the first record of ``section`` given again at the end."""
    items = getattr(records, section)
    return attrs.evolve(records, **{section: (*items, items[0])}), len(items)


@pytest.mark.parametrize(
    "section", ["territories", "people", "orgs", "coverage", "memberships", "reports", "terms"]
)
def test_the_tree_loader_names_section_and_index(section: str) -> None:
    records, index = doubled(COMMUNITY.structure, section)
    with pytest.raises(NeighborhoodPBError) as caught:
        OrgTree.from_records(COMMUNITY.schema, records)
    assert (caught.value.section, caught.value.index) == (section, index)
    with pytest.raises(DatasetRecordError) as located:
        build_tree(attrs.evolve(COMMUNITY, structure=records))
    assert located.value.path == f"$.structure.{section}[{index}]"


@pytest.mark.parametrize("section", ["bodies", "contracts", "appointments", "evaluations"])
def test_the_appointments_loader_names_section_and_index(section: str) -> None:
    records, index = doubled(COMMUNITY.appointments, section)
    with pytest.raises(NeighborhoodPBError) as caught:
        Appointments.from_records(TREE, records, COMMUNITY.appointment_rules)
    assert (caught.value.section, caught.value.index) == (section, index)


def test_the_ledger_loader_names_the_entry() -> None:
    points = COMMUNITY.points
    unknown = attrs.evolve(points.entries[0], key="goods/none/1", goods_code="no-such-goods")
    entries = (*points.entries, unknown)
    with pytest.raises(NeighborhoodPBError) as caught:
        Ledger.from_entries(
            points.catalogue, TREE, APPOINTMENTS, entries, shelf=Shelf(goods=points.goods)
        )
    assert (caught.value.section, caught.value.index) == ("entries", len(points.entries))


def test_the_links_loader_names_the_link() -> None:
    links = COMMUNITY.points.household_links
    with pytest.raises(NeighborhoodPBError) as caught:
        HouseholdLinks.from_records(TREE, (*links, links[0]))
    assert (caught.value.section, caught.value.index) == ("household_links", len(links))


def test_an_error_raised_outside_a_loader_names_no_section() -> None:
    with pytest.raises(NeighborhoodPBError) as caught:
        TREE.person("nobody")
    assert (caught.value.section, caught.value.index) == (None, None)
