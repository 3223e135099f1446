"""The register writer against the tree in memory, command by command (valid and invalid):
every command goes to a tree alone and, through :class:`RegisterWriter`, to a store; both
accept or refuse alike, and after every step the tree built from the store equals both. The
machine runs on SQLite, and on PostgreSQL when NBPB_TEST_POSTGRES_URL names a server."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from ledger_world import COMMUNITY

from neighborhood_pb import NeighborhoodPBError, Period
from neighborhood_pb.dataset.build import build_tree
from neighborhood_pb.io.store import RegisterWriter, Store, StoreConflictError
from neighborhood_pb.io.store.load import read_dataset
from neighborhood_pb.structure import Membership, MembershipKind, Report, ReportChannel

POSTGRES_URL = os.environ.get("NBPB_TEST_POSTGRES_URL", "")
STRUCTURE = COMMUNITY.structure
PEOPLE = st.sampled_from([*sorted({m.person_id for m in STRUCTURE.memberships}), "nobody"])
ORGS = st.sampled_from(sorted({m.org_id for m in STRUCTURE.memberships}))
PLACES = st.sampled_from(
    [*sorted({(r.community_id, r.grid_id) for r in STRUCTURE.reports}), ("nowhere", None)]
)
DAYS = st.sampled_from(["2019-03-01", "2025-08-01", "2026-11-02", "2026-12-01", "2027-01-01"])
NEW_IDS = st.integers(0, 5).map(str)


def _outcome(command: Callable[[], Any]) -> Any:
    try:
        return command()
    except NeighborhoodPBError as exc:
        return exc


class RegisterMachine(RuleBasedStateMachine):
    """A tree alone, and a writer's tree over a store, given the same commands."""

    url = "sqlite://"

    def __init__(self) -> None:
        super().__init__()
        self.tree = build_tree(COMMUNITY)
        self.store = Store(self.url)
        self.store.save(COMMUNITY)
        # the ledger guard is tested on its own (test_store_guard.py): here the writer must
        # accept exactly what the tree alone accepts
        self.writer = RegisterWriter(self.store, self.stored_tree(), allow_broken_ledger=True)

    def stored_tree(self) -> Any:
        """The tree built from the store's tables (the ledger, which a register change may
        leave invalid, is not rebuilt)."""
        with self.store.reading() as connection:
            dataset, _ = read_dataset(connection)
        return build_tree(dataset)

    def _both(self, alone: Callable[[], Any], written: Callable[[], Any]) -> None:
        expected, got = _outcome(alone), _outcome(written)
        event("refused" if isinstance(expected, Exception) else "accepted")
        assert not isinstance(got, StoreConflictError), got
        if isinstance(expected, Exception):
            assert type(got) is type(expected), got
            assert str(got) == str(expected)
        else:
            assert got == expected

    def _ids(self, records: tuple[Any, ...], new: str, prefix: str) -> str:
        return records[int(new) % len(records)].id if new in "01" else f"{prefix}-{new}"

    @rule(new=NEW_IDS, person=PEOPLE, org=ORGS, start=DAYS, participant=st.booleans())
    def add_membership(
        self, new: str, person: str, org: str, start: str, participant: bool
    ) -> None:
        kind = MembershipKind.COMPOUND_STYLE if participant else MembershipKind.FORMAL
        record = Membership(
            id=self._ids(STRUCTURE.memberships, new, "M"),
            person_id=person,
            org_id=org,
            period=Period(start=start),
            kind=kind,
        )

        def alone() -> Membership:
            self.tree.add_membership(record)
            return record

        self._both(alone, lambda: self.writer.add_membership(record))

    @rule(new=NEW_IDS, person=PEOPLE, place=PLACES, start=DAYS)
    def add_report(self, new: str, person: str, place: tuple[str, str | None], start: str) -> None:
        record = Report(
            id=self._ids(STRUCTURE.reports, new, "R"),
            person_id=person,
            community_id=place[0],
            grid_id=place[1],
            period=Period(start=start),
            channels=frozenset({ReportChannel.ONLINE}),
        )

        def alone() -> Report:
            self.tree.add_report(record)
            return record

        self._both(alone, lambda: self.writer.add_report(record))

    @rule(which=st.integers(0, 40), on=DAYS, reason=st.sampled_from([None, "transfer"]))
    def end_membership(self, which: int, on: str, reason: str | None) -> None:
        records = self.tree.records().memberships
        member_id = records[which % len(records)].id if which < 35 else "nothing"
        self._both(
            lambda: self.tree.end_membership(member_id, on, reason),
            lambda: self.writer.end_membership(member_id, on, reason),
        )

    @rule(which=st.integers(0, 40), new=NEW_IDS, org=ORGS, on=DAYS)
    def transfer(self, which: int, new: str, org: str, on: str) -> None:
        records = self.tree.records().memberships
        member_id = records[which % len(records)].id if which < 35 else "nothing"
        new_id = self._ids(STRUCTURE.memberships, new, "M")
        self._both(
            lambda: self.tree.transfer(member_id, new_id, org, on),
            lambda: self.writer.transfer(member_id, new_id, org, on),
        )

    @rule(which=st.integers(0, 12), on=DAYS)
    def end_report(self, which: int, on: str) -> None:
        records = self.tree.records().reports
        report_id = records[which % len(records)].id if which < 10 else "nothing"
        self._both(
            lambda: self.tree.end_report(report_id, on),
            lambda: self.writer.end_report(report_id, on),
        )

    @invariant()
    def the_store_holds_what_the_tree_holds(self) -> None:
        expected = self.tree.records()
        assert self.writer.tree.records() == expected
        assert self.stored_tree().records() == expected

    def teardown(self) -> None:
        self.store.close()


class PostgresRegisterMachine(RegisterMachine):
    """The same machine over the PostgreSQL test server (its tables replaced by each save)."""

    url = POSTGRES_URL


RegisterMachine.TestCase.settings = settings(
    RegisterMachine.TestCase.settings, max_examples=20, stateful_step_count=10
)
PostgresRegisterMachine.TestCase.settings = settings(
    PostgresRegisterMachine.TestCase.settings, max_examples=10, stateful_step_count=10
)
TestRegisterMachine = RegisterMachine.TestCase


@pytest.mark.parametrize("dialect", ["postgresql"])
def test_the_register_machine_on_postgresql(dialect: str) -> None:
    """Run the machine on the server (named ``[postgresql]`` so that CI counts it)."""
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL store tests need NBPB_TEST_POSTGRES_URL")
    PostgresRegisterMachine.TestCase().runTest()
