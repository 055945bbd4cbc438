"""Test helpers shared by the suites: run the `tijara` CLI in a child process, as a user or an operator would; read
the text a page shows."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser


def process_env(**overrides: str) -> dict:
    """The environment of a child process of the platform: the test's own, with the production settings module
    and without the test-only async override, plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DJANGO_SETTINGS_MODULE"] = "tijara.settings"
    env.update(overrides)
    return env


def run_cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run `python -m tijara ARGS` with `env` (default: process_env()) and capture its output as text."""
    return subprocess.run([sys.executable, "-m", "tijara", *args], env=env if env is not None else process_env(),
                          capture_output=True, text=True, timeout=timeout)


class _Text(HTMLParser):
    def __init__(self, skip: tuple[str, ...]):
        super().__init__()
        self.parts, self._skip, self._skipped = [], skip, 0

    def handle_starttag(self, tag, attrs):
        self._skipped += tag in self._skip

    def handle_endtag(self, tag):
        self._skipped -= tag in self._skip and self._skipped > 0

    def handle_data(self, data):
        if not self._skipped:
            self.parts.append(data)


def visible_text(html: str, skip: tuple[str, ...] = ("script", "style")) -> str:
    """The text a page shows to read: tag attributes (href, title, id) and the elements in `skip` left out."""
    parser = _Text(skip)
    parser.feed(html)
    return " ".join(parser.parts)
