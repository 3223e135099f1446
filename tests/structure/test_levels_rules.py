"""Level schemas (validation, presets, navigation) and the organisation rules."""

import attrs
import pytest
from hypothesis import given

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.structure import (
    AREA_FOUR_LEVEL,
    COMMUNITY_FIVE_LEVEL,
    DEFAULT_RULES,
    RULE_SOURCES,
    RURAL_FIVE_IN_ONE,
    SCHEMA_PRESETS,
    STREET_GRID_FIVE_LEVEL,
    VILLAGE_THREE_LEVEL,
    Level,
    LevelSchema,
    OrgForm,
    OrgRules,
    TerritoryKind,
)
from neighborhood_pb.testing.structure import level_schemas, org_rules

F, K = OrgForm, TerritoryKind


def level(code: str, forms: set[OrgForm], kinds: set[TerritoryKind], **kw: bool) -> Level:
    return Level(code=code, label_zh=code, forms=forms, territory_kinds=kinds, **kw)


ROOT = level("root", {F.WORKING_COMMITTEE}, {K.STREET})
MID = level("mid", {F.BRANCH}, {K.COMMUNITY})
LEAF = level("leaf", {F.CONTACT_HOUSEHOLD}, {K.HOUSEHOLD})


def schema(*levels: Level) -> LevelSchema:
    return LevelSchema(code="s", label_zh="测试", levels=levels)


def rejected(*levels: Level) -> InvalidRecordError:
    with pytest.raises(InvalidRecordError) as info:
        schema(*levels)
    assert info.value.subject == "s"
    assert "schema s" in str(info.value)
    return info.value


def test_valid_custom_schema() -> None:
    custom = schema(ROOT, MID, LEAF)
    assert custom.depth == 3
    assert custom.people_tiers == ()
    assert [lv.code for lv in custom.levels] == ["root", "mid", "leaf"]


def test_schema_needs_levels() -> None:
    assert rejected().rule == "schema.non_empty"


def test_level_codes_are_unique() -> None:
    exc = rejected(ROOT, MID, attrs.evolve(MID, territory_kinds={K.GRID}))
    assert exc.rule == "schema.unique_codes"
    assert "'mid'" in str(exc)


def test_every_level_allows_a_form_and_covers_a_kind() -> None:
    assert rejected(ROOT, attrs.evolve(MID, forms=set())).rule == "schema.non_empty"
    assert rejected(ROOT, attrs.evolve(MID, territory_kinds=set())).rule == "schema.non_empty"


def test_contact_households_are_the_leaf_and_only_it() -> None:
    assert rejected(ROOT, LEAF, MID).rule == "schema.leaf"
    mixed = attrs.evolve(LEAF, forms={F.CONTACT_HOUSEHOLD, F.PARTY_GROUP})
    assert rejected(ROOT, MID, mixed).rule == "schema.leaf"
    assert schema(LEAF).depth == 1


def test_first_and_last_levels_are_not_optional() -> None:
    assert rejected(attrs.evolve(ROOT, optional=True), MID).rule == "schema.leaf"
    assert rejected(ROOT, attrs.evolve(MID, optional=True)).rule == "schema.leaf"
    assert schema(ROOT, attrs.evolve(MID, optional=True), LEAF).levels[1].optional


def test_working_committee_only_at_the_root() -> None:
    exc = rejected(MID, attrs.evolve(ROOT, code="wc", territory_kinds={K.GRID}))
    assert exc.rule == "schema.working_committee_root"
    assert schema(ROOT, MID).levels[0].forms == {F.WORKING_COMMITTEE}


def test_territory_never_grows_towards_the_leaves() -> None:
    exc = rejected(level("a", {F.COMMITTEE}, {K.COMMUNITY}), level("b", {F.BRANCH}, {K.STREET}))
    assert exc.rule == "schema.territory_order"
    overlap = rejected(
        level("a", {F.COMMITTEE}, {K.COMMUNITY, K.COMPOUND}),
        level("b", {F.BRANCH}, {K.GRID}),
    )
    assert overlap.rule == "schema.territory_order"
    equal = schema(level("a", {F.COMMITTEE}, {K.COMMUNITY}), level("b", {F.BRANCH}, {K.VILLAGE}))
    assert equal.depth == 2


def test_position_level_and_unknown_levels() -> None:
    custom = schema(ROOT, MID, LEAF)
    assert custom.position("leaf") == 2
    assert custom.level("mid") == MID
    with pytest.raises(InvalidRecordError) as info:
        custom.position("nowhere")
    assert info.value.rule == "schema.level"
    assert "'nowhere'" in str(info.value)


def test_may_parent_skips_only_optional_levels() -> None:
    optional = attrs.evolve(MID, optional=True)
    custom = schema(ROOT, optional, LEAF)
    assert custom.may_parent("root", "mid")
    assert custom.may_parent("root", "leaf")
    assert custom.may_parent("mid", "leaf")
    assert not custom.may_parent("leaf", "root")
    assert not custom.may_parent("mid", "mid")
    strict = schema(ROOT, MID, LEAF)
    assert not strict.may_parent("root", "leaf")


def test_schemas_compare_by_value() -> None:
    assert schema(ROOT, MID) == schema(ROOT, MID)
    assert hash(schema(ROOT, MID)) == hash(schema(ROOT, MID))
    assert schema(ROOT, MID) != schema(ROOT, LEAF)


@given(level_schemas())
def test_generated_custom_schemas_are_valid(custom: LevelSchema) -> None:
    assert custom == attrs.evolve(custom)
    assert all(custom.position(lv.code) == n for n, lv in enumerate(custom.levels))
    assert not any(lv.optional for lv in (custom.levels[0], custom.levels[-1]))


# -- presets -----------------------------------------------------------------------------------


def test_presets_are_indexed_by_code() -> None:
    assert set(SCHEMA_PRESETS) == {
        "community_five_level",
        "street_grid_five_level",
        "area_four_level",
        "rural_five_in_one",
        "village_three_level",
        "township_four_level",
        "industry_committee_three_level",
    }
    assert all(SCHEMA_PRESETS[code].code == code for code in SCHEMA_PRESETS)
    assert all(s.source for s in SCHEMA_PRESETS.values())


@pytest.mark.parametrize(
    ("preset", "labels"),
    [
        (
            COMMUNITY_FIVE_LEVEL,
            ["社区党工委", "社区大党委", "小区党支部", "楼栋党小组", "党群示范户"],
        ),
        (
            STREET_GRID_FIVE_LEVEL,
            ["街道党工委", "社区党总支", "网格党支部", "楼栋党小组", "党员中心户"],
        ),
        (AREA_FOUR_LEVEL, ["街道党(工)委", "社区党支部/总支/党委", "片区党支部", "党小组"]),
        (VILLAGE_THREE_LEVEL, ["村级党组织", "网格党支部(党小组)", "网点党员中心户"]),
        (RURAL_FIVE_IN_ONE, ["行政村党支部", "农村党支部", "党员中心户"]),
    ],
)
def test_preset_shapes(preset: LevelSchema, labels: list[str]) -> None:
    assert [lv.label_zh for lv in preset.levels] == labels
    assert "—".join(labels) in preset.label_zh


def test_rural_five_in_one_ends_with_people() -> None:
    assert RURAL_FIVE_IN_ONE.people_tiers == ("党员", "群众")
    assert RURAL_FIVE_IN_ONE.depth + len(RURAL_FIVE_IN_ONE.people_tiers) == 5


def test_building_groups_are_optional_in_the_five_level_trees() -> None:
    for preset in (COMMUNITY_FIVE_LEVEL, STREET_GRID_FIVE_LEVEL):
        assert preset.may_parent(preset.levels[2].code, preset.levels[4].code)
        assert not preset.may_parent(preset.levels[1].code, preset.levels[3].code)


# -- rules -------------------------------------------------------------------------------------


def test_default_rules_are_the_regulations_numbers() -> None:
    assert OrgRules() == DEFAULT_RULES
    assert (DEFAULT_RULES.branch_min_full_members, DEFAULT_RULES.branch_max_members) == (3, 50)
    assert DEFAULT_RULES.joint_branch_max_units == 5
    assert DEFAULT_RULES.committee_min_full_members == 7
    assert (
        DEFAULT_RULES.committee_min_seats,
        DEFAULT_RULES.committee_usual_max_seats,
        DEFAULT_RULES.committee_max_seats,
    ) == (3, 5, 7)
    assert (
        DEFAULT_RULES.general_branch_min_members,
        DEFAULT_RULES.grassroots_committee_min_members,
    ) == (50, 100)
    assert (DEFAULT_RULES.committee_term_years, DEFAULT_RULES.branch_term_years) == (5, 3)
    assert DEFAULT_RULES.community_term_years == 5
    assert DEFAULT_RULES.term_tolerance_years == 1


def test_every_rule_source_cites_a_regulation() -> None:
    assert all("《" in text or "人以上" in text for text in RULE_SOURCES.values())
    assert "3人以上" in RULE_SOURCES["branch_min_full_members"]


@pytest.mark.parametrize("field", [f.name for f in attrs.fields(OrgRules)])
def test_rules_refuse_negative_numbers(field: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        attrs.evolve(DEFAULT_RULES, **{field: -1})
    assert info.value.rule == "rules.non_negative"
    assert field in str(info.value)


@pytest.mark.parametrize(
    "seats",
    [
        {"committee_min_seats": 6},
        {"committee_usual_max_seats": 8},
        {"committee_max_seats": 4},
    ],
)
def test_committee_seats_must_be_ordered(seats: dict[str, int]) -> None:
    with pytest.raises(InvalidRecordError) as info:
        attrs.evolve(DEFAULT_RULES, **seats)
    assert info.value.rule == "rules.committee_size"


def test_general_branch_threshold_cannot_exceed_committee_threshold() -> None:
    with pytest.raises(InvalidRecordError) as info:
        attrs.evolve(DEFAULT_RULES, general_branch_min_members=101)
    assert info.value.rule == "rules.thresholds"
    equal = attrs.evolve(DEFAULT_RULES, general_branch_min_members=100)
    assert equal.general_branch_min_members == 100


@pytest.mark.parametrize(
    ("form", "kinds", "years"),
    [
        (F.WORKING_COMMITTEE, {K.COMMUNITY}, None),
        (F.PARTY_GROUP, {K.BUILDING}, None),
        (F.CONTACT_HOUSEHOLD, {K.HOUSEHOLD}, None),
        (F.TEMPORARY_BRANCH, {K.COMPOUND}, None),
        (F.BRANCH, {K.COMMUNITY}, 5),
        (F.GENERAL_BRANCH, {K.VILLAGE, K.COMMUNITY}, 5),
        (F.BRANCH, {K.GRID, K.COMPOUND}, 3),
        (F.JOINT_BRANCH, {K.COMPOUND}, 3),
        (F.COMPOUND_STYLE_BRANCH, {K.COMPOUND}, 3),
        (F.GENERAL_BRANCH, {K.AREA}, 3),
        (F.COMMITTEE, {K.STREET}, 5),
        (F.GRAND_COMMITTEE, {K.STREET}, 5),
    ],
)
def test_term_years(form: OrgForm, kinds: set[TerritoryKind], years: int | None) -> None:
    assert DEFAULT_RULES.term_years(form, frozenset(kinds)) == years


def test_term_years_follow_the_configured_numbers() -> None:
    rules = attrs.evolve(
        DEFAULT_RULES, committee_term_years=4, branch_term_years=2, community_term_years=6
    )
    assert rules.term_years(F.COMMITTEE, frozenset({K.STREET})) == 4
    assert rules.term_years(F.BRANCH, frozenset({K.GRID})) == 2
    assert rules.term_years(F.BRANCH, frozenset({K.VILLAGE})) == 6


@given(org_rules())
def test_generated_rules_are_valid(rules: OrgRules) -> None:
    assert rules.committee_min_seats <= rules.committee_usual_max_seats <= rules.committee_max_seats
    assert rules == attrs.evolve(rules)
