"""The buyer's journey in Chromium (issue 19): search, filter with a facet, open a product, ask for a quote.

In English at 390 and 1280 px: no console error, no horizontal scroll, the first product on the first screen of a
phone, price and "Ask for a quote" above the fold; axe-core finds no serious or critical violation. The same pages in
Arabic and French show no raw key and no English UI word. Screenshots go to $TIJARA_SCREENSHOTS (else a temp dir).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from tests.browser.journey import WIDTHS, Watch, assert_axe_clean, log_in, shots, sideways
from tests.browser.reader import read_text
from tijara.accounts import services as accounts
from tijara.accounts.tests.fixtures import PASSWORD
from tijara.catalog import services as catalog
from tijara.marketplace import services as marketplace

pytestmark = pytest.mark.browser


# The page's own words: text nodes and labels, leaving out what is meant to stay foreign (codes, names, user texts).
ENGLISH_UI = frozenset("""the and of with your you this from price product products search filters filter clear all
request quote ask minimum order days shipping estimate unknown maker details photo photos next previous page log sign
up account create currency sort relevance newest lowest highest ship update change verified material craft region
lead time""".split())  # noqa: SIM905
LATIN_ALLOWED = {"tijara", "eur", "usd", "mad", "gbp", "fob", "cif", "dap", "exw", "ddp", "fca", "cpt", "cip", "dpu",
                 "fas", "cfr", "incoterm", "incoterms", "sku", "ems", "ma", "us"}
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
ISOLATED = re.compile("\u2068[^\u2069]*\u2069")
# The search box's placeholder shows words in several languages on purpose (rug, tapis, زربية, zellige, lantern).
PLACEHOLDER_WORDS = {"rug", "tapis", "zellige", "lantern"}


def foreign_words(texts: list[str], language: str) -> list[str]:
    """Raw keys and English UI words (fr) or any Latin word (ar) outside the allowed brands and codes."""
    found = []
    for text in texts:
        text = ISOLATED.sub(" ", text)
        if SNAKE.search(text):
            found.append(f"raw key {SNAKE.search(text).group()!r} in {text[:80]!r}")
        words = [w for w in re.findall(r"[A-Za-z]+", text) if not (w.isupper() and len(w) <= 5)
                 and w.lower() not in PLACEHOLDER_WORDS]
        bad = [w for w in words if w.lower() in ENGLISH_UI] if language == "fr" else [
            w for w in words if len(w) > 1 and w.lower() not in LATIN_ALLOWED]
        if bad:
            found.append(f"{bad[:5]} in {text[:80]!r}")
    return found


def test_the_reader_finds_english_and_keys():
    assert foreign_words(["Ask for a quote"], "fr") == ["['Ask', 'quote'] in 'Ask for a quote'"]
    assert foreign_words(["Demander un devis", "Tijara", "1\u202f234,50\u00a0€"], "fr") == []
    assert foreign_words(["اطلب عرض سعر", "EUR"], "ar") == []
    assert foreign_words(["اطلب Quote"], "ar") and foreign_words(["lead_time"], "fr")


def _jpeg(colour: tuple[int, int, int]) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (900, 900), colour).save(out, "JPEG", quality=80)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def catalog_world(transactional_db, reference_data_reloaded):
    """A cooperative with five public products (photos, three languages) in the search index, and a buyer."""
    owner = accounts.user_create(email="fatima@coop.test", password=PASSWORD, full_name="Fatima", verified=True)
    org = accounts.organisation_create(owner=owner, kind="cooperative", public_name="Coopérative Tazarbit",
                                       region="beni-mellal-khenifra", city="Azilal", crafts=["rugs", "pottery"])
    rows = [
        ("RUG-1", "rugs", "wool", {"en": "Hand-knotted wool rug", "fr": "Tapis en laine noué main",
                                   "ar": "زربية صوف معقودة يدويا"}, "4200", (170, 40, 40)),
        ("RUG-2", "rugs", "wool", {"en": "Beni Ouarain wool rug with diamonds", "fr": "Tapis Beni Ouarain à losanges",
                                   "ar": "زربية بني وراين بالمعينات"}, "5200", (230, 225, 210)),
        ("RUG-3", "rugs", "cotton", {"fr": "Tapis kilim en coton", "ar": "زربية كليم من القطن"}, "1800", (40, 90, 140)),
        ("POT-1", "pottery", "clay", {"en": "Hand-painted clay tagine", "fr": "Tajine en terre cuite peint",
                                      "ar": "طاجين طيني مرسوم باليد"}, "180", (180, 110, 60)),
        ("POT-2", "pottery", "clay", {"en": "Safi glazed bowl", "fr": "Bol émaillé de Safi",
                                      "ar": "زلافة مزججة من آسفي"}, "120", (30, 110, 90)),
    ]
    for sku, craft, material, titles, price, colour in rows:
        texts = {code: {"title": title, "description": f"{title}."} for code, title in titles.items()}
        product = catalog.product_create(actor=owner, organisation=org, sku=sku, craft_family=craft, texts=texts,
                                         materials=material, is_public=True, status="ready", moq="2",
                                         production_days="30", weight_kg="0.3", packed_weight_kg="0.4",
                                         packed_length_cm="10", packed_width_cm="10", packed_height_cm="10")
        catalog.variant_create(actor=owner, product=product, price_mad=price, stock=5)
        for n in range(2 if craft == "rugs" else 1):
            catalog.photo_add(actor=owner, product=product, upload=_jpeg(tuple(max(0, c - 40 * n) for c in colour)),
                              alt_text=dict(titles))
        marketplace.search_index_product(product.pk)
    buyer = accounts.user_create(email="jo@shop.test", password=PASSWORD, full_name="Jo Buyer", verified=True,
                                 preferred_language="en")
    accounts.organisation_create(owner=buyer, kind="buyer", public_name="Atlas Home Imports", country="GBR")
    return org, buyer


def _check(page, watch: Watch, name: str, width: int, language: str = "en") -> None:
    """No console error, no sideways scroll, axe clean (serious/critical); a screenshot to look at."""
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots("buyer") / f"buyer-{name}-{language}-{width}.png"), full_page=True)
    assert not watch.errors, (name, watch.errors)
    overflow = sideways(page)
    assert overflow <= 0, f"{name}: {overflow} px of horizontal scroll at {width} px"
    assert_axe_clean(page, f"{name} at {width} px ({language})")


def _above_fold(page, selector: str, *, part: float = 1.0) -> bool:
    """Whether `part` of the element's height (1: all of it) is on the first screen."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] * part <= page.viewport_size["height"]


@pytest.mark.parametrize("width", WIDTHS)
def test_buyer_searches_filters_opens_a_product_and_asks_for_a_quote(page, live_server, catalog_world, width):
    _org, buyer = catalog_world
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    watch = Watch(page)
    base = live_server.url

    page.goto(f"{base}/marketplace/?lang=en")
    assert page.locator(".product-card").count() == 5
    page.screenshot(path=str(shots("buyer") / f"buyer-first-screen-en-{width}.png"))
    if width < 600:
        assert _above_fold(page, ".product-card", part=0.5), "the first product is on a phone's first screen"
        assert not page.locator("details.facets-panel").evaluate("d => d.open"), "facets folded on a phone"
    _check(page, watch, "catalog", width)

    page.fill("#q", "rug")
    page.locator(".catalog-search button[type=submit]").click()
    expect(page.locator(".product-card")).to_have_count(3)
    assert "q=rug" in page.url

    if width < 600:
        page.locator("details.facets-panel > summary").click()
    page.locator(".facets a.facet", has_text="wool").click()
    page.wait_for_url(re.compile(r"material=wool"))
    assert page.locator(".product-card").count() == 2
    assert page.locator(".facets a.facet[aria-checked=true]", has_text="wool").count() == 1
    assert page.locator("a.clear-all").is_visible() or width < 600
    assert page.locator(".chips .chip", has_text="wool").count() == 1
    _check(page, watch, "catalog-filtered", width)

    page.locator(".product-card h3 a").first.click()
    page.wait_for_selector(".buy-box")
    assert page.locator(".gallery__main img").count() == 1
    assert page.locator(".gallery__thumbs a").count() == 2
    page.locator(".gallery__thumbs a").nth(1).click()
    assert page.locator(".gallery__thumbs a").nth(1).get_attribute("aria-current") == "true"
    page.screenshot(path=str(shots("buyer") / f"buyer-product-first-screen-en-{width}.png"))
    assert _above_fold(page, ".buy-box .price-main") and _above_fold(page, ".buy-box a.cta"), \
        "price and the quote button are on the first screen"
    page.locator(".gallery__main a").click()
    expect(page.locator("#photo-zoom")).to_be_visible()
    assert page.locator("#photo-zoom img").get_attribute("src").endswith(".jpg") or \
        page.locator("#photo-zoom img").count() == 1
    page.keyboard.press("Escape")
    expect(page.locator("#photo-zoom")).to_be_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-zoom')"), "focus back on the photo"
    page.select_option("#ship-country", "FRA")
    page.locator(".shipping button[type=submit]").click()
    page.wait_for_url(re.compile(r"country=FRA"))
    shipping = page.locator(".shipping").inner_text()
    assert "France" in shipping and "EMS" in shipping, shipping  # a 0.4 kg parcel fits the EMS 500 g card
    _check(page, watch, "product", width)

    page.locator(".buy-box a.cta").click()
    page.wait_for_selector(".quote-visitor")
    assert page.locator(".quote-visitor form input[name=email]").count() == 1  # the guest form, no login wall
    _check(page, watch, "quote-visitor", width)

    page.locator(".quote-visitor a[href*='/accounts/login/']").click()
    page.fill("input[name=email]", buyer.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/marketplace/inquiries/new/"))
    nav = page.locator("header nav").first.text_content()
    assert "My products" not in nav and "Channels" not in nav and "Export plans" not in nav
    assert page.locator("select[name=destination_country]").input_value() == "FRA"  # the ship-to chosen above
    page.fill("textarea[name=message]", "Could you make 20 of these for our shop in London?")
    _check(page, watch, "quote-form", width)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/marketplace/inquiries/\d+/"))
    assert page.locator("ul.messages li").count() == 1


@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize("width", WIDTHS)
def test_buyer_pages_read_in_the_page_language(page, live_server, catalog_world, language, width):
    org, buyer = catalog_world
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    watch = Watch(page)
    base = live_server.url
    product = org.products.get(sku="RUG-1")
    pages = {
        "catalog": f"/marketplace/?material=wool&lang={language}",
        "product": f"/marketplace/makers/{org.slug}/{product.sku}/?country=FRA&lang={language}",
        "quote-visitor": f"/marketplace/inquiries/new/?product={product.pk}&lang={language}",
        "signup-buyer": f"/accounts/signup/?as=buyer&lang={language}",
    }
    report = {}
    for name, path in pages.items():
        page.goto(base + path)
        assert page.evaluate("document.documentElement.lang") == language
        found = foreign_words(read_text(page, language), language)
        if found:
            report[name] = found
        _check(page, watch, name, width, language)
    log_in(page, base, buyer.email, query=f"?lang={language}")
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/marketplace/inquiries/new/?product={product.pk}&lang={language}")
    found = foreign_words(read_text(page, language), language)
    if found:
        report["quote-form"] = found
    _check(page, watch, "quote-form", width, language)
    assert not report, report
