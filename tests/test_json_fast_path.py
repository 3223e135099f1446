"""The fast structuring path of dataset documents: the same records and the same errors."""

from __future__ import annotations

import json
import sys
from types import MappingProxyType
from typing import Any

import pendulum
import pytest

from neighborhood_pb import Period, TreeRecords
from neighborhood_pb.errors import StructuringError
from neighborhood_pb.io.json import (
    compact_json,
    dataset_converter,
    dumps_dataset,
    loads_dataset,
    parse_json,
    structure,
)
from neighborhood_pb.samples import sample_text


def document() -> dict[str, Any]:
    data: dict[str, Any] = parse_json(sample_text("street"))
    return data


def refusal(data: dict[str, Any]) -> StructuringError:
    with pytest.raises(StructuringError) as caught:
        loads_dataset(json.dumps(data, ensure_ascii=False))
    return caught.value


def test_periods_of_the_same_text_are_one_record() -> None:
    dataset = loads_dataset(sample_text("street"))
    periods = [t.period for t in dataset.structure.territories]
    same = [p for p in periods if p == periods[0]]
    assert len(same) > 1
    assert all(p is same[0] for p in same)
    data = document()
    data["structure"]["territories"][0]["period"]["end"] = None  # null is the same as absent
    explicit = loads_dataset(json.dumps(data, ensure_ascii=False))
    assert explicit.structure.territories[0].period == dataset.structure.territories[0].period


@pytest.mark.parametrize(
    ("period", "path", "message"),
    [
        ({"start": "2024-13-01"}, ".period.start", "is not an ISO date"),
        ({"start": "2024-01-01", "end": "2023-01-01"}, ".period", "the end must come after"),
        ({"start": "2024-01-01", "end": 5}, ".period.end", "expected an ISO date string"),
        ({"start": "2024-01-01", "until": "x"}, ".period.until", "unknown field until"),
        ({"start": 20240101}, ".period.start", "expected an ISO date string"),
        ("2024-01-01", ".period", "expected an object (Period)"),
    ],
)
def test_a_bad_period_is_refused_with_its_path_every_time(
    period: Any, path: str, message: str
) -> None:
    data = document()
    data["structure"]["territories"][2]["period"] = period
    for _ in range(2):  # a refusal is never cached
        error = refusal(data)
        assert error.path == f"$.structure.territories[2]{path}"
        assert message in str(error)


def test_more_periods_than_a_converter_keeps_are_all_read() -> None:
    data = document()
    territories = data["structure"]["territories"]
    days = [pendulum.date(2000, 1, 1).add(days=n).isoformat() for n in range(5000)]
    data["structure"]["territories"] = [
        {**territories[n % len(territories)], "id": f"t{n}", "period": {"start": day}}
        for n, day in enumerate(days)
    ]
    data["structure"]["territories"] += [
        {**territories[0], "id": "again", "period": {"start": days[0], "end": None}}
    ]
    data["structure"] = {"territories": data["structure"]["territories"]}
    structure_records = dataset_converter(detailed_validation=False).structure
    records = structure_records(data["structure"], TreeRecords)
    assert [str(t.period.start) for t in records.territories] == [*days, days[0]]
    assert all(t.period.end is None for t in records.territories)


def test_a_period_of_an_unhashable_start_is_refused_with_its_path() -> None:
    data = document()
    data["structure"]["territories"][1]["period"] = {"start": ["2024-01-01"]}
    error = refusal(data)
    assert error.path == "$.structure.territories[1].period.start"
    assert "expected an ISO date string" in str(error)
    other = MappingProxyType({"start": "2024-01-01"})  # an object that is not a dict: as ever
    assert structure(other, Period, dataset_converter()) == Period(start="2024-01-01")


def test_an_optional_field_is_strict_and_located() -> None:
    data = document()
    data["structure"]["territories"][2]["parent_id"] = 7
    error = refusal(data)
    assert error.path == "$.structure.territories[2].parent_id"
    assert "expected a string, got the number 7" in str(error)


def test_either_converter_reads_the_same_dataset() -> None:
    data = document()
    fast = dataset_converter(redact_personal=False, detailed_validation=False)
    detailed = dataset_converter(redact_personal=False)
    dataset = loads_dataset(sample_text("street"))
    assert fast.structure(data, type(dataset)) == dataset
    assert structure(data, type(dataset), detailed) == dataset
    assert structure({"start": "2024-01-01"}, Period, fast) == Period(start="2024-01-01")
    text = dumps_dataset(dataset, redact_personal=False, compact=True)
    assert loads_dataset(text) == dataset


def test_a_repeated_key_is_named() -> None:
    with pytest.raises(StructuringError, match="the key 'b' appears twice"):
        parse_json('{"a": 1, "b": 2, "c": {"b": 1}, "b": 3, "a": 4}')
    assert parse_json('{"a": {"a": 1}}') == {"a": {"a": 1}}


@pytest.mark.parametrize(
    "data",
    [
        {"b": [1, -2, None, True, False, '中文\u2028\x7f\x00"\\'], "a": {"z": [], "y": {}}},
        {"name": "a\ud800b"},  # a lone surrogate: msgspec refuses it, the standard library not
    ],
)
def test_compact_json_is_the_standard_library_s_text(data: Any) -> None:
    want = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert compact_json(data) == want


def test_compact_json_without_msgspec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "msgspec.json", None)
    dataset = loads_dataset(sample_text("street"))
    text = dumps_dataset(dataset, redact_personal=False, compact=True)
    assert compact_json({"b": 1, "a": "中"}) == '{"a":"中","b":1}'
    monkeypatch.undo()
    assert dumps_dataset(dataset, redact_personal=False, compact=True) == text


COMPACT_REFUSALS = [
    ('{"a":1,"b":{"c":2,"c":2}}\n', "the key 'c' appears twice"),
    ('{"a":1,"a":1}', "the key 'a' appears twice"),
    ('{"a":1234567890123456789}\n', "an integer of 19 digits"),
    ('{"a":NaN}\n', "NaN is not a JSON number"),
    ('{"a":1}}\n', "not JSON: Extra data"),
]


@pytest.mark.parametrize("msgspec", [True, False])
@pytest.mark.parametrize(("text", "message"), COMPACT_REFUSALS)
def test_compact_text_is_refused_as_any_text(
    text: str, message: str, msgspec: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not msgspec:
        monkeypatch.setitem(sys.modules, "msgspec.json", None)
    with pytest.raises(StructuringError, match=message):
        parse_json(text)


def test_compact_text_is_read_without_watching_each_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dataset = loads_dataset(sample_text("street"))
    text = dumps_dataset(dataset, redact_personal=False, compact=True)
    want = json.loads(text)

    def watched(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        raise AssertionError("the compact route should not watch each object")

    monkeypatch.setattr("neighborhood_pb.io.json_text._refuse_duplicates", watched)
    assert parse_json(text) == want
    assert parse_json(text.rstrip("\n")) == want
    assert loads_dataset(text) == dataset
    with pytest.raises(AssertionError):  # other text is watched
        parse_json(dumps_dataset(dataset, redact_personal=False))
    monkeypatch.setitem(sys.modules, "msgspec.json", None)
    with pytest.raises(AssertionError):  # and so is all text without msgspec
        parse_json(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a":"\ud800"}',  # a lone surrogate: no UTF-8 for msgspec to read
        '{"a":"12345678901234567890"}',  # a long run of digits, here in text
        '{"a":[1,2,3]}\n\n',  # more than one newline after it
    ],
)
def test_compact_text_msgspec_does_not_read_is_read_the_watchful_way(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched: list[int] = []

    def watching(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        watched.append(len(pairs))
        return dict(pairs)

    monkeypatch.setattr("neighborhood_pb.io.json_text._refuse_duplicates", watching)
    assert parse_json(text) == json.loads(text)
    assert watched == [1]
