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


def _classify(page, base: str, lang: str, text: str) -> None:
    page.context.add_cookies([{"name": "tijara_language", "value": lang, "url": base}])
    page.goto(f"{base}/assistant/classify/")
    page.fill("textarea[name=text]", text)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".hs-candidates")


def test_the_which_of_two_question_shows_the_two_codes_as_the_list_does(page, live_server, transactional_db):
    """Two close codes and no fact to ask about: the question names both as the list shows them (code isolated,
    an English official text marked English), not as one sentence mixing scripts and bare codes."""
    page.set_viewport_size({"width": 390, "height": 900})
    _classify(page, live_server.url, "ar", "zellige glazed tile")
    question = page.locator("#hs-question")
    assert question.count()
    assert not findings(read_text(page, "ar", root="#hs-question"), "ar")
    pair = question.locator(".hs-pair li")
    assert pair.count() == 2
    assert pair.locator("bdi.code").all_inner_texts() == page.locator(".hs-candidates > li .code").all_inner_texts()[:2]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_official_text_shows_the_same_eu_line_whatever_the_page_language(page, live_server, transactional_db):
    """The "Official text" toggle's French EU line is the one closest to the description, as the French page shows
    it, not the subheading's first line (a leather pouf read "transmission belts" on Arabic and English pages)."""
    lines = {}
    for lang in ("fr", "ar", "en"):
        _classify(page, live_server.url, lang, "pouf en cuir brodé")
        codes = page.locator(".hs-candidates > li .code").all_inner_texts()
        page.evaluate("document.querySelectorAll('#hs-results details').forEach(d => d.open = true)")
        texts = page.locator(".hs-candidates > li .official[lang=fr]").all_inner_texts()
        lines[lang] = dict(zip(codes, texts, strict=False))
    for lang in ("ar", "en"):
        shared = set(lines[lang]) & set(lines["fr"])
        assert shared
        assert all(lines[lang][code] == lines["fr"][code] for code in shared), lang
