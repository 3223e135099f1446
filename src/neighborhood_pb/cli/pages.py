"""``--format html --out FILE``: a report or the findings as one self-contained HTML page,
written whole or not at all (shared by ``nbpb report``, ``validate`` and ``calendar``)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

from neighborhood_pb.cli.command import fail, reason_text, refusal

__all__ = ["add_output", "missing_output", "write_page"]


def add_output(parser: argparse.ArgumentParser) -> None:
    """Add ``--out FILE``: where ``--format html`` (or ``xlsx``) writes its file."""
    parser.add_argument(
        "--out",
        metavar="FILE",
        default=None,
        help="with --format html or xlsx: the file to write (replaced whole, or left as it was)",
    )


def missing_output(command: str, args: argparse.Namespace) -> int | None:
    """Exit status 2 with a message when ``--format html`` or ``xlsx`` has no ``--out FILE``."""
    if args.format in ("html", "xlsx") and not args.out:
        return fail(command, refusal("needs_out", args.lang, format=args.format))
    return None


def write_page(command: str, out: str, render: Callable[[], Any], lang: str = "zh") -> int:
    """Write the page ``render`` makes to ``out``; 0, or 2 with a one-line message in
    ``lang`` when the ``reports`` extra is missing or the file cannot be written (nothing is
    left behind)."""
    from neighborhood_pb.io.reports.files import write_atomically

    try:
        text = render()
    except ImportError:  # pragma: no cover - the dev install has the reports extra
        return fail(command, refusal("needs_reports", lang))
    try:
        write_atomically(out, text)
    except OSError as exc:
        reason = reason_text(exc, lang)
        folder = os.path.dirname(os.path.abspath(out))
        return fail(
            command, refusal("cannot_write_in", lang, path=out, reason=reason, folder=folder)
        )
    return 0
