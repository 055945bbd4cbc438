"""Google feed writers: RSS 2.0 with the g: namespace (lxml incremental writer) and tab-separated text.

Both stream: one item is built, written and dropped at a time, so memory does not grow with the catalog.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import BinaryIO

from lxml import etree

from tijara.channels.inputs import ChannelContext, Mapped
from tijara.channels.text import clean, one_line

G_NS = "http://base.google.com/ns/1.0"
G = f"{{{G_NS}}}"

# The single-valued attributes, in the order they are written (TSV header order too).
SCALARS = (
    "id", "title", "description", "link", "image_link", "availability", "availability_date", "price", "sale_price",
    "brand", "gtin", "identifier_exists", "condition", "google_product_category", "item_group_id", "color", "size",
    "pattern", "material", "gender", "age_group", "shipping_weight", "shipping_length", "shipping_width",
    "shipping_height", "ships_from_country", "min_handling_time", "max_handling_time",
)
REPEATED = ("additional_image_link", "product_type")
SHIPPING_SUBS = ("country", "service", "price")
TSV_HEADER = [*SCALARS[:5], "additional_image_link", *SCALARS[5:], "product_type",
              "shipping(" + ":".join(SHIPPING_SUBS) + ")"]


def _write_item(xf, fields: dict) -> None:
    # Values come cleaned from the mapping (control characters removed), so they are written as they are;
    # lxml escapes &, < and >.
    element = xf.element
    write = xf.write
    with element("item"):
        for name in SCALARS[:5]:
            value = fields.get(name)
            if value:
                with element(G + name):
                    write(value)
        for url in fields.get("additional_image_link", ()):
            with element(G + "additional_image_link"):
                write(url)
        for name in SCALARS[5:]:
            value = fields.get(name)
            if value:
                with element(G + name):
                    write(value)
        for value in fields.get("product_type", ()):
            with element(G + "product_type"):
                write(value)
        for group in fields.get("shipping", ()):
            with element(G + "shipping"):
                for name in SHIPPING_SUBS:
                    if group.get(name):
                        with element(G + name):
                            write(group[name])


def write_xml(mapped: Iterable[Mapped], out: BinaryIO, *, ctx: ChannelContext) -> int:
    """Write an RSS 2.0 feed of the ready items; returns how many were written."""
    count = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("rss", {"version": "2.0"}, nsmap={"g": G_NS}):
            xf.write("\n")
            with xf.element("channel"):
                for tag, value in (("title", ctx.feed_title or ctx.store_name or "Tijara"),
                                   ("link", ctx.store_url or "https://example.invalid"),
                                   ("description", ctx.feed_title or ctx.store_name or "Tijara")):
                    el = etree.Element(tag)
                    el.text = clean(value)
                    xf.write("\n", el)
                for entry in mapped:
                    if entry.blocked:
                        continue
                    xf.write("\n")
                    _write_item(xf, entry.fields)
                    count += 1
                xf.write("\n")
            xf.write("\n")
    return count


def _cell(value: str) -> str:
    return one_line(value)


def _list_cell(values: list[str]) -> str:
    # Repeated values are comma-separated; commas inside a value are URL-encoded (GMC/6324370).
    return ",".join(one_line(v).replace(",", "%2C") for v in values)


def tsv_row(fields: dict) -> list[str]:
    row = [_cell(fields.get(name, "")) for name in SCALARS[:5]]
    row.append(_list_cell(fields.get("additional_image_link", [])))
    row += [_cell(fields.get(name, "")) for name in SCALARS[5:]]
    row.append(_list_cell(fields.get("product_type", [])))
    # shipping(country:service:price): groups comma-separated, empty sub-attributes keep their colons.
    groups = [":".join(one_line(g.get(n, "")).replace(":", " ").replace(",", " ") if n != "price" else g.get(n, "")
                       for n in SHIPPING_SUBS) for g in fields.get("shipping", [])]
    row.append(",".join(groups))
    return row


def write_tsv(mapped: Iterable[Mapped], out: BinaryIO, *, ctx: ChannelContext) -> int:
    """Write the tab-separated feed (UTF-8, header row of English attribute names)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        text.write("\t".join(TSV_HEADER) + "\n")
        count = 0
        for entry in mapped:
            if entry.blocked:
                continue
            text.write("\t".join(tsv_row(entry.fields)) + "\n")
            count += 1
        text.flush()
    finally:
        text.detach()
    return count
