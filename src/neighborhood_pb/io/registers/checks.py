"""Checks across rows (跨行检查): duplicated ids, references to records no sheet holds,
and a person with formal memberships in two organisations at once; each named by sheet
and row."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence

from neighborhood_pb.errors import Finding
from neighborhood_pb.io.registers.layout import SHEETS, Sheet
from neighborhood_pb.io.registers.problems import problem
from neighborhood_pb.io.registers.rows import Located
from neighborhood_pb.structure.forms import MembershipKind
from neighborhood_pb.structure.records import Membership

__all__ = ["cross_row_problems"]

_NAMES = {sheet.key: sheet.name for sheet in SHEETS}


def _values(rows: Sequence[Located], field: str) -> list[object]:
    """The value of ``field`` in each row (``None`` where it has none)."""
    return [item.fields.get(field) for item in rows]


def _duplicates(sheet: Sheet, rows: Sequence[Located]) -> list[Finding]:
    if not sheet.unique:
        return []
    fields = sheet.unique
    single = fields[0] if len(fields) == 1 else None
    keys: list[object] = (
        _values(rows, single)
        if single
        else list(zip(*(_values(rows, field) for field in fields), strict=True))
    )
    if len(set(keys)) == len(keys):  # the common case: no id twice
        return []
    first: dict[object, int] = {}
    findings = []
    column = sheet.column(sheet.unique[0]).header
    for item, key in zip(rows, keys, strict=True):
        found = first.setdefault(key, item.row)
        if found != item.row:
            value = str(key if single else key[0])  # type: ignore[index]
            findings.append(
                problem(
                    "register.duplicate_id",
                    value,
                    sheet=item.sheet,
                    row=item.row,
                    column=column,
                    value=value,
                    first_row=found,
                )
            )
    return findings


def _references(
    sheet: Sheet, rows: Sequence[Located], ids: Mapping[str, set[object]]
) -> list[Finding]:
    findings = []
    refs = [column for column in sheet.columns if column.ref is not None]
    wrong: set[int] = set()  # the rows naming something unknown, found column by column
    for column in refs:
        assert column.ref is not None
        known, values = ids[column.ref], _values(rows, column.field)
        if set(values).difference(known).issubset((None,)):  # the common case: all known
            continue
        wrong.update(
            index for index, value in enumerate(values) if value is not None and value not in known
        )
    for index in sorted(wrong):
        item = rows[index]
        for column in refs:
            value = item.fields.get(column.field)
            target = column.ref
            assert target is not None
            if value is not None and value not in ids[target]:
                findings.append(
                    problem(
                        "register.reference",
                        str(item.fields.get("id") or item.sheet),
                        sheet=item.sheet,
                        row=item.row,
                        column=column.header,
                        value=str(value),
                        target=_NAMES[target],
                    )
                )
    return findings


def _two_branches(rows: Sequence[Located]) -> list[Finding]:
    formal = [item for item in rows if item.record.kind is MembershipKind.FORMAL]
    counts = Counter(item.record.person_id for item in formal)
    by_person: dict[str, list[Located]] = {}  # only those with two formal memberships or more
    for item in formal:
        membership: Membership = item.record
        if counts[membership.person_id] > 1:
            by_person.setdefault(membership.person_id, []).append(item)
    findings = []
    for person, held in by_person.items():
        held.sort(key=lambda item: item.record.period.start)
        for earlier, later in itertools.pairwise(held):
            if earlier.record.period.overlaps(later.record.period):
                findings.append(
                    problem(
                        "register.two_branches",
                        person,
                        sheet=later.sheet,
                        row=later.row,
                        value=person,
                        other_row=earlier.row,
                    )
                )
    return findings


def cross_row_problems(
    located: Mapping[str, Sequence[Located]], refused: Mapping[str, set[object]]
) -> list[Finding]:
    """Every cross-row problem of the records read, sheet by sheet; a reference to a row
    refused for its own problems is not reported again."""
    ids = {key: {*_values(rows, "id"), *refused.get(key, ())} for key, rows in located.items()}
    findings: list[Finding] = []
    for sheet in SHEETS:
        rows = located.get(sheet.key, ())
        findings += _duplicates(sheet, rows)
        findings += _references(sheet, rows, ids)
    findings += _two_branches(located.get("memberships", ()))
    return findings
