"""The rotating duty (轮值家长): part-time committee members take turns for whole months.

Yongchun county (永春县) has its part-time committee members serve in turn as duty head for
one to three months. :class:`DutyRotation` keeps the roster (who may serve when), the order,
the term length and the anchor, and the log of edits, swaps and overrides; it materialises
the terms over any horizon and says who is on duty on a day, without walking from the anchor.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import pendulum

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.structure.rotations.plan import Piece, RotationPlan, compile_plan
from neighborhood_pb.structure.rotations.records import (
    DutyOverride,
    DutyRotationRecords,
    DutyRotationSetup,
    DutyTerm,
    Eligibility,
    RotationEdit,
    rotation_day,
)
from neighborhood_pb.structure.rotations.roster import RotationRoster, closed_horizon
from neighborhood_pb.structure.rotations.rules import YONGCHUN_DUTY_RULES, RotationRules
from neighborhood_pb.structure.rotations.slots import MonthSlots

__all__ = ["DutyRotation"]


class DutyRotation(RotationRoster[DutyRotationRecords]):
    """A duty rotation over terms of whole calendar months (轮值家长).

    Terms start on the anchor and then every ``term_months`` months, each boundary counted
    from the anchor: an anchor on the 31st gives terms starting on the 31st, or on the last
    day of a shorter month (31 Jan → 28 Feb → 31 Mar with one-month terms).

    A person takes a turn if they are eligible on the term's first day; the ineligible are
    skipped and keep their place, so the others keep their order. If a holder's eligibility
    ends during their term, they are on duty until it ends and the rest is vacant (an
    override can fill it).

    Invariants:
        * the terms and the vacancies tile time from the anchor, without gap or overlap;
        * nobody is on duty on a day they are not eligible;
        * :meth:`on_duty` is a function of the records and the day, equal to the
          materialised terms;
        * a record dated ``d`` changes nothing before ``d``.
    """

    def __init__(self, records: DutyRotationRecords, rules: RotationRules = YONGCHUN_DUTY_RULES):
        """Build the rotation from its records (e.g. loaded from JSON).

        Raises:
            NeighborhoodPBError: a record breaks a rule.
        """
        self.rules = rules
        super().__init__(records)

    @classmethod
    def create(
        cls,
        *,
        id: str,
        anchor: _dt.date | str,
        term_months: int,
        order: Iterable[str],
        eligibility: Iterable[Eligibility],
        rules: RotationRules = YONGCHUN_DUTY_RULES,
        org_id: str | None = None,
    ) -> DutyRotation:
        """Start a rotation.

        Args:
            id: Identifier of the rotation.
            anchor: First day of the first term.
            term_months: Months per term, within ``rules``.
            order: Person ids in turn order.
            eligibility: Who may serve when; everyone in the order needs a period.
            rules: Bounds on the term length (Yongchun's 1–3 months by default).
            org_id: The committee whose members rotate.

        Raises:
            NeighborhoodPBError: e.g. a term length outside the bounds, or a person in the
                order with no eligibility.
        """
        setup = DutyRotationSetup(
            id=id,
            anchor=rotation_day(anchor, "anchor"),
            term_months=term_months,
            order=tuple(order),
            org_id=org_id,
        )
        return cls(DutyRotationRecords(setup=setup, eligibility=tuple(eligibility)), rules)

    def _compile(self, records: DutyRotationRecords) -> RotationPlan:
        setup = records.setup
        self.rules.check_term_months(setup.term_months, subject=setup.id)
        return compile_plan(
            rotation_id=setup.id,
            order=setup.order,
            slots=MonthSlots.regular(setup.anchor, setup.term_months),
            eligibility=records.eligibility,
            edits=records.edits,
            swaps=records.swaps,
            overrides=records.overrides,
            withdrawals=records.withdrawals,
            rules=self.rules,
        )

    # == commands ===========================================================================

    def change_term_months(
        self,
        term_months: int,
        effective_from: _dt.date | str,
        *,
        id: str | None = None,
        reason: str = "",
    ) -> RotationEdit:
        """Change the term length from the first term starting on or after a date.

        Raises:
            InvalidRecordError: the length is outside the rules' bounds.
        """
        effective_from = rotation_day(effective_from, "effective_from")
        edit = RotationEdit(
            id=self._new_id("edit", id),
            effective_from=effective_from,
            term_months=term_months,
            reason=reason,
        )
        self.edit(edit)
        return edit

    def override(
        self, substitute_id: str, period: Period, reason: str, *, id: str | None = None
    ) -> DutyOverride:
        """Put ``substitute_id`` on duty for ``period`` (within one term) instead of its holder.

        Returns:
            The override recorded.
        """
        return self._override(substitute_id, period, reason, id)

    # == queries ============================================================================

    @property
    def anchor(self) -> pendulum.Date:
        """First day of the first term."""
        return self._records.setup.anchor

    def term_months_on(self, day: _dt.date | str) -> int | None:
        """Length in months of the term containing ``day`` (``None`` before the anchor)."""
        index = self._plan.slots.index_on(rotation_day(day))
        slots = self._plan.slots
        assert isinstance(slots, MonthSlots)
        return None if index is None else slots.term_months(index)

    def term_period(self, index: int) -> Period:
        """The days of term number ``index`` (from 0)."""
        slots = self._plan.slots
        return Period(start=slots.start(index), end=slots.end(index))

    def _term(self, index: int, piece: Piece) -> DutyTerm:
        assert piece.person_id is not None
        return DutyTerm(
            rotation_id=self.id,
            person_id=piece.person_id,
            period=piece.period,
            index=index,
            origin=piece.origin,
            source_id=piece.source_id,
        )

    def _pieces(self, horizon: Period) -> Iterable[tuple[int, Piece]]:
        end = closed_horizon(horizon)
        for index in self._plan.slot_range(horizon.start, end):
            for piece in self._plan.pieces(index):
                if piece.period.overlaps(horizon):
                    yield index, piece

    def terms(self, horizon: Period) -> tuple[DutyTerm, ...]:
        """Every stretch of duty overlapping ``horizon``, in order, whole (not clipped).

        A term split by an override or by the end of its holder's eligibility gives several
        records sharing the term's ``index``.

        Raises:
            InvalidRecordError: the horizon is open.
        """
        return tuple(
            self._term(index, piece)
            for index, piece in self._pieces(horizon)
            if piece.person_id is not None
        )

    def vacancies(self, horizon: Period) -> tuple[Period, ...]:
        """Stretches of the rotation overlapping ``horizon`` when nobody is on duty.

        Raises:
            InvalidRecordError: the horizon is open.
        """
        return tuple(piece.period for _, piece in self._pieces(horizon) if piece.person_id is None)

    def term_on(self, day: _dt.date | str) -> DutyTerm | None:
        """The stretch of duty containing ``day`` (``None`` if nobody is on duty)."""
        when = rotation_day(day)
        index = self._plan.slots.index_on(when)
        if index is None:
            return None
        for piece in self._plan.pieces(index):
            if piece.period.contains(when) and piece.person_id is not None:
                return self._term(index, piece)
        return None

    def on_duty(self, day: _dt.date | str) -> str | None:
        """Who is on duty on ``day`` (``None``: before the anchor, or a vacancy).

        Costs a bisection, whatever the distance from the anchor.
        """
        return self._plan.on_duty(rotation_day(day))
