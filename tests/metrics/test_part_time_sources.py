"""Per-tier part-time figures come out as the sources print them: 盐城 (street 9, community
4 per committee) and 永春 (95 over 24 community committees, 213 over 67 grid branches)."""

from fractions import Fraction

import pendulum
import pytest

from neighborhood_pb import (
    STREET_GRID_FIVE_LEVEL,
    Coverage,
    EmploymentStatus,
    Organisation,
    OrgForm,
    OrgTree,
    Period,
    Person,
    Report,
    Territory,
    TerritoryKind,
)
from neighborhood_pb.metrics import MetricInputs, compute_metrics
from neighborhood_pb.structure.posts import (
    PART_TIME_REFERENCES,
    Appointment,
    Appointments,
    PartTimeBasis,
    PartTimeSource,
    PostKind,
)

SINCE = Period(start="2022-01-01")
DAY = pendulum.Date(2024, 6, 15)
METRICS = {
    "street": "part_time_members_per_street_committee",
    "community": "part_time_members_per_community_committee",
    "grid": "part_time_members_per_grid_branch",
}


def _spread(members: int, committees: int) -> list[int]:
    """``members`` seats over ``committees`` committees, as evenly as they go."""
    return [members // committees + (n < members % committees) for n in range(committees)]


def city(street: int, communities: list[int], grids: list[int]) -> MetricInputs:
    """One street committee with ``street`` part-time members, a community committee per item
    of ``communities`` and a grid branch per item of ``grids``, each with that many."""
    tree = OrgTree(STREET_GRID_FIVE_LEVEL)
    tree.add_territory(Territory(id="S", kind=TerritoryKind.STREET, name="街道", period=SINCE))
    committees: list[tuple[str, int]] = [("WS", street)]
    orgs = [("WS", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, "S")]
    for c, seats in enumerate(communities):
        tree.add_territory(
            Territory(
                id=f"C{c}",
                kind=TerritoryKind.COMMUNITY,
                name=f"社区{c}",
                period=SINCE,
                parent_id="S",
            )
        )
        orgs.append((f"GB{c}", OrgForm.GENERAL_BRANCH, "community_general_branch", "WS", f"C{c}"))
        committees.append((f"GB{c}", seats))
    for g, seats in enumerate(grids):
        community = g % len(communities)
        tree.add_territory(
            Territory(
                id=f"G{g}",
                kind=TerritoryKind.GRID,
                name=f"网格{g}",
                code=f"G-{g}",
                period=SINCE,
                parent_id=f"C{community}",
            )
        )
        orgs.append((f"B{g}", OrgForm.BRANCH, "grid_branch", f"GB{community}", f"G{g}"))
        committees.append((f"B{g}", seats))
    for oid, form, level, parent, covers in orgs:
        tree.found(
            Organisation(id=oid, name=oid, form=form, level=level, period=SINCE, parent_id=parent)
        )
        tree.cover(Coverage(org_id=oid, territory_id=covers, period=SINCE))
    appointments = Appointments(tree)
    for org_id, seats in committees:
        for seat in range(seats):
            person = f"{org_id}-P{seat}"
            tree.add_person(
                Person(
                    id=person,
                    name=person,
                    admitted_on="2000-01-01",
                    full_member_on="2001-01-01",
                    employment=EmploymentStatus.IN_SERVICE,
                )
            )
            tree.add_report(
                Report(id=f"R-{person}", person_id=person, community_id="C0", period=SINCE)
            )
            appointments.appoint(
                Appointment(
                    id=f"A-{person}",
                    person_id=person,
                    post=PostKind.PART_TIME_MEMBER,
                    org_id=org_id,
                    period=SINCE,
                    part_time=PartTimeBasis(
                        source=PartTimeSource.IN_SERVICE_MEMBER, report_id=f"R-{person}"
                    ),
                )
            )
    return MetricInputs(tree=tree, appointments=appointments)


@pytest.mark.parametrize(
    ("street", "communities", "grids", "checked"),
    [
        (9, [4, 4, 4], [1], ("yancheng_street", "yancheng_community")),
        (1, _spread(95, 24), _spread(213, 67), ("yongchun_community", "yongchun_grid")),
    ],
)
def test_tiers_read_as_the_sources_print_them(
    street: int, communities: list[int], grids: list[int], checked: tuple[str, ...]
) -> None:
    table = compute_metrics(city(street, communities, grids), DAY)
    for key in checked:
        reference = PART_TIME_REFERENCES[key]
        value = table.value(METRICS[reference.tier.value])
        assert Fraction(value.total, value.count) == reference.average, key
    pooled = table.value("part_time_members_per_committee")
    assert (pooled.total, pooled.count) == (
        street + sum(communities) + sum(grids),
        1 + len(communities) + len(grids),
    )
