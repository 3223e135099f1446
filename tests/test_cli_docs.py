"""docs/cli.md documents every subcommand of ``nbpb``: its options, an example, its exit codes."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from neighborhood_pb.cli import build_parser

CLI_DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
HEADING = re.compile(r"^## `nbpb (\w+)[^`]*`$", re.MULTILINE)
SHARED = {"-h", "--help", "--lang", "-q", "--quiet"}  # documented once, for every subcommand


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def sections(text: str) -> dict[str, str]:
    """The text of each ``## `nbpb NAME ...``` section, by NAME."""
    found = list(HEADING.finditer(text))
    ends = [match.start() for match in found[1:]] + [len(text)]
    return {match.group(1): text[match.end() : end] for match, end in zip(found, ends, strict=True)}


def documented_names(parser: argparse.ArgumentParser) -> list[str]:
    """Every option string and positional metavar a subcommand's parser declares."""
    names = []
    for action in parser._actions:
        if action.option_strings:
            names += [name for name in action.option_strings if name not in SHARED]
        else:
            names.append(str(action.metavar or action.dest))
    return names


def undocumented(name: str, section: str) -> list[str]:
    """The options of ``nbpb NAME`` that ``section`` does not name."""
    return [option for option in documented_names(PARSERS[name]) if f"`{option}" not in section]


PARSERS = subparsers(build_parser())
SECTIONS = sections(CLI_DOC.read_text(encoding="utf-8"))


def test_every_subcommand_has_a_section() -> None:
    missing = set(PARSERS) - set(SECTIONS)
    assert not missing, f"missing from docs/cli.md: {missing}"
    assert set(SECTIONS) <= set(PARSERS), "docs/cli.md documents a subcommand nbpb lacks"


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_a_section_gives_options_an_example_and_exit_codes(name: str) -> None:
    section = SECTIONS[name]
    assert undocumented(name, section) == []
    assert "| exit status | when |" in section
    assert f'main(["{name}"' in section  # an example that runs


def test_the_shared_options_and_the_synopsis() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    first = HEADING.search(text)
    assert first is not None
    intro = text[: first.start()]
    for option in ("--lang", "--quiet", "--help", "--version"):
        assert f"`{option}" in intro
    for name in PARSERS:
        assert f"\nnbpb {name} " in intro
    count = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}[len(PARSERS)]
    assert f"with {count} subcommands" in intro


def test_a_missing_subcommand_or_option_is_noticed() -> None:
    shortened = sections(
        CLI_DOC.read_text(encoding="utf-8").replace("## `nbpb report FILE`", "## Reports")
    )
    assert "report" not in shortened
    assert undocumented("report", "") == [
        "FILE",
        "--as-of",
        "--compare",
        "--level",
        "--format",
        "--out",
        "--limit",
        "--engine",
        "--spark-master",
        "--duckdb-memory",
        "--duckdb-threads",
    ]
    assert undocumented(
        "report",
        "`FILE` `--as-of` `--format` `--out` `--limit` `--level` `--engine` `--spark-master` "
        "`--duckdb-memory` `--duckdb-threads`",
    ) == ["--compare"]
