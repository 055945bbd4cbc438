"""Permission matrix for catalog pages and API: status per actor, and the catalog unchanged unless allowed.

The cast: owner/manager/member of Coopérative A, the owner of Coopérative B ("outsider"), an advisor of A's
region (reads, never writes), a platform admin (reads, never writes someone's catalog), anonymous.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tijara.catalog import services
from tijara.catalog.models import HSCodeChange, Photo, Product, ProductText, Variant
from tijara.catalog.tests.fixtures import catalog_image_bytes

ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]
LOGIN, API_ANON = 302, 401
READ = {"anonymous": LOGIN, "outsider": 404, "member": 200, "manager": 200, "owner": 200, "advisor": 200, "admin": 200}
API_READ = {**READ, "anonymous": API_ANON}


def writes(ok: int, *, api: bool = False) -> dict:
    return {"anonymous": API_ANON if api else LOGIN, "outsider": 404, "member": ok, "manager": ok, "owner": ok,
            "advisor": 403, "admin": 403}


SKU = "COOP-A-RUG-1"
CSV = "sku,craft_family,price_mad,title_fr\nIMP-9,rugs,100,Tapis\n"

# (case, method, path, body, expected per actor, kind of body)
CASES = [
    ("list page", "get", "/catalog/{slug}/", None, READ, "form"),
    ("new page", "get", "/catalog/{slug}/new/", None, writes(200), "form"),
    ("create", "post", "/catalog/{slug}/new/", {"sku": "NEW-1", "craft_family": "rugs", "moq": 1, "status": "draft",
                                                "title": "Nouveau", "price_mad": "100", "stock": 1}, writes(302), "form"),
    ("edit page", "get", "/catalog/{slug}/p/{sku}/", None, READ, "form"),
    ("edit", "post", "/catalog/{slug}/p/{sku}/", {"sku": SKU, "craft_family": "rugs", "technique": "Hijacked",
                                                  "moq": 1, "status": "ready"}, writes(302), "form"),
    ("delete", "post", "/catalog/{slug}/p/{sku}/delete/", {}, writes(302), "form"),
    ("variant add", "post", "/catalog/{slug}/p/{sku}/variants/", {"sku": "V-9", "price_mad": "10", "stock": 1},
     writes(302), "form"),
    ("variant edit", "post", "/catalog/{slug}/p/{sku}/variants/{sku}/", {"price_mad": "1", "stock": 1}, writes(302),
     "form"),
    ("text page", "get", "/catalog/{slug}/p/{sku}/texts/en/", None, READ, "form"),
    ("text save", "post", "/catalog/{slug}/p/{sku}/texts/en/", {"title": "Hijacked", "origin": "person"}, writes(302),
     "form"),
    ("photos page", "get", "/catalog/{slug}/p/{sku}/photos/", None, READ, "form"),
    ("photo upload", "post", "/catalog/{slug}/p/{sku}/photos/", "photo", writes(302), "form"),
    # A product without text: the permission check is the same, and the classifier is not woken up here
    # (test_views exercises a real suggestion).
    ("hs suggestion", "get", "/catalog/{slug}/p/BARE-1/hs/suggest/", None, READ, "form"),
    ("hs set", "post", "/catalog/{slug}/p/{sku}/hs/", {"code": "5701.10", "action": "set"}, writes(302), "form"),
    ("bulk edit", "post", "/catalog/{slug}/bulk-edit/", {"sku": [SKU], "bulk-action": "status", "bulk-status": "archived"},
     writes(302), "form"),
    ("import page", "get", "/catalog/{slug}/import/", None, READ, "form"),
    ("import check", "post", "/catalog/{slug}/import/", "sheet", writes(200), "form"),
    ("export", "get", "/catalog/{slug}/export.csv", None, READ, "form"),
    ("template", "get", "/catalog/{slug}/import/template.xlsx", None, READ, "form"),
    ("api list", "get", "/api/v1/catalog/organisations/{slug}/products", None, API_READ, "json"),
    ("api get", "get", "/api/v1/catalog/organisations/{slug}/products/{sku}", None, API_READ, "json"),
    ("api create", "post", "/api/v1/catalog/organisations/{slug}/products",
     {"sku": "NEW-2", "craft_family": "rugs", "variants": [{"price_mad": "10"}]}, writes(201, api=True), "json"),
    ("api patch", "patch", "/api/v1/catalog/organisations/{slug}/products/{sku}", {"technique": "Hijacked"},
     writes(200, api=True), "json"),
    ("api delete", "delete", "/api/v1/catalog/organisations/{slug}/products/{sku}", None, writes(204, api=True), "json"),
    ("api variant", "post", "/api/v1/catalog/organisations/{slug}/products/{sku}/variants",
     {"sku": "V-8", "price_mad": "5"}, writes(201, api=True), "json"),
    ("api text", "put", "/api/v1/catalog/organisations/{slug}/products/{sku}/texts/en", {"title": "Hijacked"},
     writes(200, api=True), "json"),
    ("api hs", "put", "/api/v1/catalog/organisations/{slug}/products/{sku}/hs", {"code": "5701.10"},
     writes(200, api=True), "json"),
    ("api hs history", "get", "/api/v1/catalog/organisations/{slug}/products/{sku}/hs", None, API_READ, "json"),
    ("api bulk edit", "post", "/api/v1/catalog/organisations/{slug}/bulk-edit", {"skus": [SKU], "stock": 0},
     writes(200, api=True), "json"),
    ("api import apply", "post", "/api/v1/catalog/organisations/{slug}/import", "sheet-apply", writes(200, api=True),
     "multipart"),
]


def snapshot(organisation) -> dict:
    products = Product.objects.filter(organisation=organisation)
    return {
        "products": sorted(products.values_list("sku", "technique", "status", "hs_code")),
        "variants": sorted(Variant.objects.filter(product__in=products).values_list("sku", "price_mad", "stock")),
        "texts": sorted(ProductText.objects.filter(product__in=products).values_list("language_code", "title")),
        "photos": Photo.objects.filter(product__in=products).count(),
        "hs": HSCodeChange.objects.filter(product__in=products).count(),
    }


class _Rollback(Exception):
    pass


def _request(client, method, url, body, kind):
    if body == "photo":
        body = {"photos": [SimpleUploadedFile("a.jpg", catalog_image_bytes(), content_type="image/jpeg")]}
    elif body == "sheet":
        body = {"step": "check", "file": SimpleUploadedFile("p.csv", CSV.encode(), content_type="text/csv")}
    elif body == "sheet-apply":
        body = {"dry_run": "false", "file": SimpleUploadedFile("p.csv", CSV.encode(), content_type="text/csv")}
    if kind == "json":
        return getattr(client, method)(url, json.dumps(body) if body is not None else None,
                                       content_type="application/json")
    if method == "get":
        return client.get(url)
    return client.post(url, body or {})


@pytest.mark.parametrize(("case", "method", "path", "body", "expected", "kind"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, organisation, catalog_product, catalog_other_product, case, method, path,
                           body, expected, kind):
    """One case, every actor; each actor's request runs in a savepoint rolled back afterwards."""
    url = path.format(slug=organisation.slug, sku=SKU)
    services.product_create(actor=None, organisation=organisation, sku="BARE-1", craft_family="wood")
    other = catalog_other_product.organisation
    for actor in ACTORS:
        user = cast[actor]
        client.logout()
        if user is not None:
            client.force_login(user)
        before, before_other = snapshot(organisation), snapshot(other)
        try:
            with transaction.atomic():
                response = _request(client, method, url, body, kind)
                status = response.status_code
                assert status == expected[actor], f"{case} as {actor}: {status} {response.content[:300]}"
                if status == 302 and user is None:
                    assert "/accounts/login/" in response["Location"], f"{case} as {actor}"
                allowed_write = method != "get" and status < 400 and not (status == 302 and user is None)
                if not allowed_write:
                    assert snapshot(organisation) == before, f"{case} as {actor} changed data"
                # Nobody's request on organisation A's URLs ever touches organisation B.
                assert snapshot(other) == before_other, f"{case} as {actor} changed organisation B"
                raise _Rollback
        except _Rollback:
            pass


@pytest.mark.parametrize("url", [
    "/catalog/{slug}/", "/catalog/{slug}/p/COOP-B-ARGAN-1/", "/catalog/{slug}/export.xlsx",
    "/api/v1/catalog/organisations/{slug}/products/COOP-B-ARGAN-1",
])
def test_member_of_a_cannot_see_b(client, member_user, catalog_other_product, url):
    client.force_login(member_user)
    assert client.get(url.format(slug=catalog_other_product.organisation.slug)).status_code == 404


def test_product_of_b_is_not_reachable_under_a(client, member_user, organisation, catalog_other_product):
    client.force_login(member_user)
    assert client.get(f"/catalog/{organisation.slug}/p/COOP-B-ARGAN-1/").status_code == 404
    response = client.patch(f"/api/v1/catalog/organisations/{organisation.slug}/products/COOP-B-ARGAN-1",
                            json.dumps({"technique": "x"}), content_type="application/json")
    assert response.status_code == 404
    catalog_other_product.refresh_from_db()
    assert catalog_other_product.technique == ""
