"""A small community's four lists and partnerships, shared by the co-building tests."""

from __future__ import annotations

from neighborhood_pb.calendar import Period
from neighborhood_pb.governance.cobuild import (
    YANCHENG_SERVICE_FUND,
    FourLists,
    Milestone,
    Need,
    NeedOrigin,
    Project,
    Resource,
    ResourceCommitment,
    ResourceKind,
)
from neighborhood_pb.structure import Territory, TerritoryKind, TerritoryMap

YEAR = Period(start="2026-01-01", end="2027-01-01")


def territory_map() -> TerritoryMap:
    """Two streets; one with a community of two grids, a compound and a household."""
    tmap = TerritoryMap()
    life = Period(start="2020-01-01")
    tmap.add_all(
        [
            Territory(id="S1", kind=TerritoryKind.STREET, name="新华街道", period=life),
            Territory(id="S2", kind=TerritoryKind.STREET, name="东风街道", period=life),
            Territory(
                id="C1", kind=TerritoryKind.COMMUNITY, name="幸福社区", period=life, parent_id="S1"
            ),
            Territory(
                id="C2", kind=TerritoryKind.COMMUNITY, name="和平社区", period=life, parent_id="S1"
            ),
            Territory(
                id="G1",
                kind=TerritoryKind.GRID,
                name="一网格",
                code="G1",
                period=life,
                parent_id="C1",
            ),
            Territory(
                id="G2",
                kind=TerritoryKind.GRID,
                name="二网格",
                code="G2",
                period=life,
                parent_id="C1",
            ),
            Territory(
                id="K1", kind=TerritoryKind.COMPOUND, name="阳光小区", period=life, parent_id="G1"
            ),
        ]
    )
    return tmap


def need(need_id: str = "N1", **changes: object) -> Need:
    """A need raised in grid G1 on 10 January 2026."""
    fields: dict[str, object] = {
        "id": need_id,
        "title": "加装扶手",
        "raised_by": "H101",
        "origin": NeedOrigin.SURVEY,
        "origin_ref": "2026Q1",
        "territory_id": "G1",
        "category": "elderly_care",
        "raised_on": "2026-01-10",
    }
    fields.update(changes)
    return Need(**fields)  # type: ignore[arg-type]


def resource(resource_id: str = "R1", **changes: object) -> Resource:
    """A resident unit's offer in grid G1 for 2026, 40 places."""
    fields: dict[str, object] = {
        "id": resource_id,
        "title": "志愿维修队",
        "kind": ResourceKind.UNIT,
        "provider_id": "U1",
        "territory_id": "G1",
        "categories": {"elderly_care"},
        "capacity": 40,
        "period": YEAR,
    }
    fields.update(changes)
    return Resource(**fields)  # type: ignore[arg-type]


def project(project_id: str = "P1", **changes: object) -> Project:
    """A project answering N1 with 10 of R1, spending from F1, due at the end of April."""
    fields: dict[str, object] = {
        "id": project_id,
        "title": "加装扶手工程",
        "owner_id": "WC",
        "need_ids": {"N1"},
        "commitments": [ResourceCommitment(resource_id="R1", quantity=10)],
        "budget_fen": 1_500_000,
        "fund_id": "F1",
        "start": "2026-02-01",
        "due": "2026-04-30",
        "milestones": [Milestone(code="survey", title="入户测量", due="2026-02-15")],
    }
    fields.update(changes)
    return Project(**fields)  # type: ignore[arg-type]


def community() -> FourLists:
    """Needs N1 and N2, resource R1 and the 2026 fund F1, project P1 opened."""
    lists = FourLists()
    lists.raise_need(need())
    lists.raise_need(need("N2", title="楼道清理", territory_id="G2", category="environment"))
    lists.offer(resource())
    lists.offer(YANCHENG_SERVICE_FUND.fund(id="F1", community_id="C1", year=2026))
    lists.open_project(project())
    return lists
