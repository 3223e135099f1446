"""青松社区's year of deliberations (议事), written as code for the community sample.

Twelve deliberation days (议事日, the first working day of each month) from November 2025 to
October 2026 each take up three residents' suggestions in 永春县's four steps
(提议—商议—践议—议评); one suggestion a quarter is turned down. 丽景小区 decides a lift by
通化县's 三议一审两公开: a joint meeting, an owners' assembly vote under Civil Code art. 278,
the working committee's review, the process and the result published. That is 13 meetings,
33 suggestions adopted and 30 matters closed in the year, 004's counts (13 deliberations,
30+ suggestions adopted, 20+ problems solved). One evaluation came a day late, and one
matter decided in September was never carried out: ``nbpb validate`` reports it overdue.
"""

from __future__ import annotations

import pendulum

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.calendar.civic_presets import DELIBERATION_DAY
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.dataset.records import GovernanceRecords
from neighborhood_pb.governance.evaluations import Rating
from neighborhood_pb.governance.matters import Closure, Decision, Matter, Party, Review, StepTaken
from neighborhood_pb.governance.meetings import Meeting, MeetingKind, Resolution
from neighborhood_pb.governance.presets import TONGHUA_THREE_DELIBERATIONS, YONGCHUN_FOUR_STEPS
from neighborhood_pb.governance.procedures import next_deliberation_day
from neighborhood_pb.governance.publications import Publication
from neighborhood_pb.governance.records import DeliberationRecords
from neighborhood_pb.governance.votes import Ballot, Choice, MatterClass, OwnerShare, Vote

__all__ = ["community_governance"]

_SECRETARY, _DEPUTY, _WORKING = "QS-P19", "QS-P21", "QS-P20"
_COMMUNITY_ORG = Party(role="community_party_org", org_id="QS-GC")
_RESIDENTS = {  # who lives in each compound (their household records), proposers first
    "QS-LJ": ("QS-P25", "QS-P26", "QS-P02", "QS-P04", "QS-P07", "QS-P08"),
    "QS-HY": ("QS-P27", "QS-P28", "QS-P12", "QS-P11"),
    "QS-ST": ("QS-P15", "QS-P16"),
    "QS-FL": ("QS-P17", "QS-P18"),
}
_TOPICS = (
    ("QS-LJ", "楼道照明改造"),
    ("QS-HY", "非机动车棚加装充电桩"),
    ("QS-ST", "小区道路破损修补"),
    ("QS-FL", "垃圾分类投放点迁移"),
    ("QS-LJ", "健身器材维修"),
    ("QS-HY", "楼顶防水补漏"),
)
_REJECTED_MONTHS = (2, 5, 8, 11)
"""One suggestion turned down a quarter (the first of those days)."""
_LATE = ("QS-M0401",)
"""Evaluated a day after the next deliberation day."""
_STALLED = "QS-M1001"
"""Decided on 1 September 2026 and never carried out: overdue on the sample's day."""


def _at(day: pendulum.Date, time: str = "09:30") -> str:
    return f"{day.isoformat()}T{time}:00+08:00"


def _deliberation_days() -> list[pendulum.Date]:
    calendar = china_working_days()
    days, day = [], pendulum.Date(2025, 10, 31)
    for _ in range(13):
        day = next_deliberation_day(DELIBERATION_DAY, calendar, day)
        days.append(day)
    return days


def community_governance() -> GovernanceRecords:
    """The governance section of the community sample (see the module)."""
    r = _Records()
    days = _deliberation_days()
    for month, day in enumerate(days[:12]):
        raised = pendulum.Date(2025, 11, 2) if month == 0 else days[month - 1].add(days=7)
        resolutions = []
        for number in range(3):
            matter_id = f"QS-M{month:02d}{number:02d}"
            territory, topic = _TOPICS[(month * 3 + number) % len(_TOPICS)]
            residents = _RESIDENTS[territory]
            proposer = residents[(month + number) % 2]
            r.matters.append(
                Matter(
                    id=matter_id,
                    title=f"{topic}（{day.month}月议事日）",
                    proposer_id=proposer,
                    territory_id=territory,
                    category="community",
                    procedure=YONGCHUN_FOUR_STEPS.code,
                    proposed_at=_at(raised, f"{10 + number}:00"),
                    parties=(_COMMUNITY_ORG,),
                )
            )
            r.step(matter_id, "propose", proposer, raised, f"{10 + number}:00")
            rejected = number == 0 and month in _REJECTED_MONTHS
            resolutions.append(
                Resolution(matter_id=matter_id, text="不予立项" if rejected else "立项办理")
            )
            r.step(
                matter_id,
                "consult",
                _SECRETARY,
                day,
                decision=Decision.REJECTED if rejected else Decision.ADOPTED,
                references=(f"QS-MT{month:02d}",),
            )
            if rejected:
                continue
            r.publish(matter_id, "plan", day, 7)
            if matter_id == _STALLED or month == 11:
                continue
            r.step(matter_id, "implement", _DEPUTY, day.add(days=14))
            evaluated = days[month + 1].add(days=1 if matter_id in _LATE else 0)
            r.step(matter_id, "evaluate", _SECRETARY, evaluated, "15:00")
            r.publish(matter_id, "result", evaluated, 7)
            r.closures.append(
                Closure(
                    matter_id=matter_id,
                    actor_id=_SECRETARY,
                    at=_at(evaluated.add(days=8)),
                    outcome=f"{topic}已办结",
                )
            )
            for place, resident in enumerate(residents[2:5]):
                r.ratings.append(
                    Rating(
                        matter_id=matter_id,
                        resident_id=resident,
                        at=_at(evaluated, "16:00"),
                        satisfied=(month + number + place) % 7 != 0,
                    )
                )
        r.meetings.append(
            Meeting(
                id=f"QS-MT{month:02d}",
                kind=MeetingKind.DELIBERATION_DAY,
                day=day,
                chair_id=_SECRETARY,
                attendees={_SECRETARY, _DEPUTY, _WORKING, "QS-P01", "QS-P11"},
                quorum=3,
                resolutions=resolutions,
            )
        )
    _lift(r)
    return GovernanceRecords(
        deliberations=DeliberationRecords(
            matters=r.matters,
            steps=r.steps,
            votes=r.votes,
            meetings=r.meetings,
            publications=r.publications,
            closures=r.closures,
            reviews=r.reviews,
            ratings=r.ratings,
        )
    )


def _lift(r: _Records) -> None:
    """丽景小区's lift, by 三议一审两公开, paid from the maintenance fund (a special matter)."""
    matter_id = "QS-LIFT"
    r.matters.append(
        Matter(
            id=matter_id,
            title="丽景小区2栋加装电梯",
            proposer_id="QS-P05",
            territory_id="QS-LJ",
            category="property",
            procedure=TONGHUA_THREE_DELIBERATIONS.code,
            proposed_at=_at(pendulum.Date(2026, 4, 13)),
            parties=(
                Party(role="owners_committee", org_id="QS-LJ-OC"),
                _COMMUNITY_ORG,
                Party(role="community_working_committee", org_id="QS-WC"),
            ),
        )
    )
    r.step(matter_id, "propose", "QS-P05", pendulum.Date(2026, 4, 13))
    r.meetings.append(
        Meeting(
            id="QS-JM01",
            kind=MeetingKind.JOINT,
            day="2026-04-20",
            chair_id=_SECRETARY,
            attendees={_SECRETARY, _WORKING, "QS-P05", "QS-P01", "QS-P29"},
            quorum=3,
            resolutions=(Resolution(matter_id=matter_id, text="提交业主大会表决"),),
        )
    )
    r.step(matter_id, "consult", _SECRETARY, pendulum.Date(2026, 4, 20), references=("QS-JM01",))
    r.publish(matter_id, "process", pendulum.Date(2026, 4, 21), 9)
    owners = [
        OwnerShare(owner_id=f"QS-LJ-2-{room}", area=90 + 5 * n)
        for n, room in enumerate(
            ("101", "201", "301", "401", "502", "602", "701", "801", "901", "1001", "1101", "1201")
        )
    ]
    ballots = [
        Ballot(owner_id=o.owner_id, choice=Choice.AGAINST if n == 3 else Choice.FOR)
        for n, o in enumerate(owners[:10])
    ]
    r.votes.append(
        Vote(
            id="QS-V01",
            matter_id=matter_id,
            at=_at(pendulum.Date(2026, 5, 15), "18:00"),
            matter_class=MatterClass.SPECIAL,
            owners=owners,
            ballots=ballots,
        )
    )
    r.step(matter_id, "resolve", _SECRETARY, pendulum.Date(2026, 5, 15), "19:00", vote_id="QS-V01")
    r.step(matter_id, "review", _WORKING, pendulum.Date(2026, 5, 20))
    r.publish(matter_id, "result", pendulum.Date(2026, 5, 21), 10)
    r.closures.append(
        Closure(
            matter_id=matter_id,
            actor_id=_SECRETARY,
            at=_at(pendulum.Date(2026, 6, 1)),
            outcome="电梯已开工",
            review_on="2026-09-30",
        )
    )
    r.reviews.append(
        Review(
            matter_id=matter_id,
            actor_id=_SECRETARY,
            at=_at(pendulum.Date(2026, 9, 25)),
            note="电梯已投用",
        )
    )
    for resident in ("QS-P25", "QS-P26", "QS-P04"):
        r.ratings.append(
            Rating(
                matter_id=matter_id,
                resident_id=resident,
                at=_at(pendulum.Date(2026, 9, 26)),
                satisfied=True,
            )
        )


class _Records:
    """The records as they are written, kind by kind."""

    def __init__(self) -> None:
        self.matters: list[Matter] = []
        self.steps: list[StepTaken] = []
        self.votes: list[Vote] = []
        self.meetings: list[Meeting] = []
        self.publications: list[Publication] = []
        self.closures: list[Closure] = []
        self.reviews: list[Review] = []
        self.ratings: list[Rating] = []

    def step(
        self,
        matter_id: str,
        step: str,
        actor: str,
        day: pendulum.Date,
        time: str = "09:30",
        **extra: object,
    ) -> None:
        self.steps.append(
            StepTaken(
                id=f"{matter_id}-{step}",
                matter_id=matter_id,
                step=step,
                actor_id=actor,
                at=_at(day, time),
                **extra,  # type: ignore[arg-type]
            )
        )

    def publish(self, matter_id: str, what: str, start: pendulum.Date, days: int) -> None:
        self.publications.append(
            Publication(
                id=f"{matter_id}-{what}",
                matter_id=matter_id,
                actor_id=_SECRETARY,
                what=what,
                where="社区公告栏、小区微信群",
                period=Period(start=start, end=start.add(days=days)),
            )
        )
