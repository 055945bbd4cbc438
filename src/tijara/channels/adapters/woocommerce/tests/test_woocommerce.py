"""WooCommerce product CSV: simple, variable and variation rows (channel-specs.md §5.2)."""

import csv
import io
from pathlib import Path

from tijara.channels.adapters import adapter
from tijara.channels.tests import samples

GOLDEN = Path(__file__).parent / "golden"
woo = adapter("woocommerce")
CTX = samples.context("woocommerce")


def table():
    reader = csv.DictReader(io.StringIO(samples.render(woo, samples.catalog(), CTX, "csv").decode("utf-8")))
    return reader.fieldnames, list(reader)


def test_csv_matches_golden_file():
    samples.check_golden(GOLDEN / "products.csv", samples.render(woo, samples.catalog(), CTX, "csv"))


def test_problems_match_golden_file():
    samples.check_golden(GOLDEN / "problems.json", samples.problems_summary(woo, samples.catalog(), CTX))


def test_rows_types_parents_and_booleans():
    header, rows = table()
    for column in ("ID", "Type", "SKU", "Name", "Published", "Regular price", "Images", "Parent", "Attribute 1 name",
                   "Attribute 1 value(s)", "Attribute 1 visible", "Attribute 1 global", "In stock?", "Stock",
                   "Backorders allowed?"):
        assert column in header
    assert [(r["Type"], r["SKU"], r["Parent"]) for r in rows] == [
        ("simple", "TIF-RUG-0042", ""),
        ("variable", "MRK-BAB-01", ""),
        ("variation", "MRK-BAB-01-38", "MRK-BAB-01"),
        ("variation", "MRK-BAB-01-40", "MRK-BAB-01"),
        ("simple", "FES-LAN-07", ""),
    ]
    for row in rows:
        assert row["Published"] in {"1", "0", "-1"}
        assert row["In stock?"] in {"0", "1"}
        for url in filter(None, row["Images"].split(", ")):
            assert url.startswith("https://")
    variable = rows[1]
    assert (variable["Attribute 1 name"], variable["Attribute 1 value(s)"]) == ("Size", "38, 40")
    assert rows[0]["Sold individually?"] == "1" and rows[4]["Backorders allowed?"] == "1"


def test_variant_axes_are_named_in_the_store_language():
    for language, expected in (("fr", "Taille"), ("ar", "المقاس"), ("en", "Size")):
        ctx = samples.context("woocommerce", language=language)
        rows = list(csv.DictReader(io.StringIO(samples.render(woo, samples.catalog(), ctx, "csv").decode("utf-8"))))
        assert {r["Attribute 1 name"] for r in rows if r["Type"] in ("variable", "variation")} == {expected}
