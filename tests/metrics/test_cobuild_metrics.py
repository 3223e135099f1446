"""The co-building metrics (四项清单、共驻共建) on the street sample with a small section:
each figure counted by hand, rolled up from communities to the street and the total."""

from __future__ import annotations

import attrs
import pytest

from neighborhood_pb.calendar import Period
from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import CobuildRecords, DatasetContext
from neighborhood_pb.governance.cobuild import (
    YANCHENG_SERVICE_FUND,
    Alliance,
    AllianceMember,
    FourListsRecords,
    HardshipHousehold,
    Need,
    NeedEvent,
    NeedOrigin,
    NeedStatus,
    Pairing,
    PairingKind,
    PartnershipRecords,
    Project,
    Resource,
    ResourceCommitment,
    ResourceKind,
    Spending,
)
from neighborhood_pb.io.columnar import dataset_tables
from neighborhood_pb.io.engines.duckdb import DuckDBEngine
from neighborhood_pb.metrics import CATALOGUE, MetricTable, compute_metrics
from neighborhood_pb.metrics.cobuild_pass import COBUILD_METRICS
from neighborhood_pb.samples.build import street_sample

YEAR = Period.year(2026)
COBUILD = tuple(m for m in CATALOGUE if m.id in COBUILD_METRICS)


def _need(need_id: str, territory: str, raised: str) -> Need:
    return Need(
        id=need_id,
        title="加装扶手",
        raised_by="H1",
        origin=NeedOrigin.WHISTLE,
        origin_ref="W1",
        territory_id=territory,
        category="elderly_care",
        raised_on=raised,
    )


def _resource(resource_id: str, territory: str) -> Resource:
    return Resource(
        id=resource_id,
        title="志愿维修队",
        kind=ResourceKind.UNIT,
        provider_id="XH-RU1",
        territory_id=territory,
        capacity=10,
        period=YEAR,
    )


def _met(need_id: str, matched: str, met: str) -> tuple[NeedEvent, NeedEvent]:
    return (
        NeedEvent(need_id=need_id, status=NeedStatus.MATCHED, day=matched, actor_id="li"),
        NeedEvent(need_id=need_id, status=NeedStatus.MET, day=met, actor_id="li"),
    )


def _section() -> CobuildRecords:
    lists = FourListsRecords(
        needs=[
            _need("N1", "XH-QF-W1", "2026-03-01"),
            _need("N2", "XH-MH", "2026-05-01"),
            _need("N3", "XH-MH", "2025-01-01"),  # before the year: not counted
        ],
        need_events=[
            *_met("N1", "2026-03-05", "2026-04-01"),
            *_met("N3", "2025-01-02", "2025-02-01"),
        ],
        resources=[
            _resource("R1", "XH-QF"),
            _resource("R2", "XH-MH"),
            YANCHENG_SERVICE_FUND.fund(id="F1", community_id="XH-QF", year=2026),
        ],
        projects=[
            Project(
                id="P1",
                title="加装扶手工程",
                owner_id="XH-QF",
                need_ids={"N1"},
                commitments=[ResourceCommitment(resource_id="R1", quantity=2)],
                budget_fen=1_000_000,
                fund_id="F1",
                start="2026-03-10",
                due="2026-12-31",
            )
        ],
        spendings=[Spending(id="S1", project_id="P1", amount_fen=400_000, day="2026-04-01")],
    )
    partnerships = PartnershipRecords(
        alliances=[
            Alliance(id="A1", name="新河党建联盟", lead_org_id="XH", territory_id="XH", period=YEAR)
        ],
        members=[
            AllianceMember(id=f"M{i}", alliance_id="A1", unit_id=unit, period=YEAR)
            for i, unit in enumerate(["XH-RU1", "XH-RU2"])
        ],
        hardship=[
            HardshipHousehold(
                household_id="H1", territory_id="XH-QF-W1", reason="低保", period=YEAR
            ),
            HardshipHousehold(household_id="H2", territory_id="XH-MH", reason="残疾", period=YEAR),
        ],
        pairings=[
            Pairing(
                id="PR1",
                kind=PairingKind.UNIT_HOUSEHOLD,
                unit_id="XH-RU1",
                partner_id="H1",
                period=YEAR,
            )
        ],
    )
    return CobuildRecords(lists=lists, partnerships=partnerships)


def _with_second_project(territory: str) -> CobuildRecords:
    """The section with N4 (in 明湖社区) and N5 (in ``territory``) answered by P2 on 10 March."""
    section = _section()
    lists = section.lists
    needs = [*lists.needs, _need("N4", "XH-MH", "2026-03-01"), _need("N5", territory, "2026-03-08")]
    second = attrs.evolve(
        lists.projects[0], id="P2", need_ids={"N4", "N5"}, commitments=(), fund_id=None
    )
    return attrs.evolve(
        section, lists=attrs.evolve(lists, needs=needs, projects=(*lists.projects, second))
    )


def _table(section: CobuildRecords, on: str = "2026-11-01") -> MetricTable:
    dataset = attrs.evolve(street_sample(), cobuild=section)
    ctx = DatasetContext.build(dataset, on)
    return compute_metrics(metric_inputs(ctx), on, metrics=COBUILD)


def _pair(table: MetricTable, metric_id: str, scope: str = "*") -> tuple[int, int]:
    value = table.value(metric_id, scope)
    return value.numerator, value.denominator


def test_each_figure_counted_by_hand_and_rolled_up() -> None:
    table = _table(_section())
    assert _pair(table, "needs_met_rate") == (1, 2)
    assert _pair(table, "needs_met_rate", "XH-QF") == (1, 1)
    assert _pair(table, "needs_met_rate", "XH-MH") == (0, 1)
    assert _pair(table, "resource_utilisation") == (1, 2)
    assert _pair(table, "fund_execution") == _pair(table, "fund_execution", "XH-QF")
    assert _pair(table, "fund_execution") == (400_000, 1_000_000)
    assert _pair(table, "alliance_unit_coverage") == (2, 4)
    assert _pair(table, "alliance_unit_coverage", "XH") == (2, 4)
    assert _pair(table, "pairing_coverage") == (1, 2)
    assert _pair(table, "pairing_coverage", "XH-QF") == (1, 1)
    median = table.value("need_to_project_median_days")
    assert (median.total, median.count) == (9, 1)  # N1 raised 1 March, P1 starts 10 March
    assert not table.value("need_to_project_median_days", "XH-MH").applicable


def test_a_median_is_exact_and_rolls_up_from_the_values() -> None:
    table = _table(_with_second_project("XH-MH"))
    total = table.value("need_to_project_median_days")
    assert (total.total, total.count) == (9, 1)  # 2, 9, 9
    community = table.value("need_to_project_median_days", "XH-MH")
    assert (community.total, community.count) == (2 + 9, 2)  # 2 and 9: 5.5 days
    assert str(community) == "11/2 (5.5)"


def test_figures_follow_the_day() -> None:
    early = _table(_section(), "2026-03-20")
    assert _pair(early, "needs_met_rate") == (0, 1)  # N1 matched, not met yet; N2 not raised
    assert _pair(early, "fund_execution") == (0, 1_000_000)
    before = _table(_section(), "2025-12-31")
    assert _pair(before, "pairing_coverage") == (0, 0)
    assert _pair(before, "needs_met_rate") == (1, 1)  # N3, in the year up to that day


def test_without_the_section_the_metrics_are_not_applicable() -> None:
    ctx = DatasetContext.build(street_sample())
    inputs = metric_inputs(ctx)
    assert inputs.cobuild is None
    table = compute_metrics(inputs, "2026-11-01", metrics=COBUILD)
    assert not table.value("pairing_coverage").applicable
    with pytest.raises(KeyError):
        _pair(table, "pairing_coverage", "nowhere")


@pytest.mark.parametrize("day", ["2025-12-31", "2026-03-20", "2026-11-01", "2027-03-01"])
def test_duckdb_equals_python_on_the_columnar_tables(day: str) -> None:
    dataset = attrs.evolve(street_sample(), cobuild=_with_second_project("nowhere"))
    tables = dataset_tables(dataset)
    assert tables["cobuild_needs"].num_rows == 5
    ours = compute_metrics(metric_inputs(DatasetContext.build(dataset, day)), day, metrics=COBUILD)
    theirs = DuckDBEngine(tables).compute_metrics(day, metrics=COBUILD)
    assert theirs.scopes == ours.scopes
    assert theirs.values == ours.values
