"""The register row of each record read (台账行号), as the reconciliation names them.

:func:`row_sources` turns what :func:`~neighborhood_pb.io.registers.read_registers` kept
(the ``(sheet, row)`` of every record, section by section) into the ``sources`` mapping of
:func:`~neighborhood_pb.io.registers.reconcile`, so that a refused change names its row.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from neighborhood_pb.calendar.periods import Period, as_date
from neighborhood_pb.dataset.records import Dataset
from neighborhood_pb.io.registers.changes import RowSource

__all__ = ["row_sources"]


def row_sources(
    dataset: Dataset,
    origins: Mapping[str, tuple[tuple[str, int], ...]],
    on: _dt.date | str,
) -> dict[tuple[str, str], RowSource]:
    """The register row of every record of ``dataset``, by section and id.

    A record given on several rows (an organisation's versions) is named by the row of the
    version in effect ``on`` the effective day, else by its first row.

    Args:
        dataset: The dataset read from the registers.
        origins: The ``(sheet, row)`` of each record, section by section, in the order of
            the dataset's sections (:attr:`RegisterRead.origins`).
        on: The reconciliation's effective day.
    """
    day = as_date(on, "on")
    sources: dict[tuple[str, str], RowSource] = {}
    for section, rows in origins.items():
        owner = dataset.structure if hasattr(dataset.structure, section) else dataset.appointments
        records: tuple[object, ...] = getattr(owner, section, ())
        for record, (sheet, row) in zip(records, rows, strict=False):
            record_id = getattr(record, "id", None)
            if not isinstance(record_id, str):
                continue  # coverage has no id of its own
            key = (section, record_id)
            period = getattr(record, "period", None)
            current = isinstance(period, Period) and period.contains(day)
            if key not in sources or current:
                sources[key] = RowSource(sheet=sheet, row=row)
    return sources
