"""Amazon Handmade inventory export (channel-specs.md §4): one row per SKU, S rules as warnings."""

import io
from pathlib import Path

from openpyxl import load_workbook

from tijara.channels.adapters import adapter
from tijara.channels.inputs import TextInput
from tijara.channels.tests import samples

GOLDEN = Path(__file__).parent / "golden"
amazon = adapter("amazon_handmade")
CTX = samples.context("amazon_handmade", production_method="hand-made")


def test_tsv_matches_golden_file():
    samples.check_golden(GOLDEN / "inventory.txt", samples.render(amazon, samples.catalog(), CTX, "tsv"))


def test_problems_match_golden_file():
    samples.check_golden(GOLDEN / "problems.json", samples.problems_summary(amazon, samples.catalog(), CTX))


def test_xlsx_has_the_header_and_one_row_per_ready_sku():
    book = load_workbook(io.BytesIO(samples.render(amazon, samples.catalog(), CTX, "xlsx")), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == amazon.HEADER
    assert [r[0] for r in rows[1:]] == ["TIF-RUG-0042", "MRK-BAB-01-38", "MRK-BAB-01-40", "FES-LAN-07"]
    rug = dict(zip(amazon.HEADER, rows[1], strict=True))
    assert rug["Price"] == "890.00" and rug["Currency"] == "USD" and rug["Country of origin"] == "MA"
    assert rug["Other image URL 1"].endswith("-2.jpg")


def test_uk_title_over_150_is_an_error_elsewhere_only_over_200_a_warning():
    item = samples.rug(text=TextInput("en", "Handwoven rug " * 12, "d"))
    uk = {(p.severity, p.rule) for p in amazon.map_listing(item, samples.context("amazon_handmade", country="GB",
                                                                               production_method="hand-made")).problems}
    us = {(p.severity, p.rule) for p in amazon.map_listing(item, CTX).problems}
    assert ("error", "title_length_uk") in uk
    assert not any(r.startswith("title_length") for _s, r in us)


def test_missing_production_method_is_a_warning():
    found = {(p.severity, p.rule) for p in amazon.map_listing(samples.rug(), samples.context("amazon_handmade")).problems}
    assert ("warning", "production_method") in found
