"""A seeded generator of synthetic cities (模拟城市) of any scale, for demos and benchmarks.

The shape follows the street/grid tree (街道党工委 — 社区党总支 — 网格党支部 — 楼栋党小组 —
党员中心户) and the proportions published for 盐城市. The same scale and seed always give the
same records.
"""

from __future__ import annotations

import random

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors.validators import positive_int
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, tracked
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.levels import STREET_GRID_FIVE_LEVEL, LevelSchema
from neighborhood_pb.structure.people import EmploymentStatus, Person
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.scales import YANCHENG_SHAPE, CityShape
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.structure.tree import TreeRecords

__all__ = ["YANCHENG_SCALE", "CityScale", "SyntheticCity", "generate_city"]


_POSITIVE = positive_int()


@attrs.frozen(kw_only=True)
class CityScale(CityShape):
    """How big a synthetic city is: a :class:`~neighborhood_pb.structure.scales.CityShape`
    and the size of its points ledger.

    Attributes:
        ledger_entries: Points ledger entries in a year.
    """

    ledger_entries: int = attrs.field(default=2_000, validator=_POSITIVE)


YANCHENG_SCALE = CityScale(**attrs.asdict(YANCHENG_SHAPE), ledger_entries=1_570_000)
"""盐城市 as published (:data:`~neighborhood_pb.structure.scales.YANCHENG_SHAPE`), with about
1.57 million ledger entries a year."""


@attrs.frozen(kw_only=True)
class SyntheticCity:
    """A generated city: its schema, its structure records and the day it is set up for.

    Attributes:
        schema: The level schema (street/grid shape).
        structure: Territory, people, organisations, coverage, memberships and reports.
        as_of: A day on which every record is in effect.
        scale: The scale it was generated at.
        seed: The seed it was generated with.
    """

    schema: LevelSchema
    structure: TreeRecords
    as_of: pendulum.Date
    scale: CityScale
    seed: int


def _spread(count: int, over: int) -> list[int]:
    """Index of the parent of each of ``count`` children spread evenly over ``over``."""
    return [i * over // count for i in range(count)]


def generate_city(
    scale: CityScale = CityScale(), *, seed: int = 0, progress: Progress = NO_PROGRESS
) -> SyntheticCity:
    """Generate a city's structure records.

    Coverage follows the published orders of magnitude: most compounds and grids are
    covered, not all (惠安县: 92.9 %); most in-service members have reported.

    Args:
        scale: How big.
        seed: Seed of the pseudo-random choices.
        progress: Told of each member made (the longest part).
    """
    rng = random.Random(seed)
    start = pendulum.Date(2021, 1, 1)
    since = Period(start=start)
    territories: list[Territory] = []
    orgs: list[Organisation] = []
    coverage: list[Coverage] = []

    def org(oid: str, form: OrgForm, level: str, parent: str | None, covers: str) -> None:
        orgs.append(
            Organisation(id=oid, name=oid, form=form, level=level, period=since, parent_id=parent)
        )
        coverage.append(Coverage(org_id=oid, territory_id=covers, period=since))

    for s in range(scale.streets):
        territories.append(
            Territory(id=f"S{s}", kind=TerritoryKind.STREET, name=f"第{s + 1}街道", period=since)
        )
        org(f"OS{s}", OrgForm.WORKING_COMMITTEE, "street_working_committee", None, f"S{s}")
    for c, s in enumerate(_spread(scale.communities, scale.streets)):
        territories.append(
            Territory(
                id=f"C{c}",
                kind=TerritoryKind.COMMUNITY,
                name=f"第{c + 1}社区",
                period=since,
                parent_id=f"S{s}",
            )
        )
        org(f"OC{c}", OrgForm.GENERAL_BRANCH, "community_general_branch", f"OS{s}", f"C{c}")
    grid_branch: dict[int, str] = {}
    grid_community = _spread(scale.grids, scale.communities)
    for g, c in enumerate(grid_community):
        territories.append(
            Territory(
                id=f"G{g}",
                kind=TerritoryKind.GRID,
                name=f"第{g + 1}网格",
                code=f"G{g:07d}",
                period=since,
                parent_id=f"C{c}",
            )
        )
        if rng.random() < 0.95:
            org(f"OG{g}", OrgForm.BRANCH, "grid_branch", f"OC{c}", f"G{g}")
            grid_branch[g] = f"OG{g}"
    # Compounds go to randomly chosen grids; each building hangs in one compound.
    compound_grid = sorted(rng.randrange(scale.grids) for _ in range(scale.compounds))
    for k, g in enumerate(compound_grid):
        territories.append(
            Territory(
                id=f"K{k}",
                kind=TerritoryKind.COMPOUND,
                name=f"第{k + 1}小区",
                period=since,
                parent_id=f"G{g}",
            )
        )
        if g in grid_branch and rng.random() < 0.93:
            coverage.append(Coverage(org_id=grid_branch[g], territory_id=f"K{k}", period=since))
    building_compound = _spread(scale.buildings, scale.compounds)
    building_ids = [f"K{k}B{b}" for b, k in enumerate(building_compound)]
    group_of: dict[int, str] = {}
    for b, k in enumerate(building_compound):
        territories.append(
            Territory(
                id=building_ids[b],
                kind=TerritoryKind.BUILDING,
                name=f"{b + 1}号楼",
                period=since,
                parent_id=f"K{k}",
            )
        )
        branch = grid_branch.get(compound_grid[k])
        if branch is not None and rng.random() < 0.5:
            org(f"OB{b}", OrgForm.PARTY_GROUP, "building_group", branch, building_ids[b])
            group_of[b] = f"OB{b}"
    household_building = _spread(scale.households, scale.buildings)
    household_ids: list[str] = []
    # Households name their building by the building's own id string (as rows read through
    # one interning loader would), not by a copy of it per household.
    for h, b in enumerate(household_building):
        hid = f"{building_ids[b]}H{h}"
        household_ids.append(hid)
        territories.append(
            Territory(
                id=hid,
                kind=TerritoryKind.HOUSEHOLD,
                name=f"{h + 1}户",
                period=since,
                parent_id=building_ids[b],
            )
        )
    central = rng.sample(range(scale.households), scale.central_households)
    for n, h in enumerate(sorted(central)):
        b = household_building[h]
        parent = group_of.get(b) or grid_branch.get(compound_grid[building_compound[b]])
        if parent is not None:
            org(f"OH{n}", OrgForm.CONTACT_HOUSEHOLD, "central_household", parent, household_ids[h])
    people, memberships, reports = _members(
        scale,
        rng,
        household_ids,
        household_building,
        building_compound,
        compound_grid,
        grid_community,
        grid_branch,
        since,
        progress,
    )
    return SyntheticCity(
        schema=STREET_GRID_FIVE_LEVEL,
        structure=TreeRecords(
            territories=tuple(territories),
            people=tuple(people),
            orgs=tuple(orgs),
            coverage=tuple(coverage),
            memberships=tuple(memberships),
            reports=tuple(reports),
        ),
        as_of=pendulum.Date(2025, 6, 30),
        scale=scale,
        seed=seed,
    )


def _members(
    scale: CityScale,
    rng: random.Random,
    household_ids: list[str],
    household_building: list[int],
    building_compound: list[int],
    compound_grid: list[int],
    grid_community: list[int],
    grid_branch: dict[int, str],
    since: Period,
    progress: Progress,
) -> tuple[list[Person], list[Membership], list[Report]]:
    people: list[Person] = []
    memberships: list[Membership] = []
    reports: list[Report] = []
    branches = sorted(grid_branch.values()) or ["OC0"]
    statuses = (
        [EmploymentStatus.IN_SERVICE] * 6
        + [EmploymentStatus.RETIRED] * 3
        + [EmploymentStatus.MOBILE]
    )
    for m in tracked(progress, range(scale.members), "生成 synthetic", scale.members):
        h = rng.randrange(scale.households)
        status = rng.choice(statuses)
        probationary = rng.random() < 0.03
        people.append(
            Person(
                id=f"P{m}",
                name=f"党员{m}",
                household_id=household_ids[h],
                employment=status,
                admitted_on="2015-07-01" if not probationary else "2020-12-01",
                full_member_on=None if probationary else "2016-07-01",
            )
        )
        memberships.append(
            Membership(id=f"M{m}", person_id=f"P{m}", org_id=rng.choice(branches), period=since)
        )
        if status is EmploymentStatus.IN_SERVICE and rng.random() < 0.97:
            grid = compound_grid[building_compound[household_building[h]]]
            reports.append(
                Report(
                    id=f"R{m}",
                    person_id=f"P{m}",
                    community_id=f"C{grid_community[grid]}",
                    grid_id=f"G{grid}",
                    period=since,
                )
            )
    return people, memberships, reports
