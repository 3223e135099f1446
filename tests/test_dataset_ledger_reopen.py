"""A dataset's ledger reopened against edited registers, and the reverse guard."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pendulum
import pytest

from neighborhood_pb import Dataset, Period, Severity
from neighborhood_pb.cli import main
from neighborhood_pb.dataset import (
    DatasetContext,
    DatasetRecordError,
    check_dataset,
    ledger_impact,
    register_changes,
)
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.points import Approval
from neighborhood_pb.samples import load_sample

CLAIM = "QS-P10/2026-02-10/volunteer_service"
SERVICE_DAY = pendulum.Date(2026, 2, 10)
REPORT = "QS-R002"


@pytest.fixture(scope="module")
def community() -> Dataset:
    return load_sample("community")


def report_from(dataset: Dataset, start: pendulum.Date, report_id: str = REPORT) -> Dataset:
    """``dataset`` with the report ``report_id`` starting on ``start``."""
    reports = tuple(
        attrs.evolve(r, period=Period(start=start, end=r.period.end)) if r.id == report_id else r
        for r in dataset.structure.reports
    )
    structure = attrs.evolve(dataset.structure, reports=reports)
    return attrs.evolve(dataset, structure=structure)


def test_the_report_start_flips_the_claim_at_the_boundary_day(community: Dataset) -> None:
    assert ledger_impact(community, community) == ()
    assert ledger_impact(community, report_from(community, SERVICE_DAY)) == ()
    after = report_from(community, SERVICE_DAY.add(days=1))
    findings = ledger_impact(community, after)
    by_entry = {f.subject: f for f in findings}
    assert list(by_entry)[:2] == [CLAIM, CLAIM + "/ok"]
    first = by_entry[CLAIM]
    assert first.code == "ledger.register_impact"
    assert first.severity is Severity.ERROR
    assert first.rule == "claim.reported_member"
    change = "reports QS-R002: period [2024-09-01, …) → [2026-02-11, …)"
    assert first.params["change"] == change
    assert "QS-P10 has no report to a community in effect on 2026-02-10" in first.render("en")
    shown = "reports QS-R002: period 2024年9月1日起 → 2026年2月11日起"  # office style in zh
    assert first.render().startswith(f"登记变更（{shown}）将使台账记录{CLAIM}不再成立")
    assert by_entry[CLAIM + "/ok"].params["depends_on"] == CLAIM
    # QS-P10's claim of May still holds
    assert "QS-P10/2026-05-09/policy_talk" not in by_entry


def test_an_entry_already_broken_is_not_the_edit_s_doing(community: Dataset) -> None:
    before = report_from(community, SERVICE_DAY.add(days=1))
    assert ledger_impact(before, before) == ()
    assert ledger_impact(before, community) == ()


def test_an_edit_of_no_one_involved_is_named_as_such(community: Dataset) -> None:
    catalogue = community.points.catalogue
    items = tuple(i for i in catalogue.items if i.code != "volunteer_service")
    points = attrs.evolve(community.points, catalogue=attrs.evolve(catalogue, items=items))
    found = ledger_impact(community, attrs.evolve(community, points=points))
    assert found[0].subject == CLAIM
    assert found[0].params["change"] == "other register edits"
    assert register_changes(community, report_from(community, SERVICE_DAY), ["QS-P11"]) == ()
    removed = attrs.evolve(
        community.structure,
        reports=tuple(r for r in community.structure.reports if r.id != REPORT),
    )
    without = attrs.evolve(community, structure=removed)
    assert register_changes(community, without, ["QS-P10"]) == ("reports QS-R002 removed",)
    assert register_changes(without, community, ["QS-P10"]) == ("reports QS-R002 added",)


def test_a_lenient_context_reports_the_refused_entries(community: Dataset) -> None:
    edited = report_from(community, SERVICE_DAY.add(days=1))
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(edited)
    assert caught.value.path == "$.points.entries[4]"
    ctx = DatasetContext.build(edited, ledger="lenient")
    refused = [f.subject for f in ctx.ledger_findings]
    assert refused[:2] == [CLAIM, CLAIM + "/ok"]
    assert ctx.ledger_findings[0].params["index"] == 4
    assert CLAIM not in {e.key for e in ctx.ledger.entries()}
    assert len(ctx.ledger) == len(community.points.entries) - len(refused)
    codes = {f.subject: f.code for f in check_dataset(ctx)}
    assert codes[CLAIM] == "ledger.entry_refused"
    assert codes[CLAIM + "/ok"] == "ledger.entry_dependent"
    assert DatasetContext.build(community, ledger="lenient").ledger_findings == ()


def test_a_lenient_context_still_refuses_a_self_review(community: Dataset) -> None:
    entries = list(community.points.entries)
    entries[5] = Approval(key="self", claim_key=CLAIM, at=entries[4].at.add(days=1), actor="QS-P10")
    broken = attrs.evolve(community, points=attrs.evolve(community.points, entries=entries))
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(broken, ledger="lenient")
    assert caught.value.path == "$.points.entries[5]"
    assert caught.value.error.rule == "review.not_self"


def test_validate_reports_the_refused_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], community: Dataset
) -> None:
    edited = tmp_path / "edited.json"
    edited.write_text(dumps_dataset(report_from(community, SERVICE_DAY.add(days=1))), "utf-8")
    assert main(["validate", str(edited), "--format", "json", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    document = json.loads(out)
    codes = {f["subject"]: f["code"] for f in document["findings"]}
    assert codes[CLAIM] == "ledger.entry_refused"
    assert main(["validate", str(edited)]) == 1
    out, _ = capsys.readouterr()
    assert f"台账记录{CLAIM}已不符合登记，未予载入" in out


def test_a_post_ended_early_names_the_appointment(community: Dataset) -> None:
    appointments = tuple(
        attrs.evolve(a, period=Period(start=a.period.start, end=pendulum.Date(2026, 1, 1)))
        if a.id == "QS-A002"
        else a
        for a in community.appointments.appointments
    )
    evaluations = tuple(  # QS-P19 evaluates no one without the post
        e for e in community.appointments.evaluations if e.evaluator_id != "QS-P19"
    )
    records = attrs.evolve(
        community.appointments, appointments=appointments, evaluations=evaluations
    )
    findings = ledger_impact(community, attrs.evolve(community, appointments=records))
    first = findings[0]
    assert first.subject == "goods/rice/1"  # restocked by QS-P19 on 5 January 2026
    assert first.rule == "restock.actor"
    assert first.params["change"] == (
        "appointments QS-A002: period [2022-04-15, …) → [2022-04-15, 2026-01-01)"
    )
    reviews = [f for f in findings if f.rule == "review.authority"]
    assert reviews
    assert all(f.params["change"] == first.params["change"] for f in reviews)
