"""Matching a sheet's headers to its columns (表头): configured names, aliases, the
columns a register may not carry, and the closest header to a missing one."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from neighborhood_pb.errors import Finding
from neighborhood_pb.io.registers.layout import SENSITIVE_HEADERS, Column
from neighborhood_pb.io.registers.problems import problem
from neighborhood_pb.io.registers.read import RawSheet

__all__ = ["match_columns", "normalise_header"]


def normalise_header(header: str) -> str:
    """A header as compared: spaces and a required mark (``*``) dropped."""
    return "".join(ch for ch in header if not ch.isspace()).strip("*＊")


def match_columns(
    raw: RawSheet, column_map: Mapping[str, str] | None
) -> tuple[list[tuple[int, Column]], list[Finding]]:
    """The columns of ``raw`` by position, and the header problems: a required column
    missing (an error naming the closest header), an unknown or sensitive one (a warning;
    it is ignored)."""
    sheet = raw.sheet
    names: dict[str, Column] = {}
    for column in sheet.columns:
        for name in (column.header, *column.aliases):
            names[normalise_header(name)] = column
    mapped = {normalise_header(k): normalise_header(v) for k, v in (column_map or {}).items()}
    found: list[tuple[int, Column]] = []
    findings: list[Finding] = []
    taken: set[str] = set()
    for position, header in enumerate(raw.headers):
        key = normalise_header(header)
        if not key:
            continue
        matched = names.get(mapped.get(key, key))
        if matched is None or matched.field in taken:
            code = (
                "register.column_sensitive"
                if key in SENSITIVE_HEADERS
                else ("register.column_unknown")
            )
            findings.append(problem(code, sheet.name, sheet=sheet.name, column=header.strip()))
            continue
        taken.add(matched.field)
        found.append((position, matched))
    present = [normalise_header(h) for h in raw.headers if normalise_header(h)]
    for column in sheet.columns:
        if column.required and column.field not in taken:
            closest = difflib.get_close_matches(column.header, present, n=1, cutoff=0.0)
            findings.append(
                problem(
                    "register.column_missing",
                    sheet.name,
                    sheet=sheet.name,
                    column=column.header,
                    closest=closest[0] if closest else "无",
                )
            )
    return found, findings
