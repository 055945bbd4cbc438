"""Developer tool (never run by the platform): rebuild the shipped packs from the shared research copies.

    .venv/bin/python src/tijara/markets/data/build_packs.py /work/shared/data

It only selects columns, filters rows and gzips; values are copied as they are. Provenance of every pack is
in `packs.json` (kept by hand) and `README.md`. The platform reads only the files in this folder.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CEPII_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "ZAR": "COD", "PAL": "PSE"}  # ANT, YUG: no current ISO code, dropped


def write(name: str, header: list[str], rows) -> int:
    count = 0
    # mtime=0 keeps the gzip bytes (and so the pack checksums) stable between rebuilds.
    with open(HERE / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        text = io.TextIOWrapper(gz, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
        text.detach()
    print(f"{name}: {count} rows")
    return count


def read(path: Path):
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def main(shared: Path) -> None:
    hs = shared / "hs"
    write("hs_sections.csv.gz", ["section", "name"], ([r["section"], r["name"]] for r in read(hs / "hs_sections_en.csv")))
    for ed in ("2017", "2022"):
        cols = ["section", "hscode", "description", "parent", "level"]
        write(f"hs{ed}.csv.gz", cols, ([r[c] for c in cols] for r in read(hs / f"hs{ed}_nomenclature_en.csv")
                                       if r["section"] != "TOTAL" and r["level"]))
    cols = ["cn8", "hs6", "description_en", "description_fr", "supplementary_unit"]
    write("cn2023.csv.gz", cols, ([r[c] for c in cols] for r in read(hs / "cn2023_cn8_en_fr.csv")))
    cols = ["hs6", "product_family_suggested"]
    write("handicraft_hs6.csv.gz", cols, ([r[c] for c in cols] for r in read(hs / "handicraft_hs6_reference.csv")))

    cc = shared / "countries"
    cols = ["ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "ISO3166-1-numeric", "official_name_en", "official_name_fr",
            "official_name_ar", "official_name_es", "Region Name", "Sub-region Name", "Continent",
            "ISO4217-currency_alphabetic_code", "ISO4217-currency_name", "Languages", "Capital"]
    write("countries.csv.gz", cols, ([r[c] for c in cols] for r in read(cc / "country_codes.csv")))
    geo = shared / "gravity"
    cols = ["iso3", "country", "lat", "lon", "city_en"]
    write("cepii_geo.csv.gz", cols, ([CEPII_TO_ISO.get(r["iso3"], r["iso3"])] + [r[c] for c in cols[1:]]
                                     for r in read(geo / "cepii_geodist_geo.csv") if r["iso3"] not in ("ANT", "YUG")))
    cols = ["iso_o", "iso_d", "contig", "comlang_off", "comlang_ethno", "colony", "comcol", "dist", "distcap", "distw"]

    def dist_rows():
        for r in read(geo / "cepii_geodist_dist.csv"):
            if {r["iso_o"], r["iso_d"]} & {"ANT", "YUG"}:
                continue
            yield [CEPII_TO_ISO.get(r["iso_o"], r["iso_o"]), CEPII_TO_ISO.get(r["iso_d"], r["iso_d"])] + [
                r[c] for c in cols[2:]]

    write("cepii_geodist.csv.gz", cols, dist_rows())
    cols = ["exporter", "importer", "year", "trade", "dist", "cntg", "lang", "clny", "rta"]
    write("yotov_gravity_mar.csv.gz", cols, ([r[c] for c in cols] for r in read(geo / "yotov2016_agtpa_gravity.csv")
                                             if "MAR" in (r["exporter"], r["importer"])))

    tf = shared / "tariffs"
    cols = ["hts_code", "hts_dotted", "level_digits", "hs6", "indent", "description", "description_path", "unit",
            "general_rate", "special_rate", "general_rate_effective", "special_rate_effective",
            "morocco_fta_rate_effective", "additional_duties"]
    write("us_hts_2024.csv.gz", cols, ([r[c] for c in cols] for r in read(tf / "us_hts_2024_handicraft_chapters.csv")))
    cols = ["commodity", "description", "cet_duty_rate", "ukgt_duty_rate", "change", "trade_remedy_applies",
            "cet_applies_until_trade_remedy_transition_reviews_concluded", "suspension_applies", "atq_applies"]
    write("uk_global_tariff_2021.csv.gz", cols,
          ([r[c] for c in cols] for r in read(tf / "uk_global_tariff_2021_vs_eu_cet_2020.csv")))

    tr = shared / "trade"
    for name in ("world_imports_by_product", "morocco_exports_by_product", "morocco_handicraft_exports_official",
                 "market_size_estimates"):
        rows = list(read(tr / f"{name}.csv"))
        write(f"{name}.csv.gz", list(rows[0].keys()), (list(r.values()) for r in rows))
    json.loads((HERE / "packs.json").read_text())  # the manifest must stay valid JSON


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
