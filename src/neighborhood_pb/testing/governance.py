"""Hypothesis strategies for deliberation: procedures, matters, events, votes, meetings,
publications, ratings, standing and whole record sets (议事测试数据).

:func:`governance_world` builds a small world (a standing and matters bound to it) that
stateful tests and applications can drive with valid and invalid commands.
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
from hypothesis import strategies as st

from neighborhood_pb.calendar.civic_presets import DELIBERATION_DAY
from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.governance.evaluations import Rating
from neighborhood_pb.governance.matters import (
    Closure,
    Decision,
    Matter,
    Party,
    Review,
    StepTaken,
)
from neighborhood_pb.governance.meetings import Meeting, MeetingKind, Resolution
from neighborhood_pb.governance.presets import PRESETS
from neighborhood_pb.governance.procedures import (
    ActorKind,
    Deadline,
    DeadlineKind,
    Procedure,
    PublicationRule,
    Step,
    StepActor,
)
from neighborhood_pb.governance.publications import Publication
from neighborhood_pb.governance.records import DeliberationRecords
from neighborhood_pb.governance.standing import (
    Employment,
    ExplicitStanding,
    PostHolding,
    Residence,
)
from neighborhood_pb.governance.votes import (
    AssemblyRules,
    Ballot,
    Choice,
    MatterClass,
    OwnerShare,
    Threshold,
    Vote,
)

__all__ = [
    "GovernanceWorld",
    "assembly_rules",
    "ballots",
    "closures",
    "deadlines",
    "deliberation_records",
    "governance_world",
    "instants",
    "matters",
    "meetings",
    "owner_shares",
    "parties",
    "procedures",
    "publication_rules",
    "publications",
    "ratings",
    "residences",
    "reviews",
    "standings",
    "step_actors",
    "steps",
    "steps_taken",
    "thresholds",
    "votes",
]

_FIRST = _dt.date(2026, 1, 1)
_LAST = _dt.date(2026, 12, 20)
_ZONE = "Asia/Shanghai"
_IDS = st.integers(min_value=0, max_value=9)


def _id(prefix: str) -> st.SearchStrategy[str]:
    return _IDS.map(lambda n: f"{prefix}{n}")


def instants(
    min_value: _dt.date = _FIRST, max_value: _dt.date = _LAST
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware instants in Beijing time, to the minute, in 2026 by default (official data)."""
    return st.builds(
        lambda day, minute: pendulum.datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tz=_ZONE
        ),
        st.dates(min_value=min_value, max_value=max_value),
        st.integers(min_value=0, max_value=24 * 60 - 1),
    )


def _periods() -> st.SearchStrategy[Period]:
    return st.builds(
        lambda start, length: Period(
            start=as_date(start), end=None if length == 0 else as_date(start).add(days=length)
        ),
        st.dates(min_value=_FIRST, max_value=_LAST),
        st.integers(min_value=0, max_value=30),
    )


def step_actors() -> st.SearchStrategy[StepActor]:
    """Actors of a step: a post in a role, the owners' assembly or a resident."""
    return st.one_of(
        _id("role").map(lambda r: StepActor(kind=ActorKind.POST, role=r, label_zh="任职人员")),
        st.just(StepActor(kind=ActorKind.OWNERS_ASSEMBLY, label_zh="业主大会")),
        st.just(StepActor(kind=ActorKind.RESIDENT, label_zh="居民")),
    )


def deadlines() -> st.SearchStrategy[Deadline]:
    """Deadline rules: none, N working days, or the next deliberation day."""
    return st.one_of(
        st.just(Deadline()),
        st.integers(min_value=1, max_value=30).map(
            lambda n: Deadline(kind=DeadlineKind.WORKING_DAYS, days=n)
        ),
        st.just(Deadline(kind=DeadlineKind.NEXT_DELIBERATION_DAY, civic_day=DELIBERATION_DAY)),
    )


def publication_rules() -> st.SearchStrategy[PublicationRule]:
    """What a step publishes, and for how long."""
    return st.builds(
        PublicationRule,
        what=_id("pub"),
        label_zh=st.sampled_from(["过程公开", "结果公开", ""]),
        min_days=st.integers(min_value=0, max_value=15),
    )


def steps(code: str = "s") -> st.SearchStrategy[Step]:
    """A step with code ``code``."""
    return st.builds(
        Step,
        code=st.just(code),
        label_zh=st.sampled_from(["提议", "商议", "决议", ""]),
        decides=st.text(max_size=5),
        actors=st.lists(step_actors(), min_size=1, max_size=3, unique=True),
        deadline=deadlines(),
        skippable=st.booleans(),
        publications=st.lists(publication_rules(), max_size=2, unique_by=lambda r: r.what),
    )


@st.composite
def procedures(draw: st.DrawFn, *, presets: bool = True) -> Procedure:
    """A procedure: a preset, or generated steps (two to five)."""
    if presets and draw(st.booleans()):
        return draw(st.sampled_from(PRESETS))
    count = draw(st.integers(min_value=2, max_value=5))
    drawn = [draw(steps(f"s{i}")) for i in range(count)]
    return Procedure(
        code=draw(_id("proc")),
        label_zh="议事规程",
        steps=drawn,
        source="generated",
        assumption=draw(st.sampled_from(["", "假定"])),
    )


def parties() -> st.SearchStrategy[Party]:
    """A role bound to an organisation."""
    return st.builds(Party, role=_id("role"), org_id=_id("org"))


def matters(procedure: Procedure | None = None) -> st.SearchStrategy[Matter]:
    """Matters (following ``procedure`` when given, binding some of its roles)."""
    roles = sorted(procedure.roles) if procedure else ["role0", "role1"]
    return st.builds(
        Matter,
        id=_id("M"),
        title=st.sampled_from(["更换电梯", "加装充电桩", "整治停车"]),
        proposer_id=_id("P"),
        territory_id=_id("X"),
        category=st.sampled_from(["property", "environment", ""]),
        procedure=st.just(procedure.code if procedure else "tonghua_three_deliberations"),
        proposed_at=instants(),
        parties=st.lists(st.sampled_from(roles), unique=True).map(
            lambda rs: tuple(Party(role=r, org_id=f"org-{r}") for r in rs)
        ),
        households=st.frozensets(_id("H"), max_size=3),
    )


def steps_taken(matter_id: str | None = None) -> st.SearchStrategy[StepTaken]:
    """Step events (valid or not against any aggregate)."""
    return st.builds(
        StepTaken,
        id=_id("E"),
        matter_id=st.just(matter_id) if matter_id else _id("M"),
        step=st.sampled_from(["propose", "consult", "resolve", "review", "nope"]),
        actor_id=_id("P"),
        at=instants(),
        decision=st.sampled_from(Decision),
        references=st.lists(st.sampled_from(["纪要1", "文件2"]), max_size=2).map(tuple),
        vote_id=st.none() | _id("V"),
    )


def closures() -> st.SearchStrategy[Closure]:
    """Closures, some with a review day."""
    return st.builds(
        Closure,
        matter_id=_id("M"),
        actor_id=_id("P"),
        at=instants(),
        outcome=st.text(max_size=5),
        review_on=st.none() | st.dates(min_value=_FIRST, max_value=_LAST).map(as_date),
    )


def reviews() -> st.SearchStrategy[Review]:
    """Reviews of closed matters."""
    return st.builds(
        Review, matter_id=_id("M"), actor_id=_id("P"), at=instants(), note=st.text(max_size=5)
    )


def thresholds() -> st.SearchStrategy[Threshold]:
    """Exact shares n/d, at least or more than."""
    return st.integers(min_value=1, max_value=12).flatmap(
        lambda d: st.builds(
            Threshold,
            numerator=st.integers(min_value=0, max_value=d),
            denominator=st.just(d),
            strict=st.booleans(),
        )
    )


def assembly_rules() -> st.SearchStrategy[AssemblyRules]:
    """Owners' assembly rules."""
    return st.builds(
        AssemblyRules,
        participation=thresholds(),
        special=thresholds(),
        ordinary=thresholds(),
        source=st.just("generated"),
    )


def owner_shares() -> st.SearchStrategy[OwnerShare]:
    """An owner with an exclusive area in 0.01 m²."""
    return st.builds(
        OwnerShare, owner_id=_id("O"), area=st.integers(min_value=3000, max_value=20000)
    )


def ballots() -> st.SearchStrategy[Ballot]:
    """A ballot."""
    return st.builds(Ballot, owner_id=_id("O"), choice=st.sampled_from(Choice))


@st.composite
def votes(draw: st.DrawFn, matter_id: str | None = None) -> Vote:
    """A vote whose ballots come from its owners (any turnout, any result)."""
    owners = draw(st.lists(owner_shares(), min_size=1, max_size=10, unique_by=lambda o: o.owner_id))
    voters = draw(st.lists(st.sampled_from(owners), unique=True))
    return Vote(
        id=draw(_id("V")),
        matter_id=matter_id or draw(_id("M")),
        at=draw(instants()),
        matter_class=draw(st.sampled_from(MatterClass)),
        owners=owners,
        ballots=[Ballot(owner_id=o.owner_id, choice=draw(st.sampled_from(Choice))) for o in voters],
        contract_company_id=draw(st.none() | _id("PM")),
    )


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    """A meeting whose chair attends."""
    attendees = draw(st.frozensets(_id("P"), min_size=1, max_size=6))
    return Meeting(
        id=draw(_id("MT")),
        kind=draw(st.sampled_from(MeetingKind)),
        day=draw(st.dates(min_value=_FIRST, max_value=_LAST)),
        chair_id=draw(st.sampled_from(sorted(attendees))),
        attendees=attendees,
        quorum=draw(st.integers(min_value=1, max_value=7)),
        resolutions=draw(
            st.lists(st.builds(Resolution, matter_id=_id("M"), text=st.just("同意")), max_size=2)
        ),
        chair_rotation_id=draw(st.none() | _id("CR")),
    )


def publications() -> st.SearchStrategy[Publication]:
    """Publications (open or closed periods)."""
    return st.builds(
        Publication,
        id=_id("PUB"),
        matter_id=_id("M"),
        actor_id=_id("P"),
        what=st.sampled_from(["process", "result", "plan", "nope"]),
        where=st.sampled_from(["小区公告栏", "微信群"]),
        period=_periods(),
    )


def ratings() -> st.SearchStrategy[Rating]:
    """Residents' ratings."""
    return st.builds(
        Rating,
        matter_id=_id("M"),
        resident_id=_id("O"),
        at=instants(),
        satisfied=st.booleans(),
        comment=st.text(max_size=5),
    )


def residences() -> st.SearchStrategy[Residence]:
    """Residences."""
    return st.builds(
        Residence,
        person_id=_id("O"),
        territory_id=_id("X"),
        period=_periods(),
        household_id=st.none() | _id("H"),
    )


def standings() -> st.SearchStrategy[ExplicitStanding]:
    """Explicit standings: posts, residences and employments."""
    return st.builds(
        ExplicitStanding,
        posts=st.lists(
            st.builds(
                PostHolding,
                person_id=_id("P"),
                org_id=_id("org"),
                period=_periods(),
                title=st.just("书记"),
            ),
            max_size=4,
        ),
        residences=st.lists(residences(), max_size=4),
        employments=st.lists(
            st.builds(
                Employment,
                appointment_id=_id("A"),
                person_id=_id("O"),
                company_id=_id("PM"),
                period=_periods(),
            ),
            max_size=2,
        ),
    )


def deliberation_records() -> st.SearchStrategy[DeliberationRecords]:
    """Record sets of every kind (not necessarily consistent: for serialisation tests)."""
    return st.builds(
        DeliberationRecords,
        matters=st.lists(matters(), max_size=2),
        steps=st.lists(steps_taken(), max_size=3),
        votes=st.lists(votes(), max_size=2),
        meetings=st.lists(meetings(), max_size=2),
        publications=st.lists(publications(), max_size=2),
        closures=st.lists(closures(), max_size=2),
        reviews=st.lists(reviews(), max_size=2),
        ratings=st.lists(ratings(), max_size=2),
    )


@attrs.frozen(kw_only=True)
class GovernanceWorld:
    """A small world to drive deliberations with: who holds which post, who lives where.

    Attributes:
        standing: Posts (``P-grid`` in ``GB``, ``P-comm`` in ``C``, ``P-work`` in ``W``),
            residents ``O0``…``O5`` of ``X`` (households ``H0``…), ``O6`` elsewhere in
            household ``H6``, and ``O5`` employed by ``PM`` (appointment ``A-pm``).
        parties: The Tonghua roles bound to those organisations.
        owners: The owners of ``X`` with their areas.
        people: Everyone, plus a stranger.
    """

    standing: ExplicitStanding
    parties: tuple[Party, ...]
    owners: tuple[OwnerShare, ...]
    people: tuple[str, ...]


def governance_world() -> GovernanceWorld:
    """The small world of :class:`GovernanceWorld`."""
    always = Period(start=_FIRST)
    residents = tuple(
        Residence(person_id=f"O{i}", territory_id="X", household_id=f"H{i}", period=always)
        for i in range(6)
    )
    standing = ExplicitStanding(
        posts=(
            PostHolding(person_id="P-grid", org_id="GB", period=always),
            PostHolding(person_id="P-comm", org_id="C", period=always),
            PostHolding(person_id="P-work", org_id="W", period=always),
        ),
        residences=(
            *residents,
            Residence(person_id="O6", territory_id="Y", household_id="H6", period=always),
        ),
        employments=(
            Employment(appointment_id="A-pm", person_id="O5", company_id="PM", period=always),
        ),
    )
    parties = (
        Party(role="grid_branch", org_id="GB"),
        Party(role="community_party_org", org_id="C"),
        Party(role="community_working_committee", org_id="W"),
    )
    owners = tuple(OwnerShare(owner_id=f"O{i}", area=8000 + 500 * i) for i in range(6))
    people = ("P-grid", "P-comm", "P-work", *(f"O{i}" for i in range(7)), "nobody")
    return GovernanceWorld(standing=standing, parties=parties, owners=owners, people=people)
