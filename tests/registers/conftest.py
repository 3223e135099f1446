"""Register workbooks for the tests: the street sample exported, and a way to alter it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from neighborhood_pb.dataset import Dataset
from neighborhood_pb.io.registers import export_registers
from neighborhood_pb.samples import load_sample

Alter = Callable[[Callable[[openpyxl.Workbook], None]], Path]


@pytest.fixture(scope="session")
def street() -> Dataset:
    return load_sample("street")


@pytest.fixture
def street_xlsx(tmp_path: Path, street: Dataset) -> Path:
    return export_registers(street, tmp_path / "street.xlsx")


@pytest.fixture
def altered(tmp_path: Path, street_xlsx: Path) -> Alter:
    """A copy of the street workbook changed by a function of an openpyxl workbook."""

    def alter(change: Callable[[openpyxl.Workbook], None]) -> Path:
        book = openpyxl.load_workbook(street_xlsx)
        change(book)
        out = tmp_path / "altered.xlsx"
        book.save(out)
        return out

    return alter
