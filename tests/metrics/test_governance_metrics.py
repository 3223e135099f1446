"""Metrics over the deliberations: the community sample's year of matters, exactly."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from neighborhood_pb.cli.report import metric_inputs
from neighborhood_pb.dataset import DatasetContext, GovernanceRecords
from neighborhood_pb.governance import (
    Decision,
    Deliberations,
    Matter,
    Meeting,
    MeetingKind,
    Resolution,
)
from neighborhood_pb.governance.outcomes import is_adopted, late_steps, publication_gaps
from neighborhood_pb.metrics import CATALOGUE, MetricInput, compute_metrics
from neighborhood_pb.metrics.governance_pass import GOVERNANCE_METRICS, year_to
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.samples import load_sample

SAMPLE = load_sample("community")
GOVERNANCE = [m for m in CATALOGUE if m.id in GOVERNANCE_METRICS]


@pytest.fixture(scope="module")
def ctx() -> DatasetContext:
    return DatasetContext.build(SAMPLE)


@pytest.fixture(scope="module")
def book(ctx: DatasetContext) -> Deliberations:
    assert ctx.deliberations is not None
    return ctx.deliberations


def test_the_sample_reproduces_the_sources_counts(ctx: DatasetContext) -> None:
    table = compute_metrics(metric_inputs(ctx), ctx.on, metrics=GOVERNANCE)
    expected = {
        "deliberation_adoption_rate": Ratio(33, 37),
        "deliberation_on_time_rate": Ratio(29, 30),
        "deliberation_publication_compliance": Ratio(30, 30),
        "resident_satisfaction": Ratio(45, 50),
        "deliberation_suggestions_per_community": Average(37, 1),
        "deliberation_matters_per_community": Average(33, 1),
        "deliberation_meetings_per_community": Average(13, 1),
    }
    for metric_id, value in expected.items():
        assert table.value(metric_id) == value, metric_id
        assert table.value(metric_id, "QS") == value, metric_id
    assert {m.requires for m in GOVERNANCE} == {MetricInput.GOVERNANCE}
    assert MetricInput.GOVERNANCE.label_zh == "议事记录"


def test_the_year_ends_on_the_day_asked(ctx: DatasetContext) -> None:
    start, end = year_to(pendulum.Date(2026, 3, 31))
    assert (start.isoformat(), end.isoformat()) == (
        "2025-04-01T00:00:00+08:00",
        "2026-04-01T00:00:00+08:00",
    )
    table = compute_metrics(metric_inputs(ctx), "2026-03-31", metrics=GOVERNANCE)
    # Five deliberation days (November to March) and the suggestions for April's, three
    # each; one turned down in January, April's not yet consulted; matters closed a month
    # after their day, November's to February's.
    assert table.value("deliberation_meetings_per_community") == Average(5, 1)
    assert table.value("deliberation_suggestions_per_community") == Average(18, 1)
    assert table.value("deliberation_adoption_rate") == Ratio(14, 18)
    assert table.value("deliberation_on_time_rate").denominator == 11


def test_finer_levels_place_matters_in_their_compounds(ctx: DatasetContext) -> None:
    table = compute_metrics(metric_inputs(ctx), ctx.on, metrics=GOVERNANCE, levels=["compound"])
    lj = table.value("deliberation_adoption_rate", "QS-LJ")
    assert isinstance(lj, Ratio)
    assert 0 < lj.denominator < 37
    assert not table.value("deliberation_suggestions_per_community", "QS-LJ").applicable
    assert table.value("deliberation_suggestions_per_community", "QS") == Average(37, 1)


def test_without_deliberations_the_metrics_are_not_applicable() -> None:
    bare = attrs.evolve(SAMPLE, governance=GovernanceRecords())
    plain = DatasetContext.build(bare)
    table = compute_metrics(metric_inputs(plain), plain.on, metrics=GOVERNANCE)
    assert not any(table.value(m.id).applicable for m in GOVERNANCE)


def test_a_matter_outside_the_tree_counts_in_the_total_and_meetings_need_a_matter() -> None:
    section = SAMPLE.governance
    elsewhere = Matter(
        id="X1",
        title="外来议题",
        proposer_id="QS-P19",
        territory_id="nowhere",
        procedure="yongchun_four_steps",
        proposed_at="2026-10-20T10:00:00+08:00",
    )
    empty = Meeting(
        id="MT-empty",
        kind=MeetingKind.FOUR_PARTY,
        day="2026-10-21",
        chair_id="QS-P19",
        attendees={"QS-P19"},
    )
    other = Meeting(
        id="MT-other",
        kind=MeetingKind.FOUR_PARTY,
        day="2026-10-22",
        chair_id="QS-P19",
        attendees={"QS-P19"},
        resolutions=(Resolution(matter_id="X1", text="转街道"),),
    )
    records = attrs.evolve(
        section.deliberations,
        matters=(*section.deliberations.matters, elsewhere),
        meetings=(*section.deliberations.meetings, empty, other),
    )
    dataset = attrs.evolve(SAMPLE, governance=attrs.evolve(section, deliberations=records))
    built = DatasetContext.build(dataset)
    table = compute_metrics(metric_inputs(built), built.on, metrics=GOVERNANCE)
    assert table.value("deliberation_suggestions_per_community") == Average(38, 1)
    assert table.value("deliberation_suggestions_per_community", "QS") == Average(37, 1)
    assert table.value("deliberation_meetings_per_community") == Average(14, 1)
    assert table.value("deliberation_adoption_rate") == Ratio(33, 38)


def test_outcomes_of_single_matters(book: Deliberations) -> None:
    assert is_adopted(book, "QS-M0101")
    assert not is_adopted(book, "QS-M0200")  # turned down in January
    consult = book.history("QS-M0101")[1]
    assert consult.decision is Decision.ADOPTED
    assert not is_adopted(book, "QS-M0101", at=consult.at.subtract(minutes=1))
    assert [s.step for s in late_steps(book, "QS-M0401")] == ["evaluate"]
    assert late_steps(book, "QS-M0402") == ()
    assert publication_gaps(book, "QS-LIFT") == ()
    # October's refused suggestion published no plan: a gap, but it is not closed, so
    # neither a finding nor a figure of the publication metric.
    assert [g.rule.what for g in publication_gaps(book, "QS-M1100")] == ["plan"]
    assert book.closure("QS-M1100") is None
    assert book.state("QS-M1001").due_step == "implement"


def test_a_root_leaves_matters_outside_it_uncounted(
    ctx: DatasetContext, book: Deliberations
) -> None:
    table = compute_metrics(metric_inputs(ctx), ctx.on, metrics=GOVERNANCE, root="QS-LJ")
    inside = [m for m in book.matters() if m.territory_id == "QS-LJ"]
    assert table.value("deliberation_adoption_rate").denominator == len(inside) == 13
