"""Text output of ``nbpb validate`` and ``nbpb report``: the findings counted by kind and by
community before the list, ``--limit N`` per kind, names beside ids, Chinese office dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from neighborhood_pb.cli import main
from neighborhood_pb.errors import Finding, Severity
from neighborhood_pb.io.reports import finding_text
from neighborhood_pb.samples import sample_text


@pytest.fixture
def street(tmp_path: Path) -> str:
    path = tmp_path / "street.json"
    path.write_text(sample_text("street"), encoding="utf-8")
    return str(path)


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    main(list(argv))
    return capsys.readouterr().out.splitlines()


def test_validate_counts_by_kind_and_community_before_the_list(
    street: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _out(capsys, "validate", street)
    assert lines[0].endswith("（street_grid_five_level），统计日期：2026年11月1日")
    assert lines[1] == "按类别汇总："
    by_community = lines.index("按社区汇总：")
    places = lines[by_community + 3 : by_community + 5]
    assert [line.split()[0] for line in places] == ["明湖社区（XH-MH）", "清风社区（XH-QF）"]
    assert [line.split()[-1] for line in places] == ["4", "4"]  # 清风: 2 + the four lists' 2
    first_finding = next(i for i, line in enumerate(lines) if line.startswith("  错误"))
    assert by_community < first_finding
    assert "term.overdue（1条）" in lines
    assert lines[-1] == "共8条检查结果：错误1条，警告5条，提示2条"


def test_limit_lists_at_most_n_of_each_kind(
    street: str, capsys: pytest.CaptureFixture[str]
) -> None:
    full = _out(capsys, "report", street, "--lang", "en")
    limited = _out(capsys, "report", street, "--lang", "en", "--limit", "1")
    assert "metric.report_rate.unplaced (4)" in limited
    assert "  … 3 more not listed (--limit 1)" in limited
    listed = [line for line in limited if line.startswith("  warning")]
    assert len(listed) == 2  # one of each of the two kinds
    assert len([line for line in full if line.startswith("  warning")]) == 5
    assert limited[-1] == full[-1] == "5 findings: 0 errors, 5 warnings, 0 info"
    assert "in no community" in " ".join(limited)


@pytest.mark.parametrize("limit", ["0", "-2", "many"])
def test_a_limit_below_one_is_refused(
    street: str, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    assert main(["validate", street, "--limit", limit]) == 2
    assert "--limit" in capsys.readouterr().err


def test_the_report_title_gives_both_days_as_an_office_writes_them(
    street: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _out(capsys, "report", street, "--compare", "2026-06-01")
    assert lines[0].endswith("（统计日期：2026年11月1日，对比日期：2026年6月1日）")
    assert "2026-" not in lines[0].rpartition("：")[0]


def _finding(message: str, subject: str = "QS-P1", name: str = "蒋雨桐") -> Finding:
    return Finding(
        code="points.home_day_missed",
        severity=Severity.WARNING,
        subject=subject,
        subject_name=name,
        message=message,
    )


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("QS-P1 has no service", "蒋雨桐 (QS-P1) has no service"),
        ("member QS-P1 and QS-P1 again", "member 蒋雨桐 (QS-P1) and QS-P1 again"),
        ("QS-P10 is another member", "QS-P10 is another member"),  # not the same id
        ("蒋雨桐 (QS-P1) already named", "蒋雨桐 (QS-P1) already named"),
    ],
)
def test_english_messages_name_their_subject(message: str, shown: str) -> None:
    assert finding_text(_finding(message), "en") == shown
    assert finding_text(_finding(message, name=""), "en") == message


def test_validate_in_english_reads_names(street: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = "\n".join(_out(capsys, "--lang", "en", "validate", street))
    assert "明湖第1网格党支部 (XH-MH-W1-B)" in text
