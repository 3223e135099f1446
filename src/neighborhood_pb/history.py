"""History kept, never overwritten (历史沿革): dated versions and registers of records.

Two pieces every aggregate shares:

* :class:`Timeline` — the dated versions of one record (an organisation, a service item, a
  goods): which version is in effect on a day, the whole history, and a revision that
  end-dates the version in effect and appends the new one.
* :class:`Register` — records by id: look one up or raise
  :class:`~neighborhood_pb.errors.UnknownRecordError` naming the kind and the id, add one
  under a fresh id, and end one from a day with a single meaning of "end": its period ends
  on that day (exclusive), refused unless the day lies inside the period after its start.

Both validate a command completely before changing anything.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar

import attrs
import pendulum
from attrs import AttrsInstance

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.errors import (
    ConflictError,
    InvalidRecordError,
    NeighborhoodPBError,
    RuleViolationError,
    UnknownRecordError,
)

__all__ = ["Dated", "Register", "Timeline", "load_all", "load_section", "locating", "timelines"]


class Dated(AttrsInstance, Protocol):
    """An attrs record with an effective period ``[start, end)``."""

    @property
    def period(self) -> Period:
        """When the record is in effect."""
        ...


V = TypeVar("V", bound=Dated)
R = TypeVar("R")
D = TypeVar("D", bound=Dated)
T = TypeVar("T")

_evolve: Callable[..., Any] = attrs.evolve  # typed loosely: the records are attrs classes


def _ended(record: D, day: pendulum.Date, **changes: Any) -> D:
    """A copy of ``record`` whose period ends on ``day``."""
    ended: D = _evolve(record, period=record.period.ended_on(day), **changes)
    return ended


def _day(value: _dt.date | str, name: str) -> pendulum.Date:
    """A day in any accepted form; pendulum dates, the aggregates' own, pass untouched."""
    return value if type(value) is pendulum.Date else as_date(value, name)


class Timeline(Generic[V]):
    """The dated versions of one record, oldest first (版本沿革).

    Invariants: versions never overlap; unless ``gaps`` is allowed each version starts on
    the day the previous one ends; only the last version may be open.

    Attributes:
        kind: What the record is, e.g. ``"organisation"`` (quoted in errors).
        key: Its id.
        gaps: Whether a version may start after the previous one ended (an item withdrawn
            for a while); otherwise versions are contiguous.
    """

    __slots__ = ("_starts", "_versions", "gaps", "key", "kind")

    def __init__(self, kind: str, key: str, *, gaps: bool = False) -> None:
        """Create an empty timeline of the record ``key``."""
        self.kind = kind
        self.key = key
        self.gaps = gaps
        self._versions: list[V] = []
        self._starts: list[pendulum.Date] = []

    def __len__(self) -> int:
        return len(self._versions)

    def __iter__(self) -> Iterator[V]:
        return iter(self._versions)

    @property
    def first(self) -> V:
        """The oldest version."""
        return self._versions[0]

    @property
    def last(self) -> V:
        """The newest version."""
        return self._versions[-1]

    def history(self) -> tuple[V, ...]:
        """Every version, oldest first."""
        return tuple(self._versions)

    def lifetime(self) -> Period:
        """From the first version's start to the last version's end (存续期)."""
        return Period.lifetime((self._versions[0].period, self._versions[-1].period))

    def spans(self, period: Period) -> bool:
        """Whether ``period`` lies within the record's lifetime."""
        return period.within_span(self._versions[0].period.start, self._versions[-1].period.end)

    def version_at(self, day: _dt.date | str) -> V | None:
        """The version in effect on ``day``, or ``None`` (before, after or in a gap)."""
        day = _day(day, "day")
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0:
            return None
        version = self._versions[index]
        end = version.period.end
        return version if end is None or day < end else None

    def at(self, day: _dt.date | str, rule: str, state: str = "in effect") -> V:
        """The version in effect on ``day``.

        Args:
            day: The day.
            rule: The rule the error names.
            state: What the record is not, when no version is in effect (e.g. "on sale").

        Raises:
            RuleViolationError: no version is in effect on ``day``.
        """
        day = _day(day, "day")
        version = self.version_at(day)
        if version is None:
            raise RuleViolationError(
                f"{self.kind} {self.key} is not {state} on {day}", subject=self.key, rule=rule
            )
        return version

    def clash(self, version: V) -> V | None:
        """The last version if ``version`` cannot follow it (overlap, or a gap where none
        is allowed), else ``None``."""
        if not self._versions:
            return None
        last = self._versions[-1]
        end, start = last.period.end, version.period.start
        if end is None or start < end or (start != end and not self.gaps):
            return last
        return None

    def append(self, version: V) -> None:
        """Append a version that follows the last one.

        Raises:
            ConflictError: as :meth:`check_append`.
        """
        self.check_append(version)
        self._versions.append(version)
        self._starts.append(version.period.start)

    def check_append(self, version: V) -> None:
        """Refuse a version that cannot follow the last one.

        Raises:
            ConflictError: it overlaps the last version, or leaves a gap where none is
                allowed (rule ``history.contiguous``).
        """
        last = self.clash(version)
        if last is not None:
            raise ConflictError(
                f"{self.kind} {self.key}: version {version.period} does not follow "
                f"version {last.period} without " + ("overlap" if self.gaps else "gap or overlap"),
                subject=self.key,
                rule="history.contiguous",
            )

    def current(self, day: _dt.date | str) -> V:
        """The last version, if it is open and began before ``day`` (a revision from
        ``day`` may end it).

        Raises:
            RuleViolationError: the record has ended (rule ``history.end_dated``), or ``day``
                does not come after the last version's start (rule ``history.append_only``).
        """
        day = _day(day, "day")
        last = self._versions[-1]
        if last.period.end is not None:
            raise RuleViolationError(
                f"{self.kind} {self.key} ended on {last.period.end}",
                subject=self.key,
                rule="history.end_dated",
            )
        if day <= last.period.start:
            raise RuleViolationError(
                f"{self.kind} {self.key}: a change on {day} must come after its current "
                f"version began ({last.period.start}); history is not rewritten",
                subject=self.key,
                rule="history.append_only",
            )
        return last

    def revise(self, from_day: _dt.date | str, new: V) -> V:
        """End-date the version in effect on ``from_day`` and append ``new`` from that day.

        Raises:
            InvalidRecordError: ``new`` does not start on ``from_day``.
            RuleViolationError: as :meth:`current`.
        """
        from_day = _day(from_day, "from_day")
        if new.period.start != from_day:
            raise InvalidRecordError(
                f"{self.kind} {self.key}: the new version starts on {new.period.start}, "
                f"not on {from_day}",
                subject=self.key,
                rule="history.append_only",
            )
        last = self.current(from_day)
        self._versions[-1] = _ended(last, from_day)
        self._versions.append(new)
        self._starts.append(from_day)
        return new

    def end(self, day: _dt.date | str) -> V:
        """End the record on ``day`` (exclusive): its last version is end-dated.

        Raises:
            RuleViolationError: as :meth:`current`.
        """
        day = _day(day, "day")
        last = self.current(day)
        ended = _ended(last, day)
        self._versions[-1] = ended
        return ended


class Register(Generic[R]):
    """Records of one kind by id (登记簿): look up or raise, add, end from a day.

    Attributes:
        kind: What the records are, e.g. ``"membership"`` (quoted in errors).
    """

    __slots__ = ("_records", "kind")

    def __init__(self, kind: str) -> None:
        """Create an empty register of ``kind`` records."""
        self.kind = kind
        self._records: dict[str, R] = {}

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records

    def __iter__(self) -> Iterator[R]:
        return iter(self._records.values())

    @property
    def records(self) -> Mapping[str, R]:
        """The records by id, read-only (for loops on hot paths)."""
        return self._records

    def __getitem__(self, record_id: str) -> R:
        return self._records[record_id]

    def get(self, record_id: str) -> R:
        """The record with this id.

        Raises:
            UnknownRecordError: no such record (rule ``reference.exists``).
        """
        try:
            return self._records[record_id]
        except KeyError:
            raise UnknownRecordError(
                f"no {self.kind} {record_id}", subject=record_id, rule="reference.exists"
            ) from None

    def ids(self) -> Iterator[str]:
        """Every id, in the order first stored."""
        return iter(self._records)

    def find(self, record_id: str) -> R | None:
        """The record with this id, or ``None``."""
        return self._records.get(record_id)

    def check_new(self, record_id: str) -> None:
        """Refuse an id that is taken.

        Raises:
            ConflictError: the id is taken (rule ``id.unique``).
        """
        if record_id in self._records:
            raise ConflictError(
                f"{self.kind} {record_id} already exists", subject=record_id, rule="id.unique"
            )

    def put(self, record_id: str, record: R) -> None:
        """Store ``record`` under ``record_id`` (a validated addition or replacement)."""
        self._records[record_id] = record

    def overlapping(
        self: Register[D],
        record_ids: Iterable[str],
        period: Period,
        where: Callable[[D], bool] | None = None,
    ) -> D | None:
        """The first of ``record_ids`` whose record overlaps ``period`` (and satisfies
        ``where``, when given), or ``None``: the check behind every "one at a time" rule.

        Args:
            record_ids: The candidates, e.g. an index's list for one person or place.
            period: The period a new record would take.
            where: What else the other record must share to conflict (a post, an org).
        """
        records = self._records
        for record_id in record_ids:
            other = records[record_id]
            if other.period.overlaps(period) and (where is None or where(other)):
                return other
        return None

    def check_end(
        self: Register[D], record_id: str, day: _dt.date | str, *, planned: bool = True
    ) -> D:
        """The record to end on ``day``, if ``day`` lies inside its period after its start.

        Args:
            record_id: The record.
            day: The first day it would no longer be in effect.
            planned: Whether a planned end may be brought forward; if not, only an open
                record may be ended.

        Raises:
            UnknownRecordError: no such record.
            RuleViolationError: ``day`` is not inside the period, or is its first day, or the
                record is closed and ``planned`` is false (rule ``history.end_dated``).
        """
        day = _day(day, "day")
        current = self.get(record_id)
        period = current.period
        if day <= period.start or not period.contains(day) or not (planned or period.is_open):
            raise RuleViolationError(
                f"{self.kind} {record_id} {period} cannot end on {day}",
                subject=record_id,
                rule="history.end_dated",
            )
        return current

    def end(
        self: Register[D],
        record_id: str,
        day: _dt.date | str,
        *,
        planned: bool = True,
        **changes: Any,
    ) -> D:
        """End a record on ``day`` (exclusive); returns the ended record.

        Args:
            record_id: The record.
            day: The first day it is no longer in effect.
            planned: As :meth:`check_end`.
            changes: Other fields to set on the ended record (e.g. a reason).

        Raises:
            UnknownRecordError / RuleViolationError: as :meth:`check_end`.
        """
        day = _day(day, "day")
        current = self.check_end(record_id, day, planned=planned)
        ended = _ended(current, day, **changes)
        self._records[record_id] = ended
        return ended


def load_section(
    section: str,
    records: Sequence[T],
    apply: Callable[[T], object],
    order: Callable[[T], Any] | None = None,
) -> None:
    """Apply a loader's section record by record, in ``order`` if given (stable).

    A refused record's error is marked with the section and the record's index in
    ``records`` (``error.section``, ``error.index``) and raised as it is.

    Raises:
        NeighborhoodPBError: the first record refused.
    """
    ordered = records if order is None else sorted(records, key=order)
    position = -1
    try:
        for position, record in enumerate(ordered):  # noqa: B007 - read by the handler
            apply(record)
    except NeighborhoodPBError as error:
        error.locate(section, _index_of(records, ordered, position))
        raise


def load_all(
    section: str,
    records: Sequence[T],
    apply_all: Callable[[Iterable[T]], object],
    order: Callable[[T], Any] | None = None,
) -> None:
    """Like :func:`load_section`, for an aggregate that takes a whole section in one call
    (a bulk load, all or nothing): the refused record is located as it is fed.

    Raises:
        NeighborhoodPBError: the first record refused, marked with section and index.
    """
    ordered = records if order is None else sorted(records, key=order)
    position = -1

    def feed() -> Iterator[T]:
        nonlocal position
        for position, record in enumerate(ordered):  # noqa: B007 - read by the handler
            yield record

    try:
        apply_all(feed())
    except NeighborhoodPBError as error:
        error.locate(section, _index_of(records, ordered, position))
        raise


def _index_of(records: Sequence[T], ordered: Sequence[T], position: int) -> int:
    """The index in ``records`` of the record at ``position`` in ``ordered`` (a stable
    reordering): the same object given twice is found at its matching occurrence."""
    if ordered is records:
        return position
    record = ordered[position]
    earlier = sum(1 for other in ordered[:position] if other is record)
    found = (index for index, other in enumerate(records) if other is record)
    for _ in range(earlier):
        next(found)
    return next(found)


@contextlib.contextmanager
def locating(section: str, index: int) -> Iterator[None]:
    """Mark an error raised inside with a loader's section and record index (see
    :func:`load_section`), for loaders that apply records in an order found as they go."""
    try:
        yield
    except NeighborhoodPBError as error:
        error.locate(section, index)
        raise


def timelines(
    kind: str,
    versions: Iterable[D],
    key: Callable[[D], str],
    overlap: Callable[[D, D], NeighborhoodPBError],
) -> Register[Timeline[D]]:
    """The timelines of many records from their versions in any order (gaps allowed), in
    order of each record's first appearance.

    Args:
        kind: What the records are (quoted when one is looked up in vain).
        versions: Every version of every record.
        key: The record a version belongs to.
        overlap: The error for two versions of one record that overlap (earlier, later).

    Raises:
        NeighborhoodPBError: what ``overlap`` returns, for the first overlap found.
    """
    grouped: dict[str, list[D]] = {}
    for version in versions:
        grouped.setdefault(key(version), []).append(version)
    register: Register[Timeline[D]] = Register(kind)
    for record_key, history in grouped.items():
        history.sort(key=lambda v: v.period.start)
        timeline: Timeline[D] = Timeline(kind, record_key, gaps=True)
        for version in history:
            earlier = timeline.clash(version)
            if earlier is not None:
                raise overlap(earlier, version)
            timeline.append(version)
        register.put(record_key, timeline)
    return register
