"""The JSON converter: strict structuring with paths, lossless round trips, redaction."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pendulum
import pytest
from cattrs.errors import AttributeValidationNote
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import (
    COMMUNITY_FIVE_LEVEL,
    ElectionTerm,
    LevelSchema,
    OrgForm,
    Period,
    Person,
    Report,
    ReportChannel,
    StructuringError,
    TreeRecords,
)
from neighborhood_pb.dataset import Dataset
from neighborhood_pb.errors import NeighborhoodPBError
from neighborhood_pb.io.json import (
    dataset_converter,
    dumps_dataset,
    format_json,
    json_kind,
    loads_dataset,
    make_converter,
    parse_json,
    structure,
    structuring_error,
    unstructure,
)
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.structure.posts import AppointmentRecords
from neighborhood_pb.structure.rotations import ChairRotation, DutyRotation, RotationRules
from neighborhood_pb.testing.appointments import appointment_records_sets
from neighborhood_pb.testing.rotations import chair_rotations, duty_rotations, rotation_rules


def org(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "B1",
        "name": "阳光小区党支部",
        "form": "branch",
        "level": "compound_branch",
        "period": {"start": "2020-01-01"},
    }
    data.update(changes)
    return data


def term(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "T1", "org_id": "B1", "period": {"start": "2020-01-01"}}
    data["seats"] = 3
    data.update(changes)
    return data


BAD_RECORDS = [
    pytest.param({"orgs": 5}, "$.orgs", "expected a list, got the number 5", id="not-a-list"),
    pytest.param({"orgs": "B1"}, "$.orgs", "expected a list", id="string-for-list"),
    pytest.param({"orgs": [5]}, "$.orgs[0]", "expected an object (Organisation)", id="not-object"),
    pytest.param({"orgs": [{"id": "B1"}]}, "$.orgs[0].name", "required field 'name'", id="missing"),
    pytest.param(
        {"orgs": [org(name=None)]}, "$.orgs[0].name", "expected a string, got null", id="null"
    ),
    pytest.param(
        {"orgs": [org(name=7)]}, "$.orgs[0].name", "expected a string", id="number-for-str"
    ),
    pytest.param(
        {"terms": [term(seats="3")]}, "$.terms[0].seats", "whole number", id="str-for-int"
    ),
    pytest.param(
        {"terms": [term(seats=3.5)]}, "$.terms[0].seats", "whole number", id="float-for-int"
    ),
    pytest.param(
        {"terms": [term(seats=True)]}, "$.terms[0].seats", "whole number", id="bool-for-int"
    ),
    pytest.param({"orgs": [org(form="club")]}, "$.orgs[0].form", "not a valid OrgForm", id="enum"),
    pytest.param({"orgs": [org(form=1)]}, "$.orgs[0].form", "expected one of", id="enum-type"),
    pytest.param(
        {"orgs": [org(period={"start": "2020-02-30"})]},
        "$.orgs[0].period.start",
        "not an ISO date",
        id="bad-date",
    ),
    pytest.param(
        {"orgs": [org(period={"start": 20200101})]},
        "$.orgs[0].period.start",
        "ISO date string",
        id="number-date",
    ),
    pytest.param(
        {"orgs": [org(), org(id="B2", period={"start": "2020-01-01", "end": "2019-01-01"})]},
        "$.orgs[1].period",
        "the end must come after the start",
        id="validator",
    ),
    pytest.param(
        {"orgs": [org(extra=1)]}, "$.orgs[0].extra", "unknown field extra", id="extra-key"
    ),
    pytest.param({"memberhsips": []}, "$.memberhsips", "unknown field memberhsips", id="typo"),
    pytest.param(
        {
            "reports": [
                {
                    "id": "R",
                    "person_id": "P",
                    "community_id": "C",
                    "channels": ["fax"],
                    "period": {"start": "2020-01-01"},
                }
            ]
        },
        "$.reports[0].channels[0]",
        "not a valid ReportChannel",
        id="set-item",
    ),
    pytest.param([], "$", "expected an object (TreeRecords), got a list", id="top-level"),
]


@pytest.mark.parametrize(("data", "path", "message"), BAD_RECORDS)
def test_bad_input_names_its_path(data: Any, path: str, message: str) -> None:
    with pytest.raises(StructuringError) as caught:
        structure(data, TreeRecords)
    assert caught.value.path == path
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


def test_several_problems_are_counted() -> None:
    with pytest.raises(StructuringError, match=r"and 3 more problems"):
        structure({"orgs": [{"id": "B1"}]}, TreeRecords)
    with pytest.raises(StructuringError, match=r"and 1 more problem\)"):
        structure({"orgs": [{"id": "B1", "name": "x", "form": "branch"}]}, TreeRecords)


def test_structuring_error_passes_through_unchanged() -> None:
    error = StructuringError("already ours", path="$.x")

    def hook(value: Any, _: Any) -> Any:
        raise error

    converter = make_converter()
    converter.register_structure_hook(Period, hook)
    with pytest.raises(StructuringError) as caught:
        structure({"start": "2020-01-01"}, Period, converter)
    assert caught.value is error


def test_structuring_error_from_a_plain_exception() -> None:
    error = structuring_error(ValueError(""), "$.a")
    assert (error.path, str(error)) == ("$.a", "$.a: ValueError")


def test_mapping_keys_in_paths() -> None:
    @attrs.frozen
    class Box:
        seats: dict[str, int]

    with pytest.raises(StructuringError) as caught:
        structure({"seats": {"B1": "three"}}, Box)
    assert caught.value.path == "$.seats['B1']"


def test_collections_structure_to_their_types() -> None:
    @attrs.frozen
    class Bag:
        names: list[str]
        kinds: set[OrgForm]

    bag = structure({"names": ["a", "b"], "kinds": ["branch"]}, Bag)
    assert bag == Bag(names=["a", "b"], kinds={OrgForm.BRANCH})
    assert unstructure(bag) == {"names": ["a", "b"], "kinds": ["branch"]}
    # A set holds each item once: a repeated item is refused, not collapsed in silence.
    with pytest.raises(NeighborhoodPBError, match="twice"):
        structure({"names": ["a", "b"], "kinds": ["branch", "branch"]}, Bag)


def test_instants_are_aware_and_never_guessed() -> None:
    @attrs.frozen
    class Stamp:
        at: pendulum.DateTime

    at = pendulum.datetime(2026, 5, 1, 9, 30, tz="Asia/Shanghai")
    data = unstructure(Stamp(at=at))
    assert data == {"at": "2026-05-01T09:30:00+08:00"}
    assert structure(data, Stamp).at == at
    for bad, message in (
        ("2026-05-01T09:30:00", "no UTC offset"),
        ("yesterday", "not an ISO instant"),
        (1746063000, "ISO instant string"),
    ):
        with pytest.raises(StructuringError, match=message) as caught:
            structure({"at": bad}, Stamp)
        assert caught.value.path == "$.at"


def test_numbers_and_flags_are_strict() -> None:
    @attrs.frozen
    class Figures:
        share: float
        active: bool

    assert structure({"share": 1, "active": True}, Figures) == Figures(share=1.0, active=True)
    assert structure({"share": 0.6, "active": False}, Figures).share == 0.6
    with pytest.raises(StructuringError, match="expected a number, got a boolean"):
        structure({"share": True, "active": True}, Figures)
    with pytest.raises(StructuringError, match="expected true or false, got the number 1"):
        structure({"share": 1, "active": 1}, Figures)


def test_phones_are_redacted_unless_asked() -> None:
    person = Person(id="P1", name="周明华", phone="13900000101")
    assert unstructure(person)["phone"] == "139****0101"
    assert make_converter(redact_personal=False).unstructure(person)["phone"] == "13900000101"
    assert make_converter(omit_defaults=True).unstructure(person) == {
        "id": "P1",
        "name": "周明华",
        "phone": "139****0101",
    }
    no_phone = make_converter(omit_defaults=True).unstructure(Person(id="P2", name="吴桂兰"))
    assert "phone" not in no_phone


@given(
    seats=st.integers(min_value=1, max_value=99),
    start=st.dates(min_value=pendulum.Date(1990, 1, 1), max_value=pendulum.Date(2090, 1, 1)),
    days=st.one_of(st.none(), st.integers(min_value=1, max_value=4000)),
    omit=st.booleans(),
)
def test_records_round_trip(seats: int, start: Any, days: int | None, omit: bool) -> None:
    period = Period(
        start=start,
        end=None
        if days is None
        else pendulum.Date(start.year, start.month, start.day).add(days=days),
    )
    records = TreeRecords(
        terms=(ElectionTerm(id="T1", org_id="B1", period=period, seats=seats),),
        reports=(
            Report(
                id="R1",
                person_id="P1",
                community_id="C1",
                period=period,
                channels={ReportChannel.ONLINE},
            ),
        ),
    )
    converter = make_converter(omit_defaults=omit)
    data = json.loads(json.dumps(converter.unstructure(records)))
    assert structure(data, TreeRecords) == records


def test_schemas_round_trip() -> None:
    data = unstructure(COMMUNITY_FIVE_LEVEL)
    assert set(data) == {"code", "label_zh", "levels", "people_tiers", "source"}
    assert structure(data, LevelSchema) == COMMUNITY_FIVE_LEVEL
    data["levels"][1]["forms"] = []
    with pytest.raises(StructuringError, match="allows no form") as caught:
        structure(data, LevelSchema)
    assert caught.value.path == "$"


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "null"),
        (True, "a boolean"),
        (3, "the number 3"),
        (2.5, "the number 2.5"),
        ("x", "the string 'x'"),
        ("x" * 41, "a string"),
        ({}, "an object"),
        ([], "a list"),
        (object(), "object"),
    ],
)
def test_json_kind(value: Any, kind: str) -> None:
    assert json_kind(value) == kind


def test_parse_json_refuses_what_a_dataset_must_not_hold() -> None:
    assert parse_json('{"a": [1, 2.5, "三"]}') == {"a": [1, 2.5, "三"]}
    for text, message in (
        ('{"a": 1,}', r"not JSON: .* \(line 1, column 9\)"),
        ("", r"not JSON: Expecting value \(line 1, column 1\)"),
        ('{"a": 1, "a": 2}', "the key 'a' appears twice"),
        ('{"a": NaN}', "NaN is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ):
        with pytest.raises(StructuringError, match=message) as caught:
            parse_json(text)
        assert caught.value.path == "$"


def test_format_json_is_short_readable_and_stable() -> None:
    data = {"b": [1, 2], "a": {"long": "x" * 30, "list": list(range(12))}, "e": [], "d": {}}
    text = format_json(data, width=40)
    assert json.loads(text) == data
    assert text == format_json(dict(reversed(list(data.items()))), width=40)
    assert text.splitlines() == [
        "{",
        '  "a": {',
        '    "list": [',
        *[f"      {n}," for n in range(11)],
        "      11",
        "    ],",
        '    "long": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        "  },",
        '  "b": [1, 2],',
        '  "d": {},',
        '  "e": []',
        "}",
    ]
    assert format_json({"名": "青松"}) == '{"名": "青松"}'


def test_only_cattrs_notes_add_steps_to_the_path() -> None:
    inner = ValueError("bad")
    inner.add_note("a note of someone else's")
    inner.add_note(AttributeValidationNote("Structuring class X @ attribute seats", "seats", int))
    error = structuring_error(ExceptionGroup("while structuring X", [inner]))
    assert (error.path, str(error)) == ("$.seats", "$.seats: bad")


# -- datasets with posts and rotations -----------------------------------------------------------


def test_dataset_converter_is_fresh_and_reading_does_not_share_it() -> None:
    mine = dataset_converter()
    assert mine is not dataset_converter()
    mine.register_unstructure_hook(pendulum.Date, lambda d: "changed")
    text = sample_text("community")
    assert dumps_dataset(loads_dataset(text), redact_personal=False) == text
    assert load_sample("community").as_of == pendulum.Date(2026, 11, 1)


@given(
    duty=duty_rotations(),
    chair=chair_rotations(),
    rules=rotation_rules(),
    records=appointment_records_sets(),
)
def test_datasets_with_posts_and_rotations_round_trip(
    duty: DutyRotation, chair: ChairRotation, rules: RotationRules, records: AppointmentRecords
) -> None:
    dataset = Dataset(
        title="往返",
        schema=COMMUNITY_FIVE_LEVEL,
        appointments=records,
        duty_rotations=(duty.records(),),
        chair_rotations=(chair.records(),),
        rotation_rules=rules,
    )
    text = dumps_dataset(dataset, redact_personal=False)
    assert loads_dataset(text) == dataset
    assert loads_dataset(dumps_dataset(dataset, compact=True)) == dataset
    data = json.loads(text)
    assert set(data["duty_rotations"][0]) >= {"setup", "eligibility"}
    assert "swaps" not in data["duty_rotations"][0]  # empty logs are left out
