"""A dataset's notices section: read and written in the file shape, used by the demo."""

import json
import pathlib

import attrs
import pendulum
import pytest

from neighborhood_pb.calendar import OfficialNotice, china_working_days
from neighborhood_pb.cli import main
from neighborhood_pb.cli.demo_duty import civic_section
from neighborhood_pb.dataset import DatasetContext, DatasetRecordError, build_calendar
from neighborhood_pb.errors import ConflictError, StructuringError
from neighborhood_pb.io.json import dumps_dataset, loads_dataset
from neighborhood_pb.io.notices import load_notice
from neighborhood_pb.samples import load_sample

FIXTURE = load_notice(pathlib.Path(__file__).parent / "data" / "notice_2027_fixture.json")
COMMUNITY = load_sample("community")
WITH_2027 = attrs.evolve(COMMUNITY, notices=(FIXTURE,))
DAY = pendulum.Date(2026, 12, 20)


def test_notices_are_written_in_the_file_shape_and_read_back() -> None:
    text = dumps_dataset(WITH_2027, redact_personal=False)
    document = json.loads(text)
    assert document["notices"][0]["year"] == 2027
    assert document["notices"][0]["working_days"] == ["2027-02-20", "2027-02-28"]
    assert loads_dataset(text) == WITH_2027
    assert "notices" not in json.loads(dumps_dataset(COMMUNITY))


def test_a_malformed_notice_in_a_dataset_is_refused_with_its_path() -> None:
    document = json.loads(dumps_dataset(WITH_2027))
    document["notices"][0]["working_days"].append("2027-03-03")  # a Wednesday
    with pytest.raises(StructuringError) as caught:
        loads_dataset(json.dumps(document))
    assert caught.value.path == "$.notices[0]"
    assert "working_days[2]" in str(caught.value)


def test_one_notice_per_year() -> None:
    with pytest.raises(ConflictError, match="2027"):
        attrs.evolve(COMMUNITY, notices=(FIXTURE, FIXTURE))


def test_a_notice_contradicting_the_official_data_is_refused_on_build() -> None:
    wrong = OfficialNotice(year=2026, holidays=["2026-01-01"], source="not the notice")
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(attrs.evolve(COMMUNITY, notices=(wrong,)), DAY)
    assert caught.value.path == "$.notices[0]"
    same = china_working_days().notice(2026)
    assert build_calendar(attrs.evolve(COMMUNITY, notices=(same,))) is china_working_days()


def test_the_demo_shows_the_days_a_dataset_notice_adds() -> None:
    ctx = DatasetContext.build(WITH_2027, DAY)
    assert ctx.calendar.has_official_data(2027)
    lines = "\n".join(civic_section(ctx))
    assert "2027-01-04" in lines
    assert "尚无官方工作日数据" not in lines
    without = "\n".join(civic_section(DatasetContext.build(COMMUNITY, DAY)))
    assert "2027-01-04" not in without
    assert "2027: no official working-day data" in without


def test_nbpb_demo_at_the_edge_of_the_data_shows_nothing_provisional(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--as-of", "2026-12-20"]) == 0
    out = capsys.readouterr().out
    assert not any("2027年1月1日" in line and "议事日" in line for line in out.splitlines())
    assert "provisional" not in out
    assert "2027年：尚无官方工作日数据" in out
    assert main(["demo", "--as-of", "2026-12-19"]) == 0
    assert "2026年12月27日" in capsys.readouterr().out
