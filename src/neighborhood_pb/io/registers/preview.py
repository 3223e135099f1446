"""Readable lines for a month's changes (变更预览): zh-CN by default, English on request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.errors.office import office_date
from neighborhood_pb.errors.spec import LANGUAGES, subject_label
from neighborhood_pb.io.registers.changes import Change, ChangeKind

__all__ = ["change_line", "preview_lines", "summary_line"]

_TEMPLATES: Mapping[ChangeKind, tuple[str, str]] = {
    ChangeKind.ADD_TERRITORY: (
        "{label} {subject}，属 {target}，自 {on}",
        "New territory {subject} in {target}, from {on}",
    ),
    ChangeKind.ADD_PERSON: ("{label} {subject}", "New person {subject}"),
    ChangeKind.UPDATE_PERSON: ("{label} {subject}：{detail}", "Person {subject} updated: {detail}"),
    ChangeKind.FOUND_ORG: (
        "{label} {subject}，上级 {target}，自 {on}",
        "Organisation {subject} founded under {target}, from {on}",
    ),
    ChangeKind.RENAME_ORG: (
        "{label} {subject}，原名 {detail}，自 {on}",
        "Organisation {subject} renamed, formerly {detail}, from {on}",
    ),
    ChangeKind.MOVE_ORG: (
        "{label} {subject} 从 {origin} 到 {target}，自 {on}",
        "Organisation {subject} moved from {origin} to {target}, from {on}",
    ),
    ChangeKind.REFORM_ORG: (
        "{label} {subject}：{detail}，自 {on}",
        "Organisation {subject} re-formed: {detail}, from {on}",
    ),
    ChangeKind.COVER: (
        "{label} {subject} 覆盖 {target}，自 {on}",
        "{subject} covers {target}, from {on}",
    ),
    ChangeKind.END_MEMBERSHIP: (
        "{label} {subject} 离开 {origin}，自 {on}",
        "Member {subject} leaves {origin}, from {on}",
    ),
    ChangeKind.TRANSFER: (
        "{label} {subject} 从 {origin} 到 {target}，自 {on}",
        "Membership of {subject} transferred from {origin} to {target}, from {on}",
    ),
    ChangeKind.START_MEMBERSHIP: (
        "{label} {subject} 入 {target}，自 {on}",
        "New member {subject} joins {target}, from {on}",
    ),
    ChangeKind.END_REPORT: ("{label} {subject}，自 {on}", "Report of {subject} revoked, from {on}"),
    ChangeKind.START_REPORT: (
        "{label} {subject} 到 {target}，自 {on}",
        "{subject} reports to {target}, from {on}",
    ),
    ChangeKind.END_APPOINTMENT: (
        "{label} {subject} 不再任 {origin} {detail}，自 {on}",
        "{subject} no longer {detail} of {origin}, from {on}",
    ),
    ChangeKind.APPOINT: (
        "{label} {subject} 任 {target} {detail}，自 {on}",
        "{subject} appointed {detail} of {target}, from {on}",
    ),
    ChangeKind.UNCOVER: (
        "{label} {subject} 不再覆盖 {target}，自 {on}",
        "{subject} no longer covers {target}, from {on}",
    ),
    ChangeKind.DISSOLVE_ORG: (
        "{label} {subject}，自 {on}",
        "Organisation {subject} dissolved, from {on}",
    ),
}


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise InvalidRecordError(
            f"no preview in {lang!r}; choose one of {', '.join(LANGUAGES)}",
            subject=lang,
            rule="registry.language",
        )


def change_line(change: Change, lang: str = "zh") -> str:
    """One change as a sentence, names beside ids, e.g.
    "新增党员 张三（P001） 入 第一网格党支部（O12），自 2026年12月1日" under ``zh`` (公文日期),
    "New member 张三 (P001) joins 第一网格党支部 (O12), from 2026-12-01" under ``en``."""
    _check(lang)
    zh, en = _TEMPLATES[change.kind]
    line = (zh if lang == "zh" else en).format(
        label=change.kind.label_zh,
        subject=subject_label(change.subject_id, change.subject_name, lang),
        target=subject_label(change.target_id, change.target_name, lang),
        origin=subject_label(change.origin_id, change.origin_name, lang),
        detail=change.detail,
        on=office_date(change.on) if lang == "zh" else change.on.to_date_string(),
    )
    source = change.source
    if source is None:
        return line
    where = (
        f"（{source.sheet}第{source.row}行）"
        if lang == "zh"
        else f" ({source.sheet} row {source.row})"
    )
    return line + where


def summary_line(counts: Mapping[ChangeKind, int], lang: str = "zh") -> str:
    """The number of changes of each kind, in the order of application."""
    _check(lang)
    parts = [f"{kind.label(lang)} {counts[kind]}" for kind in ChangeKind if counts.get(kind)]
    if lang == "zh":
        return "合计：" + ("、".join(parts) if parts else "无变更")
    return "Total: " + (", ".join(parts) if parts else "no change")


def preview_lines(changes: Iterable[Change], lang: str = "zh") -> tuple[str, ...]:
    """Every change as a line, then the summary line."""
    counts: dict[ChangeKind, int] = {}
    lines = []
    for change in changes:
        lines.append(change_line(change, lang))
        counts[change.kind] = counts.get(change.kind, 0) + 1
    return (*lines, summary_line(counts, lang))
