"""Deliberation (议事): procedures as data, matters and their events, meetings, owners'
assembly votes, publications and residents' evaluation.

The state of a matter is derived from its events and the calendar whenever it is asked;
what is overdue is computed on the day asked (no scheduler). Governance sits beside points:
it reaches posts, residence and employment only through the
:class:`~neighborhood_pb.governance.standing.Standing` protocol.
"""

from __future__ import annotations

from neighborhood_pb.errors.surface import lazy_surface

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing

if TYPE_CHECKING:
    from neighborhood_pb.governance.appointment_standing import AppointmentStanding, PostsView
    from neighborhood_pb.governance.checks import (
        GOVERNANCE_CHECKS,
        GovernanceCheck,
        check_governance,
        check_overdue_steps,
        check_publications,
        check_quorum,
        check_reviews,
    )
    from neighborhood_pb.governance.deliberations import (
        Deliberations,
    )
    from neighborhood_pb.governance.evaluations import (
        Rating,
        satisfaction,
    )
    from neighborhood_pb.governance.matters import (
        Closure,
        Decision,
        Matter,
        Party,
        Review,
        StepTaken,
    )
    from neighborhood_pb.governance.meetings import (
        ChairSource,
        Meeting,
        MeetingKind,
        Resolution,
        chair_on,
    )
    from neighborhood_pb.governance.presets import (
        PRESETS,
        SIX_DELIBERATIONS,
        TONGHUA_THREE_DELIBERATIONS,
        WHISTLE_RESPONSE,
        YONGCHUN_FOUR_STEPS,
    )
    from neighborhood_pb.governance.procedures import (
        ActorKind,
        Deadline,
        DeadlineKind,
        Procedure,
        PublicationRule,
        Step,
        StepActor,
        next_deliberation_day,
    )
    from neighborhood_pb.governance.publications import (
        Publication,
    )
    from neighborhood_pb.governance.records import (
        DeliberationRecords,
    )
    from neighborhood_pb.governance.standing import (
        Employment,
        ExplicitStanding,
        PostHolding,
        Residence,
        Standing,
    )
    from neighborhood_pb.governance.state import (
        MatterState,
        OverdueStep,
        derive_state,
    )
    from neighborhood_pb.governance.votes import (
        CIVIL_CODE_278,
        AssemblyRules,
        Ballot,
        Choice,
        MatterClass,
        OwnerShare,
        Threshold,
        Vote,
        VoteResult,
        tally,
    )

_LAZY: dict[str, str] = {
    "ActorKind": "neighborhood_pb.governance.procedures",
    "AppointmentStanding": "neighborhood_pb.governance.appointment_standing",
    "AssemblyRules": "neighborhood_pb.governance.votes",
    "Ballot": "neighborhood_pb.governance.votes",
    "CIVIL_CODE_278": "neighborhood_pb.governance.votes",
    "ChairSource": "neighborhood_pb.governance.meetings",
    "Choice": "neighborhood_pb.governance.votes",
    "Closure": "neighborhood_pb.governance.matters",
    "Deadline": "neighborhood_pb.governance.procedures",
    "DeadlineKind": "neighborhood_pb.governance.procedures",
    "Decision": "neighborhood_pb.governance.matters",
    "DeliberationRecords": "neighborhood_pb.governance.records",
    "Deliberations": "neighborhood_pb.governance.deliberations",
    "Employment": "neighborhood_pb.governance.standing",
    "ExplicitStanding": "neighborhood_pb.governance.standing",
    "GOVERNANCE_CHECKS": "neighborhood_pb.governance.checks",
    "GovernanceCheck": "neighborhood_pb.governance.checks",
    "Matter": "neighborhood_pb.governance.matters",
    "MatterClass": "neighborhood_pb.governance.votes",
    "MatterState": "neighborhood_pb.governance.state",
    "Meeting": "neighborhood_pb.governance.meetings",
    "MeetingKind": "neighborhood_pb.governance.meetings",
    "OverdueStep": "neighborhood_pb.governance.state",
    "OwnerShare": "neighborhood_pb.governance.votes",
    "PRESETS": "neighborhood_pb.governance.presets",
    "Party": "neighborhood_pb.governance.matters",
    "PostHolding": "neighborhood_pb.governance.standing",
    "PostsView": "neighborhood_pb.governance.appointment_standing",
    "Procedure": "neighborhood_pb.governance.procedures",
    "Publication": "neighborhood_pb.governance.publications",
    "PublicationRule": "neighborhood_pb.governance.procedures",
    "Rating": "neighborhood_pb.governance.evaluations",
    "Residence": "neighborhood_pb.governance.standing",
    "Resolution": "neighborhood_pb.governance.meetings",
    "Review": "neighborhood_pb.governance.matters",
    "SIX_DELIBERATIONS": "neighborhood_pb.governance.presets",
    "Standing": "neighborhood_pb.governance.standing",
    "Step": "neighborhood_pb.governance.procedures",
    "StepActor": "neighborhood_pb.governance.procedures",
    "StepTaken": "neighborhood_pb.governance.matters",
    "TONGHUA_THREE_DELIBERATIONS": "neighborhood_pb.governance.presets",
    "Threshold": "neighborhood_pb.governance.votes",
    "Vote": "neighborhood_pb.governance.votes",
    "VoteResult": "neighborhood_pb.governance.votes",
    "WHISTLE_RESPONSE": "neighborhood_pb.governance.presets",
    "YONGCHUN_FOUR_STEPS": "neighborhood_pb.governance.presets",
    "chair_on": "neighborhood_pb.governance.meetings",
    "check_governance": "neighborhood_pb.governance.checks",
    "check_overdue_steps": "neighborhood_pb.governance.checks",
    "check_publications": "neighborhood_pb.governance.checks",
    "check_quorum": "neighborhood_pb.governance.checks",
    "check_reviews": "neighborhood_pb.governance.checks",
    "derive_state": "neighborhood_pb.governance.state",
    "next_deliberation_day": "neighborhood_pb.governance.procedures",
    "satisfaction": "neighborhood_pb.governance.evaluations",
    "tally": "neighborhood_pb.governance.votes",
}
"""Where each public name is defined; it is imported on first use."""

__all__ = [
    "CIVIL_CODE_278",
    "GOVERNANCE_CHECKS",
    "PRESETS",
    "SIX_DELIBERATIONS",
    "TONGHUA_THREE_DELIBERATIONS",
    "WHISTLE_RESPONSE",
    "YONGCHUN_FOUR_STEPS",
    "ActorKind",
    "AppointmentStanding",
    "AssemblyRules",
    "Ballot",
    "ChairSource",
    "Choice",
    "Closure",
    "Deadline",
    "DeadlineKind",
    "Decision",
    "DeliberationRecords",
    "Deliberations",
    "Employment",
    "ExplicitStanding",
    "GovernanceCheck",
    "Matter",
    "MatterClass",
    "MatterState",
    "Meeting",
    "MeetingKind",
    "OverdueStep",
    "OwnerShare",
    "Party",
    "PostHolding",
    "PostsView",
    "Procedure",
    "Publication",
    "PublicationRule",
    "Rating",
    "Residence",
    "Resolution",
    "Review",
    "Standing",
    "Step",
    "StepActor",
    "StepTaken",
    "Threshold",
    "Vote",
    "VoteResult",
    "chair_on",
    "check_governance",
    "check_overdue_steps",
    "check_publications",
    "check_quorum",
    "check_reviews",
    "derive_state",
    "next_deliberation_day",
    "satisfaction",
    "tally",
]


__getattr__, __dir__ = lazy_surface(__name__, globals(), _LAZY, __all__)
