"""The rows of the aggregates' tables (聚合数据行): appointments, rotations and their duty
terms, the ledger's claims with their awards, and the household links.

Plain tuples in the columns' order (see :mod:`.schema_aggregates`); no Arrow import here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any

import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.points.compliance import HouseholdLinks
from neighborhood_pb.points.entries import Claim
from neighborhood_pb.points.instants import local_day
from neighborhood_pb.points.ledger import Ledger
from neighborhood_pb.structure.posts.appointments import Appointments
from neighborhood_pb.structure.posts.part_time import committee_tier
from neighborhood_pb.structure.posts.rules import AppointmentRules
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.territory import TerritoryKind
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["AGGREGATE_TABLES", "Rows", "aggregate_rows", "duty_horizon"]

Rows = list[tuple[Any, ...]]
"""The rows of one table."""

AGGREGATE_TABLES = (
    "levels",
    "compound_places",
    "post_rules",
    "bodies",
    "service_contracts",
    "appointments",
    "duty_rotations",
    "duty_terms",
    "claim_awards",
    "household_links",
)
"""The tables :func:`aggregate_rows` fills, in the schema's order."""

DUTY_YEARS_AHEAD = 2
"""Duty terms are written up to the start of the second year after the dataset's day (or
after the latest anchor): enough for a report as of that day and the year after."""


def duty_horizon(rotations: Sequence[DutyRotation], as_of: _dt.date | None) -> pendulum.Date:
    """The first day after the duty terms written (the ``duty_terms_until`` fact)."""
    years = [r.anchor.year for r in rotations]
    if as_of is not None:
        years.append(as_of.year)
    return pendulum.date(max(years, default=2000) + DUTY_YEARS_AHEAD, 1, 1)


def _period(period: Period) -> tuple[Any, Any]:
    return period.start, period.end


def _duty_rows(rotations: Sequence[DutyRotation], until: pendulum.Date) -> tuple[Rows, Rows]:
    setups, terms = [], []
    for rotation in rotations:
        setup = rotation.records().setup
        setups.append((setup.id, setup.org_id, setup.anchor, setup.term_months))
        if rotation.anchor >= until:
            continue
        for term in rotation.terms(Period(start=rotation.anchor, end=until)):
            end = term.period.end if term.period.end is not None else until
            terms.append(
                (
                    term.rotation_id,
                    term.index,
                    term.person_id,
                    term.origin.value,
                    term.source_id,
                    term.period.start,
                    min(end, until),
                )
            )
    return setups, terms


_ABOVE = frozenset({TerritoryKind.AREA, TerritoryKind.GRID})
_INSIDE = frozenset({TerritoryKind.BUILDING, TerritoryKind.UNIT, TerritoryKind.HOUSEHOLD})


def _compound_places(tree: OrgTree) -> Rows:
    """Each compound with itself, the areas and grids around it and what lies inside it
    (as :func:`~neighborhood_pb.structure.posts.cross.party_territories` reads them)."""
    territories = tree.territories
    rows: Rows = []
    for compound in tree.records().territories:
        if compound.kind is not TerritoryKind.COMPOUND:
            continue
        cid = compound.id
        rows.append((cid, cid, "self"))
        rows.extend((cid, t.id, "above") for t in territories.ancestors(cid) if t.kind in _ABOVE)
        stack = list(territories.child_ids(cid))
        while stack:
            tid = stack.pop()
            if territories.by_id[tid].kind in _INSIDE:
                rows.append((cid, tid, "inside"))
            stack.extend(territories.child_ids(tid))
    return rows


def _rule_rows(rules: AppointmentRules) -> Rows:
    return sorted(
        [("cross_party_post", p.value) for p in rules.cross_party_posts]
        + [("cross_body_post", p.value) for p in rules.cross_body_posts]
        + [("cross_body_kind", k.value) for k in rules.cross_body_kinds]
    )


def _claim_rows(ledger: Ledger | None) -> Rows:
    if ledger is None:
        return []
    awards = ledger.standings.snapshot().awards
    rows = []
    for entry in ledger.entries():
        if not isinstance(entry, Claim):
            continue
        rows.append(
            (
                entry.key,
                entry.member_id,
                entry.item_code,
                entry.service_date,
                entry.at.in_timezone("UTC"),
                local_day(entry.at, ledger.zone),
                entry.community_id,
                entry.grid_id,
                entry.household_id,
                ledger.status(entry.key).value,
                awards.get(entry.key, 0),
            )
        )
    return rows


def aggregate_rows(
    tree: OrgTree,
    appointments: Appointments | None,
    rotations: Sequence[DutyRotation] = (),
    ledger: Ledger | None = None,
    links: HouseholdLinks | None = None,
    duty_until: pendulum.Date | None = None,
) -> dict[str, Rows]:
    """Every aggregate table's rows, by name (:data:`AGGREGATE_TABLES`).

    Args:
        tree: The organisation tree (its schema names the levels).
        appointments: Bodies, contracts and appointments, if any.
        rotations: The duty rotations.
        ledger: The points ledger, if it has entries.
        links: The household links, if any.
        duty_until: The first day after the duty terms written (required with rotations).
    """
    records = appointments.records() if appointments is not None else None
    until = duty_horizon(rotations, None) if duty_until is None else duty_until
    setups, terms = _duty_rows(rotations, until)
    link_records: Iterable[Any] = () if links is None else links.records()
    return {
        "levels": [
            (level.code, committee_tier(level.territory_kinds).value)
            for level in tree.schema.levels
        ],
        "compound_places": _compound_places(tree),
        "post_rules": _rule_rows(
            AppointmentRules() if appointments is None else appointments.rules
        ),
        "bodies": [
            (
                b.id,
                b.kind.value,
                b.name,
                b.territory_id,
                b.parent_id,
                b.party_org_id,
                *_period(b.period),
            )
            for b in (records.bodies if records else ())
        ],
        "service_contracts": [
            (k.id, k.company_id, k.compound_id, *_period(k.period))
            for k in (records.contracts if records else ())
        ],
        "appointments": [
            (
                a.id,
                a.person_id,
                a.post.value,
                a.org_id,
                a.body_id,
                a.territory_id,
                *_period(a.period),
                None if a.end_reason is None else a.end_reason.value,
                None if a.part_time is None else a.part_time.source.value,
            )
            for a in (records.appointments if records else ())
        ],
        "duty_rotations": setups,
        "duty_terms": terms,
        "claim_awards": _claim_rows(ledger),
        "household_links": [
            (k.id, k.person_id, k.household_id, *_period(k.period)) for k in link_records
        ],
    }
