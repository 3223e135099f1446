"""The procedures named by the sources, as data (议事规程预设).

Each preset cites its source. Deadlines and publication periods the sources do not give are
this library's defaults (said in the step's docstring); change them with ``attrs.evolve``.
"""

from __future__ import annotations

from neighborhood_pb.calendar.civic_presets import DELIBERATION_DAY
from neighborhood_pb.governance.procedures import (
    ActorKind,
    Deadline,
    DeadlineKind,
    Procedure,
    PublicationRule,
    Step,
    StepActor,
)

__all__ = [
    "PRESETS",
    "SIX_DELIBERATIONS",
    "TONGHUA_THREE_DELIBERATIONS",
    "WHISTLE_RESPONSE",
    "YONGCHUN_FOUR_STEPS",
]

_NEXT_DAY = Deadline(kind=DeadlineKind.NEXT_DELIBERATION_DAY, civic_day=DELIBERATION_DAY)


def _within(days: int) -> Deadline:
    return Deadline(kind=DeadlineKind.WORKING_DAYS, days=days)


def _post(role: str, label_zh: str) -> StepActor:
    return StepActor(kind=ActorKind.POST, role=role, label_zh=label_zh)


_RESIDENT = StepActor(kind=ActorKind.RESIDENT, label_zh="居民")
_ASSEMBLY = StepActor(kind=ActorKind.OWNERS_ASSEMBLY, label_zh="业主大会")
_COMMUNITY = _post("community_party_org", "社区党组织")

YONGCHUN_FOUR_STEPS = Procedure(
    code="yongchun_four_steps",
    label_zh="提议—商议—践议—议评",
    source="永春县近邻党建: 每月第一个工作日为社区“议事日”，按提议—商议—践议—议评四步议事",
    steps=(
        Step(
            code="propose",
            label_zh="提议",
            decides="提出议题",
            actors=(_RESIDENT, _COMMUNITY),
        ),
        Step(
            code="consult",
            label_zh="商议",
            decides="议事日商定是否办理及办理方案",
            actors=(_COMMUNITY,),
            deadline=_NEXT_DAY,
            publications=(PublicationRule(what="plan", label_zh="方案公示", min_days=7),),
        ),
        Step(
            code="implement",
            label_zh="践议",
            decides="落实商定的方案",
            actors=(_COMMUNITY,),
            deadline=_within(20),
        ),
        Step(
            code="evaluate",
            label_zh="议评",
            decides="居民评议办理结果",
            actors=(_COMMUNITY,),
            deadline=_NEXT_DAY,
            publications=(PublicationRule(what="result", label_zh="结果公开", min_days=7),),
        ),
    ),
)
"""永春县's four steps on the deliberation day (议事日: the first working day of each month).
Consultation and evaluation fall due by the next deliberation day; implementation within 20
working days and the 7-day publications are library defaults."""

TONGHUA_THREE_DELIBERATIONS = Procedure(
    code="tonghua_three_deliberations",
    label_zh="三议一审两公开",
    source="通化县: 网格党支部、业委会、物业企业提议，社区党组织召集联席会议商议，业主大会决议，"
    "社区党工委审核，过程和结果向全体业主公开",
    steps=(
        Step(
            code="propose",
            label_zh="提议",
            decides="提出涉及业主共同利益的重大事项",
            actors=(
                _post("grid_branch", "网格党支部"),
                _post("owners_committee", "业主委员会"),
                _post("property_company", "物业服务企业"),
            ),
        ),
        Step(
            code="consult",
            label_zh="商议",
            decides="联席会议商议形成方案",
            actors=(_COMMUNITY,),
            deadline=_within(10),
            publications=(PublicationRule(what="process", label_zh="过程公开", min_days=7),),
        ),
        Step(
            code="resolve",
            label_zh="决议",
            decides="业主大会表决",
            actors=(_ASSEMBLY,),
            deadline=_within(20),
        ),
        Step(
            code="review",
            label_zh="审核",
            decides="社区党工委审核决议",
            actors=(_post("community_working_committee", "社区党工委"),),
            deadline=_within(5),
            publications=(PublicationRule(what="result", label_zh="结果公开", min_days=7),),
        ),
    ),
)
"""通化县's 三议一审两公开 for major property matters: three deliberations (propose, consult
at the joint meeting, resolve in the owners' assembly), one review, two publications (the
process and the result). Working-day deadlines and 7-day publications are library defaults."""

SIX_DELIBERATIONS = Procedure(
    code="six_deliberations",
    label_zh="六议三公开",
    source="004: 六议三公开居民议事 (the source names only the counts)",
    assumption="步骤由本库假定：征议、提议、审议、商议、决议、评议；公开议题、方案、结果",
    steps=(
        Step(
            code="collect", label_zh="征议", decides="征集居民议题", actors=(_RESIDENT, _COMMUNITY)
        ),
        Step(
            code="propose",
            label_zh="提议",
            decides="梳理形成议题",
            actors=(_COMMUNITY,),
            deadline=_within(10),
            publications=(PublicationRule(what="topic", label_zh="议题公开", min_days=5),),
        ),
        Step(
            code="check",
            label_zh="审议",
            decides="社区党组织把关",
            actors=(_COMMUNITY,),
            deadline=_within(10),
        ),
        Step(
            code="consult",
            label_zh="商议",
            decides="居民理事会、业委会商议方案",
            actors=(_post("residents_council", "居民理事会"), _post("owners_committee", "业委会")),
            deadline=_within(10),
            publications=(PublicationRule(what="plan", label_zh="方案公开", min_days=5),),
        ),
        Step(
            code="resolve",
            label_zh="决议",
            decides="社区代表大会决议",
            actors=(_post("community_congress", "社区代表大会"),),
            deadline=_within(20),
        ),
        Step(
            code="evaluate",
            label_zh="评议",
            decides="项目服务谁、谁评价项目",
            actors=(_COMMUNITY,),
            deadline=_within(20),
            publications=(PublicationRule(what="result", label_zh="结果公开", min_days=5),),
        ),
    ),
)
"""004's 六议三公开. The source gives only the counts (six deliberations, three
publications) and the order party organisation → 居民理事会、业委会 → 社区代表大会 → publication,
with residents evaluating the projects that serve them. The six step names, their deadlines
and the 5-day publications are THIS LIBRARY'S ASSUMPTION (see :attr:`Procedure.assumption`)."""

WHISTLE_RESPONSE = Procedure(
    code="whistle_response",
    label_zh="吹哨报到",
    source="通化县、永春县: 群众吹哨、街居响应、部门报到",
    steps=(
        Step(code="whistle", label_zh="群众吹哨", decides="群众提出诉求", actors=(_RESIDENT,)),
        Step(
            code="respond",
            label_zh="街居响应",
            decides="街道、社区受理并派单",
            actors=(_COMMUNITY, _post("street_working_committee", "街道党工委")),
            deadline=_within(1),
        ),
        Step(
            code="report",
            label_zh="部门报到",
            decides="职能部门到场办理并反馈",
            actors=(_post("department", "职能部门"),),
            deadline=_within(5),
            publications=(PublicationRule(what="result", label_zh="办理结果公开", min_days=3),),
        ),
    ),
)
"""吹哨报到: residents blow the whistle, the street or community responds, the department
reports and acts. The 1- and 5-working-day deadlines and the 3-day publication are library
defaults."""

PRESETS: tuple[Procedure, ...] = (
    YONGCHUN_FOUR_STEPS,
    TONGHUA_THREE_DELIBERATIONS,
    SIX_DELIBERATIONS,
    WHISTLE_RESPONSE,
)
"""Every preset procedure."""
