"""The ``nbpb`` command: ``demo [FILE]``, ``validate FILE``, ``report FILE``, ``calendar YEAR``,
``import REGISTER...``, ``export DATASET``, ``store``, ``synth``.

Each subcommand is a module holding a :class:`~neighborhood_pb.cli.command.Subcommand`
(``COMMAND``); :data:`SUBCOMMANDS` lists them in the order ``nbpb --help`` shows them.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence

from neighborhood_pb import __version__
from neighborhood_pb.cli import civic, demo, registers, report, store, synth, validate
from neighborhood_pb.cli.command import (
    LANGUAGES,
    Subcommand,
    add_lang,
    add_quiet,
    error_text,
    fail,
)
from neighborhood_pb.cli.parser_language import WideHelpFormatter, argparse_in, language_of
from neighborhood_pb.cli.text import Wording, say
from neighborhood_pb.errors import NeighborhoodPBError

__all__ = ["INTERNAL_ERROR", "SUBCOMMANDS", "Subcommand", "build_parser", "internal_error", "main"]

SUBCOMMANDS: tuple[Subcommand, ...] = (
    demo.COMMAND,
    validate.COMMAND,
    report.COMMAND,
    civic.COMMAND,
    registers.IMPORT,
    registers.EXPORT,
    store.COMMAND,
    synth.COMMAND,
)
"""Every subcommand, in the order of ``nbpb --help``."""


_HELP: Wording = {
    "description": (
        "近邻党建：组织树及其检查。",
        "Neighbourhood party building (近邻党建): organisation trees and their checks.",
    ),
    "version": ("显示版本号并退出", "show the version and exit"),
    "command": ("子命令", "the subcommand"),
}
"""The top level's help, in Chinese and in English."""


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The argument parser of ``nbpb`` with every subcommand, its help in ``lang``.

    argparse's own words (``usage:``, ``options``, …) follow ``lang`` when the parser is
    built and run inside :func:`~neighborhood_pb.cli.parser_language.argparse_in`, as
    :func:`main` does.
    """
    parser = argparse.ArgumentParser(
        prog="nbpb",
        description=say(_HELP, "description", lang),
        formatter_class=WideHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"nbpb {__version__}",
        help=say(_HELP, "version", lang),
    )
    add_lang(parser, lang, default="zh")
    add_quiet(parser, lang, top=True)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, help=say(_HELP, "command", lang)
    )
    for command in SUBCOMMANDS:
        summary = command.help_in(lang)
        sub = commands.add_parser(
            command.name, help=summary, description=summary, formatter_class=WideHelpFormatter
        )
        command.add_arguments(sub, lang)
        add_lang(sub, lang, default=None)
        add_quiet(sub, lang, top=False)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``nbpb`` with ``argv`` (default: the command line); returns the exit status.

    Everything is printed in the language ``--lang`` names anywhere on the command line
    (Chinese by default), the help and usage errors too.
    """
    for stream in (sys.stdout, sys.stderr):
        # Whatever the locale's error handler (strict, or surrogateescape under C.UTF-8), a
        # character the encoding cannot take is written as an escape, never a crash.
        if isinstance(stream, io.TextIOWrapper) and stream.errors != "backslashreplace":
            stream.reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:] if argv is None else list(argv)
    lang = language_of(arguments, LANGUAGES, "zh")
    try:
        with argparse_in(lang):
            args = build_parser(lang).parse_args(arguments)
    except SystemExit as exc:  # --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        status: int = args.run(args)
    except NeighborhoodPBError as exc:  # refused input that a subcommand did not catch
        return fail(args.command, error_text(exc, getattr(args, "lang", "zh")))
    except Exception as exc:  # the one place an unforeseen error is reported
        return internal_error(args.command, exc, getattr(args, "lang", "zh"))
    return status


INTERNAL_ERROR = 3
"""Exit status of an internal error: a defect of the library, never a verdict on the input
(0: no errors found; 1: validation found errors; 2: unusable input or arguments)."""


_INTERNAL_ERROR: Wording = {
    "internal": (
        "内部错误，请连同引起它的输入一并报告：{kind}: {detail}",
        "internal error, please report it with the input that caused it: {kind}: {detail}",
    ),
}


def internal_error(command: str, exc: Exception, lang: str = "zh") -> int:
    """Report a defect in one line on standard error, in ``lang``; return
    :data:`INTERNAL_ERROR` (3)."""
    fail(command, say(_INTERNAL_ERROR, "internal", lang, kind=type(exc).__name__, detail=exc))
    return INTERNAL_ERROR
