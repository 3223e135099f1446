"""``nbpb`` refuses a damaged data file in one language: under ``zh`` the line names the place,
the field and what is wrong in Chinese (no English sentence), under ``en`` in English."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.io.hooks import json_kind_zh, value_text
from neighborhood_pb.samples import sample_text
from test_cli_one_language import english_words, quoted_text, stray_chinese

Capture = pytest.CaptureFixture[str]
Data = dict[str, Any]


def _territory(field: str, value: Any) -> Callable[[Data], None]:
    return lambda data: data["structure"]["territories"][0].__setitem__(field, value)


def _empty_names(data: Data) -> None:
    for territory in data["structure"]["territories"][:3]:
        territory["name"] = ""


def _twice(data: Data) -> None:
    data["structure"]["reports"][0]["channels"] = ["online", "online"]


DAMAGES: list[tuple[str, Callable[[Data], None], list[str], list[str]]] = [
    # (what, how, words of the zh line, words of the en line)
    ("empty name", _territory("name", ""), ["`Territory.name`不能为空"], ["must not be empty"]),
    (
        "reversed period",
        lambda data: data["structure"]["orgs"][1].__setitem__(
            "period", {"start": "2030-01-01", "end": "2020-01-01"}
        ),
        ["时段止于2020年1月1日，却始于2030年1月1日"],
        ["ends on 2020-01-01 but starts on 2030-01-01"],
    ),
    (
        "unknown field",
        lambda data: data["structure"]["people"][0].__setitem__("nickname", "小王"),
        ["`Person`没有字段`nickname`"],
        ["unknown field nickname in Person"],
    ),
    (
        "unknown kind",
        _territory("kind", "城堡"),
        ['`"城堡"`不是`TerritoryKind`的取值'],
        ["TerritoryKind"],
    ),
    (
        "impossible date",
        lambda data: data["structure"]["orgs"][1]["period"].__setitem__("start", "2024-02-30"),
        ["`2024-02-30`不是YYYY-MM-DD格式的日期"],
        ["'2024-02-30' is not an ISO date"],
    ),
    (
        "missing name",
        lambda data: data["structure"]["people"][0].pop("name"),
        ["缺少必填字段`name`"],
        ["required field 'name' is missing"],
    ),
    (
        "three empty names",
        _empty_names,
        ["不能为空（规则：record.non_empty）（另有2处问题）"],
        ["(and 2 more problems)"],
    ),
    (
        "a number as text",
        _territory("households", "3"),
        ['应为整数，实为文本`"3"`（规则：json.type）'],
        ["expected a whole number, got the string '3'"],
    ),
    ("a list for a name", _territory("name", ["a"]), ["应为文本，实为列表"], ["got a list"]),
    ("a channel twice", _twice, ['集合中`"online"`出现了两次'], ["appears twice in a set"]),
]


@pytest.mark.parametrize(("what", "damage", "zh", "en"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_a_damaged_file_is_refused_in_one_language(
    capsys: Capture,
    tmp_path: Path,
    what: str,
    damage: Callable[[Data], None],
    zh: list[str],
    en: list[str],
) -> None:
    text = sample_text("community")
    data = json.loads(text)
    damage(data)
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused_alike(capsys, path, text + "小王城堡", zh, en)


def refused_alike(capsys: Capture, path: Path, quoted: str, zh: list[str], en: list[str]) -> None:
    """``nbpb validate`` refuses the file with one line on standard error and nothing on
    standard output, in each language: the ``zh`` words and no English word outside ids and
    codes, the ``en`` words and no Chinese beyond what ``quoted`` (the file's text) holds."""
    for lang, words in (("zh", zh), ("en", en)):
        assert main(["validate", str(path), "--lang", lang]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        (line,) = captured.err.replace(str(path.parent), "").splitlines()
        for word in words:
            assert word in line, (lang, line)
        if lang == "zh":
            assert english_words(line) == [], line
        else:
            assert stray_chinese(line, quoted_text(quoted)) == [], line


def test_a_long_or_personal_bad_value_is_cut_and_masked(capsys: Capture, tmp_path: Path) -> None:
    data = json.loads(sample_text("community"))
    data["structure"]["territories"][0]["kind"] = "13900000101" + "x" * 5000
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for lang in ("zh", "en"):
        assert main(["validate", str(path), "--lang", lang]) == 2
        line = capsys.readouterr().err
        assert len(line) < 400, line
        assert "13900000101" not in line
    assert value_text("13900000101" + "x" * 5000) == '"139****0101' + "x" * 27 + "…"  # 40 chars
    assert value_text(["a", 1]) == '["a",1]'
    assert value_text({1, 2}) == repr({1, 2})  # no JSON for a set: as Python writes it


def _with(old: str, new: str) -> Callable[[str], bytes]:
    return lambda text: text.replace(old, new, 1).encode("utf-8")


DOCUMENTS: list[tuple[str, Callable[[str], bytes], list[str], list[str]]] = [
    # (what, how the text is damaged, words of the zh line, words of the en line)
    ("not JSON", lambda text: text[:-3].encode("utf-8"), ["不是JSON：第"], ["not JSON:"]),
    ("not UTF-8", lambda text: b"\xff" + text.encode("utf-8"), ["不是UTF-8文本"], ["not UTF-8"]),
    (
        "another format",
        _with('"format": "neighborhood_pb.dataset"', '"format": "other"'),
        ['`format`为`"other"`'],
        ["not a neighborhood_pb dataset"],
    ),
    ("a newer version", _with('"version": 1', '"version": 99'), ["不读取格式版本99"], ["99"]),
    ("a key twice", _with('{"id":', '{"id": "x", "id":'), ["键`id`出现了两次"], ["twice"]),
    ("NaN", _with('"version": 1', '"version": NaN'), ["NaN不是JSON数值"], ["NaN"]),
    (
        "a long integer",
        _with('"version": 1', '"version": 1' + "0" * 20),
        ["整数有21位，超过允许的18位"],
        ["21 digits"],
    ),
]


@pytest.mark.parametrize(("what", "damage", "zh", "en"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_a_damaged_document_is_refused_in_one_language(
    capsys: Capture,
    tmp_path: Path,
    what: str,
    damage: Callable[[str], bytes],
    zh: list[str],
    en: list[str],
) -> None:
    text = sample_text("community")
    path = tmp_path / "damaged.json"
    path.write_bytes(damage(text))
    assert path.read_bytes() != text.encode("utf-8")
    refused_alike(capsys, path, text, zh, en)


def test_a_json_kind_is_said_in_chinese_with_the_value_as_written() -> None:
    cases = [(None, "`null`"), (True, "`true`"), (3, "数字`3`"), ("三", '文本`"三"`')]
    cases += [({"a": 1}, "对象"), ([1], "列表"), (1.5, "数字`1.5`"), (object, "`type`")]
    for value, said in cases:
        assert json_kind_zh(value) == said
