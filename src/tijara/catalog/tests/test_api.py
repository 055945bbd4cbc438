"""Catalog API: create with texts and variants, validation errors as {code, message, field}, photos, import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tijara.accounts import services as accounts
from tijara.catalog.models import Photo, Product
from tijara.catalog.tests.fixtures import catalog_image_bytes

BASE = "/api/v1/catalog/organisations/{slug}"


@pytest.fixture
def catalog_token(owner_user):
    _token, key = accounts.api_token_create(user=owner_user, name="catalog tests", scopes=["read", "catalog:write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_create_read_update_with_token(client, organisation, catalog_token):
    url = BASE.format(slug=organisation.slug) + "/products"
    payload = {"sku": "API-1", "craft_family": "basketry", "materials": [{"name": "doum palm", "percent": None}],
               "texts": {"fr": {"title": "Panier en doum"}, "ar": {"title": "قفة من الدوم"}},
               "variants": [{"sku": "API-1-S", "price_mad": "120.00", "stock": 4, "size": "S"}]}
    response = client.post(url, json.dumps(payload), content_type="application/json", **catalog_token)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["variants"][0]["price_mad"] == "120.00" and body["completeness"] == {"ar": 40, "fr": 40, "en": 0}
    response = client.patch(f"{url}/API-1", json.dumps({"status": "ready", "length_cm": "40.5"}),
                            content_type="application/json", **catalog_token)
    assert response.json()["status"] == "ready" and response.json()["length_cm"] == "40.5"
    listing = client.get(url, {"craft": "basketry"}, **catalog_token).json()
    assert [p["sku"] for p in listing] == ["API-1"]


def test_validation_error_names_the_field_and_saves_nothing(client, organisation, catalog_token):
    url = BASE.format(slug=organisation.slug) + "/products"
    payload = {"sku": "API-2", "craft_family": "rugs", "variants": [{"price_mad": "10", "gtin": "123"}]}
    response = client.post(url, json.dumps(payload), content_type="application/json", **catalog_token)
    assert response.status_code == 400
    assert response.json()["field"] == "gtin" and "GTIN" in response.json()["message"]
    assert not Product.objects.filter(sku="API-2").exists()


def test_photo_upload_and_import_dry_run(client, organisation, catalog_product, catalog_token):
    base = BASE.format(slug=organisation.slug)
    files = [SimpleUploadedFile("a.jpg", catalog_image_bytes(gps=True), content_type="image/jpeg"),
             SimpleUploadedFile("b.jpg", catalog_image_bytes(), content_type="image/jpeg")]
    response = client.post(f"{base}/products/{catalog_product.sku}/photos", {"files": files}, **catalog_token)
    assert response.status_code == 201 and len(response.json()) == 2
    pdf = SimpleUploadedFile("c.jpg", b"%PDF-1.4", content_type="image/jpeg")
    response = client.post(f"{base}/products/{catalog_product.sku}/photos", {"files": [pdf]}, **catalog_token)
    assert response.status_code == 400 and Photo.objects.filter(product=catalog_product).count() == 2
    sheet = SimpleUploadedFile("p.csv", b"sku,craft_family,price_mad\nAPI-3,wood,50\nAPI-4,wood,-1\n")
    response = client.post(f"{base}/import", {"file": sheet}, **catalog_token)
    assert response.json()["created"] == 1 and response.json()["errors"][0]["row"] == 3
    assert not Product.objects.filter(sku="API-3").exists()  # dry run by default
