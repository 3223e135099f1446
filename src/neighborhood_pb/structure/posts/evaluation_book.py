"""Evaluations outside working hours (8小时以外考核) of the appointments aggregate.

:class:`EvaluationBook` owns the evaluations and asks the organisation tree and the
:class:`~neighborhood_pb.structure.posts.appointment_book.AppointmentBook` below it whether
an evaluator holds a post.
"""

from __future__ import annotations

import datetime as _dt

from neighborhood_pb.errors import ConflictError, NotAuthorisedError
from neighborhood_pb.history import Register
from neighborhood_pb.structure.posts.appointment_book import AppointmentBook
from neighborhood_pb.structure.posts.evaluations import Evaluation
from neighborhood_pb.structure.posts.lookups import find_person, refuse, unknown
from neighborhood_pb.structure.posts.records import Appointment
from neighborhood_pb.structure.posts.rules import AppointmentRules
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["EvaluationBook"]


class EvaluationBook:
    """Evaluations (8小时以外考核) by id, by person evaluated and by evaluator.

    Invariants: every evaluation was made by someone holding a post in the evaluating
    organisation that day, never by the person evaluated, at most one per person,
    organisation and period.

    Attributes:
        register: The evaluations.
    """

    def __init__(
        self, tree: OrgTree, rules: AppointmentRules, appointments: AppointmentBook
    ) -> None:
        """Create an empty book over ``tree`` and ``appointments`` following ``rules``."""
        self._tree = tree
        self._rules = rules
        self._appointments = appointments
        self.register: Register[Evaluation] = Register("evaluation")
        self._by_person: dict[str, list[str]] = {}
        self._by_evaluator: dict[str, list[str]] = {}

    def check(self, evaluation: Evaluation) -> None:
        """Validate a new evaluation (see ``Appointments.evaluate``)."""
        subject = evaluation.id
        self.register.check_new(subject)
        person = find_person(self._tree, evaluation.person_id, subject)
        find_person(self._tree, evaluation.evaluator_id, subject)
        org = self._tree.version_at(evaluation.org_id, evaluation.evaluated_on)
        if org is None:
            raise unknown(
                f"evaluation {subject}: no party organisation {evaluation.org_id} on "
                f"{evaluation.evaluated_on}",
                subject,
            )
        if evaluation.evaluator_id == evaluation.person_id:
            raise NotAuthorisedError(
                f"evaluation {subject}: {evaluation.person_id} cannot evaluate themselves",
                subject=subject,
                rule="evaluation.no_self",
            )
        if not self._appointments.holds_post(
            evaluation.evaluator_id, org.id, evaluation.evaluated_on, None
        ):
            raise NotAuthorisedError(
                f"evaluation {subject}: {evaluation.evaluator_id} holds no post in {org.id} on "
                f"{evaluation.evaluated_on}",
                subject=subject,
                rule="evaluation.evaluator_post",
            )
        kinds = self._tree.schema.level(org.level).territory_kinds
        if not kinds & self._rules.evaluating_territory_kinds:
            raise refuse(
                f"evaluation {subject}: {org.id} ({org.form.label_zh}) is neither a township "
                "(street) committee nor a community organisation",
                subject,
                "evaluation.evaluating_org",
            )
        if evaluation.score is not None and evaluation.score > self._rules.evaluation_max_score:
            raise refuse(
                f"evaluation {subject}: score {evaluation.score} above the maximum "
                f"{self._rules.evaluation_max_score}",
                subject,
                "evaluation.score_range",
            )
        if not person.is_party_member(evaluation.period.start):
            raise refuse(
                f"evaluation {subject}: {person.id} is not a party member on "
                f"{evaluation.period.start}",
                subject,
                "evaluation.party_member",
            )
        other = self.register.overlapping(
            self._by_person.get(person.id, ()),
            evaluation.period,
            lambda other: other.org_id == org.id,
        )
        if other is not None:
            raise ConflictError(
                f"evaluation {subject}: {org.id} already evaluated {person.id} for "
                f"{other.period} ({other.id})",
                subject=subject,
                rule="evaluation.one_per_period",
            )

    def add(self, evaluation: Evaluation) -> None:
        """Store a validated evaluation."""
        self.register.put(evaluation.id, evaluation)
        self._by_person.setdefault(evaluation.person_id, []).append(evaluation.id)
        self._by_evaluator.setdefault(evaluation.evaluator_id, []).append(evaluation.id)

    def check_post_end(self, current: Appointment, day: _dt.date) -> None:
        """Refuse ending the party post ``current`` on ``day`` while its holder made an
        evaluation on or after ``day`` by virtue of it alone."""
        if current.org_id is None:
            return
        for evaluation_id in self._by_evaluator.get(current.person_id, ()):
            evaluation = self.register[evaluation_id]
            if (
                evaluation.org_id == current.org_id
                and evaluation.evaluated_on >= day
                and not self._appointments.holds_post(
                    current.person_id, current.org_id, evaluation.evaluated_on, current.id
                )
            ):
                raise refuse(
                    f"appointment {current.id}: evaluation {evaluation_id} of "
                    f"{evaluation.evaluated_on} was made by virtue of it",
                    current.id,
                    "evaluation.evaluator_post",
                )

    def of_person(self, person_id: str) -> tuple[Evaluation, ...]:
        """Every evaluation of a person, in order of their periods."""
        return tuple(
            sorted(
                (self.register[e] for e in self._by_person.get(person_id, ())),
                key=lambda e: (e.period.start, e.id),
            )
        )
