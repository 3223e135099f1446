"""Rules of the monthly reconciliation of registers (台账月度比对): its findings and errors."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_SOURCE = Source(
    cited="党员组织关系和在职党员报到台账按月更新",
    note_zh="台账按月更新；本库默认：被拒绝的变更逐条报告，不作任何改动",
    note_en="registers kept month by month; library default: a change the aggregates refuse "
    "is reported and nothing is applied",
)

_FINDINGS = (
    RuleSpec(
        code="reconcile.refused",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"change", "change_zh", "change_en", "rule", "detail", "detail_zh"},
        zh="{subject}：变更“{change_zh}”被拒绝（规则 {rule}）：{detail_zh}",
        en="{subject}: the change “{change_en}” is refused (rule {rule}): {detail}",
    ),
    RuleSpec(
        code="reconcile.refused_row",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"change", "change_zh", "change_en", "rule", "detail", "detail_zh", "sheet", "row"},
        zh="{sheet}第{row}行，{subject}：变更“{change_zh}”被拒绝（规则 {rule}）：{detail_zh}",
        en="{sheet} row {row}, {subject}: the change “{change_en}” is refused (rule {rule}): "
        "{detail}",
    ),
    RuleSpec(
        code="reconcile.several_org_changes",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"fields"},
        zh="{subject}：同一天更改了多项（{fields}）；每次只改一项（更名、调整上级或改变组织形式）",
        en="{subject}: several attributes change on one day ({fields}); change one at a "
        "time (rename, move or re-form)",
    ),
    RuleSpec(
        code="reconcile.future_record",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"start"},
        zh="{subject}自{start}起生效，晚于比对生效日，登记表中却已没有；请直接更正数据",
        en="{subject} starts on {start}, not before the reconciliation's effective day, and "
        "is no longer in the registers; correct the data directly",
    ),
)

_ERRORS = {
    "reconcile.effective_before_as_of": (
        "比对生效日不得早于现有数据的截止日期：以前月份的数据保持不变",
        "the effective day is not before the current data's as-of day: earlier months stay "
        "unchanged",
    ),
    "reconcile.not_applicable": (
        "有变更被拒绝，比对结果未应用（全部或全不）",
        "some changes are refused, so nothing is applied (all or nothing)",
    ),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The reconciliation rules."""
