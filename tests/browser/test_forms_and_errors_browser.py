"""What a user sees on the catalog import report, the export plan, the account forms, the error pages and the
inquiry thread, in Debian's Chromium: Arabic pages say things in Arabic (or say which language a text is in),
values keep their direction, a malformed file gets a report and never a server error."""

import pytest
from django.utils import timezone

from tests.browser.journey import sideways
from tijara.core.testing import visible_text

pytestmark = pytest.mark.browser

MALFORMED = b"sku,title_fr,price_mad,stock\nBAD 1,,abc,-3\nBR-9,Tapis,1e9999,x\n"


def _import(page, base, slug, data: bytes, name: str):
    page.goto(f"{base}/catalog/{slug}/import/?lang=ar")
    page.set_input_files("input[type=file]", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.locator("main form.card button[type=submit]").first.click()
    page.wait_for_load_state()


def test_malformed_sheet_gets_a_report_with_isolated_values_and_cards_on_a_phone(logged_in_page, live_server, seller):
    _user, org = seller
    page = logged_in_page
    page.set_viewport_size({"width": 390, "height": 900})
    _import(page, live_server.url, org.slug, MALFORMED, "bad.csv")
    report = page.locator("#report")
    assert report.count() == 1, page.inner_text("main")[:400]  # a report, not the server error page
    text = report.inner_text()
    assert "كبير جدا" in text  # 1e9999: "too large", in Arabic
    # each user value sits in its own direction isolate (its quotes stay around it in an Arabic sentence)
    assert "\u2068abc\u2069" in report.inner_html()
    # the rows are cards with their labels under 37.5rem: no sideways scroll, the table head is hidden
    assert sideways(page) <= 0
    assert page.locator("#report td[data-label]").count() >= 8
    assert page.locator("#report thead").bounding_box()["height"] <= 1


def test_sku_label_carries_no_english_gloss_in_arabic(logged_in_page, live_server, seller):
    _user, org = seller
    page = logged_in_page
    page.goto(f"{live_server.url}/catalog/{org.slug}/new/?lang=ar")
    label = page.inner_text("label[for=id_sku]")
    assert "المرجع" in label and "SKU" not in label
    assert page.get_attribute("#id_sku", "dir") == "ltr"
    assert page.get_attribute("#id_care_instructions", "dir") == "auto"


def test_plan_written_in_french_says_so_on_an_arabic_page(logged_in_page, live_server, seller):
    from tijara.plans.models import ExportPlan

    user, org = seller
    plan = ExportPlan.objects.create(
        organisation=org, description="zellige de Fès fait main", market="USA", language="fr", created_by=user,
        computed_at=timezone.now(),
        result={"unknowns": ["Le fret maritime n'est pas connu pour ce marché."],
                "checklist": {"items": [{"title": "Obtenir la carte professionnelle d'artisan", "sources": []}]}})
    page = logged_in_page
    page.goto(f"{live_server.url}/plans/{plan.pk}/?lang=ar")
    banner = page.locator("#plan-language")
    assert "الفرنسية" in banner.inner_text()
    body = page.locator("#plan-body")
    assert body.get_attribute("lang") == "fr" and body.get_attribute("dir") == "ltr"
    # the plan's own headings are in the plan's language too, not Arabic headings over French lines
    assert "Résumé" in body.inner_text() and "carte professionnelle" in body.inner_text()
    page.goto(f"{live_server.url}/plans/{plan.pk}/?lang=fr")
    assert page.locator("#plan-language").count() == 0


def test_seller_sign_up_picks_the_country_by_name_and_summarises_errors(page, live_server, transactional_db):
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/signup/")
    assert "ISO" not in visible_text(page.content())
    assert page.locator("select#id_country option[value=FRA]").inner_text() == "فرنسا"
    page.fill("input[name=email]", "not-an-address")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.title().startswith("خطأ")
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.locator("a[href='#id_email']").count() == 1


def test_expired_form_page_speaks_the_users_language(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/accounts/login/?lang=ar")
    page.context.clear_cookies()  # the session and its form token are gone, as after a long pause
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    page.fill("input[name=email]", "someone@example.test")
    page.fill("input[name=password]", "whatever-password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "ar"
    text = visible_text(page.content())
    assert "انتهت صلاحية الاستمارة" in text and "CSRF" not in text


def test_inquiry_messages_read_in_their_own_direction(page, live_server, seller):
    from tests.browser.journey import log_in
    from tijara.accounts import services
    from tijara.accounts.tests.fixtures import PASSWORD
    from tijara.marketplace.models import Inquiry

    _user, org = seller
    buyer = services.user_create(email="ann@shop.test", password=PASSWORD, full_name="Ann", verified=True)
    inquiry = Inquiry.objects.create(buyer=buyer, maker=org, destination_country="USA", currency="USD",
                                     message="Can you ship 12 rugs by spring?")
    log_in(page, live_server.url, "fatima@coop.test", query="?lang=ar")
    page.wait_for_url("**/accounts/dashboard/**")
    page.goto(f"{live_server.url}/marketplace/inquiries/{inquiry.pk}/?lang=ar")
    message = page.locator(".thread .message-body").first
    assert message.get_attribute("dir") == "auto"
    # an English question in an Arabic thread reads left to right, its question mark at its end
    assert "spring?" in message.inner_text()
    assert message.evaluate("e => getComputedStyle(e.querySelector('p')).direction") == "ltr"
    assert page.get_attribute("textarea[name=body]", "dir") == "auto"
    # the workshop's inbox: received requests as cards on a phone, no empty "sent" list for a seller who never sent one
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/marketplace/inquiries/?lang=ar")
    assert page.locator("main h2").count() == 1
    assert page.locator("main table.rtable td[data-label]").count() >= 3
    assert sideways(page) <= 0


def test_an_arabic_sheet_takes_region_craft_and_status_by_their_arabic_names(logged_in_page, live_server, seller):
    _user, org = seller
    page = logged_in_page
    page.goto(f"{live_server.url}/catalog/{org.slug}/import/?lang=ar")
    guide = visible_text(page.inner_html("main details"))
    assert "بني ملال خنيفرة" in guide and "مسودة" in guide
    assert "beni-mellal-khenifra" not in guide and "archived" not in guide  # codes only in their <code> cells
    sheet = "المرجع,فئة الحرفة,جهة الصنع,الحالة,الثمن (درهم)\nAR-1,الزرابي,بني ملال خنيفرة,جاهز,1200\n".encode()
    _import(page, live_server.url, org.slug, sheet, "ar.csv")
    assert page.locator("#report td.rejected").count() == 0, page.inner_text("#report")
    assert "AR-1" in page.inner_text("#report")


@pytest.mark.parametrize("width", [390, 1280])
def test_unreadable_request_page_speaks_to_a_person_and_offers_the_way_on(page, live_server, transactional_db,
                                                                           width):
    """`?q=%00`: the 400 page in Arabic names no parameter or escape code, fits a phone, and its one button leads
    to the same search without the character."""
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    response = page.goto(f"{live_server.url}/marketplace/?q=rug%00")
    assert response.status == 400
    text = visible_text(page.content())
    assert "محرف غير مرئي" in text and "NUL" not in text and "%00" not in text and "«q»" not in text
    assert sideways(page) <= 0
    page.locator("main a.button").click()
    page.wait_for_load_state()
    assert page.url.endswith("/marketplace/?q=rug")
    assert page.evaluate("document.documentElement.lang") == "ar"
