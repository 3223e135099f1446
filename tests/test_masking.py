"""Masked documents: the marker, and the refusal to write masked values as complete."""

from __future__ import annotations

import json

import attrs
import pytest

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.dataset.masking import (
    PHONE_FIELD,
    MaskedDatasetError,
    is_masked,
    maskable_fields,
    masked_fields,
    require_complete,
)
from neighborhood_pb.errors import IntegrityError, StructuringError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.json import dumps_dataset, loads_dataset, unstructure_dataset
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL

COMMUNITY = load_sample("community")


def with_phones(dataset: Dataset, phones: dict[str, str | None]) -> Dataset:
    people = tuple(
        attrs.evolve(p, phone=phones[p.id]) if p.id in phones else p
        for p in dataset.structure.people
    )
    return attrs.evolve(dataset, structure=attrs.evolve(dataset.structure, people=people))


def test_a_masked_document_says_which_fields_it_masked() -> None:
    masked = json.loads(dumps_dataset(COMMUNITY))
    assert masked["masked"] == [PHONE_FIELD]
    complete = json.loads(dumps_dataset(COMMUNITY, redact_personal=False))
    assert "masked" not in complete


def test_nothing_to_mask_writes_no_marker() -> None:
    empty = Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL)
    assert maskable_fields(empty) == ()
    assert "masked" not in unstructure_dataset(empty)
    no_phones = with_phones(COMMUNITY, {p.id: None for p in COMMUNITY.structure.people})
    assert "masked" not in unstructure_dataset(no_phones)
    one_phone = with_phones(no_phones, {"QS-P01": "13900000101"})  # the person that flips it
    assert unstructure_dataset(one_phone)["masked"] == [PHONE_FIELD]


def test_a_masked_document_is_dumped_masked_again_unchanged() -> None:
    text = dumps_dataset(COMMUNITY)
    loaded = loads_dataset(text)
    assert masked_fields(loaded) == (PHONE_FIELD,)
    assert masked_fields(COMMUNITY) == ()
    assert dumps_dataset(loaded) == text
    assert dumps_dataset(loaded, compact=True) == dumps_dataset(COMMUNITY, compact=True)


def test_a_masked_document_is_refused_as_complete() -> None:
    loaded = loads_dataset(dumps_dataset(COMMUNITY))
    phones = [p for p in COMMUNITY.structure.people if p.phone]
    with pytest.raises(MaskedDatasetError) as caught:
        dumps_dataset(loaded, redact_personal=False)
    error = caught.value
    assert isinstance(error, IntegrityError)
    assert error.rule == "dataset.masked"
    assert error.subject == phones[0].id
    assert error.params == {"field": PHONE_FIELD, "count": len(phones), "person": phones[0].id}
    assert "cannot be written as complete" in str(error)
    assert error_text(error, "zh") == "脱敏数据不得作为完整数据写出（规则：dataset.masked）"
    with pytest.raises(MaskedDatasetError):
        unstructure_dataset(loaded, redact_personal=False)


def test_one_masked_phone_is_enough_to_refuse() -> None:
    masked_one = with_phones(COMMUNITY, {"QS-P01": "139****0101"})
    with pytest.raises(MaskedDatasetError) as caught:
        require_complete(masked_one)
    assert caught.value.params["count"] == 1
    assert caught.value.subject == "QS-P01"
    restored = with_phones(masked_one, {"QS-P01": "13900000101"})
    require_complete(restored)  # the number restored: complete again
    assert loads_dataset(dumps_dataset(restored, redact_personal=False)) == COMMUNITY


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13900000101", False), ("139****0101", True), ("*****", True), ("", False), (None, False)],
)
def test_a_masked_value_is_known_by_its_asterisks(value: str | None, masked: bool) -> None:
    assert is_masked(value) is masked


def test_an_old_document_without_the_marker_is_recognised_by_its_values() -> None:
    data = json.loads(dumps_dataset(COMMUNITY))
    del data["masked"]  # written before documents carried the marker
    old = loads_dataset(json.dumps(data, ensure_ascii=False))
    assert masked_fields(old) == (PHONE_FIELD,)
    with pytest.raises(MaskedDatasetError):
        dumps_dataset(old, redact_personal=False)
    assert json.loads(dumps_dataset(old))["masked"] == [PHONE_FIELD]
    complete = json.loads(dumps_dataset(COMMUNITY, redact_personal=False))
    assert masked_fields(loads_dataset(json.dumps(complete))) == ()


@pytest.mark.parametrize(
    ("marker", "path", "words"),
    [
        ("structure.people.phone", "$.masked", "a list of names"),
        ([1], "$.masked", "a list of names"),
        ([PHONE_FIELD, "structure.people.name"], "$.masked[1]", "not a field that an export"),
    ],
)
def test_a_bad_marker_is_refused(marker: object, path: str, words: str) -> None:
    data = json.loads(dumps_dataset(COMMUNITY))
    data["masked"] = marker
    with pytest.raises(StructuringError) as caught:
        loads_dataset(json.dumps(data, ensure_ascii=False))
    assert caught.value.path == path
    assert words in str(caught.value)
