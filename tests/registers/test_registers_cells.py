"""Lenient cells: every way a register writes a day or a number reads the same."""

import datetime as _dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.io.registers.cells import (
    EXCEL_EPOCH,
    CellError,
    read_count,
    read_day,
    read_text,
)

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
days = st.dates(min_value=_dt.date(1900, 3, 1), max_value=_dt.date(2200, 12, 31))
pads = st.sampled_from(["", " ", "\u3000", " \u3000 "])


def _written(day: _dt.date, style: int) -> str:
    return [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}日".translate(_FULL),
        f"{day.year}-{day.month:02d}-{day.day:02d}".translate(_FULL),
    ][style]


@given(days, st.integers(0, 5), pads, pads)
def test_a_day_written_any_way_reads_as_itself(day: _dt.date, style: int, a: str, b: str) -> None:
    assert read_day(a + _written(day, style) + b) == day


@given(days)
def test_native_and_serial_days(day: _dt.date) -> None:
    serial = (day - EXCEL_EPOCH).days
    assert read_day(day) == day
    assert read_day(_dt.datetime(day.year, day.month, day.day, 9, 30)) == day
    assert read_day(serial) == day
    assert read_day(float(serial)) == day
    assert read_day(str(serial)) == day


@given(st.text())
def test_any_text_reads_as_a_day_or_a_cell_error(text: str) -> None:
    outcome: object
    try:
        outcome = read_day(text)
    except CellError as exc:
        outcome = exc.expected
    assert outcome is None or outcome == "日期" or isinstance(outcome, _dt.date)


@pytest.mark.parametrize("bad", ["2015-13-01", "2015-02-30", "昨天", "7/1/2015", 1.5, -3, True])
def test_what_is_not_a_day(bad: object) -> None:
    with pytest.raises(CellError, match="日期"):
        read_day(bad)


@pytest.mark.parametrize("blank", [None, "", "  ", "\u3000"])
def test_blank_cells_are_none(blank: object) -> None:
    assert read_day(blank) is None
    assert read_count(blank) is None
    assert read_text(blank) is None


@given(st.integers(0, 10**9), pads)
def test_counts(number: int, pad: str) -> None:
    assert read_count(number) == number
    assert read_count(float(number)) == number
    assert read_count(pad + f"{number:,}" + pad) == number
    assert read_count(str(number).translate(_FULL)) == number
    assert read_count(f"{number}.0") == number


@pytest.mark.parametrize("bad", ["3.5", 3.5, "三", "-1", True])
def test_what_is_not_a_count(bad: object) -> None:
    with pytest.raises(CellError, match="整数"):
        read_count(bad)


@given(st.text().filter(lambda t: t.strip()), pads)
def test_text_is_trimmed(text: str, pad: str) -> None:
    assert read_text(pad + text + pad) == text.strip()


def test_numbers_and_dates_as_text() -> None:
    assert read_text(13800001234.0) == "13800001234"
    assert read_text(12) == "12"
    assert read_text(2.5) == "2.5"
    assert read_text(_dt.date(2020, 1, 2)) == "2020-01-02"
    assert read_text(_dt.datetime(2020, 1, 2, 3, 4)) == "2020-01-02"


@given(st.text() | st.integers() | st.floats() | st.booleans() | st.none())
def test_any_cell_reads_as_a_count_or_a_cell_error(value: object) -> None:
    outcome: object
    try:
        outcome = read_count(value)
    except CellError as exc:
        outcome = exc.expected
    assert outcome is None or outcome == "整数" or isinstance(outcome, int)


def test_digits_of_other_scripts_are_not_numbers() -> None:
    for text in ("٣", "१२", "𐩀"):
        with pytest.raises(CellError):
            read_count(text)
        with pytest.raises(CellError):
            read_day(text)
