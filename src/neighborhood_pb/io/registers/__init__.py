"""Registers (台账): xlsx and CSV registers in, datasets out, and back, month by month.

:func:`read_registers` validates every row of every sheet, then builds a
:class:`~neighborhood_pb.dataset.Dataset`; :func:`export_registers` writes one back in the
same layout; :func:`write_template` writes a blank workbook. :func:`reconcile` compares last
month's dataset with one read from this month's registers and returns a
:class:`Reconciliation` to preview and apply. Reading needs python-calamine and writing
xlsxwriter (the ``registers`` extra); they load on first use.
"""

from __future__ import annotations

from neighborhood_pb.io.registers.build import RegisterRead, read_registers
from neighborhood_pb.io.registers.changes import Change, ChangeKind, RowSource
from neighborhood_pb.io.registers.export import export_registers, write_template
from neighborhood_pb.io.registers.layout import SHEETS, Column, Sheet
from neighborhood_pb.io.registers.reconcile import Reconciliation, reconcile

__all__ = [
    "SHEETS",
    "Change",
    "ChangeKind",
    "Column",
    "Reconciliation",
    "RegisterRead",
    "RowSource",
    "Sheet",
    "export_registers",
    "read_registers",
    "reconcile",
    "write_template",
]
