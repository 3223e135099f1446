"""``nbpb`` speaks one language at a time: every subcommand's text output on both bundled
samples is Chinese under ``zh`` (no English word outside ids, codes, options and file paths)
and English under ``en`` (Chinese only in a bracketed term, or as a name or quotation taken
from the dataset or a cited source)."""

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from neighborhood_pb.calendar.china import china_working_days
from neighborhood_pb.cli import INTERNAL_ERROR, build_parser, main
from neighborhood_pb.cli.command import progress_label
from neighborhood_pb.errors.registry import RULES
from neighborhood_pb.errors.source import source_text
from neighborhood_pb.governance.cobuild.presets import NEED_RESPONSE
from neighborhood_pb.governance.presets import PRESETS
from neighborhood_pb.metrics.definitions import CATALOGUE
from neighborhood_pb.samples import SAMPLE_NAMES, sample_text
from neighborhood_pb.structure.posts.part_time import PART_TIME_REFERENCES
from neighborhood_pb.structure.rotations.rules import YONGCHUN_DUTY_RULES

Capture = pytest.CaptureFixture[str]

ALLOWED_UNDER_ZH = frozenset(
    {
        "nbpb",  # the command's own name
        "html",  # a file format, named as --format takes it (as JSON, CSV)
        "Spark",
        "Parquet",  # a product's name, written as its makers write it (as DuckDB, SQL, JSON)
        "chinesecalendar",  # the package the working-day data comes from, cited by name
    }
)
"""English words a Chinese line may hold: names that have no Chinese form. Ids and codes
(``QS-P19``, ``compound_org_coverage``, ``points.home_day_missed``), acronyms (``WAL``),
class names (``MetricSettings``), options (``--compare``), code spans and paths are told
apart by their form and need no entry."""

_ASCII_TOKEN = re.compile(r"[A-Za-z0-9_.:/+*@'-]+")
_CODE_SPAN = re.compile(r"`[^`]*`")
_CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e“”‘’—·]+")
_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")


_COMMAND_PREFIX = re.compile(r"^\s*nbpb(?: [a-z]+){1,2}: ")


def english_words(line: str) -> list[str]:
    """The English words of three letters or more in ``line`` that are not an id, a code,
    an acronym, a class name, an option, a path or an allowed name."""
    found = []
    if re.search(r"\bn/a\b", line):
        found.append("n/a")
    line = _COMMAND_PREFIX.sub("", line)  # "nbpb store save: ": the program's own names
    for found_token in _ASCII_TOKEN.findall(_CODE_SPAN.sub("", line)):
        token = found_token.rstrip(".:")  # a word ending a sentence or before a colon
        if token.startswith("--") or any(mark in token for mark in "_.:/@"):
            continue
        for part in re.split(r"[-+*']", token):
            is_code = any(char.isdigit() for char in part) or part.isupper()
            is_class = any(char.isupper() for char in part[1:])
            if len(part) >= 3 and not (is_code or is_class or part in ALLOWED_UNDER_ZH):
                found.append(part)
    return found


def stray_chinese(line: str, corpus: str) -> list[str]:
    """The runs of Chinese in ``line`` that are neither found in ``corpus`` (the dataset's
    own text and the sources the library quotes) nor in brackets."""
    unquoted = _CJK_RUN.sub(lambda run: "" if run[0] in corpus else run[0], line)
    return _CJK_RUN.findall(_BRACKETED.sub("", unquoted))


def quoted_text(dataset_text: str) -> str:
    """Text an English line may quote in Chinese: the dataset's names and notes, and the
    sources the library cites (rules, metrics, procedures, reference figures, notices, the
    duty rotation's term bounds)."""
    calendar = china_working_days()
    return "\n".join(
        [
            dataset_text,
            *(source_text(spec.source, "en") for spec in RULES.values()),
            *(metric.source for metric in CATALOGUE),
            *(procedure.source for procedure in PRESETS),
            source_text(NEED_RESPONSE.source, "en"),
            *(reference.place for reference in PART_TIME_REFERENCES.values()),
            *(notice.source for notice in calendar.notices),
            YONGCHUN_DUTY_RULES.source,
        ]
    )


def outputs(tmp_path: Path, sample: str, lang: str) -> Iterator[tuple[list[str], str]]:
    """Each subcommand's text output on the sample, with the arguments that gave it."""
    dataset = tmp_path / f"{sample}.json"
    dataset.write_text(sample_text(sample), encoding="utf-8")
    registers = tmp_path / f"registers-{lang}.xlsx"
    database = f"sqlite:///{tmp_path / f'{sample}-{lang}.sqlite'}"
    parquet = str(tmp_path / f"parquet-{lang}")
    commands = [
        ["demo", "--sample", sample],
        ["demo", "--sample", sample, "--as-of", "2026-12-20"],
        ["validate", str(dataset)],
        ["validate", str(dataset), "--limit", "1"],
        ["report", str(dataset), "--compare", "2026-01-01"],
        ["report", str(dataset), "--level", "grid", "--level", "compound", "--limit", "1"],
        ["calendar", "2025"],
        ["calendar", "2027", "--provisional"],
        ["export", str(dataset), "--format", "parquet", "--out", parquet],
        ["validate", parquet],
        ["export", str(dataset), "--format", "registers", "--out", str(registers)],
        [
            "import",
            str(registers),
            "--into",
            str(tmp_path / f"new-{lang}.json"),
            "--schema",
            "community_five_level" if sample == "community" else "street_grid_five_level",
            "--as-of",
            "2026-11-01",
        ],
        ["store", "save", str(dataset), database],
        ["store", "dump", database, str(tmp_path / f"dumped-{lang}.json")],
        # and the one line on standard error of a subcommand that cannot do its work
        ["demo", str(tmp_path / "missing.json")],
        ["demo", str(tmp_path)],
        ["report", str(dataset), "--compare", "2030-01-01"],
        ["validate", str(dataset), "--format", "html"],
        ["export", str(tmp_path / "missing.json"), "--format", "registers", "--out", "x.xlsx"],
        ["import", str(registers), "--into", str(tmp_path / f"other-{lang}.json")],
        ["synth", "--national", "--shape", "streets=1", "--out", str(tmp_path / "synth")],
        ["report", f"sqlite:///{tmp_path / f'empty-{lang}.db'}"],
        ["calendar", "2027"],
        ["calendar", "2025", "--notice", str(tmp_path / "missing-notice.json")],
    ]
    for argv in commands:
        assert main([*argv, "--lang", lang]) != INTERNAL_ERROR, argv
        yield argv, str(tmp_path)


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_subcommand_speaks_chinese_under_zh(
    capsys: Capture, tmp_path: Path, sample: str
) -> None:
    stray = []
    for argv, folder in outputs(tmp_path, sample, "zh"):
        captured = capsys.readouterr()
        for line in (captured.out + captured.err).replace(folder, "").splitlines():
            if english_words(line):
                stray.append(f"{argv[0]}: {line.strip()}  {english_words(line)}")
    assert stray == []


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_every_subcommand_speaks_english_under_en(
    capsys: Capture, tmp_path: Path, sample: str
) -> None:
    corpus = quoted_text(sample_text(sample))
    stray = []
    for argv, folder in outputs(tmp_path, sample, "en"):
        captured = capsys.readouterr()
        for line in (captured.out + captured.err).replace(folder, "").splitlines():
            if stray_chinese(line, corpus):
                stray.append(f"{argv[0]}: {line.strip()}  {stray_chinese(line, corpus)}")
    assert stray == []


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("  不适用：分母为零", []),
        ("  n/a", ["n/a"]),
        ("吕红梅（QS-P19） compound_org_coverage points.home_day_missed --compare DATE", []),
        ("  Members are counted", ["Members", "are", "counted"]),
        ("  不适用: none here.", ["none", "here"]),
        ("nbpb store save: 未写入 points.home_day_missed", []),
        ("  compound-style (兼合式)", ["compound", "style"]),
        ("`nbpb report FILE` 按层级列出，WAL、DuckDB 与 MetricSettings", []),
    ],
)
def test_the_english_word_check_tells_words_from_ids(line: str, words: list[str]) -> None:
    assert english_words(line) == words


@pytest.mark.parametrize(
    ("label", "zh", "en"),
    [
        ("读取 reading", "读取", "reading"),
        ("写入Parquet parquet", "写入Parquet", "parquet"),
        ("读取登记表 registers", "读取登记表", "registers"),
        ("synthetic", "synthetic", "synthetic"),
    ],
)
def test_progress_bars_are_labelled_in_one_language(label: str, zh: str, en: str) -> None:
    assert (progress_label(label, "zh"), progress_label(label, "en")) == (zh, en)


def test_the_chinese_check_accepts_brackets_and_quotations_only() -> None:
    corpus = "吕红梅 青松社区"
    assert stray_chinese("吕红梅 (QS-P19), residents' committee (居委会)", corpus) == []
    assert stray_chinese("Levels 组织层级", corpus) == ["组织层级"]


USAGE_ERRORS = [
    ([], ""),  # no subcommand
    (["demo", "--sample", "city"], "city"),  # not a choice
    (["demo", "x.json", "--sample", "street"], ""),  # not allowed together
    (["validate", "x.json", "--as-of", "2026-13-01"], ""),  # not a day
    (["import", "x.xlsx"], ""),  # --into missing
    (["report", "x.json", "--limit", "0"], ""),  # not at least 1
]
"""Command lines argparse refuses, each with the value the user gave that the message quotes
(the user's own word, in no language of ours)."""


def parser_words(parser: argparse.ArgumentParser) -> set[str]:
    """The names a parser declares, which stay as they are in either language: the program
    and subcommand names, option strings and choices (and their parts, as ``utf-8``)."""
    words = set(parser.prog.split())
    for action in parser._actions:
        names = [*action.option_strings, *(str(choice) for choice in action.choices or ())]
        words |= {part for name in names for part in (name, *re.split(r"[-+*']", name))}
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                words |= parser_words(sub)
    return words


def help_outputs(capsys: Capture, lang: str) -> Iterator[tuple[list[str], str, str]]:
    """``--help`` of the top level, of every subcommand and of ``store``'s actions, and each
    usage error, in ``lang`` given after everything else (zh: not given, the default), with
    the arguments that gave it, its kind (``help`` or ``error``) and its text (the user's own
    value taken out)."""
    names = [[], *([name] for name in build_parser()._subparsers._group_actions[0].choices)]  # type: ignore[union-attr]
    lang_option = [] if lang == "zh" else ["--lang", lang]
    for argv in [*names, ["store", "save"], ["store", "dump"]]:
        assert main([*argv, "--help", *lang_option]) == 0, argv
        captured = capsys.readouterr()
        assert captured.err == ""
        yield argv, "help", captured.out
    for argv, given in USAGE_ERRORS:
        assert main([*argv, *lang_option]) == 2, argv
        captured = capsys.readouterr()
        assert captured.out == ""
        yield argv, "error", captured.err.replace(given, "") if given else captured.err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_and_usage_errors_speak_one_language(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # argparse's width: the same lines wherever run
    allowed = parser_words(build_parser(lang))
    corpus = quoted_text(sample_text("community"))
    markers = {
        "zh": {"help": ("用法：", "选项:"), "error": ("用法：", "：错误：")},
        "en": {"help": ("usage: ", "options:"), "error": ("usage: ", ": error: ")},
    }[lang]
    stray = []
    for argv, kind, text in help_outputs(capsys, lang):
        assert all(marker in text for marker in markers[kind]), (argv, text)
        for line in text.splitlines():
            if lang == "zh":
                words = [word for word in english_words(line) if word not in allowed]
            else:
                words = stray_chinese(line, corpus)
            if words:
                stray.append(f"{argv}: {line.strip()}  {words}")
    assert stray == []
