"""Official notices: validation of one year's arrangement, corrections, serialisation."""

from typing import Any

import pendulum
import pytest
from hypothesis import given

from neighborhood_pb.calendar import NoticeCorrection, OfficialNotice
from neighborhood_pb.calendar.notices import check_year_number
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.io.json import make_converter
from neighborhood_pb.testing.calendar import invalid_notice_kwargs, official_notices

CONVERTER = make_converter()


def test_a_notice_accepts_iso_strings_and_dates() -> None:
    notice = OfficialNotice(
        year=2027,
        holidays=["2027-01-01", pendulum.Date(2027, 2, 8)],
        working_days=["2027-02-06"],
        source="国务院办公厅关于2027年部分节假日安排的通知",
    )
    assert notice.holidays == {pendulum.Date(2027, 1, 1), pendulum.Date(2027, 2, 8)}
    assert notice.working_days == {pendulum.Date(2027, 2, 6)}


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"holidays": ["2026-12-31"]}, "notice.days_inside_year"),
        ({"working_days": ["2028-01-01"]}, "notice.days_inside_year"),
        (
            {"holidays": ["2027-02-06"], "working_days": ["2027-02-06"]},
            "notice.holiday_or_working_day",
        ),
        ({"working_days": ["2027-02-08"]}, "notice.adjusted_working_day_on_weekend"),
        (
            {"holidays": [pendulum.Date(2027, 3, d) for d in range(1, 32)]},
            "notice.working_day_every_month",
        ),
    ],
)
def test_a_notice_refuses_inconsistent_days(kwargs: dict[str, Any], rule: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        OfficialNotice(year=2027, **kwargs)
    assert caught.value.rule == rule
    assert caught.value.subject == "notice 2027"
    assert "2027" in str(caught.value)


def test_a_month_kept_alive_by_an_adjusted_working_day_is_valid() -> None:
    march = [pendulum.Date(2027, 3, d) for d in range(1, 32)]
    saturday = pendulum.Date(2027, 3, 6)
    notice = OfficialNotice(
        year=2027, holidays=[d for d in march if d != saturday], working_days=[saturday]
    )
    assert notice.working_days == {saturday}


@pytest.mark.parametrize("year", [0, 9999, True, "2027", 2027.0])
def test_a_notice_refuses_a_bad_year(year: object) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        OfficialNotice(year=year)  # type: ignore[arg-type]
    assert caught.value.rule == "calendar.year"


def test_check_year_number_passes_good_years_through() -> None:
    assert check_year_number(1) == 1
    assert check_year_number(9998) == 9998


def test_a_string_is_not_a_collection_of_dates() -> None:
    with pytest.raises(InvalidRecordError, match="collection of dates"):
        OfficialNotice(year=2027, holidays="2027-01-01")  # type: ignore[arg-type]


@given(invalid_notice_kwargs())
def test_invalid_notices_are_refused_with_their_rule(kwargs: dict[str, Any]) -> None:
    rule = kwargs.pop("rule")
    with pytest.raises(InvalidRecordError) as caught:
        OfficialNotice(**kwargs)
    assert caught.value.rule == rule


def test_corrections_move_a_day_between_holidays_and_working_days() -> None:
    saturday, monday = pendulum.Date(2027, 1, 2), pendulum.Date(2027, 1, 4)
    notice = OfficialNotice(year=2027, holidays=[saturday], source="data")
    fixed = notice.corrected(
        [
            NoticeCorrection(day=saturday, working=True, source="notice A"),
            NoticeCorrection(day=monday, working=False, source="notice B"),
            NoticeCorrection(day="2026-01-03", working=True, source="another year"),
        ]
    )
    assert fixed.working_days == {saturday}
    assert fixed.holidays == {monday}
    assert (
        fixed.source
        == "data; 2027-01-02 corrected after notice A; 2027-01-04 corrected after notice B"
    )
    back = fixed.corrected([NoticeCorrection(day=saturday, working=False, source="C")])
    assert back.holidays == {saturday, monday}
    assert back.working_days == frozenset()


def test_corrections_of_other_years_leave_the_notice_as_it_is() -> None:
    notice = OfficialNotice(year=2027)
    assert (
        notice.corrected([NoticeCorrection(day="2026-01-03", working=True, source="x")]) is notice
    )
    unsourced = notice.corrected([NoticeCorrection(day="2027-01-02", working=True, source="x")])
    assert unsourced.source == "2027-01-02 corrected after x"


@given(official_notices())
def test_notices_survive_a_json_round_trip(notice: OfficialNotice) -> None:
    data = CONVERTER.unstructure(notice)
    assert data["year"] == notice.year
    assert CONVERTER.structure(data, OfficialNotice) == notice
