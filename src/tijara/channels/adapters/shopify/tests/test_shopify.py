"""Shopify product CSV: the exact documented header, one row per variant, image rows (channel-specs.md §3.1)."""

import csv
import io
from pathlib import Path

from tijara.channels.adapters import adapter
from tijara.channels.tests import samples

GOLDEN = Path(__file__).parent / "golden"
shopify = adapter("shopify")
CTX = samples.context("shopify")

# Column names as documented on SHOP-CSV (channel-specs.md §3.1), typed here independently of the adapter.
DOCUMENTED = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published", "Option1 Name", "Option1 Value", "Option1 Linked To", "Option2 Name", "Option2 Value", "Option2 Linked To", "Option3 Name", "Option3 Value", "Option3 Linked To", "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping", "Variant Taxable", "Unit Price Total Measure", "Unit Price Total Measure Unit", "Unit Price Base Measure", "Unit Price Base Measure Unit", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title", "SEO Description", "Google Shopping / Google Product Category", "Google Shopping / Gender", "Google Shopping / Age Group", "Google Shopping / MPN", "Google Shopping / Condition", "Google Shopping / Custom Product", "Variant Image", "Variant Weight Unit", "Variant Tax Code", "Cost per item", "Status"]


def rows():
    return list(csv.reader(io.StringIO(samples.render(shopify, samples.catalog(), CTX, "csv").decode("utf-8"))))


def test_csv_matches_golden_file():
    samples.check_golden(GOLDEN / "products.csv", samples.render(shopify, samples.catalog(), CTX, "csv"))


def test_problems_match_golden_file():
    samples.check_golden(GOLDEN / "problems.json", samples.problems_summary(shopify, samples.catalog(), CTX))


def test_header_is_exactly_the_documented_one():
    assert rows()[0] == DOCUMENTED


def test_one_row_per_variant_then_image_rows_sharing_the_handle():
    table = [dict(zip(DOCUMENTED, r, strict=True)) for r in rows()[1:]]
    handles = [(r["Handle"], r["Variant SKU"], r["Image Src"]) for r in table]
    assert handles == [
        ("tif-rug-0042", "TIF-RUG-0042", "https://cdn.example.ma/tif-rug-0042-1.jpg"),
        ("tif-rug-0042", "", "https://cdn.example.ma/tif-rug-0042-2.jpg"),
        ("tif-rug-0042", "", "https://cdn.example.ma/tif-rug-0042-3.jpg"),
        ("mrk-bab-01", "MRK-BAB-01-38", "https://cdn.example.ma/mrk-bab-01-1.jpg"),
        ("mrk-bab-01", "MRK-BAB-01-40", ""),
        ("mrk-bab-01", "", "https://cdn.example.ma/mrk-bab-01-2.jpg"),
        ("fes-lan-07", "FES-LAN-07", "https://cdn.example.ma/fes-lan-07-1.jpg"),
    ]
    first, second = table[3], table[4]
    assert (first["Option1 Name"], first["Option1 Value"], first["Option2 Name"], first["Option2 Value"]) == (
        "Size", "38", "Color", "Saffron")
    assert (second["Option1 Name"], second["Option1 Value"], second["Title"]) == ("", "40", "")
    assert table[0]["Option1 Name"] == "Title" and table[0]["Option1 Value"] == "Default Title"
    for row in table:
        if row["Variant SKU"]:
            assert row["Variant Inventory Policy"] in {"deny", "continue"}
            assert row["Variant Requires Shipping"] in {"TRUE", "FALSE"}
    assert table[6]["Variant Inventory Policy"] == "continue"  # made to order
    assert table[0]["Variant Inventory Policy"] == "deny"
    assert table[0]["Google Shopping / Custom Product"] == "TRUE"
    assert table[0]["Status"] == "active" and table[0]["Variant Price"] == "890.00"


def test_handle_is_a_slug():
    assert shopify.handle_for("TIF RUG/0042 é") == "tif-rug-0042"


def test_option_names_are_in_the_store_language():
    ctx = samples.context("shopify", language="fr")
    rows = list(csv.DictReader(io.StringIO(samples.render(shopify, samples.catalog(), ctx, "csv").decode("utf-8"))))
    assert "Taille" in {r["Option1 Name"] for r in rows} and "Size" not in {r["Option1 Name"] for r in rows}
