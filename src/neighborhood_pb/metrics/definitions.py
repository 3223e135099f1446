"""The metric catalogue (指标目录): what each published figure means and where it comes from.

Every metric has a stable id, a Chinese label, a definition and its source. A metric is a
share (:class:`~neighborhood_pb.ratio.Ratio`, never above 100 %) or an average
(:class:`~neighborhood_pb.ratio.Average`). Targets are configurable thresholds that produce
findings; only targets a source states are set by default.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction

import attrs

from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.errors.source import Source
from neighborhood_pb.metrics.definitions_zh import DESCRIPTIONS_ZH, SOURCES_ZH

__all__ = [
    "CATALOGUE",
    "DEFAULT_TARGETS",
    "MetricDefinition",
    "MetricInput",
    "MetricKind",
    "metric",
]


class MetricKind(enum.Enum):
    """Whether a metric is a share of a whole, an average per unit or a median value.

    A median is carried as an exact pair too (an :class:`~neighborhood_pb.ratio.Average`):
    the middle value over 1, or the two middle values' sum over 2; it rolls up from the
    values of a scope's parts, never from its parts' medians.
    """

    SHARE = "share"
    AVERAGE = "average"
    MEDIAN = "median"

    @property
    def label_zh(self) -> str:
        """Chinese name (占比、平均数、中位数)."""
        return {
            MetricKind.SHARE: "占比",
            MetricKind.AVERAGE: "平均数",
            MetricKind.MEDIAN: "中位数",
        }[self]


class MetricInput(enum.StrEnum):
    """The aggregate a metric reads (指标数据来源); without it the metric is ``n/a``."""

    STRUCTURE = "structure"
    APPOINTMENTS = "appointments"
    ROTATIONS = "rotations"
    POINTS = "points"
    LINKS = "links"
    GOVERNANCE = "governance"
    COBUILD = "cobuild"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return _INPUT_LABELS[self]


_INPUT_LABELS = {
    MetricInput.STRUCTURE: "组织架构",
    MetricInput.APPOINTMENTS: "交叉任职",
    MetricInput.ROTATIONS: "轮值安排",
    MetricInput.POINTS: "积分台账",
    MetricInput.LINKS: "联户关系",
    MetricInput.GOVERNANCE: "议事记录",
    MetricInput.COBUILD: "四项清单与共建",
}


@attrs.frozen(kw_only=True)
class MetricDefinition:
    """One metric of the catalogue.

    Attributes:
        id: Stable identifier, e.g. ``compound_org_coverage``.
        label_zh: Chinese label as published, e.g. "小区党组织覆盖率".
        label: English label.
        kind: Share or average.
        numerator: What is counted above the line.
        denominator: What is counted below it.
        source: Where the figure is published, with the sources' value if any.
        requires: Which input the metric needs (a plain string is read as a
            :class:`MetricInput`); without it the metric is not applicable.
        numerator_zh: What is counted above the line, in Chinese (分子口径).
        denominator_zh: What is counted below it, in Chinese (分母口径).
        source_zh: The source note in Chinese where ``source`` holds English ("": the note
            already reads as Chinese).
    """

    id: str
    label_zh: str
    label: str
    numerator: str
    denominator: str
    source: str
    kind: MetricKind = MetricKind.SHARE
    requires: MetricInput = attrs.field(default=MetricInput.STRUCTURE, converter=MetricInput)
    numerator_zh: str = ""
    denominator_zh: str = ""
    source_zh: str = ""

    def numerator_in(self, lang: str) -> str:
        """What the numerator counts, for readers of ``lang`` (``zh`` or ``en``); the English
        when no Chinese is given."""
        return self.numerator_zh or self.numerator if lang == "zh" else self.numerator

    def denominator_in(self, lang: str) -> str:
        """What the denominator counts, for readers of ``lang``."""
        return self.denominator_zh or self.denominator if lang == "zh" else self.denominator

    def source_in(self, lang: str) -> str:
        """The source note, for readers of ``lang``."""
        return self.source_zh or self.source if lang == "zh" else self.source

    @property
    def rule_source(self) -> Source:
        """The source the metric's findings cite (依据), in both languages."""
        return Source(note_zh=self.source_in("zh"), note_en=self.source)


def _in_chinese(definitions: tuple[MetricDefinition, ...]) -> tuple[MetricDefinition, ...]:
    """The definitions with their Chinese texts from :mod:`.definitions_zh`."""
    return tuple(
        attrs.evolve(
            definition,
            numerator_zh=DESCRIPTIONS_ZH.get(definition.id, ("", ""))[0],
            denominator_zh=DESCRIPTIONS_ZH.get(definition.id, ("", ""))[1],
            source_zh=SOURCES_ZH.get(definition.id, ""),
        )
        for definition in definitions
    )


_YANCHENG = "盐城市: 吸纳1360名驻区单位党组织书记担任兼职委员"
_004 = "004: 六议三公开 (2022)"
_YONGCHUN_DAY = "永春县: 每月第一个工作日议事日, 提议—商议—践议—议评"
_YONGCHUN = "永春县: 选聘在职党员担任社区党委、网格党支部兼职委员"

_COBUILD_YEAR = "in the twelve months ending on the day"
COBUILD_CATALOGUE: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        id="needs_met_rate",
        label_zh="群众需求办结率",
        label="Needs met",
        numerator=f"needs raised {_COBUILD_YEAR} that are met (已办结) on the day",
        denominator=f"needs raised {_COBUILD_YEAR}",
        source="通化县: 问卷调查→诉求台账, “四项清单”公示; 盐城市: 需求清单",
        requires=MetricInput.COBUILD,
    ),
    MetricDefinition(
        id="resource_utilisation",
        label_zh="资源对接率",
        label="Resources committed to a project",
        numerator="resources offered on the day (funds apart) that a project started by the "
        "day has committed",
        denominator="resources offered on the day (funds apart)",
        source="盐城市: 资源清单、需求清单、项目清单推动共驻共建",
        requires=MetricInput.COBUILD,
    ),
    MetricDefinition(
        id="fund_execution",
        label_zh="服务资金执行率",
        label="Service funds executed",
        numerator="fen spent by the day by the projects a fund offered on the day pays for, "
        "each up to its budget (spending above it is a finding, cobuild.project_over_budget)",
        denominator="the budgets in fen of those projects started by the day",
        source="盐城市: 每个社区每年20万元服务群众专项经费",
        requires=MetricInput.COBUILD,
    ),
    MetricDefinition(
        id="need_to_project_median_days",
        label_zh="需求转化项目天数中位数",
        label="Median days from a need to its project",
        kind=MetricKind.MEDIAN,
        numerator=f"days from each need raised {_COBUILD_YEAR} to the start of the first "
        "project answering it, started by the day (the median of those days)",
        denominator="1, or 2 when the count is even (the two middle values are summed)",
        source="盐城市: 需求清单→项目清单; 通化县: 诉求台账按季度梳理",
        requires=MetricInput.COBUILD,
    ),
    MetricDefinition(
        id="alliance_unit_coverage",
        label_zh="驻区单位入盟率",
        label="Resident units in a party-building alliance",
        numerator="resident units (驻区单位) existing on the day that are members of an alliance "
        "on the day",
        denominator="resident units existing on the day",
        source="通化县: 8个党建联盟, 112家驻区单位",
        requires=MetricInput.COBUILD,
    ),
    MetricDefinition(
        id="pairing_coverage",
        label_zh="困难家庭结对帮扶率",
        label="Households in hardship paired with a unit",
        numerator="households in hardship on the day that a unit is paired with on the day",
        denominator="households registered in hardship on the day",
        source="盐城市: 104家市级机关单位结对帮扶688户困难家庭",
        requires=MetricInput.COBUILD,
    ),
)
COBUILD_CATALOGUE = _in_chinese(COBUILD_CATALOGUE)
"""The co-building metrics (四项清单、共驻共建), at the end of :data:`CATALOGUE`."""

CATALOGUE: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        id="compound_org_coverage",
        label_zh="小区党组织覆盖率",
        label="Compound party-organisation coverage",
        numerator="compounds covered on the day by a branch (党支部: grid, compound, joint or "
        "compound-style), directly or over the grid they lie in",
        denominator="compounds existing on the day",
        source="惠安县: 39个党支部覆盖78个小区, 覆盖率92.9% (78/84); 支部建在网格: a "
        "branch over a grid covers its compounds (MetricSettings)",
    ),
    MetricDefinition(
        id="building_group_coverage",
        label_zh="楼栋党小组覆盖率",
        label="Building party-group coverage",
        numerator="buildings covered by a party group (楼栋党小组)",
        denominator="buildings existing on the day",
        source="通化县: 319个楼栋党小组",
    ),
    MetricDefinition(
        id="grid_branch_coverage",
        label_zh="网格党支部覆盖率",
        label="Grid branch coverage",
        numerator="grids covered by a branch (支部建在网格)",
        denominator="grids existing on the day",
        source="惠安县: 支部建在网格; 盐城市: 1.1万个网格",
    ),
    MetricDefinition(
        id="central_household_ratio",
        label_zh="党员中心户户均联系户数",
        label="Households per central household",
        kind=MetricKind.AVERAGE,
        numerator="households (declared counts, or household records)",
        denominator="model / central households (党群示范户 / 党员中心户) on the day",
        source="盐城市: 55.2万户, 4305个党员中心户",
    ),
    MetricDefinition(
        id="report_rate",
        label_zh="在职党员报到率",
        label="In-service member report rate",
        numerator="in-service party members counted below with a report in effect",
        denominator="in-service party members living in the area; one without a household "
        "record in effect counts in the community reported to, else in the total, and is "
        "named by a finding",
        source="永春县: 在职党员报到率100%",
    ),
    MetricDefinition(
        id="building_head_coverage",
        label_zh="党员楼栋长覆盖率",
        label="Party-member building head coverage",
        numerator="buildings with a building head (楼栋长) who is a party member",
        denominator="buildings existing on the day",
        source="安溪县: 693名党员楼栋长, 一栋一名",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="owners_committee_party_share",
        label_zh="业委会党员比例",
        label="Party members in owners' committees",
        numerator="party members holding a post in an owners' committee (each person once per "
        "committee)",
        denominator="people holding a post in an owners' committee",
        source="通化县: 新组建或换届的15个业委会中党员占比60%",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="owners_committee_party_org_coverage",
        label_zh="业委会党组织覆盖率",
        label="Owners' committees with a party organisation",
        numerator="owners' committees with a party organisation in them or over their compound",
        denominator="owners' committees existing on the day",
        source="通化县: 28个业委会党组织",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="cross_appointment_rate",
        label_zh="交叉任职率",
        label="Cross-appointment rate",
        numerator="compounds where someone holds both a party post and an owners' committee or "
        "property-company post (双向进入、交叉任职)",
        denominator="compounds with an owners' committee and a party organisation serving them",
        source="惠安县、安溪县: 双向进入、交叉任职",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="part_time_members_per_street_committee",
        label_zh="街道大工委兼职委员平均数",
        label="Part-time members per street working committee",
        kind=MetricKind.AVERAGE,
        numerator="part-time members (兼职委员) of street working committees, each person once "
        "per committee",
        denominator="street working committees with part-time members",
        source=f"{_YANCHENG}: 街道兼职委员平均9名",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="part_time_members_per_community_committee",
        label_zh="社区大党委兼职委员平均数",
        label="Part-time members per community committee",
        kind=MetricKind.AVERAGE,
        numerator="part-time members of community committees, each person once per committee",
        denominator="community committees with part-time members",
        source=f"{_YANCHENG}: 社区平均4名; {_YONGCHUN}: 95名进24个社区党委",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="part_time_members_per_grid_branch",
        label_zh="网格大支部兼职委员平均数",
        label="Part-time members per grid branch",
        kind=MetricKind.AVERAGE,
        numerator="part-time members of grid branches, each person once per branch",
        denominator="grid branches with part-time members",
        source=f"{_YONGCHUN}: 213名进67个网格党支部",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="part_time_members_per_committee",
        label_zh="兼职委员平均数（各层合计）",
        label="Part-time members per committee, all tiers pooled",
        kind=MetricKind.AVERAGE,
        numerator="part-time committee members (兼职委员) of every tier, each person once per "
        "committee",
        denominator="committees of every tier with part-time members",
        source="library default: the sources print the figure per tier (街道、社区、网格), "
        "see the three metrics above; this pools them",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="two_new_org_coverage",
        label_zh="“两新”组织党组织覆盖率",
        label="Two-new organisations with a party organisation",
        numerator="two-new organisations with a party organisation of their own",
        denominator="two-new organisations (property companies and social organisations)",
        source="两个覆盖: 党的组织覆盖",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="two_new_work_coverage",
        label_zh="“两新”组织党的工作覆盖率",
        label="Two-new organisations reached by party work",
        numerator="two-new organisations with a party organisation or a party member in a post",
        denominator="two-new organisations (property companies and social organisations)",
        source="两个覆盖: 党的工作覆盖",
        requires=MetricInput.APPOINTMENTS,
    ),
    MetricDefinition(
        id="duty_coverage",
        label_zh="轮值家长在岗率",
        label="Days with a duty head",
        numerator="days of the as-of day's month with someone on duty, per rotation",
        denominator="days of that month from the rotation's first term on, per rotation "
        "(n/a before any rotation starts)",
        source="永春县: 兼职委员轮流担任“轮值家长”, 每期1至3个月",
        requires=MetricInput.ROTATIONS,
    ),
    MetricDefinition(
        id="household_link_coverage",
        label_zh="群众覆盖率",
        label="Households linked to a member (1+10)",
        numerator="household records linked to a party member on the day",
        denominator="household records existing on the day",
        source="永春县: 每名在职党员就近联系至少10户群众, 群众覆盖率100%",
        requires=MetricInput.LINKS,
    ),
    MetricDefinition(
        id="quarterly_report_compliance",
        label_zh="在职党员季度报到服务率",
        label="Reported members serving each quarter",
        numerator="in-service members reported throughout the last completed quarter with an "
        "approved service in it",
        denominator="in-service members reported throughout that quarter",
        source="永春县: 每季度至少参加一次报到服务",
        requires=MetricInput.POINTS,
    ),
    MetricDefinition(
        id="points_participation",
        label_zh="积分参与率",
        label="Points participation",
        numerator="reported in-service members with an approved service this year to date",
        denominator="in-service members with a report in effect on the day",
        source="永春县: 积分管理, 平台发布、签到、审核积分、实时通报",
        requires=MetricInput.POINTS,
    ),
    MetricDefinition(
        id="deliberation_adoption_rate",
        label_zh="议题采纳率",
        label="Suggestions adopted",
        numerator="suggestions (matters) raised in the twelve months ending on the day that "
        "a step after the proposal adopted by the day, none refusing them",
        denominator="suggestions (matters) raised in the twelve months ending on the day",
        source=f"{_004}: 采纳建议30余条; {_YONGCHUN_DAY}: 收集意见建议500余条, 实施项目137个",
        requires=MetricInput.GOVERNANCE,
    ),
    MetricDefinition(
        id="deliberation_on_time_rate",
        label_zh="议事按时办结率",
        label="Matters closed with every step on time",
        numerator="matters closed in the twelve months ending on the day whose every step "
        "met its deadline",
        denominator="matters closed in the twelve months ending on the day",
        source=f"{_YONGCHUN_DAY}; deadlines per procedure (议事规程)",
        requires=MetricInput.GOVERNANCE,
    ),
    MetricDefinition(
        id="deliberation_publication_compliance",
        label_zh="议事公开合规率",
        label="Closed matters with every publication",
        numerator="matters closed in the twelve months ending on the day with every "
        "publication their steps require, each up for its minimum days",
        denominator="matters closed in the twelve months ending on the day",
        source="通化县: 三议一审两公开, 过程和结果向全体业主公开; 004: 六议三公开",
        requires=MetricInput.GOVERNANCE,
    ),
    MetricDefinition(
        id="resident_satisfaction",
        label_zh="居民评议满意率",
        label="Residents satisfied with matters",
        numerator="ratings given in the twelve months ending on the day that are satisfied",
        denominator="ratings given in the twelve months ending on the day (one per resident "
        "per matter)",
        source=f"{_004}: 项目服务谁、谁评价项目; {_YONGCHUN_DAY}: 议评",
        requires=MetricInput.GOVERNANCE,
    ),
    MetricDefinition(
        id="deliberation_suggestions_per_community",
        label_zh="社区年度议题数",
        label="Suggestions per community",
        kind=MetricKind.AVERAGE,
        numerator="suggestions (matters) raised in the twelve months ending on the day",
        denominator="communities (a community's figure is its own count)",
        source=f"{_YONGCHUN_DAY}: 收集意见建议500余条",
        requires=MetricInput.GOVERNANCE,
    ),
    MetricDefinition(
        id="deliberation_matters_per_community",
        label_zh="社区年度采纳议题数",
        label="Adopted matters per community",
        kind=MetricKind.AVERAGE,
        numerator="suggestions raised in the twelve months ending on the day and adopted "
        "(议事项目)",
        denominator="communities (a community's figure is its own count)",
        source=f"{_004}: 采纳建议30余条; {_YONGCHUN_DAY}: 实施项目137个",
        requires=MetricInput.GOVERNANCE,
    ),
    MetricDefinition(
        id="deliberation_meetings_per_community",
        label_zh="社区年度议事会议数",
        label="Deliberation meetings per community",
        kind=MetricKind.AVERAGE,
        numerator="meetings held in the twelve months ending on the day, each counted in "
        "every community whose matter it resolved on",
        denominator="communities (a community's figure is its own count)",
        source=f"{_004}: 开展议事13次; {_YONGCHUN_DAY}: 召开分析会45场",
        requires=MetricInput.GOVERNANCE,
    ),
    *COBUILD_CATALOGUE,
)
CATALOGUE = _in_chinese(CATALOGUE)
"""The metrics computed by :func:`~neighborhood_pb.metrics.compute_metrics`."""

_BY_ID: Mapping[str, MetricDefinition] = {m.id: m for m in CATALOGUE}

DEFAULT_TARGETS: Mapping[str, Fraction] = {
    "report_rate": Fraction(1),
    "household_link_coverage": Fraction(1),
    "quarterly_report_compliance": Fraction(1),
    "owners_committee_party_share": Fraction(3, 5),
}
"""Targets stated by the sources (永春县: 报到率、群众覆盖率100%, at least one service a
quarter; 通化县: 业委会党员占比60%); pass your own mapping to change them."""


def metric(metric_id: str) -> MetricDefinition:
    """The definition of a metric.

    Raises:
        UnknownRecordError: no such metric.
    """
    try:
        return _BY_ID[metric_id]
    except KeyError:
        raise UnknownRecordError(
            f"no metric {metric_id}", subject=metric_id, rule="reference.exists"
        ) from None
