"""Who may take a step, vote or rate (议事权限): the checks a command passes first.

Each function raises a typed error naming the record and the rule, and changes nothing.
"""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.errors import NotAuthorisedError, RuleViolationError
from neighborhood_pb.governance.matters import Decision, Matter, StepTaken, local_day
from neighborhood_pb.governance.procedures import ActorKind, Step
from neighborhood_pb.governance.standing import Standing
from neighborhood_pb.governance.votes import Vote, VoteResult

__all__ = ["check_assembly", "check_authority", "check_conflicts", "check_rater"]


def check_authority(matter: Matter, step: Step, event: StepTaken, standing: Standing) -> None:
    """Refuse ``event`` unless its actor may take ``step`` on ``matter`` that day.

    Raises:
        NotAuthorisedError: no actor kind of the step fits (rule ``step.authority``).
    """
    day = local_day(event.at)
    for actor in step.actors:
        if actor.kind is ActorKind.OWNERS_ASSEMBLY and event.vote_id is not None:
            return
        if actor.kind is ActorKind.RESIDENT and standing.resides_in(
            event.actor_id, matter.territory_id, day
        ):
            return
        if actor.kind is ActorKind.POST:
            org_id = matter.party(actor.role)
            if org_id is not None and standing.holds_post(event.actor_id, org_id, day):
                return
    who = "、".join(a.label_zh or a.role or a.kind.label_zh for a in step.actors)
    raise NotAuthorisedError(
        f"{event.actor_id} may not take step {step.code} of matter {matter.id} on {day}: "
        f"only {who}",
        subject=event.id,
        rule="step.authority",
        params={"actor": event.actor_id, "step": step.label_zh or step.code, "who": who},
    )


def check_assembly(
    step: Step, event: StepTaken, vote: Vote | None, result: VoteResult | None
) -> None:
    """Refuse an owners' assembly step whose vote is missing, foreign, or without quorum.

    Raises:
        RuleViolationError: the step names no vote or another matter's vote
            (``step.vote``), the vote had no quorum (``step.quorum``) or its result
            contradicts the decision (``step.vote_result``).
    """
    assembly = any(a.kind is ActorKind.OWNERS_ASSEMBLY for a in step.actors)
    if event.vote_id is None:
        return
    if not assembly or vote is None or result is None or vote.matter_id != event.matter_id:
        raise RuleViolationError(
            f"step {event.id}: vote {event.vote_id} is not an owners' assembly vote on "
            f"matter {event.matter_id} at step {step.code}",
            subject=event.id,
            rule="step.vote",
            params={"vote": event.vote_id},
        )
    if not result.quorum:
        raise RuleViolationError(
            f"step {event.id}: vote {vote.id} had no quorum (area {result.turnout_area}, "
            f"owners {result.turnout_number}); nothing can be decided",
            subject=event.id,
            rule="step.quorum",
            params={
                "vote": vote.id,
                "area": result.turnout_area.format(),
                "number": result.turnout_number.format(),
            },
        )
    if result.passed != (event.decision is Decision.ADOPTED):
        raise RuleViolationError(
            f"step {event.id}: decision {event.decision.value} contradicts vote {vote.id} "
            f"({'passed' if result.passed else 'not passed'})",
            subject=event.id,
            rule="step.vote_result",
            params={"vote": vote.id},
        )


def check_conflicts(vote: Vote, standing: Standing) -> None:
    """Refuse a vote on a company's own contract in which its employee voted.

    Raises:
        NotAuthorisedError: an owner employed by the contract's company voted (rule
            ``vote.conflict_of_interest``); the error names the appointment.
    """
    company = vote.contract_company_id
    if company is None:
        return
    day = local_day(vote.at)
    for ballot in vote.ballots:
        appointment = standing.employment(ballot.owner_id, company, day)
        if appointment is not None:
            raise NotAuthorisedError(
                f"vote {vote.id}: {ballot.owner_id} works for {company} (appointment "
                f"{appointment}) and may not vote on its own contract",
                subject=vote.id,
                rule="vote.conflict_of_interest",
                params={"owner": ballot.owner_id, "company": company, "appointment": appointment},
            )


def check_rater(matter: Matter, resident_id: str, standing: Standing, at: _dt.datetime) -> None:
    """Refuse a rating by someone who neither lives in the matter's territory nor in a
    household it served.

    Raises:
        NotAuthorisedError: rule ``rating.resident``.
    """
    on = local_day(at)
    if standing.resides_in(resident_id, matter.territory_id, on):
        return
    household = standing.household_of(resident_id, on)
    if household is not None and household in matter.households:
        return
    raise NotAuthorisedError(
        f"{resident_id} neither lives in {matter.territory_id} nor in a household matter "
        f"{matter.id} served",
        subject=matter.id,
        rule="rating.resident",
        params={"resident": resident_id, "territory": matter.territory_id},
    )
