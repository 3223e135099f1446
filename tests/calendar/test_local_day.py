"""One way from an instant to its day: the ledger's, governance's and day_in_zone agree."""

import datetime as _dt
import zoneinfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar.instants import as_instant, local_day, local_midnight
from neighborhood_pb.calendar.workdays import day_in_zone
from neighborhood_pb.errors import InvalidRecordError

ZONES = ("Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata")


@given(
    st.datetimes(
        min_value=_dt.datetime(1950, 1, 1),
        max_value=_dt.datetime(2150, 1, 1),
        timezones=st.sampled_from([zoneinfo.ZoneInfo(z) for z in ZONES]),
    ),
    st.sampled_from(ZONES),
)
def test_the_day_is_the_wall_clock_date_in_the_zone(at: _dt.datetime, zone: str) -> None:
    expected = at.astimezone(zoneinfo.ZoneInfo(zone)).date()
    assert as_instant(at).astimezone(_dt.UTC) == at.astimezone(_dt.UTC)  # skipped times too
    assert local_day(at, zone) == expected
    assert day_in_zone(at, zone) == expected
    assert isinstance(local_day(at, zone), pendulum.Date)


def test_a_wall_time_the_zone_skips_keeps_its_instant() -> None:
    # 14 April 1991, 02:00 in Beijing: clocks went forward to 03:00 (summer time, 1986-1991)
    skipped = _dt.datetime(1991, 4, 14, 2, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert skipped.astimezone(_dt.UTC) == _dt.datetime(1991, 4, 13, 18, 30, tzinfo=_dt.UTC)
    instant = as_instant(skipped)
    assert instant.astimezone(_dt.UTC) == skipped.astimezone(_dt.UTC)  # the same instant
    assert instant.timezone_name == "Asia/Shanghai"
    assert (instant.hour, instant.minute) == (3, 30)  # the zone's own clock
    assert day_in_zone(skipped, "Asia/Kolkata") == pendulum.Date(1991, 4, 14)


def test_beijing_is_the_default_and_midnight_starts_the_day() -> None:
    late = _dt.datetime(2026, 3, 1, 17, 30, tzinfo=_dt.UTC)  # 01:30 on 2 March in Beijing
    assert local_day(late) == pendulum.Date(2026, 3, 2)
    assert day_in_zone("2026-03-01T17:30:00+00:00") == pendulum.Date(2026, 3, 2)
    midnight = local_midnight(_dt.date(2026, 3, 2))
    assert midnight.astimezone(_dt.UTC) == _dt.datetime(2026, 3, 1, 16, tzinfo=_dt.UTC)
    assert local_day(midnight) == pendulum.Date(2026, 3, 2)


def test_a_naive_instant_or_an_unknown_zone_is_refused() -> None:
    with pytest.raises(InvalidRecordError) as naive:
        local_day(_dt.datetime(2026, 3, 1, 9))
    assert naive.value.rule == "time.aware_instant"
    with pytest.raises(InvalidRecordError) as zone:
        local_day(_dt.datetime(2026, 3, 1, 9, tzinfo=_dt.UTC), "Mars/Olympus")
    assert zone.value.rule == "time.zone"
    with pytest.raises(InvalidRecordError):
        local_midnight(_dt.date(2026, 3, 1), "Mars/Olympus")
