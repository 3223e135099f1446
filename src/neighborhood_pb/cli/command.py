"""What every ``nbpb`` subcommand is, and the helpers they share."""

from __future__ import annotations

import argparse
import datetime as _dt
import errno
import functools
import sys
from collections.abc import Callable

import attrs

from neighborhood_pb.calendar.periods import check_domain_day, parse_date
from neighborhood_pb.cli.text import Wording, escape_controls, say
from neighborhood_pb.dataset import DatasetContext, LedgerMode, resolve_as_of
from neighborhood_pb.errors import InvalidRecordError, NeighborhoodPBError, StructuringError
from neighborhood_pb.errors.registry import error_text
from neighborhood_pb.io.json import load_dataset
from neighborhood_pb.io.progress import NO_PROGRESS, Progress, ProgressTask, terminal_progress
from neighborhood_pb.io.store.names import is_database_url, shown_url

__all__ = [
    "LANGUAGES",
    "Subcommand",
    "add_as_of",
    "add_lang",
    "add_quiet",
    "date_argument",
    "day_type",
    "error_text",
    "fail",
    "invalid_dataset",
    "progress_label",
    "progress_of",
    "read_dataset",
    "reason_text",
    "refusal",
    "write_lines",
]

LANGUAGES = ("zh", "en")
"""Languages ``nbpb`` speaks: Chinese (the default) and English."""

_REFUSALS: Wording = {
    "no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "is_directory": ("{path}：是目录，不是数据文件", "{path}: is a directory, not a dataset file"),
    "cannot_read": ("{path}：无法读取（{reason}）", "{path}: cannot read it ({reason})"),
    "cannot_read_parquet": (
        "{path}：无法作为 Parquet 读取（{reason}）",
        "{path}: cannot read it as Parquet ({reason})",
    ),
    "cannot_write": ("{path}：无法写入（{reason}）", "{path}: cannot write it ({reason})"),
    "cannot_write_in": (
        "{path}：无法写入（{reason}；所在目录 {folder}）",
        "{path}: cannot write it ({reason}; folder {folder})",
    ),
    "invalid_dataset": ("{path}：数据文件无效：{why}", "{path}: not a valid dataset: {why}"),
    "no_as_of": (
        "{path}：数据集没有数据日期（as_of），请用 --as-of DATE 给出",
        "{path}: the dataset has no as_of date; give the day with --as-of DATE",
    ),
    "tables_no_as_of": (
        "{path}：数据表没有数据日期（as_of），请用 --as-of DATE 给出",
        "{path}: the tables have no as_of date; give --as-of DATE",
    ),
    "compare_before": (
        "--compare {compare} 须早于统计日期 {day}",
        "--compare {compare} must come before the day {day}",
    ),
    "needs_out": (
        "--format {format} 须写入文件：请用 --out FILE 给出",
        "--format {format} writes a file: give --out FILE",
    ),
    "parquet_engine": (
        "{path}：Parquet 目录须用 --engine duckdb 或 spark 统计",
        "{path}: a Parquet directory is reported by --engine duckdb or spark",
    ),
    "needs_store": (
        "读取数据库须安装 store 扩展：pip install 'neighborhood_pb[store]'",
        "a database needs the store extra: pip install 'neighborhood_pb[store]'",
    ),
    "needs_pyarrow": (
        "Parquet 须安装 pyarrow：pip install 'neighborhood_pb[columnar]'",
        "Parquet needs pyarrow: install neighborhood_pb[columnar]",
    ),
    "needs_reports": (
        "HTML 须安装 reports 扩展：pip install 'neighborhood_pb[reports]'",
        "HTML needs the reports extra: pip install 'neighborhood_pb[reports]'",
    ),
    "needs_xlsxwriter": (
        "工作簿须安装 xlsxwriter：pip install 'neighborhood_pb[registers]'",
        "a workbook needs xlsxwriter: pip install 'neighborhood_pb[registers]'",
    ),
}
"""Why a subcommand cannot do its work, in Chinese and in English (see :func:`refusal`)."""


_OS_REASONS_ZH: dict[int, str] = {
    errno.ENOENT: "文件或目录不存在",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.EROFS: "文件系统只读",
    errno.ENOSPC: "磁盘空间不足",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名过长",
}
"""The system's usual reasons in Chinese, by error number (in English its own words)."""


def reason_text(exc: Exception, lang: str) -> str:
    """Why reading or writing failed, for a refusal's ``reason``: a refused record in
    ``lang``; a system error in the system's words, or under zh in Chinese when it is a
    usual one."""
    if isinstance(exc, NeighborhoodPBError):
        return error_text(exc, lang)
    if isinstance(exc, OSError):
        known = _OS_REASONS_ZH.get(exc.errno or 0) if lang == "zh" else None
        return known or exc.strerror or str(exc)
    return str(exc)


def refusal(key: str, lang: str, /, **fields: object) -> str:
    """The one-line reason ``key`` a subcommand gives up, in ``lang`` (``no_such_file``,
    ``cannot_read``, ``cannot_write``, ``no_as_of``, ``compare_before``, …)."""
    return say(_REFUSALS, key, lang, **fields)


@attrs.frozen(kw_only=True)
class Subcommand:
    """One ``nbpb`` subcommand.

    Attributes:
        name: What the user types (``demo``, ``validate``, …).
        help: One line for ``nbpb --help`` and the subcommand's own, in Chinese and in
            English.
        add_arguments: Declares the subcommand's arguments on its parser, their help in the
            language given (``zh`` or ``en``).
        run: Does the work; returns the exit status.
    """

    name: str
    help: tuple[str, str]
    add_arguments: Callable[[argparse.ArgumentParser, str], None]
    run: Callable[[argparse.Namespace], int]

    def help_in(self, lang: str) -> str:
        """The one line for ``nbpb --help`` in ``lang``."""
        zh, en = self.help
        return zh if lang == "zh" else en


_USAGE: Wording = {
    "not_a_date": ("{text!r} 不是日期（YYYY-MM-DD）", "{text!r} is not a date (YYYY-MM-DD)"),
    "as_of": (
        "按此日期{what}，YYYY-MM-DD（默认：数据集的数据日期 as_of）",
        "{what} as of this day, YYYY-MM-DD (default: the dataset's as_of date)",
    ),
    "lang": (
        "输出所用的语言：zh（中文，默认）或 en（英文）",
        "language of everything printed: zh (中文, the default) or en",
    ),
    "quiet": (
        "不在标准错误上显示进度（进度条本就只在终端上显示）",
        "show no progress on standard error (bars show only on a terminal anyway)",
    ),
}
"""The help of the options every subcommand shares, and the refusals of a bad day, in
Chinese and in English."""


def date_argument(text: str, lang: str = "zh") -> _dt.date:
    """Parse a command-line date (YYYY-MM-DD, in the years 1900-2200) for argparse, saying
    what is wrong in ``lang``."""
    try:
        day = parse_date(text)
    except NeighborhoodPBError:
        raise argparse.ArgumentTypeError(say(_USAGE, "not_a_date", lang, text=text)) from None
    try:
        check_domain_day(day, "the day")
    except NeighborhoodPBError as exc:
        raise argparse.ArgumentTypeError(error_text(exc, lang)) from None
    return day


def day_type(lang: str) -> Callable[[str], _dt.date]:
    """The argparse ``type`` of a day option whose refusals are in ``lang`` (see
    :func:`date_argument`)."""
    return functools.partial(date_argument, lang=lang)


def add_as_of(parser: argparse.ArgumentParser, lang: str, what: tuple[str, str]) -> None:
    """Add ``--as-of DATE`` (default: the dataset's own ``as_of``), its help in ``lang``
    naming ``what`` the subcommand does as of the day (in Chinese and in English)."""
    parser.add_argument(
        "--as-of",
        type=day_type(lang),
        metavar="DATE",
        help=say(_USAGE, "as_of", lang, what=what[0] if lang == "zh" else what[1]),
    )


def add_lang(parser: argparse.ArgumentParser, lang: str, *, default: str | None) -> None:
    """Add ``--lang {zh,en}``: the language of everything the command prints (its help in
    ``lang``).

    The top-level parser sets the default (``zh``); a subcommand's copy has none
    (``default=None`` leaves the top-level choice alone), so ``--lang`` works either side.
    """
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS if default is None else default,
        help=say(_USAGE, "lang", lang),
    )


def add_quiet(parser: argparse.ArgumentParser, lang: str, *, top: bool) -> None:
    """Add ``--quiet``: no progress bars on standard error (安静模式), its help in ``lang``.

    As for ``--lang``, the top-level parser sets the default and a subcommand's copy leaves
    it alone, so ``--quiet`` works either side of the subcommand.
    """
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=say(_USAGE, "quiet", lang),
    )


def progress_of(args: argparse.Namespace) -> Progress:
    """Bars on standard error for long work, unless it is not a terminal or ``--quiet``,
    labelled in the command's language (see :func:`progress_label`)."""
    shown = terminal_progress(sys.stderr, quiet=bool(getattr(args, "quiet", False)))
    if shown is NO_PROGRESS:
        return shown
    return _OneLanguage(inner=shown, lang=getattr(args, "lang", "zh"))


def progress_label(label: str, lang: str) -> str:
    """A progress label of the library (``读取 reading``: Chinese, a space, English) in
    ``lang``: the Chinese under ``zh``, the English under ``en``; a label of one word as it
    is."""
    chinese, space, english = label.rpartition(" ")
    if not space:
        return label
    return chinese if lang == "zh" else english


@attrs.frozen(kw_only=True)
class _OneLanguage:
    """Progress whose tasks are labelled in one language (see :func:`progress_label`)."""

    inner: Progress
    lang: str

    def task(self, label: str, total: int | None = None) -> ProgressTask:
        """The inner progress's task, its label in :attr:`lang`."""
        return self.inner.task(progress_label(label, self.lang), total)


def invalid_dataset(path: str, error: NeighborhoodPBError, lang: str) -> str:
    """``PATH: not a valid dataset: WHY`` in ``lang``."""
    why = error_text(error, lang) if lang == "zh" else str(error)
    return refusal("invalid_dataset", lang, path=path, why=why)


def read_dataset(
    command: str,
    path: str,
    on: _dt.date | None,
    lang: str,
    *,
    ledger: LedgerMode = "strict",
    progress: Progress = NO_PROGRESS,
) -> DatasetContext | int:
    """Read, build and date the dataset file ``path`` for ``nbpb COMMAND`` (the ledger loaded
    as ``ledger`` says, see :meth:`DatasetContext.build`; ``progress`` told of each stage).

    ``path`` may also be a database URL (``sqlite:///city.db``, ``postgresql://…``): the
    dataset saved there with ``nbpb store save`` is read instead.

    Returns:
        The built dataset as of ``on`` (else its ``as_of``), or, when the file cannot be used
        (missing, unreadable, not UTF-8, not JSON, not a valid dataset, no day), the exit
        status 2 after a one-line message on standard error.
    """
    if is_database_url(path):
        return read_stored_dataset(command, path, on, lang, ledger=ledger, progress=progress)
    task = progress.task("读取 reading", 2)
    try:
        return _read_file(command, path, on, lang, ledger, task)
    finally:
        task.close()


def _read_file(
    command: str, path: str, on: _dt.date | None, lang: str, ledger: LedgerMode, task: ProgressTask
) -> DatasetContext | int:
    try:
        dataset = load_dataset(path)
    except FileNotFoundError:
        return fail(command, refusal("no_such_file", lang, path=path))
    except IsADirectoryError:
        return fail(command, refusal("is_directory", lang, path=path))
    except OSError as exc:
        return fail(command, refusal("cannot_read", lang, path=path, reason=reason_text(exc, lang)))
    except StructuringError as exc:
        return fail(command, invalid_dataset(path, exc, lang))
    task.advance()
    try:
        day = resolve_as_of(dataset, on)
    except InvalidRecordError:
        return fail(command, refusal("no_as_of", lang, path=path))
    try:
        return DatasetContext.build(dataset, day, ledger=ledger)
    except NeighborhoodPBError as exc:  # DatasetRecordError names the record's path
        return fail(command, invalid_dataset(path, exc, lang))


def read_stored_dataset(
    command: str,
    url: str,
    on: _dt.date | None,
    lang: str,
    *,
    ledger: LedgerMode = "strict",
    progress: Progress = NO_PROGRESS,
) -> DatasetContext | int:
    """Read and build the dataset stored at the database ``url`` (see :func:`read_dataset`)."""
    try:
        from neighborhood_pb.io.store.store import Store
    except ImportError:  # pragma: no cover - the dev install has the store extra
        return fail(command, refusal("needs_store", lang))
    try:
        with Store(url) as store:
            return store.build(on, ledger=ledger, progress=progress)
    except InvalidRecordError:
        return fail(command, refusal("no_as_of", lang, path=shown_url(url)))
    except NeighborhoodPBError as exc:
        return fail(command, invalid_dataset(shown_url(url), exc, lang))


def fail(command: str, message: str) -> int:
    """Print ``nbpb COMMAND: MESSAGE`` on one line to standard error; return 2."""
    one_line = escape_controls(" ".join(message.split()))
    sys.stderr.write(f"nbpb {command}: {one_line}\n")
    return 2


def write_lines(lines: list[str]) -> None:
    """Write lines to standard output, control characters escaped (see ``escape_controls``)."""
    sys.stdout.write("".join(escape_controls(line) + "\n" for line in lines))
