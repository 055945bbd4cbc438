"""Benchmark of the catalog bulk import (issue 7): a 10,000-row XLSX sheet, dry run, apply, re-import.

Target: a 10,000-row file imports in under 60 s. Also times a CSV of the same rows, the export, and a
ZIP of 100 photos (generated images, EXIF stripped, three derivatives each). Runs on a scratch organisation
that it deletes afterwards.
"""

import io
import os
import random
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from PIL import Image  # noqa: E402

from tijara.accounts.models import Organisation, User  # noqa: E402
from tijara.accounts.services import organisation_create, user_create  # noqa: E402
from tijara.catalog import importer, sheet  # noqa: E402
from tijara.catalog.reference import load as load_crafts  # noqa: E402

ROWS = 10_000
FAMILIES = [  # family, HS 2022 subheading, title (fr), material
    ("rugs", "5701.10", "Tapis berbère noué main", "wool 100%"),
    ("pottery", "6912.00", "Tajine en terre cuite peint", "terracotta"),
    ("leather", "4202.21", "Sac en cuir de chèvre", "goat leather"),
    ("lighting", "9405.11", "Lanterne en laiton ciselé", "brass"),
    ("wood", "4420.90", "Boîte en thuya marquetée", "thuya wood"),
    ("basketry", "4602.19", "Panier en doum tressé", "doum palm"),
    ("textiles", "6302.60", "Fouta en coton tissée main", "cotton 100%"),
    ("cosmetics", "1515.90", "Huile d'argan cosmétique", "argan oil"),
]


def rows(n: int) -> list[dict]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        family, hs, title, material = FAMILIES[i % len(FAMILIES)]
        out.append({"sku": f"BENCH-{i:05d}", "craft_family": family, "hs_code": hs, "materials": material,
                    "region": "fes-meknes", "city": "Fès", "length_cm": rng.randint(10, 300),
                    "weight_kg": round(rng.uniform(0.1, 20), 2), "production_days": rng.randint(1, 60),
                    "price_mad": f"{rng.randint(50, 9000)}.00", "stock": rng.randint(0, 40), "status": "ready",
                    "title_fr": f"{title} n° {i}", "title_en": f"Handmade {family} piece no. {i}",
                    "description_fr": f"{title}, fait main au Maroc. Pièce {i}.", "tags_fr": f"{family}; artisanat"})
    return out


def timed(label: str, fn):
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    print(f"{label:<44} {elapsed:7.2f} s")
    return result, elapsed


def main() -> None:
    load_crafts()
    email = "bench-catalog@bench.invalid"
    user = User.objects.filter(email=email).first() or user_create(email=email, password="bench-password-123456")
    Organisation.objects.filter(slug="bench-catalog").delete()
    org = organisation_create(owner=user, kind="cooperative", public_name="Bench catalog", slug="bench-catalog")
    try:
        data = rows(ROWS)
        xlsx, _ = timed(f"write {ROWS:,}-row XLSX", lambda: sheet.write_xlsx(data, language="fr", guide=False))
        csv = sheet.write_csv(data, language="key")
        dry, _ = timed("dry run (XLSX)", lambda: importer.import_products(
            organisation=org, data=xlsx, filename="p.xlsx", dry_run=True))
        applied, t_apply = timed("apply (XLSX, creates everything)", lambda: importer.import_products(
            organisation=org, data=xlsx, filename="p.xlsx", dry_run=False))
        again, _ = timed("re-import (XLSX, everything unchanged)", lambda: importer.import_products(
            organisation=org, data=xlsx, filename="p.xlsx", dry_run=False))
        csv_again, _ = timed("re-import (CSV)", lambda: importer.import_products(
            organisation=org, data=csv, filename="p.csv", dry_run=True))
        _, _ = timed("export XLSX", lambda: importer.export_products(organisation=org, fmt="xlsx"))
        print(f"dry run: {dry.as_dict()['created']} to create, {len(dry.errors)} errors")
        print(f"apply: created={applied.created} errors={len(applied.errors)}; "
              f"re-import: unchanged={again.unchanged} updated={again.updated}; CSV unchanged={csv_again.unchanged}")
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as z:
            for i in range(100):
                img = Image.new("RGB", (1600, 1200), (40 + i, 90, 140))
                buf = io.BytesIO()
                img.save(buf, "JPEG", quality=85)
                z.writestr(f"p{i}.jpg", buf.getvalue())
        photo_sheet = "sku,photos\n" + "".join(f"BENCH-{i:05d},p{i}.jpg\n" for i in range(100))
        photos, t_photos = timed("100 photos from a ZIP (1600x1200)", lambda: importer.import_products(
            organisation=org, data=photo_sheet.encode(), filename="p.csv", dry_run=False,
            zip_data=archive.getvalue()))
        print(f"photos added: {photos.photos_added}; {t_photos / 100 * 1000:.0f} ms per photo")
        verdict = "PASS" if t_apply < 60 and applied.created == ROWS else "FAIL"
        print(f"target: {ROWS:,} rows imported in < 60 s → {t_apply:.1f} s {verdict}")
    finally:
        org.delete()


if __name__ == "__main__":
    main()
