"""Evaluation outside working hours (8小时以外考核) of in-service members and part-time members.

"Outside the 8 working hours everyone belongs to the community" (永春县): the township
(street) committee and the community organisation evaluate a member's conduct there, per
period, and the result enters the member's cadre evaluation. Records are kept here; the
appointments aggregate checks who may evaluate.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text

__all__ = ["Evaluation", "Grade", "YearlySummary"]


class Grade(enum.Enum):
    """Grade of an evaluation, best first (考核等次)."""

    EXCELLENT = "excellent"
    GOOD = "good"
    PASS = "pass"
    FAIL = "fail"

    @property
    def label_zh(self) -> str:
        """Chinese name."""
        return {
            Grade.EXCELLENT: "优秀",
            Grade.GOOD: "良好",
            Grade.PASS: "合格",
            Grade.FAIL: "不合格",
        }[self]

    @property
    def rank(self) -> int:
        """0 for the best grade; larger is worse."""
        return list(Grade).index(self)


def _score(instance: Evaluation, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 0:
        raise InvalidRecordError(
            f"evaluation {instance.id}: score {value} is negative",
            subject=instance.id,
            rule="evaluation.score_range",
        )


def _evaluated_on(value: Any) -> pendulum.Date:
    return as_date(value, "evaluated_on")


@attrs.frozen(kw_only=True)
class Evaluation:
    """One evaluation of a member's conduct outside working hours for a period.

    Attributes:
        id: Unique identifier.
        person_id: The member evaluated.
        org_id: The evaluating organisation (township or street committee, community org).
        evaluator_id: Who made the evaluation; must hold a post in ``org_id`` that day.
        period: The period evaluated (a quarter, half-year or year).
        evaluated_on: The day of the evaluation, not before the period starts.
        score: Score (0 up to the rules' maximum), if scored.
        grade: Grade, if graded; a record has a score, a grade or both.
    """

    id: str = attrs.field(validator=non_empty_text)
    person_id: str
    org_id: str
    evaluator_id: str
    period: Period
    evaluated_on: pendulum.Date = attrs.field(converter=_evaluated_on)
    score: int | None = attrs.field(default=None, validator=_score)
    grade: Grade | None = None

    def __attrs_post_init__(self) -> None:
        if self.score is None and self.grade is None:
            raise InvalidRecordError(
                f"evaluation {self.id} has neither a score nor a grade",
                subject=self.id,
                rule="evaluation.result",
            )
        if self.evaluated_on < self.period.start:
            raise InvalidRecordError(
                f"evaluation {self.id} made on {self.evaluated_on}, before the period "
                f"{self.period} it evaluates",
                subject=self.id,
                rule="evaluation.after_period_start",
            )


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _grades(value: Iterable[Grade]) -> tuple[Grade, ...]:
    return tuple(sorted(value, key=lambda grade: grade.rank))


@attrs.frozen(kw_only=True)
class YearlySummary:
    """A member's evaluations outside working hours over a calendar year (年度汇总).

    Attributes:
        person_id: The member.
        year: The year: evaluations whose period starts in it.
        evaluation_ids: The evaluations counted, in order of their periods.
        score_total: Sum of the scores given.
        scored: How many evaluations gave a score.
        grades: The grades given, best first.
    """

    person_id: str
    year: int
    evaluation_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    score_total: int = 0
    scored: int = 0
    grades: tuple[Grade, ...] = attrs.field(default=(), converter=_grades)

    @classmethod
    def of(cls, person_id: str, year: int, evaluations: Iterable[Evaluation]) -> YearlySummary:
        """Summarise the evaluations of ``person_id`` whose period starts in ``year``."""
        chosen = sorted(
            (e for e in evaluations if e.person_id == person_id and e.period.start.year == year),
            key=lambda e: (e.period.start, e.id),
        )
        scores = [e.score for e in chosen if e.score is not None]
        return cls(
            person_id=person_id,
            year=year,
            evaluation_ids=(e.id for e in chosen),
            score_total=sum(scores),
            scored=len(scores),
            grades=(e.grade for e in chosen if e.grade is not None),
        )

    @property
    def count(self) -> int:
        """Number of evaluations."""
        return len(self.evaluation_ids)

    @property
    def average_score(self) -> Fraction | None:
        """Exact mean score, or ``None`` when nothing was scored."""
        return Fraction(self.score_total, self.scored) if self.scored else None

    @property
    def lowest_grade(self) -> Grade | None:
        """The worst grade of the year (a single 不合格 shows), or ``None`` if ungraded."""
        return self.grades[-1] if self.grades else None
