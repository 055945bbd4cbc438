"""Benchmark: CEPII BACI import speed and memory, and the markets reference load.

Generates a BACI year file in the real format (t,i,j,k,v,q + country and product code files) with
BENCH_BACI_ROWS rows (default 1,000,000), imports it filtered to the craft chapters, and prints rows/second
(read and written) and the peak resident memory. Then times a forced reload of all markets packs.
"""

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.markets import importers, reference  # noqa: E402
from tijara.markets.models import Country, HsCode, TradeFlow  # noqa: E402

ROWS = int(os.environ.get("BENCH_BACI_ROWS", "1000000"))
CHAPTERS = {"42", "44", "46", "57", "69", "71", "94"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    rng = random.Random(7)
    countries = [(str(int(c.numeric)), c.iso3) for c in Country.objects.exclude(numeric="") if c.numeric.isdigit()]
    products = list(HsCode.objects.filter(edition="2017", level=6).values_list("code", flat=True))
    if not countries or not products:
        sys.exit("Run `tijara load_reference_data` first.")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "country_codes_V202501.csv").write_text(
            "country_code,country_name,country_iso2,country_iso3\n"
            + "".join(f"{n},{iso},XX,{iso}\n" for n, iso in countries))
        (tmp / "product_codes_HS17_V202501.csv").write_text("code,description\n"
                                                           + "".join(f"{k},x\n" for k in products))
        data = tmp / "BACI_HS17_Y2022_V202501.csv"
        start = time.perf_counter()
        seen = set()
        with open(data, "w") as fh:
            fh.write("t,i,j,k,v,q\n")
            written = 0
            while written < ROWS:
                i, j = rng.choice(countries)[0], rng.choice(countries)[0]
                k = rng.choice(products)
                if i == j or (i, j, k) in seen and k[:2] in CHAPTERS:
                    continue
                if k[:2] in CHAPTERS:
                    seen.add((i, j, k))
                q = "NA" if rng.random() < 0.02 else f"{rng.random() * 100:.3f}"
                fh.write(f"2022,{i},{j},{k},{rng.random() * 1000:.3f},{q}\n")
                written += 1
        gen = time.perf_counter() - start
        size_mb = data.stat().st_size / 1e6
        rss_before = peak_mb()
        start = time.perf_counter()
        result = importers.import_baci(data=data, country_codes=tmp / "country_codes_V202501.csv",
                                       product_codes=tmp / "product_codes_HS17_V202501.csv", edition="HS17",
                                       year=2022, chapters=CHAPTERS)
        took = time.perf_counter() - start
    print(f"BACI file generated: {ROWS:,} rows, {size_mb:.1f} MB in {gen:.1f} s")
    print(f"BACI import: read {ROWS:,} rows in {took:.2f} s = {ROWS / took:,.0f} rows/s read; "
          f"wrote {result.rows:,} rows (chapters {','.join(sorted(CHAPTERS))}) = {result.rows / took:,.0f} rows/s written")
    print(f"Peak RSS: {peak_mb():.0f} MB (before import {rss_before:.0f} MB) — streamed, batches of 20,000 rows")
    TradeFlow.objects.filter(pack=result.pack).delete()

    start = time.perf_counter()
    counts = reference.load(verbosity=0, force=True)
    print(f"markets reference packs forced reload: {sum(counts.values()):,} rows in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    reference.load(verbosity=0)
    print(f"markets reference packs unchanged reload (checksums): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
