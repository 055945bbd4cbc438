"""Search through the ORM: documents follow the catalog, the index file follows the documents, CLI and API."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from ninja.testing import TestClient

from tijara.api import api
from tijara.catalog import services as catalog
from tijara.marketplace import index_store, selectors, services
from tijara.marketplace.models import SearchDocument


def skus(page):
    return [r["sku"] for r in page.results]


@pytest.mark.parametrize("query", ["tapis", "rug", "زربية", "tapiss", "rugg", "الزرابي", "carpet"])
def test_rugs_come_first_in_every_language_and_with_typos(marketplace_products, query):
    page = selectors.search(query=query)
    assert set(skus(page)[:3]) == {"RUG-FR", "RUG-EN", "RUG-AR"}
    assert page.total == 3  # the private draft rug never shows


def test_titles_in_the_requested_language_or_a_marked_fallback(marketplace_products):
    page = selectors.search(query="tagine", language="en")
    assert page.results[0]["title"] == "Hand-painted clay tagine" and page.results[0]["language"] == "en"
    page = selectors.search(query="tapis", language="en")
    french = next(r for r in page.results if r["sku"] == "RUG-FR")
    assert french["language"] == "fr"
    assert french["url"].endswith("/marketplace/makers/cooperative-a/RUG-FR/?lang=en")


def test_facets_narrow_and_count(marketplace_products):
    everything = selectors.search(query="")
    assert everything.total == 6
    assert everything.facets["material"]["wool"] == 3
    wool = selectors.search(query="", filters={"material": ["wool"]})
    assert wool.total == 3 and set(skus(wool)) == {"RUG-FR", "RUG-EN", "RUG-AR"}
    assert sum(everything.facets["craft"].values()) == everything.total
    cheap = selectors.search(query="", filters={"moq": ["51-200"]})
    assert skus(cheap) == ["ARGAN-1"]


def test_sort_by_price(marketplace_products):
    assert skus(selectors.search(query="", sort="price"))[:2] == ["ARGAN-1", "TAGINE-1"]
    assert skus(selectors.search(query="", sort="-price"))[0] == "RUG-FR"


def test_index_follows_catalog_changes(marketplace_products, owner_user):
    rug = marketplace_products["rug_en"]
    catalog.product_text_set(actor=owner_user, product=rug, language="en", title="Hand-woven kilim runner")
    services.search_index_product(rug.pk)
    assert skus(selectors.search(query="kilim")) == ["RUG-EN"]
    catalog.product_update(actor=owner_user, product=rug, is_public=False)
    services.search_index_product(rug.pk)
    assert selectors.search(query="kilim").total == 0
    assert not SearchDocument.objects.filter(product=rug).exists()


def test_index_file_drops_documents_that_vanished(marketplace_products, owner_user, monkeypatch):
    monkeypatch.setattr(index_store, "COUNT_CHECK_SECONDS", 0.0)
    index = index_store.current_index()
    assert index.state()[0] == 6
    catalog.product_delete(actor=owner_user, product=marketplace_products["lantern"])  # cascades the document
    assert selectors.search(query="lantern").total == 0
    assert index.state()[0] == 5


@override_settings(TIJARA_SEARCH_RECONCILE_SECONDS=1)
def test_changes_the_catalog_did_not_report_are_caught_up(marketplace_products, owner_user):
    selectors.search(query="")  # sets the baseline
    catalog.product_text_set(actor=owner_user, product=marketplace_products["lantern"], language="fr",
                             title="Lanterne en laiton ciselé")
    index_store._reconciled[index_store.index_path()] = (0.0, index_store._reconciled[index_store.index_path()][1])
    assert skus(selectors.search(query="ciselé")) == ["LANTERN-1"]


def test_cli_search_json_contract(marketplace_products):
    out = StringIO()
    call_command("search", "tapis", "--lang", "fr", "--facet", "material=wool", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"total", "results", "facets"}
    assert data["total"] == 3
    assert set(data["results"][0]) == {"sku", "title", "language", "maker", "url", "score"}
    assert data["results"][0]["sku"] == "RUG-FR" and data["results"][0]["language"] == "fr"
    assert isinstance(data["results"][0]["score"], float)
    assert data["facets"]["material"] == {"wool": 3}


@pytest.mark.parametrize("query", ["x" * 10_000, "'; DROP TABLE marketplace_searchdocument; --", 'tapis" OR NEAR(', "*"])
def test_cli_hostile_query_gives_normal_json(marketplace_products, query):
    out = StringIO()
    call_command("search", query, "--json", stdout=out)
    assert json.loads(out.getvalue())["total"] >= 0


def test_cli_rejects_malformed_facet(marketplace_products):
    with pytest.raises(CommandError, match="material=wool"):
        call_command("search", "tapis", "--facet", "material", "--json", stdout=StringIO())


def test_api_search_product_and_maker_are_public(marketplace_products):
    client = TestClient(api)
    response = client.get("/v1/marketplace/search?q=rugg&facet=material%3Dwool&lang=en")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 3 and data["expansions"]["rugg"]
    response = client.get("/v1/marketplace/products/cooperative-a/RUG-FR?lang=en&currency=MAD")
    assert response.status_code == 200
    assert response.json()["language"] == "fr" and response.json()["moq"] == 2
    assert client.get("/v1/marketplace/products/cooperative-a/RUG-DRAFT").status_code == 404
    response = client.get("/v1/marketplace/makers/cooperative-a")
    assert response.status_code == 200 and response.json()["product_count"] == 5


def test_api_inquiries_need_an_account(marketplace_products):
    client = TestClient(api)
    assert client.get("/v1/marketplace/inquiries").status_code == 401
    assert client.post("/v1/marketplace/inquiries", json={}).status_code == 401


def test_search_index_command(marketplace_products):
    SearchDocument.objects.all().delete()
    out = StringIO()
    call_command("search_index", stdout=out)
    assert "6 public products indexed" in out.getvalue()
    assert selectors.search(query="rug").total == 3


def test_first_search_with_no_documents_indexes_the_public_catalog(marketplace_products, monkeypatch):
    SearchDocument.objects.all().delete()
    monkeypatch.setattr(index_store, "_reconciled", {})
    assert set(skus(selectors.search(query="rug"))) == {"RUG-FR", "RUG-EN", "RUG-AR"}
    assert SearchDocument.objects.count() == 6
