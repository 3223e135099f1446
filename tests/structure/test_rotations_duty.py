"""Examples of the duty rotation (轮值家长): terms, skipping, edits, swaps, overrides, errors."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from neighborhood_pb import (
    YONGCHUN_DUTY_RULES,
    DutyOverride,
    DutyRotation,
    DutyRotationRecords,
    Eligibility,
    RotationEdit,
    RotationRules,
    TermOrigin,
    TermSwap,
)
from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.io.json import structure, unstructure

D = pendulum.Date
YEAR_2025 = Period(start="2025-01-01", end="2026-01-01")


def open_from(person_id: str, start: str = "2024-01-01", end: str | None = None) -> Eligibility:
    return Eligibility(person_id=person_id, period=Period(start=start, end=end))


def rotation(
    order: str = "ABCD", months: int = 1, anchor: str = "2025-01-01", **kw: object
) -> DutyRotation:
    eligibility = kw.pop("eligibility", [open_from(p) for p in order])
    return DutyRotation.create(
        id="committee-duty",
        anchor=anchor,
        term_months=months,
        order=tuple(order),
        eligibility=eligibility,  # type: ignore[arg-type]
    )


def holders(rot: DutyRotation, horizon: Period = YEAR_2025) -> list[str]:
    return [t.person_id for t in rot.terms(horizon)]


def starts(rot: DutyRotation, horizon: Period = YEAR_2025) -> list[str]:
    return [str(t.period.start) for t in rot.terms(horizon)]


def snapshot(rot: DutyRotation) -> tuple[DutyRotationRecords, object]:
    return rot.records(), rot.terms(Period(start="2024-06-01", end="2027-01-01"))


# == preset and validation ===================================================================


def test_yongchun_preset_cites_its_source_and_bounds() -> None:
    assert (YONGCHUN_DUTY_RULES.min_term_months, YONGCHUN_DUTY_RULES.max_term_months) == (1, 3)
    assert "永春县" in YONGCHUN_DUTY_RULES.source


@pytest.mark.parametrize("months", [0, 4, -1, 12])
def test_term_length_outside_bounds_is_refused(months: int) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        rotation(months=months)
    assert caught.value.rule == "rotation.term_months"
    assert caught.value.subject == "committee-duty"
    assert "永春县" in str(caught.value)


def test_custom_rules_allow_longer_terms() -> None:
    rules = RotationRules(min_term_months=1, max_term_months=6)
    rot = DutyRotation.create(
        id="r",
        anchor="2025-01-01",
        term_months=6,
        order=("A",),
        eligibility=[open_from("A")],
        rules=rules,
    )
    assert rot.term_period(1) == Period(start="2025-07-01", end="2026-01-01")


@pytest.mark.parametrize(
    ("low", "high", "rule"), [(0, 3, "rules.rotation_positive"), (4, 3, "rules.rotation_bounds")]
)
def test_rules_record_validates_itself(low: int, high: int, rule: str) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        RotationRules(min_term_months=low, max_term_months=high)
    assert caught.value.rule == rule


def test_term_length_must_be_an_integer() -> None:
    with pytest.raises(InvalidRecordError, match="outside"):
        YONGCHUN_DUTY_RULES.check_term_months(True, subject="x")


def test_order_needs_eligibility_and_no_repeats() -> None:
    with pytest.raises(UnknownRecordError) as caught:
        rotation(order="ABC", eligibility=[open_from("A"), open_from("B")])
    assert (caught.value.rule, caught.value.subject) == ("roster.known", "committee-duty")
    with pytest.raises(InvalidRecordError, match="twice"):
        rotation(order="ABA")
    with pytest.raises(InvalidRecordError, match="nobody"):
        rotation(order="")


# == terms on the calendar ===================================================================


def test_terms_follow_the_order_in_whole_months() -> None:
    rot = rotation(months=2)
    assert holders(rot) == ["A", "B", "C", "D", "A", "B"]
    assert starts(rot) == [f"2025-{m:02d}-01" for m in (1, 3, 5, 7, 9, 11)]
    assert all(t.origin is TermOrigin.REGULAR and t.source_id is None for t in rot.terms(YEAR_2025))
    assert [t.index for t in rot.terms(YEAR_2025)] == list(range(6))


def test_anchor_on_the_31st_falls_back_then_returns() -> None:
    rot = rotation(anchor="2024-01-31")
    assert starts(rot, Period(start="2024-01-31", end="2024-06-01")) == [
        "2024-01-31",
        "2024-02-29",
        "2024-03-31",
        "2024-04-30",
        "2024-05-31",
    ]


def test_terms_are_whole_not_clipped_and_nothing_before_the_anchor() -> None:
    rot = rotation(months=3)
    (term,) = rot.terms(Period(start="2025-02-10", end="2025-02-11"))
    assert term.period == Period(start="2025-01-01", end="2025-04-01")
    assert rot.terms(Period(start="2024-01-01", end="2025-01-01")) == ()
    assert rot.on_duty(D(2024, 12, 31)) is None
    assert rot.term_on(D(2024, 12, 31)) is None
    assert rot.term_months_on(D(2024, 12, 31)) is None
    assert rot.term_months_on(D(2025, 2, 1)) == 3


def test_open_horizon_is_refused() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        rotation().terms(Period(start="2025-01-01"))
    assert caught.value.rule == "horizon.closed"


def test_on_duty_far_ahead() -> None:
    rot = rotation(months=1)
    months = (2525 - 2025) * 12
    assert rot.on_duty(D(2525, 1, 15)) == "ABCD"[months % 4]
    assert rot.term_on(D(2525, 1, 15)).index == months  # type: ignore[union-attr]


# == eligibility =============================================================================


def test_the_ineligible_are_skipped_and_keep_their_place() -> None:
    eligibility = [
        open_from("A"),
        open_from("B", end="2025-03-01"),
        open_from("B", start="2025-06-01"),
        open_from("C"),
    ]
    rot = rotation(order="ABC", eligibility=eligibility)
    # B is out from March to May: C and A carry on in their order, then B comes back in place.
    assert holders(rot, Period(start="2025-01-01", end="2025-09-01")) == [
        "A",
        "B",
        "C",
        "A",
        "C",
        "A",
        "B",
        "C",
    ]


def test_post_ending_mid_term_leaves_a_vacancy_and_keeps_history() -> None:
    rot = rotation(order="AB", months=2)
    days = [D(2025, 1, 1).add(days=n) for n in range(40)]
    before = [rot.on_duty(day) for day in days]
    rot.end_eligibility("A", "2025-02-10")
    assert [rot.on_duty(day) for day in days] == before
    (cut,) = rot.terms(Period(start="2025-01-01", end="2025-03-01"))
    assert cut.period == Period(start="2025-01-01", end="2025-02-10")
    assert rot.vacancies(YEAR_2025) == (Period(start="2025-02-10", end="2025-03-01"),)
    assert rot.on_duty(D(2025, 2, 9)) == "A"
    assert rot.on_duty(D(2025, 2, 10)) is None
    assert rot.term_on(D(2025, 2, 20)) is None
    assert set(holders(rot, Period(start="2025-03-01", end="2026-01-01"))) == {"B"}
    assert rot.records().eligibility[0].period.end == D(2025, 2, 10)


def test_adjacent_eligibility_periods_are_unbroken() -> None:
    eligibility = [open_from("A", end="2025-01-15"), open_from("A", start="2025-01-15")]
    rot = rotation(order="A", eligibility=eligibility)
    assert rot.terms(Period(start="2025-01-01", end="2025-02-01"))[0].period.end == D(2025, 2, 1)
    assert rot.eligible_on("A", D(2025, 1, 15))


def test_nobody_eligible_gives_a_vacant_term() -> None:
    rot = rotation(order="A", eligibility=[open_from("A", start="2025-03-15")])
    assert holders(rot, Period(start="2025-01-01", end="2025-06-01")) == ["A", "A"]
    assert rot.vacancies(Period(start="2025-01-01", end="2025-06-01")) == (
        Period(start="2025-01-01", end="2025-02-01"),
        Period(start="2025-02-01", end="2025-03-01"),
        Period(start="2025-03-01", end="2025-04-01"),
    )


def test_overlapping_eligibility_is_refused_and_changes_nothing() -> None:
    rot = rotation()
    before = snapshot(rot)
    with pytest.raises(ConflictError) as caught:
        rot.add_eligibility(open_from("A", start="2025-05-01"))
    assert (caught.value.subject, caught.value.rule) == ("A", "eligibility.no_overlap")
    assert snapshot(rot) == before


def test_end_eligibility_needs_a_running_period() -> None:
    rot = rotation()
    with pytest.raises(UnknownRecordError) as caught:
        rot.end_eligibility("Z", "2025-03-01")
    assert caught.value.rule == "eligibility.running"
    with pytest.raises(UnknownRecordError):
        rot.end_eligibility("A", "2024-01-01")  # the first day: nothing runs up to it


# == edits ===================================================================================


def test_edit_takes_effect_at_the_next_term_and_keeps_the_position() -> None:
    rot = rotation(order="ABCD", months=1)
    rot.add_member("E", "2025-02-15", reason="王五 joined the committee")
    # January A, February B (kept whole); from March the turn goes on with C, then E at the end.
    assert holders(rot, Period(start="2025-01-01", end="2025-09-01")) == list("ABCDEABC")
    assert rot.order_as_of(D(2025, 2, 15)) == tuple("ABCDE")
    assert rot.order_as_of(D(2025, 2, 14)) == tuple("ABCD")
    assert rot.eligible_on("E", D(2025, 2, 15))


def test_reorder_keeps_who_is_next() -> None:
    rot = rotation(order="ABCD")
    rot.reorder(("D", "C", "B", "A"), "2025-03-01")
    # A, B served; C was next due and stays next; then the new order continues from C.
    assert holders(rot, Period(start="2025-01-01", end="2025-08-01")) == list("ABCBADC")


def test_removing_the_next_person_passes_to_the_one_after() -> None:
    rot = rotation(order="ABCD")
    rot.remove_member("C", "2025-03-01")
    assert holders(rot, Period(start="2025-01-01", end="2025-07-01")) == list("ABDABD")
    assert "C" in rot.roster  # still eligible (e.g. to substitute), just out of the order


def test_replacing_everyone_starts_the_new_order_at_its_head() -> None:
    rot = rotation(order="AB", eligibility=[open_from(p) for p in "ABXY"])
    rot.reorder(("X", "Y"), "2025-03-01")
    assert holders(rot, Period(start="2025-01-01", end="2025-06-01")) == list("ABXYX")


def test_change_term_length_from_a_date() -> None:
    rot = rotation(order="AB", months=1, anchor="2025-01-31")
    rot.change_term_months(3, "2025-03-01")
    assert starts(rot, Period(start="2025-01-31", end="2026-01-01")) == [
        "2025-01-31",
        "2025-02-28",
        "2025-03-31",
        "2025-06-30",
        "2025-09-30",
        "2025-12-31",
    ]
    assert rot.term_months_on(D(2025, 3, 1)) == 1
    assert rot.term_months_on(D(2025, 4, 1)) == 3


def test_edits_on_the_same_boundary_apply_in_turn() -> None:
    rot = rotation(order="ABC")
    rot.reorder(("C", "B", "A"), "2025-02-01", id="first")
    rot.edit(RotationEdit(id="second", effective_from="2025-02-01", term_months=2))
    # February: B was next due under ABC and stays next under CBA; then A, then C.
    assert holders(rot, Period(start="2025-01-01", end="2025-08-01")) == list("ABAC")
    assert rot.plan.segment(1).edit_id == "second"


def test_edit_before_the_anchor_reshapes_from_the_first_term() -> None:
    rot = rotation(order="ABC")
    rot.reorder(("C", "A", "B"), "2020-01-01")
    assert holders(rot, Period(start="2025-01-01", end="2025-04-01")) == list("ABC")


def test_edit_to_an_unknown_person_or_bad_length_is_refused_unchanged() -> None:
    rot = rotation()
    before = snapshot(rot)
    with pytest.raises(UnknownRecordError) as caught:
        rot.reorder(("A", "Z"), "2025-03-01", id="bad-order")
    assert (caught.value.subject, caught.value.rule) == ("bad-order", "roster.known")
    with pytest.raises(InvalidRecordError) as caught_length:
        rot.change_term_months(4, "2025-03-01", id="bad-length")
    assert (caught_length.value.subject, caught_length.value.rule) == (
        "bad-length",
        "rotation.term_months",
    )
    assert snapshot(rot) == before


def test_member_commands_check_the_order() -> None:
    rot = rotation()
    with pytest.raises(ConflictError, match="already in the order"):
        rot.add_member("A", "2025-03-01")
    with pytest.raises(UnknownRecordError, match="Z is not in the order"):
        rot.add_member("E", "2025-03-01", before="Z")
    with pytest.raises(UnknownRecordError, match="not in the order"):
        rot.remove_member("E", "2025-03-01")
    rot.add_member("E", "2025-03-01", before="A", eligible_until="2025-12-01", id="e-joins")
    assert rot.order_as_of(D(2025, 3, 1)) == tuple("EABCD")
    assert not rot.eligible_on("E", D(2025, 12, 1))
    single = rotation(order="A")
    with pytest.raises(InvalidRecordError) as caught:
        single.remove_member("A", "2025-03-01")
    assert caught.value.rule == "order.non_empty"


def test_an_edit_must_change_something() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        RotationEdit(id="e", effective_from="2025-01-01")
    assert caught.value.rule == "edit.non_empty"


def test_ids_are_unique_across_the_log() -> None:
    rot = rotation()
    rot.reorder(("B", "A", "C", "D"), "2025-03-01", id="x")
    before = snapshot(rot)
    with pytest.raises(ConflictError) as caught:
        rot.swap(D(2025, 1, 1), D(2025, 2, 1), id="x")
    assert (caught.value.subject, caught.value.rule) == ("x", "id.unique")
    with pytest.raises(ConflictError):
        rot.reorder(("A", "B", "C", "D"), "2025-05-01", id="committee-duty")
    assert snapshot(rot) == before
    assert rot.reorder(("A", "B", "C", "D"), "2025-05-01").id == "edit-1"


# == swaps ===================================================================================


def test_swap_exchanges_two_terms_exactly() -> None:
    rot = rotation(order="ABCD", months=1)
    swap = rot.swap(D(2025, 1, 20), D(2025, 3, 5), reason="B travels in January")
    assert (swap.first_person, swap.second_person) == ("A", "C")
    assert (swap.first_start, swap.second_start) == (D(2025, 1, 1), D(2025, 3, 1))
    terms = rot.terms(Period(start="2025-01-01", end="2025-05-01"))
    assert [(t.person_id, t.origin) for t in terms] == [
        ("C", TermOrigin.SWAP),
        ("B", TermOrigin.REGULAR),
        ("A", TermOrigin.SWAP),
        ("D", TermOrigin.REGULAR),
    ]
    assert terms[0].source_id == terms[2].source_id == "swap-1"


def test_swap_checks_its_terms() -> None:
    rot = rotation(order="ABCD", months=1)
    rot.swap(D(2025, 1, 1), D(2025, 2, 1), id="s1")
    before = snapshot(rot)
    with pytest.raises(ConflictError) as caught:
        rot.swap(D(2025, 2, 1), D(2025, 3, 1), id="s2")
    assert (caught.value.subject, caught.value.rule) == ("s2", "swap.once")
    with pytest.raises(RuleViolationError) as wrong_holder:
        rot.add_swap(
            TermSwap(
                id="s3",
                first_start="2025-03-01",
                first_person="A",
                second_start="2025-04-01",
                second_person="D",
            )
        )
    assert wrong_holder.value.rule == "swap.holder"
    with pytest.raises(RuleViolationError) as not_a_start:
        rot.add_swap(
            TermSwap(
                id="s4",
                first_start="2025-03-02",
                first_person="C",
                second_start="2025-04-01",
                second_person="D",
            )
        )
    assert not_a_start.value.rule == "swap.term_start"
    with pytest.raises(UnknownRecordError):
        rot.swap(D(2024, 1, 1), D(2025, 4, 1))
    assert snapshot(rot) == before


def test_swap_needs_both_eligible_and_no_vacancy() -> None:
    eligibility = [open_from("A"), open_from("B", end="2025-03-01"), open_from("C")]
    rot = rotation(order="ABC", eligibility=eligibility)
    with pytest.raises(RuleViolationError) as caught:
        rot.swap(D(2025, 2, 1), D(2025, 6, 1), id="late")
    assert (caught.value.subject, caught.value.rule) == ("late", "swap.eligible")
    lonely = rotation(order="A", eligibility=[open_from("A", start="2025-03-01")])
    with pytest.raises(RuleViolationError, match="vacant"):
        lonely.swap(D(2025, 1, 1), D(2025, 3, 1))


def test_swap_records_validate_themselves() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        TermSwap(
            id="s",
            first_start="2025-01-01",
            first_person="A",
            second_start="2025-01-01",
            second_person="B",
        )
    assert caught.value.rule == "swap.distinct"


def test_an_edit_that_would_move_a_swapped_term_is_refused() -> None:
    rot = rotation(order="ABCD")
    rot.swap(D(2025, 5, 1), D(2025, 6, 1), id="may-june")
    before = snapshot(rot)
    with pytest.raises(RuleViolationError) as caught:
        rot.reorder(("B", "A", "D", "C"), "2025-03-01")
    assert (caught.value.subject, caught.value.rule) == ("may-june", "swap.holder")
    assert snapshot(rot) == before
    rot.withdraw("may-june", "plans changed")
    rot.reorder(("B", "A", "D", "C"), "2025-03-01")
    assert holders(rot, Period(start="2025-03-01", end="2025-07-01")) == list("CBAD")


# == overrides and withdrawals ===============================================================


def test_override_covers_part_of_a_term() -> None:
    rot = rotation(order="ABC", months=2)
    override = rot.override("C", Period(start="2025-01-10", end="2025-01-20"), "A is ill")
    assert override.absent_id == "A"
    terms = rot.terms(Period(start="2025-01-01", end="2025-03-01"))
    assert [(t.person_id, str(t.period), t.origin) for t in terms] == [
        ("A", "[2025-01-01, 2025-01-10)", TermOrigin.REGULAR),
        ("C", "[2025-01-10, 2025-01-20)", TermOrigin.OVERRIDE),
        ("A", "[2025-01-20, 2025-03-01)", TermOrigin.REGULAR),
    ]
    assert {t.index for t in terms} == {0}
    assert rot.on_duty(D(2025, 1, 15)) == "C"
    assert rot.term_on(D(2025, 1, 15)).source_id == override.id  # type: ignore[union-attr]


def test_override_fills_a_vacancy() -> None:
    rot = rotation(order="AB", months=2)
    rot.end_eligibility("A", "2025-02-01")
    override = rot.override("B", Period(start="2025-02-01", end="2025-03-01"), "A's post ended")
    assert override.absent_id == "A"  # the term is still A's; A is absent for the rest
    assert rot.vacancies(YEAR_2025) == ()
    assert rot.on_duty(D(2025, 2, 1)) == "B"
    empty = rotation(order="A", eligibility=[open_from("A", start="2025-03-15"), open_from("B")])
    cover = empty.override("B", Period(start="2025-01-01", end="2025-02-01"), "no one yet")
    assert cover.absent_id is None
    assert empty.on_duty(D(2025, 1, 1)) == "B"


def test_override_rules() -> None:
    rot = rotation(
        order="ABC",
        months=1,
        eligibility=[open_from("A"), open_from("B"), open_from("C", end="2025-01-15")],
    )
    before = snapshot(rot)
    cases = [
        (Period(start="2025-01-25", end="2025-02-05"), "B", "A", "override.within_term"),
        (Period(start="2024-12-25", end="2024-12-30"), "B", None, "override.within_term"),
        (Period(start="2025-01-05", end="2025-01-10"), "C", "B", "override.absent_holder"),
        (Period(start="2025-01-05", end="2025-01-20"), "C", "A", "override.eligible"),
    ]
    for period, substitute, absent, rule in cases:
        with pytest.raises(RuleViolationError) as caught:
            rot.add_override(
                DutyOverride(
                    id="o", substitute_id=substitute, absent_id=absent, period=period, reason="r"
                )
            )
        assert (caught.value.subject, caught.value.rule) == ("o", rule)
    rot.override("B", Period(start="2025-01-05", end="2025-01-10"), "trip", id="o1")
    with pytest.raises(ConflictError) as overlap:
        rot.override("C", Period(start="2025-01-08", end="2025-01-12"), "trip", id="o2")
    assert overlap.value.rule == "override.no_overlap"
    assert rot.records().overrides[0].id == "o1"
    assert snapshot(rot) != before


def test_override_records_validate_themselves() -> None:
    with pytest.raises(InvalidRecordError, match="themselves"):
        DutyOverride(
            id="o",
            substitute_id="A",
            absent_id="A",
            period=Period(start="2025-01-01", end="2025-01-02"),
            reason="r",
        )
    with pytest.raises(InvalidRecordError) as open_period:
        DutyOverride(
            id="o", substitute_id="A", absent_id="B", period=Period(start="2025-01-01"), reason="r"
        )
    assert open_period.value.rule == "period.closed"
    with pytest.raises(InvalidRecordError):
        DutyOverride(
            id="o",
            substitute_id="A",
            absent_id="B",
            period=Period(start="2025-01-01", end="2025-01-02"),
            reason=" ",
        )


def test_withdrawal_restores_the_term_and_keeps_the_record() -> None:
    rot = rotation(order="AB")
    override = rot.override("B", Period(start="2025-01-03", end="2025-01-05"), "ill")
    rot.withdraw(override.id, "recovered")
    assert rot.on_duty(D(2025, 1, 4)) == "A"
    assert rot.records().overrides == (override,)
    with pytest.raises(ConflictError) as twice:
        rot.withdraw(override.id, "again")
    assert twice.value.rule == "withdraw.once"
    with pytest.raises(UnknownRecordError) as unknown:
        rot.withdraw("nothing", "why")
    assert unknown.value.rule == "withdraw.target"


def test_withdrawing_a_swap_under_an_override_is_refused() -> None:
    rot = rotation(order="AB")
    rot.swap(D(2025, 1, 1), D(2025, 2, 1), id="s")
    rot.override("A", Period(start="2025-01-03", end="2025-01-05"), "B is away", id="o")
    before = snapshot(rot)
    with pytest.raises(RuleViolationError) as caught:
        rot.withdraw("s", "never mind")
    assert (caught.value.subject, caught.value.rule) == ("o", "override.absent_holder")
    assert snapshot(rot) == before


# == rebuilding and serialisation ===========================================================


def test_records_round_trip_through_json_and_rebuild_the_same_rotation() -> None:
    rot = rotation(order="ABCD", months=2, anchor="2025-01-31")
    rot.add_member("E", "2025-04-01")
    rot.swap(D(2025, 1, 31), D(2025, 7, 31))
    rot.override("E", Period(start="2025-09-01", end="2025-09-10"), "ill")
    rot.end_eligibility("B", "2026-01-01")
    data = unstructure(rot.records())
    back = structure(data, DutyRotationRecords)
    assert back == rot.records()
    again = DutyRotation(back)
    horizon = Period(start="2025-01-01", end="2027-01-01")
    assert again.terms(horizon) == rot.terms(horizon)
    assert data["setup"]["anchor"] == "2025-01-31"


def test_error_messages_name_record_and_rule() -> None:
    rot = rotation()
    with pytest.raises(NeighborhoodPBError) as caught:
        rot.reorder(("A", "Q"), "2025-03-01", id="edit-q")
    text = str(caught.value)
    assert "edit-q" in text
    assert "roster.known" in text
    assert "Q" in text


def test_dutyterm_is_a_frozen_record() -> None:
    term = rotation().terms(YEAR_2025)[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        term.person_id = "Z"  # type: ignore[misc]
    assert term.rotation_id == "committee-duty"
    assert TermOrigin.OVERRIDE.label_zh == "代班"


def test_order_as_of_ignores_length_only_edits_and_members_can_return() -> None:
    rot = rotation(order="ABC")
    rot.change_term_months(2, "2025-03-01")
    assert rot.order_as_of(D(2025, 4, 1)) == tuple("ABC")
    rot.remove_member("B", "2025-05-01")
    rot.add_member("B", "2025-09-01")  # still on the roster: no new eligibility
    assert [e.person_id for e in rot.records().eligibility] == list("ABC")
    assert rot.order_as_of(D(2025, 9, 1)) == ("A", "C", "B")


def test_overrides_across_the_holders_post_end_and_side_by_side() -> None:
    rot = rotation(order="AB", months=2)
    rot.end_eligibility("A", "2025-01-20")
    rot.override("B", Period(start="2025-01-10", end="2025-01-30"), "A away, then gone")
    rot.override("B", Period(start="2025-02-01", end="2025-02-05"), "still gone")
    pieces = rot.terms(Period(start="2025-01-01", end="2025-03-01"))
    assert [(t.person_id, str(t.period), t.origin) for t in pieces] == [
        ("A", "[2025-01-01, 2025-01-10)", TermOrigin.REGULAR),
        ("B", "[2025-01-10, 2025-01-30)", TermOrigin.OVERRIDE),
        ("B", "[2025-02-01, 2025-02-05)", TermOrigin.OVERRIDE),
    ]
    assert rot.vacancies(Period(start="2025-01-01", end="2025-03-01")) == (
        Period(start="2025-01-30", end="2025-02-01"),
        Period(start="2025-02-05", end="2025-03-01"),
    )
