"""Hostile and careless input: each defect refused at its boundary with a typed error, a
one-line message and the right exit status, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

from neighborhood_pb import (
    CivicDayRule,
    ElectionTerm,
    InvalidRecordError,
    Period,
    Territory,
    TerritoryKind,
)
from neighborhood_pb import cli as cli_module
from neighborhood_pb.calendar.instants import as_instant
from neighborhood_pb.calendar.periods import PeriodKind, check_domain_day, domain_day
from neighborhood_pb.cli import INTERNAL_ERROR, Subcommand, main
from neighborhood_pb.cli.text import escape_controls
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.errors.text import is_blank, mask_personal, valid_id_card
from neighborhood_pb.io.json import dumps_dataset, loads_dataset, parse_json
from neighborhood_pb.io.json_text import MAX_INTEGER_DIGITS
from neighborhood_pb.points import Claim, Goods, PointsLevel, Restock
from neighborhood_pb.points.sources import MAX_POINTS, MAX_QUANTITY
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.structure import OrgRules, RotationRules
from neighborhood_pb.structure.rotations.records import rotation_day
from neighborhood_pb.structure.territory import MAX_DECLARED_HOUSEHOLDS

Capture = pytest.CaptureFixture[str]
SINCE = Period(start="2024-01-01")
AT = "2024-01-01T09:00:00+08:00"


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def street(tmp_path: Path, change: Any = None, name: str = "street.json") -> str:
    document = json.loads(sample_text("street"))
    if change is not None:
        change(document)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


# == exit statuses ===========================================================================


def _crash(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("a defect")


def _refused(args: argparse.Namespace) -> int:
    raise InvalidRecordError("refused deep inside", rule="record.non_empty")


@pytest.mark.parametrize(("run_", "status", "words"), [(_crash, 3, "内部错误"), (_refused, 2, "")])
def test_an_uncaught_error_has_its_own_status_and_one_line(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, run_: Any, status: int, words: str
) -> None:
    command = Subcommand(
        name="probe", help=("探测", "probe"), add_arguments=lambda *_: None, run=run_
    )
    monkeypatch.setattr(cli_module, "SUBCOMMANDS", (command,))
    code, out, err = run(capsys, "probe")
    assert code == status
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("nbpb probe: ")
    assert words in err
    assert INTERNAL_ERROR == 3


# == days and instants at the edge of the domain ============================================


@pytest.mark.parametrize(
    ("day", "ok"),
    [("1899-12-31", False), ("1900-01-01", True), ("2200-12-31", True), ("2201-01-01", False)],
)
def test_as_of_is_a_day_in_1900_to_2200(
    capsys: Capture, tmp_path: Path, day: str, ok: bool
) -> None:
    path = street(tmp_path)
    for argv in (["validate", path], ["report", path], ["demo"]):
        status, _, err = run(capsys, *argv, "--as-of", day)
        assert (status != 2) is ok, (argv, err)
        if not ok:
            assert "time.domain" in err
            assert day in err


@pytest.mark.parametrize(
    ("stamp", "ok"), [("1899-12-31T23:59:59+00:00", False), ("1900-01-01T00:00:00+00:00", True)]
)
def test_calendar_stamp_is_in_the_domain(capsys: Capture, stamp: str, ok: bool) -> None:
    status, _, err = run(capsys, "calendar", "2026", "--format", "ics", "--stamp", stamp)
    assert (status == 0) is ok, err


def test_domain_day_names_the_argument() -> None:
    assert domain_day("2200-12-31") == pendulum.Date(2200, 12, 31)
    with pytest.raises(InvalidRecordError) as info:
        check_domain_day(pendulum.Date(2201, 1, 1), "until")
    assert info.value.rule == "time.domain"
    assert "until 2201-01-01" in str(info.value)


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        ("1899-12-31T23:59:59+08:00", False),
        ("1900-01-01T00:00:00+08:00", True),
        ("2200-12-31T23:59:59+08:00", True),
        ("2201-01-01T00:00:00+08:00", True),  # the end of the last day
        ("2201-01-01T00:00:01+08:00", False),
        ("0001-01-01T00:30:00+08:00", False),
        ("9999-12-31T23:30:00-08:00", False),
    ],
)
def test_instants_lie_in_the_domain(at: str, ok: bool) -> None:
    for value in (at, pendulum.parse(at)):
        if ok:
            assert as_instant(value) == pendulum.parse(at)
        else:
            with pytest.raises(InvalidRecordError) as info:
                as_instant(value)
            assert info.value.rule == "time.domain"


def test_a_ledger_refuses_an_instant_near_year_9999_unchanged() -> None:
    ledger = DatasetContext.build(load_sample("community")).ledger
    before = ledger.entries()
    claim = next(e for e in before if isinstance(e, Claim))
    with pytest.raises(InvalidRecordError) as info:
        ledger.claim(
            key="late",
            member_id=claim.member_id,
            item_code=claim.item_code,
            service_date="2024-01-01",
            at="9999-12-31T23:30:00-08:00",
        )
    assert info.value.rule == "time.domain"
    assert ledger.entries() == before


@pytest.mark.parametrize(("day", "ok"), [("9800-12-31", True), ("9801-01-01", False)])
def test_rotation_days_stop_before_the_calendar_does(day: str, ok: bool) -> None:
    rotation = DatasetContext.build(load_sample("community")).duty_rotations[0]
    if ok:
        assert rotation_day(day) == pendulum.Date(9800, 12, 31)
        assert rotation.on_duty(day) in rotation.order_as_of(day)
    else:
        with pytest.raises(InvalidRecordError) as info:
            rotation.on_duty(day)
        assert info.value.rule == "time.domain"


# == numbers ==================================================================================


def test_integer_literals_longer_than_18_digits_are_refused() -> None:
    assert parse_json("9" * MAX_INTEGER_DIGITS) == int("9" * MAX_INTEGER_DIGITS)
    assert parse_json("-" + "9" * MAX_INTEGER_DIGITS) == -int("9" * MAX_INTEGER_DIGITS)
    for text in ("9" * (MAX_INTEGER_DIGITS + 1), "[" + "9" * 5000 + "]"):
        with pytest.raises(StructuringError, match="digits"):
            parse_json(text)


def test_a_5000_digit_number_exits_2_in_one_line(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(sample_text("street").replace('"version": 1', '"version": ' + "9" * 5000, 1))
    status, _, err = run(capsys, "validate", str(path))
    assert status == 2
    assert err.count("\n") == 1
    assert "整数有5000位" in err  # said in Chinese, the default


def _territory(**changes: Any) -> Territory:
    fields: dict[str, Any] = {
        "id": "T1",
        "kind": TerritoryKind.COMPOUND,
        "name": "清风小区",
        "period": SINCE,
    }
    return Territory(**(fields | changes))


@pytest.mark.parametrize("value", ["3", True, 1.0, 3.5, -1])
def test_households_are_a_whole_number(value: object) -> None:
    with pytest.raises(InvalidRecordError) as info:
        _territory(households=value)
    assert info.value.rule == "record.non_negative"
    assert info.value.subject == "T1"


def test_households_are_bounded() -> None:
    assert _territory(households=MAX_DECLARED_HOUSEHOLDS).households == MAX_DECLARED_HOUSEHOLDS
    with pytest.raises(InvalidRecordError) as info:
        _territory(households=MAX_DECLARED_HOUSEHOLDS + 1)
    assert info.value.rule == "record.range"


@pytest.mark.parametrize("value", ["3", True, 2.0, 0])
def test_seats_are_a_whole_number(value: object) -> None:
    assert ElectionTerm(id="E1", org_id="O1", period=SINCE, seats=1).seats == 1
    with pytest.raises(InvalidRecordError) as info:
        ElectionTerm(id="E1", org_id="O1", period=SINCE, seats=value)  # type: ignore[arg-type]
    assert info.value.rule == "term.seats"


@pytest.mark.parametrize("value", [True, "4", 4.0, -1])
def test_level_thresholds_are_whole_numbers(value: object) -> None:
    assert PointsLevel(code="a", name="甲", min_points=0).min_points == 0
    with pytest.raises(InvalidRecordError):
        PointsLevel(code="a", name="甲", min_points=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["n", "month"])
def test_civic_rule_numbers_are_not_booleans(field: str) -> None:
    rule = CivicDayRule(code="x", label_zh="议事日", every=PeriodKind.MONTH)
    with pytest.raises(InvalidRecordError):
        attrs.evolve(rule, **{field: True})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("committee_term_years", 100),
        ("term_tolerance_years", 100),
        ("term_due_window_days", 36_525),
    ],
)
def test_rule_numbers_have_a_ceiling(field: str, limit: int) -> None:
    assert getattr(OrgRules(**{field: limit}), field) == limit
    with pytest.raises(InvalidRecordError) as info:
        OrgRules(**{field: limit + 1})
    assert info.value.rule == "rules.range"


def test_rotation_rules_have_a_ceiling() -> None:
    assert RotationRules(max_term_months=1200).max_term_months == 1200
    with pytest.raises(InvalidRecordError) as info:
        RotationRules(max_term_months=1201)
    assert info.value.rule == "rules.rotation_positive"


def test_points_org_id_must_name_an_organisation(capsys: Capture, tmp_path: Path) -> None:
    document = json.loads(sample_text("community"))
    document["points"]["org_id"] = "NOPE"
    path = tmp_path / "community.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for command in ("validate", "report"):
        status, _, err = run(capsys, command, str(path))
        assert status == 2
        assert "$.points.org_id" in err
        assert err.count("\n") == 1


# == text =====================================================================================


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("", True),
        ("\u200b\ufeff", True),
        (" \u3000\u200d", True),
        ("\x00", True),
        ("清风", False),
        ("\u200b清风", False),
        ("a\u3000b", False),
    ],
)
def test_what_counts_as_blank(text: str, blank: bool) -> None:
    assert is_blank(text) is blank
    if blank:
        with pytest.raises(InvalidRecordError) as info:
            _territory(name=text)
        assert info.value.rule == "record.non_empty"
    else:
        assert _territory(name=text).name == text


def test_invisible_names_are_refused_on_load(capsys: Capture, tmp_path: Path) -> None:
    def hide(document: dict[str, Any]) -> None:
        document["structure"]["territories"][-1]["name"] = "\u200b\ufeff"

    status, _, err = run(capsys, "validate", street(tmp_path, hide))
    assert status == 2
    assert "record.non_empty" in err


def test_control_characters_are_shown_escaped() -> None:
    assert escape_controls("清风\u3000社区") == "清风\u3000社区"
    shown = escape_controls("a\x1b[2J\u202eb\ud800\U000e0001")
    assert shown == "a\\x1b[2J\\u202eb\\ud800\\U000e0001"


def test_a_crafted_name_cannot_drive_the_terminal(capsys: Capture, tmp_path: Path) -> None:
    def craft(document: dict[str, Any]) -> None:
        for org in document["structure"]["orgs"]:
            org["name"] = "\x1b[2J\x1b[H0 errors\u202e" + org["name"]

    path = street(tmp_path, craft)
    for command in ("validate", "report"):
        _, out, _ = run(capsys, command, path)
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert ("\\x1b[2J" in out) is (command == "validate")  # the report names no org


def test_a_lone_surrogate_never_breaks_the_output(tmp_path: Path) -> None:
    def surrogate(document: dict[str, Any]) -> None:
        for org in document["structure"]["orgs"]:
            org["name"] = "\ud800" + org["name"]

    path = street(tmp_path, surrogate)
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "neighborhood_pb.cli", "validate", path],
        capture_output=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1
    assert b"json.text" in done.stderr


def test_refused_errors_stay_typed() -> None:
    with pytest.raises(NeighborhoodPBError):
        parse_json("1" * 40)


# == personal numbers in messages ==============================================================

ID_CARD = "11010519491231002X"  # the check digit of the standard's own example


def test_id_card_check_digit() -> None:
    assert valid_id_card(ID_CARD)
    assert valid_id_card(ID_CARD.lower())
    assert not valid_id_card(ID_CARD[:-1] + "1")
    assert not valid_id_card(ID_CARD[:-1])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("got the number 13900000101", "got the number 139****0101"),
        ("电话0591-87654321有误", "电话059******4321有误"),
        ("+86 13900000101", "+86********0101"),
        ("20240101", "20240101"),
        ("139000001012", "139000001012"),
        (f"name {ID_CARD}", "name 110***********002X"),
        ("2026-01-01: 12 members", "2026-01-01: 12 members"),
    ],
)
def test_messages_mask_personal_numbers(text: str, shown: str) -> None:
    assert mask_personal(text) == shown
    error = InvalidRecordError(text, subject=text, rule="record.non_empty")
    assert str(error).startswith(shown)
    assert error.subject == text  # the id an application looks records up by is kept


def test_a_phone_typed_as_a_number_is_masked_on_stderr(capsys: Capture, tmp_path: Path) -> None:
    def number(document: dict[str, Any]) -> None:
        document["structure"]["people"][0]["phone"] = 13900000101

    status, _, err = run(capsys, "validate", street(tmp_path, number))
    assert status == 2
    assert "13900000101" not in err
    assert "139****0101" in err


# == nothing loads that cannot be written back =================================================


def _refusal(tmp_path: Path, capsys: Capture, change: Any) -> str:
    document = json.loads(sample_text("community"))
    change(document)
    path = tmp_path / "community.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    status, _, err = run(capsys, "validate", str(path))
    assert status == 2
    assert err.count("\n") == 1
    return err


def test_a_lone_surrogate_is_refused_on_load(capsys: Capture, tmp_path: Path) -> None:
    def surrogate(document: dict[str, Any]) -> None:
        document["structure"]["orgs"][0]["name"] = "清风\ud800"

    err = _refusal(tmp_path, capsys, surrogate)
    assert "json.text" in err
    assert "$.structure.orgs[0].name" in err


@pytest.mark.parametrize(("fraction", "ok"), [("123456", True), ("1234567", False)])
def test_instants_keep_microseconds_at_most(
    capsys: Capture, tmp_path: Path, fraction: str, ok: bool
) -> None:
    def finer(document: dict[str, Any]) -> None:
        entry = document["points"]["entries"][0]
        entry["at"] = entry["at"].replace("+", f".{fraction}+", 1)

    if ok:
        document = json.loads(sample_text("community"))
        finer(document)
        loaded = loads_dataset(json.dumps(document))
        assert loads_dataset(dumps_dataset(loaded, redact_personal=False)) == loaded
    else:
        assert "finer than a microsecond" in _refusal(tmp_path, capsys, finer)


def test_a_set_holds_each_item_once(capsys: Capture, tmp_path: Path) -> None:
    def twice(document: dict[str, Any]) -> None:
        report = next(r for r in document["structure"]["reports"] if r.get("channels"))
        report["channels"] = report["channels"] * 2

    assert "json.unique_items" in _refusal(tmp_path, capsys, twice)


@pytest.mark.parametrize(
    ("make", "limit"),
    [
        (lambda n: Goods(code="g", name="洗衣液", points=n, period=SINCE), MAX_POINTS),
        (
            lambda n: Restock(key="k", goods_code="g", quantity=n, at=AT, actor="A"),
            MAX_QUANTITY,
        ),
    ],
)
def test_points_and_quantities_have_a_ceiling(make: Any, limit: int) -> None:
    assert make(limit) is not None
    with pytest.raises(InvalidRecordError) as info:
        make(limit + 1)
    assert info.value.rule == "record.range"
    with pytest.raises(InvalidRecordError) as info:
        make(0)
    assert info.value.rule == "record.positive"


def test_a_masked_export_masks_id_card_numbers_in_free_text() -> None:
    dataset = load_sample("community")
    people = list(dataset.structure.people)
    people[0] = attrs.evolve(people[0], name=f"张三{ID_CARD}")
    typed = attrs.evolve(dataset, structure=attrs.evolve(dataset.structure, people=tuple(people)))
    document = json.loads(dumps_dataset(typed))
    assert ID_CARD not in json.dumps(document, ensure_ascii=False)
    assert document["structure"]["people"][0]["name"] == "张三110***********002X"
    assert document["masked"] == ["structure.people.phone", "text.id_card_numbers"]
    back = loads_dataset(json.dumps(document, ensure_ascii=False))
    assert back.structure.people[0].name == "张三110***********002X"
    assert ID_CARD in dumps_dataset(typed, redact_personal=False)
