"""Every catalogue metric has a pass; the engine refuses a metric no pass computes."""

import pendulum
import pytest

from neighborhood_pb import STREET_GRID_FIVE_LEVEL, OrgTree, UnknownRecordError
from neighborhood_pb.metrics import (
    CATALOGUE,
    MetricDefinition,
    MetricInput,
    Scope,
    ScopeLevel,
    compute_metrics,
)
from neighborhood_pb.metrics.passes import COMPUTED, PASSES, missing_passes

DAY = pendulum.Date(2024, 6, 1)


def _orphan(requires: MetricInput = MetricInput.STRUCTURE) -> MetricDefinition:
    return MetricDefinition(
        id="orphan_metric",
        label_zh="无来源",
        label="Orphan",
        numerator="x",
        denominator="x",
        source="x",
        requires=requires,
    )


@pytest.mark.parametrize("definition", CATALOGUE, ids=[m.id for m in CATALOGUE])
def test_every_catalogue_metric_has_a_pass(definition: MetricDefinition) -> None:
    assert definition.id in COMPUTED, f"catalogue metric {definition.id} has no pass"


def test_passes_compute_only_catalogue_metrics() -> None:
    assert {m.id for m in CATALOGUE} == COMPUTED
    assert missing_passes(CATALOGUE) == ()
    assert all(ids for ids, _ in PASSES)


def test_a_metric_without_a_pass_is_found_and_refused() -> None:
    assert missing_passes([*CATALOGUE[:2], _orphan()]) == ("orphan_metric",)
    with pytest.raises(UnknownRecordError) as caught:
        compute_metrics(OrgTree(STREET_GRID_FIVE_LEVEL), DAY, metrics=[_orphan()])
    assert caught.value.rule == "metrics.pass"
    assert caught.value.subject == "orphan_metric"
    assert "orphan_metric" in str(caught.value)


def test_a_metric_without_its_inputs_is_not_applicable_before_its_pass_matters() -> None:
    table = compute_metrics(
        OrgTree(STREET_GRID_FIVE_LEVEL), DAY, metrics=[_orphan(MetricInput.POINTS)]
    )
    assert not table.value("orphan_metric").applicable


def test_inputs_and_levels_are_enums_with_chinese_labels() -> None:
    assert {m.requires for m in CATALOGUE} <= set(MetricInput)
    assert all(isinstance(m.requires, MetricInput) for m in CATALOGUE)
    assert MetricInput.POINTS.label_zh == "积分台账"
    assert len({kind.label_zh for kind in MetricInput}) == len(MetricInput)
    assert [level.label_zh for level in ScopeLevel] == ["合计", "街道", "社区", "网格", "小区"]
    assert _orphan(MetricInput("links")).requires is MetricInput.LINKS
    assert Scope(id="S", name="S", level="street").level is ScopeLevel.STREET
    with pytest.raises(ValueError, match="nothing"):
        MetricInput("nothing")
