"""Marketplace benchmark: search p95 and product-page latency on generated products, and product-page
throughput under gunicorn with a load client in a second process (loopback only, bounded in count and time).

Runs on the configured database (SQLite by default, PostgreSQL when DATABASE_URL is set), after migrate and
load_reference_data (scripts/run-bench.sh). Environment: BENCH_PRODUCTS (default 100000), BENCH_SECONDS
(load-test duration, default 10), BENCH_WORKERS (gunicorn workers, default 3), BENCH_CONCURRENCY (default 8).
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
os.environ.setdefault("TIJARA_DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from tijara.accounts import services as accounts  # noqa: E402
from tijara.accounts.models import Organisation  # noqa: E402
from tijara.catalog.models import Product, ProductText, Variant  # noqa: E402
from tijara.core.crafts import REGION_CODES  # noqa: E402
from tijara.marketplace import index_store, selectors, services  # noqa: E402

N_PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "100000"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
N_MAKERS = 200
random.seed(20261129)

# Generated vocabulary (made up for the benchmark): craft → (fr noun, en noun, ar noun, materials).
CRAFTS = {
    "rugs": ("Tapis", "rug", "زربية", ["laine", "coton", "soie de cactus"], ["wool", "cotton", "cactus silk"]),
    "pottery": ("Plat", "dish", "طبق", ["terre cuite", "argile"], ["terracotta", "clay"]),
    "lighting": ("Lanterne", "lantern", "فانوس", ["laiton", "cuivre"], ["brass", "copper"]),
    "leather": ("Sac", "bag", "حقيبة", ["cuir de chèvre", "cuir de vache"], ["goat leather", "cow leather"]),
    "zellige": ("Carreau de zellige", "zellige tile", "زليج", ["terre émaillée"], ["glazed clay"]),
    "wood": ("Boîte", "box", "صندوق", ["thuya", "cèdre"], ["thuya", "cedar"]),
    "basketry": ("Panier", "basket", "سلة", ["doum", "osier"], ["doum palm", "wicker"]),
    "textiles": ("Coussin", "cushion", "وسادة", ["laine", "lin"], ["wool", "linen"]),
    "metalware": ("Plateau", "tray", "صينية", ["laiton", "fer forgé"], ["brass", "wrought iron"]),
    "jewelry": ("Bracelet", "bracelet", "سوار", ["argent"], ["silver"]),
}
STYLES = [("berbère", "Berber", "أمازيغي"), ("fassi", "Fassi", "فاسي"), ("moderne", "modern", "عصري"),
          ("ancien", "vintage", "قديم"), ("brodé", "embroidered", "مطرز"), ("peint", "painted", "مرسوم")]
COLOURS = [("rouge", "red"), ("bleu", "blue"), ("vert", "green"), ("noir", "black"), ("blanc", "white"),
           ("ocre", "ochre"), ("safran", "saffron"), ("indigo", "indigo")]
LANG_SETS = [("fr",), ("en",), ("ar",), ("fr", "en"), ("fr", "ar"), ("fr", "en", "ar")]


def timed(label: str, started: float) -> float:
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.1f} s", flush=True)
    return elapsed


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def generate() -> None:
    """Makers and products inserted in bulk (the benchmark measures reads, not the catalog's write path)."""
    if Product.objects.filter(sku__startswith="BENCH-").count() >= N_PRODUCTS:
        return
    started = time.perf_counter()
    owner = accounts.user_create(email=f"bench-{int(time.time())}@bench.test", password="bench-password-123",
                                 verified=True)
    makers = []
    for n in range(N_MAKERS):
        makers.append(accounts.organisation_create(
            owner=owner, kind="cooperative", public_name=f"Bench Coopérative {n:03d}",
            slug=f"bench-coop-{n:03d}-{random.randrange(10**6)}", region=random.choice(REGION_CODES),
            city="Fès", crafts=[random.choice(list(CRAFTS))]))
    verified = {m.pk for m in makers[::5]}
    Organisation.objects.filter(pk__in=verified).update(verified_at=timezone.now())
    crafts = list(CRAFTS)
    batch = 5000
    for start in range(0, N_PRODUCTS, batch):
        products, specs = [], []
        for i in range(start, min(start + batch, N_PRODUCTS)):
            craft = crafts[i % len(crafts)]
            fr_noun, en_noun, ar_noun, fr_materials, en_materials = CRAFTS[craft]
            m = random.randrange(len(fr_materials))
            style = random.choice(STYLES)
            colour = random.choice(COLOURS)
            maker = makers[i % N_MAKERS]
            products.append(Product(
                organisation=maker, sku=f"BENCH-{i:06d}", craft_family_id=craft, technique="fait main",
                materials=[{"name": en_materials[m], "percent": None}], region=maker.region, city="Fès",
                moq=random.choice([1, 2, 5, 10, 20, 50, 100, 300]), production_days=random.choice([5, 10, 20, 30, 45, 60, 90]),
                monthly_capacity=random.choice([None, 20, 100, 500]), length_cm=Decimal(random.randrange(20, 300)),
                is_public=True, status=Product.Status.READY))
            specs.append((fr_noun, en_noun, ar_noun, fr_materials[m], en_materials[m], style, colour,
                          random.choice(LANG_SETS)))
        with transaction.atomic():
            Product.objects.bulk_create(products, batch_size=1000)
            if connection.vendor == "sqlite" or products[0].pk is None:
                ids = dict(Product.objects.filter(sku__in=[x.sku for x in products]).values_list("sku", "pk"))
                for x in products:
                    x.pk = ids[x.sku]
            texts, variants = [], []
            for product, (fr_n, en_n, ar_n, fr_m, en_m, style, colour, langs) in zip(products, specs, strict=True):
                titles = {"fr": f"{fr_n} {style[0]} en {fr_m} {colour[0]}",
                          "en": f"{colour[1].capitalize()} {style[1]} {en_m} {en_n}",
                          "ar": f"{ar_n} {style[2]}"}
                for lang in langs:
                    texts.append(ProductText(product_id=product.pk, language_code=lang, title=titles[lang],
                                             description=f"{titles[lang]} — {product.sku}"))
                variants.append(Variant(product_id=product.pk, sku=f"{product.sku}-1",
                                        price_mad=Decimal(random.randrange(50, 20000)), stock=3))
            ProductText.objects.bulk_create(texts, batch_size=2000)
            Variant.objects.bulk_create(variants, batch_size=2000)
    timed(f"generate {N_PRODUCTS} products", started)


QUERIES = [
    "tapis", "rug", "زربية", "tapiss", "rugg", "lanterne", "lantern", "فانوس", "lantren", "laiton", "brass",
    "tapis berbère", "red wool rug", "zellige", "zelige", "panier doum", "basket", "cuir", "leather bag",
    "sac en cuir de chèvre", "plateau", "tray", "bracelet argent", "silver", "coussin", "cushion indigo",
    "boîte thuya", "cedar box", "plat", "terracotta dish", "سلة", "حقيبة", "صينية", "vintage", "fassi",
    "x" * 10_000, "'; DROP TABLE catalog_product; --", 'NEAR(tapis rug) OR "*"', "",
]
FILTERS = [{}, {"craft": ["rugs"]}, {"material": ["wool"]}, {"verified": ["yes"]}, {"moq": ["2-10"]},
           {"lead_time": ["8-30"], "craft": ["lighting"]}, {"price": ["250-1000"]}]


def bench_search() -> dict:
    started = time.perf_counter()
    index = index_store.sync_now()  # as at deploy time (a request would leave a large gap to a background thread)
    sync_seconds = timed(f"index file sync ({index.state()[0]} documents)", started)
    selectors.search(query="tapis")  # loads the embedding model once
    latencies = []
    for round_number in range(3):
        for q in QUERIES:
            for f in random.sample(FILTERS, 3):
                sort = random.choice(["relevance", "relevance", "newest", "price"])
                t = time.perf_counter()
                page = selectors.search(query=q, filters=f, sort=sort, currency="EUR" if round_number else "MAD")
                latencies.append((time.perf_counter() - t) * 1000)
                assert page.total >= 0
    figures = {"search_queries": len(latencies), "search_p50_ms": round(p(latencies, 0.5), 1),
               "search_p95_ms": round(p(latencies, 0.95), 1), "search_max_ms": round(max(latencies), 1),
               "index_sync_s": round(sync_seconds, 1)}
    for q in ("tapis", "rug", "زربية", "tapiss", "rugg"):
        top = selectors.search(query=q, per_page=5)
        figures[f"top5_crafts[{q}]"] = [r["craft"] for r in top.results]
        figures[f"total[{q}]"] = top.total
    return figures


def bench_product_page() -> dict:
    client = Client()
    products = list(Product.objects.filter(sku__startswith="BENCH-").values_list("organisation__slug", "sku")[:5000])
    sample = random.sample(products, 300)
    client.get(f"/marketplace/makers/{sample[0][0]}/{sample[0][1]}/")
    latencies = []
    for slug, sku in sample:
        t = time.perf_counter()
        response = client.get(f"/marketplace/makers/{slug}/{sku}/", {"currency": "EUR"})
        latencies.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
    return {"product_page_requests": len(latencies), "product_page_p50_ms": round(p(latencies, 0.5), 1),
            "product_page_p95_ms": round(p(latencies, 0.95), 1)}


def _load_client(port: int, paths: list[str], seconds: float, concurrency: int, out) -> None:
    """A second process: `concurrency` threads with keep-alive connections, for `seconds`."""
    import threading

    deadline = time.perf_counter() + seconds
    results: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local, local_errors = [], 0
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths))
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    local_errors += 1
            except (OSError, http.client.HTTPException):
                local_errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            local.append((time.perf_counter() - t) * 1000)
        with lock:
            results.extend(local)
            errors[0] += local_errors

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    out.put({"requests": len(results), "errors": errors[0], "seconds": round(elapsed, 1),
             "req_per_s": round(len(results) / elapsed, 1),
             "p50_ms": round(p(results, 0.5), 1) if results else None,
             "p95_ms": round(p(results, 0.95), 1) if results else None})


def bench_gunicorn() -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TIJARA_DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "tijara.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--log-level", "warning", "--timeout", "60"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        products = list(Product.objects.filter(sku__startswith="BENCH-")
                        .values_list("organisation__slug", "sku")[:5000])
        paths = [f"/marketplace/makers/{slug}/{sku}/" for slug, sku in random.sample(products, 500)]
        warmed = 0
        for _attempt in range(300):  # wait for the workers, then warm each of them up
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", paths[warmed % len(paths)])
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    warmed += 1
                    if warmed >= 10 * WORKERS:
                        break
            except OSError:
                time.sleep(0.2)
        queue = multiprocessing.get_context("spawn").Queue()
        client = multiprocessing.get_context("spawn").Process(
            target=_load_client, args=(port, paths, LOAD_SECONDS, CONCURRENCY, queue))
        client.start()
        figures = queue.get(timeout=LOAD_SECONDS + 120)
        client.join(timeout=30)
        return {f"gunicorn_{k}": v for k, v in figures.items()} | {"gunicorn_workers": WORKERS,
                                                                    "load_concurrency": CONCURRENCY}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def bench_bm25s_comparison() -> dict:
    """The alternative considered: bm25s in process over the same analysed text (build and query time)."""
    import bm25s

    from tijara.marketplace.search import text

    rows = list(index_store.current_index().db.execute("SELECT title || ' ' || craft || ' ' || materials FROM fts"))
    corpus = [r[0].split() for r in rows]
    started = time.perf_counter()
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    build = time.perf_counter() - started
    latencies = []
    for q in QUERIES[:35]:
        terms = [vocab[t] for w in text.query_words(q) for t in text.query_variants(w) if t in vocab]
        if not terms:
            continue
        t = time.perf_counter()
        retriever.retrieve(bm25s.tokenization.Tokenized(ids=[terms], vocab=vocab), k=20, show_progress=False)
        latencies.append((time.perf_counter() - t) * 1000)
    return {"bm25s_full_build_s": round(build, 1), "bm25s_query_p95_ms": round(p(latencies, 0.95), 1)}


def main() -> None:
    print(f"database: {connection.vendor}; products: {N_PRODUCTS}; data dir: {settings.DATA_DIR}; "
          f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    generate()
    figures = {}
    from tijara.marketplace.models import SearchDocument

    if os.environ.get("BENCH_REBUILD") or SearchDocument.objects.count() < N_PRODUCTS:
        started = time.perf_counter()
        count = services.search_index_rebuild()
        figures = {"search_documents": count, "index_rebuild_s": round(timed("search documents rebuild", started), 1)}
    figures |= bench_search()
    from tijara.marketplace.search import embed

    embed.encode_one("warm-up")  # the model loads once per process (seconds): not part of an update
    from django.urls import reverse

    reverse("marketplace:index")  # so does the URL resolver
    started = time.perf_counter()
    product = Product.objects.filter(sku__startswith="BENCH-").order_by("?").first()
    services.search_index_product(product.pk)
    index_store.current_index()
    figures["one_product_reindex_ms"] = round((time.perf_counter() - started) * 1000, 1)
    started = time.perf_counter()
    selectors.search(query="tapis")  # the first search after a change reloads this process's facet columns
    figures["first_search_after_a_change_ms"] = round((time.perf_counter() - started) * 1000, 1)
    figures |= bench_product_page()
    figures |= bench_gunicorn()
    figures |= bench_bm25s_comparison()
    figures["load_average_after"] = round(os.getloadavg()[0], 1)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    ok = figures["search_p95_ms"] < 150 and figures["product_page_p95_ms"] < 100
    print("targets (search p95 < 150 ms, product page p95 < 100 ms):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
