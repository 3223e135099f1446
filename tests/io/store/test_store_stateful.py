"""The ledger's stateful test once more, with the store under it: after every step, a reader
that follows the store holds the ledger in memory; at the end of each run, the ledger loaded
afresh from the database equals it too."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis.stateful import invariant

sys.path.insert(0, str(Path(__file__).parents[2] / "points"))

from test_points_stateful import WORLD, LedgerMachine

from neighborhood_pb.io.store import LedgerWriter, Store
from neighborhood_pb.points import AUTO_APPROVAL_SUFFIX


class StoredLedgerMachine(LedgerMachine):
    """Every entry the ledger accepts is appended to a store; the store reloads equal."""

    def __init__(self) -> None:
        super().__init__()
        self.store = Store("sqlite://")
        self.store.migrate()
        self.writer = LedgerWriter(self.store, WORLD.ledger(), seen=0)
        self.reader = LedgerWriter(self.store, WORLD.ledger(), seen=0)
        self.written = 0

    def _equals_the_one_in_memory(self, stored: LedgerWriter) -> None:
        assert stored.ledger.entries() == self.ledger.entries()
        assert stored.ledger.standings.snapshot() == self.ledger.standings.snapshot()

    @invariant()
    def a_reader_following_the_store_holds_the_ledger_in_memory(self) -> None:
        if not self._new_since("store"):
            return
        submitted = [
            entry for entry in self.ledger.entries() if not entry.key.endswith(AUTO_APPROVAL_SUFFIX)
        ]
        for entry in submitted[self.written :]:
            self.writer.append(entry)
        self.written = len(submitted)
        self.reader.sync()  # reads only the rows stored since its last step
        self._equals_the_one_in_memory(self.reader)

    def teardown(self) -> None:
        try:
            fresh = LedgerWriter(self.store, WORLD.ledger(), seen=0)
            fresh.sync()  # the whole ledger loaded afresh, once per run
            self._equals_the_one_in_memory(fresh)
        finally:
            self.store.close()


TestStoredLedgerMachine = StoredLedgerMachine.TestCase
