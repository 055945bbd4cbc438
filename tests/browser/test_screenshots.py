"""Screenshots of every main step, per persona, in ar/fr/en at 390 px (phone) and 1280 px (desktop).

`make screenshots` writes them to docs/screenshots/ (`<step>-<language>-<width>.png`); without `--screenshots` they go
to a temporary folder, so the test still checks each page: no server error, the right direction, no sideways
scroll, one h1, the current section marked in the navigation, and the phone Menu button opening the navigation.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from tests.test_crawl import CRAWLED_SELLERS, _demo_for_crawl
from tijara.accounts.demo import DEMO_PASSWORD
from tijara.catalog.models import Product
from tijara.plans.models import ExportPlan

pytestmark = pytest.mark.browser

WIDTHS = [(390, 844), (1280, 800)]
LANGUAGES = ["ar", "fr", "en"]


def _steps() -> list[tuple[str | None, str, str]]:
    """(persona e-mail or None, step name, path) in journey order."""
    product = (Product.objects.filter(organisation__slug=CRAWLED_SELLERS[0], photos__isnull=False)
               .order_by("pk").first())
    plan = ExportPlan.objects.filter(organisation__slug=CRAWLED_SELLERS[1]).order_by("pk").first()
    fes_product = Product.objects.filter(organisation__slug=CRAWLED_SELLERS[1]).order_by("pk").first()
    steps = [
        (None, "visitor-home", "/"),
        (None, "visitor-catalog", reverse("marketplace:index")),
        (None, "visitor-product", reverse("marketplace:product", args=[fes_product.organisation.slug, fes_product.sku])),
        (None, "visitor-signup", reverse("accounts:signup")),
        ("fatima@demo.tijara.ma", "artisan-home", reverse("accounts:dashboard")),
        ("fatima@demo.tijara.ma", "artisan-products", reverse("catalog:list", args=[CRAWLED_SELLERS[0]])),
        ("fatima@demo.tijara.ma", "artisan-product", reverse("catalog:edit", args=[CRAWLED_SELLERS[0], product.sku])),
        ("fatima@demo.tijara.ma", "artisan-export-todo", reverse("plans:journey", args=[product.pk])),
        ("fatima@demo.tijara.ma", "artisan-code", reverse("plans:journey_code", args=[product.pk])),
        ("fatima@demo.tijara.ma", "artisan-markets", reverse("plans:journey_markets", args=[product.pk])),
        ("fatima@demo.tijara.ma", "artisan-price", reverse("plans:journey_price", args=[product.pk])),
        ("fatima@demo.tijara.ma", "artisan-plan", reverse("plans:journey_plan", args=[product.pk])),
        ("fatima@demo.tijara.ma", "artisan-sell", reverse("plans:journey_sell", args=[product.pk])),
        ("fatima@demo.tijara.ma", "artisan-channels", reverse("channels:index")),
        ("fatima@demo.tijara.ma", "artisan-readiness", reverse("training:index")),
        ("fatima@demo.tijara.ma", "learn-hs-code", reverse("assistant:classify")),
        ("fatima@demo.tijara.ma", "learn-markets", reverse("markets:index")),
        ("fatima@demo.tijara.ma", "learn-procedures", reverse("knowledge:index")),
        ("fatima@demo.tijara.ma", "learn-price", reverse("pricing:calculator")),
        ("fatima@demo.tijara.ma", "learn-ask", reverse("assistant:ask")),
        ("fatima@demo.tijara.ma", "learn-fairs", reverse("events:index")),
        ("hassan@demo.tijara.ma", "workshop-plans", reverse("plans:index")),
        ("hassan@demo.tijara.ma", "workshop-requests", reverse("marketplace:inquiries")),
        ("buyer@demo.tijara.ma", "buyer-catalog", reverse("marketplace:index")),
        ("buyer@demo.tijara.ma", "buyer-requests", reverse("marketplace:inquiries")),
        ("advisor@demo.tijara.ma", "advisor-cooperatives", reverse("training:cohort")),
    ]
    if plan is not None:
        steps.insert(22, ("hassan@demo.tijara.ma", "workshop-plan", reverse("plans:detail", args=[plan.pk])))
    return steps


def _shot(page, path: Path) -> None:
    """A viewport screenshot, saved with a 128-colour palette (a third of the size, no visible change)."""
    page.screenshot(path=str(path))
    Image.open(path).convert("RGB").quantize(colors=128).save(path, optimize=True)


def _log_in(page, base: str, email: str | None) -> None:
    page.context.clear_cookies()
    if email is None:
        return
    page.goto(f"{base}{reverse('accounts:login')}")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_every_main_step_in_each_language_and_width(page, live_server, reference_data_reloaded, request, tmp_path):
    target = Path("docs/screenshots") if request.config.getoption("--screenshots") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    _demo_for_crawl()
    problems, current_person = [], "nobody"
    # Walk the first two steps once, as the artisan would, so the later steps open instead of sending her back.
    _log_in(page, live_server.url, "fatima@demo.tijara.ma")
    current_person = "fatima@demo.tijara.ma"
    product = _steps()[7][2].split("/")[3]
    page.goto(f"{live_server.url}{reverse('plans:journey_code', args=[product])}")
    page.locator("main form button[type=submit]:not(.secondary)").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{reverse('plans:journey_markets', args=[product])}")
    page.locator("main button[name=choose]").first.click()
    page.wait_for_load_state()
    for email, name, path in _steps():
        if email != current_person:
            _log_in(page, live_server.url, email)
            current_person = email
        for language in LANGUAGES:
            # The language switcher's cookie, so pages reached through a redirect keep the language too.
            page.context.add_cookies([{"name": "tijara_language", "value": language, "url": live_server.url}])
            for width, height in WIDTHS:
                page.set_viewport_size({"width": width, "height": height})
                response = page.goto(f"{live_server.url}{path}?lang={language}")
                where = f"{name} ({path}) {language} {width}px"
                if response.status >= 500:
                    problems.append(f"{where}: HTTP {response.status}")
                    continue
                if page.evaluate("document.documentElement.dir") != ("rtl" if language == "ar" else "ltr"):
                    problems.append(f"{where}: wrong direction")
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 1:
                    problems.append(f"{where}: scrolls sideways by {overflow}px")
                if page.locator("h1").count() != 1:
                    problems.append(f"{where}: {page.locator('h1').count()} h1")
                _shot(page, target / f"{name}-{language}-{width}.png")
    assert not problems, "\n".join(problems)


def test_phone_menu_opens_marks_the_current_page_and_closes_on_escape(page, live_server, reference_data_reloaded,
                                                                       request, tmp_path):
    target = Path("docs/screenshots") if request.config.getoption("--screenshots") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    _demo_for_crawl()
    _log_in(page, live_server.url, "fatima@demo.tijara.ma")
    for language in LANGUAGES:
        page.context.add_cookies([{"name": "tijara_language", "value": language, "url": live_server.url}])
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{live_server.url}{reverse('catalog:index')}?lang={language}")
        toggle = page.locator("button.menu-toggle")
        nav = page.locator("#site-nav")
        assert toggle.is_visible() and not nav.is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and nav.is_visible()
        current = nav.locator("[aria-current=page]")
        assert current.count() == 1 and current.get_attribute("href").startswith("/catalog/")
        assert page.evaluate("document.documentElement.lang") == language
        _shot(page, target / f"menu-open-{language}-390.png")
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false" and not nav.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
        # Desktop: one row, no Menu button, the same link marked.
        page.set_viewport_size({"width": 1280, "height": 800})
        assert not toggle.is_visible() and nav.is_visible()
        box = page.locator("header.site").bounding_box()
        assert box["height"] < 90, f"desktop header wraps ({box['height']}px) in {language}"
