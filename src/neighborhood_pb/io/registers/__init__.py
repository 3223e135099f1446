"""Registers (台账): the monthly reconciliation of a dataset against this month's registers.

:func:`~neighborhood_pb.io.registers.reconcile.reconcile` compares last month's dataset with
a dataset read from this month's registers and returns a
:class:`~neighborhood_pb.io.registers.reconcile.Reconciliation` to preview and apply.
"""

from neighborhood_pb.io.registers.changes import Change, ChangeKind, RowSource
from neighborhood_pb.io.registers.reconcile import Reconciliation, reconcile

__all__ = ["Change", "ChangeKind", "Reconciliation", "RowSource", "reconcile"]
