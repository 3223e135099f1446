"""The metric catalogue in Chinese (指标口径): what each metric's numerator and denominator
count, and the source notes the catalogue writes in English, as Chinese readers read them.

Data only: :mod:`neighborhood_pb.metrics.definitions` joins it to the catalogue by metric id.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DESCRIPTIONS_ZH", "SOURCES_ZH"]

_YEAR = "截至统计日的十二个月内"
_COMMUNITIES = "社区数（单个社区的数值即其自身数量）"
_TWO_NEW = "“两新”组织数（物业企业和社会组织）"

DESCRIPTIONS_ZH: Mapping[str, tuple[str, str]] = {
    "compound_org_coverage": (
        "当日由党支部（网格、小区、联合或小区式党支部）直接覆盖或经所在网格覆盖的小区数",
        "当日存续的小区数",
    ),
    "building_group_coverage": ("有楼栋党小组覆盖的楼栋数", "当日存续的楼栋数"),
    "grid_branch_coverage": ("有党支部覆盖的网格数（支部建在网格）", "当日存续的网格数"),
    "central_household_ratio": (
        "住户数（申报户数或住户记录数）",
        "当日的党群示范户、党员中心户数",
    ),
    "report_rate": (
        "分母所计在职党员中报到有效的人数",
        "居住在本辖区的在职党员数；当日无有效住户记录的，计入所报到的社区，否则只计入总计，"
        "并列入检查结果",
    ),
    "building_head_coverage": ("有党员担任楼栋长的楼栋数", "当日存续的楼栋数"),
    "owners_committee_party_share": (
        "在业委会任职的党员人数（同一业委会每人计一次）",
        "在业委会任职的人数",
    ),
    "owners_committee_party_org_coverage": (
        "内设党组织或所在小区有党组织覆盖的业委会数",
        "当日存续的业委会数",
    ),
    "cross_appointment_rate": (
        "有人同时担任党组织职务和业委会或物业企业职务的小区数（双向进入、交叉任职）",
        "既有业委会又有党组织服务的小区数",
    ),
    "part_time_members_per_street_committee": (
        "街道大工委兼职委员人数（同一委员会每人计一次）",
        "有兼职委员的街道大工委数",
    ),
    "part_time_members_per_community_committee": (
        "社区大党委兼职委员人数（同一委员会每人计一次）",
        "有兼职委员的社区大党委数",
    ),
    "part_time_members_per_grid_branch": (
        "网格党支部兼职委员人数（同一支部每人计一次）",
        "有兼职委员的网格党支部数",
    ),
    "part_time_members_per_committee": (
        "各层级兼职委员人数（同一委员会每人计一次）",
        "有兼职委员的各层级委员会数",
    ),
    "two_new_org_coverage": ("建有自身党组织的“两新”组织数", _TWO_NEW),
    "two_new_work_coverage": ("建有党组织或有党员任职的“两新”组织数", _TWO_NEW),
    "duty_coverage": (
        "统计日所在月份中有人轮值的天数（各轮值安排分别计算）",
        "该月自轮值安排首期起的天数（各轮值安排分别计算；尚无轮值开始时不适用）",
    ),
    "household_link_coverage": ("当日有党员联系的住户数", "当日存续的住户数"),
    "quarterly_report_compliance": (
        "上一个完整季度内始终处于报到状态、且该季度有经审核服务的在职党员数",
        "该季度内始终处于报到状态的在职党员数",
    ),
    "points_participation": (
        "本年度截至统计日有经审核服务的已报到在职党员数",
        "当日报到有效的在职党员数",
    ),
    "deliberation_adoption_rate": (
        f"{_YEAR}提出、到统计日已在提议之后的环节被采纳且未被否决的建议（议题）数",
        f"{_YEAR}提出的建议（议题）数",
    ),
    "deliberation_on_time_rate": (
        f"{_YEAR}办结且每个环节均按期完成的议题数",
        f"{_YEAR}办结的议题数",
    ),
    "deliberation_publication_compliance": (
        f"{_YEAR}办结、各环节要求的公开均已完成且每次公示不少于最短天数的议题数",
        f"{_YEAR}办结的议题数",
    ),
    "resident_satisfaction": (
        f"{_YEAR}作出的评价中“满意”的数量",
        f"{_YEAR}作出的评价数（每位居民对每个议题评价一次）",
    ),
    "deliberation_suggestions_per_community": (f"{_YEAR}提出的建议（议题）数", _COMMUNITIES),
    "deliberation_matters_per_community": (
        f"{_YEAR}提出并被采纳的建议数（议事项目）",
        _COMMUNITIES,
    ),
    "deliberation_meetings_per_community": (
        f"{_YEAR}召开的议事会议数，每次会议计入其所决议议题所在的每个社区",
        _COMMUNITIES,
    ),
    "needs_met_rate": (f"{_YEAR}提出、当日已办结的群众需求数", f"{_YEAR}提出的群众需求数"),
    "resource_utilisation": (
        "当日提供的资源（资金除外）中已被统计日前启动的项目承接的数量",
        "当日提供的资源数（资金除外）",
    ),
    "fund_execution": (
        "当日提供的资金所支持的项目截至统计日的支出（分），每个项目以其预算为限"
        "（超出预算另列检查结果 cobuild.project_over_budget）",
        "其中统计日前启动的项目的预算合计（分）",
    ),
    "need_to_project_median_days": (
        f"{_YEAR}提出的每项需求到统计日前首个承接项目启动的天数（取中位数）",
        "1；数量为偶数时为2（两个中间值相加）",
    ),
    "alliance_unit_coverage": (
        "当日存续且当日为党建联盟成员的驻区单位数",
        "当日存续的驻区单位数",
    ),
    "pairing_coverage": (
        "当日有单位结对帮扶的困难家庭数",
        "当日登记的困难家庭数",
    ),
}
"""Per metric id: what its numerator and its denominator count, in Chinese."""

SOURCES_ZH: Mapping[str, str] = {
    "compound_org_coverage": "惠安县: 39个党支部覆盖78个小区, 覆盖率92.9% (78/84); "
    "支部建在网格: 网格党支部覆盖其中各小区 (MetricSettings)",
    "part_time_members_per_committee": "本库默认：来源按层级（街道、社区、网格）公布，"
    "见以上三项指标；本指标合并计算",
    "deliberation_on_time_rate": "永春县: 每月第一个工作日议事日, 提议—商议—践议—议评; "
    "各环节期限按议事规程",
}
"""Per metric id: its source note in Chinese, where the catalogue's note holds English."""
