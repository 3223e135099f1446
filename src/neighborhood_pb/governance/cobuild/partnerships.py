"""Partnerships (共驻共建): alliances and their member units, co-building agreements with
their commitments, pairings, households in hardship and units evaluated by communities.

Memberships, agreements and pairings are effective-dated: ending one sets its end, nothing
is deleted.
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.validators import non_empty_text, whole_in_range
from neighborhood_pb.governance.converters import to_day as _day
from neighborhood_pb.governance.converters import to_frozenset as _frozen
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = [
    "Agreement",
    "AgreementKind",
    "Alliance",
    "AllianceMember",
    "Commitment",
    "CommitmentMet",
    "CommunityEvaluation",
    "HardshipHousehold",
    "Pairing",
    "PairingKind",
    "UnitEvaluation",
]


@attrs.frozen(kw_only=True)
class Alliance:
    """A party-building alliance (党建联盟), led by a party organisation.

    Attributes:
        id: The alliance.
        name: Its name.
        lead_org_id: The party organisation leading it (e.g. the street's working committee).
        territory_id: The territory it serves.
        period: When it exists.
    """

    id: str = attrs.field(validator=non_empty_text)
    name: str = attrs.field(validator=non_empty_text)
    lead_org_id: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    period: Period


@attrs.frozen(kw_only=True)
class AllianceMember:
    """A unit's membership of an alliance (联盟成员单位), effective-dated.

    Attributes:
        id: The membership.
        alliance_id: The alliance.
        unit_id: The member unit (a resident unit, a department, a company).
        period: When it is a member.
    """

    id: str = attrs.field(validator=non_empty_text)
    alliance_id: str = attrs.field(validator=non_empty_text)
    unit_id: str = attrs.field(validator=non_empty_text)
    period: Period


class AgreementKind(enum.Enum):
    """The kind of a co-building document (共建文书)."""

    AGREEMENT = "agreement"
    """协议书: parties bound to each other."""
    PLEDGE = "pledge"
    """责任书: a party answers for its commitments."""
    PROPOSAL = "proposal"
    """倡议书: a call the parties join."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {"agreement": "协议书", "pledge": "责任书", "proposal": "倡议书"}[self.value]


@attrs.frozen(kw_only=True)
class Commitment:
    """What one party commits to, by a day (承诺事项).

    Attributes:
        id: The commitment, unique across agreements.
        party_id: The party that commits.
        what: What it commits to.
        due: The day it is to be met.
        subjects: Needs or projects it answers for (they enter the responsibility list).
    """

    id: str = attrs.field(validator=non_empty_text)
    party_id: str = attrs.field(validator=non_empty_text)
    what: str = attrs.field(validator=non_empty_text)
    due: pendulum.Date = attrs.field(converter=_day)
    subjects: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)


@attrs.frozen(kw_only=True)
class Agreement:
    """A co-building agreement (共建协议), its parties, commitments and period.

    Attributes:
        id: The agreement.
        kind: 协议书, 责任书 or 倡议书.
        title: Its title.
        parties: The parties (communities, units, departments).
        commitments: What each party commits to.
        period: When it is in effect.
    """

    id: str = attrs.field(validator=non_empty_text)
    kind: AgreementKind
    title: str = attrs.field(validator=non_empty_text)
    parties: frozenset[str] = attrs.field(converter=_frozen)
    commitments: tuple[Commitment, ...] = attrs.field(default=(), converter=_tuple)
    period: Period

    def __attrs_post_init__(self) -> None:
        ids = [c.id for c in self.commitments]
        strangers = sorted({c.party_id for c in self.commitments} - self.parties)
        if not self.parties or strangers or len(set(ids)) != len(ids):
            raise InvalidRecordError(
                f"agreement {self.id}: parties {sorted(self.parties)}, commitments {ids}; every "
                "commitment is unique and made by a party",
                subject=self.id,
                rule="agreement.parties",
            )


@attrs.frozen(kw_only=True)
class CommitmentMet:
    """A commitment met (承诺兑现).

    Attributes:
        commitment_id: The commitment.
        day: When.
        note: What was done.
    """

    commitment_id: str = attrs.field(validator=non_empty_text)
    day: pendulum.Date = attrs.field(converter=_day)
    note: str = ""


class PairingKind(enum.Enum):
    """Who is paired with whom (结对共建)."""

    UNIT_COMMUNITY = "unit_community"
    """A unit with a community (单位联系社区)."""
    DEPARTMENT_COMMUNITY = "department_community"
    """A department with a community (部门挂钩社区)."""
    UNIT_HOUSEHOLD = "unit_household"
    """A unit with a household in hardship (结对帮扶困难户)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {
            "unit_community": "单位结对社区",
            "department_community": "部门挂钩社区",
            "unit_household": "单位结对困难户",
        }[self.value]


@attrs.frozen(kw_only=True)
class Pairing:
    """A pairing (结对), effective-dated.

    Attributes:
        id: The pairing.
        kind: Unit–community, department–community or unit–household.
        unit_id: The unit or department.
        partner_id: The community, or the household in hardship.
        period: When it is in effect.
    """

    id: str = attrs.field(validator=non_empty_text)
    kind: PairingKind
    unit_id: str = attrs.field(validator=non_empty_text)
    partner_id: str = attrs.field(validator=non_empty_text)
    period: Period


@attrs.frozen(kw_only=True)
class HardshipHousehold:
    """A household in hardship (困难家庭), registered for a period.

    Attributes:
        household_id: The household.
        territory_id: Where it lives.
        reason: Why (e.g. 低保, 残疾, 独居老人).
        period: When it is registered.
    """

    household_id: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    reason: str = attrs.field(validator=non_empty_text)
    period: Period


@attrs.frozen(kw_only=True)
class UnitEvaluation:
    """A community's evaluation of a unit (双评议/双考核; the other half is
    :class:`CommunityEvaluation`).

    Attributes:
        unit_id: The unit evaluated.
        community_id: The community evaluating.
        year: The year evaluated.
        score: Out of 100.
        note: What was said.
    """

    unit_id: str = attrs.field(validator=non_empty_text)
    community_id: str = attrs.field(validator=non_empty_text)
    year: int = attrs.field(validator=whole_in_range(1949, 9999))
    score: int = attrs.field(validator=whole_in_range(0, 100))
    note: str = ""


@attrs.frozen(kw_only=True)
class CommunityEvaluation:
    """A unit's evaluation of a community (双考核: units evaluate the communities too).

    Attributes:
        community_id: The community evaluated.
        unit_id: The unit evaluating (a resident unit, a department).
        year: The year evaluated.
        score: Out of 100.
        note: What was said.
    """

    community_id: str = attrs.field(validator=non_empty_text)
    unit_id: str = attrs.field(validator=non_empty_text)
    year: int = attrs.field(validator=whole_in_range(1949, 9999))
    score: int = attrs.field(validator=whole_in_range(0, 100))
    note: str = ""
