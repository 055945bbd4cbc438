"""Meta catalog CSV (channel-specs.md §5.1): availability with spaces, price format, 500 px images."""

import csv
import io
from pathlib import Path

from tijara.channels.adapters import adapter
from tijara.channels.inputs import PhotoInput
from tijara.channels.tests import samples

GOLDEN = Path(__file__).parent / "golden"
meta = adapter("meta")
CTX = samples.context("meta")


def test_csv_matches_golden_file():
    samples.check_golden(GOLDEN / "catalog.csv", samples.render(meta, samples.catalog(), CTX, "csv"))


def test_problems_match_golden_file():
    samples.check_golden(GOLDEN / "problems.json", samples.problems_summary(meta, samples.catalog(), CTX))


def test_required_fields_and_values():
    rows = list(csv.DictReader(io.StringIO(samples.render(meta, samples.catalog(), CTX, "csv").decode())))
    assert [r["id"] for r in rows] == ["TIF-RUG-0042", "MRK-BAB-01-38", "MRK-BAB-01-40", "FES-LAN-07"]
    for row in rows:
        for field in ("id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand"):
            assert row[field], field
        assert row["availability"] in {"in stock", "out of stock"}
        assert row["price"].endswith(" USD")
    assert rows[0]["additional_image_link"].count(",") == 1


def test_small_or_png_less_main_image_is_an_error_on_meta():
    item = samples.rug(photos=(PhotoInput("https://cdn.example.ma/a.webp", 400, 400, "webp"),))
    found = {(p.severity, p.rule) for p in meta.map_listing(item, CTX).problems}
    assert ("error", "image_size") in found and ("error", "image_link") in found


def test_title_over_200_characters_is_an_error():
    item = samples.acceptance(160)
    assert "title_length" not in {p.rule for p in meta.map_listing(item, CTX).problems}
    long = samples.rug(text=type(item.text)("en", "x" * 201, "d"))
    assert "title_length" in {p.rule for p in meta.map_listing(long, CTX).problems}
