"""Master product variant → Google Merchant Center attributes (channel-specs.md §1, §7)."""

from __future__ import annotations

from decimal import Decimal

from tijara.channels import taxonomy
from tijara.channels.inputs import ChannelContext, ListingInput, Mapped
from tijara.channels.problems import common_problems, landing_page_problems, problem
from tijara.channels.text import amount, clean, feed_url, gtin_valid, one_line, price_text
from tijara.core.sentences import gettext_kept as _

from . import rules


def availability(item: ListingInput) -> str:
    """in_stock when there is stock or the piece is made to order; else out_of_stock."""
    return "in_stock" if item.stock > 0 or item.made_to_order else "out_of_stock"


def handling_days(item: ListingInput, ctx: ChannelContext) -> tuple[int | None, int | None]:
    """(min, max) business days from order to dispatch: the production time for made-to-order pieces."""
    low = ctx.settings.get("min_handling_days")
    high = ctx.settings.get("max_handling_days")
    if item.made_to_order:
        extra = int(high or 0)
        return item.production_days, item.production_days + extra
    return low, high


def _measure(value: Decimal | None, unit: str) -> str:
    return f"{format(value.normalize(), 'f')} {unit}" if value else ""


def map_listing(item: ListingInput, ctx: ChannelContext) -> Mapped:
    """Fields and problems of one variant for a Google feed."""
    text = item.text
    photos = item.photos
    category = taxonomy.google_category_for(item.craft, item.google_category, item.type_category)
    fields: dict = {
        "id": clean(item.sku),
        "title": one_line(text.title) if text else "",
        "description": clean(text.description).strip() if text else "",
        "link": feed_url(item.link) if item.link else "",
        "image_link": feed_url(photos[0].url) if photos else "",
        "additional_image_link": [feed_url(p.url) for p in photos[1:11]],
        "availability": availability(item),
        "brand": one_line(item.brand),
        "condition": "new",
    }
    if item.price is not None:
        fields["price"] = price_text(item.price, item.currency)
    if item.sale_price is not None and item.price is not None and item.sale_price < item.price:
        fields["sale_price"] = price_text(item.sale_price, item.currency)
    if item.gtin and gtin_valid(item.gtin):
        fields["gtin"] = item.gtin
    else:
        # Handmade, one-of-a-kind: no manufacturer barcode (GMC/6324478).
        fields["identifier_exists"] = "no"
        if item.gtin:
            fields["gtin"] = clean(item.gtin)
    if category:
        fields["google_product_category"] = category
    if item.craft_name:
        fields["product_type"] = [one_line(" > ".join(p for p in (item.craft_name, item.technique) if p))]
    if item.variant_count > 1:
        fields["item_group_id"] = clean(item.product_sku)
    for field, value in (("color", item.colour), ("size", item.size), ("pattern", item.pattern),
                         ("gender", item.gender), ("age_group", item.age_group)):
        if value:
            fields[field] = one_line(value)
    if item.materials:
        fields["material"] = "/".join(one_line(m) for m in item.materials[:3])
    fields["shipping"] = [
        {"country": s.country, "service": one_line(s.service), "price": price_text(s.price, item.currency)}
        for s in ctx.shipping
    ]
    if item.weight_kg:
        fields["shipping_weight"] = _measure(item.weight_kg, "kg")
    if item.length_cm and item.width_cm and item.height_cm:
        fields["shipping_length"] = _measure(item.length_cm, "cm")
        fields["shipping_width"] = _measure(item.width_cm, "cm")
        fields["shipping_height"] = _measure(item.height_cm, "cm")
    fields["ships_from_country"] = item.origin_country
    low, high = handling_days(item, ctx)
    if low is not None:
        fields["min_handling_time"] = str(low)
    if high is not None:
        fields["max_handling_time"] = str(high)

    problems = common_problems(item)
    if item.text is not None:
        problems += rules.validate(fields)
    else:
        problems += [p for p in rules.validate(fields) if p.field not in {"title", "description"}]
    problems += landing_page_problems(item, rules.LINK)
    problems += rules.image_size_problems(photos, apparel=bool(category) and taxonomy.is_apparel(category))
    if len(photos) > 11:
        problems += [problem(rules.ADDITIONAL_IMAGES, "additional_image_link",
                                   _("%(n)d photos: only the first 11 (1 main + 10 additional) are sent.") % {"n": len(photos)},
                                   _("put the best photos first."))]
    return Mapped(sku=item.sku, group=item.product_sku, fields=fields, problems=problems, item=item)


__all__ = ["map_listing", "availability", "amount"]
