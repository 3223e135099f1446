"""``nbpb calendar YEAR``: the civic days of a year, text and JSON, and refusals."""

import json

import pytest

from neighborhood_pb.calendar import china_working_days, civic_year, parse_date
from neighborhood_pb.cli import main


def test_text_lists_each_month_with_its_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2026"]) == 0
    out = capsys.readouterr().out
    for month in civic_year(2026):
        assert month.deliberation.day.isoformat() in out
        assert month.home.day.isoformat() in out
    assert "2026-01-04 周日" in out  # an adjusted working Sunday is the first working day


def test_json_is_a_stable_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2026", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "neighborhood_pb.civic_calendar"
    assert [m["month"] for m in document["months"]] == list(range(1, 13))
    calendar = china_working_days()
    for month in document["months"]:
        deliberation = month["deliberation_day"]
        assert deliberation["weekday"] in range(1, 8)
        assert calendar.is_working_day(parse_date(deliberation["day"]))
        assert parse_date(month["home_day"]["day"]).isoweekday() == 7


def test_year_without_data_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2099"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "2099" in captured.err


def test_provisional_answer_is_marked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2099", "--provisional", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert all(m["deliberation_day"]["provisional"] for m in document["months"])
    assert main(["calendar", "2099", "--provisional", "--lang", "en"]) == 0
    assert "provisionally" in capsys.readouterr().out


def test_out_of_range_year_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "0"]) == 2
    assert "nbpb calendar" in capsys.readouterr().err


def test_a_moved_home_day_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    # 2025-09-28, the last Sunday of September, is an adjusted working day (调休上班).
    assert main(["calendar", "2025", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2025-09-21 周日 (moved from 2025-09-28)" in out
    assert "civic.day_moved" not in out
    assert "moved to the previous Sunday that is a rest day" in out
