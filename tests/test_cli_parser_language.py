"""The language of ``nbpb``'s parsing is read from the command line before parsing, and
argparse speaks it only while ``nbpb`` parses."""

import argparse
import re
import threading
import time

import pytest

from neighborhood_pb.cli.command import LANGUAGES
from neighborhood_pb.cli.parser_language import (
    ARGPARSE_ZH,
    ArgparseChinese,
    argparse_in,
    language_of,
)

PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sr]")


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        ([], "zh"),
        (["--lang", "en", "demo"], "en"),
        (["demo", "--lang", "en"], "en"),
        (["demo", "--la", "en"], "en"),  # an abbreviation argparse takes
        (["demo", "--lan=en"], "en"),
        (["demo", "--l", "en"], "en"),  # demo has no other --l… option
        (["demo", "-l", "en"], "zh"),
        (["demo", "--lang=en", "--help"], "en"),
        (["--help", "--lang", "en"], "en"),
        (["--lang", "en", "demo", "--lang", "zh"], "zh"),  # the last one given, as argparse
        (["--lang", "fr", "demo"], "zh"),  # argparse refuses it, in the default language
        (["demo", "--lang"], "zh"),
        (["demo", "--", "--lang", "en"], "zh"),  # after --, not an option
    ],
)
def test_the_language_is_read_before_parsing(argv: list[str], lang: str) -> None:
    assert language_of(argv, LANGUAGES, "zh") == lang


def test_argparse_speaks_chinese_only_inside_the_block() -> None:
    english = argparse.ArgumentParser(prog="x").format_usage()
    with argparse_in("zh"):
        assert argparse.ArgumentParser(prog="x").format_usage() == "用法：x [-h]\n"
    assert argparse.ArgumentParser(prog="x").format_usage() == english == "usage: x [-h]\n"
    with pytest.raises(RuntimeError), argparse_in("zh"):
        raise RuntimeError
    assert argparse.ArgumentParser(prog="x").format_usage() == english
    with argparse_in("en"):
        assert argparse.ArgumentParser(prog="x").format_usage() == english


def test_chinese_argparse_words_keep_their_placeholders() -> None:
    chinese = ArgparseChinese()
    for english, translated in ARGPARSE_ZH.items():
        assert chinese.gettext(english) == translated
        # filled as the English is: the same placeholders (the type's name may be left out)
        assert set(PLACEHOLDER.findall(translated)) <= set(PLACEHOLDER.findall(english))
        assert PLACEHOLDER.findall(translated).count("%s") == english.count("%s")
    assert chinese.ngettext("expected %s argument", "expected %s arguments", 2) == "须给出 %s 个值"
    assert chinese.gettext("a message of no user's") == "a message of no user's"


def test_parses_in_threads_each_speak_their_own_language() -> None:
    english = argparse._
    wrong: list[tuple[str, str]] = []

    def parse(lang: str) -> None:
        for _ in range(50):
            with argparse_in(lang):
                time.sleep(0.001)  # another thread would run here
                said = argparse._("usage: ")
                if said != ("用法：" if lang == "zh" else "usage: "):
                    wrong.append((lang, said))

    threads = [threading.Thread(target=parse, args=(lang,)) for lang in ("zh", "en") * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert wrong == []
    assert argparse._ is english  # restored, whatever the order the threads ran in
