"""Coverage metrics and reports (覆盖率统计)."""

__all__: list[str] = []
