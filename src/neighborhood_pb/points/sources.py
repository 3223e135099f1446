"""Where the points rules come from (来源).

Every default in :mod:`neighborhood_pb.points` that the sources state is cited here, once;
docstrings and findings refer to these entries. Where the sources are silent (point values,
most sub-items, level thresholds) the library says so instead of citing anything.
"""

from __future__ import annotations

from typing import Any

from neighborhood_pb.errors.validators import positive_int, whole_in_range

__all__ = ["MAX_POINTS", "MAX_QUANTITY", "POINTS_SOURCES", "SOURCE_SILENT", "points_bound"]

_YONGCHUN = "永春县在职党员进网格"

POINTS_SOURCES: dict[str, str] = {
    "categories": f"{_YONGCHUN}: 设置政策宣传、文明倡导、民意收集、义诊义诊（原文如此）、"
    "疫情防控等8大类服务项目，并细化为45个子项目",
    "points_management": f"{_YONGCHUN}: 通过近邻党建信息平台实行积分管理，实现信息发布、活动打卡、"
    "积分审核、实时通报等功能",
    "quarterly_service": f"{_YONGCHUN}: 推动在职党员每季度至少到所在社区报到服务1次",
    "household_links": f"{_YONGCHUN}: 推行“1+10”帮联机制，每名在职党员就近联系至少10户群众",
    "must_visits": f"{_YONGCHUN}: 重点做到“四必访”（走访困难群众、探访生病群众、察访异常家庭、"
    "接访邻里纠纷）",
    "home_day": f"{_YONGCHUN}: 依托每月最后一个周日作为全县统一的在职党员“回家日”",
    "love_supermarket": "积分兑换“爱心超市”: 常见做法，来源文章未给出商品、价格或兑换比例",
}
"""The sources' statements behind the points defaults, by topic."""

SOURCE_SILENT = "来源未载明 (the sources are silent; a configurable placeholder)"
"""Marks a default the sources do not give (point values, caps, thresholds)."""


MAX_POINTS = 100_000_000
"""Most points one service item, one piece of goods or one redemption line may carry (一亿):
counties score items a few points each, and with this ceiling every balance and total of a
city stays far inside the 64-bit integers that Arrow, DuckDB and Spark keep figures in
(rule ``record.range``)."""

MAX_QUANTITY = 1_000_000
"""Most pieces of goods one restock or one redemption line may move (rule ``record.range``)."""


def points_bound(limit: int) -> Any:
    """Validators of a whole number from 1 to ``limit``: ``record.positive`` below 1,
    ``record.range`` above ``limit``."""
    return [positive_int(), whole_in_range(None, limit, rule="record.range")]
