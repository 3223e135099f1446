"""Opening a page in headless Chromium and reading back what it rendered, requested and
logged (the session's browser is the ``browser`` fixture of this folder's conftest)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import attrs

CHROMIUM = os.environ.get("NBPB_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
IMAGES = Path(__file__).parents[3] / "docs" / "images"
UPDATE = os.environ.get("NBPB_UPDATE_SCREENSHOTS") == "1"
"""Set NBPB_UPDATE_SCREENSHOTS=1 to rewrite the guide's screenshots in docs/images."""

_READ_BACK = """() => {
  const text = (node) => node ? node.textContent.trim() : null;
  const metrics = [...document.querySelectorAll("section.metric")].map((section) => ({
    id: section.dataset.metric,
    title: text(section.querySelector("h2")),
    charts: section.querySelectorAll("svg.chart").length,
    bars: section.querySelectorAll("svg.chart rect.bar").length,
    target: section.querySelectorAll("svg.chart line.target").length,
    rows: [...section.querySelectorAll("table.figures tbody tr")].map((row) => ({
      scope: row.dataset.scope,
      name: text(row.querySelector("td")),
      numerator: text(row.querySelector("td.numerator")),
      denominator: text(row.querySelector("td.denominator")),
      value: text(row.querySelector("td.value")),
    })),
  }));
  const kinds = [...document.querySelectorAll("details.kind")].map((kind) => ({
    code: kind.dataset.code,
    open: kind.open,
    items: kind.querySelectorAll("li").length,
  }));
  return {
    title: document.title,
    heading: text(document.querySelector("h1")),
    asOf: text(document.querySelector(".as-of")),
    compare: text(document.querySelector(".compare")),
    metrics,
    kinds,
    counts: text(document.querySelector(".counts")),
    scripts: document.querySelectorAll("script").length,
    bodyText: document.body.innerText,
    width: document.documentElement.scrollWidth,
  };
}"""


@attrs.frozen
class Rendered:
    """What a page showed: its DOM read back, the URLs it requested and its console."""

    dom: dict[str, Any]
    requests: tuple[str, ...]
    console: tuple[str, ...]
    errors: tuple[str, ...]
    screenshot: bytes


def open_page(browser: Any, path: Path, screenshot: Path | None = None) -> Rendered:
    """Open ``path`` in a new tab, read the page back, take a screenshot (also saved to
    ``screenshot`` when given) and close the tab."""
    page = browser.new_page()
    requests: list[str] = []
    console: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
        dom = page.evaluate(_READ_BACK)
        image = page.screenshot(full_page=False, timeout=TIMEOUT_MS)
    finally:
        page.close()
    if screenshot is not None:
        screenshot.write_bytes(image)
    return Rendered(dom, tuple(requests), tuple(console), tuple(errors), image)
