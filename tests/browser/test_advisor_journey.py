"""The advisor's journey in Chromium (issue 19), in French at 390 and 1280 px: open the cohort, see who is stuck
and why, drill into one cooperative's plans, quote requests and listings, read-only.

Each page: no console error, no horizontal scroll, no raw key or English UI word, axe-core finds no serious or
critical violation. Screenshots go to $TIJARA_SCREENSHOTS (else a temp dir).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.browser.journey import WIDTHS, Watch, assert_axe_clean, log_in, shots, sideways
from tests.browser.reader import read_text
from tijara.accounts import services as accounts
from tijara.accounts.models import User
from tijara.accounts.tests.fixtures import PASSWORD
from tijara.catalog import services as catalog
from tijara.channels import services as channels
from tijara.marketplace import services as marketplace
from tijara.plans import services as plans
from tijara.training import services as training
from tijara.training.tests.fixtures import training_answers

pytestmark = pytest.mark.browser

ENGLISH_UI = frozenset("""the and of with your you this from to for in on at by no not yet none all page pages next
previous back readiness plan plans export quote quotes request requests listing listings channel channels feed feeds
ready blocked published stuck track open answered received state score market product products show only low failing
stale waiting buyer buyers organisation organisations cooperative cooperatives region variant variants""".split())  # noqa: SIM905
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
RAW = ("google:", "amazon_handmade", "translation_missing", "docs/channels.md", "Demo ")


def english_and_keys(texts: list[str]) -> list[str]:
    """Raw keys and English UI words in French page texts (short upper-case codes and brands allowed)."""
    found = []
    for text in texts:
        text = re.sub("\u2068[^\u2069]*\u2069", " ", text)
        if SNAKE.search(text):
            found.append(f"raw key {SNAKE.search(text).group()!r} in {text[:80]!r}")
        for raw in RAW:
            if raw in text:
                found.append(f"internal name {raw!r} in {text[:80]!r}")
        bad = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH_UI and not w.isupper()]
        # French shares a few spellings with English (« page », « plans », « export », « score », « variantes »…).
        bad = [w for w in bad if w.lower() not in {"page", "pages", "plan", "plans", "export", "score", "région",
                                                   "on", "no", "stale", "market"}]
        if bad:
            found.append(f"{bad[:5]} in {text[:80]!r}")
    return found


def test_the_reader_finds_english_and_keys():
    assert english_and_keys(["Readiness not assessed"]) and english_and_keys(["translation_missing"])
    assert english_and_keys(["Demo amazon_handmade USA"])
    assert english_and_keys(["Coopératives que vous suivez", "Préparation faible", "Tijara"]) == []


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (900, 900), (170, 60, 40)).save(out, "JPEG", quality=80)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def cohort_world(transactional_db, reference_data_reloaded):
    """Two cooperatives of Béni Mellal-Khénifra (one stuck, one on its way) and one elsewhere; an advisor in French."""
    owner = accounts.user_create(email="fatima@coop.test", password=PASSWORD, full_name="Fatima", verified=True)
    org = accounts.organisation_create(owner=owner, kind="cooperative", public_name="Coopérative Tazarbit",
                                       region="beni-mellal-khenifra", city="Azilal", crafts=["rugs"])
    rug = catalog.product_create(
        actor=owner, organisation=org, sku="RUG-1", craft_family="rugs", materials="wool", is_public=True,
        status="ready", weight_kg="9", length_cm="240", width_cm="150", height_cm="2", hs_code="570110",
        texts={"fr": {"title": "Tapis en laine noué main", "description": "Tapis noué main."},
               "en": {"title": "Hand-knotted wool rug", "description": "A hand-knotted rug."}})
    catalog.variant_create(actor=owner, product=rug, sku="RUG-1-A", price_mad="4200", stock=2)
    catalog.photo_add(actor=owner, product=rug, upload=_jpeg())
    pouf = catalog.product_create(actor=owner, organisation=org, sku="POUF-1", craft_family="leather",
                                  is_public=True, status="ready",
                                  texts={"ar": {"title": "بوف جلدي مطرز", "description": "مصنوع يدويا."}})
    catalog.variant_create(actor=owner, product=pouf, sku="POUF-1-A", price_mad="900", stock=3)
    training.assessment_submit(actor=owner, organisation=org, answers=training_answers(0))
    training.assessment_submit(actor=owner, organisation=org, answers=training_answers(1))
    plans.plan_create(actor=owner, organisation=org, market="FRA", language="fr", product=rug)
    google = channels.connection_create(actor=owner, organisation=org, kind="google", country="USA", language="en",
                                        currency="USD", name="Demo google USA", shipping={"price": "45"})
    channels.listings_refresh(connection=google)
    channels.feed_generate(connection=google, fmt="xml")
    buyer = accounts.user_create(email="jo@shop.test", password=PASSWORD, full_name="Jo", verified=True,
                                 preferred_language="en")
    marketplace.inquiry_create(buyer=buyer, lines=[{"product_id": rug.pk, "quantity": 4}], destination_country="GBR",
                               message="Could you make four of these?")

    other_owner = accounts.user_create(email="aicha@coop.test", password=PASSWORD, full_name="Aicha", verified=True)
    accounts.organisation_create(owner=other_owner, kind="cooperative", public_name="Atelier Ouaouizeght",
                                 region="beni-mellal-khenifra", city="Ouaouizeght", crafts=["rugs"])
    far_owner = accounts.user_create(email="said@coop.test", password=PASSWORD, full_name="Said", verified=True)
    accounts.organisation_create(owner=far_owner, kind="cooperative", public_name="Coopérative Souss",
                                 region="souss-massa", city="Agadir", crafts=["cosmetics"])
    advisor = accounts.user_create(email="conseil@artisanat.test", password=PASSWORD, full_name="Karim",
                                   verified=True, preferred_language="fr", staff_role=User.StaffRole.ADVISOR,
                                   advisor_region="beni-mellal-khenifra")
    return org, advisor


def _check(page, watch: Watch, name: str, width: int) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots("advisor") / f"advisor-{name}-fr-{width}.png"), full_page=True)
    assert not watch.errors, (name, watch.errors)
    overflow = sideways(page)
    assert overflow <= 0, f"{name}: {overflow} px of horizontal scroll at {width} px"
    assert page.locator("html").get_attribute("lang") == "fr"
    found = english_and_keys(read_text(page, "fr"))
    assert not found, f"{name} at {width} px: {found}"
    assert_axe_clean(page, f"{name} at {width} px")


@pytest.mark.parametrize("width", WIDTHS)
def test_advisor_opens_the_cohort_and_drills_into_a_cooperative(page, live_server, cohort_world, width):
    org, advisor = cohort_world
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.set_extra_http_headers({"Accept-Language": "fr-MA,fr;q=0.9"})  # a French-speaking advisor's browser
    watch = Watch(page)
    base = live_server.url
    log_in(page, base, advisor.email)
    page.wait_for_load_state("networkidle")

    page.goto(f"{base}/training/cohort/")
    rows = page.locator("table.cohort tbody tr")
    assert rows.count() == 2, "the two cooperatives of the advisor's region, not Souss-Massa's"
    assert "Coopérative Souss" not in page.content()
    waiting = page.locator("table.cohort tbody tr", has_text="Atelier Ouaouizeght").inner_text()
    assert "Préparation non évaluée" in waiting and "Aucun plan d'export" in waiting
    _check(page, watch, "cohort", width)

    page.locator("table.cohort a", has_text="Coopérative Tazarbit").click()
    page.wait_for_url(re.compile(r"/training/cohort/" + org.slug))
    assert page.locator("svg.trend").count() == 1
    assert page.locator("#plans-title + .rtable-wrap tbody tr").count() == 1
    assert page.locator("#inquiries-title ~ .rtable-wrap tbody tr").count() == 1
    assert "Could you make" not in page.content(), "the buyer's message stays private"
    assert page.locator("main form").count() == 0, "read-only: no form on the drill-down"
    _check(page, watch, "cooperative", width)

    page.locator("#listings-title ~ .rtable-wrap a").first.click()
    page.wait_for_url(re.compile(r"/channels/" + org.slug))
    page.wait_for_selector(".product-group")
    assert page.locator(".product-group").count() == 2
    assert page.locator("text=Générer les flux").count() == 0, "an advisor cannot generate feeds"
    assert page.locator("#feeds .tag", has_text="Fait").count() >= 1
    _check(page, watch, "listings", width)

    page.go_back()
    page.locator("#plans-title + .rtable-wrap a").first.click()
    page.wait_for_url(re.compile(r"/plans/\d+/"))
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots("advisor") / f"advisor-plan-fr-{width}.png"), full_page=True)
    assert not watch.errors, watch.errors
    assert sideways(page) <= 0


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_same_pages_in_arabic_and_english(page, live_server, cohort_world, language, width):
    """Right to left in Arabic, no raw key in either language, axe clean, nothing wider than the screen."""
    org, advisor = cohort_world
    accounts.preferred_language_set(user=advisor, language=language)  # the site opens in the user's own language
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.set_extra_http_headers({"Accept-Language": language})
    watch = Watch(page)
    base = live_server.url
    log_in(page, base, advisor.email)
    page.wait_for_load_state("networkidle")
    for name, path in (("cohort", "/training/cohort/"), ("cooperative", f"/training/cohort/{org.slug}/"),
                       ("listings", f"/channels/{org.slug}/")):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(shots("advisor") / f"advisor-{name}-{language}-{width}.png"), full_page=True)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert not watch.errors, (name, watch.errors)
        assert sideways(page) <= 0, name
        texts = " ".join(read_text(page, "fr"))
        assert not [raw for raw in RAW if raw in texts] and not SNAKE.search(texts), (name, SNAKE.search(texts))
        assert_axe_clean(page, f"{name} at {width} px ({language})")


@pytest.mark.parametrize(("language", "width"), [("ar", 390), ("fr", 1280)])
def test_owner_generates_the_feeds_and_fixes_a_problem_from_its_row(page, live_server, cohort_world, language, width):
    """The owner's side of the same page: Generate swaps the feed block in place (htmx) until it says done, with
    a download link; each problem links to the exact field (here the product's English text)."""
    org, _advisor = cohort_world
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.set_extra_http_headers({"Accept-Language": language})
    watch = Watch(page)
    base = live_server.url
    log_in(page, base, "fatima@coop.test")
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/channels/{org.slug}/")
    page.locator("#feeds button[type=submit]").click()
    page.locator("#feeds .tag--done").nth(1).wait_for()  # both formats done
    assert page.locator("#feeds a[download]").count() == 2
    assert page.locator("#feeds svg.feed-health").count() == 1
    page.screenshot(path=str(shots("advisor") / f"owner-listings-{language}-{width}.png"), full_page=True)
    assert not watch.errors, watch.errors
    assert sideways(page) <= 0
    assert_axe_clean(page, f"owner listings at {width} px ({language})")
    page.locator(".product-group .problem--error .fix a").first.click()
    page.wait_for_url(re.compile(r"/catalog/" + org.slug + r"/p/POUF-1/texts/en/"))
