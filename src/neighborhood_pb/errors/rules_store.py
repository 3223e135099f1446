"""Rules of the database store (数据库存储): versions, connections, rows and writes."""

from __future__ import annotations

from neighborhood_pb.errors.source import LIBRARY_DEFAULT
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_ROW = frozenset({"table", "row", "detail"})
_PLAIN = frozenset({"detail"})

SPECS: tuple[RuleSpec, ...] = (
    RuleSpec(
        code="store.url",
        source=LIBRARY_DEFAULT,
        params=_PLAIN,
        zh="数据库地址不受支持：{detail}",
        en="the database URL is not supported: {detail}",
    ),
    RuleSpec(
        code="store.unavailable",
        source=LIBRARY_DEFAULT,
        params=_PLAIN,
        zh="无法连接数据库：{detail}",
        en="the database cannot be reached: {detail}",
    ),
    RuleSpec(
        code="store.locked",
        source=LIBRARY_DEFAULT,
        params=_PLAIN,
        zh="数据库被其他程序锁定：{detail}",
        en="the database is locked by another program: {detail}",
    ),
    RuleSpec(
        code="store.corrupt",
        source=LIBRARY_DEFAULT,
        params=_PLAIN,
        zh="数据库文件已损坏或不是数据库：{detail}",
        en="the database file is corrupt or not a database: {detail}",
    ),
    RuleSpec(
        code="store.version",
        source=LIBRARY_DEFAULT,
        params=frozenset({"detail", "version", "known"}),
        zh="数据库结构版本为{version}，由较新的neighborhood_pb写入；本版本只能读取{known}及以下版本",
        en="the database's schema version is not supported: {detail}",
    ),
    RuleSpec(
        code="store.empty",
        source=LIBRARY_DEFAULT,
        params=_PLAIN,
        zh="数据库中没有数据集：尚未保存过任何数据集",
        en="the database holds no dataset: {detail}",
    ),
    RuleSpec(
        code="store.row",
        source=LIBRARY_DEFAULT,
        params=_ROW,
        zh="数据表{table}第{row}行无效：{detail}",
        en="table {table}, row {row} is invalid: {detail}",
    ),
    RuleSpec(
        code="store.key_taken",
        source=LIBRARY_DEFAULT,
        params=_ROW,
        zh="数据表{table}中幂等键{row}已被其他写入占用：{detail}",
        en="table {table}: the idempotency key {row} was taken by another writer: {detail}",
    ),
    RuleSpec(
        code="store.ledger_not_stored",
        source=LIBRARY_DEFAULT,
        params=_ROW,
        zh="数据表{table}：账本的最后一条记录{row}不是库中同一位置的记录（{detail}），请从数据库重新构建账本",
        en="table {table}: the ledger's last entry {row} is not the row stored at its position "
        "({detail}); rebuild the ledger from the store",
    ),
    RuleSpec(
        code="store.stale",
        source=LIBRARY_DEFAULT,
        params=_ROW,
        zh="数据表{table}中的{row}已被其他写入更改：{detail}",
        en="table {table}: {row} was changed by another writer: {detail}",
    ),
    RuleSpec(
        code="store.ledger_broken",
        source=LIBRARY_DEFAULT,
        params=frozenset({"detail", "count", "entry", "broken"}),
        zh="{count}条台账记录将与名册不符（首条{entry}，违反{broken}），未写入任何内容；"
        "nbpb validate 可逐条列出",
        en="nothing was written: {count} ledger entries would not hold against the register "
        "(the first, {entry}, breaks {broken}); nbpb validate lists them",
    ),
    RuleSpec(
        code="store.write",
        source=LIBRARY_DEFAULT,
        params=_ROW,
        zh="数据库拒绝写入数据表{table}（{row}）：{detail}",
        en="the database refused the write to table {table} ({row}): {detail}",
    ),
)
"""The store's rules."""
