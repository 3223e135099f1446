"""JSON round trips of every structure record, whole datasets and schemas."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import Finding, Severity, StructuringError
from neighborhood_pb.io import json as serde
from neighborhood_pb.structure import (
    SCHEMA_PRESETS,
    Coverage,
    ElectionTerm,
    Level,
    LevelSchema,
    Membership,
    Organisation,
    OrgRules,
    Person,
    Report,
    Territory,
    TreeRecords,
    redact_phone,
)
from neighborhood_pb.testing.structure import (
    level_schemas,
    org_rules,
    periods,
    persons,
    schemas,
    schemas_and_tree_records,
    territories,
)

CONVERTER = serde.make_converter(redact_personal=False)


def round_trip(value: Any, cls: type) -> Any:
    data = json.loads(json.dumps(serde.unstructure(value, CONVERTER)))
    return serde.structure(data, cls, CONVERTER)


@given(periods())
def test_period_round_trip(period: Period) -> None:
    assert round_trip(period, Period) == period


@given(territories())
def test_territory_round_trip(territory: Territory) -> None:
    assert round_trip(territory, Territory) == territory


@given(persons())
def test_person_round_trip_keeps_the_phone_when_asked(person: Person) -> None:
    assert round_trip(person, Person) == person


@given(persons().filter(lambda p: p.phone is not None))
def test_default_converter_redacts_phones(person: Person) -> None:
    data = serde.unstructure(person)
    assert data["phone"] == redact_phone(person.phone)
    assert person.phone not in json.dumps(data)
    assert serde.structure(data, Person).phone == redact_phone(person.phone)
    assert serde.make_converter().unstructure(person)["phone"] != person.phone


@given(schemas_and_tree_records())
def test_every_tree_record_round_trips(dataset: tuple[LevelSchema, TreeRecords]) -> None:
    _, records = dataset
    for name, cls in (
        ("orgs", Organisation),
        ("coverage", Coverage),
        ("memberships", Membership),
        ("reports", Report),
        ("terms", ElectionTerm),
        ("territories", Territory),
        ("people", Person),
    ):
        for record in getattr(records, name):
            assert round_trip(record, cls) == record


@given(schemas_and_tree_records())
def test_tree_records_round_trip(dataset: tuple[LevelSchema, TreeRecords]) -> None:
    _, records = dataset
    assert round_trip(records, TreeRecords) == records


@given(schemas())
def test_schema_round_trip(schema: LevelSchema) -> None:
    again = round_trip(schema, LevelSchema)
    assert again == schema
    assert [again.position(lv.code) for lv in again.levels] == list(range(schema.depth))


@pytest.mark.parametrize("code", sorted(SCHEMA_PRESETS))
def test_presets_round_trip(code: str) -> None:
    preset = SCHEMA_PRESETS[code]
    assert round_trip(preset, LevelSchema) == preset
    for level in preset.levels:
        assert round_trip(level, Level) == level


@given(org_rules())
def test_rules_round_trip(rules: OrgRules) -> None:
    assert round_trip(rules, OrgRules) == rules


@given(st.sampled_from(Severity), st.text(min_size=1, max_size=8))
def test_finding_round_trip(severity: Severity, subject: str) -> None:
    finding = Finding(code="x.y", severity=severity, subject=subject, message="m", rule="r")
    assert round_trip(finding, Finding) == finding


@given(level_schemas())
def test_an_invalid_schema_document_is_refused_with_a_path(schema: LevelSchema) -> None:
    data = serde.unstructure(schema, CONVERTER)
    data["levels"] = []
    with pytest.raises(StructuringError) as info:
        serde.structure(data, LevelSchema, CONVERTER)
    assert info.value.path.startswith("$")
    assert "no levels" in str(info.value)
