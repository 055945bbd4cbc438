import json

import pytest
from django.test import Client

from tijara.accounts import services


def test_openapi_document_is_valid_openapi_3(client):
    from openapi_spec_validator import validate

    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    validate(document)


def test_docs_page_is_served_without_a_cdn(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"cdn.jsdelivr" not in response.content and b"unpkg.com" not in response.content


def test_health_reports_database_and_versions(client, db):
    data = client.get("/api/v1/health").json()
    assert data["database"] == "ok" and data["status"] == "ok"
    assert data["django"].startswith("5.2")


def test_token_authenticates_scripts_and_revoked_token_does_not(client, owner_user, organisation):
    _token, key = services.api_token_create(user=owner_user, name="ci")
    response = client.get("/api/v1/accounts/organisations", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert [o["slug"] for o in response.json()] == [organisation.slug]
    services.api_token_revoke(user=owner_user, token_id=_token.pk)
    assert client.get("/api/v1/accounts/organisations", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_token_created_through_api_is_shown_once(client, owner_user):
    client.force_login(owner_user)
    csrf_client = Client(enforce_csrf_checks=False)
    csrf_client.force_login(owner_user)
    response = csrf_client.post("/api/v1/accounts/tokens", json.dumps({"name": "laptop"}), content_type="application/json")
    assert response.status_code == 201
    key = response.json()["key"]
    listed = csrf_client.get("/api/v1/accounts/tokens").json()
    assert key not in json.dumps(listed)


@pytest.mark.parametrize("bad", ["Bearer nope", "Bearer " + "x" * 5000, "Basic abc"])
def test_bad_tokens_get_401(client, db, bad):
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=bad).status_code == 401


def test_invalid_ice_through_api_is_400_with_code(client, owner_user, organisation):
    _token, key = services.api_token_create(user=owner_user, name="ci", scopes=["admin"])
    response = client.patch(f"/api/v1/accounts/organisations/{organisation.slug}", json.dumps({"ice": "42"}),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    organisation.refresh_from_db()
    assert organisation.ice == ""
