"""China's working-day calendar: official data, provisional answers, notices added by callers."""

import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from neighborhood_pb.calendar import (
    OfficialNotice,
    Period,
    PeriodKind,
    WorkingDayCalendar,
    china_working_days,
    day_in_zone,
)
from neighborhood_pb.calendar.statutory import STATUTORY_SOURCE, statutory_notice
from neighborhood_pb.errors import CalendarDataError, ConflictError, InvalidRecordError
from neighborhood_pb.testing.calendar import (
    dates,
    month_periods,
    official_dates,
    official_notices,
    periods,
)

CHINA = china_working_days()


def naive_is_working(notices: dict[int, OfficialNotice], day: dt.date) -> bool:
    """The definition, day by day: an adjusted working day, or a weekday that is no holiday."""
    notice = notices[day.year]
    return day in notice.working_days or (day.weekday() < 5 and day not in notice.holidays)


def test_sunday_2026_01_04_is_an_adjusted_working_day() -> None:
    day = pendulum.Date(2026, 1, 4)
    assert day.weekday() == 6
    assert CHINA.is_working_day(day)
    assert CHINA.is_adjusted_working_day(day)
    assert not CHINA.is_holiday(day)
    assert not CHINA.is_rest_day(day)
    assert CHINA.first_working_day(2026, 1) == day


def test_new_year_2026_is_three_days_off() -> None:
    for d in (1, 2, 3):
        assert CHINA.is_holiday(pendulum.Date(2026, 1, d))
        assert CHINA.is_rest_day(pendulum.Date(2026, 1, d))
    assert CHINA.previous_working_day(pendulum.Date(2026, 1, 4)) == pendulum.Date(2025, 12, 31)


def test_the_official_years_are_2004_to_2026() -> None:
    assert CHINA.official_years == tuple(range(2004, 2027))
    assert [n.year for n in CHINA.notices] == list(CHINA.official_years)
    assert CHINA.has_official_data(2026)
    assert not CHINA.has_official_data(2027)
    assert CHINA.notice(2026).year == 2026
    assert repr(CHINA) == "WorkingDayCalendar(official years: 2004–2026)"


def test_national_day_2026() -> None:
    october = Period.month(2026, 10)
    assert CHINA.first_working_day(2026, 10) == pendulum.Date(2026, 10, 8)
    assert CHINA.is_adjusted_working_day(pendulum.Date(2026, 10, 10))
    assert CHINA.next_working_day(pendulum.Date(2026, 9, 30)) == pendulum.Date(2026, 10, 8)
    # 22 weekdays, less 5 weekday holidays (1, 2, 5, 6, 7), plus Saturday 10 worked
    assert CHINA.count_working_days(october) == len(CHINA.working_days(october)) == 18


@pytest.mark.parametrize(
    "ask",
    [
        lambda: CHINA.is_working_day(pendulum.Date(2027, 3, 1)),
        lambda: CHINA.is_holiday(pendulum.Date(2027, 3, 1)),
        lambda: CHINA.is_adjusted_working_day(pendulum.Date(2027, 3, 1)),
        lambda: CHINA.first_working_day(2027, 1),
        lambda: CHINA.count_working_days(Period(start="2026-12-01", end="2027-01-02")),
        lambda: CHINA.next_working_day(pendulum.Date(2026, 12, 31)),
        lambda: CHINA.previous_working_day(pendulum.Date(2004, 1, 1)),
        lambda: CHINA.notice(2027),
        lambda: CHINA.check_year(2003),
    ],
)
def test_a_year_without_official_data_is_refused_by_name(ask: object) -> None:
    with pytest.raises(CalendarDataError) as caught:
        ask()  # type: ignore[operator]
    assert caught.value.rule == "calendar.official_data"
    assert caught.value.subject in {"2027", "2003"}
    assert caught.value.subject in str(caught.value)
    assert "provisional" in str(caught.value)


def test_a_refused_period_is_refused_before_any_work() -> None:
    with pytest.raises(CalendarDataError, match="2027"):
        CHINA.working_days(Period(start="2026-01-01", end="2027-06-01"))


def test_provisional_answers_have_weekends_and_statutory_holidays_off() -> None:
    new_year = pendulum.Date(2027, 1, 1)  # a Friday: 元旦 by statute, whatever the notice adds
    assert not CHINA.is_working_day(new_year, provisional=True)
    assert CHINA.is_holiday(new_year, provisional=True)
    assert not CHINA.is_adjusted_working_day(pendulum.Date(2027, 1, 3), provisional=True)
    assert CHINA.next_working_day(pendulum.Date(2026, 12, 31), provisional=True) == (
        pendulum.Date(2027, 1, 4)
    )
    assert CHINA.previous_working_day(pendulum.Date(2004, 1, 1), provisional=True) == (
        pendulum.Date(2003, 12, 31)
    )
    CHINA.check_year(2040, provisional=True)
    # official years still answer officially
    assert CHINA.is_working_day(pendulum.Date(2026, 1, 4), provisional=True)
    # asking provisionally does not make later strict questions succeed
    with pytest.raises(CalendarDataError):
        CHINA.is_working_day(new_year)
    # a calendar without a provisional rule has weekends off and nothing else
    bare = WorkingDayCalendar()
    assert bare.is_working_day(new_year, provisional=True)
    assert not bare.is_holiday(new_year, provisional=True)
    assert bare.provisional_notice(2027) == OfficialNotice(year=2027)


def test_the_statutory_days_off_flip_at_their_edges() -> None:
    # 2027: 劳动节 5月1日、2日 fall on a weekend and are made up on Monday and Tuesday
    notice = statutory_notice(2027)
    assert notice.source == STATUTORY_SOURCE
    assert not notice.working_days
    assert CHINA.provisional_notice(2027) == notice
    assert [CHINA.is_working_day(f"2027-05-0{d}", provisional=True) for d in range(3, 6)] == [
        False,
        False,
        True,
    ]
    # 春节 2027: 除夕 Friday 2-5 to 初三 Monday 2-8, two days made up, back to work on 2-11
    assert CHINA.previous_working_day(pendulum.Date(2027, 2, 11), provisional=True) == (
        pendulum.Date(2027, 2, 4)
    )
    assert statutory_notice(2200) == OfficialNotice(year=2200, source=STATUTORY_SOURCE)
    # a substituted day off of a published notice is no rule: 2026-01-02 is left out
    assert pendulum.Date(2026, 1, 2) not in statutory_notice(2026).holidays
    assert pendulum.Date(2026, 1, 1) in statutory_notice(2026).holidays


@given(dates(1990, 2100))
def test_provisional_years_work_monday_to_friday_outside_statutory_holidays(
    day: pendulum.Date,
) -> None:
    if not CHINA.has_official_data(day.year):
        off = statutory_notice(day.year).holidays
        assert CHINA.is_working_day(day, provisional=True) == (day.weekday() < 5 and day not in off)


def test_instants_are_turned_into_days_in_an_explicit_zone() -> None:
    instant = pendulum.datetime(2025, 12, 31, 17, 0, tz="UTC")
    assert day_in_zone(instant) == pendulum.Date(2026, 1, 1)
    assert day_in_zone(instant, "UTC") == pendulum.Date(2025, 12, 31)
    assert isinstance(day_in_zone(dt.datetime(2026, 1, 4, 1, tzinfo=dt.UTC)), pendulum.Date)
    with pytest.raises(InvalidRecordError, match="no zone is guessed"):
        day_in_zone(dt.datetime(2026, 1, 4, 12))
    with pytest.raises(InvalidRecordError):
        day_in_zone(dt.date(2026, 1, 4))  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError, match="explicit zone"):
        CHINA.is_working_day(pendulum.datetime(2026, 1, 4, tz="Asia/Shanghai"))


def test_plain_dates_and_iso_strings_are_accepted() -> None:
    assert CHINA.is_working_day(dt.date(2026, 1, 4))
    assert CHINA.is_working_day("2026-01-04")  # type: ignore[arg-type]


def test_open_periods_and_bad_months_are_refused() -> None:
    with pytest.raises(InvalidRecordError, match="open"):
        CHINA.count_working_days(Period(start="2026-01-01"))
    with pytest.raises(InvalidRecordError, match="month"):
        CHINA.first_working_day(2026, 13)
    with pytest.raises(InvalidRecordError, match="year"):
        CHINA.last_working_day(0, 1)
    with pytest.raises(InvalidRecordError, match="year"):
        WorkingDayCalendar().next_working_day(pendulum.Date(9998, 12, 31), provisional=True)
    with pytest.raises(InvalidRecordError, match="year"):
        WorkingDayCalendar().previous_working_day(pendulum.Date(1, 1, 1), provisional=True)


def test_a_caller_adds_next_years_notice() -> None:
    notice = OfficialNotice(
        year=2027,
        holidays=["2027-01-01", "2027-01-02", "2027-01-03"],
        working_days=["2027-01-09"],
        source="国务院办公厅关于2027年部分节假日安排的通知",
    )
    extended = CHINA.with_notice(notice)
    assert extended.official_years[-1] == 2027
    assert not extended.is_working_day(pendulum.Date(2027, 1, 1))
    assert extended.is_adjusted_working_day(pendulum.Date(2027, 1, 9))
    assert extended.first_working_day(2027, 1) == pendulum.Date(2027, 1, 4)
    assert extended.next_working_day(pendulum.Date(2026, 12, 31)) == pendulum.Date(2027, 1, 4)
    # the shared calendar is a value: it did not change
    assert not CHINA.has_official_data(2027)
    assert extended != CHINA
    with pytest.raises(ConflictError) as caught:
        extended.with_notice(notice)
    assert caught.value.subject == "notice 2027"
    amended = extended.with_notice(OfficialNotice(year=2027), replace=True)
    assert amended.is_working_day(pendulum.Date(2027, 1, 1))
    assert extended.is_holiday(pendulum.Date(2027, 1, 1))


def test_calendars_compare_by_their_notices() -> None:
    a = WorkingDayCalendar([OfficialNotice(year=2030), OfficialNotice(year=2032)])
    b = WorkingDayCalendar([OfficialNotice(year=2032), OfficialNotice(year=2030)])
    assert a == b
    assert hash(a) == hash(b)
    assert a != "calendar"
    assert repr(a) == "WorkingDayCalendar(official years: 2030, 2032)"
    assert repr(WorkingDayCalendar()) == "WorkingDayCalendar(official years: none)"
    with pytest.raises(ConflictError, match="two official notices for 2030"):
        WorkingDayCalendar([OfficialNotice(year=2030), OfficialNotice(year=2030)])


def test_year_tables_are_built_lazily_once() -> None:
    calendar = WorkingDayCalendar(CHINA.notices)
    assert calendar._tables == {}
    for day in range(1, 29):
        calendar.is_working_day(pendulum.Date(2025, 2, day))
    assert list(calendar._tables) == [2025]
    table = calendar._tables[2025]
    calendar.count_working_days(Period.year(2025))
    assert calendar._tables[2025] is table


@given(official_dates())
def test_the_calendar_agrees_with_the_definition(day: pendulum.Date) -> None:
    notices = {n.year: n for n in CHINA.notices}
    assert CHINA.is_working_day(day) == naive_is_working(notices, day)
    assert CHINA.is_adjusted_working_day(day) == (day in notices[day.year].working_days)
    if CHINA.is_adjusted_working_day(day):
        assert day.weekday() >= 5


@given(periods())
def test_counts_over_a_period_equal_the_sum_over_its_months(period: Period) -> None:
    assert period.end is not None
    total = 0
    month = Period.of(PeriodKind.MONTH, period.start)
    while month.start < period.end:
        assert month.end is not None
        part = Period(start=max(month.start, period.start), end=min(month.end, period.end))
        total += CHINA.count_working_days(part)
        month = Period.month(month.end.year, month.end.month)
    assert CHINA.count_working_days(period) == total
    days = CHINA.working_days(period)
    assert len(days) == total
    assert all(period.contains(d) and CHINA.is_working_day(d) for d in days)
    assert list(days) == sorted(set(days))


@given(month_periods())
def test_a_first_working_day_has_no_working_day_before_it_in_its_month(month: Period) -> None:
    first = CHINA.first_working_day(month.start.year, month.start.month)
    last = CHINA.last_working_day(month.start.year, month.start.month)
    assert month.contains(first)
    assert month.contains(last)
    assert CHINA.is_working_day(first)
    assert CHINA.is_working_day(last)
    day = month.start
    while day < first:
        assert CHINA.is_rest_day(day)
        day = day.add(days=1)
    assert month.end is not None
    day = last.add(days=1)
    while day < month.end:
        assert CHINA.is_rest_day(day)
        day = day.add(days=1)


def test_first_working_days_on_a_weekend_are_adjusted_working_days() -> None:
    weekend_firsts = [
        CHINA.first_working_day(year, month)
        for year in CHINA.official_years
        for month in range(1, 13)
        if CHINA.first_working_day(year, month).weekday() >= 5
    ]
    # e.g. Sunday 2026-01-04, Sunday 2015-01-04, Saturday 2023-10-07
    assert pendulum.Date(2026, 1, 4) in weekend_firsts
    assert pendulum.Date(2023, 10, 7) in weekend_firsts
    assert all(CHINA.is_adjusted_working_day(d) for d in weekend_firsts)


@given(dates(2004, 2026))
def test_next_and_previous_working_days_skip_only_rest_days(day: pendulum.Date) -> None:
    after = CHINA.next_working_day(day, provisional=True)
    before = CHINA.previous_working_day(day, provisional=True)
    assert before < day < after
    for gap_day in (*_between(before, day), *_between(day, after)):
        if gap_day != day:
            assert CHINA.is_rest_day(gap_day, provisional=True)
    assert CHINA.is_working_day(after, provisional=True)
    assert CHINA.is_working_day(before, provisional=True)


def _between(low: pendulum.Date, high: pendulum.Date) -> list[pendulum.Date]:
    return [low.add(days=i) for i in range(1, (high - low).days)]


class CalendarWithNotices(RuleBasedStateMachine):
    """A calendar that callers extend with notices, against a dict of notices."""

    def __init__(self) -> None:
        super().__init__()
        self.calendar = WorkingDayCalendar()
        self.model: dict[int, OfficialNotice] = {}

    @rule(notice=official_notices(years=st.integers(2027, 2031)), replace=st.booleans())
    def add(self, notice: OfficialNotice, replace: bool) -> None:
        before = self.calendar
        if notice.year in self.model and not replace:
            with pytest.raises(ConflictError):
                self.calendar.with_notice(notice)
            assert self.calendar == before
            return
        self.calendar = self.calendar.with_notice(notice, replace=replace)
        self.model[notice.year] = notice

    @rule(day=dates(2026, 2032))
    def ask(self, day: pendulum.Date) -> None:
        if day.year in self.model:
            assert self.calendar.is_working_day(day) == naive_is_working(self.model, day)
            assert self.calendar.is_holiday(day) == (day in self.model[day.year].holidays)
        else:
            with pytest.raises(CalendarDataError):
                self.calendar.is_working_day(day)

    @rule(year=st.integers(2027, 2031), month=st.integers(1, 12))
    def first_day(self, year: int, month: int) -> None:
        if year in self.model:
            first = self.calendar.first_working_day(year, month)
            expected = next(
                d
                for d in (pendulum.Date(year, month, 1).add(days=i) for i in range(31))
                if naive_is_working(self.model, d)
            )
            assert first == expected

    @invariant()
    def knows_exactly_the_model_years(self) -> None:
        assert self.calendar.official_years == tuple(sorted(self.model))
        assert self.calendar == WorkingDayCalendar(self.model.values())


TestCalendarWithNotices = CalendarWithNotices.TestCase
TestCalendarWithNotices.settings = settings(
    settings.default,
    stateful_step_count=12,
    max_examples=max(10, settings.default.max_examples // 4),
)
