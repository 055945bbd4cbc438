"""Public pages a buyer or a visitor reads on a phone: prose tables become cards instead of squeezed columns."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_requirements_rules_use_the_whole_phone_width(page, live_server, reference_data_reloaded, lang):
    """At 390 px the four-column rules table squeezed each rule into a column a few words wide (the page was
    15,000 px tall in Arabic); as cards, each rule's text takes the card's width."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "tijara_language", "value": lang, "url": live_server.url}])
    page.goto(f"{live_server.url}/knowledge/requirements/?family=rugs&market=FRA")
    widths = page.eval_on_selector_all("table.rtable tbody td", "cells => cells.map(c => c.getBoundingClientRect().width)")
    assert widths and min(widths) > 0.75 * 390 - 80, widths
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")


def test_checklist_steps_keep_the_phone_width(page, live_server, reference_data_reloaded):
    """Each step's facts (who, documents, details) sat under a 40 px browser indent inside a numbered list: the
    Arabic checklist ran to 15,000 px at 390 px. Labels now stand above their text with no indent."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/knowledge/checklist/?hs=570110&family=rugs&market=FRA")
    widths = page.eval_on_selector_all("ol.items dl.step dd", "dds => dds.map(d => d.getBoundingClientRect().width)")
    assert widths and min(widths) > 390 - 110, widths
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_market_ranking_reads_as_short_summaries_on_a_phone(page, live_server, reference_data_reloaded):
    """The ranking printed each market's whole explanation: 37,241 px at 390 px in Arabic (35 markets for 570110).
    Each market is now a short summary (about 430 px) with its full explanation in a <details> that opens in place."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/markets/finder/570110/")
    heights = page.eval_on_selector_all(".finder-list > article", "cards => cards.map(c => c.getBoundingClientRect().height)")
    assert len(heights) > 10 and max(heights) < 650, heights
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    full = page.locator("details.finder-full").first
    assert not full.locator("table").is_visible()
    full.locator("summary").click()
    assert full.locator("table").is_visible() and "بالإنجليزية)" in full.inner_text()  # the mark, alone or inside a bracket
