"""The HS code page as an Arabic reader meets it with a description in French: every word around the codes is
Arabic (or marked with its own language), before and after an answer re-ranks the codes with htmx."""

from __future__ import annotations

import pytest

from tests.browser.reader import read_text
from tests.browser.test_i18n_pages import findings

pytestmark = pytest.mark.browser


def test_an_arabic_page_reads_arabic_whatever_the_language_of_the_description(page, live_server, transactional_db):
    page.set_viewport_size({"width": 390, "height": 900})
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/assistant/classify/")
    page.fill("textarea[name=text]", "lanterne en laiton ciselé")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".hs-candidates")
    page.evaluate("document.querySelectorAll('#hs-results details').forEach(d => d.open = true)")
    assert not findings(read_text(page, "ar", root="#hs-results"), "ar")
    choices = page.locator("#hs-question .choices a")
    assert choices.count() >= 2 and not findings(choices.all_inner_texts(), "ar")
    before = page.locator(".hs-candidates > li .code").all_inner_texts()
    page.evaluate("window.notReloaded = true")
    choices.first.click()
    page.wait_for_selector(".hs-result p.muted a")  # "change the answers": the answer was taken
    assert page.evaluate("window.notReloaded === true")  # htmx swapped the results, the page stayed
    page.evaluate("document.querySelectorAll('#hs-results details').forEach(d => d.open = true)")
    assert not findings(read_text(page, "ar", root="#hs-results"), "ar")
    assert page.locator(".hs-candidates > li .code").all_inner_texts() != before or page.locator(".badge.ok").count()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
