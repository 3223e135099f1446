"""Exact ratios: display rounding, not-applicable, roll-ups."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.ratio import NOT_APPLICABLE, Average, Ratio

ratios = st.integers(0, 10_000).flatmap(lambda d: st.builds(Ratio, st.integers(0, d), st.just(d)))


def test_published_figure_rounds_half_up() -> None:
    assert Ratio(78, 84).format() == "92.9%"
    assert Ratio(1, 8).percent() == Decimal("12.5")
    assert Ratio(1, 16).percent() == Decimal("6.3")  # 6.25 rounds half up, not to even
    assert Ratio(1, 16).percent(2) == Decimal("6.25")
    assert str(Ratio(60, 100)) == "60/100 (60.0%)"


def test_zero_denominator_is_not_applicable() -> None:
    empty = Ratio(0, 0)
    assert not empty.applicable
    assert empty.value is None
    assert empty.percent() is None
    assert empty.format() == NOT_APPLICABLE
    assert empty.meets(Fraction(1, 2)) is None


@pytest.mark.parametrize(("numerator", "denominator"), [(-1, 3), (4, 3), (1.5, 3), (True, 3)])
def test_invalid_parts_are_refused(numerator: object, denominator: int) -> None:
    with pytest.raises(InvalidRecordError) as info:
        Ratio(numerator, denominator)  # type: ignore[arg-type]
    assert info.value.rule in {"ratio.non_negative", "ratio.part_of_whole"}


def test_add_rejects_other_types() -> None:
    assert Ratio(1, 2).__add__(3) is NotImplemented  # type: ignore[operator]


@given(st.lists(ratios, max_size=20))
def test_roll_up_sums_parts(parts: list[Ratio]) -> None:
    total = Ratio.total(parts)
    assert total.numerator == sum(p.numerator for p in parts)
    assert total.denominator == sum(p.denominator for p in parts)
    assert total.numerator <= total.denominator
    if len(parts) >= 1:
        folded = parts[0]
        for part in parts[1:]:
            folded = folded + part
        assert folded == total


@given(ratios, st.fractions(min_value=0, max_value=1))
def test_meets_is_exact(ratio: Ratio, target: Fraction) -> None:
    if ratio.applicable:
        assert ratio.meets(target) == (Fraction(ratio.numerator, ratio.denominator) >= target)
        percent = ratio.percent()
        assert percent is not None
        assert abs(percent - Decimal(ratio.numerator * 100) / ratio.denominator) <= Decimal("0.05")


def test_average_may_exceed_one_and_rolls_up_exactly() -> None:
    yancheng = Average(552_000, 4_305)
    assert yancheng.format() == "128.2"
    assert yancheng.rounded(0) == Decimal("128")
    assert (Average(10, 1) + Average(0, 3)).value == Fraction(10, 4)
    assert str(Average(3, 2)) == "3/2 (1.5)"
    assert Average(5, 0).format() == NOT_APPLICABLE
    assert not Average(5, 0).applicable
    assert Average(1, 1).__add__(Ratio(1, 1)) is NotImplemented  # type: ignore[operator]
    with pytest.raises(InvalidRecordError):
        Average(-1, 2)
