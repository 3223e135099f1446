"""The ``nbpb`` command: the demo's figures, validate's exit codes and messages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from neighborhood_pb import MembershipKind
from neighborhood_pb.cli import SUBCOMMANDS, main
from neighborhood_pb.cli.demo import DEMO_SECTIONS
from neighborhood_pb.cli.text import display_width, pad, table, wrap
from neighborhood_pb.dataset import DatasetContext, check_dataset
from neighborhood_pb.io.json import dumps_dataset, parse_json
from neighborhood_pb.samples import SAMPLE_NAMES, load_sample, sample_text

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def numbers(line: str) -> list[int]:
    return [int(token) for token in line.split() if token.isdigit()]


def section(output: str, title: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start + 2, len(lines)) if lines[i].startswith("=")), len(lines))
    return lines[start:end]


# -- demo ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_demo_figures_are_the_trees_own(capsys: Capture, name: str) -> None:
    status, out, err = run(capsys, "demo", "--sample", name, "--lang", "en")
    assert (status, err) == (0, "")
    ctx = DatasetContext.build(load_sample(name))
    tree, on = ctx.tree, ctx.on
    assert ctx.dataset.title in out
    assert re.search(rf"^as of: +{on}$", out, re.MULTILINE)

    levels = section(out, "Levels")
    by_level = tree.counts_by_level(on)
    for level in tree.schema.levels:
        [line] = [line for line in levels if f" {level.code} " in f"{line} "]
        assert level.label_zh in line
        orgs = [o for o in tree.orgs(on) if o.level == level.code]
        formal = [m for o in orgs for m in tree.memberships(o.id, on)]
        full = [m for m in formal if tree.person(m.person_id).is_full_member(on)]
        compound = [
            m for o in orgs for m in tree.memberships(o.id, on, kind=MembershipKind.COMPOUND_STYLE)
        ]
        expected = [by_level[level.code], len(formal), len(full), len(formal) - len(full)]
        assert numbers(line)[1:] == [*expected, len(compound)]
    [total] = [line for line in levels if " total " in line]
    root = tree.roots(on)[0]
    assert numbers(total)[0] == sum(by_level.values())
    assert numbers(total)[1] == len(tree.memberships(root.id, on, subtree=True))

    rows = section(out, "Tree (members of each subtree)")
    for org in tree.orgs(on):
        [line] = [line for line in rows if f" {org.id} " in line]
        assert org.name in line
        formal = tree.memberships(org.id, on, subtree=True)
        full = tree.full_member_count(org.id, on)
        compound = tree.memberships(org.id, on, kind=MembershipKind.COMPOUND_STYLE, subtree=True)
        reported = tree.reported_members(org.id, on)
        expected = [len(formal), full, len(formal) - full, len(compound), len(reported)]
        assert numbers(line)[-5:] == expected

    reports = section(out, "Residential reports")
    for report in tree.reported_members(root.id, on):
        assert any(tree.person(report.person_id).name in line for line in reports)

    findings = check_dataset(ctx)
    shown = section(out, "Findings as of")
    for finding in findings:
        assert any(line.strip().endswith(f" {finding.code}") for line in shown)
    errors = sum(1 for f in findings if f.severity.value == "error")
    assert f"{len(findings)} findings: {errors} error" in out


def test_demo_never_shows_a_phone(capsys: Capture) -> None:
    for name in SAMPLE_NAMES:
        _, out, _ = run(capsys, "demo", "--sample", name)
        phones = [p.phone for p in load_sample(name).structure.people if p.phone]
        assert phones
        for phone in phones:
            assert phone not in out
        assert any(f"{p[:3]}****{p[-4:]}" in out for p in phones)


def test_demo_lines_are_aligned(capsys: Capture) -> None:
    _, out, _ = run(capsys, "demo")
    levels = [line for line in section(out, "组织层级")[2:] if line.strip()][:9]
    widths = {display_width(line) for line in levels[:3]}
    assert len(widths) == 1  # the header row, the rule and the first row have the same width
    assert max(display_width(line) for line in out.splitlines()) <= 110


def test_demo_as_of_another_day(capsys: Capture) -> None:
    status, out, _ = run(capsys, "demo", "--as-of", "2024-01-01")
    assert status == 0
    assert "数据日期：  2024年1月1日" in out
    assert "term.due_soon" not in out


def test_demo_sections_are_a_list() -> None:
    ctx = DatasetContext.build(load_sample("community"))
    outputs = [section(ctx) for section in DEMO_SECTIONS]
    assert all(outputs)
    assert outputs[0][0] == ctx.dataset.title


# -- validate ------------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name in SAMPLE_NAMES:
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(sample_text(name), encoding="utf-8")
    return paths


def test_validate_a_clean_dataset(capsys: Capture, files: dict[str, Path]) -> None:
    status, out, err = run(capsys, "validate", str(files["community"]), "--lang", "en")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[0]
        == f"{files['community']}: 青松社区（示例） (community_five_level), as of 2026-11-01"
    )
    assert lines[-1] == "10 findings: 0 errors, 9 warnings, 1 info"


def test_validate_errors_exit_one(capsys: Capture, files: dict[str, Path]) -> None:
    status, out, _ = run(capsys, "validate", str(files["street"]), "--lang", "en")
    assert status == 1
    assert re.search(r"^  error +term\.overdue$", out, re.MULTILINE)
    assert "1 error," in out


def test_validate_as_of(capsys: Capture, files: dict[str, Path]) -> None:
    status, out, _ = run(capsys, "validate", str(files["street"]), "--as-of", "2024-01-01")
    assert status == 0
    assert "统计日期：2024年1月1日" in out


def test_validate_json_is_a_stable_document(capsys: Capture, files: dict[str, Path]) -> None:
    status, out, _ = run(
        capsys, "validate", str(files["street"]), "--format", "json", "--lang", "en"
    )
    assert status == 1
    document = json.loads(out)
    findings = check_dataset(DatasetContext.build(load_sample("street")))
    assert document["format"] == "neighborhood_pb.findings"
    assert document["version"] == 1
    assert document["ok"] is False
    assert document["as_of"] == "2026-11-01"
    assert document["title"] == "新河街道（示例）"
    assert document["counts"] == {"error": 1, "warning": 5, "info": 2}
    assert [f["code"] for f in document["findings"]] == [f.code for f in findings]
    assert set(document["findings"][0]) >= {"code", "severity", "subject", "message", "rule"}
    assert document["findings"][0]["severity"] == "error"
    assert list(document) == sorted(document)
    run(capsys, "validate", str(files["street"]), "--format", "json", "--lang", "en")
    assert main(["validate", str(files["street"]), "--format", "json", "--lang", "en"]) == 1
    assert capsys.readouterr().out == out
    status, out, _ = run(capsys, "validate", str(files["community"]), "--format", "json")
    assert (status, json.loads(out)["ok"]) == (0, True)


def test_validate_output_never_shows_a_phone(capsys: Capture, files: dict[str, Path]) -> None:
    for fmt in ("text", "json"):
        _, out, _ = run(capsys, "validate", str(files["community"]), "--format", fmt)
        for person in load_sample("community").structure.people:
            assert not person.phone or person.phone not in out


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def damaged(change: dict[str, object]) -> str:
    data = parse_json(sample_text("community"))
    data.update(change)
    return json.dumps(data, ensure_ascii=False)


def unusable_files(tmp_path: Path) -> list[tuple[str, str]]:
    community = load_sample("community")
    memberships = list(community.structure.memberships)
    memberships[11] = attrs.evolve(memberships[11], person_id=memberships[0].person_id)
    clash = attrs.evolve(
        community, structure=attrs.evolve(community.structure, memberships=tuple(memberships))
    )
    appointments = list(community.appointments.appointments)
    appointments[4] = attrs.evolve(appointments[4], person_id="QS-P99")
    stranger = attrs.evolve(
        community,
        appointments=attrs.evolve(community.appointments, appointments=tuple(appointments)),
    )
    duty = community.duty_rotations[0]
    too_long = attrs.evolve(
        community,
        duty_rotations=(attrs.evolve(duty, setup=attrs.evolve(duty.setup, term_months=4)),),
    )
    (tmp_path / "folder").mkdir()
    plain = write(tmp_path, "plain.txt", "hello")
    return [
        (str(tmp_path / "missing.json"), "missing.json: no such file"),
        (str(tmp_path / "folder"), "folder: is a directory"),
        (plain + "/inside.json", "cannot read it (Not a directory)"),
        (write(tmp_path, "latin.json", b"\xff\xfe{}"), "not UTF-8 text"),
        (write(tmp_path, "text.json", "hello"), "$: not JSON: Expecting value (line 1, column 1)"),
        (write(tmp_path, "list.json", "[]"), "$: expected an object (a dataset), got a list"),
        (write(tmp_path, "other.json", '{"name": "x"}'), "$.format: not a neighborhood_pb dataset"),
        (
            write(tmp_path, "date.json", damaged({"as_of": "2026-02-30"})),
            "$.as_of: '2026-02-30' is not an ISO date",
        ),
        (
            write(tmp_path, "clash.json", dumps_dataset(clash)),
            "$.structure.memberships[11]: membership QS-M012: QS-P01 already has formal",
        ),
        (
            write(tmp_path, "stranger.json", dumps_dataset(stranger)),
            "$.appointments.appointments[4]: QS-A005: no person QS-P99 (rule: reference.exists)",
        ),
        (
            write(tmp_path, "long.json", dumps_dataset(too_long)),
            "$.duty_rotations[0]: QS-GC-DUTY: a term of 4 months is outside 1–3 months",
        ),
        (
            write(tmp_path, "undated.json", dumps_dataset(attrs.evolve(community, as_of=None))),
            "the dataset has no as_of date; give the day with --as-of DATE",
        ),
    ]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_unusable_files_exit_two(capsys: Capture, tmp_path: Path, fmt: str) -> None:
    for path, message in unusable_files(tmp_path):
        status, out, err = run(capsys, "validate", path, "--format", fmt, "--lang", "en")
        assert status == 2, path
        assert out == ""
        assert err.startswith(f"nbpb validate: {path}"), err
        assert message in err, err
        assert err.count("\n") == 1
        assert "Traceback" not in err


def test_an_undated_file_validates_with_as_of(capsys: Capture, tmp_path: Path) -> None:
    undated = dumps_dataset(attrs.evolve(load_sample("community"), as_of=None))
    status, out, _ = run(
        capsys, "validate", write(tmp_path, "u.json", undated), "--as-of", "2026-11-01"
    )
    assert status == 0
    assert "统计日期：2026年11月1日" in out


# -- the command itself --------------------------------------------------------------------------


def test_usage(capsys: Capture) -> None:
    assert [c.name for c in SUBCOMMANDS] == [
        "demo",
        "validate",
        "report",
        "calendar",
        "import",
        "export",
        "store",
        "synth",
    ]
    status, out, err = run(capsys, "--help")
    assert status == 0
    assert {"demo", "validate", "calendar"} <= set(out.split())
    status, out, _ = run(capsys, "--version")
    assert (status, out.split()[0]) == (0, "nbpb")
    status, _, err = run(capsys)
    assert status == 2
    assert "缺少必需的参数：COMMAND" in err
    status, _, err = run(capsys, "validate", "x.json", "--as-of", "2026-13-01")
    assert status == 2
    assert "'2026-13-01' 不是日期（YYYY-MM-DD）" in err
    status, _, err = run(capsys, "validate", "x.json", "--as-of", "2026-13-01", "--lang", "en")
    assert status == 2
    assert "'2026-13-01' is not a date (YYYY-MM-DD)" in err
    status, _, err = run(capsys, "demo", "--sample", "city")
    assert status == 2
    assert "无效的选项值：'city'" in err


def test_the_installed_command(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "neighborhood_pb.cli"]
    missing = subprocess.run(
        [*command, "validate", str(tmp_path / "none.json")], capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith("none.json：文件不存在")
    assert missing.stdout == ""
    demo = subprocess.run(
        [*command, "demo"], capture_output=True, text=True, env={"PYTHONIOENCODING": "ascii"}
    )
    assert demo.returncode == 0
    assert "\\u9752" in demo.stdout  # 青, escaped because the stream cannot encode it
    assert demo.stderr == ""


# -- text layout ---------------------------------------------------------------------------------


def test_display_width_and_padding() -> None:
    assert display_width("abc") == 3
    assert display_width("青松社区") == 8
    assert display_width("e\u0301") == 1
    assert pad("青松", 6) == "青松  "
    assert pad("7", 3, "r") == "  7"
    assert pad("toolong", 3) == "toolong"


def test_wrap() -> None:
    assert wrap("one two three", 9) == ["one two", "three"]
    assert wrap("one two three", 9, indent=2) == ["one two", "  three"]
    assert wrap("one two", 100, indent=4, first=90) == ["one two"]
    assert wrap("one two", 95, indent=4, first=90) == ["one", "    two"]
    lines = wrap("规则" * 30, 24, indent=4)
    assert all(display_width(line) <= 24 for line in lines)
    assert "".join(line.strip() for line in lines) == "规则" * 30


def test_table() -> None:
    lines = table([["名称", "n"], ["name", ""]], [["青松", "1"], ["a", "12"]], align="lr")
    assert lines == [
        "  名称   n",
        "  name",
        "  ----  --",
        "  青松   1",
        "  a     12",
    ]


def test_overview_without_description_and_findings_without_rules() -> None:
    from neighborhood_pb import Finding, Severity
    from neighborhood_pb.cli.demo import overview_section
    from neighborhood_pb.cli.findings import finding_lines

    ctx = DatasetContext.build(load_sample("community"))
    bare = attrs.evolve(ctx, dataset=attrs.evolve(ctx.dataset, description=""))
    assert overview_section(bare)[2].startswith("level schema:")
    assert overview_section(bare, "zh")[2].startswith("层级体系：")
    assert finding_lines([]) == ["  No findings."]
    finding = Finding(code="x.y", severity=Severity.INFO, subject="S", message="m")
    assert finding_lines([finding]) == ["  info  x.y", "      m"]
    assert finding_lines([finding], lang="zh") == ["  提示  x.y", "      m"]


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    import runpy

    monkeypatch.setattr(sys, "argv", ["nbpb", "--version"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("neighborhood_pb.cli", run_name="__main__")
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("nbpb ")
