"""Owners' assembly votes and their quorum (业主大会表决), in exact fractions.

Civil Code art. 278 (民法典第二百七十八条): owners holding two thirds of the exclusive area and
two thirds of the owners by number take part; raising or using the maintenance fund,
rebuilding, and changing the use of common parts need three quarters of the participating
area and number; other matters need more than half of both. The numbers are a rules record
(:class:`AssemblyRules`); :data:`CIVIL_CODE_278` is the preset.
"""

from __future__ import annotations

import enum
from fractions import Fraction

import attrs
import pendulum

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.converters import to_instant as _instant
from neighborhood_pb.governance.converters import to_tuple as _tuple
from neighborhood_pb.ratio import Ratio

__all__ = [
    "CIVIL_CODE_278",
    "AssemblyRules",
    "Ballot",
    "Choice",
    "MatterClass",
    "OwnerShare",
    "Threshold",
    "Vote",
    "VoteResult",
    "tally",
]


@attrs.frozen(kw_only=True)
class Threshold:
    """An exact share to reach: at least (or, if ``strict``, more than) n/d (表决比例).

    Attributes:
        numerator: Top of the fraction.
        denominator: Bottom of the fraction (positive).
        strict: Whether the share must exceed the fraction rather than reach it.
    """

    numerator: int
    denominator: int
    strict: bool = False

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator or self.denominator <= 0:
            raise InvalidRecordError(
                f"threshold {self.numerator}/{self.denominator} is not a share of a whole",
                rule="vote.threshold",
            )

    @property
    def fraction(self) -> Fraction:
        """The exact fraction."""
        return Fraction(self.numerator, self.denominator)

    def met_by(self, ratio: Ratio) -> bool:
        """Whether ``ratio`` reaches the threshold (never when it is not applicable)."""
        value = ratio.value
        if value is None:
            return False
        return value > self.fraction if self.strict else value >= self.fraction

    def __str__(self) -> str:
        return f"{'>' if self.strict else '>='}{self.numerator}/{self.denominator}"


class MatterClass(enum.Enum):
    """Which majority a matter needs (表决事项类别)."""

    SPECIAL = "special"
    """筹集维修资金、改建重建、改变共有部分用途或利用共有部分经营: three quarters."""
    ORDINARY = "ordinary"
    """Other matters: more than half."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return "特别事项" if self is MatterClass.SPECIAL else "一般事项"


@attrs.frozen(kw_only=True)
class AssemblyRules:
    """The shares an owners' assembly needs, by area and by number (表决规则).

    Attributes:
        participation: Share of owners (by area and by number) who must take part.
        special: Share of the participants needed for a special matter.
        ordinary: Share of the participants needed for any other matter.
        source: Where the numbers come from.
    """

    participation: Threshold
    special: Threshold
    ordinary: Threshold
    source: str = attrs.field(validator=non_empty_text)

    def majority(self, matter_class: MatterClass) -> Threshold:
        """The share a matter of ``matter_class`` needs."""
        return self.special if matter_class is MatterClass.SPECIAL else self.ordinary


CIVIL_CODE_278 = AssemblyRules(
    participation=Threshold(numerator=2, denominator=3),
    special=Threshold(numerator=3, denominator=4),
    ordinary=Threshold(numerator=1, denominator=2, strict=True),
    source="民法典第二百七十八条: 应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上"
    "的业主参与表决；特别事项应当经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三"
    "以上的业主同意；其他事项应当经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意",
)
"""Civil Code art. 278."""


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidRecordError(
            f"{attribute.name} must be a whole number > 0, got {value!r}", rule="vote.area"
        )


@attrs.frozen(kw_only=True)
class OwnerShare:
    """An owner and the exclusive area they own, in hundredths of a square metre (专有面积).

    Attributes:
        owner_id: The owner (one owner counts once by number).
        area: Exclusive area in 0.01 m² (exact: 89.50 m² is 8950).
    """

    owner_id: str = attrs.field(validator=non_empty_text)
    area: int = attrs.field(validator=_positive)


class Choice(enum.Enum):
    """A ballot's choice (表决意见)."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@attrs.frozen(kw_only=True)
class Ballot:
    """One owner's ballot (表决票)."""

    owner_id: str = attrs.field(validator=non_empty_text)
    choice: Choice


@attrs.frozen(kw_only=True)
class Vote:
    """An owners' assembly vote on a matter (业主大会表决).

    Attributes:
        id: The vote.
        matter_id: The matter put to the vote.
        at: When the count closed.
        matter_class: Special or ordinary.
        owners: Every owner of the assembly with their area (the whole, for participation).
        ballots: The ballots cast (participants).
        contract_company_id: When the vote is on a property company's own contract: the
            company (its employees may not vote).
    """

    id: str = attrs.field(validator=non_empty_text)
    matter_id: str = attrs.field(validator=non_empty_text)
    at: pendulum.DateTime = attrs.field(converter=_instant)
    matter_class: MatterClass
    owners: tuple[OwnerShare, ...] = attrs.field(converter=_tuple)
    ballots: tuple[Ballot, ...] = attrs.field(converter=_tuple)
    contract_company_id: str | None = None

    def __attrs_post_init__(self) -> None:
        owners = [o.owner_id for o in self.owners]
        voters = [b.owner_id for b in self.ballots]
        if len(set(owners)) != len(owners) or len(set(voters)) != len(voters):
            raise InvalidRecordError(
                f"vote {self.id}: an owner is listed or votes twice",
                subject=self.id,
                rule="vote.one_owner_one_ballot",
            )
        if not set(voters) <= set(owners):
            stranger = sorted(set(voters) - set(owners))[0]
            raise InvalidRecordError(
                f"vote {self.id}: {stranger} is not an owner of the assembly",
                subject=self.id,
                rule="vote.owner",
                params={"owner": stranger},
            )


@attrs.frozen(kw_only=True)
class VoteResult:
    """A vote's figures (表决结果), every one an exact ratio.

    Attributes:
        vote_id: The vote.
        turnout_area: Participating area out of all area.
        turnout_number: Participating owners out of all owners.
        approval_area: Area in favour out of participating area.
        approval_number: Owners in favour out of participating owners.
        quorum: Whether enough owners took part (by area and by number).
        passed: Whether there was a quorum and the majority was reached on both counts.
    """

    vote_id: str
    turnout_area: Ratio
    turnout_number: Ratio
    approval_area: Ratio
    approval_number: Ratio
    quorum: bool
    passed: bool


def tally(vote: Vote, rules: AssemblyRules = CIVIL_CODE_278) -> VoteResult:
    """Count a vote under ``rules``."""
    area = {o.owner_id: o.area for o in vote.owners}
    cast = [(area[b.owner_id], b.choice) for b in vote.ballots]
    yes = [a for a, choice in cast if choice is Choice.FOR]
    turnout_area = Ratio(sum(a for a, _ in cast), sum(area.values()))
    turnout_number = Ratio(len(cast), len(area))
    approval_area = Ratio(sum(yes), turnout_area.numerator)
    approval_number = Ratio(len(yes), len(cast))
    quorum = rules.participation.met_by(turnout_area) and rules.participation.met_by(turnout_number)
    majority = rules.majority(vote.matter_class)
    passed = quorum and majority.met_by(approval_area) and majority.met_by(approval_number)
    return VoteResult(
        vote_id=vote.id,
        turnout_area=turnout_area,
        turnout_number=turnout_number,
        approval_area=approval_area,
        approval_number=approval_number,
        quorum=quorum,
        passed=passed,
    )
