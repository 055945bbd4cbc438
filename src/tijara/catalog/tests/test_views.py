"""Catalog pages: list and filters, create/edit, texts, photos, HS suggestion accept/correct, import, export."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from tijara.catalog import services
from tijara.catalog.models import HSCodeChange, Photo, Product
from tijara.catalog.tests.fixtures import catalog_image_bytes


@pytest.fixture(autouse=True)
def _setup():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def owner_client(client, owner_user, settings):
    client.force_login(owner_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_index_redirects_to_my_catalog(owner_client, organisation):
    response = owner_client.get("/catalog/")
    assert response.status_code == 302 and response["Location"] == f"/catalog/{organisation.slug}/"


def test_list_shows_served_language_and_filters(owner_client, organisation, catalog_product, owner_user):
    services.product_create(actor=owner_user, organisation=organisation, sku="LAMP-1", craft_family="lighting",
                            texts={"ar": {"title": "فانوس نحاسي"}})
    page = owner_client.get(f"/catalog/{organisation.slug}/?lang=en").content.decode()
    assert "Tapis Beni Ouarain en laine" in page and "فانوس نحاسي" in page
    assert "shown in" in page  # the English page says which language it served
    filtered = owner_client.get(f"/catalog/{organisation.slug}/", {"craft": "lighting"}).content.decode()
    assert "فانوس نحاسي" in filtered and "Tapis Beni" not in filtered
    missing_fr = owner_client.get(f"/catalog/{organisation.slug}/", {"missing": "fr"}).content.decode()
    assert "LAMP-1" in missing_fr and "COOP-A-RUG-1" not in missing_fr
    htmx = owner_client.get(f"/catalog/{organisation.slug}/", {"q": "LAMP"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in htmx.content and b"LAMP-1" in htmx.content


def test_create_edit_and_variant_flow(owner_client, organisation):
    response = owner_client.post(f"/catalog/{organisation.slug}/new/", {
        "sku": "POUF-1", "craft_family": "leather", "moq": "1", "status": "draft", "title": "Pouf en cuir",
        "price_mad": "650,00", "stock": "3", "materials": "goat leather"})
    assert response.status_code == 302
    product = Product.objects.get(organisation=organisation, sku="POUF-1")
    assert product.variants.get().price_mad == Decimal("650.00") and product.texts.get().language_code == "en"
    bad = owner_client.post(f"/catalog/{organisation.slug}/p/POUF-1/", {
        "sku": "POUF-1", "craft_family": "leather", "moq": "1", "status": "ready", "materials": "leather 150%"})
    assert bad.status_code == 200 and b"between 0 and 100" in bad.content
    product.refresh_from_db()
    assert product.status == "draft"
    owner_client.post(f"/catalog/{organisation.slug}/p/POUF-1/variants/", {"sku": "POUF-1-B", "price_mad": "700",
                                                                           "stock": "1", "colour": "brown"})
    assert product.variants.count() == 2
    owner_client.post(f"/catalog/{organisation.slug}/p/POUF-1/texts/ar/", {"title": "بوف من الجلد",
                                                                          "origin": "person", "tags": "جلد; بوف"})
    assert product.texts.get(language_code="ar").tags == ["جلد", "بوف"]


def test_photo_manager_uploads_several_and_refuses_pdf(owner_client, organisation, catalog_product):
    url = f"/catalog/{organisation.slug}/p/{catalog_product.sku}/photos/"
    response = owner_client.post(url, {"photos": [
        SimpleUploadedFile("a.jpg", catalog_image_bytes(gps=True), content_type="image/jpeg"),
        SimpleUploadedFile("b.png", catalog_image_bytes("PNG"), content_type="image/png"),
        SimpleUploadedFile("c.jpg", b"%PDF-1.4 fake", content_type="image/jpeg"),
    ]}, follow=True)
    assert Photo.objects.filter(product=catalog_product).count() == 2
    assert "c.jpg: This file is not a JPEG, PNG or WebP image." in response.content.decode()
    photo = Photo.objects.filter(product=catalog_product).order_by("position").last()
    response = owner_client.post(f"{url}{photo.pk}/", {"action": "first"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"photo-grid" in response.content
    assert Photo.objects.filter(product=catalog_product).order_by("position").first() == photo


def test_hs_suggestion_accept_in_one_click(owner_client, organisation, catalog_product):
    panel = owner_client.get(f"/catalog/{organisation.slug}/p/{catalog_product.sku}/hs/suggest/")
    assert panel.status_code == 200
    html = panel.content.decode()
    assert "The classifier suggests" in html and 'value="accept"' in html
    suggestion = services.hs_suggest(product=catalog_product)
    assert suggestion["code"].startswith("57")  # a hand-knotted wool rug: chapter 57, carpets
    owner_client.post(f"/catalog/{organisation.slug}/p/{catalog_product.sku}/hs/", {
        "action": "accept", "suggested_code": suggestion["code"], "confidence": str(suggestion["confidence"])})
    catalog_product.refresh_from_db()
    assert (catalog_product.hs_code, catalog_product.hs_source) == (suggestion["code"], "classifier")
    # Correct it: the log keeps what the classifier suggested and what the person chose.
    owner_client.post(f"/catalog/{organisation.slug}/p/{catalog_product.sku}/hs/", {
        "action": "set", "code": "5702.91", "suggested_code": suggestion["code"]})
    change = HSCodeChange.objects.filter(product=catalog_product).first()
    assert (change.from_code, change.to_code, change.source, change.suggested_code) == (
        suggestion["code"], "570291", "person", suggestion["code"])


def test_hs_code_that_does_not_exist_is_refused(owner_client, organisation, catalog_product):
    response = owner_client.post(f"/catalog/{organisation.slug}/p/{catalog_product.sku}/hs/",
                                 {"action": "set", "code": "9999.99"}, follow=True)
    assert "does not exist" in response.content.decode()
    catalog_product.refresh_from_db()
    assert catalog_product.hs_code == ""


def test_import_page_dry_run_then_apply(owner_client, organisation):
    csv = "SKU,Craft family,Price (MAD),Title (French)\nW-1,wood,120,Boîte en thuya\nW-2,wood,abc,Plateau\n"
    url = f"/catalog/{organisation.slug}/import/"
    page = owner_client.post(url, {"step": "check", "file": SimpleUploadedFile("p.csv", csv.encode())})
    html = page.content.decode()
    assert "1 product will be created" in html and "“\u2068abc\u2069” is not a number." in html
    assert not Product.objects.filter(organisation=organisation).exists()
    token = page.context["token"]
    done = owner_client.post(url, {"step": "apply", "token": token}, follow=True)
    assert done.redirect_chain[-1][0] == f"/catalog/{organisation.slug}/import/run/{token}/"
    assert "Import done" in done.content.decode() and "1 product created, 0 products updated, 0 products unchanged." in done.content.decode()
    assert list(Product.objects.filter(organisation=organisation).values_list("sku", flat=True)) == ["W-1"]
    again = owner_client.post(url, {"step": "apply", "token": token}, follow=True)  # applied once only
    assert "Import done" in again.content.decode()
    assert Product.objects.filter(organisation=organisation).count() == 1
    gone = owner_client.post(url, {"step": "apply", "token": "made-up"}, follow=True)
    assert "expired" in gone.content.decode()


def test_bulk_edit_page(owner_client, organisation, catalog_product):
    owner_client.post(f"/catalog/{organisation.slug}/bulk-edit/", {"sku": [catalog_product.sku],
                                                                   "bulk-action": "price", "bulk-price_percent": "-10"})
    assert catalog_product.variants.get().price_mad == Decimal("3780.00")


def test_downloads(owner_client, organisation, catalog_product):
    xlsx = owner_client.get(f"/catalog/{organisation.slug}/export.xlsx?lang=fr")
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet["A1"].value == "Référence (SKU)" and sheet["A2"].value == catalog_product.sku
    template = owner_client.get(f"/catalog/{organisation.slug}/import/template.xlsx?lang=ar")
    assert load_workbook(io.BytesIO(template.content)).worksheets[0]["A1"].value == "المرجع"
    assert owner_client.get(f"/catalog/{organisation.slug}/export.pdf").status_code == 404


def test_hs_panel_speaks_the_page_language_and_shows_no_score(owner_client, organisation, catalog_product):
    """The panel loads by htmx after a `?lang=ar` page: it answers in Arabic (from the page's HX-Current-URL), shows
    no ranking score, and a label not written in Arabic says which language it is in."""
    page = f"http://testserver/catalog/{organisation.slug}/p/{catalog_product.sku}/?lang=ar"
    panel = owner_client.get(f"/catalog/{organisation.slug}/p/{catalog_product.sku}/hs/suggest/",
                             HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=page, HTTP_ACCEPT_LANGUAGE="en")
    html = panel.content.decode()
    assert "يقترح المصنف" in html and "The classifier suggests" not in html
    assert "score" not in html.lower().replace('name="confidence"', "")
    # a label in another language is marked with it and says so in words
    assert len(re.findall(r'<span lang="en"', html)) == html.count("النص الرسمي بالإنجليزية")
    page_html = owner_client.get(f"/catalog/{organisation.slug}/p/{catalog_product.sku}/?lang=fr").content.decode()
    assert "score" not in page_html.lower()


def test_back_links_use_the_mirrored_icon_not_an_arrow_character(owner_client, organisation):
    """An arrow character points the wrong way in Arabic; the back icon is mirrored by the page direction."""
    page = owner_client.get(f"/catalog/{organisation.slug}/import/", HTTP_ACCEPT_LANGUAGE="ar")
    body = page.content.decode()
    assert "←" not in body and 'class="back"' in body
    assert 'lang="fr" hreflang="fr">XLSX français' in body  # a language's own name is marked with its language


def test_hs_history_says_the_change_in_words_without_the_classifier_score(owner_client, owner_user, catalog_product):
    from tijara.catalog import services

    services.product_hs_set(actor=owner_user, product=catalog_product, code="570110", source="classifier",
                            confidence=0.81, check=False)
    page = owner_client.get(f"/catalog/{catalog_product.organisation.slug}/p/{catalog_product.sku}/?lang=ar",
                            HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    history = page.split('<li class="source">', 1)[1].split("</li>", 1)[0]
    assert "0,81" not in history and "0.81" not in history and "→" not in history and "إلى" in history


@pytest.mark.parametrize("typed", ["236,5", "236.5"])
def test_size_fields_read_both_decimal_signs_in_french(db, typed):
    from django.utils import translation

    from tijara.catalog.forms import ProductForm

    with translation.override("fr"):
        form = ProductForm({"sku": "X-1", "craft_family": "rugs", "moq": "1", "status": "draft",
                            "length_cm": typed, "weight_kg": typed})
        form.fields["craft_family"].choices = [("rugs", "rugs")]
        assert form.is_valid(), form.errors
    assert form.cleaned_data["length_cm"] == Decimal("236.5") and form.cleaned_data["weight_kg"] == Decimal("236.5")


def test_product_edit_shows_sizes_and_prices_with_the_page_decimal_sign(owner_client, organisation, owner_user):
    from lxml import html

    product = services.product_create(actor=owner_user, organisation=organisation, sku="RUG-D", craft_family="rugs",
                                      texts={"fr": {"title": "Tapis"}}, length_cm="236.0", weight_kg="4.25")
    services.variant_create(actor=owner_user, product=product, price_mad="2720.50", stock=1)
    url = f"/catalog/{organisation.slug}/p/RUG-D/"
    owner_client.cookies["django_language"] = "fr"
    for lang, length, weight, price in (("fr", "236", "4,25", "2720,50"), ("ar", "236", "4,25", "2720,50"),
                                        ("en", "236", "4.25", "2720.50")):
        tree = html.fromstring(owner_client.get(url, {"lang": lang}).content)
        assert tree.xpath("//input[@name='length_cm']/@value") == [length]
        weight_input = tree.xpath("//input[@name='weight_kg']")[0]
        assert weight_input.get("value") == weight and weight_input.get("inputmode") == "decimal"
        assert weight_input.get("type") == "text"
        assert tree.xpath("//input[@name='price_mad' and starts-with(@id, 'price-')]/@value") == [price]
    response = owner_client.post(f"{url}?lang=fr", {"sku": "RUG-D", "craft_family": "rugs", "moq": "1",
                                                    "status": "draft", "length_cm": "236,5", "weight_kg": "4.5"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.length_cm == Decimal("236.5") and product.weight_kg == Decimal("4.5")


def test_import_report_names_columns_and_changes_in_the_pages_words_never_by_key(owner_client, organisation,
                                                                                catalog_product):
    # a sheet written with the short codes, checked on an Arabic page: the report said "price_mad: …" and listed
    # the changes of an accepted row as "weight_kg, variant COOP-A-RUG-1-B, text fr"
    csv = ("sku,price_mad,weight_kg,variant_sku,title_fr\n"
           "COOP-A-RUG-1,abc,,,\n"
           "COOP-A-RUG-1,4200,12,COOP-A-RUG-1-B,Tapis modifié\n")
    page = owner_client.post(f"/catalog/{organisation.slug}/import/?lang=ar",
                             {"step": "check", "file": SimpleUploadedFile("p.csv", csv.encode())})
    html = page.content.decode()
    assert "<strong><bdi>الثمن (درهم)</bdi> (<bdi>price_mad</bdi>)</strong>: «\u2068abc\u2069» ليس عددا." in html
    changes = re.search(r'<span class="source">(.*?)</span>', html.partition('id="report"')[2]).group(1)
    assert "weight_kg" not in changes and "variant " not in changes and "text fr" not in changes
    assert "الوزن (كغ)" in changes and "الصنف \u2068COOP-A-RUG-1-B\u2069" in changes and "النص بالفرنسية" in changes
    # a header written in the page's language is not repeated
    fr = owner_client.post(f"/catalog/{organisation.slug}/import/?lang=fr", {"step": "check", "file": SimpleUploadedFile(
        "p.csv", "Référence (SKU),Prix (MAD)\nCOOP-A-RUG-1,abc\n".encode())}).content.decode()
    assert "<strong><bdi>Prix (MAD)</bdi></strong>\u202f: " in fr


def test_import_of_a_damaged_excel_file_says_to_save_it_again_not_that_a_zip_is_invalid(owner_client, organisation):
    page = owner_client.post(f"/catalog/{organisation.slug}/import/", {
        "step": "check", "file": SimpleUploadedFile("products.xlsx", b"\x00\x01not a workbook" * 50)})
    html = page.content.decode()
    assert "The Excel file cannot be read: save it again as .xlsx." in html and "not a valid ZIP" not in html


def test_variants_are_forms_with_visible_labels_not_a_table_a_phone_cuts(owner_client, organisation,
                                                                        catalog_product):
    html = owner_client.get(f"/catalog/{organisation.slug}/p/COOP-A-RUG-1/?lang=ar").content.decode()
    section = html.partition('id="variants"')[2].partition("</section>")[0]
    assert "<table" not in section and 'class="variant-list"' in section
    variant = catalog_product.variants.get()
    assert f'<label for="price-{variant.pk}">الثمن (درهم)</label>' in section
    assert 'class="visually-hidden"' not in section


@pytest.mark.parametrize(("lang", "one_created", "two_unchanged"), [
    ("en", "1 product will be created", "0 products will stay unchanged"),
    ("fr", "1 produit sera créé", "0 produit restera inchangé"),
    ("ar", "سيُنشأ منتج واحد", "لن يبقى أي منتج دون تغيير"),
])
def test_import_preview_counts_use_each_languages_plural(owner_client, organisation, lang, one_created,
                                                         two_unchanged):
    csv = "SKU,Craft family,Price (MAD),Title (French)\nW-1,wood,120,Boîte en thuya\n"
    url = f"/catalog/{organisation.slug}/import/?lang={lang}"
    with translation.override(lang):
        html = owner_client.post(url, {"step": "check", "file": SimpleUploadedFile("p.csv", csv.encode())}
                                 ).content.decode()
    assert one_created in html and two_unchanged in html
    assert "seront créés" not in html  # never a plural verb after one


@pytest.mark.parametrize(("lang", "names"), [("en", ["Products", "Guide"]), ("fr", ["Produits", "Guide des colonnes"]),
                                             ("ar", ["المنتجات", "دليل الأعمدة"])])
def test_xlsx_export_names_its_sheets_in_the_page_language(owner_client, organisation, catalog_product, lang, names):
    with translation.override(lang):
        xlsx = owner_client.get(f"/catalog/{organisation.slug}/export.xlsx?lang={lang}")
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == names


def test_a_sheet_title_is_one_excel_accepts():
    from tijara.core.spreadsheet import sheet_title

    assert sheet_title("Guide [FR]: a/b\\c*?") == "Guide FR a b c"
    assert len(sheet_title("x" * 40)) == 31 and sheet_title("'[]'") == "Sheet"
