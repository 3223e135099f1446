"""Rules of the organisation tree: its findings and its errors (组织设置规则)."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_BRANCH = "《中国共产党支部工作条例（试行）》(2018)"
_CONSTITUTION = "《中国共产党章程》"
_ELECTION = "《中国共产党基层组织选举工作条例》(2020)"
_TERMS = (
    f"{_CONSTITUTION}: 基层委员会一般每届5年，总支部、支部委员会一般每届3年；村、社区党组织每届5年"
)
_COMMITTEE = f"{_BRANCH}: 支部委员会一般设委员3至5人，最多不超过7人"
_W, _I, _E = Severity.WARNING, Severity.INFO, Severity.ERROR

_FINDINGS = (
    RuleSpec(
        code="branch.below_minimum",
        source=Source(cited=f"{_BRANCH}: 有正式党员3人以上的单位应当成立党支部"),
        severity=_W,
        params={"full", "minimum"},
        zh="{subject}：正式党员{full}名，少于成立党支部所需的{minimum}名；"
        "可与邻近单位联合成立联合党支部",
        en="{subject}: {full} full members, fewer than the {minimum} a branch needs; "
        "join neighbouring units in a joint branch (联合党支部)",
    ),
    RuleSpec(
        code="branch.too_large",
        source=Source(cited=f"{_BRANCH}: 党支部党员人数一般不超过50人"),
        severity=_W,
        params={"members", "maximum"},
        zh="{subject}：党员{members}名，超过一般上限{maximum}名；可划分党小组或升格为党总支",
        en="{subject}: {members} members, more than the usual {maximum}; divide it into "
        "party groups (党小组) or upgrade it to a general branch (党总支)",
    ),
    RuleSpec(
        code="general_branch.may_upgrade",
        source=Source(cited="党员100人以上的设立基层党委 (城市安置区: 100人以上设二级党委)"),
        severity=_I,
        params={"members", "minimum"},
        zh="{subject}：党员{members}名，{minimum}名以上可设立基层党委",
        en="{subject}: {members} members: {minimum} or more may set up a grassroots "
        "committee (党委)",
    ),
    RuleSpec(
        code="general_branch.below_threshold",
        source=Source(cited=f"{_CONSTITUTION} / 基层组织设置惯例: 党员50人以上的设立党总支"),
        severity=_I,
        params={"members", "minimum"},
        zh="{subject}：党员{members}名，少于一般设立党总支的{minimum}名",
        en="{subject}: {members} members, fewer than the {minimum} for which a general "
        "branch is usually set up",
    ),
    RuleSpec(
        code="committee.below_threshold",
        source=Source(cited="党员100人以上的设立基层党委 (城市安置区: 100人以上设二级党委)"),
        severity=_I,
        params={"members", "minimum"},
        zh="{subject}：党员{members}名，少于一般设立基层党委的{minimum}名",
        en="{subject}: {members} members, fewer than the {minimum} for which a grassroots "
        "committee is usually set up",
    ),
    RuleSpec(
        code="joint_branch.too_many_units",
        source=Source(cited=f"{_BRANCH}: 联合党支部覆盖单位一般不超过5个"),
        severity=_W,
        params={"units", "maximum"},
        zh="{subject}：覆盖{units}个单位，超过联合党支部一般上限{maximum}个",
        en="{subject}: covers {units} units, more than the usual {maximum} for a joint branch",
    ),
    RuleSpec(
        code="compound_style_branch.below_minimum",
        source=Source(cited=f"{_BRANCH}: 有正式党员3人以上的单位应当成立党支部"),
        severity=_W,
        params={"full", "minimum"},
        zh="{subject}：正式党员参加者{full}名，少于为兼合式党支部设定的{minimum}名",
        en="{subject}: {full} full participants, fewer than the {minimum} set for a "
        "compound-style branch",
    ),
    RuleSpec(
        code="joint_branch.below_minimum",
        source=Source(cited=f"{_BRANCH}: 有正式党员3人以上的单位应当成立党支部"),
        severity=_W,
        params={"full", "minimum"},
        zh="{subject}：所联合各单位正式党员共{full}名，少于成立党支部所需的{minimum}名",
        en="{subject}: {full} full members across its units, fewer than the {minimum} a "
        "branch needs",
    ),
    RuleSpec(
        code="joint_branch.too_large",
        source=Source(cited=f"{_BRANCH}: 党支部党员人数一般不超过50人"),
        severity=_W,
        params={"members", "maximum"},
        zh="{subject}：党员{members}名，超过党支部一般上限{maximum}名",
        en="{subject}: {members} members, more than the usual {maximum}",
    ),
    RuleSpec(
        code="temporary_branch.long_project",
        source=Source(cited=f"{_BRANCH}: 工作期限6个月以上的项目应当成立党支部"),
        severity=_W,
        params={"since", "months", "threshold"},
        zh="{subject}：临时党支部自{since}起已满或将满{months}个月（{threshold}起）；"
        "工作期限{months}个月以上的项目应当成立正式党支部",
        en="{subject}: a temporary branch since {since} lasting {months} months or more (from "
        "{threshold}); a project of that length forms a formal branch",
    ),
    RuleSpec(
        code="village_community.not_covered",
        source=Source(cited="农民集中居住区党建: 村居联建即村居合一，实行“两块牌子、一套班子”管理"),
        severity=_W,
        params={"union", "missing"},
        zh="{subject}：村居合一{union}由一套班子服务村和社区，但未覆盖{missing}",
        en="{subject}: 村居合一 {union}: one team serves a village and a community but does "
        "not cover {missing}",
    ),
    RuleSpec(
        code="term.advanced",
        source=Source(cited=f"{_ELECTION}: 提前或延期换届一般不超过1年"),
        severity=_W,
        params={"elected", "due", "tolerance", "earliest"},
        zh="{subject}：于{elected}换届，早于{earliest}；上届应于{due}届满，提前换届一般不超过"
        "{tolerance}年",
        en="{subject}: term elected {elected}, before {earliest}: the previous term fell due "
        "{due} and an election may be advanced by {tolerance} year(s) at most",
    ),
    RuleSpec(
        code="committee.not_allowed",
        source=Source(cited=f"{_BRANCH}: 不足7人的不设支部委员会，设书记1人，必要时设副书记1人"),
        severity=_W,
        params={"full", "seats", "minimum"},
        zh="{subject}：正式党员{full}名却设{seats}人的委员会；不足{minimum}名的党支部"
        "只设书记（必要时设副书记）",
        en="{subject}: {full} full members elect a committee of {seats}; below {minimum} "
        "a branch elects a secretary (and a deputy) only",
    ),
    RuleSpec(
        code="committee.too_large",
        source=Source(cited=_COMMITTEE),
        severity=_E,
        params={"seats", "maximum"},
        zh="{subject}：委员会{seats}人，超过最多{maximum}人",
        en="{subject}: a committee of {seats}, more than the {maximum} allowed",
    ),
    RuleSpec(
        code="committee.above_usual",
        source=Source(cited=_COMMITTEE),
        severity=_W,
        params={"seats", "minimum", "usual_maximum"},
        zh="{subject}：委员会{seats}人；一般设{minimum}至{usual_maximum}人",
        en="{subject}: a committee of {seats}; generally {minimum}–{usual_maximum}",
    ),
    RuleSpec(
        code="committee.too_small",
        source=Source(cited=_COMMITTEE),
        severity=_W,
        params={"full", "seats", "minimum"},
        zh="{subject}：正式党员{full}名，委员会却只有{seats}人；委员会至少{minimum}人",
        en="{subject}: {full} full members but a committee of {seats}; a committee has at "
        "least {minimum}",
    ),
    RuleSpec(
        code="term.missing",
        source=Source(cited=_TERMS),
        severity=_I,
        zh="{subject}：未记录任期（换届）",
        en="{subject}: no election term is recorded",
    ),
    RuleSpec(
        code="term.overdue",
        source=Source(cited=f"{_ELECTION}: 提前或延期换届一般不超过1年"),
        severity=_E,
        params={"elected", "due", "tolerance", "late"},
        zh="{subject}：{elected}选举产生的班子应于{due}换届；自{late}起已逾期超过{tolerance}年",
        en="{subject}: term elected {elected} fell due {due}; more than {tolerance} "
        "year(s) overdue since {late}",
    ),
    RuleSpec(
        code="term.expired",
        source=Source(cited=_TERMS),
        severity=_W,
        params={"elected", "due", "years", "late"},
        zh="{subject}：{elected}选举产生的班子已于{due}届满（每届{years}年）；"
        "最迟应于{late}前完成换届",
        en="{subject}: term elected {elected} fell due {due} ({years} years); elect by "
        "{late} at the latest",
    ),
    RuleSpec(
        code="term.due_soon",
        source=Source(cited=_TERMS),
        severity=_I,
        params={"elected", "due"},
        zh="{subject}：{elected}选举产生的班子将于{due}届满",
        en="{subject}: term elected {elected} falls due {due}",
    ),
)

_ERRORS = {
    "tree.acyclic": ("上下级关系不得成环", "a parent chain must not loop back"),
    "tree.no_orphans": ("上级记录必须存在", "a parent must exist"),
    "tree.one_root_per_jurisdiction": ("每个辖区只有一个顶层组织", "one root per jurisdiction"),
    "tree.parent_lifetime": ("下级的有效期须在上级有效期内", "a child lives within its parent"),
    "tree.single_root_level": ("顶层组织只能处于最高层级", "roots sit at the top level"),
    "schema.form_allowed": ("该层级不允许此组织形式", "the level does not allow this form"),
    "schema.leaf": ("最低层级不能再设下级", "the lowest level has no children"),
    "schema.level": ("组织层级不符合层级方案", "the level does not fit the schema"),
    "schema.level_fixed": ("组织的层级不能改变", "an organisation keeps its level"),
    "schema.level_order": ("下级须比上级低一个层级", "a child sits one level below its parent"),
    "schema.non_empty": ("层级方案至少有一个层级", "a schema has at least one level"),
    "schema.territory_order": ("层级所覆盖的区域须由大到小", "territories shrink level by level"),
    "schema.unique_codes": ("层级代码不得重复", "level codes are unique"),
    "schema.working_committee_root": (
        "工作委员会只能设在顶层",
        "a working committee sits at the top",
    ),
    "history.append_only": ("历史只能追加，不能改写", "history is appended, never rewritten"),
    "history.contiguous": ("组织的各版本须首尾相接", "an organisation's versions are contiguous"),
    "history.end_dated": ("已结束的记录不能再次结束", "an ended record cannot end again"),
    "membership.form": ("该组织形式不接收此类党员关系", "this form takes no such membership"),
    "membership.one_formal": (
        "一名党员同时只有一个正式组织关系",
        "one formal membership at a time",
    ),
    "membership.party_member": ("只有党员才有组织关系", "only party members hold memberships"),
    "membership.unique": ("同一组织关系不得重复登记", "a membership is recorded once"),
    "membership.within_lifetime": ("组织关系须在组织有效期内", "a membership lies within the org"),
    "member.probation": ("预备期日期不符合规定", "the probation dates do not fit"),
    "person.household": ("人员所属户须存在", "a person's household must exist"),
    "report.channel": ("报到渠道不符合规定", "the report channel does not fit"),
    "report.community": ("须向社区报到", "a report goes to a community"),
    "report.grid": ("报到网格须属于该社区", "the grid lies in the community"),
    "report.one_at_a_time": ("同一时间只能向一个社区报到", "one community report at a time"),
    "report.within_lifetime": ("报到须在社区有效期内", "a report lies within the community"),
    "village_community.two_plates": (
        "村居合一须是一个村和一个社区",
        "村居合一 joins a village and a different community",
    ),
    "term.elected_forms": ("只有选举产生的组织才有任期", "only elected forms have terms"),
    "term.no_overlap": ("同一组织的任期不得重叠", "an organisation's terms do not overlap"),
    "term.seats": ("委员会席位数须为正数", "a committee has at least one seat"),
    "term.within_lifetime": ("任期须在组织有效期内", "a term lies within the organisation"),
    "coverage.territory_kind": ("组织不能覆盖此类区域", "the org cannot cover this territory"),
    "coverage.unique": ("同一覆盖关系不得重复登记", "a coverage is recorded once"),
    "coverage.within_lifetime": ("覆盖关系须在有效期内", "a coverage lies within both lives"),
    "territory.nesting": ("区域须嵌套在上级区域内", "a territory nests in its parent"),
    "grid.code": ("网格须有编码", "a grid has a code"),
    "grid.code_unique": ("网格编码不得重复", "grid codes are unique"),
    "rules.committee_size": ("委员会人数设置不一致", "committee sizes are inconsistent"),
    "rules.non_negative": ("规则数值不得为负", "a rule's number is not negative"),
    "rules.range": ("规则数值超出允许范围", "a rule's number lies within its range"),
    "rules.thresholds": ("人数门槛须由小到大", "thresholds rise in order"),
    "scale.nesting": ("生成规模须逐级嵌套", "generated scales nest"),
    "scale.positive": ("生成规模须为正数", "a generated scale is positive"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The structure rules."""
