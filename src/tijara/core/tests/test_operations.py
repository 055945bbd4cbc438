"""Operations endpoints and production helpers: health, readiness, metrics, JSON logs, rate limits."""

import json
import logging

import pytest
from django.core.cache import cache

from tijara.core.errors import TijaraError
from tijara.core.logging import JsonFormatter
from tijara.core.ratelimit import rate_limit_enforce


def test_healthz_and_readyz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "migrations": "ok"}


def test_metrics_count_requests_and_show_the_task_queue(client, db):
    client.get("/healthz")
    body = client.get("/metrics").content.decode()
    assert 'tijara_http_requests_total{method="GET",status="200",view="core:healthz"}' in body
    assert "tijara_http_request_duration_seconds_bucket" in body
    assert "# TYPE tijara_tasks gauge" in body


def test_json_log_lines():
    record = logging.LogRecord("tijara", logging.WARNING, __file__, 1, "stock %s for %s", (0, "RUG-1"), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["message"] == "stock 0 for RUG-1" and line["logger"] == "tijara"


def test_rate_limit_refuses_past_the_limit():
    cache.clear()
    for _ in range(3):
        rate_limit_enforce(scope="test", key="k", limit=3, window_seconds=60)
    with pytest.raises(TijaraError) as exc:
        rate_limit_enforce(scope="test", key="k", limit=3, window_seconds=60)
    assert exc.value.status == 429
    rate_limit_enforce(scope="test", key="other", limit=3, window_seconds=60)
    cache.clear()


def test_assistant_api_is_rate_limited(client, db, monkeypatch):
    import types

    from tijara.assistant import api_ask
    from tijara.core import ratelimit

    cache.clear()
    monkeypatch.setattr(api_ask, "ASK_LIMIT", 2)
    # one fixed window: the first answer loads the models (seconds), which must not straddle a window's end
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 6_000_000_300.0))
    codes = [client.post("/api/v1/ask", {"question": "Quel document d'origine pour les tapis ?", "lang": "fr"},
                         content_type="application/json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    cache.clear()
