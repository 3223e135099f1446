"""Rules of deliberation (议事): procedures, matters, meetings, votes, publications, ratings."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_TONGHUA = "通化县三议一审两公开"
_CIVIL_CODE = "民法典第二百七十八条"

_FINDINGS = (
    RuleSpec(
        code="governance.step_overdue",
        source=Source(
            cited="永春县“议事日”提议—商议—践议—议评; 通化县三议一审两公开",
            note_zh="时限为本库默认值",
            note_en="deadlines: library default",
        ),
        severity=Severity.WARNING,
        params={"step", "due", "since", "procedure"},
        zh="{subject}的“{step}”环节应于{due}前办理（自{since}起算），至今未办",
        en="{subject}: step {step} was due by {due} (counted from {since}) and is not taken",
    ),
    RuleSpec(
        code="governance.meeting_quorum",
        source=Source(cited="联席会议、四方会议议事规则: 到会人数须达到规定人数方可议决"),
        severity=Severity.WARNING,
        params={"day", "attended", "quorum", "resolutions"},
        zh="{subject}于{day}召开，到会{attended}人，应到至少{quorum}人；形成决议{resolutions}项",
        en="{subject} on {day}: {attended} attended, {quorum} needed; {resolutions} "
        "resolution(s) passed",
    ),
    RuleSpec(
        code="governance.vote_quorum",
        source=Source(
            cited=f"{_CIVIL_CODE}: 专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决"
        ),
        severity=Severity.WARNING,
        params={"area", "number", "needed"},
        zh="{subject}的业主大会表决参与面积占{area}、人数占{number}，均须{needed}，表决无效",
        en="{subject}: the owners' assembly turnout was {area} by area and {number} by number; "
        "{needed} of both needed, so nothing was decided",
    ),
    RuleSpec(
        code="governance.publication_missing",
        source=Source(cited=f"{_TONGHUA}: 过程和结果向全体业主公开"),
        severity=Severity.ERROR,
        params={"what", "step"},
        zh="{subject}已办结，但“{step}”环节应有的{what}没有公开",
        en="{subject} is closed without the {what} publication of step {step}",
    ),
    RuleSpec(
        code="governance.publication_short",
        source=Source(
            cited=f"{_TONGHUA}: 过程和结果向全体业主公开",
            note_zh="公示期为本库默认值",
            note_en="publication period: library default",
        ),
        severity=Severity.WARNING,
        params={"what", "days", "required"},
        zh="{subject}的{what}仅公开{days}天，应至少{required}天",
        en="{subject}: {what} was published for {days} day(s); {required} required",
    ),
    RuleSpec(
        code="governance.review_due",
        source=Source(cited="永春县季度公示点评、半年质询督评、年终组织测评: 办结事项回头看"),
        severity=Severity.WARNING,
        params={"review_on"},
        zh="{subject}应于{review_on}回头看，至今未开展",
        en="{subject} was to be reviewed by {review_on} and has not been",
    ),
)

_WITH_PARAMS = (
    RuleSpec(
        code="step.authority",
        source=LIBRARY_DEFAULT,
        params={"actor", "step", "who"},
        zh="{actor}无权办理“{step}”环节（{subject}）：只有{who}可以办理",
        en="{actor} may not take step {step} ({subject}): only {who}",
    ),
    RuleSpec(
        code="step.order",
        source=LIBRARY_DEFAULT,
        params={"step", "matter"},
        zh="“{step}”环节（{subject}）不能在议题{matter}的当前进度下办理：须按规程顺序",
        en="step {step} ({subject}) is out of order on matter {matter}",
    ),
    RuleSpec(
        code="step.quorum",
        source=Source(cited=_CIVIL_CODE),
        params={"vote", "area", "number"},
        zh="表决{vote}参与面积占{area}、人数占{number}，未达法定比例，不能据此决议（{subject}）",
        en="vote {vote} had no quorum (area {area}, number {number}); {subject} cannot rest on it",
    ),
    RuleSpec(
        code="vote.conflict_of_interest",
        source=Source(cited="利益回避: 物业服务企业的工作人员不得对本企业的服务合同表决"),
        params={"owner", "company", "appointment"},
        zh="{owner}受雇于{company}（任职{appointment}），不得对该企业自己的合同表决（{subject}）",
        en="{owner} works for {company} (appointment {appointment}) and may not vote on its "
        "own contract ({subject})",
    ),
    RuleSpec(
        code="rating.resident",
        source=Source(cited="004: 项目服务谁、谁评价项目"),
        params={"resident", "territory"},
        zh="{resident}不是{territory}的居民，也不属于该项目服务的住户，不能评议{subject}",
        en="{resident} neither lives in {territory} nor in a household {subject} served",
    ),
)

_ERRORS = {
    "closure.review_on": ("办结事项须按期回头看", "a closed matter is reviewed by its day"),
    "matter.close": ("议题须完成必经环节才能办结", "a matter closes after its required steps"),
    "matter.close_in_time": ("办结不得早于最后一个环节", "a closure follows the last step"),
    "matter.known": ("议题不存在", "the matter is unknown"),
    "matter.parties": ("同一角色只能指定一个主体", "a role is bound once"),
    "matter.parties_known": ("议事规程中没有该角色", "the procedure names the role"),
    "matter.procedure": ("议事规程不存在", "the procedure is unknown"),
    "matter.unique": ("议题编号不得重复", "matter ids are unique"),
    "meeting.chair_attends": ("主持人须出席会议", "the chair attends"),
    "meeting.chair_of_the_day": ("主持人须为当日轮值主席", "the chair is the chair of the day"),
    "meeting.quorum": ("会议须达到规定到会人数", "a meeting has its quorum"),
    "meeting.unique": ("会议编号不得重复", "meeting ids are unique"),
    "meeting.unknown_rotation": (
        "会议所指的轮值主席安排须存在",
        "a meeting names a chair rotation that exists",
    ),
    "procedure.actor_role": ("任职人员须指明角色", "a post actor names a role"),
    "procedure.deadline": ("办理时限设置不一致", "the deadline rule is consistent"),
    "procedure.non_negative": ("天数须为非负整数", "days are a whole number >= 0"),
    "procedure.step_actors": ("每个环节须指明办理主体", "a step names who takes it"),
    "procedure.step_known": ("议事规程中没有该环节", "the procedure has the step"),
    "procedure.steps": ("议事规程须有编号互不相同的环节", "a procedure has distinct steps"),
    "publication.known": ("议事规程不要求该项公开", "the procedure publishes it"),
    "publication.unique": ("公开编号不得重复", "publication ids are unique"),
    "rating.once": ("每位居民对同一议题只能评议一次", "one rating per resident"),
    "review.after_closure": ("回头看须在办结之后", "a review follows the closure"),
    "step.in_time": ("环节不得早于上一个记录", "a step follows the last event"),
    "step.known": ("议事规程中没有该环节", "the procedure has the step"),
    "step.skippable": ("该环节不得略过", "the step may not be skipped"),
    "step.unique": ("环节记录编号不得重复", "step event ids are unique"),
    "step.vote": ("业主大会环节须依据本议题的表决", "an assembly step rests on its vote"),
    "step.vote_result": ("决定须与表决结果一致", "the decision matches the vote"),
    "vote.area": ("专有面积须为正整数（0.01平方米）", "areas are positive (0.01 m²)"),
    "vote.known": ("表决不存在", "the vote is unknown"),
    "vote.one_owner_one_ballot": ("每位业主只列一次、投一票", "one owner, one ballot"),
    "vote.owner": ("投票人须为业主", "voters are owners"),
    "vote.threshold": ("表决比例须在0与1之间", "a threshold is a share"),
    "vote.unique": ("表决编号不得重复", "vote ids are unique"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *_WITH_PARAMS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The governance rules."""
