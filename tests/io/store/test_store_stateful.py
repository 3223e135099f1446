"""The ledger's stateful test once more, with the store under it: after every step, the
ledger loaded from the database equals the one in memory."""

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
        self.written = 0

    @invariant()
    def the_stored_ledger_equals_the_one_in_memory(self) -> None:
        submitted = [
            entry for entry in self.ledger.entries() if not entry.key.endswith(AUTO_APPROVAL_SUFFIX)
        ]
        for entry in submitted[self.written :]:
            self.writer.append(entry)
        self.written = len(submitted)
        fresh = LedgerWriter(self.store, WORLD.ledger(), seen=0)
        fresh.sync()
        assert fresh.ledger.entries() == self.ledger.entries()
        assert fresh.ledger.standings.snapshot() == self.ledger.standings.snapshot()

    def teardown(self) -> None:
        self.store.close()


TestStoredLedgerMachine = StoredLedgerMachine.TestCase
