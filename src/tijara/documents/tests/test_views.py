"""Shipment pages, API and CLI: prepare, check, download; who may do what."""

import io
import json
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from lxml import html

from tijara.documents import services
from tijara.documents.models import Shipment

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]
LOGIN = 302
SHIP = "2026-12-10"


@pytest.fixture
def shipment(exporter, rug, owner_user, buyer_fr):
    return services.shipment_create(actor=owner_user, organisation=exporter, lines=[{"sku": "RUG-BO-1", "quantity": 1}],
                                    market="FRA", buyer=buyer_fr, place="Lyon", ship_date=SHIP, language="ar")


def _state(shipment):
    shipment.refresh_from_db()
    return model_to_dict(shipment), Shipment.objects.count()


FORM = {"products": "RUG-BO-1:3", "market": "USA", "buyer_name": "Changed Inc", "buyer_address": "1 Main St, Boston",
        "incoterm": "DAP", "place": "Boston", "ship_date": SHIP, "language": "en"}
API_BODY = {"lines": [{"sku": "RUG-BO-1", "quantity": 1}], "market": "GBR",
            "buyer": {"name": "Souk & Loom Ltd", "address": "4 Brick Lane, London"}, "place": "London",
            "ship_date": SHIP, "language": "en"}
READ = dict(anonymous=LOGIN, outsider=404, member=200, manager=200, owner=200, advisor=200, admin=200)
CASES = [
    ("detail", "get", "/documents/{pk}/", {}, READ),
    ("zip", "get", "/documents/{pk}/bundle.zip", {}, READ),
    ("pdf", "get", "/documents/{pk}/documents-fr.pdf", {}, READ),
    ("edit", "post", "/documents/{pk}/edit/", FORM, dict(anonymous=LOGIN, outsider=404, member=302, manager=302,
                                                          owner=302, advisor=403, admin=403)),
    ("api get", "get", "/api/v1/documents/shipments/{pk}", {}, dict(READ, anonymous=401)),
    ("api zip", "get", "/api/v1/documents/shipments/{pk}/bundle.zip", {}, dict(READ, anonymous=401)),
    ("api list", "get", "/api/v1/documents/{slug}/shipments", {}, dict(READ, anonymous=401)),
    ("api create", "post", "/api/v1/documents/{slug}/shipments", API_BODY,
     dict(anonymous=401, outsider=404, member=201, manager=201, owner=201, advisor=403, admin=403)),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("case", "method", "path", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, shipment, actor, case, method, path, body, expected):
    user = cast[actor]
    if user is not None:
        client.force_login(user)
    before = _state(shipment)
    url = path.format(pk=shipment.pk, slug=shipment.organisation.slug)
    if case.startswith("api") and method == "post":
        response = client.post(url, json.dumps(body), content_type="application/json")
    else:
        response = getattr(client, method)(url, body)
    assert response.status_code == expected[actor], f"{case} as {actor}: {response.content[:300]}"
    if expected[actor] >= 400 or user is None or method == "get":
        assert _state(shipment) == before, f"{case} as {actor} changed data"


def test_member_prepares_documents_from_the_form_and_downloads_the_bundle(client, member_user, exporter, rug):
    client.force_login(member_user)
    page = client.get("/documents/new/?product=RUG-BO-1&market=FRA", HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200 and b"RUG-BO-1:1" in page.content
    response = client.post("/documents/new/", {
        "products": "RUG-BO-1:2", "market": "FRA", "buyer_name": "Maison Atlas SARL",
        "buyer_address": "12 rue des Tanneurs, 69001 Lyon", "incoterm": "DAP", "place": "Lyon", "ship_date": SHIP,
        "language": "ar", "parcels": "21,5; 160x60x40; RUG-BO-1:2", "freight": "900"}, HTTP_ACCEPT_LANGUAGE="fr")
    shipment = Shipment.objects.get()
    assert shipment.freight_mad == 900
    assert response.status_code == 302 and response["Location"] == f"/documents/{shipment.pk}/"
    assert shipment.lines == [{"sku": "RUG-BO-1", "quantity": 2, "unit_value": None}]
    assert shipment.parcels == [{"contents": [["RUG-BO-1", 2]], "gross_kg": "21.5", "dims_cm": ["160", "60", "40"]}]
    detail = client.get(f"/documents/{shipment.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert detail.status_code == 200 and "À vérifier avant d'imprimer" in detail.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/documents/{shipment.pk}/bundle.zip").content))
    names = sorted(n.split("/", 1)[1] for n in archive.namelist())
    assert names == ["bundle.json", "cn23.json", "documents-ar.pdf", "documents-fr.pdf", "invoice-ar.xlsx",
                     "invoice-fr.xlsx"]


def test_unknown_sku_is_a_form_error_and_nothing_saved(client, member_user, exporter, rug):
    client.force_login(member_user)
    response = client.post("/documents/new/", dict(FORM, products="NOPE:1"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and b"Not in your catalog: NOPE." in response.content
    assert not Shipment.objects.exists()


def test_api_bundle_answers_checks_and_unknowns_without_saving(client, member_user, exporter, rug):
    client.force_login(member_user)
    response = client.post(f"/api/v1/documents/{exporter.slug}/bundle", json.dumps(dict(API_BODY, place="")),
                           content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert "incoterm.place" in [c["field"] for c in data["checks"]]
    assert data["files"][0] == "documents-en.pdf" and data["cn23"]["currency"] == "GBP"
    assert not Shipment.objects.exists()


def test_cli_writes_the_files_and_prints_checks_and_unknowns(exporter, rug, tmp_path):
    buyer = tmp_path / "buyer.json"
    buyer.write_text(json.dumps({"name": "Atlas Home Imports LLC", "address": "200 Main St, Portland, OR",
                                 "country": "USA"}), encoding="utf-8")
    out = io.StringIO()
    call_command("documents", "--org", exporter.slug, "--products", "RUG-BO-1:2", "--market", "USA", "--buyer",
                 str(buyer), "--incoterm", "DAP", "--place", "Portland", "--ship-date", SHIP, "--language", "ar",
                 "--out", str(tmp_path / "out"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert sorted(p.rsplit("/", 1)[1] for p in data["files"]) == sorted(
        ["bundle.json", "cn23.json", "documents-ar.pdf", "documents-en.pdf", "invoice-ar.xlsx", "invoice-en.xlsx"])
    assert all((tmp_path / "out" / p.rsplit("/", 1)[1]).stat().st_size > 0 for p in data["files"])
    assert set(data) == {"files", "checks", "unknowns"}
    assert any("CN22" in u for u in data["unknowns"])
    assert "بريد المغرب" in out.getvalue()  # Arabic messages, not \u escapes


def test_cli_fails_on_an_unknown_sku(exporter, rug, tmp_path):
    buyer = tmp_path / "buyer.json"
    buyer.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="NOPE"):
        call_command("documents", "--org", exporter.slug, "--products", "NOPE:1", "--market", "USA", "--buyer",
                     str(buyer), "--out", str(tmp_path / "out"), stdout=io.StringIO())


def test_prepare_documents_from_a_quote_takes_its_buyer_lines_and_values(client, owner_user, exporter, buyer_user,
                                                                         buyer_organisation, owner_user_rug_public):
    from datetime import timedelta

    from django.utils import timezone

    from tijara.marketplace import services as marketplace

    inquiry = marketplace.inquiry_create(buyer=buyer_user, lines=[{"product_id": owner_user_rug_public.pk,
                                                                   "quantity": 2}],
                                         destination_country="USA", message="Two rugs please", currency="USD")
    quote = marketplace.quote_create(
        actor=owner_user, inquiry=inquiry, incoterm="DAP", valid_until=timezone.localdate() + timedelta(days=10),
        lines=[{"inquiry_line_id": inquiry.lines.get().pk, "quantity": 2, "unit_price_mad": "5000"}])
    client.force_login(owner_user)
    page = client.get(f"/marketplace/inquiries/{inquiry.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert f"/documents/new/?quote={quote.pk}".encode() in page.content
    form = client.get(f"/documents/new/?quote={quote.pk}", HTTP_ACCEPT_LANGUAGE="en")
    text = form.content.decode()
    unit = quote.lines.get().unit_price
    assert f"RUG-BO-1:2:{unit}" in text and "Atlas Home Imports" in text and 'value="USD"' in text
    # the buyer does not get the exporter's form pre-filled from someone else's quote
    client.force_login(buyer_user)
    assert "Atlas Home Imports" not in client.get(f"/documents/new/?quote={quote.pk}").content.decode()


@pytest.fixture
def owner_user_rug_public(rug, owner_user):
    from tijara.catalog import services as catalog

    return catalog.product_update(actor=owner_user, product=rug, is_public="yes", status="ready")


def test_export_plan_page_offers_prepare_documents(client, member_user, exporter, rug):
    from tijara.plans import services as plans

    plan = plans.plan_create(actor=member_user, organisation=exporter, market="FRA", language="fr",
                             text="tapis berbère", product=rug)
    client.force_login(member_user)
    page = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "/documents/new/?market=FRA&amp;product=RUG-BO-1" in page and "Préparer les documents" in page


def test_check_page_reads_in_arabic(client, member_user, shipment):
    client.force_login(member_user)
    page = client.get(f"/documents/{shipment.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "تحقق قبل الطباعة" in page and "origin.declaration_wording" not in page  # checks in words, no field key
    assert f"/documents/{shipment.pk}/documents-ar.pdf" in page and f"/documents/{shipment.pk}/documents-fr.pdf" in page
    # the files are named in words, the goods' text says the language it is written in
    assert "كل الوثائق باللغة الفرنسية (PDF)" in page and ">documents-ar.pdf<" not in page and ">cn23.json<" not in page
    assert 'lang="fr"' in page
    text = html.fromstring(page).text_content()  # a fact is named by its title, never by its ID (MA-POST-03)
    assert not re.search(r"\b(?:MA|AGR)-[A-Z]{2,4}-\d{2}\b", text) and "CN22 وCN23" in text
    assert "التسليم في المكان" in text  # the Incoterm in words (DAP — التسليم في المكان), not the bare code


def test_check_page_in_arabic_isolates_the_buyers_latin_name_and_the_codes_a_note_names(client, member_user, shipment):
    client.force_login(member_user)
    tree = html.fromstring(client.get(f"/documents/{shipment.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content)
    assert f"\u2068{shipment.buyer['name']}\u2069" in tree.xpath("//h1")[0].text_content()
    notes = [li.text_content() for li in tree.xpath("//section[@id='unknowns']//li")]
    assert notes and all(not n.startswith("RUG-BO-1") for n in notes)  # a code opens a note isolated, never bare
    assert any(n.startswith("\u2068RUG-BO-1\u2069") for n in notes)


def test_product_form_and_api_set_the_imported_materials_flag(client, member_user, exporter, rug):
    client.force_login(member_user)
    page = client.get(f"/catalog/{exporter.slug}/p/{rug.sku}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200 and 'name="imported_materials"' in page.content.decode()
    response = client.patch(f"/api/v1/catalog/organisations/{exporter.slug}/products/{rug.sku}",
                            json.dumps({"imported_materials": True}), content_type="application/json")
    assert response.status_code == 200 and response.json()["imported_materials"] is True
    rug.refresh_from_db()
    assert rug.imported_materials is True


@pytest.mark.parametrize("lang, before, after", [("fr", "Bénin", "Bhoutan"), ("fr", "Sénégal", "Serbie"),
                                                 ("fr", "Pérou", "Philippines"), ("en", "Côte d’Ivoire", "Croatia")])
def test_destination_countries_are_listed_as_a_reader_sorts_them(client, exporter, owner_user, lang, before, after):
    """Accented names take their letter's place (code-point order put « Bénin » after « Burundi »)."""
    client.force_login(owner_user)
    page = html.fromstring(client.get("/documents/new/", HTTP_ACCEPT_LANGUAGE=lang).content)
    names = [o.text for o in page.xpath("//select[@name='market']/option")]
    assert names.index(before) < names.index(after)


@pytest.mark.parametrize("lang, hint, error", [
    ("fr", "sa référence, deux-points et la quantité, par exemple ABC-01:2",
     "n’est pas une référence de produit et une quantité séparées par deux-points"),
    ("ar", "مرجعه ثم نقطتان ثم الكمية، مثلا ABC-01:2", "ليس مرجع منتج وكمية تفصل بينهما نقطتان")])
def test_the_products_field_is_explained_in_words_with_an_example(client, member_user, exporter, rug, lang, hint,
                                                                 error):
    """No SKU:QUANTITY or VALEUR_UNITAIRE placeholder: the reference, the colon and the quantity in words."""
    client.force_login(member_user)
    page = client.get("/documents/new/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert hint in page and "QUANTIT" not in page and "_" not in html.fromstring(page).xpath(
        "string(//*[@id='id_products_helptext'])")
    response = client.post("/documents/new/", dict(FORM, products="A:1:2:3"), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200 and error in response.content.decode()
    assert not Shipment.objects.exists()
