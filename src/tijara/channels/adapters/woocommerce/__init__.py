"""WooCommerce built-in product CSV importer (channel-specs.md §5.2, WOO-CSV): simple, variable and variation rows."""

from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from tijara.channels.adapters.csvutil import csv_writer
from tijara.channels.adapters.grouping import by_product
from tijara.channels.inputs import ChannelContext, ListingInput, Mapped, option_label
from tijara.channels.problems import WOO_CSV, Rule, common_problems, problem, zero_price_problems
from tijara.channels.text import amount, feed_url, html_paragraphs, is_http_url, one_line
from tijara.core.sentences import gettext_kept as _

KIND = "woocommerce"
LABEL = "WooCommerce"
FORMATS = ("csv",)
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8"}
EXTENSIONS = {"csv": "csv"}

ATTRIBUTE_COLUMNS = [f"Attribute {n} {part}" for n in (1, 2, 3)
                     for part in ("name", "value(s)", "visible", "global", "default")]
HEADER = [
    "ID", "Type", "SKU", "Name", "Published", "Is featured?", "Visibility in catalog", "Short description",
    "Description", "Date sale price starts", "Date sale price ends", "Tax status", "Tax class", "In stock?", "Stock",
    "Backorders allowed?", "Sold individually?", "Low stock amount", "Weight", "Length", "Width", "Height",
    "Allow customer reviews?", "Purchase note", "Sale price", "Regular price", "Categories", "Tags", "Shipping class",
    "Images", "Parent", *ATTRIBUTE_COLUMNS, "Upsells", "Cross-sells", "Grouped products", "External URL",
    "Button text", "Position",
]

IMAGES = Rule("images_absolute_urls", "V", WOO_CSV)
NAME = Rule("name", "V", WOO_CSV)


def _number(value: Decimal | None) -> str:
    return format(value.normalize(), "f") if value else ""


def map_listing(item: ListingInput, ctx: ChannelContext) -> Mapped:
    """Columns of one variant (as a simple product, or a variation of its product)."""
    text = item.text
    images = [feed_url(p.url) for p in item.photos]
    fields: dict = {
        "Type": "simple" if item.variant_count <= 1 else "variation",
        "SKU": item.sku,
        "Name": one_line(text.title) if text else "",
        "Published": "1",
        "Is featured?": "0",
        "Visibility in catalog": "visible",
        "Description": html_paragraphs(text.description) if text else "",
        "Tax status": "taxable",
        "In stock?": "1" if item.stock > 0 or item.made_to_order else "0",
        "Stock": str(max(item.stock, 0)),
        "Backorders allowed?": "1" if item.made_to_order else "0",
        "Sold individually?": "1" if item.one_of_a_kind else "0",
        "Weight": _number(item.weight_kg),
        "Length": _number(item.length_cm), "Width": _number(item.width_cm), "Height": _number(item.height_cm),
        "Allow customer reviews?": "1",
        "Regular price": amount(item.price, item.currency) if item.price is not None else "",
        "Categories": one_line(item.craft_name).replace(",", " "),
        "Tags": ", ".join(one_line(t).replace(",", " ") for t in (text.tags if text else ())),
        "Images": ", ".join(images),
        "Parent": item.product_sku if item.variant_count > 1 else "",
    }
    if item.sale_price is not None and item.price is not None and item.sale_price < item.price:
        fields["Sale price"] = amount(item.sale_price, item.currency)
    for index, (name, value) in enumerate(item.options[:3], start=1):
        fields[f"Attribute {index} name"] = option_label(name, ctx.language)
        fields[f"Attribute {index} value(s)"] = value.replace(",", " ")
        fields[f"Attribute {index} visible"] = "1"
        fields[f"Attribute {index} global"] = "0"
    found = common_problems(item) + zero_price_problems(item)
    if text is not None and not fields["Name"]:
        found.append(problem(NAME, "Name", _("the product name is empty."), _("add a title.")))
    if any(not is_http_url(url) for url in images):
        found.append(problem(IMAGES, "Images", _("image URLs must be absolute http(s) URLs."),
                             _("set TIJARA_SITE_URL to the public address of the platform.")))
    return Mapped(sku=item.sku, group=item.product_sku, fields=fields, problems=found, item=item)


def _parent_row(ready: list[Mapped], language: str) -> dict:
    first = ready[0].fields
    row = {key: first.get(key, "") for key in ("Name", "Published", "Is featured?", "Visibility in catalog",
                                                 "Description", "Tax status", "Allow customer reviews?",
                                                 "Categories", "Tags", "Images")}
    row.update({"Type": "variable", "SKU": ready[0].group, "In stock?": "1"})
    axes: dict[str, list[str]] = {}
    for entry in ready:
        for name, value in (entry.item.options if entry.item else ()):
            values = axes.setdefault(name, [])
            value = value.replace(",", " ")
            if value not in values:
                values.append(value)
    for index, (name, values) in enumerate(list(axes.items())[:3], start=1):
        row[f"Attribute {index} name"] = option_label(name, language)
        row[f"Attribute {index} value(s)"] = ", ".join(values)
        row[f"Attribute {index} visible"] = "1"
        row[f"Attribute {index} global"] = "0"
        row[f"Attribute {index} default"] = values[0]
    return row


def write_feed(mapped, out: BinaryIO, *, ctx: ChannelContext, fmt: str = "csv") -> int:
    """Simple products as one row; a product with variants as a `variable` row followed by its `variation` rows."""
    count = 0
    with csv_writer(out, HEADER, spreadsheet=True) as writer:
        for batch in by_product(mapped):
            ready = [entry for entry in batch if not entry.blocked]
            if not ready:
                continue
            if ready[0].fields["Type"] == "variation":
                writer.row(_parent_row(ready, ctx.language))
                for position, entry in enumerate(ready, start=1):
                    row = dict(entry.fields)
                    row["Images"] = row["Images"].split(", ")[0] if row["Images"] else ""
                    row["Position"] = str(position)
                    writer.row(row)
                    count += 1
            else:
                for entry in ready:
                    writer.row(entry.fields)
                    count += 1
    return count
