"""Findings as JSON-ready data (检查结果), with their counts by severity, kind and community.

``nbpb validate`` and ``nbpb report`` print this data with ``--format json``; the report
model (:mod:`neighborhood_pb.io.reports.model`) reads it back, so every format shows the
same findings and the same counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import attrs

from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.errors.source import Source, source_text
from neighborhood_pb.io.json import unstructure

__all__ = [
    "CommunityOf",
    "Place",
    "finding_data",
    "finding_groups",
    "finding_text",
    "findings_data",
    "severity_counts",
]


class Place(Protocol):
    """What a finding is placed in: a community territory or a metric scope (id and name)."""

    @property
    def id(self) -> str:
        """Its id."""

    @property
    def name(self) -> str:
        """Its name."""


CommunityOf = Callable[[str], Place | None]
"""Finds the community of a record id (see :func:`~neighborhood_pb.io.reports.community_of`
and :func:`~neighborhood_pb.io.reports.scope_community`)."""


def finding_text(finding: Finding, lang: str) -> str:
    """The finding's sentence: rendered from its templates in zh, its English message in en,
    where a subject named only by its id gets its name beside it (``QS-P10 has …`` →
    ``蒋雨桐 (QS-P10) has …``)."""
    if lang != "en":
        return finding.render(lang)
    message, name, subject = finding.message, finding.subject_name, finding.subject
    if not name or name == subject or name in message:
        return message
    bare_id = re.compile(rf"(?<![\w-]){re.escape(subject)}(?![\w-])")
    return bare_id.sub(lambda _: finding.subject_label("en"), message, count=1)


def severity_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity, keyed by the severity's code."""
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def finding_data(finding: Finding, lang: str = "en") -> dict[str, Any]:
    """One finding as JSON-ready data: code, severity, subject, subject_name, params, its
    message and its rule's source (``rule``) rendered in ``lang``; a structured source's
    parts (citation, notes in zh and en, library default) follow as ``rule_source``, an
    object whatever the source holds."""
    data: dict[str, Any] = unstructure(finding)
    data["message"] = finding_text(finding, lang)
    data["rule"] = source_text(finding.rule, lang)
    if isinstance(finding.rule, Source):
        data["rule_source"] = attrs.asdict(finding.rule)
    return data


def _ordered(groups: dict[Any, list[int]]) -> list[tuple[Any, list[int]]]:
    """Largest group first, then by key; the group without a key (``None``) last."""
    return sorted(groups.items(), key=lambda item: (item[0] is None, -len(item[1]), item[0] or ""))


def finding_groups(
    findings: Sequence[Finding], community: CommunityOf | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The findings grouped by kind (code) and by community (分类汇总), largest group first.

    Each group names the positions of its findings in ``findings``; findings whose subject
    lies in no community (or all of them, without ``community``) form the last group, whose
    ``community`` is ``None``.

    Args:
        findings: The findings, in the order they are listed.
        community: Finds the community of a subject id.
    """
    by_kind: dict[str, list[int]] = {}
    by_community: dict[str | None, list[int]] = {}
    names: dict[str, str] = {}
    for index, finding in enumerate(findings):
        by_kind.setdefault(finding.code, []).append(index)
        place = None if community is None else community(finding.subject)
        if place is not None:
            names[place.id] = place.name
        by_community.setdefault(None if place is None else place.id, []).append(index)
    return {
        "by_kind": [
            {"code": code, "count": len(indices), "findings": indices}
            for code, indices in _ordered(by_kind)
        ],
        "by_community": [
            {
                "community": key,
                "name": "" if key is None else names[key],
                "count": len(indices),
                "findings": indices,
            }
            for key, indices in _ordered(by_community)
        ],
    }


def findings_data(
    findings: Sequence[Finding], lang: str = "en", community: CommunityOf | None = None
) -> dict[str, Any]:
    """Counts, groups and findings as JSON-ready data (see :func:`finding_data` and
    :func:`finding_groups`)."""
    return {
        "counts": severity_counts(findings),
        "groups": finding_groups(findings, community),
        "findings": [finding_data(finding, lang) for finding in findings],
    }
