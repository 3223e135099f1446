"""Registers to a dataset (导入): validate every row of every sheet, then build.

:func:`read_registers` reads the files, collects every problem (file, sheet, column, row
and cross-row), and only when there is no error builds the :class:`Dataset` and its
aggregates; a record an aggregate refuses is named by the sheet and row it came from.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.dataset.build import DatasetRecordError, build_appointments, build_tree
from neighborhood_pb.errors import Finding, UnknownRecordError
from neighborhood_pb.io.collector import bulk
from neighborhood_pb.io.progress import NO_PROGRESS, Progress
from neighborhood_pb.io.registers.changes import RowSource
from neighborhood_pb.io.registers.checks import cross_row_problems
from neighborhood_pb.io.registers.columns import match_columns
from neighborhood_pb.io.registers.layout import SHEETS
from neighborhood_pb.io.registers.problems import has_errors, refusal
from neighborhood_pb.io.registers.read import MAX_BYTES, MAX_ROWS, read_files
from neighborhood_pb.io.registers.rows import Located, read_rows
from neighborhood_pb.io.registers.sources import row_sources
from neighborhood_pb.structure.levels import SCHEMA_PRESETS, LevelSchema
from neighborhood_pb.structure.posts.appointments import AppointmentRecords
from neighborhood_pb.structure.tree import TreeRecords

__all__ = ["RegisterRead", "read_registers"]

_TREE = ("territories", "people", "orgs", "coverage", "memberships", "reports", "terms")
_POSTS = ("bodies", "contracts", "appointments")


@attrs.frozen(kw_only=True)
class RegisterRead:
    """What reading registers gave (导入结果).

    Attributes:
        dataset: The dataset built, or ``None`` when any problem is an error.
        findings: Every problem and warning, in the order found.
        files: The files read (for an errors workbook).
        origins: For each dataset section, the ``(sheet, row)`` each record came from.
    """

    dataset: Dataset | None
    findings: tuple[Finding, ...]
    files: tuple[Path, ...] = ()
    origins: Mapping[str, tuple[tuple[str, int], ...]] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the dataset was built (no error)."""
        return self.dataset is not None

    def write_errors(self, path: str | Path, *, lang: str = "zh") -> Path:
        """Write a copy of the registers with a 错误 column on the offending rows.

        See :func:`~neighborhood_pb.io.registers.errors_workbook.write_errors_workbook`.
        """
        from neighborhood_pb.io.registers.errors_workbook import write_errors_workbook

        return write_errors_workbook(self.files, self.findings, path, lang=lang)

    def sources(self, on: _dt.date | str) -> dict[tuple[str, str], RowSource]:
        """The register row of every record read, for :func:`~.reconcile.reconcile`'s
        ``sources`` (see :func:`~.sources.row_sources`); empty when nothing was built."""
        if self.dataset is None:
            return {}
        return row_sources(self.dataset, self.origins, on)


def _schema(schema: LevelSchema | str) -> LevelSchema:
    if isinstance(schema, LevelSchema):
        return schema
    found = SCHEMA_PRESETS.get(schema)
    if found is None:
        raise UnknownRecordError(
            f"no schema preset {schema!r} (presets: {', '.join(SCHEMA_PRESETS)})",
            subject=schema,
            rule="dataset.schema",
        )
    return found


def _refused(error: DatasetRecordError, located: Mapping[str, list[Located]]) -> Finding:
    inner = error.error
    rows = located.get(inner.section or "", [])
    index = inner.index
    if index is not None and index < len(rows):
        origin = rows[index]
        subject = inner.subject or origin.sheet
        return refusal(inner, subject, origin.sheet, origin.row)
    return refusal(inner, inner.subject or "", error.path, 0)  # no row: the section at fault


def read_registers(
    paths: Sequence[str | Path],
    *,
    title: str,
    schema: LevelSchema | str,
    column_map: Mapping[str, str] | None = None,
    encoding: str | None = None,
    kinds: Mapping[str, str] | None = None,
    as_of: _dt.date | str | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_BYTES,
    progress: Progress = NO_PROGRESS,
) -> RegisterRead:
    """Read registers into a new dataset: validate all, then build all.

    Args:
        paths: Workbooks and CSV files (see :func:`~.read.read_files`).
        title: The dataset's title.
        schema: Its level schema, or a preset's code (``street_grid_five_level``).
        column_map: Other headers, mapped to the layout's (``{"党员姓名": "姓名"}``).
        encoding: The encoding of CSV files (default: UTF-8, else GB18030).
        kinds: The kind of a CSV file whose name does not say it.
        as_of: The day the data describes.
        max_rows: Most data rows per sheet.
        max_bytes: Largest file size.
        progress: Told of each file read (see :mod:`~neighborhood_pb.io.progress`).

    Raises:
        UnknownRecordError: ``schema`` names no preset.

    Returns:
        The dataset (``None`` when any problem is an error) and every finding.
    """
    chosen = _schema(schema)
    with bulk():
        limits = (max_rows, max_bytes)
        return _read(paths, title, chosen, column_map, encoding, kinds, as_of, limits, progress)


def _read(
    paths: Sequence[str | Path],
    title: str,
    chosen: LevelSchema,
    column_map: Mapping[str, str] | None,
    encoding: str | None,
    kinds: Mapping[str, str] | None,
    as_of: _dt.date | str | None,
    limits: tuple[int, int],
    progress: Progress,
) -> RegisterRead:
    files = tuple(Path(path) for path in paths)
    max_rows, max_bytes = limits
    raws, findings = read_files(
        paths,
        kinds=kinds,
        encoding=encoding,
        max_rows=max_rows,
        max_bytes=max_bytes,
        progress=progress,
    )
    located: dict[str, list[Located]] = {sheet.key: [] for sheet in SHEETS}
    refused: dict[str, set[object]] = {}
    for raw in raws:
        columns, found = match_columns(raw, column_map)
        findings += found
        if has_errors(found):
            continue
        records, found, refused[raw.sheet.key] = read_rows(raw, columns)
        findings += found
        located[raw.sheet.key] = records
    findings += cross_row_problems(located, refused)
    origins = {key: tuple((r.sheet, r.row) for r in rows) for key, rows in located.items()}
    if has_errors(findings):
        return RegisterRead(dataset=None, findings=tuple(findings), files=files, origins=origins)
    built: dict[str, tuple[Any, ...]] = {
        key: tuple(item.record for item in rows) for key, rows in located.items()
    }
    dataset = Dataset(
        title=title,
        schema=chosen,
        as_of=as_of,
        structure=TreeRecords(**{key: built[key] for key in _TREE}),
        appointments=AppointmentRecords(**{key: built[key] for key in _POSTS}),
    )
    try:
        build_appointments(dataset, build_tree(dataset))
    except DatasetRecordError as exc:
        findings.append(_refused(exc, located))
        return RegisterRead(dataset=None, findings=tuple(findings), files=files, origins=origins)
    return RegisterRead(dataset=dataset, findings=tuple(findings), files=files, origins=origins)
