"""schema.org Product/Offer JSON-LD for the platform's own product pages (channel-specs.md §6, G-ML).

`product_jsonld(product, variant=None, language=..., currency=..., url=...)` takes a catalog product; the
pure `jsonld_for(item, url=...)` takes a `ListingInput`. The markup only states what the page shows: the
text in the page language (none → no name, and the caller should not emit markup), the price in the page
currency when it is above zero (merchant listings need price > 0), availability and condition.
"""

from __future__ import annotations

import json

from tijara.channels.inputs import ListingInput
from tijara.channels.text import amount, one_line, plain_text

SCHEMA = "https://schema.org/"


def availability_url(item: ListingInput) -> str:
    if item.stock > 0:
        return SCHEMA + "InStock"
    if item.one_of_a_kind:
        return SCHEMA + "SoldOut"
    return SCHEMA + ("MadeToOrder" if item.made_to_order else "OutOfStock")


def jsonld_for(item: ListingInput, *, url: str = "", shipping: tuple = ()) -> dict:
    """The Product dict for one variant (the offer is left out when no positive price is known)."""
    data: dict = {"@context": "https://schema.org", "@type": "Product", "sku": item.sku}
    if item.text is not None:
        data["name"] = one_line(item.text.title)
        if item.text.description:
            data["description"] = plain_text(item.text.description)
    if item.photos:
        data["image"] = [p.url for p in item.photos]
    if item.brand:
        data["brand"] = {"@type": "Brand", "name": item.brand}
    if item.materials:
        data["material"] = ", ".join(item.materials)
    for key, value in (("color", item.colour), ("size", item.size), ("pattern", item.pattern)):
        if value:
            data[key] = value
    if item.gtin:
        data["gtin"] = item.gtin
    if item.variant_count > 1:
        data["inProductGroupWithID"] = item.product_sku
    if item.price is not None and item.price > 0:
        offer: dict = {
            "@type": "Offer",
            "price": amount(item.price, item.currency),
            "priceCurrency": item.currency,
            "availability": availability_url(item),
            "itemCondition": SCHEMA + "NewCondition",
        }
        if url:
            offer["url"] = url
        details = []
        for rate in shipping:
            detail = {
                "@type": "OfferShippingDetails",
                "shippingRate": {"@type": "MonetaryAmount", "value": amount(rate.price, item.currency),
                                 "currency": item.currency},
                "shippingDestination": {"@type": "DefinedRegion", "addressCountry": rate.country},
            }
            if rate.min_handling_days is not None and rate.max_handling_days is not None:
                detail["deliveryTime"] = {"@type": "ShippingDeliveryTime", "handlingTime": {
                    "@type": "QuantitativeValue", "minValue": rate.min_handling_days,
                    "maxValue": rate.max_handling_days, "unitCode": "DAY"}}
            details.append(detail)
        if details:
            offer["shippingDetails"] = details[0] if len(details) == 1 else details
        data["offers"] = offer
    return data


def product_jsonld(product, variant=None, *, language: str, currency: str = "MAD", url: str = "") -> dict:
    """JSON-LD for a catalog product (its first variant unless `variant` is given), in `language` and `currency`.

    The text is used only in `language` itself (no fallback to another language); the price is the variant's
    MAD price converted at the latest rate (see `tijara.channels.sources.listing_input_for`).
    """
    from tijara.channels.sources import listing_input_for

    item = listing_input_for(product, variant, language=language, currency=currency, link=url)
    return jsonld_for(item, url=url)


def script_tag(data: dict) -> str:
    """`<script type="application/ld+json">…</script>` with `<`, `>` and `&` escaped for safe inline HTML."""
    body = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{body}</script>'
