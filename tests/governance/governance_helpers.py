"""A Tonghua 三议一审两公开 matter in the small governance world, step by step."""

from __future__ import annotations

from neighborhood_pb.calendar import Period, china_working_days
from neighborhood_pb.governance import (
    Ballot,
    Choice,
    Closure,
    Deliberations,
    Matter,
    MatterClass,
    Publication,
    StepTaken,
    Vote,
)
from neighborhood_pb.testing.governance import governance_world

WORLD = governance_world()
CALENDAR = china_working_days()


def at(day: str, time: str = "10:00") -> str:
    """An instant in Beijing time."""
    return f"{day}T{time}:00+08:00"


def a_matter(matter_id: str = "M1", **changes: object) -> Matter:
    """Matter M1 of the small world (a Tonghua lift replacement proposed on 2 March 2026 by
    the grid branch, serving household H6), with ``changes`` to any of its fields."""
    fields: dict[str, object] = {
        "title": "更换电梯",
        "proposer_id": "P-grid",
        "territory_id": "X",
        "category": "property",
        "procedure": "tonghua_three_deliberations",
        "proposed_at": at("2026-03-02", "09:00"),
        "parties": WORLD.parties,
        "households": {"H6"},
    }
    fields.update(changes)
    return Matter(id=matter_id, **fields)  # type: ignore[arg-type]


def new_book() -> Deliberations:
    """Deliberations over the small world, with matter M1 proposed on 2 March 2026."""
    book = Deliberations(standing=WORLD.standing, calendar=CALENDAR)
    book.propose(a_matter())
    return book


def vote(vote_id: str, voters: int, yes: int, **extra: object) -> Vote:
    """A vote on M1 by the first ``voters`` owners, the first ``yes`` of them in favour."""
    return Vote(
        id=vote_id,
        matter_id=extra.pop("matter_id", "M1"),  # type: ignore[arg-type]
        at=extra.pop("at", at("2026-03-20", "18:00")),  # type: ignore[arg-type]
        matter_class=extra.pop("matter_class", MatterClass.SPECIAL),  # type: ignore[arg-type]
        owners=WORLD.owners,
        ballots=[
            Ballot(owner_id=o.owner_id, choice=Choice.FOR if i < yes else Choice.AGAINST)
            for i, o in enumerate(WORLD.owners[:voters])
        ],
        **extra,  # type: ignore[arg-type]
    )


def through_review(book: Deliberations) -> Deliberations:
    """Take M1 through all four steps (propose, consult, resolve, review)."""
    book.take_step(
        StepTaken(id="E1", matter_id="M1", step="propose", actor_id="P-grid", at=at("2026-03-02"))
    )
    book.take_step(
        StepTaken(
            id="E2",
            matter_id="M1",
            step="consult",
            actor_id="P-comm",
            at=at("2026-03-06"),
            references=("联席会议纪要",),
        )
    )
    book.record_vote(vote("V1", voters=5, yes=5))
    book.take_step(
        StepTaken(
            id="E3",
            matter_id="M1",
            step="resolve",
            actor_id="P-comm",
            at=at("2026-03-20", "19:00"),
            vote_id="V1",
        )
    )
    book.take_step(
        StepTaken(id="E4", matter_id="M1", step="review", actor_id="P-work", at=at("2026-03-25"))
    )
    return book


def published_and_closed(book: Deliberations) -> Deliberations:
    """Publish M1's process and result for seven days each and close it."""
    book.publish(
        Publication(
            actor_id="P-comm",
            id="PUB1",
            matter_id="M1",
            what="process",
            where="公告栏",
            period=Period(start="2026-03-07", end="2026-03-14"),
        )
    )
    book.publish(
        Publication(
            actor_id="P-comm",
            id="PUB2",
            matter_id="M1",
            what="result",
            where="公告栏",
            period=Period(start="2026-03-26", end="2026-04-02"),
        )
    )
    book.close(
        Closure(
            matter_id="M1",
            actor_id="P-comm",
            at=at("2026-04-03"),
            outcome="已更换",
            review_on="2026-06-30",
        )
    )
    return book
