"""Browser fixture: one headless Chromium for the session (Debian's, through Playwright)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_pages import ARGS, CHROMIUM, TIMEOUT_MS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium, with a fresh profile, for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            timeout=TIMEOUT_MS * 2,
            viewport={"width": 900, "height": 1200},
            locale="zh-CN",
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()
