"""``nbpb store save DATASET.json URL`` and ``nbpb store dump URL OUT.json``: a dataset into a
database (SQLite or PostgreSQL) and back.

``save`` replaces what the database held, in one transaction; ``dump`` writes the stored
dataset as JSON with personal data whole (a dump after a save gives back the same document,
as ``dumps_dataset(..., redact_personal=False)`` writes it). Exit status: 0 when done, 2 with
one line on standard error when the file or the database cannot be used, or when the
dataset's ledger entries do not all hold against its register (the ledger guard; ``save
--allow-broken-ledger`` writes it anyway, and ``nbpb validate URL`` lists the broken entries).
"""

from __future__ import annotations

import argparse
import sys

from neighborhood_pb.cli.command import (
    Subcommand,
    add_lang,
    add_quiet,
    error_text,
    fail,
    invalid_dataset,
    progress_of,
    reason_text,
    refusal,
)
from neighborhood_pb.cli.text import Wording, say
from neighborhood_pb.errors import NeighborhoodPBError, StructuringError
from neighborhood_pb.io.json import load_dataset
from neighborhood_pb.io.store.names import shown_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from neighborhood_pb.io.store.store import Store

__all__ = ["COMMAND", "run"]


_HELP: Wording = {
    "command": (
        "把数据集存入数据库（SQLite、PostgreSQL），或从数据库导出为 JSON",
        "save a dataset into a database (SQLite, PostgreSQL) or dump it back as JSON",
    ),
    "action": ("操作", "the action"),
    "save": ("把数据文件存入数据库", "save a dataset file into a database"),
    "dataset": ("数据集文件（JSON）", "a dataset document (JSON)"),
    "url": (
        "sqlite:///FILE 或 postgresql://USER@HOST/DB",
        "sqlite:///FILE or postgresql://USER@HOST/DB",
    ),
    "broken": (
        "保存积分台账并非全部与其登记相符的数据集（nbpb validate URL 列出这些条目）；默认拒绝"
        "这样的数据集",
        "save a dataset whose ledger entries do not all hold against its register (nbpb"
        " validate URL lists them); by default such a dataset is refused",
    ),
    "dump": ("把数据库中的数据集写成 JSON", "write the dataset a database holds as JSON"),
    "out": ("要写入的文件（- 为标准输出）", "the file to write (- for standard output)"),
}
"""The subcommand's help, in Chinese and in English."""


def _add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, help=say(_HELP, "action", lang)
    )
    save = actions.add_parser(
        "save", help=say(_HELP, "save", lang), formatter_class=parser.formatter_class
    )
    save.add_argument("dataset", metavar="DATASET.json", help=say(_HELP, "dataset", lang))
    save.add_argument("url", metavar="URL", help=say(_HELP, "url", lang))
    save.add_argument("--allow-broken-ledger", action="store_true", help=say(_HELP, "broken", lang))
    dump = actions.add_parser(
        "dump", help=say(_HELP, "dump", lang), formatter_class=parser.formatter_class
    )
    dump.add_argument("url", metavar="URL", help=say(_HELP, "url", lang))
    dump.add_argument("out", metavar="OUT.json", help=say(_HELP, "out", lang))
    for action in (save, dump):  # the global options after the action too
        add_lang(action, lang, default=None)
        add_quiet(action, lang, top=False)


_TEXT: Wording = {
    "saved": ("{path} → {url}：{title}", "{path} → {url}: {title}"),
    "not_saved": ("{path} → {url}：未保存：{why}", "{path} → {url}: not saved: {why}"),
}
"""This module's sentences, in Chinese and in English."""


def run(args: argparse.Namespace) -> int:
    """Save or dump; see the module's docstring for the exit status."""
    from neighborhood_pb.io.store.store import Store

    command, url = f"store {args.action}", args.url
    try:
        store = Store(url)
    except NeighborhoodPBError as exc:
        return fail(command, invalid_dataset(shown_url(url), exc, args.lang))
    with store:
        if args.action == "save":
            return _save(command, store, args.dataset, args)
        return _dump(command, store, args.out, args)


def _save(command: str, store: Store, path: str, args: argparse.Namespace) -> int:
    lang: str = args.lang
    try:
        dataset = load_dataset(path)
    except OSError as exc:
        reason = reason_text(exc, lang)
        return fail(command, refusal("cannot_read", lang, path=path, reason=reason))
    except StructuringError as exc:
        return fail(command, invalid_dataset(path, exc, lang))
    try:
        store.save(
            dataset, allow_broken_ledger=args.allow_broken_ledger, progress=progress_of(args)
        )
    except NeighborhoodPBError as exc:  # the ledger guard, a lock, a refused write
        url = shown_url(str(store.url))
        return fail(
            command, say(_TEXT, "not_saved", lang, path=path, url=url, why=error_text(exc, lang))
        )
    print(say(_TEXT, "saved", lang, path=path, url=shown_url(str(store.url)), title=dataset.title))
    return 0


def _dump(command: str, store: Store, out: str, args: argparse.Namespace) -> int:
    lang: str = args.lang
    try:
        text = store.dump(progress=progress_of(args))
    except NeighborhoodPBError as exc:
        return fail(command, invalid_dataset(shown_url(str(store.url)), exc, lang))
    if out == "-":
        sys.stdout.write(text)
        return 0
    try:
        with open(out, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as exc:
        reason = reason_text(exc, lang)
        return fail(command, refusal("cannot_write", lang, path=out, reason=reason))
    return 0


COMMAND = Subcommand(
    name="store",
    help=_HELP["command"],
    add_arguments=_add_arguments,
    run=run,
)
