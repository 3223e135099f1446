"""Targets as findings, and the change between two days."""

from decimal import Decimal
from fractions import Fraction

import pendulum
import pytest

from neighborhood_pb import InvalidRecordError, OrgTree, Severity
from neighborhood_pb.errors import source_text
from neighborhood_pb.metrics import TOTAL, MetricChange, compare, compute_metrics, target_findings
from neighborhood_pb.metrics.definitions import CATALOGUE, metric
from neighborhood_pb.ratio import Average, Ratio
from neighborhood_pb.synthetic import CityScale, generate_city
from test_cli_one_language import english_words

SCALE = CityScale(
    streets=1,
    communities=2,
    grids=4,
    compounds=4,
    buildings=8,
    households=40,
    members=30,
    central_households=4,
)


@pytest.fixture(scope="module")
def tree() -> OrgTree:
    city = generate_city(SCALE, seed=3)
    return OrgTree.from_records(city.schema, city.structure)


def test_targets_produce_warnings_naming_scope_and_source(tree: OrgTree) -> None:
    table = compute_metrics(tree, pendulum.Date(2025, 6, 30))
    rate = table.value("report_rate")
    assert isinstance(rate, Ratio)
    findings = target_findings(table, {"report_rate": Fraction(1)})
    short = [
        s.id for s in table.scopes if table.value("report_rate", s.id).meets(Fraction(1)) is False
    ]
    assert sorted(f.subject for f in findings) == sorted(short)
    assert all(f.severity is Severity.WARNING for f in findings)
    assert all("永春县" in source_text(f.rule, lang) for f in findings for lang in ("zh", "en"))
    assert all(f.rule == metric("report_rate").rule_source for f in findings)
    assert not target_findings(table, {"report_rate": Fraction(0)})
    averages = target_findings(table, {"central_household_ratio": Fraction(10_000)})
    assert {f.subject for f in averages} >= {TOTAL}


def test_compare_reports_percentage_points(tree: OrgTree) -> None:
    before = compute_metrics(tree, pendulum.Date(2020, 12, 31))
    after = compute_metrics(tree, pendulum.Date(2025, 6, 30))
    changes = {(c.metric_id, c.scope_id): c for c in compare(before, after)}
    coverage = changes[("compound_org_coverage", TOTAL)]
    assert coverage.before.format() == "n/a"
    assert coverage.change is None
    assert coverage.format() == "n/a"
    with pytest.raises(InvalidRecordError):
        compare(after, before)


def test_change_formats_sign() -> None:
    up = MetricChange(metric_id="m", scope_id=TOTAL, before=Ratio(1, 2), after=Ratio(3, 4))
    assert up.change == Decimal("25.0")
    assert up.format() == "+25.0"
    down = MetricChange(metric_id="m", scope_id=TOTAL, before=Average(4, 1), after=Average(3, 1))
    assert down.format() == "-1.0"
    flat = MetricChange(metric_id="m", scope_id=TOTAL, before=Ratio(1, 2), after=Ratio(2, 4))
    assert flat.format() == "0.0"


def test_change_names_its_unit() -> None:
    share = MetricChange(metric_id="m", scope_id=TOTAL, before=Ratio(1, 2), after=Ratio(3, 4))
    assert share.unit == "pp"
    assert share.format(with_unit=True) == "+25.0 pp"
    average = MetricChange(metric_id="m", scope_id=TOTAL, before=Average(4, 1), after=Average(3, 1))
    assert average.unit == ""
    assert average.format(with_unit=True) == "-1.0"
    missing = MetricChange(metric_id="m", scope_id=TOTAL, before=Ratio(0, 0), after=Ratio(1, 2))
    assert missing.format(with_unit=True) == "n/a"


def test_a_metric_s_findings_cite_its_source_in_the_reader_s_language() -> None:
    for definition in CATALOGUE:
        zh, en = (source_text(definition.rule_source, lang) for lang in ("zh", "en"))
        assert en == definition.source
        assert english_words(zh) == [], (definition.id, zh)
