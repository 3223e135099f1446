"""Hypothesis strategies for rotations: rules, rosters, rotations, edits, swaps, overrides.

Downstream applications can use them to test their own handling of duty rotations
(轮值家长) and rotating chairs (轮值主席). Strategies that take a rotation draw records that
fit it (``valid=True``) or records that may break its rules.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.structure.rotations.chair import ChairRotation
from neighborhood_pb.structure.rotations.duty import DutyRotation
from neighborhood_pb.structure.rotations.records import DutyOverride, Eligibility, RotationEdit
from neighborhood_pb.structure.rotations.roster import RotationRoster
from neighborhood_pb.structure.rotations.rules import YONGCHUN_DUTY_RULES, RotationRules

__all__ = [
    "chair_rotations",
    "days",
    "duty_rotation_sets",
    "duty_rotations",
    "eligibilities",
    "invalid_term_months",
    "meeting_days",
    "overrides",
    "person_ids",
    "rosters",
    "rotation_edits",
    "rotation_rules",
    "term_months",
]

Roster = tuple[tuple[str, ...], tuple[Eligibility, ...]]
"""An order and the eligibility periods of the people on the roster."""

_EARLIEST = _dt.date(2018, 1, 1)
_LATEST = _dt.date(2035, 12, 31)


def days(
    min_value: _dt.date = _EARLIEST, max_value: _dt.date = _LATEST
) -> st.SearchStrategy[pendulum.Date]:
    """Calendar days as ``pendulum.Date``."""
    return st.dates(min_value=min_value, max_value=max_value).map(as_date)


def person_ids() -> st.SearchStrategy[str]:
    """Short person ids (``p00`` … ``p19``) so that draws often name the same people."""
    return st.integers(min_value=0, max_value=19).map(lambda n: f"p{n:02d}")


def term_months(rules: RotationRules = YONGCHUN_DUTY_RULES) -> st.SearchStrategy[int]:
    """Term lengths the rules allow."""
    return st.integers(min_value=rules.min_term_months, max_value=rules.max_term_months)


def invalid_term_months(rules: RotationRules = YONGCHUN_DUTY_RULES) -> st.SearchStrategy[int]:
    """Term lengths the rules refuse."""
    return st.one_of(
        st.integers(max_value=rules.min_term_months - 1),
        st.integers(min_value=rules.max_term_months + 1),
    )


@st.composite
def rotation_rules(draw: st.DrawFn) -> RotationRules:
    """Valid bounds on the term length (1–12 months)."""
    low = draw(st.integers(min_value=1, max_value=6))
    high = draw(st.integers(min_value=low, max_value=12))
    return RotationRules(min_term_months=low, max_term_months=high)


@st.composite
def eligibilities(
    draw: st.DrawFn, person_id: str, start: _dt.date, *, steady: bool = False
) -> tuple[Eligibility, ...]:
    """One to three non-overlapping eligibility periods of ``person_id`` from about ``start``.

    With ``steady``, a single open period from ``start``.
    """
    first = as_date(start)
    if steady:
        return (Eligibility(person_id=person_id, period=Period(start=first)),)
    count = draw(st.integers(min_value=1, max_value=3))
    day = first.subtract(days=draw(st.integers(min_value=0, max_value=200)))
    found: list[Eligibility] = []
    for at in range(count):
        day = day.add(days=draw(st.integers(min_value=0 if at == 0 else 1, max_value=400)))
        if at == count - 1 and draw(st.booleans()):
            found.append(Eligibility(person_id=person_id, period=Period(start=day)))
            break
        end = day.add(days=draw(st.integers(min_value=1, max_value=900)))
        found.append(Eligibility(person_id=person_id, period=Period(start=day, end=end)))
        day = end
    return tuple(found)


@st.composite
def rosters(
    draw: st.DrawFn,
    start: _dt.date,
    *,
    min_size: int = 1,
    max_size: int = 6,
    steady: bool = False,
) -> Roster:
    """An order of distinct people and their eligibility (everyone has at least one period).

    Args:
        start: Around when the eligibility periods begin.
        min_size: Fewest people.
        max_size: Most people.
        steady: Everyone eligible from ``start`` for ever.
    """
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    order = tuple(f"p{n:02d}" for n in draw(st.permutations(range(size))))
    eligibility: list[Eligibility] = []
    for person_id in order:
        eligibility.extend(draw(eligibilities(person_id, start, steady=steady)))
    return order, tuple(eligibility)


@st.composite
def duty_rotations(
    draw: st.DrawFn,
    *,
    rules: RotationRules = YONGCHUN_DUTY_RULES,
    min_size: int = 1,
    max_size: int = 6,
    steady: bool = False,
    id: str = "rotation",
) -> DutyRotation:
    """A new duty rotation (no edits yet) with a random anchor, term length and roster;
    ``id`` names it (see :func:`duty_rotation_sets` for several with distinct ids)."""
    anchor = draw(days(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)))
    order, eligibility = draw(rosters(anchor, min_size=min_size, max_size=max_size, steady=steady))
    return DutyRotation.create(
        id=id,
        anchor=anchor,
        term_months=draw(term_months(rules)),
        order=order,
        eligibility=eligibility,
        rules=rules,
    )


def duty_rotation_sets(
    *, max_size: int = 3, min_size: int = 0
) -> st.SearchStrategy[tuple[DutyRotation, ...]]:
    """Several duty rotations of one place, each with its own id (``rotation-0``, …)."""
    return st.integers(min_value=min_size, max_value=max_size).flatmap(
        lambda count: st.tuples(*(duty_rotations(id=f"rotation-{n}") for n in range(count)))
    )


def meeting_days(
    start: _dt.date, *, min_size: int = 0, max_size: int = 12
) -> st.SearchStrategy[tuple[pendulum.Date, ...]]:
    """Distinct meeting days within about three years of ``start``, sorted."""
    first = as_date(start)
    offsets = st.lists(
        st.integers(min_value=0, max_value=1100), min_size=min_size, max_size=max_size, unique=True
    )
    return offsets.map(lambda found: tuple(first.add(days=n) for n in sorted(found)))


@st.composite
def chair_rotations(
    draw: st.DrawFn, *, min_size: int = 1, max_size: int = 6, steady: bool = False
) -> ChairRotation:
    """A new rotating chair with a random roster and meetings."""
    start = draw(days(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)))
    order, eligibility = draw(rosters(start, min_size=min_size, max_size=max_size, steady=steady))
    return ChairRotation.create(
        id="chair", order=order, eligibility=eligibility, meetings=draw(meeting_days(start))
    )


@st.composite
def rotation_edits(
    draw: st.DrawFn,
    rotation: RotationRoster[Any],
    *,
    within: Period,
    id: str = "edit",
    term_lengths: st.SearchStrategy[int] | None = None,
) -> RotationEdit:
    """An edit of ``rotation`` dated within ``within``: a new order drawn from its roster,
    and a new term length when ``term_lengths`` is given."""
    effective = draw(days(within.start, within.closed_end().subtract(days=1)))
    roster = sorted(rotation.roster)
    order = None
    new_length = None if term_lengths is None else draw(st.none() | term_lengths)
    if new_length is None or draw(st.booleans()):
        people = draw(st.lists(st.sampled_from(roster), min_size=1, max_size=8, unique=True))
        order = tuple(people)
    return RotationEdit(id=id, effective_from=effective, order=order, term_months=new_length)


@st.composite
def overrides(
    draw: st.DrawFn,
    rotation: DutyRotation,
    *,
    within: Period,
    id: str = "override",
    valid: bool = True,
) -> DutyOverride:
    """An override of part of a term of ``rotation`` starting within ``within``.

    With ``valid`` (the default) the substitute is eligible throughout and is not the holder
    (when nobody on the roster qualifies, the draw is rejected); otherwise it is anyone on the
    roster but the holder, or someone not on it (``nobody``).
    """
    day = draw(days(max(within.start, rotation.anchor), within.closed_end().subtract(days=1)))
    index = rotation.plan.slots.index_on(day)
    assert index is not None
    term = rotation.term_period(index)
    length = draw(st.integers(min_value=1, max_value=(term.closed_end() - day).days))
    period = Period(start=day, end=day.add(days=length))
    holder = rotation.plan.holder(index)[0]
    candidates = sorted(p for p in rotation.roster if p != holder)
    if valid:
        candidates = [p for p in candidates if rotation.plan.eligibility.covers(p, period)]
    else:
        candidates.append("nobody")
    substitute = draw(st.sampled_from(candidates)) if candidates else draw(st.nothing())
    return DutyOverride(
        id=id, substitute_id=substitute, absent_id=holder, period=period, reason="absent"
    )
