"""Metric passes over the points ledger and the "1+10" household links."""

from __future__ import annotations

import datetime as _dt

import attrs

from neighborhood_pb.calendar.periods import Period, PeriodKind
from neighborhood_pb.metrics.context import PassContext
from neighborhood_pb.points.compliance import last_completed_quarter
from neighborhood_pb.points.entries import ClaimStatus
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.structure.people import EmploymentStatus
from neighborhood_pb.structure.records import Report

__all__ = ["LEDGER_METRICS", "ledger_pass", "linked_households"]

LEDGER_METRICS = frozenset({"quarterly_report_compliance", "points_participation"})


def _ledger(ctx: PassContext) -> Ledger:
    ledger = ctx.inputs.ledger
    assert ledger is not None  # the engine runs this pass only when present
    return ledger


def _reported(ctx: PassContext, day: _dt.date) -> list[Report]:
    """Reports in effect on ``day`` of in-service party members."""
    tree = ctx.inputs.tree
    result = []
    for person in tree.people():
        if person.employment is not EmploymentStatus.IN_SERVICE:
            continue
        for report in tree.reports_of(person.id):
            if report.period.contains(day) and person.is_party_member(day):
                result.append(report)
    return result


def _report_scope(ctx: PassContext, report: Report) -> str | None:
    return ctx.scope(report.grid_id if report.grid_id is not None else report.community_id)


def ledger_pass(ctx: PassContext) -> None:
    """Quarterly service of reported members (last completed quarter), and participation
    (any approved service this calendar year up to the day)."""
    ledger, day, sums, wanted = _ledger(ctx), ctx.day, ctx.sums, ctx.wanted
    if "quarterly_report_compliance" in wanted:
        quarter = last_completed_quarter(day)
        last_day = quarter.closed_end("quarter").subtract(days=1)
        for report in _reported(ctx, last_day):
            if report.period.start > quarter.start:
                continue  # reported mid-quarter: not held to it
            scope = _report_scope(ctx, report)
            if scope is not None:
                done = ledger.claims_of(
                    report.person_id, status=ClaimStatus.APPROVED, period=quarter
                )
                sums.add("quarterly_report_compliance", scope, bool(done))
    if "points_participation" in wanted:
        year = Period.of(PeriodKind.YEAR, day)
        to_date = attrs.evolve(year, end=day.add(days=1))
        for report in _reported(ctx, day):
            scope = _report_scope(ctx, report)
            if scope is not None:
                done = ledger.claims_of(
                    report.person_id, status=ClaimStatus.APPROVED, period=to_date
                )
                sums.add("points_participation", scope, bool(done))


def linked_households(ctx: PassContext) -> frozenset[str]:
    """Households linked to a member on the day ("1+10" 帮联)."""
    links = ctx.inputs.household_links
    if links is None:
        return frozenset()
    return frozenset(link.household_id for link in links.records() if link.period.contains(ctx.day))
