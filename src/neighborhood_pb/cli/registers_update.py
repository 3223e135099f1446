"""``nbpb import REGISTER... --into DATASET`` when DATASET exists: the monthly update.

The registers are read, reconciled against the dataset from ``--effective DATE`` (see
:func:`~neighborhood_pb.io.registers.reconcile`), and the preview is printed: one line per
change, names beside ids, then the count by kind. A change the aggregates refuse is printed
as a finding with the register row it came from, and nothing is written (exit 1). Otherwise,
unless ``--dry-run``, the updated dataset replaces the old one atomically: a JSON file is
written beside it and renamed over it; a database is saved in one transaction.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from neighborhood_pb.cli.command import (
    fail,
    invalid_dataset,
    progress_of,
    reason_text,
    refusal,
    write_lines,
)
from neighborhood_pb.cli.findings import count_line, finding_lines
from neighborhood_pb.cli.text import Wording, day_text, say
from neighborhood_pb.dataset import Dataset, DatasetRecordError
from neighborhood_pb.errors import Finding, NeighborhoodPBError, Severity, StructuringError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.files import write_atomically
from neighborhood_pb.io.json import dumps_dataset, load_dataset
from neighborhood_pb.io.registers import RegisterRead, read_registers, reconcile
from neighborhood_pb.io.registers.problems import problem

__all__ = [
    "UNUSABLE",
    "refuse",
    "report_read",
    "update",
    "update_file",
    "update_store",
    "write_atomically",
]

UNUSABLE = frozenset({"register.file", "register.too_large", "register.no_sheet"})
"""Problem codes that make the input unusable (exit status 2) rather than wrong (1)."""

_TEXT: Wording = {
    "changes": ("{path}：自{day}起的变更", "{path}: changes from {day}"),
}
"""This module's sentences, in Chinese and in English."""

Writer = Callable[[Dataset], None]
"""Writes the updated dataset where the old one was."""


def refuse(code: str, shown: str, lang: str, **params: str) -> int:
    """Exit 2 with the register rule ``code`` about the dataset ``shown``."""
    return fail("import", problem(code, shown, file=shown, **params).render(lang))


def report_read(read: RegisterRead, args: argparse.Namespace, *, always: bool) -> int | None:
    """Print what reading the registers found; the exit status when it ends the import
    (2 unusable input, 1 problems, the errors workbook written if asked), else ``None``.

    Args:
        read: What reading gave.
        args: The command's arguments (``lang``, ``errors``).
        always: Print the count line even when nothing was found.
    """
    lang: str = args.lang
    errors = [f for f in read.findings if f.severity is Severity.ERROR]
    first = next((finding for finding in errors if finding.code in UNUSABLE), None)
    if first is not None:
        return fail("import", first.render(lang))
    if always or read.findings:
        findings = list(read.findings)
        write_lines([*finding_lines(findings, lang=lang), count_line(findings, lang)])
    if read.dataset is not None:
        return None
    if args.errors:
        try:
            read.write_errors(args.errors, lang=lang)
        except OSError as exc:
            return _unwritten(args.errors, exc, lang)
    return 1


def _unwritten(path: str, exc: Exception, lang: str) -> int:
    """Exit 2: the file ``path`` could not be written."""
    return fail("import", refusal("cannot_write", lang, path=path, reason=reason_text(exc, lang)))


def _rendered(findings: Sequence[Finding]) -> list[Finding]:
    """Findings whose English message is rendered from their templates, names and rows
    included (what ``finding_lines`` prints in en)."""
    return [attrs.evolve(finding, message=finding.render("en")) for finding in findings]


def update(args: argparse.Namespace, current: Dataset, shown: str, write: Writer) -> int:
    """Reconcile the registers of ``args`` against ``current`` and write the result.

    Args:
        args: The command's arguments (``registers``, ``effective``, ``schema``,
            ``encoding``, ``dry_run``, ``errors``, ``lang``).
        current: The dataset as it is, read from ``shown``.
        shown: The dataset's file name or URL (password hidden), for messages.
        write: Replaces the dataset atomically.

    Returns:
        0 applied (or, with ``--dry-run``, would be), 1 problems or refused changes and
        nothing written, 2 unusable input.
    """
    lang: str = args.lang
    if args.schema is not None and args.schema != current.schema.code:
        return refuse(
            "register.schema_differs", shown, lang, schema=current.schema.code, given=args.schema
        )
    paths = [Path(path) for path in args.registers]
    read = read_registers(
        paths,
        title=current.title,
        schema=current.schema,
        encoding=args.encoding,
        progress=progress_of(args),
    )
    status = report_read(read, args, always=False)
    if status is not None:
        return status
    assert read.dataset is not None  # report_read ends the import otherwise
    try:
        result = reconcile(
            current,
            read.dataset,
            effective=args.effective,
            sources=read.sources(args.effective),
        )
    except DatasetRecordError as exc:  # the dataset itself does not build
        return fail("import", invalid_dataset(shown, exc, lang))
    except NeighborhoodPBError as exc:  # an effective day before the data's
        return fail("import", f"{shown}: {error_text(exc, lang)}")
    heading = say(_TEXT, "changes", lang, path=shown, day=day_text(args.effective, lang))
    write_lines([heading, *result.preview(lang)])
    if result.findings:
        refused = _rendered(result.findings)
        write_lines([*finding_lines(refused, lang=lang), count_line(refused, lang)])
        if args.errors:
            from neighborhood_pb.io.registers.errors_workbook import write_errors_workbook

            try:
                write_errors_workbook(read.files, refused, args.errors, lang=lang)
            except OSError as exc:
                return _unwritten(args.errors, exc, lang)
        return 1
    if args.dry_run:
        return 0
    try:
        write(result.apply())
    except (OSError, NeighborhoodPBError) as exc:
        return _unwritten(shown, exc, lang)
    return 0


def update_file(args: argparse.Namespace, path: Path) -> int:
    """Update the existing dataset file ``path`` (see :func:`update`)."""
    shown, lang = str(path), args.lang
    if args.effective is None:
        return refuse("register.exists", shown, lang)
    if args.as_of is not None:
        return refuse("register.as_of_unused", shown, lang)
    try:
        current = load_dataset(path)
    except OSError as exc:
        reason = reason_text(exc, lang)
        return fail("import", refusal("cannot_read", lang, path=shown, reason=reason))
    except StructuringError as exc:
        return fail("import", invalid_dataset(shown, exc, lang))

    def write(dataset: Dataset) -> None:
        write_atomically(path, dumps_dataset(dataset, redact_personal=False))

    return update(args, current, shown, write)


def update_store(args: argparse.Namespace, create: Callable[[Writer], int]) -> int:
    """Update the dataset saved at the database URL ``args.into`` (see :func:`update`) in
    one write transaction (:meth:`~neighborhood_pb.io.store.Store.update`: no other writer
    comes between reading and writing), or, when nothing is saved there yet, ``create`` it
    with the store's writer."""
    from neighborhood_pb.io.store.errors import StoreError
    from neighborhood_pb.io.store.names import shown_url
    from neighborhood_pb.io.store.store import Store

    shown, lang = shown_url(args.into), args.lang
    try:
        store = Store(args.into)
    except NeighborhoodPBError as exc:
        return fail("import", invalid_dataset(shown, exc, lang))
    status = 0
    written: list[Dataset] = []

    def change(current: Dataset) -> Dataset | None:
        nonlocal status
        if args.effective is None:
            status = refuse("register.exists", shown, lang)
        elif args.as_of is not None:
            status = refuse("register.as_of_unused", shown, lang)
        else:
            status = update(args, current, shown, written.append)
        return written[-1] if written and not status else None

    with store:
        try:
            store.update(change)
        except NeighborhoodPBError as exc:
            if written:
                return _unwritten(shown, exc, lang)
            if isinstance(exc, StoreError) and exc.rule == "store.empty":
                return create(store.save)
            return fail("import", invalid_dataset(shown, exc, lang))
    return status
