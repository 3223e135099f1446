"""``nbpb demo`` on posts, rotations and civic days, and ``nbpb validate`` on their checks: the
figures shown are the aggregates' own answers."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import attrs
import pendulum
import pytest

from neighborhood_pb import Period, PostKind, civic_year, part_time_summary
from neighborhood_pb.cli import main
from neighborhood_pb.cli.demo import DEMO_SECTIONS, findings_section
from neighborhood_pb.cli.demo_duty import (
    CIVIC_DAYS_SHOWN,
    DUTY_TERMS_SHOWN,
    MEETINGS_SHOWN,
    civic_section,
    duty_section,
    next_civic_days,
    shown_terms,
)
from neighborhood_pb.cli.demo_posts import (
    cross_appointment_section,
    format_average,
    neighbourhoods,
    part_time_section,
)
from neighborhood_pb.cli.text import display_width
from neighborhood_pb.dataset import DatasetContext, check_rotations
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure.posts import (
    PART_TIME_REFERENCES,
    PartTimeSource,
    cross_appointments_at,
)
from neighborhood_pb.structure.rotations import DutyRotation

Capture = pytest.CaptureFixture[str]

COMMUNITY = load_sample("community")
CTX = DatasetContext.build(COMMUNITY)


def rows(lines: list[str]) -> list[str]:
    """Table rows: the lines after each rule line of dashes, up to a blank line."""
    found, inside = [], False
    for line in lines:
        if set(line.strip()) <= {"-", " "} and line.strip():
            inside = True
            continue
        if not line.strip():
            inside = False
        elif inside:
            found.append(line)
    return found


def test_the_new_sections_come_before_the_findings() -> None:
    names = [section.__name__ for section in DEMO_SECTIONS]
    assert names[-2:] == [findings_section.__name__, "report_section"]
    for section in (cross_appointment_section, part_time_section, duty_section, civic_section):
        assert section in DEMO_SECTIONS


def test_cross_appointments_per_place() -> None:
    lines = cross_appointment_section(CTX, "zh")
    shown = rows(lines)
    expected = []
    for place in neighbourhoods(CTX):
        found = cross_appointments_at(CTX.appointments, place.id, CTX.on)
        if not found:
            expected.append((place.name, "-", "-"))
        for cross in found:
            expected.append((place.name, CTX.tree.person(cross.person_id).name, cross.label_zh))
    assert len(shown) == len(expected)
    for line, (place, person, direction) in zip(shown, expected, strict=True):
        cells = line.split()
        assert (cells[0], cells[1], cells[-1]) == (place, person, direction)
    assert any("党员进入业委会" in line for line in shown)
    assert any("业委会成员进入党组织班子" in line for line in shown)


def test_part_time_figures_are_the_summarys() -> None:
    lines = part_time_section(CTX, "zh")
    summary = part_time_summary(CTX.appointments, CTX.on)
    shown = rows(lines)
    for committee in summary.committees:
        [line] = [line for line in shown if f" {committee.org_id} " in line]
        counts = dict(committee.by_source)
        numbers = [int(cell) for cell in line.split() if cell.isdigit()]
        assert numbers == [committee.members, *(counts.get(s, 0) for s in sorted_sources())]
    for tier in summary.tiers:
        [line] = [line for line in shown if line.split()[0] == tier.tier.label_zh]
        cells = line.split()
        assert cells[1:4] == [str(tier.committees), str(tier.members), format_average(tier.average)]
        for reference in PART_TIME_REFERENCES.values():
            if reference.tier is tier.tier:
                assert f"{reference.place} {format_average(reference.average)}" in line
    evaluated = [line for line in shown if line.split()[0] == "卫志强"]
    assert [line.split()[1:4] for line in evaluated] == [["2025", "1", "92"], ["2026", "1", "88"]]


def sorted_sources() -> list[PartTimeSource]:
    return [
        PartTimeSource.RESIDENT_UNIT,
        PartTimeSource.IN_SERVICE_MEMBER,
        PartTimeSource.TWO_NEW_ORGANISATION,
        PartTimeSource.OTHER,
    ]


def test_format_average() -> None:
    assert format_average(None) == "-"
    assert format_average(Fraction(8, 2)) == "4"
    assert format_average(Fraction(95, 24)) == "3.96"


@pytest.mark.parametrize("day", ["2020-01-01", "2025-08-15", "2026-11-01", "2031-06-01"])
def test_who_is_on_duty_and_who_chairs(day: str) -> None:
    ctx = DatasetContext.build(COMMUNITY, pendulum.parse(day).date())  # type: ignore[union-attr]
    on = ctx.on
    lines = duty_section(ctx)
    text = "\n".join(lines)
    [duty] = ctx.duty_rotations
    holder = duty.on_duty(on)
    name = ctx.tree.person(holder).name if holder else "nobody"
    assert f"on duty on {on}: {name}" in text
    horizon = shown_terms(duty, on)
    terms = duty.terms(horizon)
    assert len({t.index for t in terms}) == DUTY_TERMS_SHOWN
    for term in terms:
        assert any(
            line.split()[:2] == [str(term.index + 1), str(term.period.start)]
            and ctx.tree.person(term.person_id).name in line
            for line in lines
        ), term
    [chair] = ctx.chair_rotations
    upcoming = [m.day for m in chair.meetings() if m.day >= on and not m.is_cancelled]
    for day_ in upcoming[:MEETINGS_SHOWN]:
        chair_id = chair.chair_of(day_)
        assert chair_id is not None
        [line] = [line for line in lines if line.strip().startswith(str(day_))]
        assert ctx.tree.person(chair_id).name in line
    if len(upcoming) < MEETINGS_SHOWN:
        assert "no meeting scheduled" in text


def test_the_terms_shown_start_with_the_running_one() -> None:
    [duty] = CTX.duty_rotations
    horizon = shown_terms(duty, CTX.on)
    running = duty.term_on(CTX.on)
    assert running is not None
    assert horizon.start == running.period.start
    before = shown_terms(duty, pendulum.Date(2020, 1, 1))
    assert before.start == duty.anchor


def test_a_cancelled_meeting_is_shown_with_its_reason() -> None:
    ctx = DatasetContext.build(COMMUNITY, pendulum.Date(2026, 1, 20))
    lines = duty_section(ctx)
    [cancelled] = [m for m in ctx.chair_rotations[0].meetings() if m.is_cancelled]
    [line] = [line for line in lines if line.strip().startswith(str(cancelled.day))]
    assert "cancelled (取消)" in line
    assert cancelled.cancelled_reason
    assert cancelled.cancelled_reason in line


def test_a_meeting_nobody_may_chair() -> None:
    chair = COMMUNITY.chair_rotations[0]
    short = tuple(
        attrs.evolve(e, period=Period(start=e.period.start, end="2026-11-02"))
        for e in chair.eligibility
    )
    dataset = attrs.evolve(COMMUNITY, chair_rotations=(attrs.evolve(chair, eligibility=short),))
    lines = duty_section(DatasetContext.build(dataset))
    [line] = [line for line in lines if line.strip().startswith("2026-11-02")]
    assert "nobody eligible" in line


def test_a_dataset_without_rotations(capsys: Capture) -> None:
    ctx = DatasetContext.build(load_sample("street"))
    assert "No duty rotation or rotating chair" in "\n".join(duty_section(ctx))
    assert main(["demo", "--sample", "street"]) == 0
    out = capsys.readouterr().out
    assert "兼职委员（截至2026年11月1日）" in out
    assert "街道大工委" in out


def test_the_next_civic_days_are_the_calendars() -> None:
    for day in (pendulum.Date(2026, 11, 1), pendulum.Date(2026, 12, 20), pendulum.Date(2025, 9, 2)):
        found = next_civic_days(day)
        expected = sorted(
            o.day
            for year in (day.year, day.year + 1)
            if year <= 2026  # the last year with official data
            for m in civic_year(year)
            for o in (m.deliberation, m.home)
            if o.day >= day
        )[:CIVIC_DAYS_SHOWN]
        assert [o.day for o in found] == expected
    after_data = next_civic_days(pendulum.Date(2026, 12, 20))
    assert [o.provisional for o in after_data] == [False]
    lines = civic_section(DatasetContext.build(COMMUNITY, pendulum.Date(2026, 12, 20)))
    assert sum("provisional" in line for line in rows(lines)) == 0
    assert any(line.startswith("  2027: no official working-day data") for line in lines)
    zh = civic_section(DatasetContext.build(COMMUNITY, pendulum.Date(2026, 12, 20)), "zh")
    assert any(line.startswith("  2027年：尚无官方工作日数据") for line in zh)
    moved = civic_section(DatasetContext.build(COMMUNITY, pendulum.Date(2025, 9, 2)))
    assert any("moved from 2025-09-28" in line for line in moved)


def test_the_civic_section_lists_the_days_from_the_as_of_day() -> None:
    shown = rows(civic_section(CTX))
    days = next_civic_days(CTX.on)
    assert [line.split()[0] for line in shown] == [str(o.day) for o in days]
    assert [line.split()[2] for line in shown] == [o.rule for o in days]
    in_zh = rows(civic_section(CTX, "zh"))
    assert [line.split()[2] for line in in_zh] == [o.label_zh for o in days]


def test_the_demo_stays_within_the_terminal(capsys: Capture) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for title in ("交叉任职", "兼职委员", "轮值", "活动日"):
        assert any(line.startswith(title) for line in out.splitlines())
    assert max(display_width(line) for line in out.splitlines()) <= 110


# -- validate with the new checks ----------------------------------------------------------------


def write(tmp_path: Path, dataset: object) -> str:
    path = tmp_path / "dataset.json"
    path.write_text(dumps_dataset(dataset), encoding="utf-8")  # type: ignore[arg-type]
    return str(path)


def test_a_conflict_of_interest_exits_one(capsys: Capture, tmp_path: Path) -> None:
    """The property manager of 丽景小区 made its property supervision member."""
    appointments = list(COMMUNITY.appointments.appointments)
    manager = next(a for a in appointments if a.post is PostKind.PROPERTY_MANAGER)
    at = next(
        i for i, a in enumerate(appointments) if a.post is PostKind.PROPERTY_SUPERVISION_MEMBER
    )
    appointments[at] = attrs.evolve(appointments[at], person_id=manager.person_id)
    dataset = attrs.evolve(
        COMMUNITY,
        appointments=attrs.evolve(COMMUNITY.appointments, appointments=tuple(appointments)),
    )
    assert main(["validate", write(tmp_path, dataset)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^  错误 +conflict\.supervision_by_company_staff$", out, re.MULTILINE)


def test_rotation_warnings_keep_exit_zero(capsys: Capture, tmp_path: Path) -> None:
    duty = COMMUNITY.duty_rotations[0]
    dataset = attrs.evolve(COMMUNITY, duty_rotations=(attrs.evolve(duty, overrides=()),))
    assert main(["validate", write(tmp_path, dataset), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"code": "rotation.vacant"' in out
    assert '"subject": "QS-GC-DUTY"' in out


def test_rotations_without_a_committee_or_held_by_a_body() -> None:
    duty = COMMUNITY.duty_rotations[0]
    chair = COMMUNITY.chair_rotations[0]
    dataset = attrs.evolve(
        COMMUNITY,
        duty_rotations=(
            attrs.evolve(duty, setup=attrs.evolve(duty.setup, org_id=None), overrides=()),
        ),
        chair_rotations=(attrs.evolve(chair, setup=attrs.evolve(chair.setup, org_id="QS-RC")),),
    )
    ctx = DatasetContext.build(dataset, pendulum.Date(2025, 8, 15))
    lines = duty_section(ctx)
    assert "  QS-GC-DUTY, terms of 2 months" in lines
    assert "  青松社区居委会 (QS-GC-CHAIR)" in lines
    # Without the substitute, the rest of 严文博's term is vacant.
    assert "  on duty on 2025-08-15: nobody (无人轮值)" in lines
    [vacant] = [line for line in lines if "vacant (空缺)" in line]
    assert vacant.split()[:2] == ["2025-08-01", "2025-08-31"]


def test_a_chair_without_meetings_is_not_judged() -> None:
    chair = COMMUNITY.chair_rotations[0]
    dataset = attrs.evolve(COMMUNITY, chair_rotations=(attrs.evolve(chair, meetings=(), swaps=()),))
    ctx = DatasetContext.build(dataset)
    assert check_rotations(ctx) == ()
    assert "no meeting scheduled from 2026-11-01" in "\n".join(duty_section(ctx))


def test_the_duty_note_gives_the_term_bounds_of_the_rotations_rules() -> None:
    rotation = CTX.duty_rotations[0]
    assert "1至3个月（永春县" in "".join(duty_section(CTX, "zh"))  # the preset's bounds
    wider = attrs.evolve(rotation.rules, max_term_months=6, source="本社区议定")
    changed = attrs.evolve(CTX, duty_rotations=(DutyRotation(rotation.records(), wider),))
    shown = " ".join(" ".join(duty_section(changed, "en")).split())
    assert "whole calendar months, 1 to 6 (本社区议定)" in shown
    assert "1至3个月" not in "".join(duty_section(changed, "zh"))
