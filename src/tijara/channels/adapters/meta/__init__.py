"""Meta (Facebook/Instagram) commerce catalog CSV (channel-specs.md §5.1, META-FIELDS)."""

from __future__ import annotations

from typing import BinaryIO

from tijara.channels import taxonomy
from tijara.channels.adapters.csvutil import csv_writer
from tijara.channels.adapters.google.rules import check_price
from tijara.channels.inputs import ChannelContext, ListingInput, Mapped
from tijara.channels.problems import (
    META_FIELDS,
    WARNING,
    Rule,
    common_problems,
    landing_page_problems,
    problem,
)
from tijara.channels.text import (
    feed_url,
    group_part,
    is_http_url,
    one_line,
    plain_text,
    price_text,
    url_extension,
)
from tijara.core.sentences import gettext_kept as _

KIND = "meta"
LABEL = "Meta (Facebook, Instagram)"
FORMATS = ("csv",)
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8"}
EXTENSIONS = {"csv": "csv"}

HEADER = ["id", "title", "description", "availability", "condition", "price", "sale_price", "link", "image_link",
          "additional_image_link", "brand", "google_product_category", "item_group_id", "color", "size", "material",
          "pattern", "gender", "age_group", "shipping"]

ID = Rule("id", "V", META_FIELDS)
TITLE = Rule("title_length", "V", META_FIELDS)
DESCRIPTION = Rule("description_length", "V", META_FIELDS)
PRICE = Rule("price", "V", META_FIELDS)
LINK = Rule("link", "V", META_FIELDS)
IMAGE = Rule("image_link", "V", META_FIELDS)
IMAGE_SIZE = Rule("image_size", "V", META_FIELDS)
BRAND = Rule("brand", "V", META_FIELDS)
ADDITIONAL = Rule("additional_image_link_count", "V", META_FIELDS, severity_override=WARNING)


def map_listing(item: ListingInput, ctx: ChannelContext) -> Mapped:
    """Fields and problems of one variant for a Meta catalog."""
    text = item.text
    photos = item.photos
    fields = {
        "id": item.sku,
        "title": one_line(text.title) if text else "",
        "description": plain_text(text.description) if text else "",
        # Meta's availability values have spaces, unlike Google's.
        "availability": "in stock" if item.stock > 0 or item.made_to_order else "out of stock",
        "condition": "new",
        "price": price_text(item.price, item.currency) if item.price is not None else "",
        "link": feed_url(item.link) if item.link else "",
        "image_link": feed_url(photos[0].url) if photos else "",
        "additional_image_link": ",".join(feed_url(p.url) for p in photos[1:21]),
        "brand": one_line(item.brand),
        "google_product_category": taxonomy.google_category_for(item.craft, item.google_category, item.type_category),
        "item_group_id": item.product_sku if item.variant_count > 1 else "",
        "color": one_line(item.colour), "size": one_line(item.size), "pattern": one_line(item.pattern),
        "material": "/".join(item.materials[:3]), "gender": item.gender, "age_group": item.age_group,
        # COUNTRY:REGION:SERVICE:PRICE groups, comma-separated: a service name never adds a part or a group.
        "shipping": ",".join(f"{s.country}::{group_part(s.service)}:{price_text(s.price, item.currency)}"
                             for s in ctx.shipping),
    }
    if item.sale_price is not None and item.price is not None and item.sale_price < item.price:
        fields["sale_price"] = price_text(item.sale_price, item.currency)
    found = common_problems(item)
    if not 1 <= len(fields["id"]) <= 100:
        found.append(problem(ID, "id", _("the id must have 1 to 100 characters."), _("shorten the variant SKU.")))
    if text is not None:
        if not 1 <= len(fields["title"]) <= 200:
            found.append(problem(TITLE, "title", _("%(n)d characters; the limit is 200.") % {"n": len(fields["title"])},
                                 _("shorten the title to 200 characters or fewer.")))
        if not 1 <= len(fields["description"]) <= 9999:
            found.append(problem(DESCRIPTION, "description", _("%(n)d characters; it must have 1 to 9,999.") % {"n": len(fields["description"])},
                                 _("write a plain-text description of at most 9,999 characters.")))
    if fields["price"]:
        found += check_price("price", fields["price"], rule_positive=PRICE, rule_format=PRICE)
    if not fields["link"] or not is_http_url(fields["link"]):
        found.append(problem(LINK, "link", _("the product page URL is missing or not http(s)."),
                             _("set the public product page URL of the connection.")))
    found += landing_page_problems(item, LINK)
    if not photos:
        found.append(problem(IMAGE, "image_link", _("missing; it is required for every product."), _("add at least one product photo.")))
    else:
        main = photos[0]
        fmt = (main.format or url_extension(main.url)).lower()
        if fmt not in {"jpg", "jpeg", "png"}:
            found.append(problem(IMAGE, "image_link", _("the main image must be JPG or PNG (it is “%(fmt)s”).") % {"fmt": fmt or "?"},
                                 _("upload the photo as JPEG or PNG.")))
        if main.width and main.height and (main.width < 500 or main.height < 500):
            found.append(problem(IMAGE_SIZE, "image_link", _("the main image is %(w)d × %(h)d px; Meta needs at least 500 × 500 px.") % {
                "w": main.width, "h": main.height}, _("upload a photo of at least 500 × 500 px.")))
    if len(photos) > 21:
        found.append(problem(ADDITIONAL, "additional_image_link", _("%(n)d photos: only the first 21 (1 main + 20 additional) are sent.") % {"n": len(photos)},
                             _("put the best photos first.")))
    if not fields["brand"] or len(fields["brand"]) > 100:
        found.append(problem(BRAND, "brand", _("the brand is required and at most 100 characters."),
                             _("set the organisation's public name (at most 100 characters).")))
    return Mapped(sku=item.sku, group=item.product_sku, fields=fields, problems=found, item=item)


def write_feed(mapped, out: BinaryIO, *, ctx: ChannelContext, fmt: str = "csv") -> int:
    """Write the catalog CSV of the ready items."""
    count = 0
    with csv_writer(out, HEADER) as writer:
        for entry in mapped:
            if entry.blocked:
                continue
            writer.row(entry.fields)
            count += 1
    return count
