"""Every API operation that declares authentication refuses an anonymous caller (401), whatever its path.

The per-app permission matrices check what each role may do; this sweep makes sure no new endpoint is left open.
"""

import re

import pytest

from tijara.api import api

PARAM_VALUES = {"slug": "cooperative-a", "sku": "COOP-A-RUG-1", "iso3": "FRA", "hs": "570110", "code": "570110"}


def _operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if operation.get("security"):
                yield path, method, operation.get("operationId", "")


OPERATIONS = list(_operations())


def test_the_sweep_sees_the_private_endpoints():
    ids = {op for _path, _method, op in OPERATIONS}
    assert len(OPERATIONS) > 20
    assert any("organisation" in op for op in ids)


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS, ids=[o[2] or o[0] for o in OPERATIONS])
def test_anonymous_caller_is_refused(client, organisation, path, method, operation):
    url = re.sub(r"\{(\w+)\}", lambda m: str(PARAM_VALUES.get(m.group(1), 1)), path)
    response = getattr(client, method)(url, content_type="application/json")
    assert response.status_code == 401, f"{method.upper()} {url} answered {response.status_code} to an anonymous caller"
