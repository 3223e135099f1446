"""The generic timeline of dated versions and the register of records."""

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.history import Register, Timeline, load_section, locating

D = pendulum.Date


@attrs.frozen(kw_only=True)
class Version:
    id: str
    value: int
    period: Period


def version(value: int, start: D, end: D | None = None) -> Version:
    return Version(id="x", value=value, period=Period(start=start, end=end))


def timeline(*versions: Version, gaps: bool = False) -> Timeline[Version]:
    result: Timeline[Version] = Timeline("thing", "x", gaps=gaps)
    for v in versions:
        result.append(v)
    return result


# -- timeline -----------------------------------------------------------------------------------


def test_version_at_finds_the_version_in_effect() -> None:
    t = timeline(version(1, D(2024, 1, 1), D(2024, 3, 1)), version(2, D(2024, 3, 1)))
    assert t.version_at(D(2023, 12, 31)) is None
    assert t.version_at(D(2024, 1, 1)).value == 1  # type: ignore[union-attr]
    assert t.version_at(D(2024, 2, 29)).value == 1  # type: ignore[union-attr]
    assert t.version_at(D(2024, 3, 1)).value == 2  # type: ignore[union-attr]
    assert [v.value for v in t.history()] == [1, 2]
    assert len(t) == 2
    assert t.first.value == 1
    assert t.last.value == 2
    assert t.lifetime() == Period(start=D(2024, 1, 1))


def test_a_timeline_with_gaps_answers_none_in_a_gap() -> None:
    t = timeline(
        version(1, D(2024, 1, 1), D(2024, 2, 1)),
        version(2, D(2024, 3, 1), D(2024, 4, 1)),
        gaps=True,
    )
    assert t.version_at(D(2024, 2, 15)) is None
    assert t.version_at(D(2024, 4, 1)) is None
    assert t.lifetime() == Period(start=D(2024, 1, 1), end=D(2024, 4, 1))
    assert t.spans(Period(start=D(2024, 1, 1), end=D(2024, 4, 1)))
    assert not t.spans(Period(start=D(2024, 1, 1)))
    assert not t.spans(Period(start=D(2023, 12, 31), end=D(2024, 2, 1)))


@pytest.mark.parametrize("gaps", [False, True])
def test_append_refuses_an_overlap(gaps: bool) -> None:
    t = timeline(version(1, D(2024, 1, 1), D(2024, 3, 1)), gaps=gaps)
    with pytest.raises(ConflictError) as caught:
        t.append(version(2, D(2024, 2, 1)))
    assert caught.value.rule == "history.contiguous"
    assert caught.value.subject == "x"
    assert len(t) == 1


def test_append_refuses_a_gap_unless_allowed() -> None:
    t = timeline(version(1, D(2024, 1, 1), D(2024, 3, 1)))
    with pytest.raises(ConflictError, match="without gap or overlap"):
        t.append(version(2, D(2024, 4, 1)))
    assert t.clash(version(2, D(2024, 4, 1))) == t.last
    assert (
        timeline(version(1, D(2024, 1, 1), D(2024, 3, 1)), gaps=True).clash(
            version(2, D(2024, 4, 1))
        )
        is None
    )


def test_revise_end_dates_the_version_in_effect_and_appends() -> None:
    t = timeline(version(1, D(2024, 1, 1)))
    new = t.revise(D(2024, 6, 1), version(2, D(2024, 6, 1)))
    assert new.value == 2
    assert [v.period for v in t] == [
        Period(start=D(2024, 1, 1), end=D(2024, 6, 1)),
        Period(start=D(2024, 6, 1)),
    ]


def test_revise_validates_before_changing() -> None:
    t = timeline(version(1, D(2024, 1, 1)))
    with pytest.raises(InvalidRecordError):
        t.revise(D(2024, 6, 1), version(2, D(2024, 7, 1)))
    with pytest.raises(RuleViolationError) as caught:
        t.revise(D(2024, 1, 1), version(2, D(2024, 1, 1)))
    assert caught.value.rule == "history.append_only"
    assert t.history() == (version(1, D(2024, 1, 1)),)
    t.end(D(2025, 1, 1))
    with pytest.raises(RuleViolationError) as ended:
        t.revise(D(2025, 6, 1), version(2, D(2025, 6, 1)))
    assert ended.value.rule == "history.end_dated"
    assert t.last.period == Period(start=D(2024, 1, 1), end=D(2025, 1, 1))


@given(
    starts=st.lists(st.integers(1, 400), min_size=1, max_size=8, unique=True),
    probe=st.integers(0, 500),
    closed=st.booleans(),
)
def test_timeline_agrees_with_a_list_of_days(starts: list[int], probe: int, closed: bool) -> None:
    base = D(2024, 1, 1)
    starts.sort()
    ends: list[int | None] = [*starts[1:], starts[-1] + 30 if closed else None]
    t: Timeline[Version] = Timeline("thing", "x")
    for value, (start, end) in enumerate(zip(starts, ends, strict=True)):
        t.append(version(value, base.add(days=start), None if end is None else base.add(days=end)))
    expected = None
    for value, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start <= probe and (end is None or probe < end):
            expected = value
    found = t.version_at(base.add(days=probe))
    assert (None if found is None else found.value) == expected


# -- register -----------------------------------------------------------------------------------


def test_register_looks_up_or_raises_naming_kind_and_id() -> None:
    register: Register[Version] = Register("thing")
    register.put("x", version(1, D(2024, 1, 1)))
    assert register.get("x").value == 1
    assert register.find("y") is None
    assert "x" in register
    assert len(register) == 1
    assert [v.value for v in register] == [1]
    with pytest.raises(UnknownRecordError, match="no thing y") as caught:
        register.get("y")
    assert (caught.value.subject, caught.value.rule) == ("y", "reference.exists")
    with pytest.raises(ConflictError, match="thing x already exists"):
        register.check_new("x")


def test_register_end_has_one_meaning() -> None:
    register: Register[Version] = Register("thing")
    register.put("x", version(1, D(2024, 1, 1), D(2024, 12, 1)))
    for day in (D(2024, 1, 1), D(2023, 6, 1), D(2024, 12, 1), D(2025, 1, 1)):
        with pytest.raises(RuleViolationError) as caught:
            register.end("x", day)
        assert caught.value.rule == "history.end_dated"
    with pytest.raises(RuleViolationError):
        register.end("x", D(2024, 6, 1), planned=False)  # only open records, then
    ended = register.end("x", D(2024, 6, 1), value=7)
    assert ended == version(7, D(2024, 1, 1), D(2024, 6, 1))
    assert register["x"] == ended


@given(start=st.integers(0, 50), length=st.none() | st.integers(1, 50), day=st.integers(0, 120))
def test_register_end_refuses_exactly_the_days_outside(
    start: int, length: int | None, day: int
) -> None:
    base = D(2024, 1, 1)
    end = None if length is None else start + length
    register: Register[Version] = Register("thing")
    record = version(1, base.add(days=start), None if end is None else base.add(days=end))
    register.put("x", record)
    inside = start < day and (end is None or day < end)
    if inside:
        assert register.end("x", base.add(days=day)).period.end == base.add(days=day)
    else:
        with pytest.raises(RuleViolationError):
            register.end("x", base.add(days=day))
        assert register["x"] == record


@given(
    spans=st.lists(
        st.tuples(st.integers(0, 60), st.none() | st.integers(1, 30), st.integers(0, 2)),
        max_size=6,
    ),
    start=st.integers(0, 60),
    length=st.none() | st.integers(1, 30),
    wanted=st.none() | st.integers(0, 2),
)
def test_overlapping_is_the_first_candidate_sharing_a_day_and_the_condition(
    spans: list[tuple[int, int | None, int]], start: int, length: int | None, wanted: int | None
) -> None:
    base = D(2024, 1, 1)

    def days(first: int, span: int | None) -> set[int]:
        return set(range(first, 200 if span is None else first + span))

    register: Register[Version] = Register("thing")
    for i, (first, span, value) in enumerate(spans):
        end = None if span is None else base.add(days=first + span)
        register.put(
            f"r{i}",
            Version(id=f"r{i}", value=value, period=Period(start=base.add(days=first), end=end)),
        )
    end = None if length is None else base.add(days=start + length)
    period = Period(start=base.add(days=start), end=end)
    where = None if wanted is None else (lambda v: v.value == wanted)
    found = register.overlapping(list(register.ids()), period, where)
    expected = next(
        (
            f"r{i}"
            for i, (first, span, value) in enumerate(spans)
            if days(first, span) & days(start, length) and wanted in (None, value)
        ),
        None,
    )
    assert (found.id if found is not None else None) == expected


# -- loaders ------------------------------------------------------------------------------------


def test_load_section_marks_the_refused_record_in_its_section() -> None:
    applied: list[int] = []

    def apply(value: int) -> None:
        if value < 0:
            raise InvalidRecordError("negative", rule="test.rule")
        applied.append(value)

    load_section("values", (3, 1, 2), apply, order=lambda v: v)
    assert applied == [1, 2, 3]
    with pytest.raises(InvalidRecordError) as caught:
        load_section("values", (5, 4, -1, 0), apply, order=lambda v: -v)
    assert (caught.value.section, caught.value.index) == ("values", 2)
    with pytest.raises(InvalidRecordError) as again, locating("other", 9):
        apply(-2)
    assert (again.value.section, again.value.index) == ("other", 9)


def test_at_names_the_record_and_the_rule_when_nothing_is_in_effect() -> None:
    t = timeline(version(1, D(2024, 1, 1), D(2024, 2, 1)), gaps=True)
    assert t.at(D(2024, 1, 15), "thing.in_effect").value == 1
    with pytest.raises(RuleViolationError, match="thing x is not on sale on 2024-03-01") as caught:
        t.at(D(2024, 3, 1), "thing.on_sale", "on sale")
    assert (caught.value.subject, caught.value.rule) == ("x", "thing.on_sale")


def test_load_section_finds_an_object_given_twice_at_its_second_place() -> None:
    seen: set[int] = set()
    first, second = [3], [1]

    def apply(record: list[int]) -> None:
        if id(record) in seen:
            raise ConflictError("given twice", rule="id.unique")
        seen.add(id(record))

    with pytest.raises(ConflictError) as caught:
        load_section("records", (first, second, first), apply, order=lambda r: r[0])
    assert caught.value.index == 2
