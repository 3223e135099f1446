"""Publication of the four lists (四项清单公示): what residents saw on a day, and their
comments on it."""

from __future__ import annotations

import enum

import attrs
import pendulum

from neighborhood_pb.errors.validators import non_empty_text
from neighborhood_pb.governance.cobuild.guards import get, refuse, unique
from neighborhood_pb.governance.converters import to_day as _day
from neighborhood_pb.governance.converters import to_tuple as _tuple

__all__ = ["ListComment", "ListEntry", "ListKind", "ListSnapshot", "Noticeboard"]


class ListKind(enum.Enum):
    """One of the four lists (四项清单)."""

    NEEDS = "needs"
    RESOURCES = "resources"
    PROJECTS = "projects"
    RESPONSIBILITIES = "responsibilities"

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return {
            "needs": "需求清单",
            "resources": "资源清单",
            "projects": "项目清单",
            "responsibilities": "责任清单",
        }[self.value]


@attrs.frozen(kw_only=True)
class ListEntry:
    """One line of a published list (清单条目).

    Attributes:
        list: Which list.
        record_id: The need, resource, project or the subject of a responsibility.
        title: What residents read.
        detail: The status, capacity, due date or who answers, as published.
    """

    list: ListKind
    record_id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    detail: str = ""


@attrs.frozen(kw_only=True)
class ListSnapshot:
    """The four lists as published on a day (清单公示): kept as residents saw them.

    Attributes:
        id: The publication.
        territory_id: The community it was published for.
        day: The day it shows.
        where: Where it was put up (e.g. "社区公示栏").
        entries: Its lines, list by list.
    """

    id: str = attrs.field(validator=non_empty_text)
    territory_id: str = attrs.field(validator=non_empty_text)
    day: pendulum.Date = attrs.field(converter=_day)
    where: str = attrs.field(validator=non_empty_text)
    entries: tuple[ListEntry, ...] = attrs.field(default=(), converter=_tuple)

    def of(self, kind: ListKind) -> tuple[ListEntry, ...]:
        """The lines of one list."""
        return tuple(e for e in self.entries if e.list is kind)


@attrs.frozen(kw_only=True)
class ListComment:
    """A resident's comment on a published list (群众意见).

    Attributes:
        id: The comment.
        snapshot_id: The publication.
        resident_id: Who commented.
        day: When.
        text: What was said.
        record_id: The line it is about, if any.
    """

    id: str = attrs.field(validator=non_empty_text)
    snapshot_id: str = attrs.field(validator=non_empty_text)
    resident_id: str = attrs.field(validator=non_empty_text)
    day: pendulum.Date = attrs.field(converter=_day)
    text: str = attrs.field(validator=non_empty_text)
    record_id: str | None = None


class Noticeboard:
    """The snapshots published and the comments on them (公示栏): a component of the lists.

    Invariants:
        * snapshot and comment ids are unique; a comment names a published snapshot, comes
          on or after its day and, when it names a line, a line the snapshot shows.
    """

    def __init__(self) -> None:
        """Create an empty noticeboard."""
        self._snapshots: dict[str, ListSnapshot] = {}
        self._comments: dict[str, ListComment] = {}

    def check_new(self, snapshot_id: str) -> None:
        """Refuse a snapshot id that is taken."""
        unique("snapshot", snapshot_id, self._snapshots)

    def keep(self, snapshot: ListSnapshot) -> None:
        """Keep a published snapshot."""
        self.check_new(snapshot.id)
        self._snapshots[snapshot.id] = snapshot

    def comment(self, comment: ListComment) -> None:
        """Record a resident's comment on a published snapshot."""
        unique("comment", comment.id, self._comments)
        snapshot = self.snapshot(comment.snapshot_id)
        if comment.day < snapshot.day:
            refuse(
                f"comment {comment.id} on {comment.day} precedes snapshot {snapshot.id} "
                f"of {snapshot.day}",
                comment.id,
                "comment.in_time",
                day=snapshot.day,
            )
        if comment.record_id is not None and not any(
            e.record_id == comment.record_id for e in snapshot.entries
        ):
            refuse(
                f"comment {comment.id}: snapshot {snapshot.id} has no line {comment.record_id}",
                comment.id,
                "comment.line",
            )
        self._comments[comment.id] = comment

    def snapshot(self, snapshot_id: str) -> ListSnapshot:
        """The snapshot with this id."""
        return get("snapshot", snapshot_id, self._snapshots)

    def snapshots(self) -> tuple[ListSnapshot, ...]:
        """Every snapshot, in the order published."""
        return tuple(self._snapshots.values())

    def comments(self, snapshot_id: str) -> tuple[ListComment, ...]:
        """The comments on a snapshot, in order."""
        self.snapshot(snapshot_id)
        return tuple(c for c in self._comments.values() if c.snapshot_id == snapshot_id)

    def all_comments(self) -> tuple[ListComment, ...]:
        """Every comment, in order."""
        return tuple(self._comments.values())
