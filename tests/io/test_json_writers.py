"""Generated record writers: exactly what ``cattrs``' own generated functions write.

The same keys in the same order and the same values, defaults left out alike, for generated
records and for the samples; classes the generator does not write itself go to ``cattrs``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import attrs
import cattrs
import pytest
from cattrs.gen import make_dict_unstructure_fn
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborhood_pb.io.builders import buildable
from neighborhood_pb.io.converter import make_converter
from neighborhood_pb.io.json import loads_dataset
from neighborhood_pb.io.writers import dict_writer
from neighborhood_pb.samples import SAMPLE_NAMES, sample_text
from neighborhood_pb.testing import schemas_and_tree_records
from neighborhood_pb.testing.appointments import appointment_records_sets
from neighborhood_pb.testing.cobuild import cobuild_sections


def cattrs_only(omit_defaults: bool) -> cattrs.Converter:
    """A converter as :func:`make_converter` makes it, records written by cattrs' own code."""
    converter = make_converter(redact_personal=False, omit_defaults=omit_defaults)
    converter.register_unstructure_hook_factory(
        buildable,
        lambda cls, c: make_dict_unstructure_fn(cls, c, _cattrs_omit_if_default=omit_defaults),
    )
    return converter


def written(value: Any, converter: cattrs.Converter) -> str:
    """The data of ``value``, keys in the order written, as text."""
    return json.dumps(converter.unstructure(value), ensure_ascii=False)


def same_as_cattrs(value: Any) -> None:
    for omit in (True, False):
        ours = make_converter(redact_personal=False, omit_defaults=omit)
        assert written(value, ours) == written(value, cattrs_only(omit))


@settings(max_examples=25)
@given(
    records=st.one_of(
        schemas_and_tree_records().map(lambda pair: pair[1]),
        cobuild_sections(),
        appointment_records_sets(),
    )
)
def test_generated_records_are_written_as_cattrs_writes_them(records: Any) -> None:
    same_as_cattrs(records)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_samples_are_written_as_cattrs_writes_them(name: str) -> None:
    dataset = loads_dataset(sample_text(name))
    for field in attrs.fields(type(dataset)):
        value = getattr(dataset, field.name)
        if attrs.has(type(value)):
            same_as_cattrs(value)


def _first(record: Any) -> int:
    return int(record.count)


@attrs.frozen(kw_only=True)
class Plain:
    count: int
    tags: tuple[str, ...] = attrs.field(factory=tuple)
    label: str = attrs.field(default=" x ", converter=str.strip)


@attrs.frozen(kw_only=True)
class MadeFromSelf:
    count: int
    copy: int = attrs.field(default=attrs.Factory(_first, takes_self=True))


@attrs.frozen(kw_only=True)
class ConvertedWithSelf:
    count: int = attrs.field(
        default=1, converter=attrs.Converter(lambda value, record: value, takes_self=True)
    )


@attrs.frozen(kw_only=True)
class Noted:
    count: Annotated[int, "a note"] = 0


@pytest.mark.parametrize(
    ("record", "generated"),  # by the generator, leaving defaults out and writing them
    [
        (Plain(count=1), (True, True)),
        (Plain(count=1, tags=("a",), label="y"), (True, True)),
        (MadeFromSelf(count=2), (False, True)),
        (MadeFromSelf(count=2, copy=3), (False, True)),
        (ConvertedWithSelf(), (False, True)),
        (ConvertedWithSelf(count=2), (False, True)),
        (Noted(), (False, False)),
    ],
)
def test_a_class_the_generator_does_not_write_goes_to_cattrs(
    record: Any, generated: tuple[bool, bool]
) -> None:
    for omit, by_generator in zip((True, False), generated, strict=True):
        converter = make_converter(omit_defaults=omit)
        writer = dict_writer(type(record), converter)
        own = make_dict_unstructure_fn(type(record), converter, _cattrs_omit_if_default=omit)
        assert list(writer(record).items()) == list(own(record).items())
        assert (writer.__name__ == "make") is by_generator
    by_alias = cattrs.Converter(use_alias=True, omit_if_default=True)
    assert dict_writer(Plain, by_alias).__name__ != "make"
    assert dict_writer(Plain, by_alias)(Plain(count=1)) == {"count": 1}
