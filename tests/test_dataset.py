"""Dataset documents: the record, reading and writing, building the tree with record paths."""

from __future__ import annotations

import ast
import json
import re
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb import (
    AREA_FOUR_LEVEL,
    COMMUNITY_FIVE_LEVEL,
    DEFAULT_RULES,
    ConflictError,
    Finding,
    InvalidRecordError,
    Level,
    LevelSchema,
    NeighborhoodPBError,
    NotAuthorisedError,
    OrgForm,
    Period,
    RuleViolationError,
    Severity,
    StructuringError,
    TerritoryKind,
    TreeRecords,
    UnknownRecordError,
)
from neighborhood_pb.dataset import (
    DATASET_CHECKS,
    DATASET_FORMAT,
    DATASET_VERSION,
    Dataset,
    DatasetContext,
    DatasetRecordError,
    GovernanceRecords,
    PointsRecords,
    _path,
    build_appointments,
    build_duty_rotations,
    build_tree,
    check_appointments,
    check_dataset,
    check_rotations,
    resolve_as_of,
    rotation_horizon,
)
from neighborhood_pb.io.json import (
    dumps_dataset,
    load_dataset,
    loads_dataset,
    parse_json,
    structure_dataset,
    unstructure_dataset,
)
from neighborhood_pb.points import DEFAULT_CATALOGUE
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.structure.posts import (
    DEFAULT_APPOINTMENT_RULES,
    AppointmentRecords,
    AppointmentRules,
    Appointments,
    PostKind,
)
from neighborhood_pb.structure.rotations import (
    YONGCHUN_DUTY_RULES,
    ChairRotation,
    DutyOverride,
    RotationRules,
)
from neighborhood_pb.testing.appointments import appointment_rules, populated_appointments
from neighborhood_pb.testing.rotations import chair_rotations, days, duty_rotations

COMMUNITY = load_sample("community")


def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = parse_json(sample_text("community"))
    return data


def broken(section: str, index: int, **changes: Any) -> Dataset:
    """The community sample with one record of ``section`` changed."""
    records = getattr(COMMUNITY.structure, section)
    changed = attrs.evolve(records[index], **changes)
    structure = attrs.evolve(
        COMMUNITY.structure,
        **{section: (*records[:index], changed, *records[index + 1 :])},
    )
    return attrs.evolve(COMMUNITY, structure=structure)


# -- the record ----------------------------------------------------------------------------------


def test_defaults_and_validators() -> None:
    dataset = Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL)
    assert (dataset.format, dataset.version) == (DATASET_FORMAT, DATASET_VERSION)
    assert dataset.structure == TreeRecords()
    assert dataset.as_of is None
    assert dataset.rules == DEFAULT_RULES
    assert Dataset(title="x", schema=COMMUNITY_FIVE_LEVEL, as_of="2026-01-01").as_of == (
        pendulum.Date(2026, 1, 1)
    )
    with pytest.raises(InvalidRecordError, match="needs a title"):
        Dataset(title=" ", schema=COMMUNITY_FIVE_LEVEL)
    with pytest.raises(InvalidRecordError, match="not a neighborhood_pb dataset"):
        Dataset(title="x", schema=COMMUNITY_FIVE_LEVEL, format="other")
    with pytest.raises(InvalidRecordError, match="written by a newer"):
        Dataset(title="x", schema=COMMUNITY_FIVE_LEVEL, version=DATASET_VERSION + 1)
    with pytest.raises(InvalidRecordError, match="not one this library reads") as caught:
        Dataset(title="x", schema=COMMUNITY_FIVE_LEVEL, version=0)
    assert "newer" not in str(caught.value)


# -- reading and writing -------------------------------------------------------------------------


def test_a_whole_dataset_round_trips() -> None:
    text = dumps_dataset(COMMUNITY, redact_personal=False)
    assert loads_dataset(text) == COMMUNITY
    assert dumps_dataset(loads_dataset(text), redact_personal=False) == text
    assert text == sample_text("community")


def test_dump_is_sorted_readable_and_redacted() -> None:
    text = dumps_dataset(COMMUNITY)
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["format"] == DATASET_FORMAT
    assert data["version"] == DATASET_VERSION
    assert data["schema"] == "community_five_level"
    assert "rules" not in data
    assert "青松社区" in text
    assert text.endswith("}\n")
    assert "\n  " in text
    phones = [p.phone for p in COMMUNITY.structure.people if p.phone]
    assert phones
    for phone in phones:
        assert phone not in text
        assert f"{phone[:3]}****{phone[-4:]}" in text
    redacted = loads_dataset(text)
    assert redacted != COMMUNITY
    assert attrs.evolve(redacted, structure=COMMUNITY.structure) == COMMUNITY


def test_format_and_version_are_written_even_for_an_empty_dataset() -> None:
    data = unstructure_dataset(Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL))
    assert data == {
        "format": DATASET_FORMAT,
        "schema": "community_five_level",
        "structure": {},
        "title": "空",
        "version": DATASET_VERSION,
    }
    assert structure_dataset(data) == Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL)


def test_custom_schema_and_rules_round_trip() -> None:
    schema = LevelSchema(
        code="my_three_level",
        label_zh="社区党委—小区党支部—党员中心户",
        levels=(
            Level(
                code="community",
                label_zh="社区党委",
                forms={OrgForm.COMMITTEE},
                territory_kinds={TerritoryKind.COMMUNITY},
            ),
            Level(
                code="compound",
                label_zh="小区党支部",
                forms={OrgForm.BRANCH},
                territory_kinds={TerritoryKind.COMPOUND},
            ),
            Level(
                code="household",
                label_zh="党员中心户",
                forms={OrgForm.CONTACT_HOUSEHOLD},
                territory_kinds={TerritoryKind.HOUSEHOLD},
            ),
        ),
    )
    rules = attrs.evolve(DEFAULT_RULES, branch_min_full_members=2, term_due_window_days=30)
    dataset = Dataset(title="自定义", schema=schema, rules=rules, description="测试")
    data = unstructure_dataset(dataset)
    assert data["schema"]["code"] == "my_three_level"
    assert data["rules"] == {"branch_min_full_members": 2, "term_due_window_days": 30}
    assert loads_dataset(dumps_dataset(dataset)) == dataset
    # A schema written out in full that equals a preset is read back as that preset.
    full = unstructure_dataset(attrs.evolve(dataset, schema=AREA_FOUR_LEVEL))
    assert full["schema"] == "area_four_level"
    full["schema"] = unstructure_dataset(dataset)["schema"] | {"code": "x"}
    assert structure_dataset(full).schema == attrs.evolve(schema, code="x")


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        pytest.param({"format": None}, "$.format", "format is null", id="format-null"),
        pytest.param({"format": "geojson"}, "$.format", "format is the string 'geojson'", id="fmt"),
        pytest.param({"version": "1"}, "$.version", "as a whole number", id="version-type"),
        pytest.param({"version": True}, "$.version", "as a whole number", id="version-bool"),
        pytest.param({"version": 2}, "$.version", "format version 2 is not one", id="newer"),
        pytest.param({"schema": "village"}, "$.schema", "not a preset schema", id="preset"),
        pytest.param({"schema": 5}, "$.schema", "a preset code or a schema object", id="schema"),
        pytest.param({"schema": {"code": "x"}}, "$.schema.label_zh", "required", id="schema-obj"),
        pytest.param({"title": ""}, "$", "needs a title", id="title"),
        pytest.param({"as_of": "2026-11-31"}, "$.as_of", "not an ISO date", id="as-of"),
        pytest.param({"ledger": []}, "$.ledger", "unknown field", id="unknown-section"),
        pytest.param({"appointments": []}, "$.appointments", "expected an object", id="section"),
        pytest.param(
            {"duty_rotations": [{"setup": {"id": "x"}}]},
            "$.duty_rotations[0].setup.anchor",
            "required field 'anchor' is missing",
            id="rotation",
        ),
        pytest.param(
            {"structure": {"orgs": [{"id": "X"}]}},
            "$.structure.orgs[0].name",
            "required field 'name' is missing",
            id="deep",
        ),
    ],
)
def test_invalid_documents_name_the_path(change: dict[str, Any], path: str, message: str) -> None:
    data = sample_data() | change
    with pytest.raises(StructuringError, match=message) as caught:
        structure_dataset(data)
    assert caught.value.path == path


def test_documents_that_are_not_datasets() -> None:
    with pytest.raises(StructuringError, match="expected an object") as caught:
        structure_dataset([1, 2])
    assert caught.value.path == "$"
    data = sample_data()
    del data["format"]
    with pytest.raises(StructuringError, match="no format") as caught:
        structure_dataset(data)
    assert caught.value.path == "$.format"
    data = sample_data()
    del data["version"]
    with pytest.raises(StructuringError, match="got null") as caught:
        structure_dataset(data)
    assert caught.value.path == "$.version"


def test_load_from_a_path(tmp_path: Any) -> None:
    path = tmp_path / "community.json"
    path.write_text(sample_text("community"), encoding="utf-8")
    assert load_dataset(path) == COMMUNITY
    assert load_dataset(str(path)) == COMMUNITY
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + sample_text("community").encode())
    assert load_dataset(bom) == COMMUNITY
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"title": "caf\xe9"}')
    with pytest.raises(StructuringError, match=r"not UTF-8 text \(byte 0xe9 at offset 14\)"):
        load_dataset(latin)
    with pytest.raises(FileNotFoundError):
        load_dataset(tmp_path / "missing.json")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


SAMPLE_PATHS = _paths(sample_data())


@given(where=st.sampled_from(SAMPLE_PATHS[1:]), value=JSON_VALUES)
def test_any_damage_is_reported_as_our_error(where: tuple[Any, ...], value: Any) -> None:
    """Whatever value replaces whatever part of a sample, reading, building every aggregate
    and checking raise only our errors, and a structuring error's path leads to a real place
    in the document."""
    data = sample_data()
    target = data
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    try:
        check_dataset(DatasetContext.build(structure_dataset(data), COMMUNITY.as_of))
    except StructuringError as exc:
        path = exc.path
    except DatasetRecordError as exc:
        path, cause = exc.path, exc.__cause__
        assert isinstance(cause, NeighborhoodPBError)
    else:
        return
    steps = STEP.findall(path[1:])
    assert "".join(f".{n}" if n else f"[{i or q}]" for n, i, q in steps) == path[1:]
    place: Any = data
    for name, index, quoted in steps[:-1]:  # the last step may name a missing field
        place = place[int(index)] if index else place[name or ast.literal_eval(quoted)]


STEP = re.compile(r"""\.(\w+)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]""")


# -- building the tree ---------------------------------------------------------------------------


def test_the_sample_builds() -> None:
    records = build_tree(COMMUNITY).records()
    for field in attrs.fields(TreeRecords):
        built, given = getattr(records, field.name), getattr(COMMUNITY.structure, field.name)
        assert set(built) == set(given), field.name
    appointments = build_appointments(COMMUNITY, build_tree(COMMUNITY)).records()
    for field in attrs.fields(AppointmentRecords):
        built, given = (
            getattr(appointments, field.name),
            getattr(COMMUNITY.appointments, field.name),
        )
        assert given, field.name
        assert set(built) == set(given), field.name


@given(appointments=populated_appointments(), rules=appointment_rules())
def test_any_valid_appointments_round_trip_and_build_again(
    appointments: Appointments, rules: AppointmentRules
) -> None:
    """A dataset holding the records of any valid aggregate is read back equal and builds an
    aggregate with the same records."""
    dataset = Dataset(
        title="随机",
        schema=appointments.tree.schema,
        structure=appointments.tree.records(),
        appointments=appointments.records(),
        as_of="2025-06-30",
    )
    again = loads_dataset(dumps_dataset(dataset, redact_personal=False))
    assert again == dataset
    assert DatasetContext.build(again).appointments.records() == appointments.records()
    with_rules = attrs.evolve(dataset, appointment_rules=rules)
    assert loads_dataset(dumps_dataset(with_rules, redact_personal=False)) == with_rules


def _index(section: str, **match: Any) -> int:
    for index, record in enumerate(getattr(COMMUNITY.structure, section)):
        if all(getattr(record, key) == value for key, value in match.items()):
            return index
    raise AssertionError(match)  # pragma: no cover


@pytest.mark.parametrize(
    ("section", "match", "changes", "error_type"),
    [
        ("territories", {"id": "QS-LJ-2"}, {"parent_id": "QS-XX"}, UnknownRecordError),
        ("people", {"id": "QS-P05"}, {"household_id": "QS-LJ"}, RuleViolationError),
        ("orgs", {"id": "QS-HY-G1"}, {"parent_id": "QS-NOPE"}, UnknownRecordError),
        ("orgs", {"id": "QS-H3"}, {"level": "no_such_level"}, InvalidRecordError),
        ("orgs", {"id": "QS-LJ-B"}, {"form": OrgForm.PARTY_GROUP}, RuleViolationError),
        ("coverage", {"org_id": "QS-LJ-G2"}, {"territory_id": "QS-HY"}, RuleViolationError),
        ("memberships", {"id": "QS-M012"}, {"person_id": "QS-P01"}, ConflictError),
        ("reports", {"id": "QS-R003"}, {"community_id": "QS-HY"}, RuleViolationError),
        ("terms", {"id": "QS-T004"}, {"org_id": "QS-WC"}, RuleViolationError),
    ],
)
def test_build_errors_name_the_record(
    section: str, match: dict[str, Any], changes: dict[str, Any], error_type: type
) -> None:
    index = _index(section, **match)
    with pytest.raises(DatasetRecordError) as caught:
        build_tree(broken(section, index, **changes))
    error = caught.value
    assert error.path == f"$.structure.{section}[{index}]"
    assert isinstance(error.error, error_type)
    assert error.__cause__ is error.error
    assert (error.subject, error.rule) == (error.error.subject, error.error.rule)
    assert str(error) == f"{error.path}: {error.error}"
    assert isinstance(error, NeighborhoodPBError)
    assert isinstance(error, ValueError)


def test_a_later_org_version_is_located() -> None:
    """Versions of one org are applied oldest first, wherever they sit in the document."""
    orgs = list(COMMUNITY.structure.orgs)
    first = _index("orgs", id="QS-SF-B", form=OrgForm.BRANCH)
    second = _index("orgs", id="QS-SF-B", form=OrgForm.JOINT_BRANCH)
    orgs[second] = attrs.evolve(
        orgs[second], period=attrs.evolve(orgs[second].period, start=pendulum.Date(2024, 4, 1))
    )
    orgs[first], orgs[second] = orgs[second], orgs[first]
    dataset = attrs.evolve(COMMUNITY, structure=attrs.evolve(COMMUNITY.structure, orgs=tuple(orgs)))
    with pytest.raises(DatasetRecordError, match=r"history\.contiguous") as caught:
        build_tree(dataset)
    assert caught.value.path == f"$.structure.orgs[{first}]"


def test_the_first_error_in_application_order_is_the_one_named() -> None:
    """Territories are applied before organisations, so a territory's error wins."""
    org = _index("orgs", id="QS-HY-G1")
    territory = _index("territories", id="QS-LJ-2")
    dataset = broken("orgs", org, parent_id="QS-NOPE")
    territories = list(dataset.structure.territories)
    territories[territory] = attrs.evolve(territories[territory], parent_id="QS-XX")
    dataset = attrs.evolve(
        dataset, structure=attrs.evolve(dataset.structure, territories=tuple(territories))
    )
    with pytest.raises(DatasetRecordError) as caught:
        build_tree(dataset)
    assert caught.value.path == f"$.structure.territories[{territory}]"


def test_an_error_that_cannot_be_replayed_points_at_the_structure() -> None:
    foreign = ConflictError("something else", subject="x", rule="y")
    assert _path("$.structure", foreign) == "$.structure"  # no loader marked it
    index = _index("memberships", id="QS-M012")
    dataset = broken("memberships", index, person_id="QS-P01")
    with pytest.raises(DatasetRecordError):
        build_tree(dataset)
    assert _path("$.structure", foreign) == "$.structure"


# -- checking ------------------------------------------------------------------------------------


def test_as_of_is_explicit() -> None:
    assert resolve_as_of(COMMUNITY) == pendulum.Date(2026, 11, 1)
    assert resolve_as_of(COMMUNITY, pendulum.Date(2025, 1, 1)) == pendulum.Date(2025, 1, 1)
    undated = attrs.evolve(COMMUNITY, as_of=None)
    assert resolve_as_of(undated, "2025-01-01") == pendulum.Date(2025, 1, 1)
    with pytest.raises(InvalidRecordError, match="no as_of date") as caught:
        resolve_as_of(undated)
    assert caught.value.rule == "time.explicit"
    with pytest.raises(InvalidRecordError):
        DatasetContext.build(undated)


def test_checks_use_the_dataset_rules_and_can_be_extended() -> None:
    ctx = DatasetContext.build(COMMUNITY)
    codes = {f.code for f in check_dataset(ctx)}
    assert "branch.below_minimum" in codes
    lenient = attrs.evolve(COMMUNITY, rules=attrs.evolve(DEFAULT_RULES, branch_min_full_members=2))
    assert "branch.below_minimum" not in {
        f.code for f in check_dataset(DatasetContext.build(lenient))
    }

    def everything_is_wrong(ctx: DatasetContext) -> list[Finding]:
        return [Finding(code="demo.error", severity=Severity.ERROR, subject="QS", message="!")]

    findings = check_dataset(ctx, (*DATASET_CHECKS, everything_is_wrong))
    assert findings[0].code == "demo.error"
    assert len(findings) == len(check_dataset(ctx)) + 1
    assert list(findings) == sorted(findings, key=Finding.sort_key)


def test_checks_as_of_another_day() -> None:
    early = check_dataset(DatasetContext.build(COMMUNITY, pendulum.Date(2024, 1, 1)))
    assert "term.due_soon" not in {f.code for f in early}
    assert "term.due_soon" in {f.code for f in check_dataset(DatasetContext.build(COMMUNITY))}


def test_compact_text_reads_back_the_same() -> None:
    compact = dumps_dataset(COMMUNITY, redact_personal=False, compact=True)
    assert compact.count("\n") == 1
    assert ", " not in compact.replace('", "', "")
    assert loads_dataset(compact) == COMMUNITY


# -- appointments and rotations ------------------------------------------------------------------


def _records_index(records: Any, section: str, **match: Any) -> int:
    for index, record in enumerate(getattr(records, section)):
        if all(getattr(record, key) == value for key, value in match.items()):
            return index
    raise AssertionError(match)  # pragma: no cover


def with_appointment(section: str, index: int, **changes: Any) -> Dataset:
    """The community sample with one record of ``appointments.<section>`` changed."""
    records = getattr(COMMUNITY.appointments, section)
    changed = attrs.evolve(records[index], **changes)
    appointments = attrs.evolve(
        COMMUNITY.appointments, **{section: (*records[:index], changed, *records[index + 1 :])}
    )
    return attrs.evolve(COMMUNITY, appointments=appointments)


def test_new_sections_are_optional_and_empty_by_default() -> None:
    dataset = Dataset(title="空", schema=COMMUNITY_FIVE_LEVEL)
    assert dataset.appointments == AppointmentRecords()
    assert dataset.appointment_rules == DEFAULT_APPOINTMENT_RULES
    assert dataset.duty_rotations == dataset.chair_rotations == ()
    assert dataset.rotation_rules == YONGCHUN_DUTY_RULES
    assert dataset.points == PointsRecords()
    assert dataset.points.catalogue == DEFAULT_CATALOGUE
    # A document written before the sections existed loads, with the sections empty.
    data = sample_data()
    for key in ("appointments", "duty_rotations", "chair_rotations", "points", "governance"):
        assert key in data
        del data[key]
    older = structure_dataset(data)
    assert older == attrs.evolve(
        COMMUNITY,
        appointments=AppointmentRecords(),
        duty_rotations=(),
        chair_rotations=(),
        points=PointsRecords(),
        governance=GovernanceRecords(),
    )
    ctx = DatasetContext.build(older)
    assert ctx.appointments.records() == AppointmentRecords()
    assert ctx.duty_rotations == ctx.chair_rotations == ()
    assert len(ctx.ledger) == 0
    assert {f.code for f in check_dataset(ctx)} == {
        "branch.below_minimum",
        "committee.not_allowed",
        "term.due_soon",
    }
    # ... and is written back without them.
    written = json.loads(dumps_dataset(older))
    assert "appointments" not in written
    assert "points" not in written


def test_rules_of_the_new_sections_round_trip_as_differences() -> None:
    dataset = attrs.evolve(
        COMMUNITY,
        appointment_rules=attrs.evolve(
            DEFAULT_APPOINTMENT_RULES, owners_committee_party_share_percent=70
        ),
        rotation_rules=RotationRules(min_term_months=1, max_term_months=2, source="本地规定"),
    )
    data = unstructure_dataset(dataset)
    assert data["appointment_rules"] == {"owners_committee_party_share_percent": 70}
    assert data["rotation_rules"] == {"max_term_months": 2, "source": "本地规定"}
    assert loads_dataset(dumps_dataset(dataset, redact_personal=False)) == dataset


def test_the_context_holds_every_aggregate() -> None:
    ctx = DatasetContext.build(COMMUNITY)
    assert set(ctx.appointments.records().appointments) == set(COMMUNITY.appointments.appointments)
    assert set(ctx.appointments.records().bodies) == set(COMMUNITY.appointments.bodies)
    assert [r.records() for r in ctx.duty_rotations] == list(COMMUNITY.duty_rotations)
    assert [r.records() for r in ctx.chair_rotations] == list(COMMUNITY.chair_rotations)
    assert ctx.appointments.tree is ctx.tree
    assert ctx.appointments.rules == COMMUNITY.appointment_rules
    assert ctx.duty_rotations[0].rules == COMMUNITY.rotation_rules


def _appointment_index(**match: Any) -> int:
    return _records_index(COMMUNITY.appointments, "appointments", **match)


@pytest.mark.parametrize(
    ("section", "match", "changes", "error_type", "rule"),
    [
        pytest.param(
            "appointments",
            {"person_id": "QS-P05", "post": PostKind.DIRECTOR},
            {"person_id": "QS-P99"},
            UnknownRecordError,
            "reference.exists",
            id="unknown-person",
        ),
        pytest.param(
            "appointments",
            {"person_id": "QS-P09", "post": PostKind.PART_TIME_MEMBER},
            {"person_id": "QS-P10"},
            RuleViolationError,
            "part_time.basis",
            id="part-time-basis-of-another",
        ),
        pytest.param(
            "bodies",
            {"id": "QS-LJ-OC"},
            {"territory_id": "QS-LJ-1"},
            RuleViolationError,
            "body.territory",
            id="body-territory",
        ),
        pytest.param(
            "contracts",
            {"compound_id": "QS-HY"},
            {"company_id": "QS-RC"},
            RuleViolationError,
            "contract.parties",
            id="contract",
        ),
        pytest.param(
            "evaluations",
            {"person_id": "QS-P14"},
            {"evaluator_id": "QS-P14"},
            NotAuthorisedError,
            "evaluation.no_self",
            id="self-evaluation",
        ),
    ],
)
def test_appointment_errors_name_the_record(
    section: str, match: dict[str, Any], changes: dict[str, Any], error_type: type, rule: str
) -> None:
    index = _records_index(COMMUNITY.appointments, section, **match)
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(with_appointment(section, index, **changes))
    error = caught.value
    assert error.path == f"$.appointments.{section}[{index}]"
    assert isinstance(error.error, error_type)
    assert error.rule == rule
    assert str(error).startswith(f"$.appointments.{section}[{index}]: ")


def test_a_duplicate_appointment_is_the_one_named() -> None:
    appointments = COMMUNITY.appointments.appointments
    copy = attrs.evolve(appointments[0], person_id="QS-P21")
    dataset = attrs.evolve(
        COMMUNITY,
        appointments=attrs.evolve(COMMUNITY.appointments, appointments=(*appointments, copy)),
    )
    with pytest.raises(DatasetRecordError, match="already exists") as caught:
        build_appointments(dataset, build_tree(dataset))
    assert caught.value.path == f"$.appointments.appointments[{len(appointments)}]"
    # The very same record twice: the second is named.
    twice = attrs.evolve(
        COMMUNITY,
        appointments=attrs.evolve(
            COMMUNITY.appointments, appointments=(*appointments[:3], appointments[1])
        ),
    )
    with pytest.raises(DatasetRecordError, match="already exists") as caught:
        build_appointments(twice, build_tree(twice))
    assert caught.value.path == "$.appointments.appointments[3]"


def rotation(dataset: Dataset, section: str, **changes: Any) -> Dataset:
    """``dataset`` with its first rotation of ``section`` changed."""
    first, *rest = getattr(dataset, section)
    return attrs.evolve(dataset, **{section: (attrs.evolve(first, **changes), *rest)})


DUTY = COMMUNITY.duty_rotations[0]
CHAIR = COMMUNITY.chair_rotations[0]


@pytest.mark.parametrize(
    ("section", "changes", "path", "rule"),
    [
        pytest.param(
            "duty_rotations",
            {"setup": attrs.evolve(DUTY.setup, term_months=4)},
            "$.duty_rotations[0]",
            "rotation.term_months",
            id="term-months",
        ),
        pytest.param(
            "duty_rotations",
            {"overrides": (attrs.evolve(DUTY.overrides[0], absent_id="QS-P31"),)},
            "$.duty_rotations[0].overrides[0]",
            "override.absent_holder",
            id="override",
        ),
        pytest.param(
            "duty_rotations",
            {"edits": (*DUTY.edits, attrs.evolve(DUTY.edits[0], effective_from="2026-01-01"))},
            "$.duty_rotations[0].edits[1]",
            "id.unique",
            id="duplicate-edit",
        ),
        pytest.param(
            "duty_rotations",
            {
                "eligibility": (
                    *DUTY.eligibility[:2],
                    attrs.evolve(DUTY.eligibility[2], person_id="QS-P77"),
                )
            },
            "$.duty_rotations[0]",
            "roster.known",
            id="order-without-eligibility",
        ),
        pytest.param(
            "duty_rotations",
            {
                "eligibility": (
                    *DUTY.eligibility,
                    attrs.evolve(DUTY.eligibility[0], person_id="QS-P77"),
                )
            },
            f"$.duty_rotations[0].eligibility[{len(DUTY.eligibility)}]",
            "reference.exists",
            id="unknown-person",
        ),
        pytest.param(
            "duty_rotations",
            {"setup": attrs.evolve(DUTY.setup, org_id="QS-NOPE")},
            "$.duty_rotations[0].setup.org_id",
            "reference.exists",
            id="unknown-org",
        ),
        pytest.param(
            "chair_rotations",
            {"meetings": (*CHAIR.meetings, CHAIR.meetings[0])},
            "$.chair_rotations[0]",
            "meeting.one_a_day",
            id="two-meetings-a-day",
        ),
        pytest.param(
            "chair_rotations",
            {"swaps": (attrs.evolve(CHAIR.swaps[0], first_person="QS-P31"),)},
            "$.chair_rotations[0].swaps[0]",
            "swap.holder",
            id="swap",
        ),
        pytest.param(
            "chair_rotations",
            {"setup": attrs.evolve(CHAIR.setup, org_id="QS-NOPE")},
            "$.chair_rotations[0].setup.org_id",
            "reference.exists",
            id="chair-org",
        ),
    ],
)
def test_rotation_errors_name_the_rotation_or_its_record(
    section: str, changes: dict[str, Any], path: str, rule: str
) -> None:
    with pytest.raises(DatasetRecordError) as caught:
        DatasetContext.build(rotation(COMMUNITY, section, **changes))
    assert caught.value.path == path
    assert caught.value.rule == rule
    assert isinstance(caught.value.error, NeighborhoodPBError)


def test_a_rotation_may_belong_to_a_body() -> None:
    dataset = rotation(
        COMMUNITY, "chair_rotations", setup=attrs.evolve(CHAIR.setup, org_id="QS-RC")
    )
    assert DatasetContext.build(dataset).chair_rotations[0].records().setup.org_id == "QS-RC"
    unowned = rotation(COMMUNITY, "duty_rotations", setup=attrs.evolve(DUTY.setup, org_id=None))
    assert DatasetContext.build(unowned).duty_rotations[0].records().setup.org_id is None
    # A duty rotation is not given the bodies: its org_id must be a party organisation.
    with pytest.raises(DatasetRecordError, match="no organisation QS-RC"):
        build_duty_rotations(
            rotation(COMMUNITY, "duty_rotations", setup=attrs.evolve(DUTY.setup, org_id="QS-RC")),
            build_tree(COMMUNITY),
        )


def test_appointment_checks_use_the_dataset_rules() -> None:
    ctx = DatasetContext.build(COMMUNITY)
    shares = [f for f in check_appointments(ctx) if f.code.endswith("party_share_below_target")]
    assert [f.subject for f in shares] == ["QS-HY-OC"]
    stricter = attrs.evolve(
        COMMUNITY,
        appointment_rules=attrs.evolve(
            DEFAULT_APPOINTMENT_RULES, owners_committee_party_share_percent=61
        ),
    )
    findings = check_dataset(DatasetContext.build(stricter))
    below = {f.subject for f in findings if f.code.endswith("party_share_below_target")}
    assert below == {"QS-HY-OC", "QS-LJ-OC"}  # 3 of 5 is 60 %, below 61 %


def test_appointment_errors_reach_the_dataset_findings() -> None:
    """The property manager of 丽景小区 made its supervision member: a conflict of interest."""
    manager = COMMUNITY.appointments.appointments[
        _appointment_index(post=PostKind.PROPERTY_MANAGER)
    ]
    index = _appointment_index(post=PostKind.PROPERTY_SUPERVISION_MEMBER)
    findings = check_dataset(
        DatasetContext.build(with_appointment("appointments", index, person_id=manager.person_id))
    )
    assert findings[0].severity is Severity.ERROR
    assert findings[0].code == "conflict.supervision_by_company_staff"


def test_rotation_checks_report_vacancies_and_unfair_turns() -> None:
    ctx = DatasetContext.build(COMMUNITY)
    assert check_rotations(ctx) == ()
    uncovered = rotation(COMMUNITY, "duty_rotations", overrides=())
    vacant = check_rotations(DatasetContext.build(uncovered))
    assert [(f.code, f.subject) for f in vacant] == [("rotation.vacant", "QS-GC-DUTY")]
    assert "2025-08-01" in vacant[0].message
    # Before the vacancy there is nothing to report yet.
    assert check_rotations(DatasetContext.build(uncovered, pendulum.Date(2025, 3, 1))) == ()
    # Cover one secretary's meeting instead of swapping: the turn goes to the substitute.
    cover = DutyOverride(
        id="O1",
        substitute_id="QS-P32",
        absent_id="QS-P33",
        period=Period(start=CHAIR.swaps[0].first_start, end=CHAIR.swaps[0].first_start.add(days=1)),
        reason="外出培训",
    )
    unfair = rotation(COMMUNITY, "chair_rotations", swaps=(), overrides=(cover,))
    assert [f.code for f in check_dataset(DatasetContext.build(unfair))].count(
        "rotation.unfair"
    ) == 1


def test_rotation_horizon() -> None:
    ctx = DatasetContext.build(COMMUNITY)
    duty, chair = ctx.duty_rotations[0], ctx.chair_rotations[0]
    # Duty: from the anchor to the end of the term after the one running on the day.
    assert rotation_horizon(duty, pendulum.Date(2026, 11, 1)) == Period(
        start="2025-01-01", end="2027-03-01"
    )
    assert rotation_horizon(duty, pendulum.Date(2024, 6, 1)) == duty.term_period(0)
    assert rotation_horizon(duty, pendulum.Date(2026, 11, 1), ahead=0) == Period(
        start="2025-01-01", end="2027-01-01"
    )
    # Chair: from the first meeting to the next meeting after the day (or the last one).
    first = chair.meetings()[0].day
    assert rotation_horizon(chair, pendulum.Date(2026, 11, 1)) == Period(
        start=first, end="2026-11-03"
    )
    assert rotation_horizon(chair, pendulum.Date(2030, 1, 1)) == Period(
        start=first, end="2026-12-02"
    )
    empty = ChairRotation(attrs.evolve(CHAIR, meetings=(), swaps=()))
    assert rotation_horizon(empty, pendulum.Date(2026, 11, 1)) is None


@given(data=st.data())
def test_rotation_horizon_holds_every_turn_so_far_and_the_turns_ahead(data: st.DataObject) -> None:
    ahead = data.draw(st.integers(min_value=0, max_value=3))
    day = data.draw(days())
    for rotation_ in (data.draw(duty_rotations()), data.draw(chair_rotations())):
        slots = rotation_.plan.slots
        horizon = rotation_horizon(rotation_, day, ahead=ahead)
        if slots.count == 0:
            assert horizon is None
            continue
        assert horizon is not None
        turns = [
            Period(start=slots.start(i), end=slots.end(i)) for i in range(min(slots.count, 400))
        ]
        inside = [t for t in turns if horizon.start <= t.start and t.end <= horizon.end]
        assert inside == turns[: len(inside)]
        assert inside[0] == turns[0]
        assert all(t in inside for t in turns if t.start <= day)
        later = [t for t in inside if t.start > day]
        expected = min(ahead, len([t for t in turns if t.start > day]))
        if len(later) == len(inside):  # nothing has started yet: the first turn is judged
            expected = max(expected, 1)
        assert len(later) == expected
