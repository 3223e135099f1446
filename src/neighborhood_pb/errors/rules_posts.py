"""Rules of posts, bodies and appointments: their findings and errors (职务与任职)."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_W, _E = Severity.WARNING, Severity.ERROR

_FINDINGS = (
    RuleSpec(
        code="owners_committee.party_share_below_target",
        source=Source(cited="通化县: 在新成立和新换届的15个业委会中，党员比例达60%"),
        severity=_W,
        params={"party", "members", "target"},
        zh="{subject}：{members}名成员中党员{party}名，低于{target}%的目标",
        en="{subject}: {party} of {members} members are party members, below the target "
        "of {target}%",
    ),
    RuleSpec(
        code="owners_committee.no_party_org",
        source=Source(
            cited="通化县: 新建业委会党组织28个，业委会的筹备有党支部的领导、"
            "业主大会有党支部的监督、业委会的会议有党支部的指导"
        ),
        severity=_W,
        params={"territory"},
        zh="{subject}：本身及所在的{territory}均无党组织",
        en="{subject}: no party organisation in it or over {territory}",
    ),
    RuleSpec(
        code="compound.no_cross_appointment",
        source=Source(
            cited="惠安县: 鼓励社区党员与业委会或物业公司成员“双向进入、交叉任职”; "
            "安溪县: 推行“双向进入、交叉任职”领导机制"
        ),
        severity=_W,
        zh="{subject}：有党组织、业委会和物业公司，但无人双向进入、交叉任职",
        en="compound {subject} has a party organisation, an owners' committee and a property "
        "company, but nobody holds posts on both sides (双向进入、交叉任职)",
    ),
    RuleSpec(
        code="conflict.supervision_by_company_staff",
        source=Source(
            cited="通化县: 从职能部门和热心居民中挑选优秀人才担任物业监督委员; "
            "利益回避: 物业服务企业人员不监督其自身服务的小区"
        ),
        severity=_E,
        params={"person", "person_name", "territory", "company", "staff"},
        zh="{person_name}（{person}）监督{territory}的物业服务（{subject}），同时在为其服务的{company}任职"
        "（{staff}），应当回避",
        en="{person} supervises the property service of {territory} ({subject}) while "
        "working for {company}, which serves it ({staff})",
    ),
    RuleSpec(
        code="posts.too_many",
        source=Source(cited="无来源规定具体数字: 本地政策默认值，由应用按当地规定设置"),
        severity=_W,
        params={"count", "maximum", "posts"},
        zh="{subject}同时担任{count}个职务，超过{maximum}个：{posts}",
        en="{subject} holds {count} posts at once, more than {maximum}: {posts}",
    ),
    RuleSpec(
        code="part_time.basis_ended",
        source=Source(
            cited="永春县: 选聘在职党员担任社区党委、网格党支部兼职委员; 盐城市: "
            "吸纳驻区单位党组织书记担任兼职委员"
        ),
        severity=_W,
        params={"person", "person_name", "org", "ties"},
        zh="{org}的兼职委员{person_name}（{person}，{subject}）已不再具有{ties}；请复核该席位",
        en="part-time member {person} of {org} ({subject}) no longer holds {ties}; review the seat",
    ),
    RuleSpec(
        code="reference.outlived",
        source=Source(cited="数据完整性: 记录有效期内，其引用的组织、区域和人员必须存在并符合条件"),
        severity=_E,
        params={"target"},
        zh="{subject}引用的{target}在当日不存在（或已不符合条件）",
        en="{subject} refers to {target}, which does not exist (or no longer qualifies) on "
        "that day",
    ),
)

_ERRORS = {
    "appointment.holder": ("任职须有任职单位", "an appointment names where it is held"),
    "appointment.unique": ("同一任职不得重复登记", "an appointment is recorded once"),
    "appointment.within_lifetime": (
        "任职须在单位有效期内",
        "an appointment lies within its holder",
    ),
    "body.no_orphans": ("机构的上级须存在", "a body's parent must exist"),
    "body.one_per_territory": ("每个区域只设一个此类机构", "one such body per territory"),
    "body.owners_assembly": ("业委会须有所属业主大会", "an owners' committee has an assembly"),
    "body.territory": ("机构须设在相应区域", "the body sits on a fitting territory"),
    "body.within_territory": ("机构须在区域有效期内", "a body lies within its territory"),
    "contract.parties": ("服务合同双方须符合规定", "the contract's parties fit"),
    "contract.unique": ("同一服务合同不得重复登记", "a contract is recorded once"),
    "contract.within_lifetime": ("服务合同须在双方有效期内", "a contract lies within both lives"),
    "evaluation.after_period_start": ("评议须在评议期开始后", "an evaluation follows its period"),
    "evaluation.evaluating_org": ("评议组织不符合规定", "the evaluating org does not fit"),
    "evaluation.evaluator_post": ("评议人须担任相应职务", "the evaluator holds a fitting post"),
    "evaluation.no_self": ("不得自我评议", "nobody evaluates themselves"),
    "evaluation.one_per_period": ("每个评议期只评议一次", "one evaluation per period"),
    "evaluation.party_member": ("被评议人须为党员", "the evaluated person is a party member"),
    "evaluation.result": ("评议结果须为分数或等次之一", "a result is a score or a grade"),
    "evaluation.score_range": ("评议分数超出范围", "the score is out of range"),
    "part_time.basis": ("兼职委员须有一项任职依据", "a part-time seat has one basis"),
    "part_time.basis_in_effect": ("任职依据须在当日有效", "the basis is in effect that day"),
    "part_time.outside": ("兼职委员须来自外部单位", "a part-time member comes from outside"),
    "part_time.reference": ("任职依据引用的记录须存在", "the basis refers to a record"),
    "part_time.unit": ("兼职委员所在单位不符合规定", "the part-time unit does not fit"),
    "post.body_kind": ("此职务不能设在该类机构", "the post does not fit the body"),
    "post.context": ("职务须设在组织或机构中", "a post is held in an org or a body"),
    "post.full_member": ("此职务须由正式党员担任", "the post needs a full member"),
    "post.one_seat_per_person": ("一人在同一单位只任一职", "one seat per person per holder"),
    "post.org_form": ("此职务不能设在该组织形式", "the post does not fit the form"),
    "post.party_member": ("党组织的职务须由党员担任", "a party post needs a party member"),
    "post.single_seat": ("此职务同一时间只设一人", "the post has a single seat"),
    "post.territory": ("此职务须对应区域", "the post answers for a territory"),
    "post.territory_inside": ("职务对应区域须在单位范围内", "the territory lies inside"),
    "rules.cross_posts": ("交叉任职职务设置不一致", "cross-appointment posts are inconsistent"),
    "rules.member_posts": ("党员职务设置不一致", "member posts are inconsistent"),
    "rules.percent": ("百分比须在0到100之间", "a percentage lies in 0–100"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The rules of posts and appointments."""
