"""Test helpers shared by the suites: run the `tijara` CLI in a child process, as a user or an operator would."""

from __future__ import annotations

import os
import subprocess
import sys


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
