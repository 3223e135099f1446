"""Rule sources (依据) kept on the fields they justify, as attrs metadata.

A preset's number and the regulation or practice it comes from sit on one line::

    branch_max_members: int = attrs.field(default=50, metadata=cite("…不超过50人"))

and the public ``*_SOURCES`` mappings that findings cite are derived from the fields, so a
number cannot lose its source by being moved or renamed.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["CITES", "SOURCE", "cite", "field_sources"]

SOURCE = "source"
"""Metadata key of a field's source text."""
CITES = "cites"
"""Metadata key of the entry a field's source is filed under, when not the field's name."""


def cite(text: str, *, key: str | None = None) -> Mapping[str, str]:
    """Field metadata saying where its default comes from.

    Args:
        text: The source, e.g. a regulation and the sentence that gives the number.
        key: The entry it is filed under when several fields share one source (e.g. the three
            committee sizes under ``committee_size``); by default the field's own name.
    """
    return {SOURCE: text} if key is None else {SOURCE: text, CITES: key}


def field_sources(cls: type) -> dict[str, str]:
    """The sources on the fields of an attrs class, by entry, in field order."""
    found: dict[str, str] = {}
    for field in attrs.fields(cls):
        text = field.metadata.get(SOURCE)
        if text is not None:
            found.setdefault(field.metadata.get(CITES, field.name), text)
    return found
