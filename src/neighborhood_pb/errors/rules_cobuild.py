"""Rules of co-building (共建): the four lists, matching, partnerships."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_TONGHUA = "通化县“四项清单”公示，接受群众监督"
_YANCHENG = "盐城市资源清单、需求清单、项目清单推动共驻共建"

_FINDINGS = (
    RuleSpec(
        code="cobuild.need_open",
        source=Source(
            cited="通化县问卷调查→诉求台账",
            note_zh="认领时限为本库默认值",
            note_en="the deadline to claim: library default",
        ),
        severity=Severity.WARNING,
        params={"raised_on", "days", "limit"},
        zh="{subject}于{raised_on}提出，已{days}天无人认领，时限为{limit}天",
        en="{subject} was raised on {raised_on} and is still open after {days} days; "
        "{limit} allowed",
    ),
    RuleSpec(
        code="cobuild.project_overdue",
        source=Source(cited=f"{_YANCHENG}: 项目有责任主体和完成时限"),
        severity=Severity.WARNING,
        params={"due", "owner"},
        zh="{subject}应于{due}完成（责任主体{owner}），至今未完成",
        en="{subject} was due on {due} (owner {owner}) and is not complete",
    ),
    RuleSpec(
        code="cobuild.milestone_overdue",
        source=Source(cited=f"{_YANCHENG}: 项目有责任主体和完成时限"),
        severity=Severity.WARNING,
        params={"milestone", "due", "owner"},
        zh="{subject}的节点“{milestone}”应于{due}完成（责任主体{owner}），至今未完成",
        en="{subject}: milestone {milestone} was due on {due} (owner {owner}) and is not reached",
    ),
    RuleSpec(
        code="cobuild.project_over_budget",
        source=Source(cited=f"{_YANCHENG}: 项目有预算"),
        severity=Severity.WARNING,
        params={"spent", "budget"},
        zh="{subject}已支出{spent}元，超过项目预算{budget}元",
        en="{subject}: {spent} yuan spent, above its budget of {budget} yuan",
    ),
    RuleSpec(
        code="cobuild.need_short",
        source=Source(cited=f"{_YANCHENG}: 需求清单与资源清单对接"),
        severity=Severity.WARNING,
        params={"committed", "asked"},
        zh="{subject}投入资源{committed}，少于所回应需求的数量{asked}",
        en="{subject} commits {committed} of resources for needs asking {asked}",
    ),
    RuleSpec(
        code="cobuild.fund_overspent",
        source=Source(cited="盐城市: 每个社区每年20万元服务群众专项经费"),
        severity=Severity.ERROR,
        params={"spent", "amount"},
        zh="{subject}已支出{spent}元，超过额度{amount}元",
        en="{subject}: {spent} yuan spent, above its {amount} yuan",
    ),
    RuleSpec(
        code="cobuild.commitment_unmet",
        source=Source(cited="盐城市协议书、责任书、倡议书: 共建承诺按期兑现"),
        severity=Severity.WARNING,
        params={"party", "agreement", "due"},
        zh="{party}在《{agreement}》中承诺的{subject}应于{due}兑现，未按期兑现",
        en="{party} committed to {subject} in {agreement} by {due} and has not met it in time",
    ),
    RuleSpec(
        code="cobuild.commitment_late",
        source=Source(cited="盐城市协议书、责任书、倡议书: 共建承诺按期兑现"),
        severity=Severity.WARNING,
        params={"party", "agreement", "due", "met_on"},
        zh="{party}在《{agreement}》中承诺的{subject}应于{due}兑现，{met_on}才兑现",
        en="{party} committed to {subject} in {agreement} by {due} and met it late, on {met_on}",
    ),
    RuleSpec(
        code="cobuild.hardship_unpaired",
        source=Source(cited="盐城市: 104家市级机关单位结对帮扶688户困难家庭"),
        severity=Severity.WARNING,
        params={"reason", "territory"},
        zh="困难家庭{subject}（{reason}，{territory}）没有结对帮扶单位",
        en="household {subject} in hardship ({reason}, {territory}) has no unit paired with it",
    ),
)

_WITH_PARAMS = (
    RuleSpec(
        code="need_event.in_time",
        source=LIBRARY_DEFAULT,
        params={"day", "last"},
        zh="{subject}的办理记录日期{day}早于上一记录{last}",
        en="{subject}: an event on {day} comes before the last one, on {last}",
    ),
    RuleSpec(
        code="need_event.transition",
        source=LIBRARY_DEFAULT,
        params={"status", "to"},
        zh="{subject}当前为“{status}”，不能转为“{to}”",
        en="{subject} is {status} and cannot become {to}",
    ),
    RuleSpec(
        code="project.need_open",
        source=Source(cited=_TONGHUA),
        params={"need", "status"},
        zh="{subject}回应的需求{need}已{status}",
        en="{subject} answers need {need}, which is already {status}",
    ),
    RuleSpec(
        code="project.resource_period",
        source=Source(cited=_YANCHENG),
        params={"resource", "start"},
        zh="{subject}于{start}开始，资源{resource}当日不在提供期内",
        en="{subject} starts on {start}, outside the period resource {resource} is offered",
    ),
    RuleSpec(
        code="project.capacity",
        source=Source(cited=_YANCHENG),
        params={"resource", "quantity", "left"},
        zh="{subject}拟投入资源{resource}共{quantity}，仅余{left}",
        en="{subject} commits {quantity} of resource {resource}; {left} left",
    ),
    RuleSpec(
        code="project.fund",
        source=LIBRARY_DEFAULT,
        params={"fund"},
        zh="{subject}指定的{fund}不是资金类资源",
        en="{subject} spends from {fund}, which is no fund",
    ),
    RuleSpec(
        code="project.in_time",
        source=LIBRARY_DEFAULT,
        params={"day", "start"},
        zh="{subject}的记录日期{day}早于项目开始日{start}",
        en="{subject}: a record on {day} precedes the start, {start}",
    ),
    RuleSpec(
        code="milestone.known",
        source=LIBRARY_DEFAULT,
        params={"milestone"},
        zh="{subject}没有节点{milestone}",
        en="{subject} has no milestone {milestone}",
    ),
    RuleSpec(
        code="milestone.once",
        source=LIBRARY_DEFAULT,
        params={"milestone"},
        zh="{subject}的节点{milestone}已完成",
        en="{subject}: milestone {milestone} is already reached",
    ),
    RuleSpec(
        code="spending.period",
        source=Source(cited="盐城市: 服务群众专项经费按年度安排"),
        params={"fund", "day"},
        zh="{subject}于{day}支出，不在{fund}的年度内",
        en="{subject} spends on {day}, outside the year of fund {fund}",
    ),
    RuleSpec(
        code="spending.within_fund",
        source=Source(cited="盐城市: 每个社区每年20万元服务群众专项经费; 超支须经批复"),
        params={"fund", "spent", "amount"},
        zh="{subject}的支出将使{fund}累计支出{spent}分，超过额度{amount}分，且未经批复",
        en="{subject} would take fund {fund} to {spent} fen, above its {amount} fen, "
        "without an approval",
    ),
    RuleSpec(
        code="resource.withdraw_in_use",
        source=Source(cited=_YANCHENG),
        params={"day", "user"},
        zh="{subject}不能于{day}退出：{user}在此之后仍使用该资源",
        en="{subject} cannot be withdrawn on {day}: {user} uses it from then on",
    ),
    RuleSpec(
        code="comment.in_time",
        source=LIBRARY_DEFAULT,
        params={"day"},
        zh="{subject}早于清单公示日{day}",
        en="{subject} precedes the publication of {day}",
    ),
)

_ERRORS = {
    "agreement.parties": ("承诺须由协议当事方作出且编号不重复", "commitments are the parties'"),
    "agreement.unique": ("协议编号不得重复", "agreement ids are unique"),
    "alliance.known": ("党建联盟不存在", "the alliance is unknown"),
    "alliance.unique": ("党建联盟编号不得重复", "alliance ids are unique"),
    "alliance_member.known": ("联盟成员记录不存在", "the membership is unknown"),
    "alliance_member.overlap": ("同一单位在同一联盟的成员期不得重叠", "memberships never overlap"),
    "alliance_member.period": (
        "成员期须在联盟存续期内",
        "a membership lies in the alliance's life",
    ),
    "alliance_member.unique": ("联盟成员记录编号不得重复", "membership ids are unique"),
    "comment.line": ("意见所指条目不在该次公示中", "the comment's line was published"),
    "comment.unique": ("意见编号不得重复", "comment ids are unique"),
    "commitment.in_time": ("承诺兑现不得早于协议生效", "a commitment is met after the start"),
    "commitment.known": ("承诺事项不存在", "the commitment is unknown"),
    "commitment.once": ("承诺只能兑现一次", "a commitment is met once"),
    "commitment.unique": ("承诺编号不得重复", "commitment ids are unique"),
    "community_evaluation.once": (
        "每个单位每年对同一社区只考核一次",
        "a unit evaluates a community once a year",
    ),
    "evaluation.once": ("每个社区每年对同一单位只评议一次", "one evaluation a year"),
    "hardship.known": ("困难家庭未登记", "the household in hardship is unregistered"),
    "hardship.unique": ("困难家庭不得重复登记", "a household is registered once"),
    "need.known": ("需求不存在", "the need is unknown"),
    "need.unique": ("需求编号不得重复", "need ids are unique"),
    "need_event.reason": ("不予办理须说明理由", "a decline gives its reason"),
    "need_event.status": ("办理记录不能使需求回到待认领", "an event never reopens a need"),
    "pairing.hardship": ("结对期须与困难家庭登记期重叠", "a pairing meets the hardship period"),
    "pairing.known": ("结对记录不存在", "the pairing is unknown"),
    "pairing.unique": ("结对编号不得重复", "pairing ids are unique"),
    "project.dates": ("项目完成时限不得早于开始日", "a project is due after it starts"),
    "project.done_once": ("项目只能完成一次", "a project completes once"),
    "project.due": ("项目须按期完成", "a project completes by its due date"),
    "project.known": ("项目不存在", "the project is unknown"),
    "project.unique": ("项目编号不得重复", "project ids are unique"),
    "project.unique_parts": ("节点和资源不得重复列出", "milestones and resources are named once"),
    "resource.known": ("资源不存在", "the resource is unknown"),
    "resource.unique": ("资源编号不得重复", "resource ids are unique"),
    "snapshot.known": ("清单公示不存在", "the publication is unknown"),
    "snapshot.unique": ("清单公示编号不得重复", "publication ids are unique"),
    "spending.fund": ("项目未指定资金来源", "the project names its fund"),
    "spending.unique": ("支出编号不得重复", "spending ids are unique"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *_WITH_PARAMS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The co-building rules."""
