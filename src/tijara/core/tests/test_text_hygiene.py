"""Text that is not text (a NUL character) is refused with a 400 naming the parameter, or stripped from an imported
cell, before it reaches the database: PostgreSQL cannot store or compare it (CI runs this file on PostgreSQL)."""

import json

import pytest
from django.utils import translation

from tijara.accounts import services
from tijara.catalog import importer
from tijara.catalog.models import Product

SEARCHES = ["/marketplace/?q=%00", "/marketplace/?q=rug&craft=%00", "/catalog/{slug}/?q=a%00b", "/markets/?q=%00",
            "/plans/?q=%00"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SEARCHES)
def test_a_nul_in_a_query_string_is_a_clear_400_not_a_server_error(client, owner_user, organisation, path):
    client.force_login(owner_user)
    response = client.get(path.format(slug=organisation.slug), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    page = response.content.decode().split('<section class="error-page"')[1].split("</section>")[0]
    assert "rien n’a été lu ni modifié" in page  # in the page's language
    # a person reads no escape code or parameter name, and gets the same address without the character
    assert "NUL" not in page and "%00" not in page and "« q »" not in page
    assert response.context["retry_url"] == path.format(slug=organisation.slug).replace("%00", "")
    assert "Réessayer sans ce caractère" in page


@pytest.mark.django_db
def test_the_same_searches_without_nul_still_work(client, owner_user, organisation):
    client.force_login(owner_user)
    assert client.get(f"/catalog/{organisation.slug}/?q=ab").status_code == 200
    assert client.get("/marketplace/?q=rug").status_code == 200


@pytest.mark.django_db
def test_a_nul_in_a_form_post_is_refused_and_nothing_changes(client, owner_user, organisation):
    client.force_login(owner_user)
    response = client.post(f"/catalog/{organisation.slug}/new/",
                           "sku=NUL-0&craft_family=pottery&title=Bowl%00&price_mad=100",
                           content_type="application/x-www-form-urlencoded", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert "“title”" not in page and response.context["retry_url"] is None  # no field name; retype, not a link
    assert "type the text again rather than pasting it" in page
    assert not Product.objects.filter(organisation=organisation).exists()


@pytest.mark.django_db
def test_api_json_and_query_with_nul_get_400(client, owner_user, organisation):
    _row, key = services.api_token_create(user=owner_user, name="t", scopes=["read", "catalog:write"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"sku": "NUL-1", "craft_family": "pottery", "price_mad": "100", "texts": {"en": {"title": "Bowl\x00"}}}
    response = client.post(f"/api/v1/catalog/organisations/{organisation.slug}/products", data=json.dumps(body),
                           content_type="application/json", **auth)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_text"
    assert not Product.objects.filter(organisation=organisation, sku="NUL-1").exists()
    response = client.get("/api/v1/markets/hs/search?q=rug%00", **auth)
    assert response.status_code == 400 and response.json()["field"] == "q"


@pytest.mark.django_db
def test_an_imported_cell_loses_its_control_characters(organisation):
    text = ("sku,craft_family,price_mad,stock,title_en,care_instructions\n"
            "NUL-2,pottery,100,1,Bowl\x00 of Safi,Hand\x07 wash\tonly\n")
    with translation.override("en"):
        report = importer.import_products(organisation=organisation, data=text.encode(), filename="p.csv",
                                          dry_run=False)
    assert report.errors == [] and report.created == 1
    product = Product.objects.get(organisation=organisation, sku="NUL-2")
    assert product.care_instructions == "Hand wash\tonly"
    assert product.texts.get(language_code="en").title == "Bowl of Safi"
