"""``nbpb demo``'s deliberation section (议事): one matter followed through every step with
its audit trail (who, when, what was decided, on which minutes), its vote, publications,
closure and review, and where it stands on the demo day; then what is overdue."""

from __future__ import annotations

from neighborhood_pb.cli.text import WIDTH, day_text, heading, period_text, table, wrap
from neighborhood_pb.dataset import DatasetContext
from neighborhood_pb.errors import UnknownRecordError
from neighborhood_pb.governance.deliberations import Deliberations
from neighborhood_pb.governance.matters import Matter, local_day
from neighborhood_pb.structure.tree import OrgTree

__all__ = ["followed_matter", "governance_section"]


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


def _who(tree: OrgTree, person_id: str) -> str:
    try:
        return f"{tree.person(person_id).name} ({person_id})"
    except UnknownRecordError:
        return person_id


def _paragraph(text: str) -> list[str]:
    lines = wrap(text, WIDTH, indent=4, first=2)
    return ["  " + lines[0], *lines[1:]]


def governance_section(ctx: DatasetContext, lang: str = "en") -> list[str]:
    """One matter's steps, vote, publications, closure and state; the overdue steps."""
    book = ctx.deliberations
    if book is None or not book.matters():
        return []
    tree, matter = ctx.tree, followed_matter(book)
    procedure = book.procedures[matter.procedure]
    labels = {step.code: step.label_zh or step.code for step in procedure.steps}
    rows = [
        [
            labels[event.step],
            _who(tree, event.actor_id),
            day_text(local_day(event.at), lang),
            event.decision.label_zh,
            "、".join(event.references) or "-",
        ]
        for event in book.history(matter.id)
    ]
    lines = [
        *heading("议事", f"Deliberation: {matter.title} ({matter.id})"),
        f"  {procedure.label_zh or procedure.code} ({procedure.code}); proposed by "
        f"{_who(tree, matter.proposer_id)} on {day_text(local_day(matter.proposed_at), lang)}",
        *table(
            [
                ["环节", "办理人", "日期", "决定", "依据"],
                ["step", "by", "on", "decision", "minutes"],
            ],
            rows,
        ),
    ]
    for event in book.history(matter.id):
        if event.vote_id is not None:
            vote, result = book.vote(event.vote_id)
            lines += _paragraph(
                f"业主大会表决 vote {vote.id}: turnout {result.turnout_area} of the area, "
                f"{result.turnout_number} of the owners; in favour {result.approval_area} and "
                f"{result.approval_number}; {'passed' if result.passed else 'not passed'}"
            )
    for publication in book.publications(matter.id):
        lines.append(
            f"  公开 {publication.what}: {publication.where}, "
            f"{period_text(publication.period, lang)}"
        )
    closure = book.closure(matter.id)
    if closure is not None:
        lines.append(
            f"  办结 closed on {day_text(local_day(closure.at), lang)} "
            f"by {_who(tree, closure.actor_id)}: "
            f"{closure.outcome or '-'}"
        )
    for review in book.reviews(matter.id):
        lines.append(
            f"  回头看 reviewed on {day_text(local_day(review.at), lang)}: {review.note or '-'}"
        )
    state = book.state(matter.id, _day_end(ctx))
    status = "closed" if state.closed else "refused" if state.rejected else "open"
    lines += _paragraph(
        f"As of {day_text(ctx.on, lang)}: {status}; steps taken: {', '.join(state.taken) or '-'}"
        + (f"; next: {state.due_step} by {day_text(state.due, lang)}" if state.due else "")
        + f"; residents satisfied: {book.satisfaction(matter.id)}"
    )
    late = book.overdue(ctx.on)
    lines.append(
        f"  {len(book.matters())} matters; overdue on {day_text(ctx.on, lang)}: {len(late)}"
    )
    for step in late:
        lines.append(
            f"    {book.matter(step.matter_id).title} ({step.matter_id}): "
            f"{step.label_zh or step.step} due by {day_text(step.due, lang)}"
        )
    return lines


def _day_end(ctx: DatasetContext) -> str:
    """The last instant of the demo day, Beijing time."""
    return f"{ctx.on.isoformat()}T23:59:59+08:00"
