"""Inputs that used to give a 500 through the API, and the rate limit of the public classifier."""

import json

import pytest
from django.core.cache import cache

from tijara.accounts import services as accounts


@pytest.fixture
def read_token(owner_user):
    _row, key = accounts.api_token_create(user=owner_user, name="inputs", scopes=["read"])
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_negative_offset_is_a_client_error(client, organisation, read_token):
    url = f"/api/v1/catalog/organisations/{organisation.slug}/products"
    response = client.get(url, {"offset": -5}, **read_token)
    assert response.status_code == 422
    assert "offset" in response.content.decode()
    assert client.get(url, {"offset": 0}, **read_token).status_code == 200


@pytest.mark.parametrize("body", [
    pytest.param('{"question": "tapis \\ud800 maroc"}', id="lone_high_surrogate"),
    pytest.param('{"question": "ok", "lang": "\\udc00"}', id="lone_low_surrogate_in_other_field"),
])
def test_lone_surrogate_in_ask_is_a_400(client, db, body):
    response = client.post("/api/v1/ask", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_text"


def test_paired_surrogates_are_real_text(client, db):
    cache.clear()
    response = client.post("/api/v1/classify", '{"text": "tapis \\ud83d\\ude00"}', content_type="application/json")
    assert response.status_code == 200


def test_json_body_over_the_limit_is_a_413(client, db, settings):
    body = json.dumps({"question": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = client.post("/api/v1/ask", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large" and "5 MB" in response.json()["message"]


def test_classify_is_rate_limited_per_visitor_behind_the_proxy(client, db, settings, monkeypatch):
    from tijara.assistant import api_classify

    cache.clear()
    settings.TIJARA_TRUSTED_PROXIES = ["127.0.0.1"]
    monkeypatch.setattr(api_classify, "CLASSIFY_LIMIT", 3)
    payload = json.dumps({"text": "tapis berbère en laine"})
    statuses = [client.post("/api/v1/classify", payload, content_type="application/json",
                            HTTP_X_FORWARDED_FOR="203.0.113.7").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.post("/api/v1/classify", payload, content_type="application/json",
                        HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200
    cache.clear()


def test_classify_page_shares_the_limit(client, db, settings, monkeypatch):
    from tijara.assistant import api_classify

    cache.clear()
    monkeypatch.setattr(api_classify, "CLASSIFY_LIMIT", 2)
    payload = json.dumps({"text": "tapis berbère en laine"})
    assert client.post("/api/v1/classify", payload, content_type="application/json").status_code == 200
    assert client.get("/assistant/classify/", {"text": "tapis"}, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    page = client.get("/assistant/classify/", {"text": "tapis"}, HTTP_ACCEPT_LANGUAGE="en")
    assert b"Too many requests" in page.content
    cache.clear()


@pytest.mark.django_db
def test_an_offset_beyond_any_page_is_a_clear_400_not_a_database_error(client):
    # PostgreSQL refuses an OFFSET beyond a bigint ("bigint out of range"): the API bounds it first
    response = client.get("/api/v1/pricing/rates?limit=10&offset=1993367884972162160131198418944")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "offset"]
    assert client.get("/api/v1/pricing/rates?limit=10&offset=5").status_code == 200
