"""``nbpb calendar YEAR``: the civic days of a year, text and JSON, and refusals."""

import json
import pathlib

import pytest

from neighborhood_pb.calendar import china_working_days, civic_year, parse_date
from neighborhood_pb.cli import main
from neighborhood_pb.cli.demo_duty import moved_note


def test_text_lists_each_month_with_its_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2026", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for month in civic_year(2026):
        assert month.deliberation.day.isoformat() in out
        assert month.home.day.isoformat() in out
    assert "2026-01-04 Sun" in out  # an adjusted working Sunday is the first working day
    assert main(["calendar", "2026"]) == 0
    assert "2026年1月4日 周日" in capsys.readouterr().out


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
    assert "2025-09-21 Sun (moved from 2025-09-28)" in out
    assert "civic.day_moved" not in out
    assert "moved to the previous Sunday that is a rest day" in out


@pytest.mark.parametrize(
    ("lang", "note"), [("zh", "由2025年1月26日调整"), ("en", "moved from 2025-01-26")]
)
def test_demo_and_calendar_write_a_moved_day_alike(
    capsys: pytest.CaptureFixture[str], lang: str, note: str
) -> None:
    # 2025-01-26, January's last Sunday, is an adjusted working day: the home day is the 19th.
    (moved,) = [m.home for m in civic_year(2025) if m.home.day.month == 1]
    assert moved_note(moved, lang) == note
    assert main(["calendar", "2025", "--lang", lang]) == 0
    calendar_line = next(line for line in capsys.readouterr().out.splitlines() if note in line)
    assert main(["demo", "--as-of", "2025-01-10", "--lang", lang]) == 0
    demo_line = next(line for line in capsys.readouterr().out.splitlines() if note in line)
    day = "2025年1月19日" if lang == "zh" else "2025-01-19"
    assert calendar_line.endswith(f"（{note}）" if lang == "zh" else f" ({note})")
    assert demo_line.split()[0] == day
    assert demo_line.endswith(f"  {note}")  # the notes column, last


FIXTURE = str(pathlib.Path(__file__).parent / "data" / "notice_2027_fixture.json")


def test_a_notice_file_answers_a_year_without_bundled_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2027", "--notice", FIXTURE, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["provisional"] is False
    assert document["source"].startswith("TEST FIXTURE")
    january, february = document["months"][:2]
    assert january["deliberation_day"]["day"] == "2027-01-04"
    assert not january["deliberation_day"]["provisional"]
    # Sunday 2027-02-28 is worked in the fixture: the home day goes back a week by default
    assert february["home_day"]["day"] == "2027-02-21"
    assert document["home_day_policy"] == "previous_week"


@pytest.mark.parametrize(
    ("policy", "day", "moved"),
    [
        ("previous_week", "2027-02-21", True),
        ("next_week", "2027-03-07", True),
        ("keep_and_warn", "2027-02-28", False),
    ],
)
def test_the_home_day_policy_is_a_setting(
    capsys: pytest.CaptureFixture[str], policy: str, day: str, moved: bool
) -> None:
    args = ["calendar", "2027", "--notice", FIXTURE, "--home-day-policy", policy]
    assert main([*args, "--format", "json"]) == 0
    february = json.loads(capsys.readouterr().out)["months"][1]["home_day"]
    assert (february["day"], february["moved"]) == (day, moved)
    assert bool(february["notes"])  # moved or kept, the day says why
    assert main([*args, "--lang", "en"]) == 0
    assert f"On an adjusted working day the home day is: {policy}" in capsys.readouterr().out


def test_the_sunday_before_is_not_touched_by_the_policy(capsys: pytest.CaptureFixture[str]) -> None:
    # January's last Sunday, 2027-01-31, is a rest day: every policy keeps it
    for policy in ("previous_week", "next_week", "keep_and_warn"):
        args = ["calendar", "2027", "--notice", FIXTURE, "--home-day-policy", policy]
        assert main([*args, "--format", "json"]) == 0
        january = json.loads(capsys.readouterr().out)["months"][0]["home_day"]
        assert (january["day"], january["moved"], january["notes"]) == ("2027-01-31", False, [])


def test_a_provisional_year_takes_the_statutory_holidays(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2027", "--provisional", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["provisional"] is True
    assert document["source"] == ""
    # 元旦 (Friday 2027-01-01) is off by statute; 劳动节 5-1/5-2 made up on 5-3 and 5-4
    assert document["months"][0]["deliberation_day"]["day"] == "2027-01-04"
    assert document["months"][4]["deliberation_day"]["day"] == "2027-05-05"
    assert main(["calendar", "2027", "--provisional", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "provisional: no official notice for 2027" in out
    assert main(["calendar", "2027", "--provisional"]) == 0
    assert "暂定：尚无2027年的官方通知" in capsys.readouterr().out
    assert main(["calendar", "2026", "--lang", "en"]) == 0
    assert "source: 国务院办公厅关于2026年部分节假日安排的通知" in capsys.readouterr().out


def test_a_refused_notice_file_exits_2_naming_file_and_entry(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notice.json"
    bad.write_text(
        json.dumps({"year": 2027, "source": "x", "days_off": [], "working_days": ["2027-01-08"]}),
        encoding="utf-8",
    )
    assert main(["calendar", "2027", "--notice", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "working_days[0]" in err
    assert err.count("\n") == 1
    assert main(["calendar", "2027", "--notice", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err
    assert main(["calendar", "2027", "--notice", FIXTURE, "--notice", FIXTURE]) == 2
    assert "2027" in capsys.readouterr().err
