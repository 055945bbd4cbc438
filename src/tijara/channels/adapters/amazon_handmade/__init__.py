"""Amazon Handmade inventory file (channel-specs.md §4): one row per SKU, as an .xlsx sheet or tab-separated text.

Amazon generates the real template per Handmade category in Seller Central ("Add Products via Upload"); its
column keys are not in the specs, so this export names the fields the specs document and the seller copies
them into the generated template. The Handmade template has no parent/child variations: each variant is a
product of its own.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO

from tijara.channels.inputs import ChannelContext, ListingInput, Mapped
from tijara.channels.problems import (
    ADVICE,
    AMZ_HANDMADE,
    AMZ_IMAGES,
    AMZ_INVENTORY,
    AMZ_TITLE,
    WARNING,
    Rule,
    common_problems,
    problem,
    zero_price_problems,
)
from tijara.channels.text import amount, ascii_url, clean, gtin_valid, is_all_caps, one_line, plain_text
from tijara.core.l10n import num
from tijara.core.sentences import gettext_kept as _

KIND = "amazon_handmade"
LABEL = "Amazon Handmade"
FORMATS = ("xlsx", "tsv")
CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "tsv": "text/tab-separated-values; charset=utf-8"}
EXTENSIONS = {"xlsx": "xlsx", "tsv": "txt"}

HEADER = ["SKU", "Title", "Brand", "Handmade category", "Description", "Bullet point 1", "Bullet point 2",
          "Bullet point 3", "Bullet point 4", "Bullet point 5", "Price", "Currency", "Quantity",
          "Handling time (days)", "Shipping template", "Main image URL",
          *[f"Other image URL {n}" for n in range(1, 9)], "Material", "Colour", "Size", "Country of origin",
          "Production method"]

# Handmade categories (S, Handmade category guidelines) for each craft family.
CATEGORIES = {
    "jewelry": "Jewelry & Watches", "leather": "Clothing, Shoes & Accessories",
    "footwear": "Clothing, Shoes & Accessories", "textiles": "Clothing, Shoes & Accessories",
    "cosmetics": "Beauty & Grooming",
}
PRODUCTION_METHODS = ("hand-made", "hand-altered", "hand-assembled")

TITLE = Rule("title_length", "S", AMZ_TITLE)
TITLE_UK = Rule("title_length_uk", "S", AMZ_TITLE, conservative=True)
TITLE_STYLE = Rule("title_style", "S", AMZ_TITLE)
IMAGES = Rule("images_count", "S", AMZ_IMAGES)
IMAGE_SIZE = Rule("image_size", "S", AMZ_IMAGES)
IMAGE_ZOOM = Rule("image_zoom", "S", AMZ_IMAGES, severity_override=ADVICE)
IMAGE_REQUIRED = Rule("main_image", "S", AMZ_IMAGES, conservative=True)
VARIATIONS = Rule("no_variation_families", "S", AMZ_INVENTORY, severity_override=ADVICE)
BARCODE = Rule("barcode_not_handmade", "V", AMZ_HANDMADE, severity_override=WARNING)
METHOD = Rule("production_method", "V", AMZ_HANDMADE, severity_override=WARNING)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF]")


def map_listing(item: ListingInput, ctx: ChannelContext) -> Mapped:
    """The row of one variant (its own SKU; no variation family)."""
    text = item.text
    description = plain_text(text.description) if text else ""
    lines = [one_line(line.lstrip("-•* ")) for line in description.splitlines() if line.strip()]
    bullets = lines[:5] if len(lines) >= 2 else []
    method = ctx.settings.get("production_method", "")
    fields: dict = {
        "SKU": item.sku,
        "Title": one_line(text.title) if text else "",
        "Brand": one_line(item.brand),
        "Handmade category": CATEGORIES.get(item.craft, "Home & Kitchen"),
        "Description": description,
        "Price": amount(item.price, item.currency) if item.price is not None else "",
        "Currency": item.currency,
        "Quantity": str(item.stock if item.stock > 0 else (1 if item.made_to_order else 0)),
        "Handling time (days)": str(item.production_days if item.made_to_order else ctx.settings.get("max_handling_days") or ""),
        "Shipping template": ctx.settings.get("shipping_template", ""),
        "Main image URL": ascii_url(item.photos[0].url) if item.photos else "",
        "Material": ", ".join(item.materials),
        "Colour": item.colour, "Size": item.size,
        "Country of origin": item.origin_country,
        "Production method": method,
    }
    for n, line in enumerate(bullets, start=1):
        fields[f"Bullet point {n}"] = line
    for n, photo in enumerate(item.photos[1:9], start=1):
        fields[f"Other image URL {n}"] = ascii_url(photo.url)
    found = common_problems(item) + zero_price_problems(item)
    title = fields["Title"]
    if text is not None:
        if len(title) > 200:
            found.append(problem(TITLE, "Title", _("%(n)d characters; most product types allow 200.") % {"n": len(title)},
                                 _("shorten the title to 200 characters or fewer.")))
        if ctx.country == "GB" and len(title) > 150:
            found.append(problem(TITLE_UK, "Title", _("%(n)d characters; the UK title guidelines allow 150.") % {"n": len(title)},
                                 _("shorten the title to 150 characters or fewer.")))
        bad = sorted(set(title) & set("!*£@~"))
        if bad or is_all_caps(title) or _EMOJI.search(title):
            found.append(problem(TITLE_STYLE, "Title", _("no ALL CAPS, emojis or the symbols ! * £ @ ~ in titles."),
                                 _("rewrite the title in plain words.")))
    if not item.photos:
        found.append(problem(IMAGE_REQUIRED, "Main image URL", _("a main image is required."), _("add a product photo on a white background.")))
    else:
        main = item.photos[0]
        longest = max(main.width, main.height)
        if longest and longest < 500:
            found.append(problem(IMAGE_SIZE, "Main image URL", _("the main image is %(px)d px on its longest side; the minimum is 500 px.") % {"px": longest},
                                 _("upload a larger photo.")))
        elif longest and longest < 1000:
            found.append(problem(IMAGE_ZOOM, "Main image URL", _("images under %(px)s px on the longest side cannot be zoomed.") % {"px": num(1000)},
                                 _("upload a photo of %(px)s px or more.") % {"px": num(1000)}))
    if len(item.photos) > 9:
        found.append(problem(IMAGES, "Other image URL 8", _("%(n)d photos: only 1 main and 8 others are sent.") % {"n": len(item.photos)},
                             _("put the best photos first.")))
    if item.variant_count > 1:
        found.append(problem(VARIATIONS, "SKU", _("the Handmade template has no variation families: each variant is listed as its own product."),
                             _("make each variant's title say what differs (size, colour).")))
    if item.gtin and gtin_valid(item.gtin):
        found.append(problem(BARCODE, "SKU", _("the product has a manufacturer barcode: resold factory goods are not accepted in Handmade."),
                             _("list only pieces made, altered or assembled by hand by the artisans.")))
    if method not in PRODUCTION_METHODS:
        found.append(problem(METHOD, "Production method", _("the production method (hand-made, hand-altered or hand-assembled) is not stated."),
                             _("set it in the connection settings.")))
    return Mapped(sku=item.sku, group=item.product_sku, fields=fields, problems=found, item=item)


def write_feed(mapped, out: BinaryIO, *, ctx: ChannelContext, fmt: str = "xlsx") -> int:
    """The ready rows as an .xlsx sheet (openpyxl write-only, streamed) or as tab-separated text."""
    count = 0
    if fmt == "tsv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            text.write("\t".join(HEADER) + "\n")
            for entry in mapped:
                if not entry.blocked:
                    text.write("\t".join(one_line(str(entry.fields.get(c, ""))) for c in HEADER) + "\n")
                    count += 1
            text.flush()
        finally:
            text.detach()
        return count
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Handmade")
    sheet.append(HEADER)
    for entry in mapped:
        if not entry.blocked:
            sheet.append([clean(str(entry.fields.get(c, ""))) for c in HEADER])
            count += 1
    book.save(out)
    return count
