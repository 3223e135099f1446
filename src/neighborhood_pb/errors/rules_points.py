"""Rules of the points ledger and its compliance checks (积分与在职党员进网格)."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_YONGCHUN = "永春县在职党员进网格"
_W = Severity.WARNING

_FINDINGS = (
    RuleSpec(
        code="points.quarterly_service",
        source=Source(cited=f"{_YONGCHUN}: 推动在职党员每季度至少到所在社区报到服务1次"),
        severity=_W,
        params={"community", "done", "start", "end", "last", "required"},
        zh="{subject}（报到至{community}）{start}至{last}经审核的服务{done}次；应至少{required}次",
        en="{subject} (reported to {community}) made {done} approved service(s) in "
        "[{start}, {end}); {required} required",
    ),
    RuleSpec(
        code="points.household_links",
        source=Source(cited=f"{_YONGCHUN}: 推行“1+10”帮联机制，每名在职党员就近联系至少10户群众"),
        severity=_W,
        params={"linked", "on", "required"},
        zh="{subject}截至{on}联系{linked}户群众；应至少{required}户",
        en="{subject} links {linked} household(s) on {on}; {required} required",
    ),
    RuleSpec(
        code="points.must_visits",
        source=Source(
            cited=f"{_YONGCHUN}: 重点做到“四必访”（走访困难群众、探访生病群众、察访异常家庭、"
            "接访邻里纠纷）"
        ),
        severity=_W,
        params={
            "total",
            "start",
            "end",
            "last",
            "hardship",
            "illness",
            "unusual_family",
            "dispute",
            "required",
        },
        zh="{subject}{start}至{last}“四必访”{total}次（困难{hardship}、生病{illness}、"
        "异常家庭{unusual_family}、纠纷{dispute}）；应至少{required}次",
        en="{subject} made {total} must-visit(s) in [{start}, {end}) (困难 {hardship}, 生病 "
        "{illness}, 异常家庭 {unusual_family}, 纠纷 {dispute}); {required} expected",
    ),
    RuleSpec(
        code="points.home_day_missed",
        source=Source(cited=f"{_YONGCHUN}: 依托每月最后一个周日作为全县统一的在职党员“回家日”"),
        severity=_W,
        params={"days"},
        zh="{subject}在回家日{days}没有经审核的服务",
        en="{subject} has no approved home-day service on {days}",
    ),
    RuleSpec(
        code="ledger.back_dated",
        source=Source(cited="账本审计: 余额和库存在每一时刻都不得为负，兑换与撤销不得倒签"),
        severity=Severity.ERROR,
        params={"entry", "at", "later", "later_at"},
        zh="{entry}（{at}）记入时已有更晚的{later}（{later_at}）变动同一余额或库存",
        en="{entry} at {at} was appended after {later} at {later_at}, which moved the same "
        "balance or stock",
    ),
    RuleSpec(
        code="ledger.derived_mismatch",
        source=Source(cited="账本审计: 余额、排名和等级都由流水推导，不单独存储"),
        severity=Severity.ERROR,
        params={"figure", "recorded", "recomputed"},
        zh="{figure}为{recorded}，按流水重算为{recomputed}",
        en="{figure} is {recorded}, recomputed {recomputed}",
    ),
)

_ERRORS = {
    "approval.reverse_once": ("一次审核只能撤销一次", "an approval is reversed once"),
    "catalogue.item_in_effect": ("服务项目须在当日有效", "the item is in effect that day"),
    "catalogue.versions_disjoint": ("服务项目的版本不得重叠", "item versions do not overlap"),
    "claim.actor": (
        "申报人须为本人或其社区的党组织任职人员",
        "the member or staff over the community claims",
    ),
    "claim.community": ("服务须在报到社区内", "the service lies in the community"),
    "claim.evidence": ("服务须附有佐证", "a claim carries evidence"),
    "claim.household": ("服务对象须为联系户", "the household is a linked one"),
    "claim.reported_member": ("只有已报到党员才能申报服务", "only reported members claim"),
    "claim.service_not_future": ("服务日期不能晚于申报时间", "a service is not in the future"),
    "claim.transition": ("申报状态不能如此变化", "the claim cannot change so"),
    "entry.idempotency_key": ("同一幂等键对应的流水须一致", "one key, one entry"),
    "entry.reserved_key": ("幂等键为系统保留", "the key is reserved"),
    "entry.type": ("流水类型不明", "the entry type is unknown"),
    "ledger.derived": ("账本的推导数据须与流水一致", "derived figures match the entries"),
    "levels.ascending": ("积分等级须由低到高", "levels ascend"),
    "levels.non_empty": ("至少设一个积分等级", "at least one level"),
    "levels.unique_codes": ("积分等级代码不得重复", "level codes are unique"),
    "link.household": ("联系对象须为户", "a link names a household"),
    "link.unique": ("同一联系关系不得重复登记", "a link is recorded once"),
    "link.within_lifetime": ("联系关系须在双方有效期内", "a link lies within both lives"),
    "redemption.actor": (
        "兑换须由本人或爱心超市、社区的任职人员经办",
        "the member or goods staff redeems",
    ),
    "redemption.balance": ("积分余额不足", "the balance does not cover it"),
    "redemption.in_order": ("兑换不得早于已记入的余额或库存变动", "a redemption is not back-dated"),
    "redemption.lines": ("兑换须至少有一项商品", "a redemption has lines"),
    "redemption.price": ("商品价格与货架不符", "the price does not match the shelf"),
    "redemption.refund_once": ("一次兑换只能退还一次", "a redemption is refunded once"),
    "redemption.stock": ("商品库存不足", "the stock does not cover it"),
    "refund.actor": ("退还须由爱心超市或社区的任职人员经办", "goods staff refund"),
    "refund.after_redemption": ("退还须在兑换之后", "a refund follows its redemption"),
    "refund.not_self": ("不得为本人的兑换办理退还", "nobody refunds their own redemption"),
    "restock.actor": ("进货须由爱心超市所属党组织的任职人员经办", "supermarket staff restock"),
    "reversal.after_approval": ("撤销须在审核之后", "a reversal follows its approval"),
    "reversal.in_order": (
        "撤销不得早于该党员最近一次兑换",
        "a reversal follows the latest redemption",
    ),
    "review.after_claim": ("审核须在申报之后", "a review follows its claim"),
    "review.authority": ("审核人无此审核权限", "the reviewer lacks the authority"),
    "review.not_self": ("不得审核本人的申报", "nobody reviews their own claim"),
    "shelf.goods_on_sale": ("商品须在货架上", "the goods are on sale"),
    "shelf.versions_disjoint": ("货架的版本不得重叠", "shelf versions do not overlap"),
    "standings.calendar_period": ("排名须按自然月、季度或年度", "standings use calendar periods"),
    "standings.top_n": ("排名数须为正数", "top n is positive"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The points rules."""
