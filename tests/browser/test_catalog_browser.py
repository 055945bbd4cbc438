"""Catalog on a phone (390 px, Debian's Chromium): create a product, upload several photos at once, Arabic RTL."""

import re

import pytest

from tijara.catalog.tests.fixtures import catalog_image_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def catalog_families(transactional_db):
    from tijara.catalog import reference

    reference.load()


def test_create_product_and_upload_photos_on_a_phone(logged_in_page, live_server, seller, catalog_families,
                                                      tmp_path):
    page = logged_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    _user, org = seller
    page.goto(f"{live_server.url}/catalog/{org.slug}/new/?lang=en")
    page.fill("#id_title", "Beni Ourain wool rug")
    page.fill("#id_sku", "TAZ-BO-001")
    page.select_option("#id_craft_family", "rugs")
    page.fill("#id_price_mad", "4200")
    page.fill("#id_materials", "wool 100%")
    page.click("#product-form button[type=submit]")
    page.wait_for_url(re.compile(r"/p/TAZ-BO-001/\?lang=en$"))  # the redirect keeps the page's language
    assert "Beni Ourain wool rug" in page.inner_text("h1")
    files = []
    for name, fmt in (("a.jpg", "JPEG"), ("b.png", "PNG")):
        path = tmp_path / name
        path.write_bytes(catalog_image_bytes(fmt, gps=fmt == "JPEG"))
        files.append(str(path))
    page.goto(f"{live_server.url}/catalog/{org.slug}/p/TAZ-BO-001/photos/?lang=en")
    page.set_input_files("#id_photos", files)
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".photo-grid li:nth-child(2)")
    assert page.locator(".photo-grid li").count() == 2
    # The page fits the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_product_list_in_arabic_reads_right_to_left(logged_in_page, live_server, seller, catalog_families):
    from tijara.catalog import services

    user, org = seller
    services.product_create(actor=user, organisation=org, sku="TAZ-KL-1", craft_family="rugs",
                            texts={"ar": {"title": "حنبل منسوج بخطوط نيلية"}})
    page = logged_in_page
    page.goto(f"{live_server.url}/catalog/{org.slug}/?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "حنبل منسوج بخطوط نيلية" in page.inner_text("#product-results")


def test_every_variant_field_and_button_stays_inside_an_arabic_phone_screen(logged_in_page, live_server, seller,
                                                                            catalog_families):
    # the variants were a table of 8 columns: on a 390 px phone the price, stock and delete button sat outside the
    # card, reachable only by scrolling the table sideways
    from tijara.catalog import services

    user, org = seller
    product = services.product_create(actor=user, organisation=org, sku="TAZ-AZ-7", craft_family="rugs",
                                      texts={"ar": {"title": "زربية أزيلال"}})
    services.variant_create(actor=user, product=product, price_mad="8360", stock=1, colour="cream")
    page = logged_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/catalog/{org.slug}/p/TAZ-AZ-7/?lang=ar")
    card = page.locator("#variants").bounding_box()
    controls = page.locator("#variants .variant-list input:not([type=hidden]), #variants .variant-list button")
    assert controls.count() == 8
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"], index
    assert page.locator("#variants .variant-list label", has_text="الثمن (درهم)").is_visible()
