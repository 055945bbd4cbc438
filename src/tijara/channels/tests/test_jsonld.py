"""schema.org Product/Offer JSON-LD (channel-specs.md §6) and the listing quality score."""

import json

import pytest

from tijara.channels.adapters import adapter
from tijara.channels.jsonld import jsonld_for, product_jsonld, script_tag
from tijara.channels.quality import quality
from tijara.channels.tests import samples


def test_jsonld_maps_google_attributes_to_schema_org():
    data = jsonld_for(samples.rug(), url="https://shop.example.ma/p/tif-rug-0042", shipping=samples.context("google").shipping)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
    assert data["sku"] == "TIF-RUG-0042" and data["name"] == samples.RUG_TEXT.title
    assert data["image"][0] == "https://cdn.example.ma/tif-rug-0042-1.jpg"
    assert data["brand"] == {"@type": "Brand", "name": "Cooperative Tifawin"}
    offer = data["offers"]
    assert offer == {
        "@type": "Offer", "price": "890.00", "priceCurrency": "USD", "availability": "https://schema.org/InStock",
        "itemCondition": "https://schema.org/NewCondition", "url": "https://shop.example.ma/p/tif-rug-0042",
        "shippingDetails": {"@type": "OfferShippingDetails",
                            "shippingRate": {"@type": "MonetaryAmount", "value": "45.00", "currency": "USD"},
                            "shippingDestination": {"@type": "DefinedRegion", "addressCountry": "US"}}}


def test_made_to_order_sold_out_and_zero_price():
    assert jsonld_for(samples.lantern_made_to_order())["offers"]["availability"] == "https://schema.org/MadeToOrder"
    assert jsonld_for(samples.sold_unique())["offers"]["availability"] == "https://schema.org/SoldOut"
    assert "offers" not in jsonld_for(samples.acceptance(20))  # merchant listings need a price above zero


def test_no_text_in_the_page_language_means_no_name():
    data = jsonld_for(samples.arabic_only())
    assert "name" not in data and "description" not in data


def test_script_tag_escapes_html():
    item = samples.rug(text=type(samples.RUG_TEXT)("en", "Rug </script><b>", "x & y"))
    tag = script_tag(jsonld_for(item))
    assert "</script><b>" not in tag and tag.count("</script>") == 1
    assert json.loads(tag[len('<script type="application/ld+json">'):-len("</script>")])["name"] == "Rug </script><b>"


@pytest.mark.django_db
def test_product_jsonld_for_a_catalog_product(channels_catalog):
    data = product_jsonld(channels_catalog["rug"], language="fr", currency="EUR", url="https://t.example/p/rug-1")
    assert data["name"].startswith("Tapis Beni Ouarain") and data["offers"]["priceCurrency"] == "EUR"
    assert float(data["offers"]["price"]) > 0 and data["offers"]["url"] == "https://t.example/p/rug-1"
    assert data["image"][0].startswith("http")
    mad = product_jsonld(channels_catalog["rug"], language="en", currency="MAD")
    assert mad["offers"]["price"] == "4200.00"
    assert "name" not in product_jsonld(channels_catalog["pouf"], language="en", currency="MAD")


def test_quality_puts_blocking_errors_first_and_rewards_complete_listings():
    google = adapter("google")
    ctx = samples.context("google")
    good = quality(google.map_listing(samples.rug(), ctx), "google")
    bad = quality(google.map_listing(samples.acceptance(160), ctx), "google")
    assert good.score > bad.score and good.score >= 80
    assert bad.improvements[0]["points"] == 100  # errors first
    assert [i["points"] for i in bad.improvements] == sorted((i["points"] for i in bad.improvements), reverse=True)
