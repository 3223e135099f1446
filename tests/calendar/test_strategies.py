"""The calendar's hypothesis strategies generate what they promise."""

import pendulum
from hypothesis import given

from neighborhood_pb.calendar import (
    DayRequirement,
    MovePolicy,
    OfficialNotice,
    Period,
    WorkingDayCalendar,
    china_working_days,
)
from neighborhood_pb.calendar.civic import CivicDayRule
from neighborhood_pb.testing import calendar as strategies


@given(strategies.official_years())
def test_official_years_have_data(year: int) -> None:
    assert china_working_days().has_official_data(year)


@given(strategies.official_dates())
def test_official_dates_can_be_asked_without_provisional(day: pendulum.Date) -> None:
    assert isinstance(china_working_days().is_working_day(day), bool)


@given(strategies.periods(min_year=2030, max_year=2031, max_days=30))
def test_periods_stay_inside_their_years(period: Period) -> None:
    assert period.end is not None
    assert 1 <= period.days() <= 30
    assert pendulum.Date(2030, 1, 1) <= period.start
    assert period.end <= pendulum.Date(2032, 1, 1)


@given(strategies.civic_rules(moves=False))
def test_rules_without_moves_keep_their_days(rule: CivicDayRule) -> None:
    assert rule.if_not_allowed is MovePolicy.KEEP_AND_WARN
    assert not rule.moves


@given(strategies.civic_rules())
def test_rules_moving_by_weeks_have_a_usual_weekday(rule: CivicDayRule) -> None:
    if rule.if_not_allowed in (MovePolicy.PREVIOUS_WEEK, MovePolicy.NEXT_WEEK):
        if rule.needs is DayRequirement.REST_DAY:
            assert rule.weekday is not None
            assert rule.weekday >= 5
        if rule.needs is DayRequirement.WORKING_DAY:
            assert rule.weekday is not None
            assert rule.weekday < 5


@given(strategies.official_notices())
def test_generated_notices_make_a_calendar(notice: OfficialNotice) -> None:
    calendar = WorkingDayCalendar([notice])
    for month in range(1, 13):
        assert calendar.first_working_day(notice.year, month).month == month


def test_a_month_of_holidays_is_given_back_its_working_days() -> None:
    year = 2027
    march = range(59, 90)  # offsets of 1–31 March 2027
    holidays = {*march, 0}
    strategies._keep_a_working_day_each_month(year, holidays, set())
    assert holidays == {0}
    saturday = 64  # 6 March 2027
    holidays = set(march) - {saturday}
    strategies._keep_a_working_day_each_month(year, holidays, {saturday})
    assert holidays == set(march) - {saturday}
