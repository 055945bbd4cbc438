"""The feeds as the channels' own validators read them (scripts/feed_audit.py, rules from channel-specs.md)."""

import csv
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from lxml import etree

from tijara.catalog import services as catalog
from tijara.catalog.tests.fixtures import catalog_image_bytes
from tijara.channels import services

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[4] / "scripts" / "feed_audit.py"
G = "{http://base.google.com/ns/1.0}"


def _audit_module():
    spec = importlib.util.spec_from_file_location("feed_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("feed_audit", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def arabic_catalog(organisation, owner_user):
    """A tagine written in Arabic whose variant sizes and materials were typed in English in the catalog."""
    product = catalog.product_create(
        actor=owner_user, organisation=organisation, sku="TAJ-1", craft_family="ceramics", status="ready",
        is_public=True, materials="terracotta, lead-free glaze",
        texts={"ar": {"title": "طاجين طهي من آسفي", "description": "طاجين للطهي من طين آسفي."},
               "en": {"title": "Safi cooking tagine", "description": "A cooking tagine of Safi clay."}})
    catalog.variant_create(actor=owner_user, product=product, sku="TAJ-1-S", price_mad="300", stock=4,
                           size="small (2 persons)")
    catalog.variant_create(actor=owner_user, product=product, sku="TAJ-1-L", price_mad="450", stock=2, size="30 cm")
    catalog.photo_add(actor=owner_user, product=product,
                      upload=SimpleUploadedFile("t.jpg", catalog_image_bytes(size=(1200, 900))))
    return product


def test_values_typed_in_another_script_are_reported_for_an_arabic_feed(organisation, arabic_catalog, tmp_path):
    out = tmp_path / "google-ar.xml"
    call_command("feed", "google", "--org", organisation.slug, "--country", "FRA", "--language", "ar",
                 "--currency", "EUR", "--out", str(out), stdout=io.StringIO())
    items = {i.findtext(G + "id"): i for i in etree.parse(str(out)).getroot().iter("item")}
    # The generated file carries the catalog's English size and materials into an Arabic feed ...
    assert items["TAJ-1-S"].findtext(G + "size") == "small (2 persons)"
    assert "terracotta" in items["TAJ-1-S"].findtext(G + "material")
    stdout = io.StringIO()
    call_command("listings", "validate", "--org", organisation.slug, "--channel", "google", "--country", "FRA",
                 "--language", "ar", "--currency", "EUR", "--json", stdout=stdout)
    report = {i["sku"]: i for i in json.loads(stdout.getvalue())["items"]}
    # ... so `listings validate` says so, as a warning (the listing is not blocked: one value serves every language).
    small = [p for p in report["TAJ-1-S"]["problems"] if p["rule"] == "value_language"]
    assert {p["field"] for p in small} == {"size", "material"}
    assert all(p["severity"] == "warning" for p in small) and report["TAJ-1-S"]["state"] == "ready"
    # "30 cm" is a measure, readable in any language: only the materials are reported for that variant.
    large = [p for p in report["TAJ-1-L"]["problems"] if p["rule"] == "value_language"]
    assert {p["field"] for p in large} == {"material"}


def test_the_same_values_are_not_reported_in_an_english_feed(organisation, arabic_catalog):
    connection = services.connection_for_cli(organisation=organisation, kind="meta", country="USA")
    report = services.listings_report(connection=connection)
    assert not [p for i in report["items"] for p in i["problems"] if p["rule"] == "value_language"]


@pytest.mark.parametrize(("kind", "fmt"), [("google", "xml"), ("google", "tsv"), ("meta", "csv"),
                                           ("shopify", "csv"), ("woocommerce", "csv"), ("etsy", "jsonl"),
                                           ("amazon-handmade", "tsv")])
def test_the_validator_audit_finds_no_error_in_any_feed(organisation, channels_catalog, arabic_catalog, kind, fmt):
    audit = _audit_module()
    findings, written = audit.audit([organisation.slug], targets=[("FRA", "fr", "EUR"), ("USA", "en", "USD"),
                                                                  ("GBR", "en", "GBP"), ("FRA", "ar", "EUR")],
                                    channels=[(kind, fmt)])
    errors = [f for f in findings if f.severity == "error"]
    assert errors == []
    if kind != "etsy":  # Etsy drafts need the shop's taxonomy and profile IDs: all blocked here
        assert sum(written.values()) > 0


def test_meta_shipping_cell_keeps_four_parts_whatever_the_service_name(organisation, owner_user, channels_catalog):
    connection = services.connection_create(actor=owner_user, organisation=organisation, kind="meta", country="USA",
                                            language="en", currency="USD",
                                            shipping={"price": "45", "service": "Express, tracked: 3 days"})
    out = io.BytesIO()
    services.feed_write(connection=connection, fmt="csv", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert rows
    for row in rows:
        groups = row["shipping"].split(",")
        assert len(groups) == 1 and len(groups[0].split(":")) == 4, row["shipping"]
        country, _region, service, price = groups[0].split(":")
        assert (country, price) == ("US", "45.00 USD") and "Express" in service
