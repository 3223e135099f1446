"""``nbpb store save/dump`` and database URLs where a dataset file is read."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import attrs
import pytest
import sqlalchemy as sa
from ledger_world import CLAIM, COMMUNITY, revoked

from neighborhood_pb.cli import main
from neighborhood_pb.io.json import dumps_dataset
from neighborhood_pb.io.store import Store, shown_url


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def community_file(tmp_path: Path) -> Path:
    path = tmp_path / "community.json"
    path.write_text(dumps_dataset(COMMUNITY, redact_personal=False), encoding="utf-8")
    return path


def test_save_then_dump_gives_back_the_document(store_url: str, community_file: Path) -> None:
    status, out, _ = _run(["store", "save", str(community_file), store_url])
    assert status == 0
    assert COMMUNITY.title in out
    status, out, err = _run(["store", "dump", store_url, "-"])
    assert (status, err) == (0, "")
    assert out == community_file.read_text(encoding="utf-8")
    for command in ("validate", "report", "demo"):
        assert _run([command, store_url])[0] == 0
    assert _run(["report", store_url, "--compare", "2026-01-01"])[0] == 0
    status, _, err = _run(["report", store_url, "--compare", "2027-01-01"])
    assert status == 2
    assert "须早于" in err


def test_a_broken_ledger_is_saved_only_when_allowed_and_validate_lists_it(
    store_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(dumps_dataset(revoked(COMMUNITY), redact_personal=False), encoding="utf-8")
    status, out, err = _run(["store", "save", str(path), store_url])
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert f"未保存：21条台账记录将与名册不符（首条{CLAIM.key}，违反claim.reported_member）" in err
    with Store(store_url) as store, store.reading() as connection:
        assert not connection.dialect.has_table(connection, "settings")  # nothing written
    status, out, err = _run(["store", "save", "--allow-broken-ledger", str(path), store_url])
    assert (status, err) == (0, "")
    status, out, err = _run(["validate", store_url, "--format", "json"])
    assert status == 1
    assert CLAIM.key in {finding["subject"] for finding in json.loads(out)["findings"]}
    assert _run(["report", store_url])[0] == 2  # strict elsewhere: the ledger is refused


def test_a_stored_row_in_an_invalid_state_is_one_line(store_url: str, community_file: Path) -> None:
    assert _run(["store", "save", str(community_file), store_url])[0] == 0
    with Store(store_url) as store, store.writing() as connection:
        connection.execute(sa.text("UPDATE orgs SET parent_id = 'nowhere' WHERE position = 1"))
    status, out, err = _run(["--lang", "en", "validate", store_url])
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert "table orgs, row 1" in err
    status, _, err = _run(["validate", store_url])
    assert status == 2
    assert "数据表orgs第1行无效：引用的记录不存在" in err  # the row's own error in Chinese too


def test_a_stored_dataset_without_a_day_needs_as_of(store_url: str) -> None:
    with Store(store_url) as store:
        store.save(attrs.evolve(COMMUNITY, as_of=None))
    status, _, err = _run(["validate", store_url])
    assert status == 2
    assert "--as-of" in err
    assert _run(["validate", store_url, "--as-of", "2026-11-01"])[0] == 0


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["store", "save", "missing.json", "sqlite://"], "cannot read it"),
        (["store", "save", "{file}", "mysql://me@host/db"], "mysql"),
        (["store", "dump", "sqlite://", "-"], "store.empty"),
        (["store", "dump", "postgresql://me:secret@127.0.0.1:1/db", "-"], "me:***@"),
        (["validate", "oracle://me@host/db"], "oracle"),
    ],
)
def test_unusable_input_is_status_2_in_one_line(
    argv: list[str], words: str, community_file: Path
) -> None:
    argv = [arg.replace("{file}", str(community_file)) for arg in argv]
    status, out, err = _run(["--lang", "en", *argv])
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert words in err
    assert "secret" not in err


def test_a_bad_dataset_file_or_a_masked_one_is_not_saved(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert _run(["store", "save", str(bad), url])[0] == 2
    masked = tmp_path / "masked.json"
    masked.write_text(dumps_dataset(COMMUNITY), encoding="utf-8")
    status, _, err = _run(["store", "save", str(masked), url])
    assert status == 2
    assert "dataset.masked" in err or "脱敏" in err


def test_a_dump_to_a_file_it_cannot_write(tmp_path: Path, community_file: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert _run(["store", "save", str(community_file), url])[0] == 0
    assert _run(["store", "dump", url, str(tmp_path / "out.json")])[0] == 0
    status, _, err = _run(["store", "dump", url, str(tmp_path / "no" / "such" / "out.json")])
    assert status == 2
    assert "无法写入" in err


def test_a_password_is_never_shown() -> None:
    assert shown_url("postgresql://me:pw@host/db") == "postgresql://me:***@host/db"
    assert shown_url("sqlite:///city.db") == "sqlite:///city.db"


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_either_side_of_the_action(
    tmp_path: Path, community_file: Path, where: str
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    options = ["--quiet", "--lang", "en"]
    save = ["store", "save", str(community_file), url]
    dump = ["store", "dump", url, "-"]
    if where == "before":
        save, dump = ["store", *options, *save[1:]], ["store", *options, *dump[1:]]
    else:
        save, dump = [*save, *options], [*dump, *options]
    status, out, err = _run(save)
    assert (status, err) == (0, "")
    assert COMMUNITY.title in out
    status, out, err = _run(dump)
    assert (status, err) == (0, "")
    assert out == community_file.read_text(encoding="utf-8")
    status, _, err = _run(["store", "dump", f"sqlite:///{tmp_path / 'none' / 'x.db'}", "-", "-q"])
    assert status == 2
    assert err.count("\n") == 1
