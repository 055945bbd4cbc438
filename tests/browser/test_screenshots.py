"""Screenshots of the main pages in ar/fr/en. `make screenshots` writes them to docs/screenshots/."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = [("home", "/"), ("login", "/accounts/login/"), ("signup", "/accounts/signup/"),
         ("classify", "/assistant/classify/"), ("markets", "/markets/"), ("pricing", "/pricing/calculator/"),
         ("marketplace", "/marketplace/"), ("ask", "/assistant/ask/"), ("knowledge", "/knowledge/"),
         ("events", "/events/"), ("finder", "/markets/finder/570110/"), ("hs", "/markets/hs/570110/")]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_main_pages_render_in_each_language(page, live_server, reference_data_reloaded, language, request, tmp_path):
    target = Path("docs/screenshots") if request.config.getoption("--screenshots") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    for name, path in PAGES:
        response = page.goto(f"{live_server.url}{path}?lang={language}")
        assert response.status < 500, f"{path} in {language}: {response.status}"
        assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
        # nothing wider than the phone screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 2, f"{path} overflows in {language}"
        page.screenshot(path=str(target / f"{name}-{language}.png"), full_page=False)
