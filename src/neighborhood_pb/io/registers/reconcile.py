"""Monthly reconciliation of a dataset against this month's registers (台账月度比对).

The API, in three steps::

    result = reconcile(current, incoming, effective=date(2026, 12, 1))
    print("\\n".join(result.preview()))   # zh-CN lines and a count by kind; lang="en"
    if not result.findings:
        dataset = result.apply()           # a new Dataset; ``current`` is untouched

``current`` is last month's :class:`~neighborhood_pb.dataset.Dataset` with its whole history;
``incoming`` is a dataset read from this month's registers (a snapshot). The reconciliation
lists the changes (:class:`~neighborhood_pb.io.registers.changes.Change`), each one command
of the aggregates, in an order that applies: territories and people, then organisations
parents first, coverage, memberships (ends before starts), reports, appointments, and last
the dissolutions, children first.

Rules:
    * a record of ``incoming`` is listed when it still runs on the effective day (its end,
      if any, lies after it); records that ended earlier are history and are not compared;
    * a record in effect in ``current`` on the effective day but not listed is ended on the
      effective day (a record starting on or after it cannot be ended so: a finding);
    * a listed record equal to the current one (compared without its dates): nothing; a
      listed record with an end after the effective day ends then;
    * a new record starts on its own start when that is on or after the effective day,
      else on the effective day: nothing before the effective day ever changes;
    * an organisation whose name, parent or form differs gets a new version from the
      effective day (one attribute a month; several at once are a finding);
    * people are not versioned: a changed person record replaces the old one;
    * territories are only added (a territory missing from the registers is kept), and
      bodies, contracts, evaluations and election terms are not compared;
    * the effective day may not precede ``current.as_of``; the applied dataset's ``as_of``
      is the effective day.

Reconciling the applied dataset against the same registers finds no change.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TypeVar

import attrs
import pendulum

from neighborhood_pb.calendar.periods import as_date
from neighborhood_pb.dataset.build import build_appointments, build_tree
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.errors import (
    Finding,
    InvalidRecordError,
    NeighborhoodPBError,
    RuleViolationError,
    Severity,
)
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.registers.changes import Change, ChangeKind, Record, RowSource
from neighborhood_pb.io.registers.preview import preview_lines, summary_line
from neighborhood_pb.io.registers.reconcile_diff import diff
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts import Appointment, Appointments
from neighborhood_pb.structure.records import Coverage, Membership, Organisation, Report
from neighborhood_pb.structure.territory import Territory
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["Reconciliation", "reconcile"]

R = TypeVar("R", Territory, Person, Organisation, Coverage, Membership, Report, Appointment)


@attrs.frozen(kw_only=True)
class Reconciliation:
    """A month's changes, checked against the aggregates, ready to apply (比对结果).

    Attributes:
        current: Last month's dataset.
        effective: The day the changes take effect.
        changes: The changes in the order they apply.
        findings: Changes the aggregates refuse (or that cannot be expressed), one per
            subject and change, with the register row when it is known.
    """

    current: Dataset
    effective: pendulum.Date
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]
    _result: Dataset | None = attrs.field(alias="result", eq=False, repr=False)

    def counts(self) -> dict[ChangeKind, int]:
        """The number of changes of each kind, in the order of application."""
        counts = dict.fromkeys(ChangeKind, 0)
        for change in self.changes:
            counts[change.kind] += 1
        return {kind: count for kind, count in counts.items() if count}

    def summary(self, lang: str = "zh") -> str:
        """The counts by kind as one line ("合计：新增党员 3、转接组织关系 1")."""
        return summary_line(self.counts(), lang)

    def preview(self, lang: str = "zh") -> tuple[str, ...]:
        """Every change as a readable line, then the summary line (zh-CN by default)."""
        return preview_lines(self.changes, lang)

    def apply(self) -> Dataset:
        """The dataset with every change applied from the effective day, all or nothing.

        Raises:
            RuleViolationError: some change is refused (see :attr:`findings`); nothing is
                applied.
        """
        if self._result is None:
            first = self.findings[0]
            raise RuleViolationError(
                f"{len(self.findings)} change(s) refused, nothing applied; first: {first.message}",
                subject=first.subject,
                rule="reconcile.not_applicable",
            )
        return self._result


def reconcile(
    current: Dataset,
    incoming: Dataset,
    *,
    effective: _dt.date | str,
    sources: Mapping[tuple[str, str], RowSource] | None = None,
) -> Reconciliation:
    """Compare ``current`` with this month's registers and check every change.

    Every change is tried on aggregates rebuilt from ``current`` (which stays unchanged);
    a refused change becomes a finding, and then :meth:`Reconciliation.apply` refuses too.

    Args:
        current: Last month's dataset, with its whole history.
        incoming: What this month's registers say, as a dataset.
        effective: The day the changes take effect (e.g. the first of the month).
        sources: The register row of each incoming record, by section and id (e.g.
            ``{("memberships", "M1"): RowSource(sheet="党员名册", row=5)}``).

    Raises:
        InvalidRecordError: ``effective`` precedes ``current.as_of``.
        DatasetRecordError: ``current`` itself does not build.
    """
    day = as_date(effective, "effective")
    if current.as_of is not None and day < current.as_of:
        raise InvalidRecordError(
            f"effective day {day} precedes the data's as-of day {current.as_of}; earlier "
            "months stay unchanged",
            subject=current.title,
            rule="reconcile.effective_before_as_of",
        )
    found, findings = diff(current, incoming, day, sources or {})
    changes = tuple(found)
    if not changes:
        result = None if findings else attrs.evolve(current, as_of=day)
        return Reconciliation(
            current=current, effective=day, changes=(), findings=tuple(findings), result=result
        )
    tree = build_tree(current)
    posts = build_appointments(current, tree)
    for change in changes:
        try:
            _run(change, tree, posts)
        except NeighborhoodPBError as error:
            findings.append(_refusal(change, error))
    result = None
    if not findings:
        result = attrs.evolve(
            current, structure=tree.records(), appointments=posts.records(), as_of=day
        )
    return Reconciliation(
        current=current, effective=day, changes=changes, findings=tuple(findings), result=result
    )


def _refusal(change: Change, error: NeighborhoodPBError) -> Finding:
    source = change.source
    params: dict[str, str | int] = {
        "change": change.kind.value,
        "change_zh": change.kind.label_zh,
        "change_en": change.kind.label_en,
        "rule": error.rule,
        "detail": str(error),
        "detail_zh": error_text(error, "zh"),
    }
    if source is not None:
        params.update(sheet=source.sheet, row=source.row)
    return Finding(
        code="reconcile.refused" if source is None else "reconcile.refused_row",
        severity=Severity.ERROR,
        subject=change.subject_id,
        subject_name=change.subject_name,
        message=f"{change.kind.label_en} of {change.subject_id} refused: {error}",
        rule=error.rule,
        params=params,
    )


def _as(record: Record | None, kind: type[R]) -> R:
    assert isinstance(record, kind)
    return record


def _run(change: Change, tree: OrgTree, posts: Appointments) -> None:
    """Carry a change out with its aggregate command."""
    kind, before, after, on = change.kind, change.before, change.after, change.on
    match kind:
        case ChangeKind.ADD_TERRITORY:
            tree.add_territory(_as(after, Territory))
        case ChangeKind.ADD_PERSON:
            tree.add_person(_as(after, Person))
        case ChangeKind.UPDATE_PERSON:
            tree.update_person(_as(after, Person))
        case ChangeKind.FOUND_ORG:
            tree.found(_as(after, Organisation))
        case ChangeKind.RENAME_ORG:
            tree.rename(change.subject_id, _as(after, Organisation).name, on)
        case ChangeKind.MOVE_ORG:
            parent_id = _as(after, Organisation).parent_id
            assert parent_id is not None  # a root cannot be moved under nothing by a register
            tree.move(change.subject_id, parent_id, on)
        case ChangeKind.REFORM_ORG:
            tree.reform(change.subject_id, _as(after, Organisation).form, on)
        case ChangeKind.COVER:
            tree.cover(_as(after, Coverage))
        case ChangeKind.END_MEMBERSHIP:
            tree.end_membership(_as(before, Membership).id, on)
        case ChangeKind.TRANSFER:
            new = _as(after, Membership)
            tree.transfer(_as(before, Membership).id, new.id, new.org_id, on)
        case ChangeKind.START_MEMBERSHIP:
            tree.add_membership(_as(after, Membership))
        case ChangeKind.END_REPORT:
            tree.end_report(_as(before, Report).id, on)
        case ChangeKind.START_REPORT:
            tree.add_report(_as(after, Report))
        case ChangeKind.END_APPOINTMENT:
            posts.end_appointment(_as(before, Appointment).id, on)
        case ChangeKind.APPOINT:
            posts.appoint(_as(after, Appointment))
        case ChangeKind.UNCOVER:
            coverage = _as(before, Coverage)
            tree.uncover(coverage.org_id, coverage.territory_id, on)
        case _:  # ChangeKind.DISSOLVE_ORG, the last kind
            tree.dissolve(change.subject_id, on)
