"""A stored community with a ledger, and new entries for it (for the ledger store tests)."""

from __future__ import annotations

from pathlib import Path

import attrs

from neighborhood_pb import Dataset, Period
from neighborhood_pb.io.json import load_dataset
from neighborhood_pb.io.store import LedgerWriter, Store
from neighborhood_pb.points import Approval, Claim, Entry

COMMUNITY = load_dataset(Path(__file__).parents[3] / "src/neighborhood_pb/samples/community.json")
CLAIM = next(e for e in COMMUNITY.points.entries if isinstance(e, Claim))
APPROVAL = next(
    e for e in COMMUNITY.points.entries if isinstance(e, Approval) and e.claim_key == CLAIM.key
)


def claim(key: str) -> Claim:
    """A new claim like the sample's first one, under ``key``."""
    return attrs.evolve(CLAIM, key=key)


def approval(claim_key: str) -> Approval:
    """An approval of the claim ``claim_key`` by the sample's reviewer."""
    return attrs.evolve(APPROVAL, key=f"{claim_key}/approval", claim_key=claim_key)


def writer(url: str) -> LedgerWriter:
    """A writer over the ledger built from the store at ``url``."""
    store = Store(url)
    ledger = store.build().ledger
    assert ledger is not None
    return LedgerWriter(store, ledger)


def append_many(url: str, prefix: str, count: int, shared: int) -> list[str]:
    """Append ``count`` claims with their approvals, and ``shared`` claims that another
    process appends too; returns the keys this process wrote or found."""
    pen = writer(url)
    keys = []
    for n in range(count):
        for entry in (claim(f"{prefix}/{n}"), approval(f"{prefix}/{n}")):
            keys.append(pen.append(entry).key)
    for n in range(shared):
        entry: Entry = claim(f"shared/{n}")
        keys.append(pen.append(entry).key)
    pen.store.close()
    return keys


REPORT = next(r for r in COMMUNITY.structure.reports if r.person_id == CLAIM.member_id)
REVOKED_ON = "2025-06-01"  # before the claim's service day: the claim loses its report


def revoked(dataset: Dataset) -> Dataset:
    """``dataset`` with the claimant's report ended before the claim's service day."""
    reports = tuple(
        attrs.evolve(r, period=Period(start=r.period.start, end=REVOKED_ON))
        if r.id == REPORT.id
        else r
        for r in dataset.structure.reports
    )
    return attrs.evolve(dataset, structure=attrs.evolve(dataset.structure, reports=reports))
