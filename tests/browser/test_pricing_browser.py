"""The export price calculator updates as you type (htmx) and prints — in Debian's Chromium."""

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def pricing_data(reference_data_reloaded):
    """Rates, fees and tariffs: every reference pack, since an earlier browser test may have flushed them."""


def amount(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text))


def test_calculator_updates_as_you_type(page, live_server, pricing_data):
    page.goto(f"{live_server.url}/pricing/calculator/?lang=en")
    price = page.locator("[data-testid=retail-price]")
    first = price.inner_text()
    assert "$" in first  # money through the locale: "$468.12" in English
    page.fill("#id_exw", "5000")
    page.wait_for_function(
        "first => document.querySelector('[data-testid=retail-price]').innerText !== first", arg=first)
    second = price.inner_text()
    assert amount(second) > amount(first)
    page.fill("#id_dims_cm", "2x")
    page.wait_for_selector(".pricing-error")
    assert "not understood" in page.inner_text(".pricing-error")


def test_calculator_in_arabic_reads_right_to_left(page, live_server, pricing_data):
    page.goto(f"{live_server.url}/pricing/calculator/?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "حاسبة أثمان التصدير" in page.inner_text("h1")
