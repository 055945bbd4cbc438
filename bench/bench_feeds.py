"""Feed speed and memory: a Google XML feed for 10,000 and 100,000 variants, each generated in a fresh process.

Target (issue 8): 100,000 variants in under 20 s with peak memory under 300 MB, and memory that does not grow
with the catalog. The catalog is made here (bulk inserts: 5 variants per product, an English text and a photo
record each, 250 distinct price points); each size is measured in a child process so its peak RSS is its own.
Prices come from the pricing app's landed-cost calculation (cached per distinct input within a run). Run after
`migrate` and `load_reference_data` (scripts/run-bench.sh does both on a scratch data directory).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
# As in production: with DEBUG on, Django keeps every SQL statement of the run in memory.
os.environ.setdefault("TIJARA_DEBUG", "false")

import django  # noqa: E402

django.setup()

from decimal import Decimal  # noqa: E402

from django.db import transaction  # noqa: E402

from tijara.accounts.models import Organisation  # noqa: E402

SIZES = (10_000, 100_000)
VARIANTS_PER_PRODUCT = 5


def rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss it is not inherited across exec)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_catalog(variants: int) -> str:
    """An organisation with `variants` variants (idempotent); returns its slug."""
    from tijara.accounts import services as accounts
    from tijara.accounts.models import User
    from tijara.catalog.models import CraftFamily, Photo, Product, ProductText, Variant
    from tijara.channels import services as channels

    slug = f"bench-feeds-{variants}"
    org = Organisation.objects.filter(slug=slug).first()
    if org is not None and Variant.objects.filter(product__organisation=org).count() == variants:
        Product.objects.filter(organisation=org).update(is_public=True)
        return slug
    if not CraftFamily.objects.filter(code="rugs").exists():
        from tijara.core.crafts import CRAFT_FAMILIES

        CraftFamily.objects.bulk_create([CraftFamily(code=c, name_en=en, name_fr=fr, name_ar=ar, is_builtin=True)
                                         for c, en, fr, ar in CRAFT_FAMILIES], ignore_conflicts=True)
    with transaction.atomic():
        owner = User.objects.filter(email=f"{slug}@bench.test").first() or accounts.user_create(
            email=f"{slug}@bench.test", password="bench-password-123", full_name="Bench")
        org = org or accounts.organisation_create(owner=owner, kind="cooperative", public_name=f"Bench {variants}",
                                                  country="MAR")
        Organisation.objects.filter(pk=org.pk).update(slug=slug)
        org.refresh_from_db()
        products = [Product(organisation=org, sku=f"B{variants}-{i:06d}", craft_family_id="rugs",
                            technique="hand-knotted", materials=[{"name": "wool", "percent": 100}],
                            weight_kg=Decimal("4.5"), length_cm=Decimal("120"), width_cm=Decimal("80"),
                            height_cm=Decimal("2"), hs_code="570110", status="ready", is_public=True)
                    for i in range(variants // VARIANTS_PER_PRODUCT)]
        Product.objects.bulk_create(products, batch_size=2000)
        products = list(Product.objects.filter(organisation=org).order_by("pk"))
        ProductText.objects.bulk_create([
            ProductText(product=p, language_code="en", title=f"Handwoven Berber wool rug {p.sku}",
                        description="Hand-knotted by the cooperative's weavers from undyed wool. " * 4,
                        tags=["rug", "wool"]) for p in products], batch_size=2000)
        Photo.objects.bulk_create([
            Photo(product=p, position=0, original=f"catalog/bench/{p.sku}.jpg", feed=f"catalog/bench/{p.sku}-f.jpg",
                  width=1600, height=1200, feed_width=1600, feed_height=1200, format="JPEG") for p in products],
            batch_size=2000)
        Variant.objects.bulk_create([
            Variant(product=p, sku=f"{p.sku}-{k}", size=f"{120 + 20 * k} x 80 cm", colour="Cream",
                    price_mad=Decimal(1000 + (i * VARIANTS_PER_PRODUCT + k) % 250 * 10), stock=3, position=k)
            for i, p in enumerate(products) for k in range(VARIANTS_PER_PRODUCT)], batch_size=5000)
        channels.connection_create(actor=None, organisation=org, kind="google", country="USA", language="en",
                                   currency="USD", shipping={"price": "45", "service": "Standard"})
    return slug


def child(slug: str) -> None:
    """Generate the feed into a temporary file and print the figures as JSON."""
    from tijara.channels import services
    from tijara.channels.models import ChannelConnection

    connection = ChannelConnection.objects.select_related("organisation").get(organisation__slug=slug, kind="google")
    # Prices are computed when listings are checked (the landed-cost calculation of the pricing app); a feed
    # regeneration reuses them for unchanged variants and reads stock live.
    if "--refresh" in sys.argv:
        start = time.perf_counter()
        services.listings_refresh(connection=connection)
        print(json.dumps({"listings_check_seconds": round(time.perf_counter() - start, 1),
                          "listings_check_peak_rss_mb": round(rss_mb(), 1)}))
        return
    baseline = rss_mb()
    with tempfile.TemporaryFile() as out:
        start, cpu = time.perf_counter(), time.process_time()
        written, blocked = services.feed_write(connection=connection, fmt="xml", out=out)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = out.tell()
    print(json.dumps({"items": written, "blocked": blocked, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                      "peak_rss_mb": round(rss_mb(), 1), "baseline_rss_mb": round(baseline, 1),
                      "size_mb": round(size / 1e6, 1)}))


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    results = {}
    for size in SIZES:
        start = time.perf_counter()
        slug = make_catalog(size)
        made = time.perf_counter() - start
        figures = {}
        for extra in (["--refresh"], []):  # check listings (prices), then generate the feed: one process each
            proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", slug, *extra],
                                  capture_output=True, text=True, check=True, env=os.environ.copy())
            figures.update(json.loads(proc.stdout.strip().splitlines()[-1]))
        figures["catalog_setup_seconds"] = round(made, 1)
        results[size] = figures
        print(f"google xml, {size:>7,} variants: {figures['items']:,} items in {figures['seconds']} s "
              f"({figures['cpu_seconds']} s of CPU; the difference is time waiting for a shared CPU), "
              f"peak RSS {figures['peak_rss_mb']} MB (process baseline {figures['baseline_rss_mb']} MB), "
              f"{figures['size_mb']} MB of XML; listings check before it (prices, rules, quality): "
              f"{figures['listings_check_seconds']} s, peak {figures['listings_check_peak_rss_mb']} MB")
    small, large = results[SIZES[0]], results[SIZES[-1]]
    growth = large["peak_rss_mb"] - small["peak_rss_mb"]
    print(f"memory growth from {SIZES[0]:,} to {SIZES[-1]:,} variants: {growth:+.1f} MB")
    print(f"targets: 100k under 20 s -> {'OK' if large['seconds'] < 20 else 'MISSED'}; peak under 300 MB -> "
          f"{'OK' if large['peak_rss_mb'] < 300 else 'MISSED'}; flat memory (growth < 30 MB) -> "
          f"{'OK' if growth < 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
