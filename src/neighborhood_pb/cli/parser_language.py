"""The language of ``nbpb``'s own parsing: ``--help``, usage lines and usage errors.

argparse writes its words ("usage:", "options", "invalid choice", …) through the gettext
functions it imported, ``_`` and ``ngettext``. :func:`argparse_in` hands it a
:class:`gettext.NullTranslations` holding the Chinese of those words for as long as the
parser is built and run, so that under ``zh`` nothing argparse prints is English. The
language is read from the command line before the parser is built (:func:`language_of`),
since help is printed while parsing.
"""

from __future__ import annotations

import argparse
import gettext
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from neighborhood_pb.cli.text import wrap

__all__ = ["ARGPARSE_ZH", "ArgparseChinese", "WideHelpFormatter", "argparse_in", "language_of"]

ARGPARSE_ZH: Mapping[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 须给出其一",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项值：%(value)r（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "未知的子命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项有歧义：%(option)s 可指 %(matches)s"
    ),
    "unexpected option string: %s": "意外的选项：%s",
    "ignored explicit argument %r": "多余的参数值 %r",
    "expected one argument": "须给出一个值",
    "expected at most one argument": "至多给出一个值",
    "expected at least one argument": "至少给出一个值",
    "expected %s argument": "须给出 %s 个值",
    "expected %s arguments": "须给出 %s 个值",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
}
"""argparse's words a user can meet (help, usage and usage errors), in Chinese; the
placeholders are argparse's own, so each sentence is filled as the English one is."""


class ArgparseChinese(gettext.NullTranslations):
    """argparse's words in Chinese (argparse 中文): :data:`ARGPARSE_ZH`; any other message
    (a defect of a parser's definition, never shown to a user) stays English."""

    def gettext(self, message: str) -> str:
        """``message`` in Chinese where :data:`ARGPARSE_ZH` has it."""
        return ARGPARSE_ZH.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The singular or plural message in Chinese (Chinese has one form for both)."""
        return self.gettext(msgid1 if n == 1 else msgid2)


_LANG = "--lang"
_LANG_SHORTEST = "--l"
"""The shortest abbreviation of ``--lang`` argparse may take (where a subcommand has no other
option starting so; where it has, argparse refuses it as ambiguous, in that language)."""

_GETTEXT_NAMES = ("_", "ngettext")
"""The gettext functions argparse imported under these names, through which it translates."""


_ARGPARSE = threading.Lock()
"""Held by :func:`argparse_in`: argparse's words are module-wide, so one ``nbpb`` parses at a
time in a process, and a parse in one language never sees the other's words."""


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """Within the block, argparse speaks ``lang``: Chinese under ``zh`` (see
    :class:`ArgparseChinese`), its own English otherwise; argparse's functions are restored
    when the block ends, however it ends. Blocks in other threads wait for this one to end
    (another program's parser in the same process parsing meanwhile would speak ``lang``
    too)."""
    with _ARGPARSE:
        if lang != "zh":
            yield
            return
        chinese = ArgparseChinese()
        saved = {name: getattr(argparse, name) for name in _GETTEXT_NAMES}
        pairs = zip(_GETTEXT_NAMES, (chinese.gettext, chinese.ngettext), strict=True)
        for name, function in pairs:
            setattr(argparse, name, function)
        try:
            yield
        finally:
            for name, function in saved.items():
                setattr(argparse, name, function)


def language_of(argv: Sequence[str], languages: Sequence[str], default: str) -> str:
    """The language the command line asks for with ``--lang X`` or ``--lang=X`` (or an
    abbreviation argparse takes, ``--la X``), before or after the subcommand (the last one
    given, as argparse takes it), else ``default``; a language not in ``languages`` gives
    ``default`` (argparse then refuses it, in ``default``). Nothing after ``--`` is an
    option."""
    found = default
    for index, token in enumerate(argv):
        if token == "--":
            break
        option, equals, given = token.partition("=")
        if len(option) < len(_LANG_SHORTEST) or not _LANG.startswith(option):
            continue
        value: str | None = given if equals else None
        if not equals and index + 1 < len(argv):
            value = argv[index + 1]
        if value is not None:
            found = value if value in languages else default
    return found


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, its text wrapped by display width (see
    :func:`~neighborhood_pb.cli.text.wrap`): a Chinese character takes two columns, where
    argparse counts characters, and a run of Chinese wider than the line is cut between two
    characters instead of overflowing it."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [line.strip() for line in wrap(" ".join(text.split()), width)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = wrap(" ".join(text.split()), width - len(indent))
        return "\n".join(indent + line.strip() for line in lines)
