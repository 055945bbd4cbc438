"""What the journey tests share: the widths and accessibility rules, a page's console watch, where screenshots go,
logging in through the form, and the checks every screen passes (no console error, no sideways scroll, axe clean)."""

from __future__ import annotations

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from tijara.accounts.tests.fixtures import PASSWORD

WIDTHS = (390, 1280)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


class Watch:
    """Console errors and uncaught exceptions of a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def shots(kind: str) -> Path:
    """The screenshot folder: $TIJARA_SCREENSHOTS, else a temporary one per journey."""
    folder = Path(os.environ.get("TIJARA_SCREENSHOTS") or f"/tmp/tijara-{kind}-shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(page, base: str, email: str, *, password: str = PASSWORD, query: str = "") -> None:
    """Fill and send the login form (the caller waits for where it leads)."""
    page.goto(f"{base}/accounts/login/{query}")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()


def sideways(page) -> int:
    """How many pixels the page scrolls sideways (0 or less: none)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_axe_clean(page, label: str, *, context: str | None = None) -> None:
    """No serious or critical axe-core violation (under ``context`` when given)."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    result = Axe().run(page, context=context, options=options) if context else Axe().run(page, options=options)
    bad = [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{label}:\n" + result.generate_report()
