"""Permission matrix for accounts' private pages and endpoints: status per actor, and nothing changed."""

import json

import pytest
from django.forms.models import model_to_dict

from tijara.accounts.models import Membership, Organisation

ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]
LOGIN = 302  # anonymous page requests are redirected to the login page
API_ANON = 401

# (case, method, path template, body, expected status per actor, whether the request may change data)
CASES = [
    ("dashboard", "get", "/accounts/dashboard/", None,
     dict(anonymous=LOGIN, outsider=200, member=200, manager=200, owner=200, advisor=200, admin=200), False),
    ("profile edit page", "get", "/accounts/organisations/{slug}/edit/", None,
     dict(anonymous=LOGIN, outsider=404, member=403, manager=200, owner=200, advisor=403, admin=403), False),
    ("profile edit post", "post", "/accounts/organisations/{slug}/edit/",
     {"public_name": "Hijacked", "legal_name": "Hijacked"},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=302, owner=302, advisor=403, admin=403), True),
    ("verify", "post", "/accounts/organisations/{slug}/verify/", {"verified": "1"},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=403, owner=403, advisor=302, admin=302), True),
    ("advisor page", "get", "/accounts/advisor/", None,
     dict(anonymous=LOGIN, outsider=403, member=403, manager=403, owner=403, advisor=200, admin=200), False),
    ("tokens page", "get", "/accounts/tokens/", None,
     dict(anonymous=LOGIN, outsider=200, member=200, manager=200, owner=200, advisor=200, admin=200), False),
    ("export", "get", "/accounts/organisations/{slug}/export/", None,
     dict(anonymous=LOGIN, outsider=404, member=403, manager=403, owner=200, advisor=403, admin=200), False),
    ("delete with wrong confirmation", "post", "/accounts/organisations/{slug}/delete/", {"confirm_slug": "nope"},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=403, owner=200, advisor=403, admin=403), False),
    ("api export", "get", "/api/v1/accounts/organisations/{slug}/export", None,
     dict(anonymous=API_ANON, outsider=404, member=403, manager=403, owner=200, advisor=403, admin=200), False),
    ("api delete with wrong confirmation", "post", "/api/v1/accounts/organisations/{slug}/delete", {"confirm_slug": "x"},
     dict(anonymous=API_ANON, outsider=404, member=403, manager=403, owner=400, advisor=403, admin=400), False),
    ("api organisation", "get", "/api/v1/accounts/organisations/{slug}", None,
     dict(anonymous=API_ANON, outsider=404, member=200, manager=200, owner=200, advisor=200, admin=200), False),
    ("api organisation patch", "patch", "/api/v1/accounts/organisations/{slug}", {"city": "Hijacked"},
     dict(anonymous=API_ANON, outsider=404, member=403, manager=200, owner=200, advisor=403, admin=403), True),
    ("api my organisations", "get", "/api/v1/accounts/organisations", None,
     dict(anonymous=API_ANON, outsider=200, member=200, manager=200, owner=200, advisor=200, admin=200), False),
    ("api me", "get", "/api/v1/accounts/me", None,
     dict(anonymous=API_ANON, outsider=200, member=200, manager=200, owner=200, advisor=200, admin=200), False),
]


def snapshot(organisation: Organisation) -> dict:
    organisation.refresh_from_db()
    data = model_to_dict(organisation, exclude=["logo"])
    data["members"] = sorted(Membership.objects.filter(organisation=organisation).values_list("user__email", "role"))
    return data


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("case", "method", "path", "body", "expected", "writes"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, organisation, actor, case, method, path, body, expected, writes):
    user = cast[actor]
    if user is not None:
        client.force_login(user)
    before = snapshot(organisation)
    url = path.format(slug=organisation.slug)
    if path.startswith("/api/"):
        response = getattr(client, method)(url, json.dumps(body) if body else None, content_type="application/json")
    else:
        response = getattr(client, method)(url, body or {})
    assert response.status_code == expected[actor], f"{case} as {actor}"
    after = snapshot(organisation)
    if not writes or expected[actor] >= 400 or expected[actor] == LOGIN and user is None:
        assert after == before, f"{case} as {actor} changed data"
