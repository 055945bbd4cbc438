"""Channels services on a real database: connections, listings, feeds to storage, stock propagation, languages."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from lxml import etree

from tijara.catalog import services as catalog
from tijara.channels import crypto, services
from tijara.channels.adapters.google.writer import G_NS
from tijara.channels.models import ChannelConnection, FeedRun, Listing
from tijara.core.errors import PermissionDenied, TijaraError

pytestmark = pytest.mark.django_db


def feed_skus(run: FeedRun) -> list[str]:
    with default_storage.open(run.file_name, "rb") as handle:
        root = etree.parse(handle).getroot()
    return [i.findtext(f"{{{G_NS}}}id") for i in root.iter("item")]


def test_connection_defaults_language_and_currency_from_the_country(organisation, owner_user):
    connection = services.connection_create(actor=owner_user, organisation=organisation, kind="meta", country="FR")
    assert (connection.country, connection.language, connection.currency) == ("FRA", "fr", "EUR")
    assert len(connection.feed_token) >= 32


@pytest.mark.parametrize(("field", "value", "code"), [
    ("kind", "ebay-motors", "unknown_channel"), ("country", "XXX", "unknown_country"),
    ("language", "zz", "unknown_language"), ("currency", "EURO", "unknown_currency"),
])
def test_bad_connection_input_is_refused_and_nothing_saved(organisation, owner_user, field, value, code):
    data = {"kind": "google", "country": "USA", "language": "en", "currency": "USD", field: value}
    with pytest.raises(TijaraError) as exc:
        services.connection_create(actor=owner_user, organisation=organisation, **data)
    assert exc.value.code == code
    assert not ChannelConnection.objects.exists()


def test_member_cannot_create_connection_and_credentials_are_encrypted(organisation, owner_user, member_user):
    with pytest.raises(PermissionDenied):
        services.connection_create(actor=member_user, organisation=organisation, kind="etsy", country="USA")
    connection = services.connection_create(actor=owner_user, organisation=organisation, kind="etsy", country="USA",
                                            credentials={"api_key": "k3y", "access_token": "s3cret-token"})
    stored = ChannelConnection.objects.get(pk=connection.pk).credentials_encrypted
    assert "s3cret" not in stored and crypto.decrypt(stored)["access_token"] == "s3cret-token"


def test_listings_refresh_states_texts_and_prices(channels_google):
    counts = services.listings_refresh(connection=channels_google)
    assert counts == {"ready": 2, "blocked": 1, "published": 0, "error": 0}
    rug = Listing.objects.get(sku="RUG-1-A")
    assert rug.state == "ready" and rug.title.startswith("Handwoven") and rug.text_language == "en"
    assert rug.currency == "USD" and rug.price > 0
    assert rug.price_breakdown["retail_price"]["currency"] == "USD"
    assert rug.price_breakdown["retail_price"]["rate"]["source"]  # the rate's source travels with the price
    assert 0 < rug.quality_score <= 100 and rug.improvements


def test_arabic_only_product_is_blocked_for_an_english_feed_and_never_sent_in_arabic(channels_google):
    with translation.override("en"):
        services.listings_refresh(connection=channels_google)
    pouf = Listing.objects.get(sku="POUF-1-A")
    assert pouf.state == "blocked" and pouf.title == ""
    problem = next(p for p in pouf.problems if p["rule"] == "translation_missing")
    assert problem["severity"] == "error" and "has no text in" in problem["message"]
    run = services.feed_generate(connection=channels_google, fmt="xml")
    with default_storage.open(run.file_name, "rb") as handle:
        data = handle.read().decode()
    assert "POUF-1-A" not in data and "بوف" not in data


def test_reviewed_translation_unblocks_the_arabic_product(channels_google, channels_catalog, owner_user):
    catalog.product_text_set(actor=owner_user, product=channels_catalog["pouf"], language="en",
                             title="Embroidered leather pouf", description="Hand-stitched.",
                             origin="machine_suggested_reviewed")
    services.listings_refresh(connection=channels_google)
    pouf = Listing.objects.get(sku="POUF-1-A")
    assert pouf.title == "Embroidered leather pouf"
    assert "translation_missing" not in {p["rule"] for p in pouf.problems}


def test_feed_generation_streams_to_storage_and_sold_unique_piece_disappears_next_time(channels_google, channels_catalog,
                                                                                     owner_user):
    first = services.feed_generate(connection=channels_google, fmt="xml")
    assert first.status == "succeeded" and first.items_written == 2 and first.items_blocked == 1
    assert sorted(feed_skus(first)) == ["PLATE-1-A", "RUG-1-A"]
    plate_variant = channels_catalog["plate"].variants.get()
    catalog.variant_update(actor=owner_user, variant=plate_variant, stock=0)
    second = services.feed_generate(connection=channels_google, fmt="xml")
    assert feed_skus(second) == ["RUG-1-A"]
    first.refresh_from_db()
    assert first.file_name == "" and second.file_name and second.etag != first.etag


def test_failed_generation_keeps_the_last_good_feed(channels_google, monkeypatch, client):
    good = services.feed_generate(connection=channels_google, fmt="xml")

    def disk_full(**kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(services, "feed_write", disk_full)
    failed = services.feed_generate(connection=channels_google, fmt="xml")
    assert failed.status == "failed" and "No space left" in failed.error
    good.refresh_from_db()
    assert good.file_name and default_storage.exists(good.file_name)
    response = client.get(f"/channels/feeds/{channels_google.feed_token}.xml")
    assert response.status_code == 200 and response["ETag"] == f'"{good.etag}"'


def test_an_interrupted_run_is_marked_failed_by_the_next_one(channels_google):
    stale = FeedRun.objects.create(connection=channels_google, format="xml")
    run = services.feed_generate(connection=channels_google, fmt="xml")
    stale.refresh_from_db()
    assert run.status == "succeeded" and stale.status == "failed" and stale.error


def test_feed_url_serves_etag_last_modified_and_304(channels_google, client):
    url = f"/channels/feeds/{channels_google.feed_token}.xml"
    assert client.get(url).status_code == 404  # nothing generated yet
    run = services.feed_generate(connection=channels_google, fmt="xml")
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert etree.fromstring(body).tag == "rss"
    assert response["ETag"] == f'"{run.etag}"' and response["Last-Modified"].endswith("GMT")
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    assert client.get(f"/channels/feeds/{'x' * 32}.xml").status_code == 404
    assert client.get(f"/channels/feeds/{channels_google.feed_token}.tsv").status_code == 404


def test_cli_feed_and_validate_json_shape(channels_google, organisation, tmp_path):
    out = tmp_path / "google.xml"
    stdout = io.StringIO()
    call_command("feed", "google", "--org", organisation.slug, "--out", str(out), stdout=stdout)
    assert "2 items written" in stdout.getvalue()
    assert len(etree.parse(str(out)).getroot().findall("channel/item")) == 2
    tsv = tmp_path / "google.txt"
    call_command("feed", "google", "--org", organisation.slug, "--format", "tsv", "--out", str(tsv), stdout=io.StringIO())
    assert tsv.read_text().splitlines()[0].startswith("id\ttitle\tdescription")
    stdout = io.StringIO()
    call_command("listings", "validate", "--org", organisation.slug, "--channel", "google", "--json", stdout=stdout)
    report = json.loads(stdout.getvalue())
    assert set(report) == {"ready", "blocked", "items"} and (report["ready"], report["blocked"]) == (2, 1)
    for item in report["items"]:
        assert set(item) == {"sku", "state", "problems"} and item["state"] in {"ready", "blocked"}
        for p in item["problems"]:
            assert set(p) == {"field", "severity", "rule", "source", "message"}
            assert p["severity"] in {"error", "warning", "advice"}


def test_cli_uses_requested_target_without_a_connection(organisation, channels_catalog, tmp_path):
    out = tmp_path / "meta.csv"
    call_command("feed", "meta", "--org", organisation.slug, "--country", "FRA", "--language", "fr", "--currency",
                 "EUR", "--out", str(out), stdout=io.StringIO())
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,title,description,availability")
    assert any("Tapis Beni Ouarain" in line and "EUR" in line for line in lines[1:])
    assert not ChannelConnection.objects.exists()


@pytest.mark.parametrize("args", [["nochannel", "--org", "x"], ["google", "--org", "no-such-org"],
                                  ["google", "--format", "pdf"]])
def test_cli_errors_exit_non_zero(organisation, tmp_path, args):
    if "--org" not in args:
        args = [*args, "--org", organisation.slug]
    with pytest.raises(CommandError):
        call_command("feed", *args, "--out", str(tmp_path / "f"), stdout=io.StringIO())
    assert not (tmp_path / "f").exists()


@pytest.mark.parametrize(("kind", "fmt"), [("google", "xml"), ("google", "tsv"), ("meta", "csv"), ("shopify", "csv"),
                                           ("woocommerce", "csv"), ("amazon_handmade", "xlsx"), ("etsy", "jsonl")])
def test_every_channel_writes_its_feed_from_the_database(organisation, channels_catalog, kind, fmt):
    connection = services.connection_for_cli(organisation=organisation, kind=kind, country="USA")
    out = io.BytesIO()
    written, blocked = services.feed_write(connection=connection, fmt=fmt, out=out)
    assert written + blocked == 3
    assert blocked >= 1  # the Arabic-only pouf
    if kind == "etsy":
        assert written == 0  # no taxonomy/profile IDs set: every draft is blocked, nothing half-made is exported
    else:
        assert written >= 1 and out.getvalue()


def test_publish_to_etsy_creates_a_draft_on_the_local_server(organisation, owner_user, channels_catalog,
                                                              django_capture_on_commit_callbacks):
    from tijara.channels.adapters.etsy.tests.etsy_server import EtsyServer

    with EtsyServer(api_key="key1") as server:
        tokens = server.state.issue_tokens()
        connection = services.connection_create(
            actor=owner_user, organisation=organisation, kind="etsy", country="USA",
            credentials={"api_key": "key1", "access_token": tokens["access_token"], "base_url": server.url},
            settings={"shop_id": 777, "shipping_profile_id": 1, "readiness_state_id": 2, "taxonomy_ids": {"rugs": 5},
                      "activate": True})
        services.listings_refresh(connection=connection)
        listing = Listing.objects.get(connection=connection, sku="RUG-1-A")
        assert listing.state == "ready", listing.problems
        with django_capture_on_commit_callbacks(execute=True):
            services.listing_publish_enqueue(actor=owner_user, listing=listing)  # immediate backend in tests
    listing.refresh_from_db()
    assert listing.state == "published" and listing.external_id
    created = server.state.listings[int(listing.external_id)]
    assert created["state"] == "active" and created["title"].startswith("Handwoven")
    assert len(server.state.images[int(listing.external_id)]) == 1
    # Refreshing keeps the published state of a listing that is still valid.
    services.listings_refresh(connection=connection)
    assert Listing.objects.get(pk=listing.pk).state == "published"


def test_apparel_attributes_set_per_product_clear_the_google_apparel_errors(organisation, owner_user):
    bag = catalog.product_create(actor=owner_user, organisation=organisation, sku="BABOUCHE-1", craft_family="footwear",
                                 status="ready", is_public=True,
                                 texts={"en": {"title": "Leather babouches, saffron", "description": "Hand-stitched."}})
    catalog.variant_create(actor=owner_user, product=bag, sku="BABOUCHE-1-40", price_mad="350", stock=4, size="40",
                           colour="Saffron")
    connection = services.connection_for_cli(organisation=organisation, kind="google", country="USA")
    rules = {p["rule"] for p in services.listings_report(connection=connection)["items"][0]["problems"]}
    assert {"gender", "age_group"} <= rules and "size" not in rules and "color" not in rules
    services.product_channel_attributes_set(actor=owner_user, product=bag, gender="female", age_group="adult")
    rules = {p["rule"] for p in services.listings_report(connection=connection)["items"][0]["problems"]}
    assert not {"gender", "age_group"} & rules
    with pytest.raises(TijaraError):
        services.product_channel_attributes_set(actor=owner_user, product=bag, gender="robot")


def test_hidden_catalog_page_is_not_a_landing_page_unless_a_url_template_is_set(channels_google, channels_catalog,
                                                                                 owner_user):
    catalog.product_update(actor=owner_user, product=channels_catalog["rug"], is_public=False)
    report = services.listings_report(connection=channels_google)
    rug = next(i for i in report["items"] if i["sku"] == "RUG-1-A")
    assert rug["state"] == "blocked" and ("link", "link") in {(p["field"], p["rule"]) for p in rug["problems"]}
    services.connection_update(actor=owner_user, connection=channels_google,
                               settings={"product_url_template": "https://coop-a.example/p/{sku}"})
    report = services.listings_report(connection=channels_google)
    rug = next(i for i in report["items"] if i["sku"] == "RUG-1-A")
    assert rug["state"] == "ready"


def test_publish_feeds_command_refreshes_and_regenerates_every_active_connection(channels_light, organisation):
    stdout = io.StringIO()
    call_command("publish_feeds", stdout=stdout)
    runs = list(FeedRun.objects.filter(connection=channels_light).order_by("format"))
    assert [(r.format, r.status) for r in runs] == [("tsv", "succeeded"), ("xml", "succeeded")]
    assert all(default_storage.exists(r.file_name) for r in runs)
    assert "2 feeds, 0 failed" in stdout.getvalue()
    assert Listing.objects.filter(connection=channels_light).count() == 1


def test_a_problem_message_names_the_field_in_words_and_keeps_its_key_apart():
    """The sentence (shown on the export plan and by the CLI) names the field as the listings page does."""
    from tijara.channels.adapters.etsy import rules
    from tijara.channels.problems import field_words, problem

    with translation.override("fr"):
        found = problem(rules.TAXONOMY, "taxonomy_id", "aucune catégorie.", "indiquez-la.")
        assert found.message.startswith("Catégorie Etsy") and "taxonomy_id" not in found.message
        assert field_words("shipping_profile_id") == "Profil d'expédition"
    assert found.field == "taxonomy_id"  # the JSON still carries the key
