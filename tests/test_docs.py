"""Every ```python block in README.md and docs/*.md runs, in order, one namespace per file."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_docs_have_examples() -> None:
    assert any(BLOCK.search(path.read_text(encoding="utf-8")) for path in DOCS)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_doc_examples_run(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": f"doc_{path.stem}"}
    for number, match in enumerate(BLOCK.finditer(path.read_text(encoding="utf-8")), 1):
        code = compile(match.group(1), f"{path.name}#block{number}", "exec")
        exec(code, namespace)
