"""Export documents speed: a bundle of 50 lines (invoice, packing list, CN23, origin data and notes as a PDF in two
languages, the XLSX invoices and the JSON data), from the catalog to the files (target < 3 s)."""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from tijara.accounts import services as accounts  # noqa: E402
from tijara.catalog import services as catalog  # noqa: E402
from tijara.documents import services  # noqa: E402

LINES = 50
BUYER = {"name": "Maison Atlas SARL", "address": "12 rue des Tanneurs, 69001 Lyon", "country": "FRA"}


def run() -> None:
    owner = accounts.user_create(email="bench-documents@tijara.test", password="bench-documents-42", verified=True)
    org = accounts.organisation_create(owner=owner, kind="cooperative", public_name="Bench documents",
                                       city="Fès", ice="001525839000090", rc_number="12345")
    for n in range(LINES):
        product = catalog.product_create(
            actor=owner, organisation=org, sku=f"RUG-{n:03d}", craft_family="rugs", hs_code="570110",
            weight_kg=f"{5 + n % 7}.5", packed_weight_kg=f"{6 + n % 7}.5", packed_length_cm="160",
            packed_width_cm="40", packed_height_cm="40", imported_materials="no",
            texts={"fr": {"title": f"Tapis Beni Ouarain n° {n}"}, "ar": {"title": f"زربية بني وراين رقم {n}"}})
        catalog.variant_create(actor=owner, product=product, price_mad=str(1500 + 37 * n), stock=3)
    lines = [{"sku": f"RUG-{n:03d}", "quantity": 1 + n % 3} for n in range(LINES)]
    services.bundle_for(organisation=org, lines=lines[:2], market="FRA", buyer=BUYER, language="ar")  # warm-up
    compose_times, total_times, cpu_times = [], [], []
    for _round in range(3):
        cpu = time.process_time()
        start = time.perf_counter()
        bundle = services.bundle_for(organisation=org, lines=lines, market="FRA", buyer=BUYER, place="Lyon",
                                     language="ar")
        composed = time.perf_counter()
        files = services.bundle_files(bundle=bundle)
        end = time.perf_counter()
        cpu_times.append(time.process_time() - cpu)
        compose_times.append(composed - start)
        total_times.append(end - start)
    size = sum(len(content) for _name, content in files)
    print(f"documents bundle, {LINES} lines, {len(bundle.parcels)} parcels, ar+fr, {len(files)} files "
          f"({size // 1024} KiB): n={len(total_times)} median {statistics.median(total_times) * 1000:.0f} ms, "
          f"max {max(total_times) * 1000:.0f} ms (target < 3000 ms); of which gathering and composing "
          f"median {statistics.median(compose_times) * 1000:.0f} ms; CPU time median "
          f"{statistics.median(cpu_times) * 1000:.0f} ms (the wall time includes waiting for a shared CPU)")


with transaction.atomic():
    run()
    transaction.set_rollback(True)  # leave the data directory as it was
