"""Generated record builders: the JSON reader's first attempt gives what the strict path gives.

A document is read by the generated builders first and, on any refusal, by the strict
``cattrs`` converter: the dataset, the text written back and the error of a damaged
document must be those of the strict path alone.
"""

from __future__ import annotations

import copy
import enum
import json
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from neighborhood_pb import Dataset, LevelSchema, Period, TreeRecords
from neighborhood_pb.errors import InvalidRecordError, StructuringError
from neighborhood_pb.io.builders import Refused, buildable, dict_builder
from neighborhood_pb.io.json import (
    dataset_converter,
    dumps_dataset,
    loads_dataset,
    parse_json,
    structure,
)
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.testing import schemas_and_tree_records

STRICT = dataset_converter(redact_personal=False)


def strict(data: Any) -> Dataset:
    return structure(data, Dataset, STRICT)


@settings(max_examples=40)
@given(pair=schemas_and_tree_records())
def test_a_generated_dataset_reads_and_writes_as_the_strict_path(
    pair: tuple[LevelSchema, TreeRecords],
) -> None:
    schema, records = pair
    dataset = Dataset(title="往返", schema=schema, structure=records)
    for compact in (True, False):
        text = dumps_dataset(dataset, redact_personal=False, compact=compact)
        fast = loads_dataset(text)
        assert fast == strict(parse_json(text)) == dataset
        assert dumps_dataset(fast, redact_personal=False, compact=compact) == text


DAMAGE = [
    ("drop", "id"),
    ("drop", "period"),
    ("set", "id", 7),
    ("set", "name", ""),
    ("set", "kind", "城堡"),
    ("set", "period", {"start": "2024-01-01", "end": "2023-01-01"}),
    ("set", "parent_id", ["x"]),
    ("set", "nickname", "x"),
]


@settings(max_examples=40)
@given(
    pair=schemas_and_tree_records(),
    damage=st.sampled_from(DAMAGE),
    pick=st.integers(min_value=0, max_value=10_000),
)
def test_a_damaged_record_gives_the_strict_path_s_error(
    pair: tuple[LevelSchema, TreeRecords], damage: tuple[Any, ...], pick: int
) -> None:
    schema, records = pair
    dataset = Dataset(title="损坏", schema=schema, structure=records)
    data = json.loads(dumps_dataset(dataset, redact_personal=False))
    territories = data["structure"].get("territories", [])
    assume(territories)
    target = territories[pick % len(territories)]
    if damage[0] == "drop":
        target.pop(damage[1], None)
    else:
        target[damage[1]] = damage[2]
    with pytest.raises(StructuringError) as want:
        strict(copy.deepcopy(data))
    with pytest.raises(StructuringError) as got:
        loads_dataset(json.dumps(data, ensure_ascii=False))
    assert (got.value.path, str(got.value)) == (want.value.path, str(want.value))


def test_a_builder_takes_only_a_plain_object_of_known_fields() -> None:
    build = dict_builder(Territory, dataset_converter(detailed_validation=False))
    good = {"id": "t1", "kind": "street", "name": "街道", "period": {"start": "2024-01-01"}}
    territory = build(good, Territory)
    assert territory == Territory(
        id="t1", kind=TerritoryKind.STREET, name="街道", period=Period(start="2024-01-01")
    )
    with pytest.raises(Refused):
        build({**good, "nickname": "x"}, Territory)
    with pytest.raises(KeyError):
        build({key: value for key, value in good.items() if key != "name"}, Territory)
    with pytest.raises(Refused):
        build(list(good.items()), Territory)
    assert build({**good, "name": "一\n二"}, Territory).name == "一\n二"  # through the hook
    for field, value in (("name", "街\ud800道"), ("kind", "城堡"), ("kind", ["street"])):
        with pytest.raises((InvalidRecordError, TypeError)):
            build({**good, field: value}, Territory)
    assert buildable(Territory)
    assert not buildable(int)


class Storey(enum.Enum):
    GROUND = 0
    FIRST = 1


class Side(enum.Enum):
    EAST = "east"
    WEST = "west"


class Text(str):
    """Text of a subclass of ``str``, which the strict enum hook refuses."""


def test_a_builder_takes_an_enum_by_its_value_of_the_right_type() -> None:
    @attrs.frozen(kw_only=True)
    class Flat:
        storey: Storey
        side: Side = Side.EAST

    converter = dataset_converter(detailed_validation=False)
    build = dict_builder(Flat, converter)
    assert build({"storey": 1, "side": "west"}) == Flat(storey=Storey.FIRST, side=Side.WEST)
    assert build({"storey": 0}) == Flat(storey=Storey.GROUND)
    for data in ({"storey": True}, {"storey": 1.0}, {"storey": 0, "side": Text("west")}):
        with pytest.raises(InvalidRecordError, match="is not a valid"):
            build(data)
        with pytest.raises(StructuringError, match="is not a valid"):
            structure(data, Flat, dataset_converter())
