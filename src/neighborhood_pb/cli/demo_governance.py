"""``nbpb demo``'s deliberation section (议事): one matter followed through every step with
its audit trail (who, when, what was decided, on which minutes), its vote, publications,
closure and review, and where it stands on the demo day; then what is overdue."""

from __future__ import annotations

from collections.abc import Iterable

from neighborhood_pb.cli.text import (
    Wording,
    day_text,
    heading,
    named,
    note,
    period_text,
    say,
    table,
    term,
)
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import Matter, local_day
from neighborhood_pb.governance.procedures import Procedure
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["followed_matter", "governance_section"]

_TEXT: Wording = {
    "title": ("议事：{matter}", "Deliberation (议事): {matter}"),
    "proposed": ("  {procedure}；{who}于{day}提议", "  {procedure}; proposed by {who} on {day}"),
    "vote": (
        "业主大会表决{vote}：参与表决的专有部分面积{area}，人数{number}；同意的面积{yes_area}，"
        "人数{yes_number}；{outcome}",
        "Owners' vote (业主大会表决) {vote}: turnout {area} of the area, {number} of the owners;"
        " in favour {yes_area} and {yes_number}; {outcome}",
    ),
    "passed": ("通过", "passed"),
    "not_passed": ("未通过", "not passed"),
    "published": ("  {what}：{where}，{period}", "  {what}: {where}, {period}"),
    "closed": ("  {day}由{who}办结：{outcome}", "  Closed (办结) on {day} by {who}: {outcome}"),
    "reviewed": ("  {day}回头看：{note}", "  Reviewed (回头看) on {day}: {note}"),
    "state": (
        "截至{day}：{status}；已办环节：{taken}{next}；居民满意：{satisfied}",
        "As of {day}: {status}; steps taken: {taken}{next}; residents satisfied: {satisfied}",
    ),
    "next": ("；下一环节：{step}，应于{day}前办理", "; next: {step} by {day}"),
    "closed_state": ("已办结", "closed"),
    "refused": ("未采纳", "refused"),
    "open": ("办理中", "open"),
    "overdue": (
        "  共{count}项议题；截至{day}逾期：{late}项",
        "  {count} matters; overdue on {day}: {late}",
    ),
    "late_step": (
        "    {matter}：“{step}”环节应于{day}前办理",
        "    {matter}: step {step} due by {day}",
    ),
}
"""This module's headings and sentences, in Chinese and in English."""


def followed_matter(book: Deliberations) -> Matter:
    """The matter the demo follows: the first decided by a vote, else the first closed, else
    the first proposed (the book holds at least one matter)."""
    matters = book.matters()
    voted = {result.vote_id for result in book.results()}
    for matter in matters:
        if any(step.vote_id in voted for step in book.history(matter.id)):
            return matter
    closed = [m for m in matters if book.closure(m.id) is not None]
    return (closed or list(matters))[0]


def _who(tree: OrgTree, person_id: str, lang: str) -> str:
    try:
        return named(tree.person(person_id).name, person_id, lang)
    except UnknownRecordError:
        return person_id


def _steps(procedure: Procedure, codes: Iterable[str], lang: str) -> str:
    """Step codes as their Chinese names under ``zh``, as codes (Chinese in brackets) under
    ``en``."""
    labels = {step.code: step.label_zh or step.code for step in procedure.steps}
    names = [term(labels.get(code, code), code, lang) for code in codes]
    return ("、" if lang == "zh" else ", ").join(names) or "-"


def governance_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """One matter's steps, vote, publications, closure and state; the overdue steps."""
    book = ctx.deliberations
    if book is None or not book.matters():
        return []
    tree, matter = ctx.tree, followed_matter(book)
    procedure = book.procedures[matter.procedure]
    rows = [
        [
            _steps(procedure, [event.step], lang),
            _who(tree, event.actor_id, lang),
            day_text(local_day(event.at), lang),
            term(event.decision.label_zh, event.decision.value, lang),
            "、".join(event.references) or "-",
        ]
        for event in book.history(matter.id)
    ]
    lines = [
        *heading(say(_TEXT, "title", lang, matter=named(matter.title, matter.id, lang))),
        say(
            _TEXT,
            "proposed",
            lang,
            procedure=term(procedure.label_zh or procedure.code, procedure.code, lang),
            who=_who(tree, matter.proposer_id, lang),
            day=day_text(local_day(matter.proposed_at), lang),
        ),
        *table(
            [
                ["环节", "办理人", "日期", "决定", "依据"],
                ["step", "by", "on", "decision", "minutes"],
            ],
            rows,
            lang=lang,
        ),
    ]
    for event in book.history(matter.id):
        if event.vote_id is not None:
            vote, result = book.vote(event.vote_id)
            lines += note(
                say(
                    _TEXT,
                    "vote",
                    lang,
                    vote=vote.id,
                    area=result.turnout_area,
                    number=result.turnout_number,
                    yes_area=result.approval_area,
                    yes_number=result.approval_number,
                    outcome=say(_TEXT, "passed" if result.passed else "not_passed", lang),
                )
            )
    for publication in book.publications(matter.id):
        rule = procedure.publication(publication.what)
        label = rule.label_zh if rule is not None and rule.label_zh else "公开"
        lines.append(
            say(
                _TEXT,
                "published",
                lang,
                what=term(label, publication.what, lang),
                where=publication.where,
                period=period_text(publication.period, lang),
            )
        )
    closure = book.closure(matter.id)
    if closure is not None:
        lines.append(
            say(
                _TEXT,
                "closed",
                lang,
                day=day_text(local_day(closure.at), lang),
                who=_who(tree, closure.actor_id, lang),
                outcome=closure.outcome or "-",
            )
        )
    for review in book.reviews(matter.id):
        day = day_text(local_day(review.at), lang)
        lines.append(say(_TEXT, "reviewed", lang, day=day, note=review.note or "-"))
    state = book.state(matter.id, _day_end(ctx))
    status = "closed_state" if state.closed else "refused" if state.rejected else "open"
    following = ""
    if state.due:
        following = say(
            _TEXT,
            "next",
            lang,
            step=_steps(procedure, [state.due_step or ""], lang),
            day=day_text(state.due, lang),
        )
    lines += note(
        say(
            _TEXT,
            "state",
            lang,
            day=day_text(ctx.on, lang),
            status=say(_TEXT, status, lang),
            taken=_steps(procedure, state.taken, lang),
            next=following,
            satisfied=book.satisfaction(matter.id),
        )
    )
    late = book.overdue(ctx.on)
    count = len(book.matters())
    lines.append(
        say(_TEXT, "overdue", lang, count=count, day=day_text(ctx.on, lang), late=len(late))
    )
    for step in late:
        title = named(book.matter(step.matter_id).title, step.matter_id, lang)
        name = term(step.label_zh or step.step, step.step, lang)
        lines.append(
            say(_TEXT, "late_step", lang, matter=title, step=name, day=day_text(step.due, lang))
        )
    return lines


def _day_end(ctx: DatasetContext) -> str:
    """The last instant of the demo day, Beijing time."""
    return f"{ctx.on.isoformat()}T23:59:59+08:00"
