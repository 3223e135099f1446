"""The partnerships of a jurisdiction (共驻共建台账): alliances, agreements, pairings.

:class:`Partnerships` owns the records; every command validates completely before it
changes anything; ending a membership or a pairing sets its end, nothing is deleted.
"""

from __future__ import annotations

import datetime as _dt
from typing import TypeVar

import attrs

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.errors import ConflictError
from neighborhood_pb.governance.cobuild.guards import get as _get
from neighborhood_pb.governance.cobuild.guards import refuse as _refuse
from neighborhood_pb.governance.cobuild.guards import unique as _unique
from neighborhood_pb.governance.cobuild.partnerships import (
    Agreement,
    Alliance,
    AllianceMember,
    Commitment,
    CommitmentMet,
    CommunityEvaluation,
    HardshipHousehold,
    Pairing,
    PairingKind,
    UnitEvaluation,
)
from neighborhood_pb.governance.cobuild.records import PartnershipRecords
from neighborhood_pb.history import load_section

__all__ = ["Partnerships"]

_E = TypeVar("_E", AllianceMember, Pairing)


def _ended(kind: str, record: _E, day: _dt.date | str) -> _E:
    end = as_date(day, "day")
    if end <= record.period.start or not record.period.contains(end):
        _refuse(
            f"{kind} {record.id} {record.period} cannot end on {end}",
            record.id,
            "history.end_dated",
        )
    return attrs.evolve(record, period=record.period.ended_on(end))


_V = TypeVar("_V", UnitEvaluation, CommunityEvaluation)


def _once_a_year(
    kept: dict[tuple[str, str, int], _V], evaluation: _V, by: str, of: str, rule: str
) -> None:
    """Keep ``evaluation`` of ``of`` by ``by``, or refuse a second one the same year."""
    key = (of, by, evaluation.year)
    if key in kept:
        raise ConflictError(
            f"{by} already evaluated {of} for {evaluation.year}", subject=of, rule=rule
        )
    kept[key] = evaluation


class Partnerships:
    """Alliances, agreements, pairings, households in hardship and evaluations.

    Invariants:
        * ids are unique within each kind, commitment ids across agreements;
        * a membership lies within its alliance's life and never overlaps another of the
          same unit in the same alliance;
        * a unit–household pairing pairs a household registered in hardship;
        * a commitment is met once, not before its agreement starts;
        * a community evaluates a unit once a year, and a unit a community once a year.
    """

    def __init__(self) -> None:
        """Create empty partnerships."""
        self._alliances: dict[str, Alliance] = {}
        self._members: dict[str, AllianceMember] = {}
        self._by_unit: dict[tuple[str, str], list[str]] = {}
        self._agreements: dict[str, Agreement] = {}
        self._commitments: dict[str, tuple[Agreement, Commitment]] = {}
        self._met: dict[str, CommitmentMet] = {}
        self._pairings: dict[str, Pairing] = {}
        self._hardship: dict[str, HardshipHousehold] = {}
        self._evaluations: dict[tuple[str, str, int], UnitEvaluation] = {}
        self._community_evaluations: dict[tuple[str, str, int], CommunityEvaluation] = {}

    # -- alliances ---------------------------------------------------------------------

    def found(self, alliance: Alliance) -> None:
        """Found a party-building alliance."""
        _unique("alliance", alliance.id, self._alliances)
        self._alliances[alliance.id] = alliance

    def join(self, member: AllianceMember) -> None:
        """A unit joins an alliance for a period."""
        _unique("alliance_member", member.id, self._members)
        alliance = _get("alliance", member.alliance_id, self._alliances)
        if not member.period.within(alliance.period):
            _refuse(
                f"membership {member.id} {member.period} lies outside alliance "
                f"{alliance.id} {alliance.period}",
                member.id,
                "alliance_member.period",
            )
        key = (member.alliance_id, member.unit_id)
        for other_id in self._by_unit.get(key, ()):
            other = self._members[other_id]
            if other.period.overlaps(member.period):
                _refuse(
                    f"unit {member.unit_id} is already in alliance {alliance.id} "
                    f"({other.id} {other.period})",
                    member.id,
                    "alliance_member.overlap",
                )
        self._members[member.id] = member
        self._by_unit.setdefault(key, []).append(member.id)

    def leave(self, member_id: str, day: _dt.date | str) -> AllianceMember:
        """A unit leaves an alliance: its membership ends on ``day`` (exclusive)."""
        member = _ended("alliance_member", _get("alliance_member", member_id, self._members), day)
        self._members[member_id] = member
        return member

    def alliance(self, alliance_id: str) -> Alliance:
        """The alliance with this id."""
        return _get("alliance", alliance_id, self._alliances)

    def alliances(self, on: _dt.date | str | None = None) -> tuple[Alliance, ...]:
        """Every alliance, or those in existence on ``on``."""
        every = tuple(self._alliances.values())
        if on is None:
            return every
        day = as_date(on, "on")
        return tuple(a for a in every if a.period.contains(day))

    def members(self, alliance_id: str, on: _dt.date | str) -> tuple[str, ...]:
        """The units in an alliance on ``on``, sorted."""
        self.alliance(alliance_id)
        day = as_date(on, "on")
        return tuple(
            sorted(
                m.unit_id
                for m in self._members.values()
                if m.alliance_id == alliance_id and m.period.contains(day)
            )
        )

    def allied_units(self, on: _dt.date | str) -> frozenset[str]:
        """Every unit in some alliance on ``on``."""
        day = as_date(on, "on")
        return frozenset(m.unit_id for m in self._members.values() if m.period.contains(day))

    # -- agreements --------------------------------------------------------------------

    def sign(self, agreement: Agreement) -> None:
        """Record a co-building agreement (协议书, 责任书 or 倡议书)."""
        _unique("agreement", agreement.id, self._agreements)
        for commitment in agreement.commitments:
            _unique("commitment", commitment.id, self._commitments)
        self._agreements[agreement.id] = agreement
        for commitment in agreement.commitments:
            self._commitments[commitment.id] = (agreement, commitment)

    def fulfil(self, met: CommitmentMet) -> None:
        """Record a commitment met."""
        agreement, commitment = _get("commitment", met.commitment_id, self._commitments)
        if commitment.id in self._met:
            _refuse(f"commitment {commitment.id} is already met", commitment.id, "commitment.once")
        if met.day < agreement.period.start:
            _refuse(
                f"commitment {commitment.id} met on {met.day}, before agreement "
                f"{agreement.id} starts on {agreement.period.start}",
                commitment.id,
                "commitment.in_time",
            )
        self._met[commitment.id] = met

    def agreements(self, on: _dt.date | str | None = None) -> tuple[Agreement, ...]:
        """Every agreement, or those in effect on ``on``."""
        every = tuple(self._agreements.values())
        if on is None:
            return every
        day = as_date(on, "on")
        return tuple(a for a in every if a.period.contains(day))

    def commitment(self, commitment_id: str) -> tuple[Agreement, Commitment]:
        """A commitment with its agreement."""
        return _get("commitment", commitment_id, self._commitments)

    def met(self, commitment_id: str) -> CommitmentMet | None:
        """When a commitment was met, if it was."""
        self.commitment(commitment_id)
        return self._met.get(commitment_id)

    # -- pairings and households in hardship -------------------------------------------

    def register_hardship(self, household: HardshipHousehold) -> None:
        """Register a household in hardship."""
        _unique("hardship", household.household_id, self._hardship)
        self._hardship[household.household_id] = household

    def hardship(self, on: _dt.date | str) -> tuple[HardshipHousehold, ...]:
        """The households in hardship on ``on``."""
        day = as_date(on, "on")
        return tuple(h for h in self._hardship.values() if h.period.contains(day))

    def pair(self, pairing: Pairing) -> None:
        """Pair a unit with a community or with a household in hardship."""
        _unique("pairing", pairing.id, self._pairings)
        if pairing.kind is PairingKind.UNIT_HOUSEHOLD:
            household = _get("hardship", pairing.partner_id, self._hardship)
            if not pairing.period.overlaps(household.period):
                _refuse(
                    f"pairing {pairing.id} {pairing.period} misses the hardship period "
                    f"{household.period} of {household.household_id}",
                    pairing.id,
                    "pairing.hardship",
                )
        self._pairings[pairing.id] = pairing

    def end_pairing(self, pairing_id: str, day: _dt.date | str) -> Pairing:
        """End a pairing on ``day`` (exclusive)."""
        pairing = _ended("pairing", _get("pairing", pairing_id, self._pairings), day)
        self._pairings[pairing_id] = pairing
        return pairing

    def pairings(self, on: _dt.date | str | None = None) -> tuple[Pairing, ...]:
        """Every pairing, or those in effect on ``on``."""
        every = tuple(self._pairings.values())
        if on is None:
            return every
        day = as_date(on, "on")
        return tuple(p for p in every if p.period.contains(day))

    def paired(self, partner_id: str, on: _dt.date | str) -> tuple[Pairing, ...]:
        """The pairings of a community or household in effect on ``on``."""
        return tuple(p for p in self.pairings(on) if p.partner_id == partner_id)

    # -- evaluations -------------------------------------------------------------------

    def evaluate(self, evaluation: UnitEvaluation) -> None:
        """Record a community's yearly evaluation of a unit (双评议)."""
        _once_a_year(
            self._evaluations,
            evaluation,
            evaluation.community_id,
            evaluation.unit_id,
            "evaluation.once",
        )

    def evaluations(self, unit_id: str | None = None) -> tuple[UnitEvaluation, ...]:
        """Every evaluation, or those of one unit."""
        return tuple(
            e for e in self._evaluations.values() if unit_id is None or e.unit_id == unit_id
        )

    def evaluate_community(self, evaluation: CommunityEvaluation) -> None:
        """Record a unit's yearly evaluation of a community (双考核)."""
        _once_a_year(
            self._community_evaluations,
            evaluation,
            evaluation.unit_id,
            evaluation.community_id,
            "community_evaluation.once",
        )

    def community_evaluations(
        self, community_id: str | None = None
    ) -> tuple[CommunityEvaluation, ...]:
        """Every evaluation of a community by a unit, or those of one community."""
        return tuple(
            e
            for e in self._community_evaluations.values()
            if community_id is None or e.community_id == community_id
        )

    # -- records -----------------------------------------------------------------------

    def records(self) -> PartnershipRecords:
        """Every record, as one frozen value."""
        return PartnershipRecords(
            alliances=self._alliances.values(),
            members=self._members.values(),
            agreements=self._agreements.values(),
            fulfilments=self._met.values(),
            pairings=self._pairings.values(),
            hardship=self._hardship.values(),
            evaluations=self._evaluations.values(),
            community_evaluations=self._community_evaluations.values(),
        )

    @classmethod
    def from_records(cls, records: PartnershipRecords) -> Partnerships:
        """Rebuild the partnerships from their records, validating each as a command."""
        book = cls()
        load_section("alliances", records.alliances, book.found)
        load_section("members", records.members, book.join)
        load_section("agreements", records.agreements, book.sign)
        load_section("fulfilments", records.fulfilments, book.fulfil)
        load_section("hardship", records.hardship, book.register_hardship)
        load_section("pairings", records.pairings, book.pair)
        load_section("evaluations", records.evaluations, book.evaluate)
        load_section(
            "community_evaluations", records.community_evaluations, book.evaluate_community
        )
        return book
