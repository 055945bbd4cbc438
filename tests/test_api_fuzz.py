"""schemathesis against /api/openapi.json: generated requests (bounded) never get a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tijara.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Called as a raw WSGI app, Django would close the database connection after each request (as in production);
    inside a test transaction that would end the test's connection. Django's own test client does the same."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(owner_user, organisation):
    from tijara.accounts import services

    _row, key = services.api_token_create(user=owner_user, name="fuzz", scopes=["read", "catalog:write", "admin"])
    return key


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_on_generated_input(case, token):
    # the delete endpoint with a matching slug would remove the fixture organisation: fine, it is per test
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])
