"""``--format xlsx --out FILE`` of ``nbpb report`` and ``nbpb validate``: the JSON document
written as a workbook (see :mod:`neighborhood_pb.io.reports.xlsx`); ``--out`` is declared
and required by :mod:`neighborhood_pb.cli.pages`.

The file appears whole or not at all; a path that cannot be written is one line on standard
error and exit status 2.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any

from neighborhood_pb.cli.command import fail, progress_of, reason_text, refusal
from neighborhood_pb.io.reports import report_model

__all__ = ["write_workbook"]


def write_workbook(command: str, document: Mapping[str, Any], args: argparse.Namespace) -> int:
    """Write ``document`` (the ``--format json`` document) as the workbook ``args.out``.

    Returns:
        0 when written; 2, after one line on standard error, when xlsxwriter is missing or
        the file cannot be written (nothing is left behind).
    """
    out: str = args.out
    try:
        from neighborhood_pb.io.reports.xlsx import write_report_xlsx
    except ImportError:  # pragma: no cover - the dev install has the registers extra
        return fail(command, refusal("needs_xlsxwriter", args.lang))
    try:
        write_report_xlsx(report_model(document), out, lang=args.lang, progress=progress_of(args))
    except OSError as exc:
        folder = os.path.dirname(os.path.abspath(out))
        reason = reason_text(exc, args.lang)
        return fail(
            command, refusal("cannot_write_in", args.lang, path=out, reason=reason, folder=folder)
        )
    return 0
