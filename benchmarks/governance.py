"""Deliberation at city scale: a year of matters in every community of a Yancheng-sized city.

Yancheng (盐城市) has 232 urban communities; at one 议事日 a month with a dozen matters each,
that is about 33,000 matters a year. Each matter follows 三议一审两公开 and stops at a step
chosen by its number, so that the year ends with matters at every stage. Prints, for one run,
the time to take every command through the aggregate (each validated in full), to ask what is
overdue, to run every governance check, to compute the deliberation metrics, to rebuild from
the records and to round-trip the records through JSON.

    python benchmarks/governance.py                  # 33,000 matters
    python benchmarks/governance.py --matters 5000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import TypeVar

from neighborhood_pb.calendar import Period, china_working_days
from neighborhood_pb.governance import (
    Ballot,
    Choice,
    Closure,
    DeliberationRecords,
    Deliberations,
    ExplicitStanding,
    Matter,
    MatterClass,
    OwnerShare,
    Party,
    PostHolding,
    Publication,
    Residence,
    StepTaken,
    Vote,
    check_governance,
)
from neighborhood_pb.io.converter import make_converter, structure
from neighborhood_pb.metrics import CATALOGUE, MetricInput, MetricInputs, compute_metrics
from neighborhood_pb.structure.levels import COMMUNITY_FIVE_LEVEL
from neighborhood_pb.structure.tree import OrgTree

T = TypeVar("T")
COMMUNITIES = 232


def timed(label: str, action: Callable[[], T]) -> T:
    """Run ``action`` once and print how long it took."""
    start = time.perf_counter()
    value = action()
    print(f"{label:<34}{time.perf_counter() - start:8.2f} s")
    return value


def standing() -> ExplicitStanding:
    """One grid secretary, community secretary and working-committee secretary per
    community, and six owners in each."""
    since = Period(start="2026-01-01")
    posts, homes = [], []
    for c in range(COMMUNITIES):
        for role in ("GB", "C", "W"):
            posts.append(PostHolding(person_id=f"{role}{c}-s", org_id=f"{role}{c}", period=since))
        homes += [
            Residence(person_id=f"O{c}-{i}", territory_id=f"X{c}", period=since) for i in range(6)
        ]
    return ExplicitStanding(posts=posts, residences=homes)


def year(book: Deliberations, matters: int) -> None:
    """Propose ``matters`` matters over the year and take each to its own stage."""
    for n in range(matters):
        c, m = n % COMMUNITIES, f"M{n}"
        month, day = 1 + n % 11, 1 + n % 27
        stamp = f"2026-{month:02d}-{day:02d}T"
        book.propose(
            Matter(
                id=m,
                title="议题",
                proposer_id=f"GB{c}-s",
                territory_id=f"X{c}",
                procedure="tonghua_three_deliberations",
                proposed_at=stamp + "09:00:00+08:00",
                parties=[
                    Party(role="grid_branch", org_id=f"GB{c}"),
                    Party(role="community_party_org", org_id=f"C{c}"),
                    Party(role="community_working_committee", org_id=f"W{c}"),
                ],
            )
        )
        stage = n % 5
        book.take_step(
            StepTaken(
                id=f"{m}-1",
                matter_id=m,
                step="propose",
                actor_id=f"GB{c}-s",
                at=stamp + "09:00:00+08:00",
            )
        )
        if stage < 1:
            continue
        book.take_step(
            StepTaken(
                id=f"{m}-2",
                matter_id=m,
                step="consult",
                actor_id=f"C{c}-s",
                at=stamp + "10:00:00+08:00",
            )
        )
        if stage < 2:
            continue
        owners = [OwnerShare(owner_id=f"O{c}-{i}", area=8000 + 100 * i) for i in range(6)]
        book.record_vote(
            Vote(
                id=f"{m}-v",
                matter_id=m,
                at=stamp + "11:00:00+08:00",
                matter_class=MatterClass.SPECIAL,
                owners=owners,
                ballots=[Ballot(owner_id=o.owner_id, choice=Choice.FOR) for o in owners[:5]],
            )
        )
        book.take_step(
            StepTaken(
                id=f"{m}-3",
                matter_id=m,
                step="resolve",
                actor_id=f"C{c}-s",
                at=stamp + "12:00:00+08:00",
                vote_id=f"{m}-v",
            )
        )
        if stage < 3:
            continue
        book.take_step(
            StepTaken(
                id=f"{m}-4",
                matter_id=m,
                step="review",
                actor_id=f"W{c}-s",
                at=stamp + "13:00:00+08:00",
            )
        )
        if stage < 4:
            continue
        start = Period(start=f"2026-{month:02d}-{day:02d}")
        for what in ("process", "result"):
            book.publish(
                Publication(
                    id=f"{m}-{what}",
                    matter_id=m,
                    actor_id=f"C{c}-s",
                    what=what,
                    where="公告栏",
                    period=Period(start=start.start, end=start.start.add(days=7)),
                )
            )
        book.close(
            Closure(
                matter_id=m, actor_id=f"C{c}-s", at=stamp + "14:00:00+08:00", review_on="2026-12-20"
            )
        )


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matters", type=int, default=33_000)
    args = parser.parse_args()
    who, calendar = standing(), china_working_days()
    book = Deliberations(standing=who, calendar=calendar)
    timed(f"{args.matters:,} matters, every command", lambda: year(book, args.matters))
    records = book.records()
    print(f"{'records':<34}{len(records.steps):,} steps, {len(records.votes):,} votes")
    late = timed("overdue on 2026-12-31", lambda: book.overdue("2026-12-31"))
    found = timed("check_governance on 2026-12-31", lambda: check_governance(book, "2026-12-31"))
    print(f"{'':<34}{len(late):,} overdue steps, {len(found):,} findings")
    wanted = [m for m in CATALOGUE if m.requires is MetricInput.GOVERNANCE]
    inputs = MetricInputs(tree=OrgTree(COMMUNITY_FIVE_LEVEL), deliberations=book)
    table = timed(
        "deliberation metrics on 2026-12-31",
        lambda: compute_metrics(inputs, "2026-12-31", metrics=wanted),
    )
    for metric_id in ("deliberation_adoption_rate", "deliberation_on_time_rate"):
        print(f"{'':<34}{metric_id} {table.value(metric_id)}")
    timed(
        "rebuild from records",
        lambda: Deliberations.from_records(records, standing=who, calendar=calendar),
    )
    converter = make_converter()
    text = timed(
        "records to JSON", lambda: json.dumps(converter.unstructure(records), ensure_ascii=False)
    )
    back = timed(
        "JSON to records", lambda: structure(json.loads(text), DeliberationRecords, converter)
    )
    assert back == records


if __name__ == "__main__":
    main()
