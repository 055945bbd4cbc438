"""A guest asks for a quote without an account, in Chromium at 390 px, in English and Arabic.

Product page → "Request a quote" → the guest form (name, e-mail, country, quantity, message) → "check your inbox"
with what happens next → the e-mailed link, which shows the request with a button (opening it sends nothing) → the
maker has the request. Every screen: no console error, no sideways
scroll, axe clean; in Arabic, the page reads right to left with no English UI word.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail

from tests.browser.journey import Watch, assert_axe_clean, shots, sideways
from tests.browser.reader import read_text
from tests.browser.test_buyer_journey import catalog_world, foreign_words  # noqa: F401  (fixture)
from tijara.marketplace.models import Inquiry

pytestmark = pytest.mark.browser

WIDTH = 390


def _check(page, watch: Watch, name: str, language: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots("guest") / f"guest-{name}-{language}-{WIDTH}.png"), full_page=True)
    assert not watch.errors, (name, watch.errors)
    assert sideways(page) <= 0, f"{name}: horizontal scroll at {WIDTH} px ({language})"
    assert_axe_clean(page, f"{name} at {WIDTH} px ({language})")
    assert page.evaluate("document.documentElement.lang") == language
    if language == "ar":
        assert page.evaluate("document.documentElement.dir") == "rtl"
        found = foreign_words(read_text(page, language), language)
        assert not found, (name, found)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_guest_requests_a_quote_and_confirms_by_email(page, live_server, catalog_world, language):  # noqa: F811
    org, _buyer = catalog_world
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.set_extra_http_headers({"Accept-Language": language})  # the visitor's browser language
    watch = Watch(page)
    base = live_server.url
    product = org.products.get(sku="RUG-1")

    page.goto(f"{base}/marketplace/makers/{org.slug}/{product.sku}/?lang={language}")
    page.locator(".buy-box a.cta").click()
    page.wait_for_selector(".quote-visitor form.guest-inquiry")
    _check(page, watch, "form", language)
    page.fill("input[name=name]", "Jo Guest")
    page.fill("input[name=email]", f"guest-{language}@shop.test")
    page.select_option("select[name=destination_country]", "GBR")
    page.fill(f"input[name=quantity_{product.pk}]", "12")
    page.fill("textarea[name=message]", "Twelve rugs for our London shop, please.")
    page.locator(".quote-visitor form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/marketplace/inquiries/guest/sent/"))
    assert f"guest-{language}@shop.test" in page.locator("main").inner_text()
    assert page.locator("main ol.steps li").count() == 3  # what happens next
    _check(page, watch, "sent", language)
    assert not Inquiry.objects.exists(), "nothing reaches the maker before the e-mail is confirmed"

    message = next(m for m in mail.outbox if m.to == [f"guest-{language}@shop.test"])
    link = re.search(r"http[^\s\u2068\u2069]+/marketplace/inquiries/guest/confirm/[^\s\u2068\u2069]+",
                     message.body).group(0)
    page.goto(base + link.removeprefix(settings.SITE_URL))
    page.wait_for_selector("#guest-request")  # opening the link shows the request and sends nothing yet
    assert "12" in page.locator("#guest-request").inner_text()
    _check(page, watch, "confirm", language)
    assert not Inquiry.objects.exists(), "opening the link (as a mail scanner does) delivers nothing"
    page.locator("#guest-confirm button[type=submit]").click()
    page.wait_for_selector(".quote-visitor [role=status]")
    _check(page, watch, "confirmed", language)
    inquiry = Inquiry.objects.get()
    assert inquiry.maker == org and inquiry.lines.get().quantity == 12 and inquiry.destination_country == "GBR"
