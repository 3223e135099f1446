"""青松社区's points section (积分管理): a small ledger of its in-service members over 2026.

Five in-service members report to the community; the secretary of the 大党委 reviews their
check-ins. The ledger shows a few services a quarter, one rejected check-in, one reversed
approval, one redemption in the love supermarket (爱心超市) with its refund, and the "1+10"
links, where one member (who reported only in 2026) links six households so far. As of the
sample's day, 孔令辉 has no approved service in the third quarter and misses home days, and
蒋雨桐 misses September's home day: the compliance checks report them.
"""

from __future__ import annotations

import pendulum

from neighborhood_pb.calendar.civic_presets import civic_year
from neighborhood_pb.calendar.periods import DEFAULT_ZONE, Period, as_date
from neighborhood_pb.dataset import PointsRecords
from neighborhood_pb.points import (
    Approval,
    Claim,
    Entry,
    Goods,
    HouseholdLink,
    Redemption,
    RedemptionLine,
    Refund,
    Rejection,
    Restock,
    Reversal,
)

__all__ = ["REVIEWER", "community_points"]

REVIEWER = "QS-P19"
"""吕红梅, secretary of 青松社区大党委, who reviews the check-ins."""

_COMMUNITY = "QS"
_HOME_DAY = "home_day_service"

# (member, item, service day) of the services approved; home days are added below.
_SERVICES = (
    ("QS-P09", "policy_talk", "2026-01-15"),
    ("QS-P10", "volunteer_service", "2026-02-10"),
    ("QS-P14", "free_clinic", "2026-03-08"),
    ("QS-P22", "opinion_visit", "2026-03-12"),
    ("QS-P23", "civility_campaign", "2026-03-20"),
    ("QS-P09", "volunteer_service", "2026-04-18"),
    ("QS-P22", "epidemic_duty", "2026-04-25"),
    ("QS-P10", "policy_talk", "2026-05-09"),
    ("QS-P14", "opinion_visit", "2026-06-06"),
    ("QS-P23", "household_contact", "2026-06-13"),
    ("QS-P09", "visit_hardship", "2026-08-15"),
    ("QS-P09", "policy_talk", "2026-10-10"),
    ("QS-P14", "visit_illness", "2026-10-17"),
    ("QS-P09", "free_clinic", "2026-10-24"),
)

# Who attends each home day from July on (孔令辉's July check-in is reversed below).
_HOME_DAY_ATTENDANCE = {
    7: ("QS-P09", "QS-P10", "QS-P14", "QS-P22", "QS-P23"),
    8: ("QS-P09", "QS-P10", "QS-P14", "QS-P23"),
    9: ("QS-P09", "QS-P14", "QS-P23"),
    10: ("QS-P09", "QS-P10", "QS-P14", "QS-P22", "QS-P23"),
}

_HOUSEHOLDS = (
    "QS-LJ-1-101",
    "QS-LJ-1-302",
    "QS-LJ-1-502",
    "QS-LJ-1-601",
    "QS-LJ-1-701",
    "QS-LJ-2-101",
    "QS-LJ-2-201",
    "QS-LJ-2-301",
    "QS-LJ-2-502",
    "QS-LJ-2-602",
    "QS-LJ-3-101",
    "QS-LJ-3-202",
    "QS-LJ-3-402",
    "QS-HY-1-101",
    "QS-HY-1-201",
    "QS-HY-1-302",
    "QS-HY-2-101",
    "QS-HY-2-402",
    "QS-HY-2-602",
    "QS-ST-1-101",
    "QS-ST-1-202",
    "QS-FL-1-102",
    "QS-FL-1-301",
)

# (member, first household, how many, from): each takes consecutive households.
_LINKS = (
    ("QS-P09", 0, 10, "2026-01-01"),
    ("QS-P10", 3, 10, "2026-01-01"),
    ("QS-P14", 13, 10, "2026-01-01"),
    ("QS-P22", 8, 10, "2026-01-01"),
    ("QS-P23", 17, 6, "2026-03-01"),
)


def _at(day: str, hour: int) -> pendulum.DateTime:
    year, month, date = (int(part) for part in day.split("-"))
    return pendulum.datetime(year, month, date, tz=DEFAULT_ZONE).add(hours=hour)


def _claim(member: str, item: str, day: str) -> Claim:
    return Claim(
        key=f"{member}/{day}/{item}",
        member_id=member,
        item_code=item,
        service_date=day,
        at=_at(day, 20),
        actor=member,
        community_id=_COMMUNITY,
    )


def _approved(member: str, item: str, day: str) -> list[Entry]:
    claim = _claim(member, item, day)
    approval = Approval(
        key=f"{claim.key}/ok", claim_key=claim.key, at=_at(day, 24 + 9), actor=REVIEWER
    )
    return [claim, approval]


def _entries() -> list[Entry]:
    entries: list[Entry] = []
    for member, item, day in _SERVICES:
        entries += _approved(member, item, day)
    home_days = {m.month.start.month: m.home.day for m in civic_year(2026)}
    for month, members in _HOME_DAY_ATTENDANCE.items():
        for member in members:
            entries += _approved(member, _HOME_DAY, str(home_days[month]))
    refused = _claim("QS-P22", "volunteer_service", "2026-07-11")
    entries += [
        refused,
        Rejection(
            key=f"{refused.key}/no",
            claim_key=refused.key,
            at=_at("2026-07-13", 10),
            actor=REVIEWER,
            reason="活动签到表上没有本人签名",
        ),
        Reversal(
            key="QS-P22/2026-07-26/home_day_service/undo",
            approval_key="QS-P22/2026-07-26/home_day_service/ok",
            at=_at("2026-08-03", 10),
            actor=REVIEWER,
            reason="当日在外地出差，打卡由他人代签",
        ),
    ]
    entries += [
        Restock(
            key="goods/rice/1",
            goods_code="rice",
            quantity=10,
            at=_at("2026-01-05", 9),
            actor=REVIEWER,
        ),
        Restock(
            key="goods/detergent/1",
            goods_code="detergent",
            quantity=20,
            at=_at("2026-01-05", 9),
            actor=REVIEWER,
        ),
        Redemption(
            key="QS-P09/redeem/1",
            member_id="QS-P09",
            lines=(RedemptionLine(goods_code="rice", quantity=1, unit_points=5),),
            at=_at("2026-10-28", 10),
            actor=REVIEWER,
        ),
        Refund(
            key="QS-P09/redeem/1/refund",
            redemption_key="QS-P09/redeem/1",
            at=_at("2026-10-29", 10),
            actor=REVIEWER,
            reason="包装破损，退回换兑",
        ),
        Redemption(
            key="QS-P09/redeem/2",
            member_id="QS-P09",
            lines=(RedemptionLine(goods_code="detergent", quantity=1, unit_points=3),),
            at=_at("2026-10-30", 10),
            actor=REVIEWER,
        ),
        Redemption(
            key="QS-P14/redeem/1",
            member_id="QS-P14",
            lines=(RedemptionLine(goods_code="detergent", quantity=1, unit_points=3),),
            at=_at("2026-10-30", 11),
            actor=REVIEWER,
        ),
    ]
    return sorted(entries, key=lambda entry: entry.at)  # stable: a claim before its approval


def community_points() -> PointsRecords:
    """青松社区's points section: entries, goods and "1+10" links over 2026."""
    since = Period(start=pendulum.Date(2026, 1, 1))
    goods = (
        Goods(code="rice", name="大米（5kg）", points=5, period=since),
        Goods(code="detergent", name="洗衣液", points=3, period=since),
    )
    links = [
        HouseholdLink(
            id=f"{member}/link/{n}",
            person_id=member,
            household_id=_HOUSEHOLDS[(first + n) % len(_HOUSEHOLDS)],
            period=Period(start=as_date(start)),
        )
        for member, first, count, start in _LINKS
        for n in range(count)
    ]
    home_days = [m.home.day for m in civic_year(2026)[6:10]]
    return PointsRecords(
        entries=_entries(), goods=goods, household_links=links, home_days=home_days
    )
