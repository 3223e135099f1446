"""Rows to records (行): each cell read leniently, each row made into its record.

Every problem of a row is collected (a row with three bad cells gives three findings);
a row whose cells are all good is made into its record, and a record the record itself
refuses is a problem too.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import attrs

from neighborhood_pb.calendar.periods import Period
from neighborhood_pb.errors import Finding, InvalidRecordError, NeighborhoodPBError
from neighborhood_pb.errors.spec import ParamValue
from neighborhood_pb.io.registers.cells import CellError, read_count, read_day, read_text
from neighborhood_pb.io.registers.labels import allowed_labels, from_label
from neighborhood_pb.io.registers.layout import CHANNELS, Column
from neighborhood_pb.io.registers.problems import problem, refusal
from neighborhood_pb.io.registers.read import RawSheet
from neighborhood_pb.structure.people import Person
from neighborhood_pb.structure.posts.bodies import Body, ServiceContract
from neighborhood_pb.structure.posts.records import Appointment, PartTimeBasis
from neighborhood_pb.structure.records import (
    Coverage,
    ElectionTerm,
    Membership,
    Organisation,
    Report,
    ReportChannel,
)
from neighborhood_pb.structure.territory import Territory

__all__ = ["BOTH_CHANNELS", "RECORD_TYPES", "Located", "read_rows"]

BOTH_CHANNELS = "双报到"
"""The label of a report made both online and offline."""

RECORD_TYPES: Mapping[str, Callable[..., Any]] = {
    "territories": Territory,
    "people": Person,
    "orgs": Organisation,
    "coverage": Coverage,
    "memberships": Membership,
    "reports": Report,
    "terms": ElectionTerm,
    "bodies": Body,
    "contracts": ServiceContract,
    "appointments": Appointment,
}
"""The record each sheet's rows make, by sheet key."""


@attrs.frozen(kw_only=True)
class Located:
    """A record with the sheet and row it was read from.

    Attributes:
        record: The record.
        sheet: The sheet's Chinese name.
        row: Its row as the spreadsheet shows it.
        fields: The values read, by field (for cross-row checks).
    """

    record: Any
    sheet: str
    row: int
    fields: Mapping[str, object]


def _channels(text: str) -> frozenset[ReportChannel] | None:
    if text.replace(" ", "") in (BOTH_CHANNELS, "线上+线下", "线上线下"):
        return frozenset(ReportChannel)
    parts = [part for part in text.replace("，", "、").replace(",", "、").split("、") if part]
    found = {from_label(ReportChannel, part) for part in parts}
    if None in found or not found:
        return None
    return frozenset(member for member in found if member is not None)


def _cell(column: Column, value: object) -> object:
    """The value of one cell for ``column``.

    Raises:
        CellError: the cell is not a day or a number as the column expects.
        _LabelError: the cell is not one of the column's labels.
    """
    kind = column.kind
    if kind == "day":
        return read_day(value)
    if kind == "count":
        return read_count(value)
    text = read_text(value)
    if text is None or kind == "text":
        return text
    if kind == CHANNELS:
        channels = _channels(text)
        if channels is None:
            labels = (*allowed_labels(ReportChannel), BOTH_CHANNELS)
            raise _LabelError(text, labels)
        return channels
    assert isinstance(kind, type)
    assert issubclass(kind, enum.Enum)
    member = from_label(kind, text)
    if member is None:
        raise _LabelError(text, allowed_labels(kind))
    return member


class _LabelError(ValueError):
    def __init__(self, text: str, allowed: tuple[str, ...]) -> None:
        super().__init__(text)
        self.text = text
        self.allowed = allowed


_MISSING = object()


def _record(key: str, fields: dict[str, object], periods: dict[object, Period]) -> Any:
    kwargs = {k: v for k, v in fields.items() if v is not None}
    kwargs.pop("start", None)  # the dates make the period
    kwargs.pop("end", None)
    if "start" in fields:
        span = (fields["start"], fields.get("end"))
        period = periods.get(span)
        if period is None:  # periods repeat: one record for each (start, end)
            period = periods[span] = Period(start=span[0], end=span[1])
        kwargs["period"] = period
    if "part_time.source" in fields:
        basis = {k[10:]: kwargs.pop(k) for k in list(kwargs) if k.startswith("part_time.")}
        if basis and "source" not in basis:
            raise InvalidRecordError(
                "a part-time member's basis names no source (兼职来源)", rule="part_time.basis"
            )
        if basis:
            kwargs["part_time"] = PartTimeBasis(**basis)  # type: ignore[arg-type]
    return RECORD_TYPES[key](**kwargs)


def _cell_problem(
    error: CellError | _LabelError, sheet: str, row: int, column: Column, value: object
) -> Finding:
    where: dict[str, ParamValue] = {"sheet": sheet, "row": row, "column": column.header}
    if isinstance(error, _LabelError):
        allowed = "、".join(error.allowed)
        return problem("register.label", sheet, value=error.text, allowed=allowed, **where)
    text = read_text(value) or ""
    return problem("register.cell", sheet, value=text, expected=error.expected, **where)


_Plan = list[tuple[int, str, Column, dict[object, object] | None]]


def _row_fields(
    sheet: str, number: int, cells: Sequence[object], plan: _Plan, merged: set[tuple[int, int]]
) -> tuple[dict[str, object], list[Finding]]:
    """The values of one row cell by cell, and the problems of its cells."""
    fields: dict[str, object] = {}
    findings: list[Finding] = []
    for position, field, column, cache in plan:
        value = cells[position]
        if merged and (number, position) in merged:
            findings.append(
                problem("register.merged", sheet, sheet=sheet, row=number, column=column.header)
            )
        elif cache is None:
            fields[field] = value.strip() or None if type(value) is str else read_text(value)
        else:
            known = cache.get(value, _MISSING)
            if known is not _MISSING:
                fields[field] = known
                continue
            try:
                fields[field] = cache[value] = _cell(column, value)
            except (CellError, _LabelError) as exc:
                findings.append(_cell_problem(exc, sheet, number, column, value))
    return fields, findings


def _column_values(column: Column, values: Sequence[object]) -> tuple[list[object], bool]:
    """A column's values read at once (each distinct one once), and whether any is bad
    (marked ``_MISSING``: its row is read again cell by cell, for its problems)."""
    if column.kind == "text":
        return [v.strip() or None if type(v) is str else read_text(v) for v in values], False
    table: dict[object, object] = {}
    bad = False
    for value in dict.fromkeys(values):
        try:
            table[value] = _cell(column, value)
        except (CellError, _LabelError):
            table[value] = _MISSING
            bad = True
    return [table[value] for value in values], bad


def _maker(
    key: str, names: Sequence[str], blank: set[str], periods: dict[object, Period]
) -> Callable[[dict[str, object]], Any]:
    """A function making a row's record from its fields exactly as :func:`_record` does,
    with what can be decided once for the sheet so decided: a blank (``None``) value is
    passed on where the record's own default is ``None`` (the same record), and only the
    columns in ``blank`` (those with a blank value) are looked at row by row."""
    kind = RECORD_TYPES[key]
    nested = any(name.startswith("part_time.") for name in names)
    if nested or not (isinstance(kind, type) and attrs.has(kind)):
        return lambda fields: _record(key, fields, periods)
    defaults_none = {
        field.alias for field in attrs.fields(kind) if field.init and field.default is None
    }
    dates = [name for name in ("start", "end") if name in names]
    dated = "start" in names
    optional = [
        name for name in names if name in blank and name not in defaults_none and name not in dates
    ]
    if not dates and not optional:  # the fields are the record's arguments as they are
        return lambda fields: kind(**fields)

    def make(fields: dict[str, object]) -> Any:
        kwargs = fields.copy()
        for name in dates:
            del kwargs[name]
        for name in optional:
            if kwargs[name] is None:
                del kwargs[name]
        if dated:
            span = (fields["start"], fields.get("end"))
            period = periods.get(span)
            if period is None:  # periods repeat: one record for each (start, end)
                period = periods[span] = Period(start=span[0], end=span[1])
            kwargs["period"] = period
        return kind(**kwargs)

    return make


def _read_columns(
    columns: list[tuple[int, Column]],
    cells: Sequence[Sequence[object]],
    numbers: Sequence[int],
    merged_rows: set[int],
) -> tuple[list[list[object]], set[int], set[str]]:
    """Each column's values read at once; the rows to read again cell by cell (a bad,
    merged or missing required cell); and the fields with a blank (``None``) value."""
    read: list[list[object]] = []
    blank: set[str] = set()
    suspect = {index for index, number in enumerate(numbers) if number in merged_rows}
    table = list(zip(*cells, strict=False))  # every row holds the widest column's cell
    for position, column in columns:
        values, bad = _column_values(column, table[position] if table else ())
        read.append(values)
        if bad or (column.required and None in values):
            suspect.update(i for i, v in enumerate(values) if v is _MISSING or v is None)
        elif None in values:
            blank.add(column.field)
    return read, suspect, blank


def read_rows(
    raw: RawSheet, columns: list[tuple[int, Column]]
) -> tuple[list[Located], list[Finding], set[object]]:
    """The records of a sheet's rows, every problem found in them, and the ids of the rows
    refused (so that what refers to them is not reported twice).

    The cells are read column by column; a row with a bad, merged or missing required cell
    is read again cell by cell, so that its problems come in the order of its columns.
    When no row is in doubt, the records are made in one pass; should a record refuse its
    values, the rows are made again one by one, for the problems and their order."""
    sheet, key = raw.sheet.name, raw.sheet.key
    periods: dict[object, Period] = {}
    merged = set(raw.merged)
    widest = max((position for position, _ in columns), default=-1)
    numbers = [number for number, _ in raw.rows]
    cells = [cells for _, cells in raw.rows]
    if min(map(len, cells), default=widest + 1) <= widest:  # short rows (CSV): padded
        cells = [c if len(c) > widest else (*c, *[None] * (widest + 1 - len(c))) for c in cells]
    read, suspect, blank = _read_columns(columns, cells, numbers, {row for row, _ in merged})
    names = [column.field for _, column in columns]
    by_row = zip(*read, strict=True) if read else [()] * len(numbers)
    fields_of = [dict(zip(names, values, strict=True)) for values in by_row]
    make = _maker(key, names, blank, periods)
    if not suspect:
        try:
            made = list(map(make, fields_of))
        except (NeighborhoodPBError, ValueError):
            pass  # the rows again one by one, for every problem in its place
        else:
            located = [
                Located(record=record, sheet=sheet, row=number, fields=fields)
                for record, number, fields in zip(made, numbers, fields_of, strict=True)
            ]
            return located, [], set()
    records: list[Located] = []
    findings: list[Finding] = []
    refused: set[object] = set()
    # a column's labels and days repeat: each distinct cell value is read once
    plan: _Plan = [
        (position, column.field, column, None if column.kind == "text" else {})
        for position, column in columns
    ]
    required = [(column.field, column.header) for _, column in columns if column.required]
    for index, number in enumerate(numbers):
        fields = fields_of[index]
        build = make
        if index in suspect:
            fields, found = _row_fields(sheet, number, cells[index], plan, merged)
            for field, header in required:
                if field in fields and fields[field] is None:
                    subject = str(fields.get("id") or sheet)
                    found.append(
                        problem(
                            "register.required", subject, sheet=sheet, row=number, column=header
                        )
                    )
            if found:
                findings += found
                refused.add(fields.get("id"))
                continue
            build = partial(_record, key, periods=periods)
        try:
            record = build(fields)
        except (NeighborhoodPBError, ValueError) as exc:
            findings.append(refusal(exc, str(fields.get("id") or sheet), sheet, number))
            refused.add(fields.get("id"))
            continue
        records.append(Located(record=record, sheet=sheet, row=number, fields=fields))
    return records, findings, refused
