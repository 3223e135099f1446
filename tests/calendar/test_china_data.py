"""China's official data, cross-checked against a second, independent source.

Our data comes from ``chinesecalendar``; the ``holidays`` package (vacanza/holidays,
``holidays.China``) transcribes the same State Council notices independently. For every
official year, the adjusted working days must be equal and every holiday the other source
lists must be a day off in ours.

Known disagreement, investigated: ``holidays`` has Saturday 2005-12-31 as an adjusted working
day and ``chinesecalendar`` 1.11 has it as an ordinary Saturday off. The 2006 notice
(国办发明电〔2005〕35号) settles it: "元旦：1月1日—3日放假……12月31日（星期六）上班". The
2006 notice reaches into 2005, and ``chinesecalendar`` files each notice's days under the
notice's own year, so the day was lost. Our calendar applies the correction
(``CHINA_CORRECTIONS``); the tests below check that the raw package disagrees with the second
source on no other day, and that every correction is confirmed by the second source.
"""

import datetime as dt

import chinese_calendar
import holidays
import pendulum
import pytest

from neighborhood_pb.calendar import (
    CHINA_CORRECTIONS,
    NoticeCorrection,
    china_notices,
    china_working_days,
)

CHINA = china_working_days()
YEARS = CHINA.official_years
OTHER = holidays.China(years=YEARS)


def other_adjusted_working_days(year: int) -> set[dt.date]:
    # weekend_workdays also holds a few days of other years (holidays files a notice's
    # cross-year days under every year it populates), so keep the year's own days.
    return {d for d in OTHER.weekend_workdays if d.year == year}


@pytest.mark.parametrize("year", YEARS)
def test_adjusted_working_days_agree_with_the_holidays_package(year: int) -> None:
    ours = set(CHINA.notice(year).working_days)
    assert ours == other_adjusted_working_days(year)
    assert all(CHINA.is_working_day(d) for d in ours)


@pytest.mark.parametrize("year", YEARS)
def test_every_holiday_of_the_holidays_package_is_a_day_off_in_ours(year: int) -> None:
    theirs = [d for d in OTHER if d.year == year]
    assert theirs, f"the second source has no holidays for {year}"
    working = [(d, OTHER[d]) for d in theirs if CHINA.is_working_day(d)]
    assert working == []


@pytest.mark.parametrize("year", YEARS)
def test_every_weekday_off_in_ours_is_a_holiday_in_the_holidays_package(year: int) -> None:
    weekdays_off = [d for d in CHINA.notice(year).holidays if d.weekday() < 5]
    assert weekdays_off
    assert [d for d in weekdays_off if d not in OTHER] == []


def test_the_raw_package_disagrees_only_on_the_corrected_days() -> None:
    raw = {d for d in chinese_calendar.workdays if d.year in YEARS}
    other = {d for year in YEARS for d in other_adjusted_working_days(year)}
    corrected = {fix.day for fix in CHINA_CORRECTIONS}
    assert (raw ^ other) <= corrected


@pytest.mark.parametrize("fix", CHINA_CORRECTIONS, ids=lambda f: str(f.day))
def test_every_correction_is_confirmed_by_the_second_source(fix: NoticeCorrection) -> None:
    assert (fix.day in OTHER.weekend_workdays) == fix.working
    assert CHINA.is_working_day(fix.day) == fix.working
    assert f"{fix.day} corrected after" in CHINA.notice(fix.day.year).source


def test_saturday_2005_12_31_was_worked() -> None:
    day = pendulum.Date(2005, 12, 31)
    assert day.weekday() == 5
    assert CHINA.is_adjusted_working_day(day)
    assert CHINA.next_working_day(day) == pendulum.Date(2006, 1, 4)


def test_notices_are_built_once_and_cite_their_source() -> None:
    assert china_notices() is china_notices()
    assert china_working_days() is CHINA
    notice = CHINA.notice(2026)
    assert "国务院办公厅关于2026年部分节假日安排的通知" in notice.source
    assert f"chinesecalendar {chinese_calendar.__version__}" in notice.source
