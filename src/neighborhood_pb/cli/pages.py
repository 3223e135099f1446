"""``--format html --out FILE``: a report or the findings as one self-contained HTML page,
written whole or not at all (shared by ``nbpb report``, ``validate`` and ``calendar``)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

from neighborhood_pb.cli.command import fail, reason_text, refusal
from neighborhood_pb.cli.text import Wording, say

__all__ = ["add_output", "add_page_options", "missing_output", "write_page"]


_HELP: Wording = {
    "format": (
        "text 供人阅读（默认），json 为供程序读取的稳定文档，html 为一个独立网页，xlsx 为"
        "工作簿（须 --out FILE）",
        "text for people (default), a stable JSON document for programs, one self-contained"
        " HTML page or an xlsx workbook (with --out FILE)",
    ),
    "out": (
        "与 --format html 或 xlsx 同用：要写入的文件（整个替换，或保持原样）",
        "with --format html or xlsx: the file to write (replaced whole, or left as it was)",
    ),
}
"""``--format``'s and ``--out``'s help, in Chinese and in English."""


def add_output(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--out FILE``: where ``--format html`` (or ``xlsx``) writes its file (help in
    ``lang``)."""
    parser.add_argument("--out", metavar="FILE", default=None, help=say(_HELP, "out", lang))


def add_page_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--format {text,json,html,xlsx}`` (default ``text``) and ``--out FILE``, as
    ``nbpb report`` and ``nbpb validate`` take them (help in ``lang``)."""
    parser.add_argument(
        "--format",
        choices=("text", "json", "html", "xlsx"),
        default="text",
        help=say(_HELP, "format", lang),
    )
    add_output(parser, lang)


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
