"""Points scoring for in-service party members (积分管理)."""

__all__: list[str] = []
