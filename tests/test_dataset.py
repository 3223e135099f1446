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
    OrgForm,
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
    _locate,
    build_tree,
    check_dataset,
    resolve_as_of,
)
from neighborhood_pb.samples import load_sample, sample_text
from neighborhood_pb.serde import (
    dumps_dataset,
    load_dataset,
    loads_dataset,
    parse_json,
    structure_dataset,
    unstructure_dataset,
)

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
    """Whatever value replaces whatever part of a sample, reading and building raise only our
    errors, and a structuring error's path leads to a real place in the document."""
    data = sample_data()
    target = data
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    try:
        build_tree(structure_dataset(data))
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
    assert _locate(COMMUNITY.schema, COMMUNITY.structure, foreign) == "$.structure"
    index = _index("memberships", id="QS-M012")
    dataset = broken("memberships", index, person_id="QS-P01")
    assert _locate(dataset.schema, dataset.structure, foreign) == "$.structure"


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
