"""Public pages, search page, sitemap, the inquiry pages' permission matrix, the dashboard."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from lxml import html

from tijara.accounts.tests.fixtures import PASSWORD, make_user
from tijara.marketplace import services, viewcounts
from tijara.marketplace.models import Inquiry, Message, ProductView, Quote


def _login(client, user):
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)


def test_catalog_page_lists_public_products_with_facets(client, marketplace_products):
    response = client.get(reverse("marketplace:index"), {"q": "tapis", "lang": "en"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tapis berbère en laine nouée main" in body
    assert "Tapis secret" not in body  # the draft is private
    assert 'href="?q=tapis&amp;lang=en&amp;craft=rugs"' in body or "craft=rugs" in body


def test_catalog_htmx_request_returns_the_results_partial(client, marketplace_products):
    response = client.get(reverse("marketplace:index"), {"q": "lantern"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b"Brass lantern" in response.content


@pytest.mark.parametrize("query", ["x" * 10_000, "'; DROP TABLE catalog_product; --", 'NEAR("a" "b") OR *', "%00"])
def test_hostile_search_gives_a_normal_page(client, marketplace_products, query):
    response = client.get(reverse("marketplace:index"), {"q": query, "material": "' OR 1=1", "page": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("language, heading, button", [
    ("en", "No product matches “xyzzyq”", "Clear all filters"),
    ("fr", "Aucun produit ne correspond à « xyzzyq »", "Effacer tous les filtres"),
    ("ar", "لا يوجد منتج يطابق «xyzzyq»", "مسح جميع المرشحات"),
])
def test_no_results_repeat_the_query_and_offer_the_next_step(client, marketplace_products, language, heading, button):
    """UX guide §4.6: an empty search names the query, keeps the filter chips and offers one button; no price-rate
    note about prices that are not there."""
    response = client.get(reverse("marketplace:index"), {"q": "xyzzyq", "craft": "rugs", "lang": language})
    tree = html.fromstring(response.content)
    empty = tree.xpath("//section[@id='no-results']")
    assert empty and not tree.xpath("//div[@class='results-grid']")
    assert heading in empty[0].xpath("string(.//h2)").replace("\u2068", "").replace("\u2069", "")
    action = empty[0].xpath(".//a[contains(@class, 'button')]")
    assert [a.text_content() for a in action] == [button] and "craft=" not in action[0].get("href")
    assert tree.xpath("//ul[@class='chips']//a[@class='chip']")
    assert not tree.xpath("//section[@class='hits']/p[contains(@class, 'small')]")
    without_filters = html.fromstring(client.get(reverse("marketplace:index"), {"q": "xyzzyq", "lang": "en"}).content)
    assert without_filters.xpath("//section[@id='no-results']//a[@class='button']/@href") == [
        reverse("marketplace:index")]


def test_an_unknown_range_value_in_the_address_is_ignored_not_shown_as_a_chip(client, marketplace_products):
    """`price=abc` (a stale or edited link) used to show a "Price: abc" chip over zero results."""
    plain = html.fromstring(client.get(reverse("marketplace:index"), {"lang": "en"}).content)
    odd = html.fromstring(client.get(reverse("marketplace:index"), {"lang": "en", "price": "abc", "moq": "lots",
                                                                    "lead_time": "soon", "verified": "maybe"}).content)
    assert not odd.xpath("//ul[@class='chips']") and not odd.xpath("//section[@id='no-results']")
    assert odd.xpath("string(//p[@id='results-count'])").split()[0] == plain.xpath(
        "string(//p[@id='results-count'])").split()[0]
    kept = html.fromstring(client.get(reverse("marketplace:index"), {"lang": "en", "moq": ["1", "x"]}).content)
    assert len(kept.xpath("//ul[@class='chips']//a[@class='chip']")) == 1


def test_product_page_adds_inches_and_pounds_in_english_only(client, marketplace_products):
    """UX guide §6: metric first; English buyer pages add in and lb."""
    product = marketplace_products["rug_fr"]
    product.length_cm, product.width_cm, product.height_cm, product.weight_kg = 200, 150, 1, 9
    product.save()
    url = reverse("marketplace:product", args=[product.organisation.slug, product.sku])
    english = html.fromstring(client.get(url, {"lang": "en"}).content).text_content()
    assert "200 × 150 × 1 cm (78.7 × 59.1 × 0.4 in)" in english and "9 kg (19.8 lb)" in english
    for lang in ("fr", "ar"):
        body = html.fromstring(client.get(url, {"lang": lang}).content).text_content()
        assert "59,1" not in body and "59.1" not in body and "19,8" not in body and "19.8" not in body


def test_product_page_shows_details_alternates_and_untranslated_notice(client, marketplace_products):
    product = marketplace_products["rug_fr"]
    url = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
    response = client.get(url, {"lang": "en"})
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    hreflangs = {link.get("hreflang") for link in tree.xpath("//link[@rel='alternate']")}
    assert {"ar", "fr", "en", "x-default"} <= hreflangs
    assert tree.xpath("//h1")[0].text_content().strip() == "Tapis berbère en laine nouée main"
    assert tree.xpath("//*[contains(@class, 'untranslated')]")  # French text on an English page
    text = tree.text_content()
    assert "240" in text and "150" in text and "hand-knotted" in text and "4200" in text
    viewcounts.flush()  # views are counted in the cache and written in batches
    assert ProductView.objects.get(product=product).views == 1
    jsonld = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert jsonld["@type"] == "Product" and jsonld["sku"] == "RUG-FR"


def test_product_page_in_its_own_language_has_no_notice(client, marketplace_products):
    product = marketplace_products["rug_fr"]
    url = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
    tree = html.fromstring(client.get(url, {"lang": "fr"}).content)
    assert not tree.xpath("//*[contains(@class, 'untranslated')]")


def test_product_page_price_in_visitor_currency_with_rate_date(client, marketplace_products):
    product = marketplace_products["rug_fr"]
    url = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
    body = client.get(url, {"currency": "USD", "lang": "en"}).content.decode()
    assert "4200" in body
    assert "USD" in body


def test_private_product_and_unknown_maker_are_404(client, marketplace_products):
    draft = marketplace_products["draft"]
    assert client.get(reverse("marketplace:product", kwargs={"maker": draft.organisation.slug,
                                                            "sku": draft.sku})).status_code == 404
    assert client.get(reverse("marketplace:maker", kwargs={"slug": "nobody"})).status_code == 404


def test_maker_page(client, marketplace_products, organisation):
    response = client.get(reverse("marketplace:maker", kwargs={"slug": organisation.slug}), {"lang": "en"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Coopérative A" in body and "Hand-knotted wool rug" in body and "Tapis secret" not in body


def test_sitemap_lists_public_pages_with_alternates(client, marketplace_products):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    tree = html.etree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [e.text for e in tree.xpath("//s:loc", namespaces=ns)]
    assert sum("/marketplace/makers/" in loc and loc.count("/") > 6 for loc in locs) == 6  # six public products
    assert not any("RUG-DRAFT" in loc for loc in locs)
    assert tree.xpath("//x:link[@hreflang='ar']", namespaces=ns)


# ------------------------------------------------------------------------------------------ permission matrix


@pytest.fixture
def marketplace_thread(marketplace_products, buyer_user):
    return services.inquiry_create(
        buyer=buyer_user, destination_country="USA", message="Price for 10?", currency="MAD",
        lines=[{"product_id": marketplace_products["rug_en"].pk, "quantity": 10}])


EXPECTED = {
    # actor: (read thread, post a message, send a quote)
    "anonymous": (302, 302, 302),
    "outsider": (404, 404, 404),
    "advisor": (404, 404, 404),
    "member": (200, 302, 302),
    "manager": (200, 302, 302),
    "owner": (200, 302, 302),
    "admin": (200, 302, 302),
}


@pytest.mark.parametrize("actor", list(EXPECTED))
def test_thread_permission_matrix(client, cast, actor, marketplace_thread):
    user = cast[actor]
    _login(client, user)
    read, post, quote = EXPECTED[actor]
    url = reverse("marketplace:inquiry", kwargs={"pk": marketplace_thread.pk})
    messages_before, quotes_before = Message.objects.count(), Quote.objects.count()
    response = client.get(url)
    assert response.status_code == read
    if read == 200:
        assert "Price for 10?" in response.content.decode()
    response = client.post(reverse("marketplace:inquiry_message", kwargs={"pk": marketplace_thread.pk}),
                           {"body": "hello"})
    assert response.status_code == post
    line = marketplace_thread.lines.get()
    response = client.post(reverse("marketplace:inquiry_quote", kwargs={"pk": marketplace_thread.pk}), {
        "currency": "MAD", "incoterm": "FOB", "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat(),
        f"qty_{line.pk}": "10", f"price_{line.pk}": "3000"})
    assert response.status_code == quote
    is_maker_member = actor in ("member", "manager", "owner")
    assert Message.objects.count() == messages_before + (1 if is_maker_member else 0)
    assert Quote.objects.count() == quotes_before + (1 if is_maker_member else 0)


def test_buyer_web_flow_inquiry_quote_seen(client, marketplace_products, buyer_user, owner_user,
                                           django_capture_on_commit_callbacks):
    _login(client, buyer_user)
    product = marketplace_products["rug_en"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("marketplace:inquiry_new") + f"?product={product.pk}", {
            "product": product.pk, f"quantity_{product.pk}": "8", f"target_{product.pk}": "300",
            "destination_country": "USA", "incoterm": "FOB", "currency": "MAD", "message": "8 rugs please",
            "website": ""})
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert [m.to for m in mail.outbox] == [[owner_user.email]]
    client.logout()
    _login(client, owner_user)
    line = inquiry.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("marketplace:inquiry_quote", kwargs={"pk": inquiry.pk}), {
            "currency": "MAD", "incoterm": "FOB", "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat(),
            f"qty_{line.pk}": "8", f"price_{line.pk}": "3700"})
    assert mail.outbox[-1].to == [buyer_user.email]
    client.logout()
    _login(client, buyer_user)
    body = client.get(reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})).content.decode()
    assert re.search(r"29[,\u202f]600", body)  # 8 × 3700 MAD, grouped as the locale does


def test_honeypot_blocks_the_form(client, marketplace_products, buyer_user):
    _login(client, buyer_user)
    product = marketplace_products["rug_en"]
    response = client.post(reverse("marketplace:inquiry_new"), {
        "product": product.pk, f"quantity_{product.pk}": "8", "destination_country": "USA", "currency": "EUR",
        "message": "cheap pills", "website": "http://spam.example"})
    assert response.status_code == 200 and not Inquiry.objects.exists()


def test_dashboard_counts_views_and_inquiries(client, marketplace_products, buyer_user, owner_user, outsider_user):
    product = marketplace_products["rug_en"]
    for _ in range(3):
        services.product_view_record(product=product, country="USA")
    services.product_view_record(product=product, country="")
    services.inquiry_create(buyer=buyer_user, destination_country="FRA", message="hi", currency="EUR",
                            lines=[{"product_id": product.pk, "quantity": 2}])
    _login(client, owner_user)
    response = client.get(reverse("marketplace:dashboard"))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.views_total == 4 and board.inquiries_total == 1
    assert board.by_product[0]["product"] == product and board.by_product[0]["inquiries"] == 1
    assert {row["country"]: (row["views"], row["inquiries"]) for row in board.by_country} == {
        "USA": (3, 0), "": (1, 0), "FRA": (0, 1)}
    assert b"<svg" in response.content
    client.logout()
    _login(client, make_user("lonely@nowhere.test"))
    assert client.get(reverse("marketplace:dashboard")).status_code == 404


def test_dashboard_names_products_and_countries_in_the_pages_words(client, marketplace_products, buyer_user,
                                                                   owner_user):
    # the tables showed the SKU and the buyer's country code ("USA"), and "over 1 answered inquiries"
    product = marketplace_products["rug_en"]
    services.product_view_record(product=product, country="USA")
    _login(client, owner_user)
    tree = html.fromstring(client.get(reverse("marketplace:dashboard"), {"lang": "fr"}).content)
    product_cell, country_cell = (t.xpath(".//tbody/tr[1]/td[1]")[0] for t in tree.xpath("//table"))
    assert product_cell.xpath(".//bdi[@lang='en']/text()") == ["Hand-knotted wool rug"]
    assert product_cell.xpath(".//*[contains(@class, 'lang-mark')]")  # the English title is said to be English
    assert product_cell.xpath(".//span[@dir='ltr']/text()") == ["RUG-EN"]
    assert country_cell.text_content() == "États-Unis"
    assert "sur 0 demande répondue" in tree.text_content()
    # right to left on an Arabic page: the series start at the inline start
    rtl = html.fromstring(client.get(reverse("marketplace:dashboard"), {"lang": "ar"}).content)
    assert rtl.xpath("//svg[@class='chart']/g/@transform") == ["translate(640 0) scale(-1 1)"]


def test_dashboard_without_any_view_says_what_to_do_instead_of_an_empty_chart(client, marketplace_products,
                                                                               owner_user, organisation):
    _login(client, owner_user)
    tree = html.fromstring(client.get(reverse("marketplace:dashboard"), {"lang": "en"}).content)
    assert not tree.xpath("//svg[@class='chart']")
    section = tree.xpath("//section[h2[.='Views and inquiries per day']]")[0]
    assert section.xpath(f".//a[@href='/catalog/{organisation.slug}/']/text()") == ["Check your products"]


def test_quote_form_offers_currencies_and_incoterms_by_name_and_names_the_field_of_a_problem(
        client, marketplace_products, buyer_user, owner_user):
    product = marketplace_products["rug_en"]
    inquiry = services.inquiry_create(buyer=buyer_user, destination_country="FRA", message="hi", currency="EUR",
                                      lines=[{"product_id": product.pk, "quantity": 2}])
    _login(client, owner_user)
    tree = html.fromstring(client.get(reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk}),
                                      {"lang": "fr"}).content)
    currency = tree.xpath("//select[@name='currency']")[0]  # a typed "USD" field before
    assert currency.xpath("./option[@value='MAD']/text()") == ["dirham marocain"]
    assert currency.xpath("./option[@selected]/@value") == ["EUR"]
    assert tree.xpath("//select[@name='incoterm']/option[@value='FOB']/text()")[0].startswith("FOB — ")
    # the lines become cards on a phone (a 3-column table cut the price field at 390 px)
    price_cell = tree.xpath("//input[starts-with(@name, 'price_')]/parent::td")[0]
    assert price_cell.get("data-label") == "Prix unitaire (MAD)" and "rtable" in price_cell.xpath(
        "ancestor::table/@class")[0]
    line = inquiry.lines.get()
    response = client.post(reverse("marketplace:inquiry_quote", kwargs={"pk": inquiry.pk}) + "?lang=en", {
        "currency": "EUR", "incoterm": "FOB", "valid_until": "someday", f"qty_{line.pk}": "2",
        f"price_{line.pk}": "3700"}, follow=True)
    banner = html.fromstring(response.content).xpath("//ul[@class='messages']")[0].text_content()
    assert "Valid until: Enter a valid date." in banner and "valid_until" not in banner
    assert not Quote.objects.exists()


def test_maker_page_marks_a_story_and_titles_shown_in_another_language(client, marketplace_products, organisation):
    organisation.story = "Une coopérative de tisserandes à Azilal : tapis noués à la main, laine filée par nos soins."
    organisation.save(update_fields=["story"])
    tree = html.fromstring(client.get(reverse("marketplace:maker", kwargs={"slug": organisation.slug}),
                                      {"lang": "ar"}).content)
    story = tree.xpath("//section[contains(@class, 'story')]")[0]
    assert story.xpath(".//*[@lang='fr']") and story.xpath(".//*[contains(@class, 'untranslated')]")
    french_title = tree.xpath("//article[.//bdi[contains(., 'Tapis berbère')]]")[0]
    assert french_title.xpath(".//bdi[@lang='fr']") and french_title.xpath(".//*[contains(@class, 'untranslated')]")
    arabic_title = tree.xpath("//article[.//bdi[contains(., 'زربية أمازيغية')]]")[0]
    assert not arabic_title.xpath(".//*[contains(@class, 'untranslated')]")


def test_product_details_name_materials_in_the_page_language_or_say_they_are_as_written(client, marketplace_products):
    product = marketplace_products["rug_en"]
    product.materials = [{"name": "wool", "percent": 80}, {"name": "sabra silk", "percent": None}]
    product.save(update_fields=["materials"])
    url = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
    tree = html.fromstring(client.get(url, {"lang": "ar"}).content)
    materials = tree.xpath("//dt[.='المواد']/following-sibling::dd[1]")[0]
    assert "صوف" in materials.text_content() and "wool" not in materials.text_content()
    unknown = [b for b in materials.xpath(".//bdi") if "sabra" in b.text_content() or "silk" in b.text_content()]
    assert not unknown or materials.xpath(".//*[contains(@class, 'lang-mark')]")
    assert "hand-knotted" in html.fromstring(client.get(url, {"lang": "en"}).content).text_content()


def test_inquiry_page_shows_titles_in_the_page_language_or_marks_the_one_shown(client, marketplace_products,
                                                                              buyer_user, owner_user):
    inquiry = services.inquiry_create(
        buyer=buyer_user, destination_country="USA", message="Prices?", currency="MAD",
        lines=[{"product_id": marketplace_products["rug_fr"].pk, "quantity": 2},
               {"product_id": marketplace_products["tagine"].pk, "quantity": 50}])
    _login(client, owner_user)
    url = reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})
    tree = html.fromstring(client.get(url, {"lang": "fr"}).content)
    table = tree.xpath("//section[h2]//table")[0]
    assert table.xpath(".//bdi[contains(., 'Tajine en terre cuite')]")  # the product's French text, not the snapshot
    assert not table.xpath(".//*[contains(@class, 'lang-mark')]")
    tree = html.fromstring(client.get(url, {"lang": "ar"}).content)
    table = tree.xpath("//section[h2]//table")[0]
    french = table.xpath(".//bdi[contains(., 'Tapis berbère')]")[0]
    assert french.get("lang") == "fr"
    assert french.getparent().xpath(".//*[contains(@class, 'lang-mark')]")
    marketplace_products["rug_fr"].delete()  # the title saved with the line, its language told from the text
    tree = html.fromstring(client.get(url, {"lang": "ar"}).content)
    saved = tree.xpath("//section[h2]//table//bdi[contains(., 'Tapis berbère')]")[0]
    assert saved.get("lang") == "fr" and saved.getparent().xpath(".//*[contains(@class, 'lang-mark')]")


def test_request_forms_mark_a_title_shown_in_another_language(client, marketplace_products, buyer_user):
    product = marketplace_products["rug_fr"]
    for user in (None, buyer_user):  # the guest form, then the signed-in one
        _login(client, user)
        tree = html.fromstring(client.get(reverse("marketplace:inquiry_new"), {"product": product.pk,
                                                                               "lang": "ar"}).content)
        title = tree.xpath("//bdi[contains(., 'Tapis berbère')]")[0]
        assert title.get("lang") == "fr" and title.getparent().xpath(".//*[contains(@class, 'lang-mark')]")


def test_quote_lines_mark_a_description_written_in_another_language(client, marketplace_products, buyer_user,
                                                                     owner_user):
    inquiry = services.inquiry_create(
        buyer=buyer_user, destination_country="USA", message="Prices?", currency="MAD",
        lines=[{"product_id": marketplace_products["rug_fr"].pk, "quantity": 2},
               {"product_id": marketplace_products["tagine"].pk, "quantity": 50}])
    lines = list(inquiry.lines.all())
    services.quote_create(actor=owner_user, inquiry=inquiry, incoterm="FOB", currency="MAD",
                          valid_until=timezone.localdate() + timedelta(days=30),
                          lines=[{"inquiry_line_id": line.pk, "quantity": line.quantity, "unit_price_mad": "100"}
                                 for line in lines])
    _login(client, buyer_user)
    url = reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})
    for language, marked in (("ar", True), ("en", True), ("fr", False)):
        page = html.fromstring(client.get(url, {"lang": language}).content)
        quote = page.xpath("//section[contains(@class, 'quote')]")[0]
        rug = quote.xpath(".//bdi[contains(., 'Tapis berbère')]")[0]  # as the maker sent it, its language told
        assert rug.get("lang") == "fr"
        assert bool(rug.getparent().xpath(".//*[contains(@class, 'lang-mark')]")) is marked, language
