"""Level schemas (组织层级): which forms may sit at each level of a tree and what they cover.

A schema is data. The presets reproduce the trees described in the sources; an application
may define its own, which is validated on construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.structure.forms import OrgForm
from neighborhood_pb.structure.territory import TerritoryKind

__all__ = [
    "AREA_FOUR_LEVEL",
    "COMMUNITY_FIVE_LEVEL",
    "INDUSTRY_COMMITTEE_THREE_LEVEL",
    "RURAL_FIVE_IN_ONE",
    "SCHEMA_PRESETS",
    "STREET_GRID_FIVE_LEVEL",
    "TOWNSHIP_FOUR_LEVEL",
    "VILLAGE_THREE_LEVEL",
    "Level",
    "LevelSchema",
]


def _forms(value: Iterable[OrgForm]) -> frozenset[OrgForm]:
    return frozenset(value)


def _kinds(value: Iterable[TerritoryKind]) -> frozenset[TerritoryKind]:
    return frozenset(value)


def _levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Level:
    """One level of an organisation tree.

    Attributes:
        code: Identifier unique within the schema (e.g. ``compound``).
        label_zh: Chinese label (e.g. "小区党支部").
        forms: Forms an organisation at this level may take.
        territory_kinds: Kinds of territory an organisation at this level may cover.
        optional: Whether a tree may skip this level (a child then hangs on a higher level).
    """

    code: str
    label_zh: str
    forms: frozenset[OrgForm] = attrs.field(converter=_forms)
    territory_kinds: frozenset[TerritoryKind] = attrs.field(converter=_kinds)
    optional: bool = False


def _fail(schema_code: str, message: str, rule: str) -> InvalidRecordError:
    return InvalidRecordError(f"schema {schema_code}: {message}", subject=schema_code, rule=rule)


@attrs.frozen(kw_only=True)
class LevelSchema:
    """An ordered list of levels, root first.

    Attributes:
        code: Identifier of the schema.
        label_zh: Chinese description (e.g. "社区党工委—社区大党委—…—党群示范户").
        levels: The levels, root first.
        people_tiers: Tiers below the last organisation level that are people rather than
            organisations (the rural "five in one" counts 党员 and 群众 as its last tiers).
        source: Where the shape comes from.
    """

    code: str
    label_zh: str
    levels: tuple[Level, ...] = attrs.field(converter=_levels)
    people_tiers: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    source: str = ""
    _index: Mapping[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.levels:
            raise _fail(self.code, "has no levels", "schema.non_empty")
        index: dict[str, int] = {}
        for position, level in enumerate(self.levels):
            if level.code in index:
                raise _fail(self.code, f"level code {level.code!r} repeats", "schema.unique_codes")
            index[level.code] = position
            if not level.forms:
                raise _fail(self.code, f"level {level.code} allows no form", "schema.non_empty")
            if not level.territory_kinds:
                raise _fail(
                    self.code, f"level {level.code} covers no territory kind", "schema.non_empty"
                )
            if OrgForm.CONTACT_HOUSEHOLD in level.forms and (
                position != len(self.levels) - 1 or len(level.forms) != 1
            ):
                raise _fail(
                    self.code,
                    f"level {level.code}: contact households are the leaf level and only it",
                    "schema.leaf",
                )
            if OrgForm.WORKING_COMMITTEE in level.forms and position != 0:
                raise _fail(
                    self.code,
                    f"level {level.code}: a working committee (党工委) can only be the root",
                    "schema.working_committee_root",
                )
        if self.levels[0].optional or self.levels[-1].optional:
            raise _fail(self.code, "the first and last levels cannot be optional", "schema.leaf")
        for upper, lower in zip(self.levels, self.levels[1:], strict=False):
            if max(k.rank for k in upper.territory_kinds) > min(
                k.rank for k in lower.territory_kinds
            ):
                raise _fail(
                    self.code,
                    f"level {lower.code} covers larger territory than {upper.code} above it",
                    "schema.territory_order",
                )
        object.__setattr__(self, "_index", index)

    def position(self, level_code: str) -> int:
        """Index of a level, 0 for the root.

        Raises:
            InvalidRecordError: the schema has no such level.
        """
        try:
            return self._index[level_code]
        except KeyError:
            raise _fail(self.code, f"has no level {level_code!r}", "schema.level") from None

    def level(self, level_code: str) -> Level:
        """The level named ``level_code``."""
        return self.levels[self.position(level_code)]

    def may_parent(self, parent_level: str, child_level: str) -> bool:
        """Whether an org at ``child_level`` may hang directly under one at ``parent_level``.

        The child must be below the parent and every level skipped in between optional.
        """
        upper, lower = self.position(parent_level), self.position(child_level)
        return upper < lower and all(level.optional for level in self.levels[upper + 1 : lower])

    @property
    def depth(self) -> int:
        """Number of organisation levels."""
        return len(self.levels)


_F = OrgForm
_T = TerritoryKind

COMMUNITY_FIVE_LEVEL = LevelSchema(
    code="community_five_level",
    label_zh="社区党工委—社区大党委—小区党支部—楼栋党小组—党群示范户",
    source="通化县近邻党建: 五级组织体系",
    levels=(
        Level(
            code="community_working_committee",
            label_zh="社区党工委",
            forms={_F.WORKING_COMMITTEE},
            territory_kinds={_T.COMMUNITY},
        ),
        Level(
            code="community_grand_committee",
            label_zh="社区大党委",
            forms={_F.GRAND_COMMITTEE, _F.COMMITTEE, _F.GENERAL_BRANCH},
            territory_kinds={_T.COMMUNITY},
        ),
        Level(
            code="compound_branch",
            label_zh="小区党支部",
            forms={
                _F.BRANCH,
                _F.JOINT_BRANCH,
                _F.COMPOUND_STYLE_BRANCH,
                _F.GENERAL_BRANCH,
                _F.TEMPORARY_BRANCH,
            },
            territory_kinds={_T.COMPOUND},
        ),
        Level(
            code="building_group",
            label_zh="楼栋党小组",
            forms={_F.PARTY_GROUP},
            territory_kinds={_T.BUILDING},
            optional=True,
        ),
        Level(
            code="model_household",
            label_zh="党群示范户",
            forms={_F.CONTACT_HOUSEHOLD},
            territory_kinds={_T.HOUSEHOLD},
        ),
    ),
)

STREET_GRID_FIVE_LEVEL = LevelSchema(
    code="street_grid_five_level",
    label_zh="街道党工委—社区党总支—网格党支部—楼栋党小组—党员中心户",
    source="盐城市城市基层党建: 五级组织体系",
    levels=(
        Level(
            code="street_working_committee",
            label_zh="街道党工委",
            forms={_F.WORKING_COMMITTEE},
            territory_kinds={_T.STREET},
        ),
        Level(
            code="community_general_branch",
            label_zh="社区党总支",
            forms={_F.GENERAL_BRANCH, _F.COMMITTEE, _F.GRAND_COMMITTEE, _F.BRANCH},
            territory_kinds={_T.COMMUNITY},
        ),
        Level(
            code="grid_branch",
            label_zh="网格党支部",
            forms={_F.BRANCH, _F.JOINT_BRANCH, _F.COMPOUND_STYLE_BRANCH, _F.TEMPORARY_BRANCH},
            territory_kinds={_T.GRID, _T.COMPOUND},
        ),
        Level(
            code="building_group",
            label_zh="楼栋党小组",
            forms={_F.PARTY_GROUP},
            territory_kinds={_T.BUILDING},
            optional=True,
        ),
        Level(
            code="central_household",
            label_zh="党员中心户",
            forms={_F.CONTACT_HOUSEHOLD},
            territory_kinds={_T.HOUSEHOLD},
        ),
    ),
)

AREA_FOUR_LEVEL = LevelSchema(
    code="area_four_level",
    label_zh="街道党(工)委—社区党支部/总支/党委—片区党支部—党小组",
    source="城市安置区党建: 四级组织体系",
    levels=(
        Level(
            code="street_committee",
            label_zh="街道党(工)委",
            forms={_F.WORKING_COMMITTEE, _F.COMMITTEE},
            territory_kinds={_T.STREET},
        ),
        Level(
            code="community_org",
            label_zh="社区党支部/总支/党委",
            forms={_F.BRANCH, _F.GENERAL_BRANCH, _F.COMMITTEE},
            territory_kinds={_T.COMMUNITY},
        ),
        Level(
            code="area_branch",
            label_zh="片区党支部",
            forms={_F.BRANCH, _F.JOINT_BRANCH, _F.COMPOUND_STYLE_BRANCH},
            territory_kinds={_T.AREA, _T.GRID, _T.COMPOUND},
        ),
        Level(
            code="party_group",
            label_zh="党小组",
            forms={_F.PARTY_GROUP},
            territory_kinds={_T.COMPOUND, _T.BUILDING, _T.UNIT},
        ),
    ),
)

RURAL_FIVE_IN_ONE = LevelSchema(
    code="rural_five_in_one",
    label_zh="行政村党支部—农村党支部—党员中心户—党员—群众",
    source="农村“五位一体”党建",
    people_tiers=("党员", "群众"),
    levels=(
        Level(
            code="village_org",
            label_zh="行政村党支部",
            forms={_F.BRANCH, _F.GENERAL_BRANCH, _F.COMMITTEE},
            territory_kinds={_T.VILLAGE, _T.COMMUNITY},
        ),
        Level(
            code="rural_branch",
            label_zh="农村党支部",
            forms={_F.BRANCH, _F.JOINT_BRANCH},
            territory_kinds={_T.AREA, _T.GRID},
        ),
        Level(
            code="central_household",
            label_zh="党员中心户",
            forms={_F.CONTACT_HOUSEHOLD},
            territory_kinds={_T.HOUSEHOLD},
        ),
    ),
)

VILLAGE_THREE_LEVEL = LevelSchema(
    code="village_three_level",
    label_zh="村级党组织—网格党支部(党小组)—网点党员中心户",
    source="惠安县近邻党建: 三级组织体系",
    levels=(
        Level(
            code="village_org",
            label_zh="村级党组织",
            forms={_F.BRANCH, _F.GENERAL_BRANCH, _F.COMMITTEE},
            territory_kinds={_T.VILLAGE, _T.COMMUNITY},
        ),
        Level(
            code="grid_branch",
            label_zh="网格党支部(党小组)",
            forms={_F.BRANCH, _F.JOINT_BRANCH, _F.PARTY_GROUP},
            territory_kinds={_T.GRID, _T.COMPOUND},
        ),
        Level(
            code="central_household",
            label_zh="网点党员中心户",
            forms={_F.CONTACT_HOUSEHOLD},
            territory_kinds={_T.HOUSEHOLD},
        ),
    ),
)

TOWNSHIP_FOUR_LEVEL = LevelSchema(
    code="township_four_level",
    label_zh="乡镇党委—村(社区)党组织—网格党支部(党小组)—党员中心户",
    source="永春县近邻党建: 由所在乡镇党委、社区党组织进行综合评价 (乡镇党委 above villages "
    "and communities, a 镇 like 五里街镇 or a street of the county town); 农民集中居住区党建: "
    "村与居的联合党组织",
    levels=(
        Level(
            code="township_committee",
            label_zh="乡镇党委",
            forms={_F.COMMITTEE},
            territory_kinds={_T.TOWNSHIP, _T.STREET},
        ),
        Level(
            code="village_org",
            label_zh="村(社区)党组织",
            forms={_F.COMMITTEE, _F.GENERAL_BRANCH, _F.BRANCH, _F.JOINT_BRANCH},
            territory_kinds={_T.VILLAGE, _T.COMMUNITY},
        ),
        Level(
            code="grid_branch",
            label_zh="网格党支部(党小组)",
            forms={
                _F.BRANCH,
                _F.JOINT_BRANCH,
                _F.COMPOUND_STYLE_BRANCH,
                _F.TEMPORARY_BRANCH,
                _F.PARTY_GROUP,
            },
            territory_kinds={_T.GRID, _T.COMPOUND},
            optional=True,
        ),
        Level(
            code="central_household",
            label_zh="党员中心户",
            forms={_F.CONTACT_HOUSEHOLD},
            territory_kinds={_T.HOUSEHOLD},
        ),
    ),
)

INDUSTRY_COMMITTEE_THREE_LEVEL = LevelSchema(
    code="industry_committee_three_level",
    label_zh="行业党委/综合党委—企业(小区)党支部—党小组",
    source="安溪县近邻党建: 物业行业党委领导物业服务企业和小区党支部",
    levels=(
        Level(
            code="industry_committee",
            label_zh="行业党委/综合党委",
            forms={_F.INDUSTRY_COMMITTEE, _F.COMPREHENSIVE_COMMITTEE},
            territory_kinds={_T.STREET, _T.TOWNSHIP},
        ),
        Level(
            code="enterprise_branch",
            label_zh="企业(小区)党支部",
            forms={
                _F.BRANCH,
                _F.JOINT_BRANCH,
                _F.GENERAL_BRANCH,
                _F.COMPOUND_STYLE_BRANCH,
                _F.TEMPORARY_BRANCH,
            },
            territory_kinds={_T.COMMUNITY, _T.GRID, _T.COMPOUND},
        ),
        Level(
            code="party_group",
            label_zh="党小组",
            forms={_F.PARTY_GROUP},
            territory_kinds={_T.COMPOUND, _T.BUILDING},
        ),
    ),
)

SCHEMA_PRESETS: Mapping[str, LevelSchema] = {
    schema.code: schema
    for schema in (
        COMMUNITY_FIVE_LEVEL,
        STREET_GRID_FIVE_LEVEL,
        AREA_FOUR_LEVEL,
        RURAL_FIVE_IN_ONE,
        VILLAGE_THREE_LEVEL,
        TOWNSHIP_FOUR_LEVEL,
        INDUSTRY_COMMITTEE_THREE_LEVEL,
    )
}
"""Every preset schema by its code."""
