"""Shopify product CSV (channel-specs.md §3.1, SHOP-CSV): one row per variant, then image rows."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import BinaryIO

from tijara.channels.adapters.csvutil import csv_writer
from tijara.channels.adapters.grouping import by_product
from tijara.channels.inputs import ChannelContext, ListingInput, Mapped, option_label
from tijara.channels.problems import (
    SHOP_CHANGELOG,
    SHOP_CSV,
    Rule,
    common_problems,
    problem,
    zero_price_problems,
)
from tijara.channels.text import amount, ascii_url, gtin_valid, html_paragraphs, one_line
from tijara.core.sentences import gettext_kept as _

KIND = "shopify"
LABEL = "Shopify"
FORMATS = ("csv",)
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8"}
EXTENSIONS = {"csv": "csv"}

# The documented column set (SHOP-CSV); names must match exactly, order does not matter to Shopify.
HEADER = [
    "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
    "Option1 Name", "Option1 Value", "Option1 Linked To", "Option2 Name", "Option2 Value", "Option2 Linked To",
    "Option3 Name", "Option3 Value", "Option3 Linked To",
    "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
    "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
    "Variant Taxable", "Unit Price Total Measure", "Unit Price Total Measure Unit", "Unit Price Base Measure",
    "Unit Price Base Measure Unit", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
    "SEO Title", "SEO Description", "Google Shopping / Google Product Category", "Google Shopping / Gender",
    "Google Shopping / Age Group", "Google Shopping / MPN", "Google Shopping / Condition",
    "Google Shopping / Custom Product", "Variant Image", "Variant Weight Unit", "Variant Tax Code", "Cost per item",
    "Status",
]

TITLE = Rule("title_required", "V", SHOP_CSV)
HANDLE = Rule("handle", "V", SHOP_CSV)
OPTIONS = Rule("options_max_3", "S", SHOP_CSV, conservative=True)
VARIANTS = Rule("variants_max_2048", "V", SHOP_CHANGELOG)
PRICE = Rule("variant_price", "V", SHOP_CSV)


def handle_for(product_sku: str) -> str:
    """URL slug: lower-case letters, digits and hyphens."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", product_sku.lower())).strip("-")


def _bool(value: bool) -> str:
    return "TRUE" if value else "FALSE"


def map_listing(item: ListingInput, ctx: ChannelContext) -> Mapped:
    """Product and variant columns of one variant (image rows are added by the writer)."""
    text = item.text
    names = list(item.option_names)
    values = dict(item.options)
    fields: dict = {
        "Handle": handle_for(item.product_sku),
        "Title": one_line(text.title) if text else "",
        "Body (HTML)": html_paragraphs(text.description) if text else "",
        "Vendor": one_line(item.brand),
        "Type": item.craft_name,
        "Tags": ", ".join(one_line(t).replace(",", " ") for t in (text.tags if text else ())),
        "Published": "TRUE",
        "Variant SKU": item.sku,
        "Variant Grams": str(int((item.weight_kg or Decimal(0)) * 1000)) if item.weight_kg else "",
        "Variant Weight Unit": "kg" if item.weight_kg else "",
        "Variant Inventory Tracker": "shopify",
        "Variant Inventory Qty": str(max(item.stock, 0)),
        # Made-to-order pieces keep selling at stock 0; a unique piece never does.
        "Variant Inventory Policy": "continue" if item.made_to_order else "deny",
        "Variant Fulfillment Service": "manual",
        "Variant Price": amount(item.price, item.currency) if item.price is not None else "",
        "Variant Requires Shipping": "TRUE",
        "Variant Taxable": "TRUE",
        "Variant Barcode": item.gtin if item.gtin and gtin_valid(item.gtin) else "",
        "Gift Card": "FALSE",
        "Google Shopping / Condition": "new",
        "Google Shopping / Custom Product": _bool(not (item.gtin and gtin_valid(item.gtin))),
        "Google Shopping / Gender": item.gender,
        "Google Shopping / Age Group": item.age_group,
        "Status": "active",
        "_images": [(ascii_url(p.url), p.alt) for p in item.photos],
    }
    if names:
        for index, name in enumerate(names[:3], start=1):
            fields[f"Option{index} Name"] = option_label(name, ctx.language)
            fields[f"Option{index} Value"] = values.get(name, "") or "-"
    else:
        fields["Option1 Name"], fields["Option1 Value"] = "Title", "Default Title"
    found = common_problems(item) + zero_price_problems(item)
    if text is not None and not fields["Title"]:
        found.append(problem(TITLE, "Title", _("a new product needs a title."), _("add a title.")))
    if not fields["Handle"]:
        found.append(problem(HANDLE, "Handle", _("the product SKU gives an empty handle."), _("use letters or digits in the product SKU.")))
    if len(names) > 3:
        found.append(problem(OPTIONS, "Option1 Name", _("more than 3 options."), _("keep at most 3 variant axes.")))
    if item.variant_count > 2048:
        found.append(problem(VARIANTS, "Variant SKU", _("%(n)d variants; a product has at most 2,048.") % {"n": item.variant_count},
                             _("split the product.")))
    return Mapped(sku=item.sku, group=item.product_sku, fields=fields, problems=found, item=item)


PRODUCT_COLUMNS = ("Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
                   "Google Shopping / Google Product Category", "Google Shopping / Gender", "Google Shopping / Age Group",
                   "Google Shopping / Condition", "Google Shopping / Custom Product", "Gift Card", "Status")


def write_feed(mapped, out: BinaryIO, *, ctx: ChannelContext, fmt: str = "csv") -> int:
    """Write the product CSV: for each product its ready variants (product columns on the first), then image rows."""
    count = 0
    with csv_writer(out, HEADER, spreadsheet=True) as writer:
        for batch in by_product(mapped):
            ready = [entry for entry in batch if not entry.blocked]
            if not ready:
                continue
            images = ready[0].fields["_images"]
            for index, entry in enumerate(ready):
                row = dict(entry.fields)
                if index == 0:
                    if images:
                        row["Image Src"], row["Image Position"], row["Image Alt Text"] = images[0][0], "1", images[0][1]
                else:
                    for column in PRODUCT_COLUMNS:
                        row[column] = ""
                    for n in (1, 2, 3):
                        row[f"Option{n} Name"] = ""
                writer.row(row)
                count += 1
            for position, (url, alt) in enumerate(images[1:], start=2):
                writer.row({"Handle": ready[0].fields["Handle"], "Image Src": url, "Image Position": str(position),
                            "Image Alt Text": alt})
    return count
