"""Every OrgTree method taking a day accepts pendulum.Date, datetime.date and ISO strings."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from neighborhood_pb.dataset import build_tree
from neighborhood_pb.errors import InvalidRecordError
from neighborhood_pb.samples import load_sample
from neighborhood_pb.structure import OrgForm, OrgTree

COMMUNITY = load_sample("community")
DAY = pendulum.Date(2026, 11, 1)
FORMS = [DAY, dt.date(2026, 11, 1), "2026-11-01"]

QUERIES: dict[str, Callable[[OrgTree, Any], object]] = {
    "version_at": lambda t, on: t.version_at("QS-GC", on),
    "org": lambda t, on: t.org("QS-GC", on),
    "orgs": lambda t, on: tuple(t.orgs(on)),
    "roots": lambda t, on: t.roots(on),
    "children": lambda t, on: t.children("QS-WC", on),
    "ancestors": lambda t, on: t.ancestors("QS-LJ-G1", on),
    "descendants": lambda t, on: tuple(t.descendants("QS-WC", on)),
    "subtree": lambda t, on: tuple(t.subtree("QS-GC", on)),
    "counts_by_level": lambda t, on: t.counts_by_level(on),
    "counts_by_form": lambda t, on: t.counts_by_form(on, root="QS-GC"),
    "territories_covered": lambda t, on: t.territories_covered("QS-WC", on),
    "orgs_covering": lambda t, on: t.orgs_covering("QS-LJ", on, inherited=True),
    "coverages": lambda t, on: tuple(t.coverages(on)),
    "memberships": lambda t, on: t.memberships("QS-WC", on, kind=None, subtree=True),
    "full_member_count": lambda t, on: t.full_member_count("QS-WC", on),
    "formal_org_of": lambda t, on: t.formal_org_of("QS-P01", on),
    "reports_to": lambda t, on: t.reports_to("QS", on),
    "reported_members": lambda t, on: t.reported_members("QS-WC", on),
    "term_at": lambda t, on: t.term_at("QS-GC", on),
}

COMMANDS: dict[str, Callable[[OrgTree, Any], object]] = {
    "rename": lambda t, on: t.rename("QS-LJ-G1", "新名", on),
    "move": lambda t, on: t.move("QS-LJ-G1", "QS-LJ-B", on),
    "reform": lambda t, on: t.reform("QS-LJ-G1", OrgForm.PARTY_GROUP, on),
    "end_membership": lambda t, on: t.end_membership("QS-M001", on),
    "transfer": lambda t, on: t.transfer("QS-M001", "QS-M999", "QS-LJ-G1", on),
    "end_report": lambda t, on: t.end_report("QS-R001", on),
    "uncover": lambda t, on: t.uncover("QS-WC", "QS", on),
}


@pytest.fixture(scope="module")
def tree() -> OrgTree:
    return build_tree(COMMUNITY)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_accept_every_date_form(tree: OrgTree, name: str) -> None:
    query = QUERIES[name]
    answers = [query(tree, on) for on in FORMS]
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("name", sorted(QUERIES) + sorted(COMMANDS))
@pytest.mark.parametrize("bad", [20261101, dt.datetime(2026, 11, 1, tzinfo=dt.UTC), "1 Nov"])
def test_anything_else_is_refused_naming_the_argument(tree: OrgTree, name: str, bad: Any) -> None:
    call = QUERIES.get(name) or COMMANDS[name]
    before = tree.records()
    with pytest.raises(InvalidRecordError) as caught:
        call(tree, bad)
    assert caught.value.rule in {"time.explicit", "time.iso_date"}
    if not isinstance(bad, str):
        assert str(caught.value).startswith("on:")
    assert tree.records() == before


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_commands_accept_every_date_form(name: str) -> None:
    results = []
    for on in FORMS:
        fresh = build_tree(COMMUNITY)
        COMMANDS[name](fresh, on)
        results.append(fresh.records())
    assert results[0] == results[1] == results[2] != build_tree(COMMUNITY).records()


def test_lifetime_runs_from_founding_to_dissolution(tree: OrgTree) -> None:
    history = tree.history("QS-GC")
    lifetime = tree.lifetime("QS-GC")
    assert lifetime.start == history[0].period.start
    assert lifetime.end == history[-1].period.end
