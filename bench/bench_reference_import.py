"""Benchmark: CEPII BACI import speed and memory, then the market finder on the imported flows, and the reference load.

Generates a BACI year file in the real format (t,i,j,k,v,q + country and product code files; one year, every
reporter and partner, rows sorted by exporter, importer and product as BACI ships them) with BENCH_BACI_ROWS rows
(default 5,000,000) of HS 2017 codes, imports it filtered to the craft chapters and converted to HS 2022 with the
shipped weights, and prints rows/second (read and written) and the peak resident memory. Then ranks a split code
(940511, from HS 2017 940510) on the imported flows and times a forced reload of all markets packs.
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

from tijara.markets import importers, ranking, reference  # noqa: E402
from tijara.markets.models import Country, HsCode, TradeFlow  # noqa: E402

ROWS = int(os.environ.get("BENCH_BACI_ROWS", "5000000"))
CHAPTERS = {"42", "44", "46", "57", "64", "69", "71", "94"}


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
        pairs = [(i, j) for i, _a in countries for j, _b in countries if i != j]
        pairs.sort(key=lambda p: (int(p[0]), int(p[1])))
        per_pair = max(1, ROWS // len(pairs))
        products.sort()
        with open(data, "w") as fh:
            fh.write("t,i,j,k,v,q\n")
            written = 0
            for i, j in pairs:
                if written >= ROWS:
                    break
                count = min(per_pair + (1 if rng.random() < (ROWS / len(pairs)) % 1 else 0), ROWS - written)
                for k in sorted(rng.sample(products, count)):
                    q = "NA" if rng.random() < 0.02 else f"{rng.random() * 100:.3f}"
                    fh.write(f"2022,{i},{j},{k},{rng.random() * 1000:.3f},{q}\n")
                written += count
        gen = time.perf_counter() - start
        size_mb = data.stat().st_size / 1e6
        rss_before = peak_mb()
        start = time.perf_counter()
        cpu_start = time.process_time()
        result = importers.import_baci(data=data, country_codes=tmp / "country_codes_V202501.csv",
                                       product_codes=tmp / "product_codes_HS17_V202501.csv", edition="HS17",
                                       year=2022, chapters=CHAPTERS)
        took = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    print(f"BACI file generated: {written:,} rows, {size_mb:.1f} MB in {gen:.1f} s ({len(pairs):,} country pairs)")
    print(f"BACI import (HS 2017 → HS 2022 by weights): read {written:,} rows in {took:.2f} s = "
          f"{written / took:,.0f} rows/s read; wrote {result.rows:,} rows (chapters {','.join(sorted(CHAPTERS))}) = "
          f"{result.rows / took:,.0f} rows/s written; CPU {cpu:.2f} s")
    print(f"Peak RSS: {peak_mb():.0f} MB (before import {rss_before:.0f} MB) — streamed, batches of 20,000 rows")
    ranking.clear_caches()
    start = time.perf_counter()
    lamps = ranking.markets_ranked_for("940511")
    demand = sum(1 for m in lamps.markets if not m.components["demand"].missing)
    print(f"market finder on the import: 940511 ranked in {(time.perf_counter() - start) * 1000:.0f} ms, "
          f"demand level {lamps.demand_level} from {lamps.demand_source!r}; {len(lamps.markets)} ranked, "
          f"{demand} with a product demand figure")
    TradeFlow.objects.filter(pack=result.pack).delete()
    ranking.clear_caches()

    start = time.perf_counter()
    counts = reference.load(verbosity=0, force=True)
    print(f"markets reference packs forced reload: {sum(counts.values()):,} rows in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    reference.load(verbosity=0)
    print(f"markets reference packs unchanged reload (checksums): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
