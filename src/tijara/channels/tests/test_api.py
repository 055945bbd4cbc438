"""Channels API: same answers as the CLI, clear 400s for bad input, nothing half-saved."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from tijara.channels.models import ChannelConnection, Listing

pytestmark = pytest.mark.django_db


def test_validate_endpoint_gives_the_cli_answer(client, owner_user, organisation, channels_light):
    client.force_login(owner_user)
    api = client.get(f"/api/v1/channels/{organisation.slug}/validate?channel=google").json()
    stdout = io.StringIO()
    with translation.override(None):
        call_command("listings", "validate", "--org", organisation.slug, "--channel", "google", "--json", stdout=stdout)
    cli = json.loads(stdout.getvalue())
    assert (api["ready"], api["blocked"]) == (cli["ready"], cli["blocked"]) == (0, 1)
    assert [i["sku"] for i in api["items"]] == [i["sku"] for i in cli["items"]] == ["LIGHT-1-A"]
    assert {p["rule"] for p in api["items"][0]["problems"]} == {p["rule"] for p in cli["items"][0]["problems"]}


@pytest.mark.parametrize(("body", "code"), [
    ({"kind": "ebay", "country": "USA"}, "unknown_channel"),
    ({"kind": "google", "country": "ZZZ"}, "unknown_country"),
    ({"kind": "google", "country": "USA", "currency": "XYZ"}, "unknown_currency"),
    ({"kind": "google", "country": "USA", "shipping": {"price": "-4"}}, "invalid_shipping"),
])
def test_bad_connection_is_a_400_naming_the_problem(client, owner_user, organisation, body, code):
    client.force_login(owner_user)
    response = client.post(f"/api/v1/channels/{organisation.slug}/connections", json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == code
    assert not ChannelConnection.objects.exists()


def test_create_connection_checks_listings_and_lists_them(client, owner_user, organisation, channels_light):
    client.force_login(owner_user)
    response = client.post(f"/api/v1/channels/{organisation.slug}/connections",
                           json.dumps({"kind": "shopify", "country": "FRA", "language": "en"}),
                           content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert (data["kind"], data["country"], data["language"], data["currency"]) == ("shopify", "FRA", "en", "EUR")
    assert data["feed_urls"]["csv"].endswith(".csv") and "credentials" not in json.dumps(data).replace("has_credentials", "")
    listings = client.get(f"/api/v1/channels/{organisation.slug}/connections/{data['id']}/listings").json()
    assert [(item["sku"], item["state"]) for item in listings] == [("LIGHT-1-A", "ready")]
    assert listings[0]["currency"] == "EUR" and float(listings[0]["price"]) > 0
    assert Listing.objects.filter(connection_id=data["id"]).count() == 1


def test_listings_problems_are_given_in_the_callers_language_whoever_ran_the_check(
        client, owner_user, organisation, channels_google):
    from tijara.channels import services

    with translation.override("ar"):
        services.listings_refresh(connection=channels_google)
    client.force_login(owner_user)
    url = f"/api/v1/channels/{organisation.slug}/connections/{channels_google.pk}/listings?state=blocked"
    listings = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    problems = [p for listing in listings for p in listing["problems"]]
    assert problems and any("pas de texte en" in p["message"] for p in problems)
    assert not any(set(p["message"]) & {chr(c) for c in range(0x0600, 0x0700)} for p in problems)
    assert all(set(p) == {"field", "severity", "rule", "source", "message"} for p in problems)  # no stored data
