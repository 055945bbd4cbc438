"""Paths that must stay cheap at 100,000 products: sitemap pages sliced in SQL and cached, page views counted in the
cache and written in batches, the search index built at deploy time and never synced wholesale in a request."""

import socket
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from tijara.marketplace import index_store, selectors, viewcounts
from tijara.marketplace import views as marketplace_views
from tijara.marketplace.models import ProductView, SearchDocument

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locs(response):
    return [e.text for e in etree.fromstring(response.content).xpath("//s:loc", namespaces=NS)]


def test_sitemap_pages_are_sliced_in_sql_and_cached(client, marketplace_products, monkeypatch, owner_user):
    cache.clear()
    monkeypatch.setattr(marketplace_views, "SITEMAP_PAGE", 4)  # 6 products + 2 makers: two pages
    index = client.get("/sitemap.xml")
    assert [loc.rsplit("=", 1)[1] for loc in locs(index)] == ["1", "2"]
    with CaptureQueriesContext(connection) as queries:
        first = locs(client.get("/sitemap.xml?page=1"))
    product_query = next(q["sql"] for q in queries.captured_queries if '"catalog_product"."sku"' in q["sql"])
    assert "LIMIT 4" in product_query
    second = locs(client.get("/sitemap.xml?page=2"))
    assert len(first) == 4 and len(second) == 4
    assert sum("/makers/" in loc and loc.count("/") == 6 for loc in second) == 2  # the two maker pages
    assert len(set(first) | set(second)) == 8 and not any("RUG-DRAFT" in loc for loc in first + second)

    with CaptureQueriesContext(connection) as queries:
        assert locs(client.get("/sitemap.xml?page=1")) == first
    assert len(queries.captured_queries) == 2  # the two aggregates: the page itself comes from the cache

    from tijara.catalog import services as catalog

    catalog.product_update(actor=owner_user, product=marketplace_products["rug_fr"], is_public=False)
    assert not any("RUG-FR" in loc for loc in locs(client.get("/sitemap.xml?page=1")))


@override_settings(TIJARA_VIEW_FLUSH_SECONDS=3600)
def test_product_views_are_counted_without_a_database_write_and_flushed_in_one_batch(client, marketplace_products):
    viewcounts.flush()
    product = marketplace_products["rug_en"]
    url = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(url).status_code == 200
    writes = [q["sql"] for q in queries.captured_queries if "marketplace_productview" in q["sql"]]
    assert writes == []
    assert not ProductView.objects.filter(product=product).exists()
    assert viewcounts.flush() == 3
    assert ProductView.objects.get(product=product, country="").views == 3
    client.get(url)
    assert viewcounts.flush() == 1
    assert ProductView.objects.get(product=product, country="").views == 4


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_product_views_through_redis_are_shared_and_flushed_by_a_task(client, marketplace_products):
    redis_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                               "LOCATION": "redis://127.0.0.1:6379/14"}}
    with override_settings(CACHES=redis_cache, TIJARA_VIEW_FLUSH_SECONDS=3600):
        from django.core.cache import caches

        caches["default"].clear()
        product = marketplace_products["tagine"]
        url = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
        for _ in range(3):
            assert client.get(url).status_code == 200
        # the first view opened the window and enqueued the flush task (run inline by the test backend)
        assert ProductView.objects.get(product=product).views == 1
        assert viewcounts.flush() == 2
        assert ProductView.objects.get(product=product).views == 3
        assert viewcounts.flush() == 0
        caches["default"].clear()


@pytest.mark.django_db(transaction=True)
def test_a_large_gap_is_caught_up_in_the_background_not_in_the_request(reference_data_reloaded, marketplace_products,
                                                                       monkeypatch, tmp_path):
    monkeypatch.setattr(index_store, "INLINE_LIMIT", 2)
    catch_up = index_store._catch_up_in_background
    deferred = []
    monkeypatch.setattr(index_store, "_catch_up_in_background", deferred.append)
    with override_settings(TIJARA_SEARCH_INDEX=str(tmp_path / "new-machine.sqlite3")):
        index_store.forget()
        page = selectors.search(query="")  # a new machine: an empty index file, six documents waiting
        assert page.total == 0 and len(deferred) == 1  # the request did not copy them itself
        catch_up(deferred[0])
        deadline = time.monotonic() + 30
        while index_store.catching_up() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert selectors.search(query="").total == 6
        index_store.forget()


def test_migrate_writes_missing_documents_and_builds_the_index_file(marketplace_products, tmp_path):
    SearchDocument.objects.all().delete()
    with override_settings(TIJARA_SEARCH_INDEX=str(tmp_path / "deploy.sqlite3")):
        index_store.forget()
        call_command("migrate", verbosity=0)
        assert SearchDocument.objects.count() == 6
        assert index_store.current_index(fresh=False).state()[0] == 6
        index_store.forget()
