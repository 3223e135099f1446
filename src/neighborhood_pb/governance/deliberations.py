"""The deliberations of a jurisdiction (议事): one aggregate over matters and their events.

Invariants:
    * every record refers to a known matter, and ids are unique within their kind;
    * a matter's steps follow its procedure's order, each after the one before, each taken
      by someone with the authority that day; skippable steps may be passed over;
    * an owners' assembly step rests on a vote on that matter with a quorum, whose result
      matches the decision; nobody votes on their own employer's contract;
    * nothing happens to a matter after it was rejected or closed, except reviews, ratings
      and publications;
    * one rating per resident per matter, by residents of its territory or of a household
      it served.

Every command validates completely before it changes anything: a rejected command leaves the
aggregate exactly as it was and raises a typed error naming the record and the rule.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from neighborhood_pb.calendar.instants import as_instant
from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.calendar.workdays import WorkingDayCalendar
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.governance.evaluations import Rating, satisfaction
from neighborhood_pb.governance.guards import check_assembly, check_authority, check_rater
from neighborhood_pb.governance.matters import Closure, Decision, Matter, Review, StepTaken
from neighborhood_pb.governance.meetings import ChairSource, Meeting, chair_on
from neighborhood_pb.governance.presets import PRESETS
from neighborhood_pb.governance.procedures import Procedure
from neighborhood_pb.governance.publications import Publication
from neighborhood_pb.governance.records import DeliberationRecords
from neighborhood_pb.governance.standing import Standing
from neighborhood_pb.governance.state import MatterState, OverdueStep, derive_state, overdue_step
from neighborhood_pb.governance.vote_book import VoteBook
from neighborhood_pb.governance.votes import CIVIL_CODE_278, AssemblyRules, Vote, VoteResult
from neighborhood_pb.ratio import Ratio

__all__ = ["Deliberations"]


class Deliberations:
    """Matters, their steps, votes, meetings, publications and ratings (议事台账).

    Args:
        standing: Who holds posts, lives where and works for whom (see
            :class:`~neighborhood_pb.governance.standing.Standing`).
        calendar: The official working-day calendar, for deadlines.
        procedures: The procedures matters may follow (the presets by default).
        rules: The owners' assembly rules (Civil Code art. 278 by default).
    """

    def __init__(
        self,
        *,
        standing: Standing,
        calendar: WorkingDayCalendar,
        procedures: Iterable[Procedure] = PRESETS,
        rules: AssemblyRules = CIVIL_CODE_278,
    ) -> None:
        self.standing = standing
        self.calendar = calendar
        self.rules = rules
        self.procedures = {p.code: p for p in procedures}
        self._matters: dict[str, Matter] = {}
        self._steps: dict[str, list[StepTaken]] = {}
        self._step_ids: set[str] = set()
        self._votes = VoteBook(rules)
        self._meetings: dict[str, Meeting] = {}
        self._publications: dict[str, Publication] = {}
        self._closures: dict[str, Closure] = {}
        self._reviews: list[Review] = []
        self._by_matter: dict[str, tuple[list[Publication], list[Review]]] = {}
        self._ratings: dict[str, dict[str, Rating]] = {}

    @classmethod
    def from_records(
        cls,
        records: DeliberationRecords,
        *,
        standing: Standing,
        calendar: WorkingDayCalendar,
        procedures: Iterable[Procedure] = PRESETS,
        rules: AssemblyRules = CIVIL_CODE_278,
        chairs: Mapping[str, ChairSource] | None = None,
    ) -> Deliberations:
        """Rebuild from records, checking each as a command (matters, meetings, votes,
        steps, publications, closures, reviews, then ratings).

        ``chairs`` maps a chair rotation's id to who chairs each day: a meeting naming its
        ``chair_rotation_id`` is held with that rotation's chair of the day checked.

        Raises:
            UnknownRecordError: a meeting names a chair rotation ``chairs`` does not hold
                (rule ``meeting.unknown_rotation``).
            NeighborhoodPBError: what the command refused; the error is located
                (``section`` the kind of record, e.g. ``"steps"``, and ``index`` its place).
        """
        book = cls(standing=standing, calendar=calendar, procedures=procedures, rules=rules)
        commands: tuple[tuple[str, Callable[[Any], object]], ...] = (
            ("matters", book.propose),
            ("meetings", functools.partial(_hold, book, chairs or {})),
            ("votes", book.record_vote),
            ("steps", book.take_step),
            ("publications", book.publish),
            ("closures", book.close),
            ("reviews", book.review),
            ("ratings", book.rate),
        )
        for section, command in commands:
            for index, record in enumerate(getattr(records, section)):
                try:
                    command(record)
                except NeighborhoodPBError as error:
                    error.locate(section, index)
                    raise
        return book

    def records(self) -> DeliberationRecords:
        """Every record, in the order it was added."""
        return DeliberationRecords(
            matters=tuple(self._matters.values()),
            steps=tuple(s for steps in self._steps.values() for s in steps),
            votes=self._votes.votes(),
            meetings=tuple(self._meetings.values()),
            publications=tuple(self._publications.values()),
            closures=tuple(self._closures.values()),
            reviews=tuple(self._reviews),
            ratings=tuple(
                r for by_resident in self._ratings.values() for r in by_resident.values()
            ),
        )

    # == commands ===========================================================================

    def propose(self, matter: Matter) -> None:
        """Put a matter on the books (立项).

        Raises:
            ConflictError: the id is taken.
            UnknownRecordError: its procedure is unknown.
            InvalidRecordError: it binds a role its procedure does not name.
        """
        if matter.id in self._matters:
            raise ConflictError(
                f"matter {matter.id} exists", subject=matter.id, rule="matter.unique"
            )
        procedure = self.procedures.get(matter.procedure)
        if procedure is None:
            raise UnknownRecordError(
                f"matter {matter.id}: no procedure {matter.procedure}",
                subject=matter.id,
                rule="matter.procedure",
            )
        extra = sorted({p.role for p in matter.parties} - procedure.roles)
        if extra:
            raise InvalidRecordError(
                f"matter {matter.id}: procedure {procedure.code} has no role {extra[0]}",
                subject=matter.id,
                rule="matter.parties_known",
            )
        self._matters[matter.id] = matter
        self._steps[matter.id] = []
        self._by_matter[matter.id] = ([], [])

    def take_step(self, event: StepTaken) -> None:
        """Record a step taken on a matter (议事环节).

        Raises:
            ConflictError: the event id is taken.
            UnknownRecordError: the matter or the step is unknown.
            RuleViolationError: the step is out of order, before the previous event, on an
                ended matter, skips a step that may not be skipped, or rests on a vote that
                does not fit.
            NotAuthorisedError: the actor lacks the authority.
        """
        if event.id in self._step_ids:
            raise ConflictError(f"step {event.id} exists", subject=event.id, rule="step.unique")
        matter = self.matter(event.matter_id)
        procedure = self.procedures[matter.procedure]
        step = next((s for s in procedure.steps if s.code == event.step), None)
        if step is None:
            raise UnknownRecordError(
                f"matter {matter.id}: procedure {procedure.code} has no step {event.step}",
                subject=event.id,
                rule="step.known",
            )
        state = self._order(matter)
        if state.ended or event.step not in state.next_steps:
            raise RuleViolationError(
                f"step {event.id}: {event.step} cannot follow {list(state.taken)} on matter "
                f"{matter.id} (next: {list(state.next_steps)})",
                subject=event.id,
                rule="step.order",
                params={"step": step.label_zh or step.code, "matter": matter.id},
            )
        previous = self._steps[matter.id]
        earliest = previous[-1].at if previous else matter.proposed_at
        if event.at < earliest:
            raise RuleViolationError(
                f"step {event.id} at {event.at} precedes the matter's last event at {earliest}",
                subject=event.id,
                rule="step.in_time",
            )
        if event.decision is Decision.SKIPPED and not step.skippable:
            raise RuleViolationError(
                f"step {event.id}: {step.code} may not be skipped",
                subject=event.id,
                rule="step.skippable",
            )
        vote, result = (self._votes.find(event.vote_id) if event.vote_id else None) or (None, None)
        check_assembly(step, event, vote, result)
        check_authority(matter, step, event, self.standing)
        previous.append(event)
        self._step_ids.add(event.id)

    def record_vote(self, vote: Vote) -> VoteResult:
        """Record an owners' assembly vote and return its result (业主大会表决).

        A vote without quorum is recorded (it happened) but decides nothing.

        Raises:
            ConflictError: the id is taken.
            UnknownRecordError: the matter is unknown.
            NotAuthorisedError: an employee voted on their company's own contract.
        """
        self.matter(vote.matter_id)
        result = self._votes.check(vote, self.standing)
        self._votes.add(vote, result)
        return result

    def hold_meeting(self, meeting: Meeting, chair: ChairSource | None = None) -> None:
        """Record a meeting; with ``chair``, its chair must be the chair of the day.

        Raises:
            ConflictError: the id is taken.
            UnknownRecordError: a resolution names an unknown matter.
            RuleViolationError: the chair is not the one ``chair`` names for the day.
        """
        if meeting.id in self._meetings:
            raise ConflictError(
                f"meeting {meeting.id} exists", subject=meeting.id, rule="meeting.unique"
            )
        for resolution in meeting.resolutions:
            self.matter(resolution.matter_id)
        if chair is not None:
            expected = chair_on(chair, meeting.day)
            if expected != meeting.chair_id:
                raise RuleViolationError(
                    f"meeting {meeting.id} on {meeting.day}: the chair of the day is "
                    f"{expected}, not {meeting.chair_id}",
                    subject=meeting.id,
                    rule="meeting.chair_of_the_day",
                    params={"chair": meeting.chair_id, "expected": expected or "-"},
                )
        self._meetings[meeting.id] = meeting

    def publish(self, publication: Publication) -> None:
        """Record a publication (公开).

        Raises:
            ConflictError: the id is taken.
            UnknownRecordError: the matter is unknown.
            InvalidRecordError: the matter's procedure publishes nothing of that name.
        """
        if publication.id in self._publications:
            raise ConflictError(
                f"publication {publication.id} exists",
                subject=publication.id,
                rule="publication.unique",
            )
        matter = self.matter(publication.matter_id)
        if self.procedures[matter.procedure].publication(publication.what) is None:
            raise InvalidRecordError(
                f"publication {publication.id}: procedure {matter.procedure} publishes no "
                f"{publication.what}",
                subject=publication.id,
                rule="publication.known",
            )
        self._publications[publication.id] = publication
        self._by_matter[matter.id][0].append(publication)

    def close(self, closure: Closure) -> None:
        """Close a matter with its outcome (办结).

        Raises:
            UnknownRecordError: the matter is unknown.
            RuleViolationError: it is closed already, precedes its last step, or a step
                that may not be skipped is still pending.
        """
        matter = self.matter(closure.matter_id)
        state = self._order(matter)
        if state.closed or (state.due_step is not None and not state.rejected):
            raise RuleViolationError(
                f"matter {matter.id} cannot be closed: "
                + ("it is closed" if state.closed else f"step {state.due_step} is pending"),
                subject=matter.id,
                rule="matter.close",
            )
        steps = self._steps[matter.id]
        earliest = steps[-1].at if steps else matter.proposed_at
        if closure.at < earliest:
            raise RuleViolationError(
                f"matter {matter.id}: closure at {closure.at} precedes its last event",
                subject=matter.id,
                rule="matter.close_in_time",
            )
        self._closures[matter.id] = closure

    def review(self, review: Review) -> None:
        """Record a look back at a closed matter (回头看).

        Raises:
            UnknownRecordError: the matter is unknown.
            RuleViolationError: it is not closed, or not by then.
        """
        self.matter(review.matter_id)
        closure = self._closures.get(review.matter_id)
        if closure is None or review.at < closure.at:
            raise RuleViolationError(
                f"matter {review.matter_id} is not closed by {review.at}",
                subject=review.matter_id,
                rule="review.after_closure",
            )
        self._reviews.append(review)
        self._by_matter[review.matter_id][1].append(review)

    def rate(self, rating: Rating) -> None:
        """Record a resident's rating of a matter (议评).

        Raises:
            UnknownRecordError: the matter is unknown.
            ConflictError: the resident rated it already.
            NotAuthorisedError: the resident neither lives in its territory nor in a
                household it served.
        """
        matter = self.matter(rating.matter_id)
        if rating.resident_id in self._ratings.get(matter.id, {}):
            raise ConflictError(
                f"{rating.resident_id} has rated matter {rating.matter_id}",
                subject=rating.matter_id,
                rule="rating.once",
            )
        check_rater(matter, rating.resident_id, self.standing, rating.at)
        self._ratings.setdefault(matter.id, {})[rating.resident_id] = rating

    # == queries ============================================================================

    def matter(self, matter_id: str) -> Matter:
        """The matter ``matter_id``.

        Raises:
            UnknownRecordError: there is none.
        """
        try:
            return self._matters[matter_id]
        except KeyError:
            raise UnknownRecordError(
                f"no matter {matter_id}", subject=matter_id, rule="matter.known"
            ) from None

    def matters(self) -> tuple[Matter, ...]:
        """Every matter, in the order proposed."""
        return tuple(self._matters.values())

    def history(self, matter_id: str) -> tuple[StepTaken, ...]:
        """The steps taken on a matter, in order, each with its author (留痕)."""
        self.matter(matter_id)
        return tuple(self._steps[matter_id])

    def state(self, matter_id: str, at: _dt.datetime | str | None = None) -> MatterState:
        """Where a matter stands at ``at`` (now, as recorded, when ``None``)."""
        matter = self.matter(matter_id)
        instant = None if at is None else as_instant(at, "at")
        return derive_state(
            matter,
            self.procedures[matter.procedure],
            self._steps[matter_id],
            self._closures.get(matter_id),
            self.calendar,
            instant,
        )

    def _order(self, matter: Matter) -> MatterState:
        return derive_state(
            matter,
            self.procedures[matter.procedure],
            self._steps[matter.id],
            self._closures.get(matter.id),
            self.calendar,
            deadlines=False,
        )

    def overdue(self, on: _dt.date | str) -> tuple[OverdueStep, ...]:
        """Steps whose deadline passed before ``on`` on matters still open then (超期)."""
        day = as_date(on, "on")
        found = (
            overdue_step(
                matter,
                self.procedures[matter.procedure],
                self._steps[matter.id],
                self._closures.get(matter.id),
                self.calendar,
                day,
            )
            for matter in self._matters.values()
        )
        return tuple(late for late in found if late is not None)

    def vote(self, vote_id: str) -> tuple[Vote, VoteResult]:
        """A vote and its result.

        Raises:
            UnknownRecordError: there is none.
        """
        return self._votes.get(vote_id)

    def results(self) -> tuple[VoteResult, ...]:
        """Every vote's result, in the order recorded."""
        return self._votes.results()

    def meetings(self) -> tuple[Meeting, ...]:
        """Every meeting, in the order recorded."""
        return tuple(self._meetings.values())

    def publications(self, matter_id: str) -> tuple[Publication, ...]:
        """A matter's publications."""
        found = self._by_matter.get(matter_id)
        return tuple(found[0]) if found else ()

    def closure(self, matter_id: str) -> Closure | None:
        """A matter's closure, if closed."""
        return self._closures.get(matter_id)

    def reviews(self, matter_id: str) -> tuple[Review, ...]:
        """A matter's reviews."""
        found = self._by_matter.get(matter_id)
        return tuple(found[1]) if found else ()

    def ratings(self, matter_id: str) -> tuple[Rating, ...]:
        """A matter's ratings."""
        return tuple(self._ratings.get(matter_id, {}).values())

    def satisfaction(self, matter_id: str) -> Ratio:
        """Satisfied ratings of a matter out of all its ratings (满意率)."""
        self.matter(matter_id)
        return satisfaction(self.ratings(matter_id))


def _hold(book: Deliberations, chairs: Mapping[str, ChairSource], meeting: Meeting) -> None:
    """Hold a meeting rebuilt from records, with the chair rotation it names."""
    rotation = meeting.chair_rotation_id
    if rotation is None:
        book.hold_meeting(meeting)
        return
    if rotation not in chairs:
        raise UnknownRecordError(
            f"meeting {meeting.id}: no chair rotation {rotation}",
            subject=meeting.id,
            rule="meeting.unknown_rotation",
            params={"rotation": rotation},
        )
    book.hold_meeting(meeting, chairs[rotation])
