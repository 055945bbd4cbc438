"""The channels page as a seller of babouches: one form gives every apparel product its gender and age group, in
Arabic on a phone and in French on a desktop; the attributes form then says the category in words and where it comes
from. Nothing scrolls sideways, axe is clean, no console error."""

import pytest

from tests.browser.journey import Watch, assert_axe_clean, log_in, shots, sideways
from tijara.accounts import services as accounts
from tijara.catalog import services as catalog
from tijara.channels import services as channels
from tijara.channels.models import ProductChannelAttributes

pytestmark = pytest.mark.browser

WORDS = {
    "ar": {"heading": "الجنس والفئة العمرية لـ 3 منتجات من الملابس", "category": "الملابس والإكسسوارات › أحذية",
           "source": "حسب نوع المنتج"},
    "fr": {"heading": "Genre et tranche d'âge pour 3 articles d'habillement", "category": "Vêtements et accessoires › Chaussures",
           "source": "d'après le type de produit"},
}


@pytest.mark.parametrize(("language", "width"), [("ar", 390), ("fr", 1280)])
def test_seller_sets_gender_and_age_group_for_all_babouches(page, live_server, seller, language, width):
    owner, org = seller
    for n in range(3):
        product = catalog.product_create(
            actor=owner, organisation=org, sku=f"BAB-{n}", craft_family="footwear", status="ready", is_public=True,
            texts={"en": {"title": f"Leather babouche slippers, model {n}", "description": "Hand-stitched."}})
        catalog.variant_create(actor=owner, product=product, sku=f"BAB-{n}-A", price_mad="250", stock=4, size="40")
    connection = channels.connection_create(actor=owner, organisation=org, kind="google", country="USA", language="en",
                                            currency="USD", shipping={"price": "20"})
    channels.listings_refresh(connection=connection)
    assert any(p["field"] == "gender" for listing in connection.listings.all() for p in listing.problems)
    accounts.preferred_language_set(user=owner, language=language)
    page.set_viewport_size({"width": width, "height": 900})
    page.set_extra_http_headers({"Accept-Language": language})
    watch = Watch(page)
    base = live_server.url
    log_in(page, base, owner.email)
    page.wait_for_url("**/accounts/dashboard/")
    page.goto(f"{base}/channels/{org.slug}/?connection={connection.pk}")
    words = WORDS[language]
    section = page.locator("section[aria-labelledby=apparel-title]")
    assert words["heading"] in section.locator("h2").inner_text()
    assert sideways(page) <= 0
    assert_axe_clean(page, f"apparel form {language}", context="section[aria-labelledby=apparel-title]")
    page.screenshot(path=str(shots("channels") / f"apparel-{language}-{width}.png"), full_page=True)
    section.locator("select[name=gender]").select_option("unisex")
    section.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("section[aria-labelledby=apparel-title]").count() == 0
    assert sorted(ProductChannelAttributes.objects.filter(product__organisation=org)
                  .values_list("gender", "age_group")) == [("unisex", "adult")] * 3
    # the connection on screen was checked again: its gender and age group blockers are gone
    assert not [p for listing in connection.listings.all() for p in listing.problems
                if p["field"] in ("gender", "age_group")]
    page.goto(f"{base}/channels/{org.slug}/?connection={connection.pk}&sku=BAB-1")
    summary = page.locator("section[aria-labelledby=attributes-title] dl").inner_text()
    assert words["category"] in summary and words["source"] in summary and "187" not in summary
    assert sideways(page) <= 0
    assert_axe_clean(page, f"attributes form {language}", context="section[aria-labelledby=attributes-title]")
    page.screenshot(path=str(shots("channels") / f"attributes-{language}-{width}.png"), full_page=True)
    assert not watch.errors, watch.errors
