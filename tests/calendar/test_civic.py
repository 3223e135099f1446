"""Recurring civic days: presets of 永春县 and 惠安县, policies, and that no period is dropped."""

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar import (
    DELIBERATION_DAY,
    HALF_YEAR_INQUIRY,
    HOME_DAY,
    QUARTERLY_REVIEW,
    WEEKDAY_LABELS_ZH,
    YEAR_END_EVALUATION,
    YONGCHUN_RULES,
    CivicDayRule,
    CivicOccurrence,
    DayRequirement,
    DaySelector,
    MovePolicy,
    OfficialNotice,
    Period,
    PeriodKind,
    WorkingDayCalendar,
    china_working_days,
    civic_days,
    civic_findings,
    civic_year,
    occurrence_in,
    occurrences,
    period_label,
    weekly_visit,
)
from neighborhood_pb.errors import (
    CalendarDataError,
    InvalidRecordError,
    RuleViolationError,
    Severity,
)
from neighborhood_pb.io.json import make_converter
from neighborhood_pb.testing.calendar import civic_rules, month_periods, periods

CHINA = china_working_days()
CONVERTER = make_converter()
SUNDAY = pendulum.WeekDay.SUNDAY


def on(rule: CivicDayRule, year: int, month: int) -> CivicOccurrence:
    return occurrence_in(rule, Period.month(year, month), CHINA)


def test_the_deliberation_day_of_january_2026_is_sunday_the_4th() -> None:
    occurrence = on(DELIBERATION_DAY, 2026, 1)
    assert occurrence.day == pendulum.Date(2026, 1, 4)
    assert occurrence.day.weekday() == 6
    assert not occurrence.moved
    assert occurrence.findings == ()


def test_the_home_day_is_the_last_sunday() -> None:
    occurrence = on(HOME_DAY, 2026, 5)
    assert occurrence.day == pendulum.Date(2026, 5, 31)
    assert occurrence.label_zh == "回家日"
    assert "永春县" in HOME_DAY.source


def test_a_home_day_on_an_adjusted_working_day_moves_to_the_previous_rest_sunday() -> None:
    occurrence = on(HOME_DAY, 2024, 9)
    assert occurrence.nominal == pendulum.Date(2024, 9, 29)
    assert CHINA.is_adjusted_working_day(occurrence.nominal)
    assert occurrence.day == pendulum.Date(2024, 9, 22)
    assert occurrence.moved
    (finding,) = occurrence.findings
    assert finding.code == "civic.day_moved"
    assert finding.severity is Severity.INFO
    assert finding.subject == "home_day:2024-09-01"
    assert "2024-09" in finding.message
    assert "adjusted working day (调休上班)" in finding.message
    assert "previous Sunday that is a rest day" in finding.message
    assert finding.rule == HOME_DAY.source


def test_a_move_repeats_until_a_rest_sunday() -> None:
    # 2010-09-19 and 2010-09-26 were both worked (中秋 and 国庆 arrangements)
    occurrence = on(HOME_DAY, 2010, 9)
    assert occurrence.day == pendulum.Date(2010, 9, 12)
    assert CHINA.is_adjusted_working_day(pendulum.Date(2010, 9, 19))


def test_keep_and_warn_keeps_the_day_with_a_warning() -> None:
    keep = attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy.KEEP_AND_WARN)
    occurrence = on(keep, 2024, 9)
    assert occurrence.day == pendulum.Date(2024, 9, 29)
    assert not occurrence.moved
    (finding,) = occurrence.findings
    assert (finding.code, finding.severity) == ("civic.day_kept", Severity.WARNING)
    assert "keep_and_warn" in finding.message


def test_next_week_moves_into_the_next_month_and_still_belongs_to_its_own() -> None:
    later = attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy.NEXT_WEEK)
    occurrence = on(later, 2024, 9)
    assert occurrence.day == pendulum.Date(2024, 10, 6)  # a National Day holiday: a rest day
    assert occurrence.period == Period.month(2024, 9)
    october = occurrences(later, Period.month(2024, 10), CHINA)
    assert [(o.period.start.month, o.day.day) for o in october] == [(9, 6), (10, 27)]
    assert occurrences(later, Period.month(2024, 9), CHINA) == ()
    assert "next Sunday" in occurrence.findings[0].message


def test_the_home_day_default_policy_is_documented_as_previous_week() -> None:
    assert HOME_DAY.if_not_allowed is MovePolicy.PREVIOUS_WEEK
    assert HOME_DAY.needs is DayRequirement.REST_DAY


def test_weekly_visits_move_off_the_spring_festival() -> None:
    monday = weekly_visit(pendulum.WeekDay.MONDAY)
    found = occurrences(monday, Period(start="2026-02-09", end="2026-03-03"), CHINA)
    assert [o.day for o in found] == [
        pendulum.Date(2026, 2, 9),
        pendulum.Date(2026, 2, 24),  # Monday 16th, in the holiday, moved to the next working day
        pendulum.Date(2026, 2, 24),  # Monday 23rd too: two visits on one day, both listed
        pendulum.Date(2026, 3, 2),
    ]
    assert [o.period.start.day for o in found] == [9, 16, 23, 2]
    assert "holiday (节假日)" in found[1].findings[0].message
    assert "week of 2026-02-16" in found[1].findings[0].message
    assert monday.label_zh == "每周一看"
    assert "惠安县" in monday.source


def test_the_reviews_of_2026() -> None:
    rules = (QUARTERLY_REVIEW, HALF_YEAR_INQUIRY, YEAR_END_EVALUATION)
    found = civic_days(rules, Period.year(2026), CHINA)
    assert [(o.rule, str(o.day)) for o in found] == [
        ("quarterly_review", "2026-03-31"),
        ("half_year_inquiry", "2026-06-15"),
        ("quarterly_review", "2026-06-30"),
        ("quarterly_review", "2026-09-30"),
        ("half_year_inquiry", "2026-12-15"),
        ("year_end_evaluation", "2026-12-21"),  # the 20th is a Sunday
        ("quarterly_review", "2026-12-31"),
    ]
    (moved,) = civic_findings(found)
    assert "2026-12-20 is a rest day (休息日)" in moved.message
    assert "of 2026:" in moved.message


def test_civic_year_gives_each_months_two_days() -> None:
    months = civic_year(2026)
    assert len(months) == 12
    assert [m.month for m in months] == [Period.month(2026, m) for m in range(1, 13)]
    assert months[0].deliberation.day == pendulum.Date(2026, 1, 4)
    assert months[0].home.day == pendulum.Date(2026, 1, 25)
    assert months[9].deliberation.day == pendulum.Date(2026, 10, 8)
    for month in months:
        assert month.month.contains(month.deliberation.day)
        assert month.month.contains(month.home.day)
        assert not month.deliberation.provisional


def test_civic_year_refuses_a_year_without_data_unless_provisional() -> None:
    with pytest.raises(CalendarDataError) as caught:
        civic_year(2027)
    assert "2027" in str(caught.value)
    months = civic_year(2027, provisional=True)
    # 元旦 is off by statute; no notice yet says whether a weekend is worked instead
    assert months[0].deliberation.day == pendulum.Date(2027, 1, 4)
    assert all(m.deliberation.provisional and m.home.provisional for m in months)
    finding = months[0].deliberation.findings[0]
    assert finding.code == "civic.provisional"
    assert "2027" in finding.message


def test_civic_year_takes_other_monthly_rules_only() -> None:
    keep = attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy.KEEP_AND_WARN)
    months = civic_year(2024, CHINA, home=keep)
    assert months[8].home.day == pendulum.Date(2024, 9, 29)
    with pytest.raises(InvalidRecordError) as caught:
        civic_year(2026, home=QUARTERLY_REVIEW)
    assert caught.value.rule == "civic.monthly"
    with pytest.raises(InvalidRecordError):
        civic_year(10_000)


@pytest.mark.parametrize(
    ("changes", "expected", "clamped"),
    [
        ({"select": DaySelector.DAY_OF_MONTH, "n": 31}, "2026-04-30", True),
        ({"select": DaySelector.DAY_OF_MONTH, "n": -31}, "2026-04-01", True),
        ({"select": DaySelector.DAY_OF_MONTH, "n": -1}, "2026-04-30", False),
        ({"select": DaySelector.WEEKDAY, "weekday": 3, "n": 5}, "2026-04-30", False),
        ({"select": DaySelector.WEEKDAY, "weekday": 4, "n": 5}, "2026-04-24", True),
        ({"select": DaySelector.WEEKDAY, "weekday": 4, "n": -5}, "2026-04-03", True),
        ({"select": DaySelector.WORKING_DAY, "n": 23}, "2026-04-30", True),
        ({"select": DaySelector.WORKING_DAY, "n": -23}, "2026-04-01", True),
        ({"select": DaySelector.WORKING_DAY, "n": 2}, "2026-04-02", False),
    ],
)
def test_a_day_that_does_not_exist_is_clamped_into_the_month(
    changes: dict[str, object], expected: str, clamped: bool
) -> None:
    rule = CivicDayRule(code="r", label_zh="测试日", every=PeriodKind.MONTH, **changes)  # type: ignore[arg-type]
    occurrence = on(rule, 2026, 4)
    assert str(occurrence.day) == expected
    codes = [f.code for f in occurrence.findings]
    assert codes == (["civic.day_clamped"] if clamped else [])
    if clamped:
        assert "does not exist" in occurrence.findings[0].message


def test_months_of_longer_periods_count_from_either_end() -> None:
    middle = CivicDayRule(code="m", label_zh="季中", every=PeriodKind.QUARTER, month=2, n=10)
    last = attrs.evolve(middle, month=-1)
    q3 = Period.quarter(2026, 3)
    assert occurrence_in(middle, q3, CHINA).day == pendulum.Date(2026, 8, 10)
    assert occurrence_in(last, q3, CHINA).day == pendulum.Date(2026, 9, 10)
    yearly = CivicDayRule(code="y", label_zh="年", every=PeriodKind.YEAR, month=-12, n=1)
    assert occurrence_in(yearly, Period.year(2026), CHINA).day == pendulum.Date(2026, 1, 1)


def test_a_working_day_rule_moves_back_over_a_holiday() -> None:
    rule = CivicDayRule(
        code="r",
        label_zh="测试日",
        every=PeriodKind.MONTH,
        n=3,
        needs=DayRequirement.WORKING_DAY,
        if_not_allowed=MovePolicy.PREVIOUS_DAY,
    )
    occurrence = on(rule, 2026, 10)  # 3 October is a holiday
    assert occurrence.day == pendulum.Date(2026, 9, 30)
    assert "previous working day (工作日)" in occurrence.findings[0].message


def test_a_rest_day_rule_says_when_the_day_is_an_ordinary_working_day() -> None:
    rule = CivicDayRule(
        code="r", label_zh="测试日", every=PeriodKind.MONTH, n=1, needs=DayRequirement.REST_DAY
    )
    occurrence = on(rule, 2026, 6)  # Monday 1 June
    assert occurrence.day == pendulum.Date(2026, 6, 6)
    assert "is a working day (工作日)" in occurrence.findings[0].message


def test_a_move_that_finds_no_allowed_day_is_an_error_not_a_silent_drop() -> None:
    sundays = [pendulum.Date(2027, 1, 3).add(weeks=i) for i in range(9)]  # to 28 February
    calendar = WorkingDayCalendar([OfficialNotice(year=2027, working_days=sundays)])
    rule = attrs.evolve(HOME_DAY, max_shift_days=14)
    with pytest.raises(RuleViolationError) as caught:
        occurrence_in(rule, Period.month(2027, 2), calendar)
    assert caught.value.subject == "home_day:2027-02-01"
    assert caught.value.rule == "civic.max_shift"
    assert occurrence_in(HOME_DAY, Period.month(2027, 3), calendar).day == pendulum.Date(
        2027, 3, 28
    )


def test_occurrences_refuse_open_horizons_and_foreign_periods() -> None:
    with pytest.raises(InvalidRecordError, match="open"):
        occurrences(HOME_DAY, Period(start="2026-01-01"), CHINA)
    with pytest.raises(InvalidRecordError) as caught:
        occurrence_in(HOME_DAY, Period.quarter(2026, 1), CHINA)
    assert caught.value.rule == "civic.period"


def test_the_edge_of_the_official_data() -> None:
    december = Period.month(2026, 12)
    found = civic_days([DELIBERATION_DAY, HOME_DAY], december, CHINA)
    assert [str(o.day) for o in found] == ["2026-12-01", "2026-12-27"]
    with pytest.raises(CalendarDataError):
        civic_days([HOME_DAY], Period(start="2026-12-01", end="2027-01-02"), CHINA)
    ahead = civic_days(
        [HOME_DAY], Period(start="2026-12-01", end="2027-02-01"), CHINA, provisional=True
    )
    assert [(str(o.day), o.provisional) for o in ahead] == [
        ("2026-12-27", False),
        ("2027-01-31", True),
    ]


def test_any_day_rules_need_no_data() -> None:
    rule = CivicDayRule(code="r", label_zh="纪念日", every=PeriodKind.YEAR, month=7, n=1)
    found = occurrences(rule, Period(start="2030-01-01", end="2033-01-01"), CHINA)
    assert [str(o.day) for o in found] == ["2030-07-01", "2031-07-01", "2032-07-01"]
    assert not any(o.provisional for o in found)


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"every": PeriodKind.DAY}, "civic.recurrence"),
        ({"every": PeriodKind.WEEK}, "civic.weekday"),
        ({"every": PeriodKind.WEEK, "weekday": 0}, "civic.weekly"),
        (
            {"every": PeriodKind.WEEK, "weekday": 0, "select": DaySelector.WEEKDAY, "n": 2},
            "civic.weekly",
        ),
        ({"every": PeriodKind.MONTH, "month": 2}, "civic.month_of_period"),
        ({"every": PeriodKind.QUARTER, "month": 0}, "civic.month_of_period"),
        ({"every": PeriodKind.YEAR, "month": -13}, "civic.month_of_period"),
        ({"every": PeriodKind.MONTH, "n": 0}, "civic.n"),
        ({"every": PeriodKind.MONTH, "n": 32}, "civic.n"),
        ({"every": PeriodKind.MONTH, "select": DaySelector.WORKING_DAY, "n": -24}, "civic.n"),
        (
            {"every": PeriodKind.MONTH, "select": DaySelector.WEEKDAY, "n": 6, "weekday": 0},
            "civic.n",
        ),
        ({"every": PeriodKind.MONTH, "select": DaySelector.WEEKDAY}, "civic.weekday"),
        ({"every": PeriodKind.MONTH, "weekday": 6}, "civic.weekday"),
        ({"every": PeriodKind.MONTH, "max_shift_days": 400}, "civic.max_shift"),
        (
            {
                "every": PeriodKind.MONTH,
                "if_not_allowed": MovePolicy.NEXT_WEEK,
                "needs": DayRequirement.WORKING_DAY,
            },
            "civic.week_move",
        ),
        (
            {
                "every": PeriodKind.WEEK,
                "select": DaySelector.WEEKDAY,
                "weekday": 0,
                "if_not_allowed": MovePolicy.NEXT_WEEK,
                "needs": DayRequirement.REST_DAY,
            },
            "civic.week_move",
        ),
        ({"every": PeriodKind.MONTH, "code": " "}, "civic.rule_fields"),
        ({"every": PeriodKind.MONTH, "label_zh": ""}, "civic.rule_fields"),
    ],
)
def test_rules_refuse_inconsistent_fields(fields: dict[str, object], rule: str) -> None:
    values: dict[str, object] = {"code": "r", "label_zh": "测试日", **fields}
    with pytest.raises(InvalidRecordError) as caught:
        CivicDayRule(**values)  # type: ignore[arg-type]
    assert caught.value.rule == rule


def test_rules_accept_enum_values() -> None:
    rule = CivicDayRule(
        code="r",
        label_zh="测试日",
        every="month",  # type: ignore[arg-type]
        select="weekday",  # type: ignore[arg-type]
        weekday=6,  # type: ignore[arg-type]
        n=-1,
        needs="rest_day",  # type: ignore[arg-type]
        if_not_allowed="previous_week",  # type: ignore[arg-type]
    )
    assert (
        attrs.evolve(rule, code="home_day", label_zh="回家日", source=HOME_DAY.source) == HOME_DAY
    )
    assert WEEKDAY_LABELS_ZH[int(SUNDAY)] == "星期日"


def test_period_labels() -> None:
    day = pendulum.Date(2026, 8, 12)
    assert period_label(PeriodKind.WEEK, Period.of(PeriodKind.WEEK, day)) == "week of 2026-08-10"
    assert period_label(PeriodKind.MONTH, Period.month(2026, 8)) == "2026-08"
    assert period_label(PeriodKind.QUARTER, Period.quarter(2026, 3)) == "2026 Q3"
    assert period_label(PeriodKind.HALF_YEAR, Period.half_year(2026, 2)) == "2026 H2"
    assert period_label(PeriodKind.HALF_YEAR, Period.half_year(2026, 1)) == "2026 H1"
    assert period_label(PeriodKind.YEAR, Period.year(2026)) == "2026"
    odd = Period(start="2026-08-02", end="2026-08-05")
    assert period_label(PeriodKind.MONTH, odd) == "[2026-08-02, 2026-08-05)"
    assert period_label(PeriodKind.DAY, Period.of(PeriodKind.DAY, day)) == str(
        Period.of(PeriodKind.DAY, day)
    )


def test_findings_come_most_serious_first() -> None:
    keep = attrs.evolve(HOME_DAY, if_not_allowed=MovePolicy.KEEP_AND_WARN)
    found = civic_days(
        [keep, HALF_YEAR_INQUIRY], Period(start="2024-06-01", end="2024-10-01"), CHINA
    )
    severities = [f.severity for f in civic_findings(found)]
    assert severities[0] is Severity.WARNING
    assert severities == sorted(severities, key=lambda s: s.rank)
    assert [o.day for o in found] == sorted(o.day for o in found)


# -- properties -------------------------------------------------------------------------------


@given(month_periods())
def test_a_last_sunday_is_a_sunday_seven_days_before_the_next_month(month: Period) -> None:
    occurrence = occurrence_in(HOME_DAY, month, CHINA)
    nominal = occurrence.nominal
    assert nominal.weekday() == 6
    assert month.contains(nominal)
    assert not month.contains(nominal.add(days=7))
    assert month.contains(occurrence.day)  # moving to an earlier Sunday stays in the month
    assert CHINA.is_rest_day(occurrence.day)
    assert occurrence.moved == CHINA.is_adjusted_working_day(nominal)


@given(month_periods())
def test_the_deliberation_day_is_the_first_working_day(month: Period) -> None:
    occurrence = occurrence_in(DELIBERATION_DAY, month, CHINA)
    assert occurrence.day == CHINA.first_working_day(month.start.year, month.start.month)
    assert occurrence.findings == ()


# Horizons keep a month clear of the official data's edges, so moves never need a missing year.
horizons = periods(min_year=2005, max_year=2025)


@given(civic_rules(), horizons)
def test_no_period_is_dropped(rule: CivicDayRule, horizon: Period) -> None:
    found = occurrences(rule, horizon, CHINA)
    assert all(horizon.contains(o.day) for o in found)
    assert len({o.period for o in found}) == len(found)
    listed = {o.period for o in found}
    margin = rule.max_shift_days if rule.moves else 0
    assert horizon.end is not None
    for period in rule.periods(horizon):
        assert period.end is not None
        inside = horizon.start <= period.start.subtract(days=margin) and (
            period.end.add(days=margin) <= horizon.end
        )
        if inside:
            assert period in listed
        expected = occurrence_in(rule, period, CHINA)
        assert (period in listed) == horizon.contains(expected.day)


@given(civic_rules(), horizons, st.data())
def test_consecutive_horizons_list_every_occurrence_once(
    rule: CivicDayRule, horizon: Period, data: st.DataObject
) -> None:
    assert horizon.end is not None
    days = (horizon.end - horizon.start).days
    if days < 2:
        return
    cut = horizon.start.add(days=data.draw(st.integers(1, days - 1)))
    first = occurrences(rule, Period(start=horizon.start, end=cut), CHINA)
    second = occurrences(rule, Period(start=cut, end=horizon.end), CHINA)
    assert first + second == occurrences(rule, horizon, CHINA)


@given(civic_rules(), horizons)
def test_an_occurrence_is_allowed_or_warned_about(rule: CivicDayRule, horizon: Period) -> None:
    for occurrence in occurrences(rule, horizon, CHINA):
        working = CHINA.is_working_day(occurrence.day)
        allowed = rule.needs is DayRequirement.ANY or working == (
            rule.needs is DayRequirement.WORKING_DAY
        )
        warned = any(f.severity is Severity.WARNING for f in occurrence.findings)
        assert allowed != warned
        if occurrence.moved:
            assert abs((occurrence.day - occurrence.nominal).days) <= rule.max_shift_days
            if rule.if_not_allowed in (MovePolicy.PREVIOUS_WEEK, MovePolicy.NEXT_WEEK):
                assert occurrence.day.weekday() == occurrence.nominal.weekday()
        assert rule.period_of(occurrence.nominal) == occurrence.period


@given(civic_rules())
def test_rules_survive_a_json_round_trip(rule: CivicDayRule) -> None:
    assert CONVERTER.structure(CONVERTER.unstructure(rule), CivicDayRule) == rule


def test_occurrences_survive_a_json_round_trip() -> None:
    for month in civic_year(2024):
        data = CONVERTER.unstructure(month.home)
        assert CONVERTER.structure(data, CivicOccurrence) == month.home


def test_yongchun_rules_are_the_five_presets() -> None:
    assert [r.code for r in YONGCHUN_RULES] == [
        "deliberation_day",
        "home_day",
        "quarterly_review",
        "half_year_inquiry",
        "year_end_evaluation",
    ]
    assert all("永春县" in r.source for r in YONGCHUN_RULES)
