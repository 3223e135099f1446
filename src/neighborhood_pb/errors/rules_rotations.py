"""Rules of duty rotations (轮值): their findings and errors."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_FINDINGS = (
    RuleSpec(
        code="rotation.unfair",
        source=Source(cited="rotation.fairness: 同一轮值顺序中，全程有资格者的轮值次数相差不超过1"),
        severity=Severity.WARNING,
        params={"stretch", "high", "high_turns", "low", "low_turns"},
        zh="轮值{subject}：{stretch}期间{high}轮值{high_turns}次，{low}仅{low_turns}次，"
        "二者全程有资格；次数相差不应超过1",
        en="rotation {subject}: in the turns of {stretch} {high} had {high_turns} turns but "
        "{low} only {low_turns}, both eligible throughout; turns should differ by at most one",
    ),
    RuleSpec(
        code="rotation.vacant",
        source=Source(cited="rotation.coverage: 每一天都应有人轮值"),
        severity=Severity.WARNING,
        params={"start", "end", "term"},
        zh="轮值{subject}：{start}至{end}（第{term}期）无人轮值；无人有资格，或轮值人职务已结束",
        en="rotation {subject}: nobody is on duty [{start}, {end}) (term {term}); nobody "
        "eligible, or the holder's post ended",
    ),
)

_ERRORS = {
    "chair.no_term_length": ("主持轮值不设任期长度", "a chair rotation has no term length"),
    "edit.non_empty": ("修改须有内容", "an edit changes something"),
    "eligibility.no_overlap": ("资格期不得重叠", "eligibility periods do not overlap"),
    "eligibility.running": ("资格期须在进行中", "the eligibility is running"),
    "horizon.closed": ("检查区间须有结束日", "a horizon is closed"),
    "meeting.exists": ("会议须存在", "the meeting exists"),
    "meeting.one_a_day": ("每天只开一次会议", "one meeting a day"),
    "order.member": ("轮值人须在轮值顺序中", "the person is in the order"),
    "order.non_empty": ("轮值顺序不能为空", "an order is not empty"),
    "order.unique": ("轮值顺序中不得重复", "nobody appears twice in an order"),
    "override.absent_holder": ("代班须替代当期轮值人", "an override covers the holder"),
    "override.eligible": ("代班人须有资格", "the substitute is eligible"),
    "override.no_overlap": ("代班不得重叠", "overrides do not overlap"),
    "override.other_person": ("代班人须为他人", "the substitute is someone else"),
    "override.within_term": ("代班须在一期之内", "an override lies within one term"),
    "roster.known": ("轮值表须存在", "the roster exists"),
    "rotation.term_months": ("轮值期长度不符合规定", "the term length does not fit"),
    "rules.rotation_bounds": ("轮值期上下限不一致", "rotation bounds are inconsistent"),
    "rules.rotation_positive": (
        "轮值期长度须为1至1200个月",
        "a rotation length is 1-1200 months",
    ),
    "swap.distinct": ("换班须在两人之间", "a swap is between two people"),
    "swap.eligible": ("换班双方须有资格", "both sides are eligible"),
    "swap.holder": ("换班须由当期轮值人发起", "the holder swaps"),
    "swap.once": ("一期只能换班一次", "a term is swapped once"),
    "swap.term_start": ("换班须从一期开始日起", "a swap starts at a term's start"),
    "withdraw.once": ("一项记录只能撤回一次", "a record is withdrawn once"),
    "withdraw.target": ("撤回对象须存在", "the withdrawn record exists"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The rotation rules."""
