"""How serious a finding is (严重程度)."""

from __future__ import annotations

import enum

__all__ = ["Severity"]


class Severity(enum.Enum):
    """How serious a finding is; ``ERROR`` findings make ``nbpb validate`` fail."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for sorting: errors first."""
        return {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}[self]

    @property
    def label_zh(self) -> str:
        """Chinese label (错误、警告、提示)."""
        return {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}[self]

    @property
    def label_en(self) -> str:
        """English label."""
        return self.value
