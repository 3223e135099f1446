"""Strategies for single records: days, periods, enums, territory, people, schemas, rules."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Literal

import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.structure.forms import MembershipKind, OrgForm
from neighborhood_pb.structure.levels import SCHEMA_PRESETS, Level, LevelSchema
from neighborhood_pb.structure.people import EmploymentStatus, Person
from neighborhood_pb.structure.records import (
    ReportChannel,
)
from neighborhood_pb.structure.rules import OrgRules
from neighborhood_pb.structure.territory import Territory, TerritoryKind

__all__ = [
    "EARLIEST",
    "LATEST",
    "Standing",
    "dates",
    "employment_statuses",
    "level_schemas",
    "membership_kinds",
    "org_forms",
    "org_rules",
    "periods",
    "persons",
    "preset_schemas",
    "report_channels",
    "schemas",
    "territories",
    "territory_kinds",
    "territory_maps",
]

EARLIEST = pendulum.Date(2000, 1, 1)
"""Earliest day the strategies draw by default."""
LATEST = pendulum.Date(2035, 12, 31)
"""Latest day the strategies draw by default."""

_REFERENCE_DAY = pendulum.Date(2020, 1, 1)

Standing = Literal["full", "probationary", "non_member"]
"""A person's standing on a day: full member (正式党员), probationary (预备党员) or neither."""

_NAMES = st.sampled_from(["幸福", "阳光", "和平", "建设", "东风", "新华", "Riverside", "North"])
_SURNAMES = st.sampled_from(["张", "王", "李", "赵", "陈"])
_PHONES = st.none() | st.integers(13_000_000_000, 19_999_999_999).map(str)  # mobile numbers


def _after(day: _dt.date, days: int) -> pendulum.Date:
    return as_date(day).add(days=days)


# == time =================================================================================


def dates(
    min_value: _dt.date = EARLIEST, max_value: _dt.date = LATEST
) -> st.SearchStrategy[pendulum.Date]:
    """Days between ``min_value`` and ``max_value`` (inclusive), as ``pendulum.Date``."""
    return st.dates(as_date(min_value), as_date(max_value)).map(as_date)


@st.composite
def periods(
    draw: st.DrawFn,
    *,
    min_start: _dt.date = EARLIEST,
    max_start: _dt.date = LATEST,
    max_days: int = 3650,
    open_end: bool | None = None,
) -> Period:
    """Half-open periods starting between ``min_start`` and ``max_start``.

    Args:
        draw: Supplied by hypothesis.
        min_start: Earliest start.
        max_start: Latest start.
        max_days: Longest closed period.
        open_end: ``True`` for open periods only, ``False`` for closed only, ``None`` both.
    """
    start = draw(dates(min_start, max_start))
    is_open = draw(st.booleans()) if open_end is None else open_end
    if is_open:
        return Period(start=start)
    return Period(start=start, end=_after(start, draw(st.integers(1, max(1, max_days)))))


@st.composite
def _period_within(draw: st.DrawFn, outer: Period, *, max_days: int = 1500) -> Period:
    """A period inside ``outer`` (open only if ``outer`` is open)."""
    if outer.end is None:
        start = _after(outer.start, draw(st.integers(0, max_days)))
        if draw(st.booleans()):
            return Period(start=start)
        return Period(start=start, end=_after(start, draw(st.integers(1, max_days))))
    span = (outer.end - outer.start).days
    start = _after(outer.start, draw(st.integers(0, min(span, max_days) - 1)))
    room = (outer.end - start).days
    return Period(start=start, end=_after(start, draw(st.integers(1, room))))


# == enums ================================================================================


def territory_kinds() -> st.SearchStrategy[TerritoryKind]:
    """Any kind of territory (街道 … 户)."""
    return st.sampled_from(TerritoryKind)


def org_forms() -> st.SearchStrategy[OrgForm]:
    """Any organisation form."""
    return st.sampled_from(OrgForm)


def membership_kinds() -> st.SearchStrategy[MembershipKind]:
    """Formal relation (组织关系) or compound-style participation (兼合)."""
    return st.sampled_from(MembershipKind)


def employment_statuses() -> st.SearchStrategy[EmploymentStatus]:
    """In service, retired, mobile or other."""
    return st.sampled_from(EmploymentStatus)


def report_channels() -> st.SearchStrategy[frozenset[ReportChannel]]:
    """A non-empty set of report channels (online, offline or both: 双报到)."""
    return st.frozensets(st.sampled_from(ReportChannel), min_size=1)


# == territory ============================================================================


@st.composite
def territories(
    draw: st.DrawFn,
    *,
    kind: TerritoryKind | None = None,
    parent: Territory | None = None,
    id: str | None = None,
    code: str | None = None,
) -> Territory:
    """One valid territory record, inside ``parent`` if given (kind and period fit it).

    Args:
        draw: Supplied by hypothesis.
        kind: Its kind (drawn if ``None``; smaller than the parent's).
        parent: The enclosing territory, if any.
        id: Its identifier (drawn if ``None``).
        code: Grid code (drawn for grids if ``None``).
    """
    if kind is None:
        floor = -1 if parent is None else parent.kind.rank
        kind = draw(st.sampled_from([k for k in TerritoryKind if k.rank > floor]))
    if id is None:
        id = "T" + draw(st.text("0123456789abcdef", min_size=1, max_size=6))
        if parent is not None and id == parent.id:
            id += "a"
    if code is None and kind is TerritoryKind.GRID:
        code = "G" + draw(st.text("0123456789", min_size=3, max_size=6))
    if parent is None:
        period = draw(periods(max_start=pendulum.Date(2025, 12, 31)))
    else:
        period = draw(_period_within(parent.period))
    return Territory(
        id=id,
        kind=kind,
        name=draw(_NAMES) + kind.label_zh,
        period=period,
        parent_id=None if parent is None else parent.id,
        code=code,
        households=draw(st.none() | st.integers(0, 2000)),
    )


@st.composite
def territory_maps(draw: st.DrawFn, *, max_size: int = 10) -> tuple[Territory, ...]:
    """A whole valid territory map: nested kinds, children inside their parents' lifetimes,
    grid codes (网格编码) unique; parents come before their children."""
    size = draw(st.integers(1, max_size))
    result: list[Territory] = []
    for number in range(size):
        hosts = [t for t in result if t.kind is not TerritoryKind.HOUSEHOLD]
        parent = draw(st.none() | st.sampled_from(hosts)) if hosts else None
        code = f"G{number:03d}"
        result.append(draw(territories(parent=parent, id=f"T{number}", code=code)))
    return tuple(result)


# == people ===============================================================================


@st.composite
def persons(
    draw: st.DrawFn,
    *,
    standing: Standing | None = None,
    on: _dt.date = _REFERENCE_DAY,
    id: str | None = None,
    household_ids: Sequence[str] = (),
) -> Person:
    """A person whose standing on ``on`` is ``standing`` (any if ``None``).

    Args:
        draw: Supplied by hypothesis.
        standing: ``"full"``, ``"probationary"`` or ``"non_member"`` on ``on``.
        on: The day the standing holds.
        id: Its identifier (drawn if ``None``).
        household_ids: Home households to choose from (none if empty).
    """
    day = as_date(on)
    if standing is None:
        standing = draw(st.sampled_from(["full", "probationary", "non_member"]))
    admitted: pendulum.Date | None
    full: pendulum.Date | None = None
    if standing == "full":
        admitted = day.subtract(days=draw(st.integers(0, 20 * 365)))
        full = day.subtract(days=draw(st.integers(0, (day - admitted).days)))
    elif standing == "probationary":
        admitted = day.subtract(days=draw(st.integers(0, 365)))
        if draw(st.booleans()):
            full = _after(day, draw(st.integers(1, 400)))
    else:
        admitted = draw(st.none() | st.integers(1, 3000).map(lambda n: _after(day, n)))
        if admitted is not None and draw(st.booleans()):
            full = _after(admitted, draw(st.integers(0, 400)))
    return Person(
        id=id if id is not None else "P" + draw(st.text("0123456789", min_size=1, max_size=6)),
        name=draw(_SURNAMES) + draw(_NAMES),
        household_id=draw(st.none() | st.sampled_from(household_ids)) if household_ids else None,
        employment=draw(employment_statuses()),
        admitted_on=admitted,
        full_member_on=full,
        phone=draw(_PHONES),
    )


# == schemas and rules ====================================================================


def preset_schemas() -> st.SearchStrategy[LevelSchema]:
    """One of the sources' schemas (:data:`~neighborhood_pb.structure.SCHEMA_PRESETS`)."""
    return st.sampled_from(list(SCHEMA_PRESETS.values()))


_MIDDLE_FORMS = [
    f for f in OrgForm if f not in (OrgForm.WORKING_COMMITTEE, OrgForm.CONTACT_HOUSEHOLD)
]


@st.composite
def level_schemas(draw: st.DrawFn, *, max_depth: int = 5) -> LevelSchema:
    """A valid custom schema: 1 to ``max_depth`` levels with unique codes, territory kinds
    that never grow towards the leaves, a working committee only at the root and contact
    households only as the whole leaf level."""
    depth = draw(st.integers(1, max_depth))
    ranks = sorted(draw(st.lists(st.integers(0, 7), min_size=2 * depth, max_size=2 * depth)))
    levels = []
    for position in range(depth):
        low, high = ranks[2 * position], ranks[2 * position + 1]
        kinds = [k for k in TerritoryKind if low <= k.rank <= high]
        is_root, is_leaf = position == 0, position == depth - 1
        if is_leaf and draw(st.booleans()):
            forms = frozenset({OrgForm.CONTACT_HOUSEHOLD})
        else:
            pool = [*_MIDDLE_FORMS, OrgForm.WORKING_COMMITTEE] if is_root else _MIDDLE_FORMS
            forms = draw(st.frozensets(st.sampled_from(pool), min_size=1, max_size=4))
        levels.append(
            Level(
                code=f"level{position}",
                label_zh=f"第{position + 1}级",
                forms=forms,
                territory_kinds=draw(st.frozensets(st.sampled_from(kinds), min_size=1)),
                optional=not (is_root or is_leaf) and draw(st.booleans()),
            )
        )
    return LevelSchema(
        code="custom" + draw(st.text("0123456789", min_size=1, max_size=3)),
        label_zh="—".join(level.label_zh for level in levels),
        levels=levels,
        people_tiers=draw(st.sampled_from([(), ("党员", "群众")])),
        source="custom",
    )


def schemas() -> st.SearchStrategy[LevelSchema]:
    """A preset or a valid custom schema."""
    return preset_schemas() | level_schemas()


@st.composite
def org_rules(draw: st.DrawFn) -> OrgRules:
    """Valid rules: committee seats ordered, general-branch threshold at most the
    committee threshold, every number non-negative."""
    seats = sorted(draw(st.lists(st.integers(0, 12), min_size=3, max_size=3)))
    thresholds = sorted(draw(st.lists(st.integers(0, 200), min_size=2, max_size=2)))
    small = st.integers(0, 12)
    return OrgRules(
        branch_min_full_members=draw(small),
        branch_max_members=draw(st.integers(0, 100)),
        joint_branch_max_units=draw(small),
        project_branch_min_months=draw(small),
        committee_min_full_members=draw(small),
        committee_min_seats=seats[0],
        committee_usual_max_seats=seats[1],
        committee_max_seats=seats[2],
        secretary_only_max_seats=draw(small),
        general_branch_min_members=thresholds[0],
        grassroots_committee_min_members=thresholds[1],
        committee_term_years=draw(small),
        branch_term_years=draw(small),
        community_term_years=draw(small),
        term_tolerance_years=draw(st.integers(0, 3)),
        term_due_window_days=draw(st.integers(0, 400)),
        compound_style_min_full_members=draw(small),
    )
