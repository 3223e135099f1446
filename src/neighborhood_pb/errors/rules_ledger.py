"""Rules of reopening a ledger against edited registers (台账与登记变更)."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_SOURCE = Source(cited="积分台账只追加不改写：每条记录须始终符合党员报到、任职等登记")

SPECS = (
    RuleSpec(
        code="ledger.entry_refused",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"entry", "kind", "index", "why", "why_zh"},
        zh="台账记录{entry}已不符合登记，未予载入：{why_zh}",
        en="ledger entry {entry} ({kind}) no longer holds and is not loaded: {why}",
    ),
    RuleSpec(
        code="ledger.entry_dependent",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"entry", "kind", "index", "depends_on", "why", "why_zh"},
        zh="台账记录{entry}依赖未予载入的{depends_on}，一并未予载入：{why_zh}",
        en="ledger entry {entry} ({kind}) depends on {depends_on}, which is not loaded, and "
        "is not loaded either: {why}",
    ),
    RuleSpec(
        code="ledger.register_impact",
        source=_SOURCE,
        severity=Severity.ERROR,
        params={"entry", "kind", "index", "change", "why", "why_zh"},
        zh="登记变更（{change}）将使台账记录{entry}不再成立：{why_zh}",
        en="the register change ({change}) would invalidate ledger entry {entry} ({kind}): {why}",
    ),
    RuleSpec(
        code="ledger.dependent",
        source=_SOURCE,
        params={"entry", "depends_on"},
        zh="{entry}所依赖的{depends_on}未予载入",
        en="{entry} acts on {depends_on}, which is not loaded",
    ),
)
