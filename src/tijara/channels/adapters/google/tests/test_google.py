"""Google Merchant Center adapter: golden feeds, XML/TSV structure, and the rules of channel-specs.md §1."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from lxml import etree

from tijara.channels.adapters import adapter
from tijara.channels.adapters.google.writer import G_NS, TSV_HEADER
from tijara.channels.inputs import PhotoInput, TextInput
from tijara.channels.tests import samples

GOLDEN = Path(__file__).parent / "golden"
google = adapter("google")
CTX = samples.context("google")
REQUIRED = ("id", "title", "description", "link", "image_link", "availability", "price", "brand", "condition")


def rules_of(item, ctx=CTX):
    return {(p.severity, p.rule) for p in google.map_listing(item, ctx).problems}


def test_xml_feed_matches_golden_file():
    samples.check_golden(GOLDEN / "feed.xml", samples.render(google, samples.catalog(), CTX, "xml"))


def test_tsv_feed_matches_golden_file():
    samples.check_golden(GOLDEN / "feed.txt", samples.render(google, samples.catalog(), CTX, "tsv"))


def test_problems_match_golden_file():
    samples.check_golden(GOLDEN / "problems.json", samples.problems_summary(google, samples.catalog(), CTX))


def test_xml_parses_and_every_item_has_the_required_attributes():
    root = etree.fromstring(samples.render(google, samples.catalog(), CTX, "xml"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert root.nsmap["g"] == G_NS
    channel = root.find("channel")
    assert [channel.find(t).text for t in ("title", "link", "description")] == [
        "Cooperative Tifawin — products", "https://shop.example.ma", "Cooperative Tifawin — products"]
    items = channel.findall("item")
    assert [i.findtext(f"{{{G_NS}}}id") for i in items] == ["TIF-RUG-0042", "MRK-BAB-01-38", "MRK-BAB-01-40",
                                                            "FES-LAN-07"]
    for item in items:
        for name in REQUIRED:
            assert item.findtext(f"{{{G_NS}}}{name}"), f"{name} missing"
        assert item.findtext(f"{{{G_NS}}}identifier_exists") == "no" or item.findtext(f"{{{G_NS}}}gtin")
        assert item.findtext(f"{{{G_NS}}}price").endswith(" USD")
        shipping = item.find(f"{{{G_NS}}}shipping")
        assert shipping.findtext(f"{{{G_NS}}}country") == "US"
        assert shipping.findtext(f"{{{G_NS}}}price") == "45.00 USD"
    babouche = items[1]
    assert babouche.findtext(f"{{{G_NS}}}item_group_id") == "MRK-BAB-01"
    assert babouche.findtext(f"{{{G_NS}}}google_product_category") == "187"
    lantern = items[3]
    assert lantern.findtext(f"{{{G_NS}}}availability") == "in_stock"
    assert lantern.findtext(f"{{{G_NS}}}min_handling_time") == "14"


def test_tsv_has_one_header_and_same_column_count_on_every_row():
    lines = samples.render(google, samples.catalog(), CTX, "tsv").decode("utf-8").splitlines()
    assert lines[0].split("\t") == TSV_HEADER
    assert "shipping(country:service:price)" in TSV_HEADER
    assert len(lines) == 5
    for line in lines[1:]:
        cells = line.split("\t")
        assert len(cells) == len(TSV_HEADER)
    rug = dict(zip(TSV_HEADER, lines[1].split("\t"), strict=True))
    assert rug["additional_image_link"] == ("https://cdn.example.ma/tif-rug-0042-2.jpg,"
                                            "https://cdn.example.ma/tif-rug-0042-3.jpg")
    assert rug["shipping(country:service:price)"] == "US:Standard:45.00 USD"
    # The description's blank line and the comma survive as one cell (tabs/newlines collapsed).
    assert "\n" not in rug["description"] and "60,000" in rug["description"]


def test_acceptance_long_title_no_photo_zero_price_gives_three_errors_with_rules_and_sources():
    with translation.override("en"):
        mapped = google.map_listing(samples.acceptance(160), CTX)
    errors = [p for p in mapped.problems if p.severity == "error"]
    assert mapped.blocked
    assert sorted((p.field, p.rule, p.source) for p in errors) == [
        ("image_link", "image_link", "https://support.google.com/merchants/answer/6324350"),
        ("price", "price_positive", "https://support.google.com/merchants/answer/6324371"),
        ("title", "title_length", "https://support.google.com/merchants/answer/6324415"),
    ]
    for problem in errors:
        assert problem.source in problem.message and f"Rule {problem.rule}" not in problem.message  # no rule IDs
        assert "Fix:" in problem.message
    assert "160 characters; the limit is 150" in next(p.message for p in errors if p.field == "title")


def test_acceptance_150_character_title_passes():
    item = samples.acceptance(150)
    good = samples.rug(sku="ACC-2", text=TextInput("en", item.text.title, "A rug."))
    assert len(good.text.title) == 150
    mapped = google.map_listing(good, CTX)
    assert not mapped.blocked
    assert "title_length" not in {p.rule for p in mapped.problems}


def test_arabic_only_product_is_blocked_as_translation_missing_never_sent_in_arabic():
    with translation.override("en"):
        mapped = google.map_listing(samples.arabic_only(), CTX)
    assert mapped.blocked
    problem = next(p for p in mapped.problems if p.rule == "translation_missing")
    assert problem.severity == "error" and "has no text in" in problem.message
    assert mapped.fields["title"] == "" and mapped.fields["description"] == ""
    assert b"AR-ONLY-1" not in samples.render(google, [samples.arabic_only()], CTX, "xml")


def test_sold_unique_piece_disappears_from_the_feed():
    feed = samples.render(google, [samples.rug(), samples.sold_unique()], CTX, "xml")
    assert b"TIF-RUG-0042" in feed and b"TIF-RUG-0043" not in feed


@pytest.mark.parametrize(("price", "currency", "rule"), [
    (Decimal("0"), "USD", "price_positive"),
    (Decimal("12.5"), "JPY", None),  # rounded to the currency's 0 decimals, not an error
])
def test_price_rules(price, currency, rule):
    mapped = google.map_listing(samples.rug(price=price, currency=currency), samples.context("google", currency=currency))
    assert (rule in {p.rule for p in mapped.problems}) == (rule is not None)
    if currency == "JPY":
        assert mapped.fields["price"] == "12 JPY"


def test_gtin_with_bad_check_digit_is_an_error_and_valid_gtin_replaces_identifier_exists():
    assert ("error", "gtin") in rules_of(samples.rug(gtin="4006381333932"))
    mapped = google.map_listing(samples.rug(gtin="4006381333931"), CTX)
    assert mapped.fields["gtin"] == "4006381333931" and "identifier_exists" not in mapped.fields


def test_apparel_needs_colour_gender_age_group_and_size_for_shoes():
    item = samples.babouches()[0]
    bare = type(item)(**{**{f: getattr(item, f) for f in item.__slots__ if not f.startswith("__")},
                         "colour": "", "gender": "", "age_group": "", "size": ""})
    found = rules_of(bare)
    assert {("error", "color"), ("error", "gender"), ("error", "age_group"), ("error", "size")} <= found


def test_accessory_without_gender_is_only_a_warning():
    bag = samples.rug(sku="BAG-1", craft="leather", colour="Tan", one_of_a_kind=False)
    found = rules_of(bag)
    assert ("warning", "gender") in found and ("warning", "age_group") in found
    assert ("error", "size") not in {(s, r) for s, r in found}


def test_description_with_disallowed_html_and_id_with_bad_characters():
    item = samples.rug(sku="TIF/RUG 1", text=TextInput("en", "Rug with a long enough title here",
                                                        'A <a href="x">link</a> <strong>wool</strong>'))
    found = rules_of(item)
    assert ("error", "description_html") in found and ("error", "id") in found


def test_small_main_image_is_a_warning_not_an_error():
    item = samples.rug(photos=(PhotoInput("https://cdn.example.ma/a.jpg", 80, 80, "jpg"),))
    mapped = google.map_listing(item, CTX)
    assert ("warning", "image_size") in {(p.severity, p.rule) for p in mapped.problems}
    assert not mapped.blocked


def test_control_characters_and_markup_are_escaped_in_xml():
    text = TextInput("en", "Rug & <Tapis> \x0b cream", "Wool & cotton <em>soft</em>")
    feed = samples.render(google, [samples.rug(text=text)], CTX, "xml")
    root = etree.fromstring(feed)
    item = root.find("channel/item")
    assert item.findtext(f"{{{G_NS}}}title") == "Rug & <Tapis> cream"
    assert b"&amp;" in feed and b"\x0b" not in feed


@pytest.mark.parametrize(("language", "words"), [("fr", ["n'a pas de texte", "Correction"]),
                                                 ("ar", ["ليس للمنتج نص", "الإصلاح"])])
def test_messages_are_in_the_users_language(language, words):
    with translation.override(language):
        message = google.map_listing(samples.arabic_only(), CTX).problems[0].message
    for word in words:
        assert word in message
