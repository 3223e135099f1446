"""``nbpb`` speaks Chinese by default and English with ``--lang en``."""

import json
from pathlib import Path

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.samples import load_sample, sample_text

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def street(tmp_path: Path) -> str:
    path = tmp_path / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    return str(path)


def test_validate_prints_chinese_by_default(capsys: Capture, street: str) -> None:
    assert main(["validate", street]) == 1
    out = capsys.readouterr().out
    assert (
        "明湖第1网格党支部（XH-MH-W1-B）：2021年6月18日选举产生的班子应于2024年6月18日换届" in out
    )
    assert "依据：" in out
    assert out.splitlines()[-1] == "共8条检查结果：错误1条，警告5条，提示2条"


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_en_is_accepted_on_either_side_of_the_subcommand(
    capsys: Capture, street: str, where: str
) -> None:
    argv = ["validate", street]
    argv = ["--lang", "en", *argv] if where == "before" else [*argv, "--lang", "en"]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "term elected 2021-06-18 fell due 2024-06-18" in out
    assert out.splitlines()[-1] == "8 findings: 1 error, 5 warnings, 2 info"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_findings_carry_names_params_and_the_rendered_message(
    capsys: Capture, street: str, lang: str
) -> None:
    assert main(["validate", street, "--format", "json", "--lang", lang]) == 1
    document = json.loads(capsys.readouterr().out)
    findings = check_dataset(DatasetContext.build(load_sample("street")))
    first, expected = document["findings"][0], findings[0]
    assert set(first) == {
        "code",
        "severity",
        "subject",
        "subject_name",
        "rule",
        "params",
        "message",
    }
    assert first["subject_name"] == expected.subject_name == "明湖第1网格党支部"
    assert first["params"]["due"] == "2024-06-18"
    assert first["params"]["tolerance"] == 1
    want = expected.render("zh") if lang == "zh" else expected.message
    assert first["message"] == want


def test_an_unusable_file_fails_in_chinese_by_default(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "text.json"
    path.write_text("not json", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"nbpb validate: {path}：数据文件无效：数据无法转换为记录：$：不是JSON：第1行"
    )
    assert err.count("\n") == 1
    assert main(["validate", str(path), "--lang", "en"]) == 2
    assert f"{path}: not a valid dataset: $: not JSON" in capsys.readouterr().err


def test_demo_and_calendar_speak_chinese_by_default(capsys: Capture) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "共" in out
    assert "条检查结果" in out
    assert main(["calendar", "2025"]) == 0
    assert "不是允许的日子，改至2025年9月21日" in capsys.readouterr().out
    assert main(["calendar", "2025", "--format", "json"]) == 0
    notes = [
        note
        for month in json.loads(capsys.readouterr().out)["months"]
        for note in month["home_day"]["notes"]
    ]
    assert any("改至" in note for note in notes)


def test_a_bad_language_is_a_usage_error(capsys: Capture) -> None:
    assert main(["--lang", "fr", "demo"]) == 2
    assert "无效的选项值：'fr'" in capsys.readouterr().err  # the default language, zh


def test_no_findings_in_either_language() -> None:
    from neighborhood_pb.cli.findings import count_line, finding_lines

    assert finding_lines([], lang="zh") == ["  无检查结果。"]
    assert finding_lines([]) == ["  No findings."]
    assert count_line([], "zh") == "共0条检查结果：错误0条，警告0条，提示0条"
