"""Processes `tijara serve` starts as its development server or task workers load the models as Django starts."""

import pytest

from tijara.core import warmup


@pytest.mark.parametrize(("env", "argv", "run_main", "warmed"), [
    (None, ["tijara", "runserver"], "true", False),  # not started by `tijara serve`
    ("1", ["tijara", "runserver"], None, False),  # the autoreloader's file watcher serves nothing
    ("1", ["tijara", "runserver"], "true", True),
    ("1", ["tijara", "runserver", "--noreload"], None, True),
    ("1", ["tijara", "db_worker", "--no-reload"], None, True),
])
def test_warm_at_start(monkeypatch, env, argv, run_main, warmed):
    calls = []
    monkeypatch.setattr(warmup, "warm", lambda parts=None: calls.append(parts))
    for name, value in ((warmup.WARM_AT_START, env), ("RUN_MAIN", run_main)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.setattr(warmup.sys, "argv", argv)
    warmup.warm_at_start()
    assert calls == ([warmup.MODEL_PARTS] if warmed else [])


def test_warm_loads_only_the_named_parts(monkeypatch):
    loaded = []
    monkeypatch.setattr(warmup, "PARTS", [(n, lambda n=n: loaded.append(n)) for n in ("a", "b", "c")])
    assert set(warmup.warm(("a", "c"))) == {"a", "c"} and loaded == ["a", "c"]
