"""Compact text read and written through record mirrors: exactly what the generic path gives.

With msgspec installed, compact dataset text is read straight into mirrors of the records and
written from them. The dataset and the text must be those of the generic path (parsed JSON
structured by the converter; the converter's data written by :func:`compact_json`), and any
text the mirrors do not take exactly (a repeated key, keys out of order, a default written
out, a damaged record …) is left to the generic path, which reads it or reports the same error.
"""

from __future__ import annotations

import inspect
import json
import sys
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from neighborhood_pb import COMMUNITY_FIVE_LEVEL, Dataset, LevelSchema, Period, TreeRecords
from neighborhood_pb.dataset.records import GovernanceRecords
from neighborhood_pb.errors import InvalidRecordError, StructuringError
from neighborhood_pb.errors.validators import PLAINLY_VALID
from neighborhood_pb.io.builders import dict_builder, generated_for
from neighborhood_pb.io.hooks import OptionalWriter
from neighborhood_pb.io.json import (
    compact_json,
    dataset_converter,
    dumps_dataset,
    loads_dataset,
    parse_json,
    structure_dataset,
    typed_codec,
    unstructure_dataset,
)
from neighborhood_pb.io.json_typed import DatasetCodec
from neighborhood_pb.io.mirrors import constructible
from neighborhood_pb.samples import SAMPLE_NAMES, sample_text
from neighborhood_pb.structure.records import ElectionTerm, ReportChannel
from neighborhood_pb.structure.territory import Territory, TerritoryKind
from neighborhood_pb.testing import schemas_and_tree_records
from neighborhood_pb.testing.appointments import appointment_records_sets
from neighborhood_pb.testing.cobuild import cobuild_sections
from neighborhood_pb.testing.governance import deliberation_records
from neighborhood_pb.testing.rotations import chair_rotations, duty_rotations

pytest.importorskip("msgspec")


def codec() -> DatasetCodec:
    made = typed_codec()
    assert made is not None  # msgspec is installed (the test extra)
    return made


def generic_text(dataset: Dataset) -> str:
    return compact_json(unstructure_dataset(dataset, redact_personal=False)) + "\n"


def generic(text: str) -> Any:
    """What the generic path makes of ``text``: the dataset, or the error's path and text."""
    try:
        return structure_dataset(parse_json(text))
    except StructuringError as exc:
        return (exc.path, str(exc))


def ours(text: str) -> Any:
    try:
        return loads_dataset(text)
    except StructuringError as exc:
        return (exc.path, str(exc))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """Datasets with every section a mirror reads: structure, posts, rotations (plain data),
    deliberations and the four lists."""
    schema, records = draw(schemas_and_tree_records())
    return Dataset(
        title=draw(st.sampled_from(["往返", "a\tb", "社区 ✓"])),
        schema=schema,
        structure=records,
        appointments=draw(appointment_records_sets()),
        duty_rotations=(draw(duty_rotations()).records(),),
        chair_rotations=(draw(chair_rotations()).records(),),
        governance=GovernanceRecords(deliberations=draw(deliberation_records())),
        cobuild=draw(cobuild_sections()),
    )


def same_both_ways(dataset: Dataset) -> str:
    text = generic_text(dataset)
    assert codec().write(dataset) == text
    assert dumps_dataset(dataset, redact_personal=False, compact=True) == text
    read = codec().read(text)
    assert read is not None, "compact text as the library writes it is read typed"
    assert read == generic(text) == dataset
    return text


@settings(max_examples=60)
@given(dataset=datasets())
def test_generated_datasets_are_read_and_written_as_the_generic_path(dataset: Dataset) -> None:
    same_both_ways(dataset)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_samples_are_read_and_written_as_the_generic_path(name: str) -> None:
    dataset = loads_dataset(sample_text(name))
    text = same_both_ways(dataset)
    assert ours(text) == dataset


def test_more_periods_than_are_kept_are_written_and_read_alike() -> None:
    first = pendulum.Date(2000, 1, 1)
    territories = tuple(
        Territory(
            id=f"S{n}",
            kind=TerritoryKind.STREET,
            name=f"第{n}街道",
            period=Period(start=first.add(days=n), end=first.add(days=n + 1 + n % 3)),
        )
        for n in range(5000)
    )
    structure = TreeRecords(territories=territories)
    dataset = Dataset(title="周期", schema=COMMUNITY_FIVE_LEVEL, structure=structure)
    same_both_ways(dataset)
    same_both_ways(dataset)  # again, with the periods of the first run kept


def _data(dataset: Dataset) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(generic_text(dataset))
    return data


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


DAMAGE = [
    ("drop", "id"),
    ("drop", "period"),
    ("set", "id", 7),
    ("set", "id", True),
    ("set", "name", ""),
    ("set", "name", " \u200b"),
    ("set", "kind", "城堡"),
    ("set", "kind", 1),
    ("set", "period", {"start": "2024-01-01", "end": "2023-01-01"}),
    ("set", "period", {"start": "2024-02-30"}),
    ("set", "period", {"start": "2024-01-01", "until": "2025-01-01"}),
    ("set", "parent_id", ["x"]),
    ("set", "households", -1),
    ("set", "households", 1.5),
    ("set", "households", 10**19),
    ("set", "nickname", "x"),
    ("set", "code", None),  # a default written out: read alike
    ("set", "households", 10**17),
]


@settings(max_examples=60)
@given(
    pair=schemas_and_tree_records(),
    damage=st.sampled_from(DAMAGE),
    pick=st.integers(min_value=0, max_value=10_000),
)
def test_damaged_compact_text_gives_what_the_generic_path_gives(
    pair: tuple[LevelSchema, TreeRecords], damage: tuple[Any, ...], pick: int
) -> None:
    schema, records = pair
    assume(records.territories)
    data = _data(Dataset(title="损坏", schema=schema, structure=records))
    target = data["structure"]["territories"][pick % len(records.territories)]
    if damage[0] == "drop":
        target.pop(damage[1], None)
    else:
        target[damage[1]] = damage[2]
    text = _compact(data)
    assert ours(text) == generic(text)


@settings(max_examples=30)
@given(dataset=datasets(), pick=st.integers(min_value=0, max_value=10_000))
def test_text_the_mirrors_do_not_read_back_exactly_goes_the_generic_way(
    dataset: Dataset, pick: int
) -> None:
    text = generic_text(dataset)
    data = json.loads(text)
    unsorted = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # keys as written
    spaced = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for variant in (unsorted, spaced, text.rstrip("\n"), " " + text):
        assert ours(variant) == dataset
    keys = [n for n in range(len(text)) if text.startswith('{"', n)]
    at = keys[pick % len(keys)] + 1  # an object's first key, written twice
    key, _, rest = text[at:].partition(":")
    repeated = text[:at] + key + ':"x",' + key + ":" + rest
    assert codec().read(repeated) is None
    assert ours(repeated) == generic(repeated)
    assert isinstance(generic(repeated), tuple)


def test_a_set_with_an_item_twice_a_lone_surrogate_and_a_long_number_go_the_generic_way() -> None:
    dataset = loads_dataset(sample_text("community"))
    report = next(iter(dataset.structure.reports))
    text = generic_text(dataset)
    assert report.channels
    channel = next(iter(report.channels)).value
    texts = [
        text.replace(f'"channels":["{channel}"', f'"channels":["{channel}","{channel}"', 1),
        text.replace('"title":"', '"title":"\\ud800', 1),
        text.replace('"version":1', '"version":1' + "0" * 19, 1),
        text.replace('"version":1', '"version":1.0', 1),
        text.replace('"format":"', '"format":"x', 1),
        text.replace('"title":"', '"title":"\ud800', 1),  # the character itself
    ]
    org = dataset.structure.orgs[0]
    term = ElectionTerm(id="T-long", org_id=org.id, period=org.period, seats=10**19)
    structure = attrs.evolve(dataset.structure, terms=(*dataset.structure.terms, term))
    texts.append(generic_text(attrs.evolve(dataset, structure=structure)))  # a record takes it
    for variant in texts:
        assert variant != text
        assert isinstance(generic(variant), tuple), variant[:80]
        assert ours(variant) == generic(variant)


def test_text_msgspec_cannot_write_is_written_the_generic_way() -> None:
    dataset = attrs.evolve(loads_dataset(sample_text("community")), title="社区\ud800")
    assert codec().write(dataset) is None
    text = dumps_dataset(dataset, redact_personal=False, compact=True)
    assert text == generic_text(dataset)


def test_without_msgspec_the_generic_path_reads_and_writes_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dataset = loads_dataset(sample_text("community"))
    text = generic_text(dataset)
    typed_codec.cache_clear()
    monkeypatch.setitem(sys.modules, "msgspec", None)
    for module in ("neighborhood_pb.io.json_typed", "neighborhood_pb.io.mirrors"):
        monkeypatch.delitem(sys.modules, module)
    try:
        assert typed_codec() is None
        assert loads_dataset(text) == dataset
        assert dumps_dataset(dataset, redact_personal=False, compact=True) == text
    finally:
        typed_codec.cache_clear()  # made again, with msgspec, when next asked for


def test_an_enum_field_holding_no_member_is_refused_alike() -> None:
    dataset = loads_dataset(sample_text("community"))
    territory, *others = dataset.structure.territories
    person, *people = dataset.structure.people
    broken = [
        attrs.evolve(territory, kind=territory.kind.value),  # type: ignore[arg-type] # a value
        attrs.evolve(territory, kind=ReportChannel.ONLINE),  # type: ignore[arg-type] # another enum
    ]
    for record in broken:
        structure = attrs.evolve(dataset.structure, territories=(record, *others))
        wrong = attrs.evolve(dataset, structure=structure)
        with pytest.raises(KeyError):
            generic_text(wrong)
        with pytest.raises(KeyError):
            dumps_dataset(wrong, redact_personal=False, compact=True)
    person = attrs.evolve(person, employment="other")  # type: ignore[arg-type]
    wrong = attrs.evolve(
        dataset, structure=attrs.evolve(dataset.structure, people=(person, *people))
    )
    with pytest.raises(KeyError):
        dumps_dataset(wrong, redact_personal=False, compact=True)


def test_a_dataset_read_unchecked_is_written_as_the_generic_path_writes_it() -> None:
    data = _data(loads_dataset(sample_text("community")))
    data["title"] = " "
    with attrs.validators.disabled():
        dataset = loads_dataset(_compact(data))
    assert dataset.title == " "
    assert dumps_dataset(dataset, redact_personal=False, compact=True) == generic_text(dataset)


def test_a_period_read_unchecked_is_not_kept_for_later() -> None:
    data = _data(loads_dataset(sample_text("street")))
    territory = data["structure"]["territories"][0]
    territory["period"] = {"end": "1901-01-01", "start": "1901-06-01"}  # ends before it starts
    text = _compact(data)
    with attrs.validators.disabled():
        assert codec().read(text) is None  # read the generic way
        assert generic(text) == ours(text)
    refused = generic(text)
    assert isinstance(refused, tuple)
    assert ours(text) == refused


def test_with_validators_disabled_records_are_read_unchecked_the_generic_way() -> None:
    dataset = loads_dataset(sample_text("street"))
    data = _data(dataset)
    data["structure"]["territories"][0]["name"] = ""
    text = _compact(data)
    assert isinstance(generic(text), tuple)
    with attrs.validators.disabled():
        assert codec().read(text) is None  # left to the generic path
        read = loads_dataset(text)
        assert read == generic(text)
        assert read.structure.territories[0].name == ""


@given(value=st.one_of(st.text(), st.none(), st.integers()))
def test_a_value_plainly_valid_is_taken_by_its_validator(value: Any) -> None:
    attribute = attrs.fields(Territory).name
    for validator, expression in PLAINLY_VALID.items():
        if eval(expression.format(v="v"), {"v": value}):  # the library's own expression
            validator(None, attribute, value)  # takes it


def test_a_plainly_valid_expression_is_its_validator_s_own_first_test() -> None:
    for validator, expression in PLAINLY_VALID.items():
        assert f"if {expression.format(v='value')}:" in inspect.getsource(validator)


def test_what_is_not_plainly_valid_goes_to_the_validator() -> None:
    attribute = attrs.fields(Territory).name
    for validator, expression in PLAINLY_VALID.items():
        for value in ("", " ", "\u200b", "a\nb", None, 7):
            assert not eval(expression.format(v="v"), {"v": value})
        with pytest.raises(InvalidRecordError):
            validator(None, attribute, " ")


@attrs.frozen(kw_only=True)
class Plain:
    name: str


@attrs.frozen(kw_only=True, cache_hash=True)
class Hashed:
    name: str


@attrs.define(kw_only=True)
class Mutable:
    name: str


@attrs.frozen(kw_only=True)
class Prepared:
    name: str

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen(kw_only=True)
class SelfConverted:
    name: str = attrs.field(
        converter=attrs.Converter(lambda value, self: value, takes_self=True)  # type: ignore[misc]
    )


@attrs.frozen(kw_only=True, slots=False)
class Unslotted:
    name: str


@attrs.frozen(kw_only=True)
class SlottedOnTop(Unslotted):
    """Its own field is a slot; the inherited one lives in the instance's dict."""

    other: str


@attrs.frozen(kw_only=True)
class Inherited(Plain):
    other: str


def test_only_plain_frozen_attrs_classes_are_made_without_their_init() -> None:
    for cls in (Plain, Inherited, Territory, Period):
        assert constructible(cls), cls
    for other in (Hashed, Mutable, Prepared, SelfConverted, Unslotted, SlottedOnTop):
        assert not constructible(other), other


def test_only_generated_builders_and_writers_are_known_as_such() -> None:
    read = codec().read  # a method, not a generated function
    assert generated_for(read) is None
    assert generated_for(OptionalWriter(str)) is None  # not weakly referenceable
    assert generated_for(dict_builder(Territory, dataset_converter())) is Territory
