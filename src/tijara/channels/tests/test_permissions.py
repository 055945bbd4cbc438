"""Permission matrix for the channels pages and API: status per actor, and nothing changed when refused."""

import json

import pytest
from django.utils import translation

from tijara.channels.models import ChannelConnection, Listing

LOGIN = 302
API_ANON = 401
READ = dict(anonymous=LOGIN, outsider=404, member=200, manager=200, owner=200, advisor=200, admin=200)

CASES = [
    ("page", "get", "/channels/{slug}/", None, READ, False),
    ("page blocked filter", "get", "/channels/{slug}/?connection={pk}&state=blocked", None, READ, False),
    # opened as a page (no htmx), the feed block leads readers to the connection's page
    ("feed status", "get", "/channels/{slug}/connections/{pk}/feeds/", None,
     {actor: (302 if code == 200 else code) for actor, code in READ.items()}, False),
    ("new connection", "post", "/channels/{slug}/connections/new/", {"kind": "meta", "country": "DEU"},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=302, owner=302, advisor=403, admin=403), True),
    ("refresh", "post", "/channels/{slug}/connections/{pk}/refresh/", {},
     dict(anonymous=LOGIN, outsider=404, member=302, manager=302, owner=302, advisor=403, admin=403), True),
    ("generate", "post", "/channels/{slug}/connections/{pk}/generate/", {},
     dict(anonymous=LOGIN, outsider=404, member=302, manager=302, owner=302, advisor=403, admin=403), True),
    ("credentials", "post", "/channels/{slug}/connections/{pk}/credentials/", {"api_key": "stolen"},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=302, owner=302, advisor=403, admin=403), True),
    ("delete", "post", "/channels/{slug}/connections/{pk}/delete/", {},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=302, owner=302, advisor=403, admin=403), True),
    ("product attributes", "post", "/channels/{slug}/product-attributes/", {"sku": "LIGHT-1", "gender": "female"},
     dict(anonymous=LOGIN, outsider=404, member=302, manager=302, owner=302, advisor=403, admin=403), True),
    ("api connections", "get", "/api/v1/channels/{slug}/connections", None,
     dict(anonymous=API_ANON, outsider=404, member=200, manager=200, owner=200, advisor=200, admin=200), False),
    ("api create", "post", "/api/v1/channels/{slug}/connections", {"kind": "meta", "country": "DEU"},
     dict(anonymous=API_ANON, outsider=404, member=403, manager=201, owner=201, advisor=403, admin=403), True),
    ("api listings", "get", "/api/v1/channels/{slug}/connections/{pk}/listings?state=blocked", None,
     dict(anonymous=API_ANON, outsider=404, member=200, manager=200, owner=200, advisor=200, admin=200), False),
    ("api refresh", "post", "/api/v1/channels/{slug}/connections/{pk}/refresh", None,
     dict(anonymous=API_ANON, outsider=404, member=200, manager=200, owner=200, advisor=403, admin=403), True),
    ("api validate", "get", "/api/v1/channels/{slug}/validate?channel=google", None,
     dict(anonymous=API_ANON, outsider=404, member=200, manager=200, owner=200, advisor=200, admin=200), False),
]


def snapshot(organisation) -> list:
    from tijara.channels.models import ProductChannelAttributes

    attributes = sorted(ProductChannelAttributes.objects.filter(product__organisation=organisation)
                        .values_list("product__sku", "gender"))
    return [attributes] + sorted(
        (c.kind, c.country, c.name, c.credentials_encrypted, c.is_active,
         tuple(Listing.objects.filter(connection=c).order_by("sku").values_list("sku", "state", "last_checked_at")),
         tuple(c.feed_runs.values_list("status")))
        for c in ChannelConnection.objects.filter(organisation=organisation))


@pytest.mark.parametrize("actor", ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"])
@pytest.mark.parametrize(("case", "method", "path", "body", "expected", "writes"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, organisation, channels_light, actor, case, method, path, body, expected,
                           writes, django_capture_on_commit_callbacks):
    from tijara.channels import services

    channels_google = channels_light
    services.listings_refresh(connection=channels_google)
    user = cast[actor]
    if user is not None:
        client.force_login(user)
    before = snapshot(organisation)
    url = path.format(slug=organisation.slug, pk=channels_google.pk)
    with django_capture_on_commit_callbacks(execute=True):
        if path.startswith("/api/"):
            response = getattr(client, method)(url, json.dumps(body) if body else None, content_type="application/json")
        else:
            response = getattr(client, method)(url, body or {})
    assert response.status_code == expected[actor], f"{case} as {actor}: {response.content[:300]}"
    if not writes or expected[actor] >= 400 or (expected[actor] == LOGIN and user is None):
        assert snapshot(organisation) == before, f"{case} as {actor} changed data"
    else:
        assert snapshot(organisation) != before, f"{case} as {actor} should have changed data"


def test_credentials_are_never_shown_back(client, owner_user, organisation, channels_google):
    from tijara.channels import services

    services.connection_credentials_set(actor=owner_user, connection=channels_google,
                                        credentials={"api_key": "visible-key-123", "access_token": "tok-456"})
    client.force_login(owner_user)
    page = client.get(f"/channels/{organisation.slug}/?connection={channels_google.pk}").content.decode()
    api = client.get(f"/api/v1/channels/{organisation.slug}/connections").content.decode()
    for text in (page, api):
        assert "visible-key-123" not in text and "tok-456" not in text
    assert json.loads(api)[0]["has_credentials"] is True


def test_page_lists_blockers_with_fixes_and_feed_urls(client, owner_user, organisation, channels_google):
    from tijara.channels import services

    with translation.override("en"):
        services.listings_refresh(connection=channels_google)
    client.force_login(owner_user)
    html = client.get(f"/channels/{organisation.slug}/?connection={channels_google.pk}&state=blocked&lang=en").content.decode()
    # Grouped by product: the pouf's Arabic title with its language mark, the field in words and a link to fix it.
    assert "بوف جلدي مطرز" in html and "in Arabic" in html and "RUG-1-A" not in html
    assert "has no text in" in html and "/texts/en/" in html
    for raw in ("translation_missing", "docs/channels.md", "google:", "Fix:", "Source:"):
        assert raw not in html, raw
    assert f"/channels/feeds/{channels_google.feed_token}.xml" in html
    partial = client.get(f"/channels/{organisation.slug}/?connection={channels_google.pk}&state=ready",
                         HTTP_HX_REQUEST="true").content.decode()
    assert "RUG-1-A" in partial and "<html" not in partial


def test_etsy_oauth_connect_flow_stores_tokens_encrypted(client, owner_user, organisation):
    from urllib.parse import parse_qs, urlsplit

    from tijara.channels import crypto, services
    from tijara.channels.adapters.etsy.tests.etsy_server import EtsyServer

    with EtsyServer(api_key="oauthkey") as server:
        connection = services.connection_create(
            actor=owner_user, organisation=organisation, kind="etsy", country="USA",
            credentials={"api_key": "oauthkey", "base_url": server.url, "authorize_url": server.url + "/oauth/connect"})
        client.force_login(owner_user)
        response = client.post(f"/channels/{organisation.slug}/connections/{connection.pk}/etsy/connect/")
        assert response.status_code == 302 and response["Location"].startswith(server.url + "/oauth/connect?")
        query = parse_qs(urlsplit(response["Location"]).query)
        assert query["code_challenge_method"] == ["S256"] and query["client_id"] == ["oauthkey"]
        # The shop owner approves on Etsy (here: the local server), which redirects back with a code.
        import urllib.request

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        try:
            urllib.request.build_opener(NoRedirect).open(response["Location"])
        except Exception as exc:  # noqa: BLE001 - the 302 carries the callback URL
            callback = exc.headers["Location"]
        assert client.get("/channels/etsy/callback/?state=forged&code=x").status_code == 400
        client.post(f"/channels/{organisation.slug}/connections/{connection.pk}/etsy/connect/")
        response = client.get(f"/channels/{organisation.slug}/connections/{connection.pk}/etsy/connect/")
        assert response.status_code == 405
    # A fresh flow after the forged attempt consumed the pending state.
    with EtsyServer(api_key="oauthkey") as server:
        services.connection_credentials_set(actor=owner_user, connection=connection, credentials={
            "api_key": "oauthkey", "base_url": server.url, "authorize_url": server.url + "/oauth/connect"})
        location = client.post(f"/channels/{organisation.slug}/connections/{connection.pk}/etsy/connect/")["Location"]
        try:
            urllib.request.build_opener(NoRedirect).open(location)
        except Exception as exc:  # noqa: BLE001
            callback = exc.headers["Location"]
        path = urlsplit(callback)
        response = client.get(f"{path.path}?{path.query}")
        assert response.status_code == 302
        connection.refresh_from_db()
        stored = crypto.decrypt(connection.credentials_encrypted)
        assert stored["access_token"] in server.state.tokens and stored["refresh_token"]
        assert stored["access_token"] not in connection.credentials_encrypted
